"""Unsaved edits survive a crash: journaled, restored on their original bytes, then
saved the usual way (merged onto whatever the file became meanwhile)."""
import datetime as dt
import pickle

from newsdesk.core.document.edits import Set
from newsdesk.core.editorial.journal import Journal
from newsdesk.core.library.library import Library

A = "000_6e2a0c9c78a5bcbb.txt"


def _open(folder):
    library = Library(folder)
    library.load()
    return library


def _restore(library, journal):
    entries, _ = journal.read()
    changes, new_rows, problems = library.restore(entries)
    library.add(new_rows, [])
    for rel, (_, data) in changes.items():
        library.set_data(rel, data)
    return problems


def test_journal_round_trip_keeps_types(tmp_path, seeds_copy):
    library = _open(seeds_copy)
    when = dt.datetime(2030, 1, 2, 3, 4, tzinfo=dt.timezone.utc)
    library.set_data(A, library.preview(A, Set(("publishedDateTime",), when)))
    journal = Journal(seeds_copy, tmp_path)
    journal.write(library.unsaved())
    entries, written = journal.read()
    assert list(entries) == [A] and entries[A].data["publishedDateTime"] == when and written > 0
    assert entries[A].base == (seeds_copy / A).read_bytes()
    journal.write({})
    assert not journal.path.exists() and journal.read() == ({}, 0.0)


def test_restored_edit_is_merged_onto_a_file_changed_since(tmp_path, seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    journal = Journal(seeds_copy, tmp_path)
    journal.write(library.unsaved())
    del library  # the crash
    path = seeds_copy / A
    path.write_bytes(path.read_bytes().replace(b"heat: -1", b"heat: 9"))  # the pipeline, meanwhile

    library = _open(seeds_copy)
    assert _restore(library, journal) == []
    assert library.is_dirty(A) and library.on_disk == {A: "changed"}
    assert library.rows[library.position(A)].quality == 99
    assert library.save_all() == []
    text = path.read_bytes()
    assert b"quality: 99\n" in text and b"heat: 9\n" in text


def test_restored_edit_of_a_deleted_file_comes_back_as_a_row(tmp_path, seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    journal = Journal(seeds_copy, tmp_path)
    journal.write(library.unsaved())
    (seeds_copy / A).unlink()
    library = _open(seeds_copy)
    _restore(library, journal)
    assert library.on_disk == {A: "deleted"} and library.rows[library.position(A)].quality == 99


def test_damaged_or_foreign_journal_is_ignored(tmp_path, seeds_copy):
    journal = Journal(seeds_copy, tmp_path)
    journal.path.parent.mkdir(parents=True, exist_ok=True)
    journal.path.write_bytes(b"\x80\x04garbage")
    assert journal.read() == ({}, 0.0)

    class Evil:
        def __reduce__(self):
            return (print, ("pwned",))
    journal.path.write_bytes(pickle.dumps({"format": 1, "root": journal.root, "written": 0,
                                           "entries": {A: (b"", {"x": Evil()})}}))
    assert journal.read() == ({}, 0.0)
    assert Journal(tmp_path / "elsewhere", tmp_path).read() == ({}, 0.0)
