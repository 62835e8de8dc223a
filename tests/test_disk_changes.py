"""The library follows the folder: changed files re-read, new ones added, deleted ones
dropped — except where unsaved edits would be lost: those are kept and flagged."""
import os
import shutil

from newsdesk.core.document.edits import Set
from newsdesk.core.library.library import Library

A = "000_6e2a0c9c78a5bcbb.txt"
B = "001_f48116ce7d4fff05.txt"


def _bump(path, old: bytes, new: bytes):
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    st = os.stat(path)  # a later mtime even on coarse clocks
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _open(folder):
    library = Library(folder)
    library.load()
    return library


def _row(library, rel):
    return library.rows[library.position(rel)]


def test_nothing_changed_finds_nothing(seeds_copy):
    assert not _open(seeds_copy).scan()


def test_clean_article_changed_on_disk_is_reread(seeds_copy):
    library = _open(seeds_copy)
    assert library.draft(A).data["heat"] == -1
    _bump(seeds_copy / A, b"heat: -1", b"heat: 9")
    done = library.refresh()
    assert done.changed == [A] and A in done.reloaded and not done.flagged
    assert _row(library, A).heat == 9 and library.draft(A).data["heat"] == 9


def test_new_and_deleted_files(seeds_copy):
    library = _open(seeds_copy)
    shutil.copy(seeds_copy / A, seeds_copy / "new.txt")
    (seeds_copy / B).unlink()
    done = library.refresh()
    assert done.removed == [B] and [r.path for r in done.added] == ["new.txt"]
    assert sorted(r.path for r in library.rows) == sorted(p.name for p in seeds_copy.iterdir())
    assert [library.position(r.path) for r in library.rows] == list(range(len(library.rows)))


def test_edited_article_changed_on_disk_keeps_the_edit_and_merges_on_save(seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    _bump(seeds_copy / A, b"heat: -1", b"heat: 9")
    done = library.refresh()
    assert done.flagged == [A] and library.on_disk == {A: "changed"}
    assert library.draft(A).data["quality"] == 99 and library.is_dirty(A)
    library.save(A)
    text = (seeds_copy / A).read_bytes()
    assert b"heat: 9\n" in text and b"quality: 99\n" in text and library.on_disk == {}


def test_edited_article_deleted_on_disk_stays_flagged(seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    (seeds_copy / A).unlink()
    done = library.refresh()
    assert done.flagged == [A] and not done.removed and library.on_disk == {A: "deleted"}
    assert library.draft(A).data["quality"] == 99
    assert [str(p.message) for p in library.save_all()] == ["not saved: the file no longer exists"]


def test_file_that_breaks_moves_to_problems_and_back(seeds_copy):
    library = _open(seeds_copy)
    good = (seeds_copy / B).read_bytes()
    (seeds_copy / B).write_bytes(b"---\ntitle: [unclosed\n---\n")
    done = library.refresh()
    assert done.removed == [B] and [os.path.basename(p.path) for p in library.problems] == [B]
    (seeds_copy / B).write_bytes(good)
    done = library.refresh()
    assert not library.problems and [r.path for r in done.added] == [B]


def test_scan_of_one_subfolder(tmp_path, seeds_copy):
    (seeds_copy / "sub").mkdir()
    shutil.copy(seeds_copy / A, seeds_copy / "sub" / "x.txt")
    library = _open(seeds_copy)
    (seeds_copy / B).unlink()  # outside the scanned folder: not looked at
    shutil.copy(seeds_copy / A, seeds_copy / "sub" / "y.txt")
    changes = library.scan(seeds_copy / "sub")
    assert [r.path for r in changes.rows] == ["sub/y.txt"] and changes.gone == []


def test_a_file_read_half_written_shows_its_final_problem_once_the_write_ends(seeds_copy):
    """A shell's ``printf ... > file`` truncates, then writes: a scan between the two read
    it empty ("no front matter"). Once the write ends the file is still unreadable, but for
    another reason: that is news (the Problems list must show the final file's reason), and
    the row taken out is said to be unreadable, not gone (it is still on disk)."""
    library = _open(seeds_copy)
    (seeds_copy / B).write_bytes(b"")                       # truncated: the write has not come yet
    done = library.refresh()
    assert done.removed == [B] and done.unreadable == [B] and done.problems == [B]
    empty = [p.message for p in library.problems]
    (seeds_copy / B).write_bytes(b"---\ntitle: [unclosed\n---\n")   # the write ends: a YAML error
    done = library.refresh()
    assert done.problems == [B] and not done.removed and not done.added
    assert len(library.problems) == 1 and library.problems[0].message != empty[0]
    assert "no front matter" not in str(library.problems[0])
    done = library.refresh()                                 # nothing new since
    assert not done.problems
    (seeds_copy / B).unlink()                                # an unreadable file deleted: out of Problems
    done = library.refresh()
    assert done.problems == [B] and not library.problems and not done.removed


def test_a_row_that_became_unreadable_is_unreadable_not_gone(seeds_copy):
    library = _open(seeds_copy)
    (seeds_copy / B).write_bytes(b"---\ntitle: [unclosed\n---\n")
    (seeds_copy / A).unlink()
    done = library.refresh()
    assert sorted(done.removed) == [A, B] and done.unreadable == [B]
