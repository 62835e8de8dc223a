"""The table's Quality editor is readable: the range's widest number (999) shows whole
beside its arrows in the font in use, even where the column is narrower than that (the
editor reaches over the next cell), right-aligned as the cell is, over a background of
its own, inside the table."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QSpinBox, QStyle, QStyleOptionSpinBox

from gui_helpers import select_title
from newsdesk.ui.table_model import QUALITY
from panel_helpers import panel_window

LINE_EDIT_MARGINS = 2 * 2 + 1  # QLineEdit's own side margins and its cursor


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def open_editor(window, qtbot) -> QSpinBox:
    select_title(window, qtbot, "Optical")
    window.table.setCurrentIndex(window.table.currentIndex().siblingAtColumn(QUALITY))
    qtbot.keyClick(window.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    box = editor if isinstance(editor, QSpinBox) else editor.parent()
    assert isinstance(box, QSpinBox)
    return box


def arrows(box: QSpinBox):
    option = QStyleOptionSpinBox()
    box.initStyleOption(option)
    return [box.style().subControlRect(QStyle.CC_SpinBox, option, part, box)
            for part in (QStyle.SC_SpinBoxUp, QStyle.SC_SpinBoxDown)]


@pytest.mark.parametrize("points", [None, 18])  # the font as it is, and a large one
def test_the_quality_editor_shows_999_whole_beside_its_arrows(window, qtbot, points):
    if points is not None:
        font = QFont(window.table.font())
        font.setPointSize(points)
        window.table.setFont(font)
    box = open_editor(window, qtbot)
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "999")
    assert box.text() == "999"
    text = box.lineEdit()
    assert text.width() - LINE_EDIT_MARGINS >= text.fontMetrics().horizontalAdvance("999")
    for arrow in arrows(box):                      # the arrows beside the text, not over it
        assert arrow.width() > 0 and arrow.left() >= text.geometry().right()
    cell = window.table.visualRect(window.table.currentIndex())
    assert box.width() >= cell.width() and box.geometry().top() <= cell.top() + 1
    if points is not None:
        assert box.width() > cell.width()          # reaching over the next cell: it needs more here
    assert window.table.viewport().rect().contains(box.geometry())
    assert box.alignment() & Qt.AlignRight and box.autoFillBackground()
    qtbot.keyClick(box.lineEdit(), Qt.Key_Return)
    qtbot.waitUntil(lambda: window.table.state() != window.table.State.EditingState, timeout=3000)
    assert window.session.library.draft(window.detail.rel).data["quality"] == 999
