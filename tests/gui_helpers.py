"""Shared pieces of the window tests."""
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from newsdesk.ui import settings as settings_mod
from newsdesk.ui.table_model import PATH_ROLE, TITLE
from newsdesk.ui.window import MainWindow


def open_window(qtbot, folder, config_dir, auto_advance=False):
    """The window on ``folder``. Auto-advance (on for users) is off unless asked for: most
    tests edit one article with P or U and then look at that same article."""
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(config_dir))
    settings = settings_mod.settings()
    settings.setValue("review/autoAdvance", auto_advance)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(folder)
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table, timeout=5000)
    return window


def activate(window, qtbot):
    """Give the window focus back, as the window manager does after a dialog closes."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def select_title(window, qtbot, words: str):
    """Make the row whose title contains ``words`` current, as a click would."""
    proxy = window.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, TITLE)
        if words in index.data():
            rect = window.table.visualRect(index)
            qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
            assert window.table.currentIndex().row() == row
            return index.data(PATH_ROLE)
    raise AssertionError(f"no row titled {words!r}")


def when_modal(callback, timeout_ms=5000):
    """Run callback(dialog) once a modal dialog is up (for exec()-style dialogs)."""
    waited = {"ms": 0}

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is not None and not dialog.isActiveWindow() and waited["ms"] < timeout_ms:
            # as for a user: the dialog has the keyboard (the table's single-key shortcuts must not fire)
            dialog.activateWindow()
            waited["ms"] += 20
            QTimer.singleShot(20, poll)
        elif dialog is not None:
            callback(dialog)
        elif waited["ms"] < timeout_ms:
            waited["ms"] += 20
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)
