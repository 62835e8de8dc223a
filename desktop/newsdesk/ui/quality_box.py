"""The Quality editor: a spin box for whole numbers beyond Qt's 32-bit ``QSpinBox``.

A file may say ``quality: 3000000000``; QSpinBox cannot hold it (OverflowError, and
the panel was left showing the previous article's values). This box holds every
whole number a double holds exactly (|n| <= 2**53) and says so for any other;
its lowest value is a "no value" state ("none" for one article, "mixed" for a
selection whose values differ), which the editor cannot step into.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDoubleSpinBox

LIMIT = 2 ** 53


class QualityBox(QDoubleSpinBox):
    edited = Signal(object)   # the value set (an int: Signal(int) is 32 bits and wrapped 4000000001)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(0)
        self.setRange(-LIMIT - 1, LIMIT)
        self.setKeyboardTracking(False)
        self.setAccelerated(True)
        self.setSpecialValueText("none")
        self._showing = False
        self.valueChanged.connect(self._changed)

    def show_value(self, value: object, blank: str = "none") -> str | None:
        """Show an article's quality (or ``blank`` for none). Returns why a value cannot
        be shown, if it cannot (it is then shown as blank and left as it is in the file)."""
        problem = None
        if isinstance(value, bool) or not isinstance(value, int):
            number = self.minimum()
        elif -LIMIT <= value <= LIMIT:
            number = float(value)
        else:
            number = self.minimum()
            # str() of a 5,000-digit int raises (Python's int-to-text limit): count instead
            digits = str(value) if abs(value) < 10 ** 40 else f"of about {int(value.bit_length() * 0.30103) + 1} digits"
            problem = f"quality {digits} is too large to edit here (the file keeps it as it is)"
        self._showing = True
        try:
            self.setSpecialValueText(blank)
            self.setValue(number)
        finally:
            self._showing = False
        return problem

    def int_value(self) -> int | None:
        return None if self.value() <= self.minimum() else int(self.value())

    def _changed(self, value: float) -> None:
        if not self._showing and value > self.minimum():
            self.edited.emit(int(value))
