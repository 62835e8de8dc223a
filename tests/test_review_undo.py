"""The marks that change no article — Enter (mark reviewed), F (flag for a second look, or
clear the flag), U on an unpublished article — are undo steps like every edit, on the one
undo stack and in order with the edits, each named in the Edit menu ("Undo Mark 1 article
reviewed"). Undo and redo put back the exact mark (its time too: "reviewed today" counts
right), a bulk mark is one step, and no undo or redo of a mark writes an article."""

import sqlite3

import pytest
from PySide6.QtCore import Qt

from gui_helpers import open_window, seeds_four_times, shown_rels, wait_states
from newsdesk.core.editorial.review import ReviewStore, store_path
from newsdesk.core.files.paths import data_dir
from newsdesk.ui.table_model import TITLE


@pytest.fixture
def site(tmp_path, seeds_copy):
    return seeds_four_times(tmp_path, seeds_copy)


def records(site) -> dict:
    """The review file's rows, read afresh: path -> (state, at)."""
    db = sqlite3.connect(store_path(site, data_dir()))
    try:
        return {bytes(p).decode(): (s, at) for p, s, at in db.execute("SELECT path, state, at FROM review")}
    finally:
        db.close()


def files(site):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.iterdir()}


def undo_text(window) -> str:
    """What the Edit menu's Undo says."""
    return window.undo_action.text()


def undo(window, qtbot):
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)


def redo(window, qtbot):
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)


def select_rows(window, qtbot, rels):
    for n, rel in enumerate(rels):
        rect = window.table.visualRect(window.proxy.index(shown_rels(window).index(rel), TITLE))
        qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, Qt.ControlModifier if n else Qt.NoModifier,
                         rect.center())
    assert sorted(window.selected_rels()) == sorted(rels)


def test_marks_undo_in_order_with_the_edits_and_write_no_article(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a, b, c = shown_rels(window)[:3]
    on_disk = files(site)
    review = window.review
    window.current.select(a)
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert undo_text(window) == "&Undo Mark 1 article reviewed"
    window.current.select(b)
    qtbot.keyClick(window.table, Qt.Key_Plus)                # an edit: it marks b
    window.current.select(c)
    qtbot.keyClick(window.table, Qt.Key_F)
    assert undo_text(window) == "&Undo Flag 1 article for a second look"
    qtbot.keyClick(window.table, Qt.Key_F)
    assert undo_text(window) == "&Undo Clear the flag of 1 article"
    assert [review.review_of(r) for r in (a, b, c)] == ["reviewed"] * 3
    marked = records(site)
    undo(window, qtbot)                                      # the flag back
    assert review.review_of(c) == "flagged"
    undo(window, qtbot)                                      # no flag, no record: new
    assert review.review_of(c) == "new" and c not in records(site)
    undo(window, qtbot)                                      # the edit, and its mark
    assert review.review_of(b) == "new" and not window.session.library.dirty()
    assert undo_text(window) == "&Undo Mark 1 article reviewed"
    undo(window, qtbot)
    assert review.review_of(a) == "new" and records(site) == {} and review.reviewed_today() == 0
    assert not window.undo_action.isEnabled()
    for _ in range(4):
        redo(window, qtbot)
    assert [review.review_of(r) for r in (a, b, c)] == ["reviewed"] * 3
    assert records(site).keys() == marked.keys()
    assert records(site)[a] == marked[a] and records(site)[c] == marked[c]  # the same records, times and all
    assert review.reviewed_today() == 3
    # not one article was written by any of it (b's edit is unsaved)
    assert files(site) == on_disk
    undo(window, qtbot)
    undo(window, qtbot)
    undo(window, qtbot)
    assert files(site) == on_disk and not window.session.library.dirty()


def test_undoing_a_flag_puts_back_yesterdays_review_exactly(site, tmp_path, qtbot):
    """F on an article reviewed yesterday, then Ctrl+Z: reviewed as it was, not "reviewed today"."""
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a = shown_rels(window)[0]
    window.current.select(a)
    qtbot.keyClick(window.table, Qt.Key_Return)
    window.close()
    db = sqlite3.connect(store_path(site, data_dir()))
    with db:
        db.execute("UPDATE review SET at = at - 86400")
    db.close()
    yesterday = records(site)[a]
    window = open_window(qtbot, site, tmp_path / "config2")
    wait_states(window, qtbot)
    assert window.review.review_of(a) == "reviewed" and window.review.reviewed_today() == 0
    window.current.select(a)
    qtbot.keyClick(window.table, Qt.Key_F)
    assert window.review.review_of(a) == "flagged"
    undo(window, qtbot)
    assert records(site)[a] == yesterday and window.review.reviewed_today() == 0
    qtbot.waitUntil(lambda: "0 reviewed today" in window.counts.text(), timeout=3000)
    redo(window, qtbot)
    assert window.review.review_of(a) == "flagged"


def test_a_bulk_mark_is_one_step(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    rels = shown_rels(window)[:5]
    select_rows(window, qtbot, rels)
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert undo_text(window) == "&Undo Mark 5 articles reviewed"
    assert {window.review.review_of(r) for r in rels} == {"reviewed"} and window.review.reviewed_today() == 5
    select_rows(window, qtbot, rels)
    qtbot.keyClick(window.table, Qt.Key_F)
    assert undo_text(window) == "&Undo Flag 5 articles for a second look"
    undo(window, qtbot)
    assert {window.review.review_of(r) for r in rels} == {"reviewed"}
    undo(window, qtbot)
    assert {window.review.review_of(r) for r in rels} == {"new"} and window.review.reviewed_today() == 0
    assert window.session.undo_stack.index() == 0


def test_u_on_published_and_unpublished_articles_is_one_step(site, tmp_path, qtbot):
    """U unpublishes the published ones (an edit, which marks them) and decides on the
    others (a mark): one key, one undo step, for both."""
    names = sorted(p.name for p in site.iterdir())
    for name in names[:2]:
        path = site / name
        path.write_bytes(path.read_bytes().replace(b"published: false", b"published: true"))
    on_disk = files(site)
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    published, out = names[:2], names[2:4]
    select_rows(window, qtbot, published + out)
    qtbot.keyClick(window.table, Qt.Key_U)
    assert sorted(window.session.library.dirty()) == sorted(published)
    assert {window.review.review_of(r) for r in published + out} == {"reviewed"}
    assert undo_text(window) == "&Undo Unpublish 4 articles"
    undo(window, qtbot)
    assert not window.session.library.dirty()
    assert {window.review.review_of(r) for r in published + out} == {"new"} and records(site) == {}
    redo(window, qtbot)
    assert {window.review.review_of(r) for r in published + out} == {"reviewed"}
    # reverting the unpublish takes back the marks of the edit, not U's decision on the others
    select_rows(window, qtbot, published)
    [revert] = [a for a in window.findChildren(type(window.undo_action)) if a.text() == "Re&vert Selected"]
    revert.trigger()
    assert [window.review.review_of(r) for r in published + out] == ["new", "new", "reviewed", "reviewed"]
    assert files(site) == on_disk
    # U on unpublished articles alone: the mark alone
    select_rows(window, qtbot, names[4:6])
    qtbot.keyClick(window.table, Qt.Key_U)
    assert undo_text(window) == "&Undo Mark 2 articles reviewed"
    assert not window.session.library.dirty() and files(site) == on_disk


def test_a_mark_that_changes_nothing_is_no_step(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    window.current.select(shown_rels(window)[0])
    qtbot.keyClick(window.table, Qt.Key_Return)
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert window.session.undo_stack.count() == 1


def test_the_store_restores_a_mark_exactly(tmp_path):
    store = ReviewStore(store_path(tmp_path / "site", tmp_path / "data"))
    article = {"title": "A"}
    from newsdesk.core.editorial.review import ReviewState
    store.mark({"a.md": article}, ReviewState.REVIEWED, by_edit=True)
    before = store.marks(["a.md", "b.md"])
    assert before["b.md"] == (None, None) and before["a.md"][1] == "null"  # pending: nothing before it
    store.mark({"a.md": article}, ReviewState.FLAGGED)
    assert store.marks(["a.md"])["a.md"][1] is None  # an explicit mark: the editor's own
    store.restore(before)
    assert store.marks(["a.md", "b.md"]) == before
    assert store.take_back(["a.md", "b.md"]) == ["a.md"]
    assert store.marks(["a.md"]) == {"a.md": (None, None)} and store.state("a.md", article) is ReviewState.NEW
    store.close()
