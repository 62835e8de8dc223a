"""The related links' table itself: what it says when it is empty, and where the keyboard is.

After R (or Tab) an article with no related links gave the focus to an empty white box
that showed nothing of it: the editor could not see where the keyboard was. The empty
list now says what it is and how to add one ("No related links · Insert adds one"), in
the highlight colour and inside a focus frame while it has the keyboard.

With links, Qt's own focus-in makes the first link current without selecting it: after R
a faint dotted frame around one cell was all that marked the link that Delete, Alt+Up
and Ctrl+Enter act on. Taking the focus from the keyboard now selects the current link
(the first when there was none) and scrolls it into sight; a click selects what it
clicks, as before.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QTableView


class RelatedView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._placeholder = ""

    # ---- the empty list ------------------------------------------------------------
    def set_placeholder(self, text: str) -> None:
        """What the list says while it has no rows ("" for nothing)."""
        if text != self._placeholder:
            self._placeholder = text
            self.viewport().update()

    def placeholder(self) -> str:
        """What the list says now: its placeholder while it is empty, else ""."""
        model = self.model()
        return self._placeholder if model is None or not model.rowCount() else ""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        text = self.placeholder()
        if not text:
            return
        palette = self.palette()
        focused = self.hasFocus()
        painter = QPainter(self.viewport())
        area = self.viewport().rect()
        if focused:
            painter.setPen(QPen(palette.color(QPalette.Highlight), 2))
            painter.drawRect(area.adjusted(1, 1, -1, -1))
        painter.setPen(palette.color(QPalette.Highlight if focused else QPalette.PlaceholderText))
        margin = self.fontMetrics().averageCharWidth() * 2
        painter.drawText(area.adjusted(margin, margin, -margin, -margin), Qt.AlignCenter | Qt.TextWordWrap, text)
        painter.end()

    # ---- the keyboard's link ---------------------------------------------------------
    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)  # Qt makes a link current here, unselected
        if event.reason() not in (Qt.MouseFocusReason, Qt.PopupFocusReason):  # a click selects what it clicks
            self.show_current()
        self.viewport().update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def show_current(self) -> None:
        """Select the current link's row (the first link when none is current), in sight."""
        model = self.model()
        if model is None or not model.rowCount():
            return
        current = self.currentIndex()
        index = model.index(current.row() if current.isValid() else 0, max(0, current.column()))
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self.scrollTo(index)
