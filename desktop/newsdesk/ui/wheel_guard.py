"""No edit without intent: a spin box, combo box or slider takes the mouse wheel only
when it has the keyboard focus. Unfocused, the wheel goes on to whatever scrolls
around it (scrolling down the panel past the Quality box once turned 32 into 24 and
left 8 undo steps). Clicking or tabbing into the widget gives it the wheel again.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QWidget

GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    """Event filter: an unfocused guarded widget passes the wheel to its parent."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Wheel and isinstance(watched, QWidget) and not watched.hasFocus():
            event.ignore()   # not taken: Qt offers it to the parent (the scroll area)
            return True      # ...and the widget itself never sees it
        return False


_guard: WheelGuard | None = None


def guard_wheel(root: QWidget) -> list[QWidget]:
    """Guard every spin box, combo box and slider in ``root`` (and root itself); they
    no longer take focus from the wheel either. Returns the widgets guarded."""
    global _guard
    if _guard is None:
        _guard = WheelGuard()
    widgets = [w for w in [root, *root.findChildren(QWidget)] if isinstance(w, GUARDED)]
    for widget in widgets:
        if widget.focusPolicy() == Qt.WheelFocus:
            widget.setFocusPolicy(Qt.StrongFocus)
        widget.removeEventFilter(_guard)
        widget.installEventFilter(_guard)
    return widgets
