"""The frozen app's start-up pieces that do not need a bundle: folders handed over by
macOS, the crash dialog and log, the About box."""
import logging
import sys
import threading

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from newsdesk import diagnostics
from newsdesk.ui import app as app_mod


class _Window:
    def __init__(self):
        self.opened = []

    def open_path(self, path):
        self.opened.append(path)


def test_a_folder_dropped_on_the_dock_icon_is_opened(qtbot, seeds_copy):
    app = QApplication.instance()
    events = app_mod.FileOpenEvents(app)
    try:
        QApplication.sendEvent(app, QFileOpenEvent(str(seeds_copy)))  # before the window exists
        window = _Window()
        assert events.attach(window) == seeds_copy and window.opened == []
        QApplication.sendEvent(app, QFileOpenEvent(str(seeds_copy / "000_6e2a0c9c78a5bcbb.txt")))
        assert window.opened == [seeds_copy / "000_6e2a0c9c78a5bcbb.txt"]
    finally:
        app.removeEventFilter(events)
        events.deleteLater()


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
