"""Every workaround for a quirk of Qt or PySide6 the window relies on, named and explained
once (as qutebrowser keeps its own in utils/qtutils.py). Code elsewhere calls these by
name instead of repeating the trick with a comment beside it."""
from __future__ import annotations

from PySide6.QtCore import SIGNAL, SLOT, QObject, Qt, QTimer


def enum_int(value) -> int:
    """A Qt enum or flag as a plain int. PySide6 enums are Python enums (``.value``);
    older bindings and Qt's own calls hand ints. Both come out the same."""
    return value if type(value) is int else int(value.value if hasattr(value, "value") else value)


def role_int(role) -> int:
    """A role as the int values are looked up by (Qt passes ints; Python callers may pass
    the enum). Comparing with Qt's enum members costs ~2 us each in PySide6, and data() is
    asked thousands of times per repaint (30 us a call with enums, ~3 with ints)."""
    return role if type(role) is int else enum_int(role)


# Roles as plain ints, made once (see role_int).
(DISPLAY, EDIT, CHECK, ALIGN, FONT, TIP, ACCESSIBLE, USER) = (
    enum_int(r) for r in (Qt.DisplayRole, Qt.EditRole, Qt.CheckStateRole, Qt.TextAlignmentRole, Qt.FontRole,
                          Qt.ToolTipRole, Qt.AccessibleTextRole, Qt.UserRole))
RIGHT = enum_int(Qt.AlignRight | Qt.AlignVCenter)


def carry(value):
    """``value`` as item data Qt hands back untouched. A Python str becomes a QString on
    the way, which drops the surrogate escapes of a file name that is not UTF-8
    (``bytes-\\udcff.md`` came back as ``bytes-.md``, another file); a tuple is kept as the
    Python object it is."""
    return (value,)


def carried(data):
    """The value ``carry`` put in (None for an item that holds none)."""
    return data[0] if isinstance(data, tuple) and len(data) == 1 else None



def is_checked(value) -> bool:
    """A check state as setData() receives it: the view hands a plain int (2), Python
    callers a Qt.CheckState or a bool."""
    if isinstance(value, bool):
        return value
    return Qt.CheckState(enum_int(value)) == Qt.Checked


# The signals by which a model says its rows came, went or moved.
STRUCTURE_SIGNALS = ("rowsInserted(QModelIndex,int,int)", "rowsRemoved(QModelIndex,int,int)",
                     "modelReset()", "layoutChanged()")
DATA_SIGNAL = "dataChanged(QModelIndex,QModelIndex,QList<int>)"


def connect_in_cpp(sender: QObject, signatures, timer: QTimer) -> None:
    """Connect a model's signals to ``timer.start()`` on the C++ side, with no Python slot
    between: a filter change at 100k rows emits thousands of these, and Python slots on
    them crashed PySide 6.12 on Python 3.11 (a None reference count ran out)."""
    for signature in signatures:
        QObject.connect(sender, SIGNAL(signature), timer, SLOT("start()"))


def debounce(parent: QObject, ms: int, slot) -> QTimer:
    """A single-shot timer: start() it at every event; ``slot`` runs once things are quiet
    for ``ms`` (0: once per event-loop turn, however many events came in it)."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(ms)
    timer.timeout.connect(slot)
    return timer


def disconnect_receiver(senders, receiver: QObject) -> None:
    """Cut every connection from ``senders`` to ``receiver``. ``sender.disconnect(receiver)``
    is QObject::disconnect(receiver): all of the sender's signals to that object, Python
    slots included, in one call (a session Qt destroys later still says "clean changed"
    as its undo stack goes)."""
    for sender in senders:
        sender.disconnect(receiver)


def swap_scroll_widget(area, widget) -> None:
    """Put ``widget`` in a QScrollArea. setWidget() deletes the old one at once, which
    crashed when that happened inside one of the old widget's own signals: take it out
    and let Qt delete it later instead."""
    old = area.takeWidget()
    if old is not None:
        old.deleteLater()
    area.setWidget(widget)


def commit_typed_text(widget) -> None:
    """A spin box being typed in holds its text uncommitted until focus leaves or Enter:
    interpretText() makes it count before a save (the topic box has one too)."""
    if widget is not None and hasattr(widget, "interpretText"):
        widget.interpretText()
