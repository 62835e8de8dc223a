"""A review mark comes from an editor looking at an article and acting on it: never from
machinery (edits restored after a crash, a bulk unpublish of duplicates) nor from a key
that changed nothing (P on an article already published). Each undo puts back what its
step set, and only that."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from gui_helpers import activate, open_window, seeds_four_times, shown_rels, wait_states, when_modal
from newsdesk.core.editorial.journal import Journal


@pytest.fixture
def site(tmp_path, seeds_copy):
    """20 new articles (the seeds, four times over: five groups of four duplicates)."""
    return seeds_four_times(tmp_path, seeds_copy)


def reviews(window) -> dict[str, str]:
    """Every article's review state as the window shows it, and as the review file keeps it
    (a fresh read of the records: what the next window and ``newsdesk index --review`` see)."""
    book = window.review
    kept = book.store.states({row.path: row for row in window.session.library.rows})
    shown = {rel: book.review_of(rel) for rel in kept}
    assert shown == {rel: state.value for rel, state in kept.items()}
    return shown


def test_edits_restored_after_a_crash_mark_no_article_reviewed(site, tmp_path, qtbot, monkeypatch):
    """A topic renamed across the library (no editor's look at its 20 articles), then a
    crash: restoring those edits made all 20 Reviewed."""
    from newsdesk.ui.topics import TopicManager
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    manager = TopicManager(window.session, window)
    qtbot.addWidget(manager)
    rows = {manager.table.item(r, 0).text(): r for r in range(manager.table.rowCount())}
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton,
                     pos=manager.table.visualItemRect(manager.table.item(rows["AI"], 0)).center())
    monkeypatch.setattr(manager, "_ask_name", lambda *a: "Machine learning")
    qtbot.mouseClick(manager.rename_button, Qt.LeftButton)
    renamed = window.session.library.dirty()
    assert len(renamed) == 20 and set(reviews(window).values()) == {"new"}
    journal = Journal(site)
    qtbot.waitUntil(lambda: sorted(journal.read()[0]) == sorted(renamed), timeout=5000)
    before = {rel: (site / rel).read_bytes() for rel in renamed}
    # the crash: the window goes without asking or saving
    window.session.undo_stack.clear()
    window.folder_session.release_claim()  # a dead process holds no lock on the folder
    window.session = None
    window.close()

    def restore(box):
        [button] = [b for b in box.buttons() if b.text() == "Restore"]
        button.click()
    when_modal(restore)
    again = open_window(qtbot, site, tmp_path / "config2")
    wait_states(again, qtbot)
    assert sorted(again.session.library.dirty()) == sorted(renamed)
    assert set(reviews(again).values()) == {"new"}
    assert again.review.new_count() == 20 and again.review.reviewed_today() == 0
    # the restore is one undo step; undoing it takes the edits back and marks nothing either
    assert again.session.undo_stack.count() == 1
    again.table.setFocus()
    qtbot.keyClick(again.table, Qt.Key_Z, Qt.ControlModifier)
    assert not again.session.library.dirty()
    assert set(reviews(again).values()) == {"new"} and again.review.reviewed_today() == 0
    qtbot.keyClick(again.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # redo: restored, unmarked
    assert sorted(again.session.library.dirty()) == sorted(renamed)
    assert set(reviews(again).values()) == {"new"}
    qtbot.keyClick(again.table, Qt.Key_S, Qt.ControlModifier)
    for rel in renamed:
        after = (site / rel).read_bytes()
        assert after == before[rel].replace(b"  - AI\n", b"  - Machine learning\n"), rel
    assert set(reviews(again).values()) == {"new"} and again.review.reviewed_today() == 0


def test_unpublishing_duplicates_in_bulk_marks_no_article_reviewed(tmp_path, qtbot, site):
    """Tools > Find Duplicates, "Select All but the First of Each", "Unpublish Selected":
    15 articles nobody had opened went Reviewed."""
    for path in site.iterdir():
        path.write_bytes(path.read_bytes().replace(b"published: false", b"published: true"))
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    order = shown_rels(window)
    window.current.select(order[0])
    qtbot.keyClick(window.table, Qt.Key_Return)  # one the editor did review before: stays so
    before = {rel: (site / rel).read_bytes() for rel in order}
    unpublished = []

    def drive(dialog):
        assert dialog.windowTitle() == "Duplicates"
        qtbot.mouseClick(dialog.keep_first_button, Qt.LeftButton)
        unpublished.extend(dialog.selected_rels())
        qtbot.mouseClick(dialog.unpublish_button, Qt.LeftButton)
        dialog.reject()
    when_modal(drive)
    window.find_duplicates()
    assert len(unpublished) == 15 and sorted(window.session.library.dirty()) == sorted(unpublished)
    expected = {rel: "reviewed" if rel == order[0] else "new" for rel in order}
    assert reviews(window) == expected and window.review.reviewed_today() == 1
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)  # undo: all published again, states as they were
    assert not window.session.library.dirty() and reviews(window) == expected
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert reviews(window) == expected and window.review.reviewed_today() == 1
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    for rel in order:
        after = (site / rel).read_bytes()
        if rel in unpublished:
            assert after == before[rel].replace(b"published: true", b"published: false"), rel
        else:
            assert after == before[rel], rel


def test_p_on_an_article_already_published_changes_nothing_and_marks_nothing(tmp_path, qtbot, site):
    """P on a published article made it Reviewed, with no undo step to take that back."""
    published = sorted(p.name for p in site.iterdir())[:2]
    for name in published:
        path = site / name
        path.write_bytes(path.read_bytes().replace(b"published: false", b"published: true"))
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    before = {p.name: p.read_bytes() for p in site.iterdir()}
    first, second = published
    window.current.select(first)
    qtbot.keyClick(window.table, Qt.Key_P)
    assert not window.session.library.dirty() and window.session.undo_stack.count() == 0
    assert reviews(window)[first] == "new" and window.review.reviewed_today() == 0
    assert "already published" in window.statusBar().currentMessage().lower()
    # a selection of a published and an unpublished article: P marks the one it publishes
    unpublished = next(rel for rel in shown_rels(window) if rel not in published)
    window.current.select(second)
    rect = window.table.visualRect(window.proxy.index(shown_rels(window).index(unpublished), 0))
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, Qt.ControlModifier, rect.center())
    assert sorted(window.selected_rels()) == sorted([second, unpublished])
    qtbot.keyClick(window.table, Qt.Key_P)
    assert window.session.library.dirty() == [unpublished]
    states = reviews(window)
    assert states[second] == "new" and states[unpublished] == "reviewed"
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)  # undo: unpublished and new again
    assert not window.session.library.dirty()
    assert set(reviews(window).values()) == {"new"} and window.review.reviewed_today() == 0
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert reviews(window)[unpublished] == "reviewed" and reviews(window)[second] == "new"
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    for name, raw in before.items():
        after = (site / name).read_bytes()
        assert after == (raw.replace(b"published: false", b"published: true") if name == unpublished else raw), name
    # U on an unpublished article stays the decision to leave it out (the triage pass's reject)
    other = next(rel for rel in shown_rels(window) if rel not in published and rel != unpublished)
    window.current.select(other)
    qtbot.keyClick(window.table, Qt.Key_U)
    assert reviews(window)[other] == "reviewed" and (site / other).read_bytes() == before[other]


def test_reverting_edits_marks_no_article_reviewed(site, tmp_path, qtbot, monkeypatch):
    """Revert drops unsaved edits, as undo does: it is no look at the article either. A topic
    renamed across the library (nothing marked), then File > Revert Selected on all: the 20
    went Reviewed."""
    from newsdesk.ui.topics import TopicManager
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    manager = TopicManager(window.session, window)
    qtbot.addWidget(manager)
    rows = {manager.table.item(r, 0).text(): r for r in range(manager.table.rowCount())}
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton,
                     pos=manager.table.visualItemRect(manager.table.item(rows["AI"], 0)).center())
    monkeypatch.setattr(manager, "_ask_name", lambda *a: "Machine learning")
    qtbot.mouseClick(manager.rename_button, Qt.LeftButton)
    manager.close()
    assert len(window.session.library.dirty()) == 20
    activate(window, qtbot)
    window.table.setFocus()
    window.table.selectAll()
    revert = next(a for a in window.findChildren(QAction) if a.text() == "Re&vert Selected")
    revert.trigger()
    assert not window.session.library.dirty()
    assert set(reviews(window).values()) == {"new"} and window.review.reviewed_today() == 0
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)  # the edits back: still nobody looked
    assert len(window.session.library.dirty()) == 20 and set(reviews(window).values()) == {"new"}
