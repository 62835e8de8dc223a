"""A folder's rows kept whole for its next open (core/indexing/snapshot.py): taken when the
files are unchanged, never when one changed, was added or removed, and a damaged or foreign
snapshot is dropped and written again, never a crash or a wrong row."""
import marshal
import os
import sqlite3

import pytest

from newsdesk.core.indexing import cache as cache_mod
from newsdesk.core.indexing import snapshot as snapshot_mod
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.index import Row, article_paths
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.library.library import Library

SEED = "000_6e2a0c9c78a5bcbb.txt"


@pytest.fixture(autouse=True)
def small_parts(monkeypatch):
    monkeypatch.setattr(snapshot_mod, "PART", 2)  # the five seeds stand in for thousands: three blobs


@pytest.fixture
def parsed(monkeypatch):
    """The files really read (parsed), by name."""
    import newsdesk.core.indexing.index as index_mod
    calls = []
    real = index_mod.index_bytes

    def spy(raw, rel, *a, **k):
        calls.append(rel)
        return real(raw, rel, *a, **k)
    monkeypatch.setattr(index_mod, "index_bytes", spy)
    return calls


@pytest.fixture
def asked(monkeypatch):
    """The files the cache's own rows were asked for."""
    keys = []
    real = IndexCache.lookup

    def spy(self, stats):
        keys.extend(os.path.basename(k) for k in stats)
        return real(self, stats)
    monkeypatch.setattr(IndexCache, "lookup", spy)
    return keys


def load(folder, db):
    """What the window's loader does: the walk in batches, each asked of the snapshot and
    the cache, the rest read; then the snapshot kept. (rows by path, problems, written?)"""
    library = Library(folder, IndexCache(db))
    snapshot = library.last_rows()
    paths = list(library.iter_paths())
    rows, problems = [], []
    for n in range(0, len(paths), 2):
        got, bad, lacking = library.read_cached(paths[n:n + 2], snapshot)
        more, worse = library.read(lacking, snapshot)
        rows += got + more
        problems += bad + worse
    return {r.path: r for r in rows}, problems, snapshot.keep()


def truth(folder):
    """Every row as read from its file, no cache."""
    return {r.path: r for r in index_files(article_paths(folder), folder, None) if isinstance(r, Row)}


def blobs(db):
    return sqlite3.connect(db).execute("SELECT part, blob FROM snapshots ORDER BY part").fetchall()


def _flip_in_a_title(blob: bytes) -> bytes:
    """One letter of a title changed case: marshal reads it, the row would be wrong."""
    title = next(values[0] for _, values in marshal.loads(blob[4:]) if values[0])
    at = blob.index(title.encode("utf-8")) + 1
    assert chr(blob[at]).isalpha()
    return blob[:at] + bytes([blob[at] ^ 0x20]) + blob[at + 1:]


def _retyped(blob: bytes, field: str, value) -> bytes:
    """The blob's rows with one field of another kind, CRC and all sound: a string
    timestamp made the end-of-load sort raise, and every open of the folder stopped."""
    at = cache_mod._ROW_FIELDS.index(field)
    rows = [(key, values[:at] + (value,) + values[at + 1:]) for key, values in marshal.loads(blob[4:])]
    return snapshot_mod._pack(rows)


def set_blob(db, part, blob):
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE snapshots SET blob=? WHERE part=?", (blob, part))


def test_a_second_open_takes_every_row_from_the_snapshot(seeds_copy, tmp_path, parsed, asked):
    db = tmp_path / "c.sqlite3"
    first, _, written = load(seeds_copy, db)
    assert written and len(blobs(db)) == 3 and len(parsed) == 5
    asked.clear()
    again, _, written = load(seeds_copy, db)
    assert again == first == truth(seeds_copy)
    assert len(parsed) == 5 + 5  # truth() parsed them again; the second open parsed nothing
    assert asked == [] and not written, "nothing asked of the cache's rows, nothing written again"


def test_a_file_changed_while_closed_is_read_again_not_taken(seeds_copy, tmp_path, parsed):
    db = tmp_path / "c.sqlite3"
    load(seeds_copy, db)
    target = seeds_copy / SEED
    st = target.stat()
    target.write_bytes(target.read_bytes().replace(b"quality: 43", b"quality: 44"))  # the same size
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime (ctime moved)
    parsed.clear()
    again, _, written = load(seeds_copy, db)
    assert parsed == [SEED] and again[SEED].quality == 44 and written
    parsed.clear()
    third, _, written = load(seeds_copy, db)
    assert parsed == [] and third[SEED].quality == 44 and not written and third == truth(seeds_copy)


def test_files_added_and_removed_while_closed(seeds_copy, tmp_path, parsed):
    db = tmp_path / "c.sqlite3"
    load(seeds_copy, db)
    (seeds_copy / "001_f48116ce7d4fff05.txt").unlink()
    (seeds_copy / "new.md").write_bytes((seeds_copy / SEED).read_bytes().replace(b"quality: 43", b"quality: 5"))
    parsed.clear()
    again, _, written = load(seeds_copy, db)
    assert parsed == ["new.md"] and written
    assert "001_f48116ce7d4fff05.txt" not in again and again["new.md"].quality == 5
    assert again == truth(seeds_copy)
    (seeds_copy / "002_191b5a51e1cb795b.txt").unlink()  # removed only: the snapshot has a row too many
    again, _, written = load(seeds_copy, db)
    assert written and again == truth(seeds_copy)


@pytest.mark.parametrize("damage", [
    lambda blob: blob[:len(blob) // 2],                                 # cut short
    lambda blob: blob[:20] + bytes([blob[20] ^ 0x40]) + blob[21:],      # one bit flipped
    lambda blob: _flip_in_a_title(blob),                                # ...in a value: still loads
    lambda blob: b"",                                                   # emptied
    lambda blob: "not bytes at all",                                    # a foreign value
    lambda blob: snapshot_mod._pack({"a": 1}),                          # a sound blob, not a list
    lambda blob: snapshot_mod._pack([("x",)]),                          # a list, not of rows
    lambda blob: snapshot_mod._pack([(1, (2,))]),                       # rows of the wrong shape
    lambda blob: snapshot_mod._pack([("/x", ("short",))]),               # a row of the wrong length
    lambda blob: _retyped(blob, "timestamp", "2024"),                   # sound, a field of the wrong kind
    lambda blob: _retyped(blob, "topics", 7),                           # ...that the view iterates
], ids=["truncated", "bit-flip", "value-flip", "empty", "text", "dict", "tuple", "shape", "length", "timestamp-text",
        "topics-int"])
def test_a_damaged_snapshot_is_dropped_and_written_again(seeds_copy, tmp_path, damage):
    db = tmp_path / "c.sqlite3"
    first, _, _ = load(seeds_copy, db)
    part, blob = blobs(db)[1]
    set_blob(db, part, damage(blob))
    again, _, written = load(seeds_copy, db)
    assert again == first == truth(seeds_copy) and written
    third, _, written = load(seeds_copy, db)
    assert third == first and not written, "the snapshot written again is whole"


def test_a_missing_part_is_no_row_missing(seeds_copy, tmp_path):
    db = tmp_path / "c.sqlite3"
    first, _, _ = load(seeds_copy, db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM snapshots WHERE part=0")
    again, _, written = load(seeds_copy, db)
    assert again == first and written


def test_a_corrupt_cache_file_is_rebuilt_with_its_snapshot(seeds_copy, tmp_path):
    db = tmp_path / "c.sqlite3"
    first, _, _ = load(seeds_copy, db)
    db.write_bytes(db.read_bytes()[:3000])  # the file cut short (a crash, a full disk)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{db}{suffix}"):
            os.unlink(f"{db}{suffix}")
    again, _, written = load(seeds_copy, db)
    assert again == first and written
    assert load(seeds_copy, db)[0] == first


def test_another_pythons_snapshot_is_dropped_but_the_cache_rows_stay(seeds_copy, tmp_path, monkeypatch, parsed):
    db = tmp_path / "c.sqlite3"
    load(seeds_copy, db)
    monkeypatch.setattr(cache_mod, "_SNAPSHOT_LAYOUT", cache_mod._SNAPSHOT_LAYOUT + "-other")
    parsed.clear()
    again, _, written = load(seeds_copy, db)
    assert parsed == [] and written and again == truth(seeds_copy)


def test_a_value_marshal_cannot_hold_leaves_that_row_to_the_cache(seeds_copy, tmp_path, parsed, asked):
    db = tmp_path / "c.sqlite3"
    dated = seeds_copy / SEED
    dated.write_bytes(dated.read_bytes().replace(b"category: news", b"category: 2023-10-17", 1))
    first, _, _ = load(seeds_copy, db)
    assert str(first[SEED].category) == "2023-10-17" and not isinstance(first[SEED].category, str)
    kept = [key for _, blob in blobs(db) for key, _ in marshal.loads(blob[4:])]
    assert len(kept) == 4 and not any(k.endswith(SEED) for k in kept)
    asked.clear()
    parsed.clear()
    again, _, _ = load(seeds_copy, db)
    assert again == first and parsed == [] and asked == [SEED]


def test_problems_are_not_kept_but_stay_problems(seeds_copy, tmp_path, parsed):
    db = tmp_path / "c.sqlite3"
    (seeds_copy / "bad.md").write_bytes(b"---\ntitle: [\n---\n")
    _, problems, _ = load(seeds_copy, db)
    parsed.clear()
    again, problems_again, written = load(seeds_copy, db)
    assert [str(p) for p in problems_again] == [str(p) for p in problems] and "bad.md:2" in str(problems[0])
    assert parsed == [] and not written
    assert again == truth(seeds_copy)


def open_in_loader(qtbot, folder, db):
    """The window's loader on ``folder``, to its end (the snapshot written after the rows)."""
    from PySide6.QtCore import QThreadPool

    from newsdesk.ui.loader import FolderLoader
    library = Library(folder, IndexCache(db))
    library.read_elsewhere = lambda paths: None  # read here: no worker processes for five files
    loader = FolderLoader(library)
    rows = []
    loader.signals.batch.connect(lambda got, problems, texts: rows.extend(got))
    with qtbot.waitSignal(loader.signals.finished, timeout=20000):
        loader.start()
    assert QThreadPool.globalInstance().waitForDone(20000)
    return {r.path: r for r in rows}


def test_the_windows_loader_opens_from_the_snapshot_and_sees_a_change(qtbot, seeds_copy, tmp_path, parsed,
                                                                      asked):
    db = tmp_path / "c.sqlite3"
    first = open_in_loader(qtbot, seeds_copy, db)
    assert len(blobs(db)) == 3 and first == truth(seeds_copy)
    parsed.clear()
    asked.clear()
    assert open_in_loader(qtbot, seeds_copy, db) == first and parsed == [] and asked == []
    target = seeds_copy / SEED
    target.write_bytes(target.read_bytes().replace(b"quality: 43", b"quality: 7"))
    again = open_in_loader(qtbot, seeds_copy, db)
    assert parsed == [SEED] and again[SEED].quality == 7 and again == truth(seeds_copy)


def test_a_folder_whose_name_is_not_utf8_loads_without_a_snapshot(seeds_copy, tmp_path):
    odd = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9"))  # surrogate escapes: SQLite cannot key it
    os.rename(seeds_copy, odd)
    db = tmp_path / "c.sqlite3"
    first, _, written = load(odd, db)
    assert not written and len(first) == 5
    again, _, _ = load(odd, db)
    assert again == first


def test_a_blob_that_exhausts_memory_leaves_the_load_to_the_cache(seeds_copy, tmp_path, monkeypatch):
    """A forged blob (a sound CRC, a tuple claiming 2**31 items) made marshal raise
    MemoryError, which the load did not catch: it never ended, on every open."""
    db = tmp_path / "c.sqlite3"
    first, _, _ = load(seeds_copy, db)

    def exhausted(data):
        raise MemoryError()
    monkeypatch.setattr(snapshot_mod, "_loads", exhausted)
    again, _, written = load(seeds_copy, db)
    assert again == first == truth(seeds_copy) and written
