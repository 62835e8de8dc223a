"""The window's main splitter (table | panel) and the panel's splitter (Article / Related /
Suggestions) come back as the editor left them, after a restart and after opening another
folder; the panel's first sizing does not undo them."""
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gui_helpers import open_window


def _send(widget, kind, where: QPoint, buttons) -> None:
    """A mouse event at the screen point ``where`` (the handle moves under the mouse)."""
    local = QPointF(widget.mapFromGlobal(where))
    QApplication.sendEvent(widget, QMouseEvent(kind, local, QPointF(where), Qt.LeftButton, buttons, Qt.NoModifier))


def drag(splitter, handle_number: int, by: int) -> None:
    """Drag a splitter's handle with the mouse by ``by`` pixels (along its orientation).
    (QTest's mouseMove carries no pressed button in Qt 6, and a handle moves only while
    the left button is down: the events are sent as a real drag makes them.)"""
    handle = splitter.handle(handle_number)
    start = handle.mapToGlobal(handle.rect().center())
    step = QPoint(by, 0) if splitter.orientation() == Qt.Horizontal else QPoint(0, by)
    _send(handle, QEvent.MouseButtonPress, start, Qt.LeftButton)
    for n in range(1, 5):
        _send(handle, QEvent.MouseMove, start + step * n / 4, Qt.LeftButton)
    _send(handle, QEvent.MouseButtonRelease, start + step, Qt.NoButton)


def settled(qtbot, window):
    """The panel has had its first sizing (a zero-time timer after it was shown)."""
    qtbot.waitUntil(lambda: window.detail.splitter.sized, timeout=5000)
    qtbot.wait(50)


def test_both_splitters_come_back_after_a_restart(qtbot, seeds_copy, tmp_path):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    settled(qtbot, window)
    main, panel = window.splitter, window.detail.splitter
    before_main = main.sizes()
    drag(main, 1, -120)                     # a wider panel (it stops at its minimum width)
    before_panel = panel.sizes()            # (refitted to the new width: nothing chosen yet)
    drag(panel, 1, 60)                      # a taller article pane
    drag(panel, 2, -50)                     # taller suggestions
    moved_main, moved_panel = main.sizes(), panel.sizes()
    assert abs(moved_main[0] - (before_main[0] - 120)) <= 2, (before_main, moved_main)
    assert moved_panel[0] >= before_panel[0] + 55 and moved_panel[2] >= before_panel[2] + 45, \
        (before_panel, moved_panel)
    window.close()

    again = open_window(qtbot, seeds_copy, tmp_path / "config")
    settled(qtbot, again)
    assert again.splitter.sizes() == moved_main
    assert again.detail.splitter.sizes() == moved_panel


def test_the_panel_keeps_its_sizes_when_another_folder_opens(qtbot, seeds_copy, tmp_path):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    settled(qtbot, window)
    panel = window.detail.splitter
    drag(panel, 1, 80)
    moved = panel.sizes()
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.reload()                     # a new panel for the folder read again
    settled(qtbot, window)
    assert window.detail.splitter is not panel and window.detail.splitter.sizes() == moved


def test_several_selected_then_closed_keeps_the_single_article_sizes(qtbot, seeds_copy, tmp_path):
    """With several articles selected the related panes are hidden: closing then must not
    remember a panel without them."""
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    settled(qtbot, window)
    drag(window.detail.splitter, 1, 40)
    moved = window.detail.splitter.sizes()
    qtbot.keyClick(window.table, Qt.Key_A, Qt.ControlModifier)
    assert window.detail.rels and window.detail.related_pane.isHidden()
    window.close()
    again = open_window(qtbot, seeds_copy, tmp_path / "config")
    settled(qtbot, again)
    assert again.detail.splitter.sizes() == moved


def test_first_start_gives_the_related_list_the_room(qtbot, seeds_copy, tmp_path):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    settled(qtbot, window)
    article, related, suggestions = window.detail.splitter.sizes()
    assert related > article and related > suggestions
