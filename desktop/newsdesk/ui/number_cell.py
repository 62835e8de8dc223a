"""The table's editor of a whole number with a range (core/fields.py: quality 0 to 999):
a spin box that keeps to the range, as the panel's Quality box does.

Qt's own editor for a number is a QSpinBox over every 32-bit int (quality 5000 went in
without a word). A cell whose file holds a value outside the range, or no number at all,
opens empty: the value stays as it is unless one is typed (a spin box shows no 1500, and
committing what it showed instead, 999, would change the file unasked).
"""
from __future__ import annotations

from PySide6.QtCore import Qt
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
        box.setToolTip(f"A whole number from {self.low} to {self.high}")
        box.setProperty(EDITED, False)
        box.lineEdit().textEdited.connect(lambda _text, box=box: box.setProperty(EDITED, True))
        box.valueChanged.connect(lambda _value, box=box: box.setProperty(EDITED, True))  # arrows, wheel
        return box

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
