"""Keys that belong to one widget (Delete, Alt+Up...), taken before the widget's own
handling; and undo in a text field that has nothing of its own to undo."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QLineEdit

from newsdesk.ui.qtcompat import enum_int as _v


class KeyMap(QObject):
    """Maps (key, modifiers) to callables for one widget; used where QShortcut would lose
    the key to an item view's own navigation."""

    def __init__(self, widget, bindings: dict):
        super().__init__(widget)
        self.bindings = {(_v(key), _v(mods)): fn for (key, mods), fn in bindings.items()}
        widget.installEventFilter(self)

    def _match(self, event):
        mods = _v(event.modifiers() & (Qt.ShiftModifier | Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier))
        return self.bindings.get((_v(event.key()), mods))

    def eventFilter(self, obj, event):
        kind = event.type()
        if kind in (QEvent.ShortcutOverride, QEvent.KeyPress):
            fn = self._match(event)
            if fn is not None:
                event.accept()
                if kind == QEvent.KeyPress:
                    fn()
                return True
        return False


class FieldUndo(QObject):
    """Ctrl+Z (or redo) in a text field with nothing of its own to undo goes to the
    window's undo, as in calibre. A QLineEdit claims the undo keys whether or not it has
    anything to undo, so after the wheel set a quality (the box's own history starts
    afresh at each value shown) Ctrl+Z there did nothing, while Edit offered "Undo Set
    quality 52". With typing of its own, the field undoes that first."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if event.type() != QEvent.ShortcutOverride:
            return False
        edit = obj.lineEdit() if isinstance(obj, QAbstractSpinBox) else obj
        if not isinstance(edit, QLineEdit) or obj.window() is not self.window:
            return False
        if (event.matches(QKeySequence.Undo) and not edit.isUndoAvailable()
                or event.matches(QKeySequence.Redo) and not edit.isRedoAvailable()):
            event.ignore()  # not claimed: the window's shortcut runs
            return True
        return False


MOVE_KEYS = (Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown)


class ListKeys(QObject):
    """A search box over a list keeps the typing and hands the list the keys that move its
    current row, as a completion list does: the related-article picker (a tester pressed
    Down twice, then Enter, and got the first article) and Manage Topics (Down after
    typing "Port" did not reach the list)."""

    def __init__(self, field, view):
        super().__init__(field)
        self.view = view
        field.installEventFilter(self)

    def eventFilter(self, obj, event):
        if event.type() == QEvent.KeyPress and event.key() in MOVE_KEYS:
            QApplication.sendEvent(self.view, event)
            return True
        return False
