"""Discarding an edit takes back the review mark that edit made, and only that one: File >
Revert Selected, the Changes panel's Revert, closing (or reloading, or opening another folder)
and answering Discard, and the crash restore's Discard. An article reviewed before the edit,
or marked explicitly since (Enter, F), keeps its mark; so does one whose edit was saved. What
the window shows is what the review file keeps: the next window sees the same."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from gui_helpers import activate, crash, open_window, seeds_four_times, shown_rels, wait_states, when_modal
from newsdesk.core.editorial.review import ReviewStore, store_path
from newsdesk.core.files.paths import data_dir
from newsdesk.ui.table_model import TITLE


@pytest.fixture
def site(tmp_path, seeds_copy):
    """20 new, unpublished articles (the seeds four times over)."""
    return seeds_four_times(tmp_path, seeds_copy)


def kept(site, rows) -> dict[str, str]:
    """The states the review file keeps, read afresh (what the next window and `index --review` see)."""
    store = ReviewStore(store_path(site, data_dir()))
    try:
        return {rel: s.value for rel, s in store.states(rows).items()}
    finally:
        store.close()


def states(window) -> dict[str, str]:
    rows = {row.path: row for row in window.session.library.rows}
    shown = {rel: window.review.review_of(rel) for rel in rows}
    assert shown == kept(window.session.library.root, rows)
    return shown


def files(site):
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in site.iterdir()}


def key(window, qtbot, rel, *keys):
    window.current.select(rel)
    for k in keys:
        qtbot.keyClick(window.table, k)


def select_rows(window, qtbot, rels):
    """Click the first, Ctrl+click the others."""
    for n, rel in enumerate(rels):
        rect = window.table.visualRect(window.proxy.index(shown_rels(window).index(rel), TITLE))
        qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, Qt.ControlModifier if n else Qt.NoModifier,
                         rect.center())
    assert sorted(window.selected_rels()) == sorted(rels)


def revert_selected(window):
    [action] = [a for a in window.findChildren(QAction) if a.text() == "Re&vert Selected"]
    action.trigger()


def answer(button):
    """The next question ("unsaved changes ... Save them?"): click ``button`` in it."""
    def click(box):
        assert isinstance(box, QMessageBox) and "unsaved changes" in box.text()
        box.button(button).click()
    when_modal(click)


def test_revert_selected_takes_back_only_the_marks_its_edits_made(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a, b, c, d, e, f = shown_rels(window)[:6]
    on_disk = files(site)
    key(window, qtbot, e, Qt.Key_Plus)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)  # e's edit saved ...
    key(window, qtbot, e, Qt.Key_Plus)                       # ... and another one, unsaved
    key(window, qtbot, a, Qt.Key_Plus)                       # edit: reviewed by the edit
    key(window, qtbot, b, Qt.Key_Return, Qt.Key_Plus)        # reviewed before the edit
    key(window, qtbot, c, Qt.Key_Plus, Qt.Key_Return)        # edit, then marked explicitly
    key(window, qtbot, d, Qt.Key_F, Qt.Key_Plus)             # flagged, then edited
    key(window, qtbot, f, Qt.Key_Space, Qt.Key_Plus)         # two edits: the first one marked it
    saved_e = (site / e).read_bytes()
    assert saved_e != on_disk[e][0]
    assert [states(window)[r] for r in (a, b, c, d, e, f)] == ["reviewed"] * 3 + ["flagged"] + ["reviewed"] * 2
    select_rows(window, qtbot, [a, b, c, d, e])
    revert_selected(window)
    assert window.session.library.dirty() == [f]
    after = states(window)
    assert [after[r] for r in (a, b, c, d, e, f)] == ["new", "reviewed", "reviewed", "flagged", "reviewed",
                                                      "reviewed"]
    assert window.review.reviewed_today() == 4  # b, c, e, f
    assert window.session.undo_stack.undoText() == "Revert 5 articles"
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)  # the edits back, and a's mark with them
    assert states(window)[a] == "reviewed" and len(window.session.library.dirty()) == 6
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert states(window)[a] == "new" and window.session.library.dirty() == [f]
    window.current.select(f)
    revert_selected(window)
    assert states(window)[f] == "new" and not window.session.library.dirty()
    # nothing of the reverts reached a file but e's saved edit
    now = files(site)
    assert {n: raw for n, (raw, _) in now.items()} == {n: saved_e if n == e else raw
                                                      for n, (raw, _) in on_disk.items()}
    assert all(now[n][1] == on_disk[n][1] for n in now if n != e)
    window.close()
    again = open_window(qtbot, site, tmp_path / "config2")
    wait_states(again, qtbot)
    assert [states(again)[r] for r in (a, b, c, d, e, f)] == ["new", "reviewed", "reviewed", "flagged", "reviewed",
                                                              "new"]


def test_the_changes_panels_revert_takes_back_the_mark(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a, b = shown_rels(window)[:2]
    key(window, qtbot, a, Qt.Key_Plus)
    key(window, qtbot, b, Qt.Key_Return, Qt.Key_Plus)
    window.changes.show()
    panel = window.changes.panel
    panel.refresh()
    assert panel.list.count() == 2
    panel.list.selectAll()
    qtbot.mouseClick(panel.revert_button, Qt.LeftButton)
    assert not window.session.library.dirty()
    assert states(window)[a] == "new" and states(window)[b] == "reviewed"


@pytest.mark.parametrize("how", ["close", "open"])
def test_closing_or_opening_again_and_answering_discard_takes_back_the_marks(site, tmp_path, qtbot, how):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a, b, c = shown_rels(window)[:3]
    on_disk = files(site)
    key(window, qtbot, a, Qt.Key_P)                          # P: published and reviewed, by the edit
    key(window, qtbot, b, Qt.Key_Return, Qt.Key_Plus)
    key(window, qtbot, c, Qt.Key_Plus, Qt.Key_F)             # flagged after the edit: the editor's own
    assert [states(window)[r] for r in (a, b, c)] == ["reviewed", "reviewed", "flagged"]
    answer(QMessageBox.Discard)
    if how == "close":
        window.close()
        assert not window.isVisible()
        window = open_window(qtbot, site, tmp_path / "config2")
    else:
        with qtbot.waitSignal(window.loaded, timeout=20000):  # (Reload keeps the edits: no question)
            window.open_path(site)
    wait_states(window, qtbot)
    assert not window.session.library.dirty()
    assert [states(window)[r] for r in (a, b, c)] == ["new", "reviewed", "flagged"]
    assert window.review.reviewed_today() == 1
    assert files(site) == on_disk


def test_closing_and_saving_keeps_the_marks(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a = shown_rels(window)[0]
    key(window, qtbot, a, Qt.Key_Plus)
    answer(QMessageBox.Save)
    window.close()
    again = open_window(qtbot, site, tmp_path / "config2")
    wait_states(again, qtbot)
    assert states(again)[a] == "reviewed"
    key(again, qtbot, a, Qt.Key_Plus)   # a new edit of it, discarded: the saved one's mark stays
    revert_selected(again)
    assert states(again)[a] == "reviewed"


@pytest.mark.parametrize("choice", ["Discard", "Restore"])
def test_after_a_crash_discarding_the_restored_edits_takes_back_their_marks(site, tmp_path, qtbot, choice):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a, b = shown_rels(window)[:2]
    on_disk = files(site)
    key(window, qtbot, a, Qt.Key_Plus)
    key(window, qtbot, b, Qt.Key_Return, Qt.Key_Plus)
    qtbot.waitUntil(lambda: sorted(window.session.journal.read()[0]) == sorted([a, b]), timeout=5000)
    crash(window)

    def choose(box):
        [button] = [x for x in box.buttons() if x.text() == choice]
        button.click()
    when_modal(choose)
    again = open_window(qtbot, site, tmp_path / "config2")
    wait_states(again, qtbot)
    if choice == "Restore":  # the edits are back with their marks, and a revert takes those back
        assert sorted(again.session.library.dirty()) == sorted([a, b])
        assert states(again)[a] == "reviewed"
        activate(again, qtbot)
        again.table.setFocus()
        again.table.selectAll()
        revert_selected(again)
    assert not again.session.library.dirty()
    assert states(again)[a] == "new" and states(again)[b] == "reviewed"
    assert files(site) == on_disk
    again.close()
    third = open_window(qtbot, site, tmp_path / "config3")
    wait_states(third, qtbot)
    assert states(third)[a] == "new" and states(third)[b] == "reviewed"


def test_closing_just_after_a_revert_leaves_no_edits_in_the_journal(site, tmp_path, qtbot, monkeypatch):
    """On a slow disk the journal is written up to 300 ms after an edit: closing at once after a
    revert left the reverted edit in it, and the next window offered it back (Restore brought
    the edit back without its mark; nobody had asked for it)."""
    from newsdesk.core.editorial.journal import Journal
    from newsdesk.ui import session as session_mod
    monkeypatch.setattr(session_mod, "JOURNAL_AT_ONCE_S", -1.0)  # every write counts as slow: put off
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a = shown_rels(window)[0]
    key(window, qtbot, a, Qt.Key_Plus)
    qtbot.waitUntil(lambda: list(Journal(site).read()[0]) == [a], timeout=5000)
    revert_selected(window)
    assert states(window)[a] == "new" and list(Journal(site).read()[0]) == [a]  # not written yet
    window.close()
    assert Journal(site).read()[0] == {}
    again = open_window(qtbot, site, tmp_path / "config2")  # no question: nothing to restore
    wait_states(again, qtbot)
    assert states(again)[a] == "new" and not again.session.library.dirty()
