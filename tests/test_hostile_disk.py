"""Changes a size-and-mtime check misses are still seen: ``touch -r`` and ``rsync -t`` put
the mtime back (not the ctime), and a file replaced within one tick of the clock keeps
both times (not the inode). The watcher's scan and the index cache see them all."""
import os

import pytest

from newsdesk.core.document.edits import Set
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.library.library import Library

A = b"---\ntitle: \"Same size\"\nquality: 11\n---\n"
B = b"---\ntitle: \"Same size\"\nquality: 22\n---\n"


def put_back_mtime(path, data):
    st = os.stat(path)
    with open(path, "r+b") as f:
        f.write(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as touch -r / rsync -t do
    assert os.stat(path).st_mtime_ns == st.st_mtime_ns and os.stat(path).st_size == st.st_size


def test_a_change_that_keeps_size_and_mtime_is_seen_by_the_scan(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(A)
    library = Library(folder)
    library.load()
    put_back_mtime(folder / "a.md", B)
    done = library.refresh()
    assert done.changed == ["a.md"] and library.rows[0].quality == 22


def test_a_change_that_keeps_size_and_mtime_is_not_served_from_the_cache(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(A)
    cache = IndexCache(tmp_path / "cache.sqlite3")
    [row] = index_files([folder / "a.md"], folder, cache)
    assert row.quality == 11
    put_back_mtime(folder / "a.md", B)
    [row] = index_files([folder / "a.md"], folder, cache)
    assert row.quality == 22


def test_a_file_replaced_with_the_same_size_and_times_is_seen(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(A)
    library = Library(folder)
    library.load()
    st = os.stat(folder / "a.md")
    (folder / "new.tmp").write_bytes(B)
    os.utime(folder / "new.tmp", ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(folder / "new.tmp", folder / "a.md")
    assert library.refresh().changed == ["a.md"]


@pytest.mark.skipif(os.name != "posix", reason="a save's hold on its temporary file is an flock")
def test_opening_a_folder_removes_what_a_crashed_save_left(qtbot, tmp_path):
    import fcntl

    from gui_helpers import open_window
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.md").write_bytes(A)
    stale = folder / "sub" / ".a.md.k3j4h5.newsdesk-tmp"
    stale.write_bytes(b"half a save")
    busy = folder / ".a.md.busy00.newsdesk-tmp"   # a save in another process is writing it
    busy.write_bytes(b"being written")
    young = folder / ".a.md.young0.newsdesk-tmp"  # just made: its save has not locked it yet
    young.write_bytes(b"just made")
    old = os.stat(stale).st_mtime - 3600
    for path in (stale, busy):
        os.utime(path, (old, old))
    fd = os.open(busy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        window = open_window(qtbot, folder, tmp_path / "config")
        qtbot.waitUntil(lambda: not stale.exists(), timeout=5000)
        assert busy.exists() and young.exists()
        assert window.model.rowCount() == 1
    finally:
        os.close(fd)


def test_our_own_saves_are_never_reported_as_changes_on_disk(tmp_path):
    """The watcher's scan reads what the library knows, then the disk; saves landing in
    between (a long save of many articles) must not come back as changes from outside."""
    folder = tmp_path / "site"
    folder.mkdir()
    for n in range(20):
        (folder / f"a{n:02}.md").write_bytes(A)
    library = Library(folder)
    library.load()
    known = library.known()  # the scan looks at the rows...
    for rel in [r.path for r in library.rows]:
        library.set_data(rel, library.preview(rel, Set(("quality",), 99)))
        library.save(rel)  # ...the window saves meanwhile...
    changes = library.scan_files(known)  # ...then the scan looks at the disk
    assert len(changes.rows) == 20
    done = library.apply(changes)
    assert done.changed == [] and done.flagged == [] and done.added == []
    (folder / "a00.md").write_bytes(B)  # a real change from outside is still seen
    assert library.refresh().changed == ["a00.md"]
