"""The frozen app's start-up pieces that do not need a bundle: folders handed over by
macOS, the crash dialog and log, the About box."""
import logging
import os
import subprocess
import sys
import threading

from PySide6.QtWidgets import QApplication, QMessageBox

from newsdesk import diagnostics
from newsdesk.ui import app as app_mod


def test_a_folder_dropped_on_the_dock_icon_is_opened(seeds_copy):
    """The application object macOS sends QFileOpenEvent to (a process of its own: the
    tests' QApplication is pytest-qt's)."""
    article = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    code = f"""
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from newsdesk.ui.app import make_app
app = make_app([])
class Window:
    opened = []
    def open_path(self, path):
        self.opened.append(str(path))
QApplication.sendEvent(app, QFileOpenEvent({str(seeds_copy)!r}))   # before the window exists
window = Window()
print(app.file_open.attach(window))
QApplication.sendEvent(app, QFileOpenEvent({str(article)!r}))
print(window.opened)
"""
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                       env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [str(seeds_copy), repr([str(article)])]


def test_an_uncaught_exception_is_logged_and_shown_with_the_log_path(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSDESK_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.informativeText()) or 0)
    log_path = diagnostics.setup_logging(debug=False)
    try:
        assert log_path == tmp_path / "logs" / "newsdesk.log"
        reporter = app_mod.ErrorReporter(QApplication.instance())
        diagnostics.install_excepthook(reporter.report)
        try:
            raise ValueError("a bad thing")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: bool(shown))
        assert "ValueError: a bad thing" in shown[0] and str(log_path) in shown[0]
        text = log_path.read_text(encoding="utf-8")
        assert "uncaught exception" in text and "Traceback" in text and 'raise ValueError("a bad thing")' in text
        assert (tmp_path / "logs" / diagnostics.FAULTS_NAME).exists()   # faulthandler's file

        worker = threading.Thread(target=lambda: 1 / 0)   # from another thread: shown on the UI thread
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(shown) == 2)
        assert "ZeroDivisionError" in shown[1]
    finally:
        for handler in list(diagnostics.logger.handlers):
            diagnostics.logger.removeHandler(handler)
            handler.close()
        import faulthandler
        faulthandler.enable(file=sys.__stderr__)  # pytest's own, as it was


def test_debug_logs_everything_on_the_console(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NEWSDESK_LOG_DIR", str(tmp_path))
    diagnostics.setup_logging(debug=True)
    try:
        logging.getLogger("newsdesk.test").debug("a detail")
        assert "a detail" in capsys.readouterr().err
        assert "a detail" in (tmp_path / "newsdesk.log").read_text(encoding="utf-8")
    finally:
        for handler in list(diagnostics.logger.handlers):
            diagnostics.logger.removeHandler(handler)
            handler.close()


def test_an_unwritable_log_folder_does_not_stop_the_app(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSDESK_LOG_DIR", str(blocker / "logs"))
    try:
        assert diagnostics.setup_logging() is None
    finally:
        for handler in list(diagnostics.logger.handlers):
            diagnostics.logger.removeHandler(handler)
            handler.close()


def test_about_shows_versions_and_licences(qtbot):
    from newsdesk.ui.about import AboutDialog

    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    texts = [dialog.choice.item(n).text() for n in range(dialog.choice.count())]
    assert texts[0] == "Newsdesk (MIT)" and dialog.text.toPlainText().startswith("MIT License")
    dialog.choice.setCurrentRow(1)
    assert "LGPL-3.0" in dialog.text.toPlainText()
