"""Ctrl+T (Edit > Add Topic to Selected) opens an empty box: Enter by habit adds nothing;
typing completes from the library (any part of a name, the most used first), a completion
picked is taken with one Return, a name no article has is said to be new, Escape leaves
every article as it was; what is added is in the files once saved."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from gui_helpers import select_title, when_modal
from panel_helpers import data_of, panel_window


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def ctrl_t(window, qtbot, act):
    """Ctrl+T on the table, ``act(dialog, box)`` once the dialog is up; what it returned."""
    got = {}
    when_modal(lambda dialog: got.update(result=act(dialog, dialog.findChild(QLineEdit, "topicName"))))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)  # Ctrl+T is the window's shortcut
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_T, Qt.ControlModifier)
    qtbot.waitUntil(lambda: "result" in got and QApplication.activeModalWidget() is None, timeout=5000)
    return got["result"]


def topics(window):
    return {rel: list(data_of(window, rel).get("topics") or []) for rel in window.before}


def test_it_opens_empty_and_enter_by_habit_adds_nothing(window, qtbot):
    window.table.selectAll()
    before = topics(window)

    def act(dialog, box):
        seen = (box.text(), QApplication.focusWidget() is box,
                dialog.buttons.button(QDialogButtonBox.Ok).isEnabled())
        qtbot.keyClick(box, Qt.Key_Return)
        still = dialog.isVisible()
        qtbot.keyClick(box, Qt.Key_Escape)
        return seen, still
    (text, focused, ok_enabled), still_open = ctrl_t(window, qtbot, act)
    assert (text, focused, ok_enabled, still_open) == ("", True, False, True)
    assert topics(window) == before and window.session.undo_stack.count() == 0


def test_a_new_name_is_said_new_and_added_to_every_selected_article(window, qtbot):
    window.table.selectAll()

    def act(dialog, box):
        qtbot.keyClicks(box, "Zebra  Crossing")
        note = dialog.note.text() if dialog.note.isVisible() else ""
        qtbot.keyClick(box, Qt.Key_Return)
        return note
    note = ctrl_t(window, qtbot, act)
    assert note == "New topic: no article has \u201cZebra Crossing\u201d yet"
    assert all(t[-1] == "Zebra Crossing" for t in topics(window).values())
    said = window.statusBar().currentMessage()
    assert said == "Added a new topic, \u201cZebra Crossing\u201d: no other article has it"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not any(window.session.library.is_dirty(rel) for rel in window.before), timeout=10000)
    assert all(b"  - Zebra Crossing\n" in (window.folder / rel).read_bytes() for rel in window.before)


def test_typing_part_of_a_name_offers_it_and_one_return_takes_it(window, qtbot):
    window.table.selectAll()

    def act(dialog, box):
        qtbot.keyClicks(box, "soft")                    # part of "Microsoft AI", in any case
        popup = box.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        qtbot.keyClick(popup, Qt.Key_Down)
        qtbot.keyClick(popup, Qt.Key_Return)
        return offered, dialog.note.isVisible()
    offered, said_new = ctrl_t(window, qtbot, act)
    assert offered == ["Microsoft AI"] and not said_new
    assert all("Microsoft AI" in t for t in topics(window).values())
    assert window.session.undo_stack.count() == 1


def test_down_in_the_empty_box_lists_every_topic_the_most_used_first(window, qtbot):
    select_title(window, qtbot, "Optical")

    def act(dialog, box):
        qtbot.keyClick(box, Qt.Key_Down)
        popup = box.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        listed = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
        qtbot.keyClick(popup, Qt.Key_Escape)
        qtbot.keyClick(box, Qt.Key_Escape)
        return listed
    counts = window.session.library.topics()
    assert ctrl_t(window, qtbot, act) == sorted(counts, key=lambda t: (-counts[t], t.casefold()))
