"""A bulk edit keeps only what it changed: in its undo step, in memory, in the journal."""
from newsdesk.core.document.article import MISSING
from newsdesk.core.document.draft import TopValues
from newsdesk.core.document.edits import Delete, Set
from newsdesk.core.editorial.journal import Journal
from newsdesk.core.library.library import Library
from newsdesk.ui.session import Session


def _session(folder, tmp_path):
    library = Library(folder)
    library.load()
    return Session(library, journal=Journal(folder, tmp_path / "journal"))


def test_a_bulk_publish_keeps_only_the_published_values_and_writes_the_same_bytes(qtbot, seeds_copy, tmp_path):
    session = _session(seeds_copy, tmp_path)
    library = session.library
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    rels = [row.path for row in library.rows if row.published is not True]
    assert len(rels) >= 2
    session.edit("Publish", rels, Set(("published",), True))
    command = session.undo_stack.command(0)
    for rel in rels:
        old, new = command.changes[rel]
        assert isinstance(old, TopValues) and dict(new) == {"published": True}
        assert old["published"] is not True
    assert not any(library.loaded(rel) for rel in rels)  # nothing parsed whole
    assert session.save_all() == []
    after = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    for rel in rels:
        assert after[rel] == before[rel].replace(b"published: false", b"published: true")
    assert library.loaded_rels() == []  # saved, never read whole: let go

    session.undo_stack.undo()  # the files are opened again for it
    assert all(library.is_dirty(rel) for rel in rels)
    assert all(library.rows[library.position(rel)].published is not True for rel in rels)
    assert session.save_all() == []
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == before
    session.undo_stack.redo()
    assert session.save_all() == []
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == after


def test_a_lazy_edit_is_journaled_as_its_changes_and_restored(qtbot, seeds_copy, tmp_path):
    session = _session(seeds_copy, tmp_path)
    rel = session.library.rows[0].path
    session.edit("Quality", [rel], Set(("quality",), 77))
    session.edit("No heat", [rel], Delete(("heat",)))
    session.write_journal()
    entries, _ = session.journal.read()
    entry = entries[rel]
    assert entry.data is None and entry.changes == {"quality": 77} and entry.removed == ("heat",)

    again = _session(seeds_copy, tmp_path)  # after a crash
    changes, _, problems = again.library.restore(entries)
    assert problems == []
    again.push("Restore", changes)
    draft = again.library.draft(rel)
    assert draft.get(("quality",)) == 77 and draft.top("heat") is MISSING
    assert again.save_all() == []
    text = (seeds_copy / rel).read_bytes()
    assert b"quality: 77\n" in text and b"heat:" not in text


def test_reverting_a_lazy_edit_is_one_undoable_step_over_the_edited_keys(qtbot, seeds_copy, tmp_path):
    session = _session(seeds_copy, tmp_path)
    library = session.library
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    rels = [row.path for row in library.rows]
    session.edit("Quality", rels, Set(("quality",), 5))
    session.revert(rels)
    assert library.dirty() == [] and not any(library.loaded(rel) for rel in rels)
    assert {rel: dict(pair[1]) for rel, pair in session.undo_stack.command(1).changes.items()} == \
        {rel: {"quality": library.draft(rel).article.top("quality")} for rel in rels}
    session.undo_stack.undo()  # the revert undone: the edit is back
    assert sorted(library.dirty()) == sorted(rels)
    session.undo_stack.redo()
    assert session.save_all() == [] and {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == before
