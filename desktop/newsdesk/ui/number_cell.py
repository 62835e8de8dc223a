"""The table's editor of a whole number with a range (core/fields.py: quality 0 to 999):
a spin box that keeps to the range, as the panel's Quality box does.

Qt's own editor for a number is a QSpinBox over every 32-bit int (quality 5000 went in
without a word). A cell whose file holds a value outside the range, or no number at all,
opens empty: the value stays as it is unless one is typed (a spin box shows no 1500, and
committing what it showed instead, 999, would change the file unasked).

The editor is as wide as the widest number of the range needs beside its arrows (the
spin box's own size hint: the 58-pixel Quality column left "116" cut under squashed
arrows), reaching over the next cell when the column is narrower, and kept inside the
table; its text is right-aligned as the cell's, on a background of its own (the cell's
number showed through beside the arrows).
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QSpinBox, QStyledItemDelegate

EDITED = "editedByUser"  # the editor's property: the editor typed or stepped a value


class WholeNumberCell(QStyledItemDelegate):
    def __init__(self, limits: tuple[int, int], parent=None):
        super().__init__(parent)
        self.low, self.high = limits

    def createEditor(self, parent, option, index):
        box = QSpinBox(parent)
        box.setFrame(False)
        box.setRange(self.low, self.high)
        box.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        box.setAutoFillBackground(True)
        box.setToolTip(f"A whole number from {self.low} to {self.high}")
        box.setProperty(EDITED, False)
        box.lineEdit().textEdited.connect(lambda _text, box=box: box.setProperty(EDITED, True))
        box.valueChanged.connect(lambda _value, box=box: box.setProperty(EDITED, True))  # arrows, wheel
        return box

    def updateEditorGeometry(self, editor, option, index) -> None:
        cell = option.rect
        hint = editor.sizeHint()  # room for the range's widest number, its arrows and margins
        width, height = max(cell.width(), hint.width()), max(cell.height(), editor.minimumSizeHint().height())
        rect = QRect(cell.left(), cell.center().y() - height // 2, width, height)
        room = editor.parentWidget().rect() if editor.parentWidget() is not None else rect
        if rect.right() > room.right():   # the last column: over the cell before it instead
            rect.moveRight(max(room.right(), cell.right()))
        editor.setGeometry(rect)

    def setEditorData(self, editor, index) -> None:
        value = index.data(Qt.EditRole)
        editor.blockSignals(True)
        if type(value) is int and self.low <= value <= self.high:
            editor.setValue(value)
        else:
            editor.clear()
        editor.blockSignals(False)
        editor.setProperty(EDITED, False)

    def setModelData(self, editor, model, index) -> None:
        editor.interpretText()
        if editor.property(EDITED) and editor.text().strip():
            model.setData(index, editor.value(), Qt.EditRole)

