"""The Quality editor: a spin box over the field's range (core/fields.py: 0 to 999).

Its lowest value, one below the range, is a "no value" state ("none" for one article,
"mixed" for a selection whose values differ), which the editor cannot step into. A file
may hold a value outside the range (``quality: 3000000000``, or one no spin box could
hold): it is shown as written with a ⚠ and left as it is in the file, and
the panel's notice says why (the schema's words, as ``newsdesk check`` says them);
typing a value in the range replaces it. A double spin box, not QSpinBox: its ``valueChanged(int)`` is 32 bits.
"""
from __future__ import annotations

from PySide6.QtCore import QPoint, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QToolTip

from newsdesk.core.document.schema import bounds

LOW, HIGH = bounds("quality")
RANGE = f"Quality: a whole number from {LOW} to {HIGH}"


class QualityBox(QDoubleSpinBox):
    edited = Signal(object)   # the value set (an int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(0)
        self.setRange(LOW - 1, HIGH)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setSpecialValueText("none")
        self.setToolTip(RANGE)
        # room for a file's value outside the range ("3000000000 ⚠"), not only for 3 digits
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000000000 \u26a0") + 32)
        self._showing = False
        self.valueChanged.connect(self._changed)

    def show_value(self, value: object, blank: str = "none") -> None:
        """Show an article's quality, or ``blank`` for none. A number outside the range is
        shown as written, said to be out of range, and left as it is in the file (the
        panel's notice gives the schema's words, as ``newsdesk check`` does)."""
        inside = not isinstance(value, bool) and isinstance(value, int) and LOW <= value <= HIGH
        if not inside and not isinstance(value, bool) and isinstance(value, int):
            blank = f"{value} \u26a0" if abs(value) < 10 ** 10 else "\u26a0 out of range"  # the box is narrow
        self._showing = True
        try:
            self.setSpecialValueText(blank)
            self.setValue(float(value) if inside else self.minimum())
        finally:
            self._showing = False

    def keyPressEvent(self, event) -> None:
        """A digit the range refuses is said, not silently dropped: typing 1000 gave 100."""
        before, replacing = self.lineEdit().text(), self.lineEdit().hasSelectedText()
        super().keyPressEvent(event)
        if event.text().isdigit() and not replacing and self.lineEdit().text() == before:
            QToolTip.showText(self.mapToGlobal(QPoint(0, self.height())),
                              f"{RANGE}: {before.strip()}{event.text()} is too large", self)

    def int_value(self) -> int | None:
        return None if self.value() <= self.minimum() else int(self.value())

    def _changed(self, value: float) -> None:
        if not self._showing and value > self.minimum():
            self.edited.emit(int(value))
