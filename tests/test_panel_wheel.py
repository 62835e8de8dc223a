"""No edit without intent: the wheel over the panel scrolls, it never edits."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from gui_helpers import select_title
from newsdesk.ui import wheel_guard
from newsdesk.ui.wheel_guard import guard_wheel
from panel_helpers import data_of, panel_window, wheel


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def files(window):
    return {p.name: p.read_bytes() for p in window.folder.iterdir()}


def test_wheel_over_the_panel_changes_no_data_and_leaves_no_undo_step(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    detail = window.detail
    assert not detail.quality.hasFocus()
    before, steps = data_of(window, rel), window.session.undo_stack.count()
    for widget in (detail.quality, detail.quality.lineEdit(), detail.published, detail.topic_input,
                   detail.topic_list.viewport(), detail.related_view.viewport(), detail.excerpt):
        wheel(widget, -8)
        wheel(widget, 8)
    assert data_of(window, rel) is before and data_of(window, rel)["quality"] == 21
    assert window.session.undo_stack.count() == steps and not window.isWindowModified()
    assert not wheel(detail.quality, -1)  # not taken: Qt hands a real wheel on to the scroll area
    assert files(window) == window.before


def test_without_the_guard_the_wheel_would_edit(window, qtbot):
    """The control: the same events on an unguarded box are the bug of issue 13."""
    rel = select_title(window, qtbot, "Hybrid")
    spin = window.detail.quality
    spin.removeEventFilter(wheel_guard._guard)
    wheel(spin, -8)
    assert data_of(window, rel)["quality"] == 13 and window.session.undo_stack.count() == 8
    guard_wheel(window.detail)
    wheel(spin, -8)
    assert data_of(window, rel)["quality"] == 13


def test_a_focused_quality_box_still_takes_the_wheel(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    spin = window.detail.quality
    qtbot.mouseClick(spin.lineEdit(), Qt.LeftButton)  # clicking it is the intent
    qtbot.waitUntil(spin.hasFocus)
    assert wheel(spin, 2)
    assert data_of(window, rel)["quality"] == 23
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(b"quality: 21", b"quality: 23")


def test_the_bulk_editor_quality_box_is_guarded_too(window, qtbot):
    window.table.selectAll()
    detail = window.detail
    assert detail.rels and not detail.quality.hasFocus()
    wheel(detail.quality, -5)
    assert not window.session.library.dirty() and window.session.undo_stack.count() == 0


def test_every_spin_and_combo_box_of_the_panel_is_guarded(window, qtbot):
    select_title(window, qtbot, "Hybrid")
    guarded = guard_wheel(window.detail)
    assert window.detail.quality in guarded
    assert all(w.focusPolicy() != Qt.WheelFocus for w in guarded)


def test_the_conflict_dialog_choices_ignore_the_wheel_until_focused(qtbot):
    from newsdesk.core.document.merge import Conflict
    from newsdesk.ui.conflicts import ConflictDialog
    dialog = ConflictDialog("a.md", [Conflict(("quality",), 1, 2, 3) for _ in range(3)])
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.table.cellWidget(0, 3)
    assert isinstance(combo, QComboBox) and combo.currentIndex() == 0
    wheel(combo, -2)
    assert combo.currentIndex() == 0
    combo.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    wheel(combo, -1)
    assert combo.currentIndex() == 1
