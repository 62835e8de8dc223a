"""Shared pieces of the detail panel tests."""
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

HYBRID = "003_60f60ea208535f03.txt"       # "The Future of AI Is Hybrid": quality 21, 3 related
OPTICAL = "004_75c43cb57c59ee6c.txt"      # "The Future Of AI Training Demands Optical Interconnects"


def wheel(widget, steps: int = -1) -> bool:
    """Turn the mouse wheel over ``widget`` (negative: scroll down), one notch at a time.
    Returns whether the widget took the last notch (not taken: Qt offers a real wheel
    event to the parents, i.e. the scroll area scrolls). The event is sent to the widget
    itself: offscreen, QTest.wheelEvent picked the scroll area's content widget instead
    of the box under the point, so it could not show the box's behaviour either way
    (on a real X server, xdotool over the box gives the same results as these tests)."""
    taken = False
    pos = QPointF(widget.rect().center())
    for _ in range(abs(steps)):
        event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                            QPoint(0, 120 if steps > 0 else -120), Qt.NoButton, Qt.NoModifier,
                            Qt.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)
        taken = event.isAccepted()
    return taken


def data_of(window, rel):
    return window.session.library.draft(rel).data


def panel_window(qtbot, monkeypatch, folder, config_dir):
    """The window on ``folder``; its message boxes answer at once (Discard on close with
    unsaved edits), and are recorded in ``window.boxes``."""
    from gui_helpers import answer_message_boxes, window_on_copy
    boxes = answer_message_boxes(monkeypatch)
    window = window_on_copy(qtbot, folder, config_dir)
    window.boxes = boxes
    return window
