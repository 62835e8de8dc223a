"""Starting the window: ``newsdesk [PATH]`` and ``newsdesk --smoke PATH``."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, Qt, QTimer, QTranslator, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from newsdesk import diagnostics, environment
from newsdesk.ui import settings as settings_mod

log = logging.getLogger("newsdesk.app")

SMOKE_TIMEOUT_MS = 300_000
APP_ID = "io.github.newsdesk.Newsdesk"  # the .desktop file's and the metainfo's name


def bundled_seeds() -> Path | None:
    """The sample library shipped with the app: package data, so it is found from a
    source tree, a wheel (also ``pip install --user`` and pipx) and the frozen bundle."""
    folder = files("newsdesk") / "seeds"
    return Path(str(folder)) if folder.is_dir() else None


def app_icon() -> Path | None:
    """The icon's SVG, package data like the seeds."""
    icon = files("newsdesk") / "resources" / "newsdesk.svg"
    return Path(str(icon)) if icon.is_file() else None


def dark_palette() -> QPalette:
    """Fusion in dark colours. Fusion outlines check boxes with window.darker(140), so the
    base is kept darker than that outline: unchecked boxes stay visible in the table."""
    window, text = QColor(64, 64, 64), QColor(240, 240, 240)
    palette = QPalette(text, window, window.lighter(150), window.darker(150), window.darker(130),
                       text, QColor(28, 28, 28))
    palette.setColor(QPalette.AlternateBase, QColor(36, 36, 36))
    palette.setColor(QPalette.Highlight, QColor(48, 140, 198))
    palette.setColor(QPalette.HighlightedText, text)
    palette.setColor(QPalette.Link, QColor(120, 180, 255))
    palette.setColor(QPalette.ToolTipBase, window)
    palette.setColor(QPalette.ToolTipText, text)
    palette.setColor(QPalette.PlaceholderText, QColor(160, 160, 160))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        palette.setColor(QPalette.Disabled, role, QColor(130, 130, 130))
    return palette


UNFOCUSED_SHARE = 0.35  # of the highlight colour in a selection without the keyboard (the rest: the base)


def unfocused_highlight(palette: QPalette) -> QColor:
    """The selection of a view without the keyboard: the highlight mostly washed into the
    base, half its colour taken out (light grey-blue on light, slate on dark)."""
    high, base = palette.color(QPalette.Active, QPalette.Highlight), palette.color(QPalette.Active, QPalette.Base)
    mix = QColor.fromRgbF(*(UNFOCUSED_SHARE * h + (1 - UNFOCUSED_SHARE) * b
                            for h, b in zip(high.getRgbF()[:3], base.getRgbF()[:3], strict=True)))
    hue, saturation, lightness, _ = mix.getHslF()
    return QColor.fromHslF(max(hue, 0.0), saturation * 0.5, lightness)


def with_inactive_selection(palette: QPalette) -> QPalette:
    """Where the next key goes: Qt paints an item view without the keyboard (and any view
    of an inactive window) in the palette's Inactive group, and native styles make its
    Highlight greyer; Fusion's is the same blue, so after Q the table's row looked as
    before. Such a palette gets the greyer selection, its text in the normal colour; a
    style that has its own inactive look keeps it."""
    if palette.color(QPalette.Inactive, QPalette.Highlight) != palette.color(QPalette.Active, QPalette.Highlight):
        return palette
    palette = QPalette(palette)
    palette.setColor(QPalette.Inactive, QPalette.Highlight, unfocused_highlight(palette))
    palette.setColor(QPalette.Inactive, QPalette.HighlightedText, palette.color(QPalette.Active, QPalette.Text))
    return palette


def follow_color_scheme(app: QApplication, force_dark: bool = False) -> None:
    """Dark when the system is dark. Native styles and Qt 6.5+ Fusion do this themselves;
    where the platform reports dark but the style stayed light, use Fusion's dark colours."""
    hints = app.styleHints()

    def apply(*_):
        dark = force_dark or (hasattr(hints, "colorScheme") and hints.colorScheme() == Qt.ColorScheme.Dark)
        light_now = app.palette().color(QPalette.Window).lightness() > 128
        if dark and light_now:
            app.setStyle("Fusion")
            app.setPalette(dark_palette())
        elif not dark and not light_now and not force_dark:
            app.setPalette(app.style().standardPalette())
        app.setPalette(with_inactive_selection(app.palette()))
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(apply)
    apply()


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or NewsdeskApp([sys.argv[0], *argv])
    app.setOrganizationName("Newsdesk")
    app.setApplicationName("Newsdesk")
    app.setApplicationDisplayName("Newsdesk")
    QGuiApplication.setDesktopFileName(APP_ID)
    # Qt's own texts (Save, Cancel, Discard in standard dialogs) in the user's language.
    translator = QTranslator(app)
    if translator.load(QLocale(), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
        app.installTranslator(translator)
    icon = app_icon()
    if icon is not None:
        app.setWindowIcon(QIcon(str(icon)))
    follow_color_scheme(app, force_dark=os.environ.get("NEWSDESK_DARK") == "1")
    return app


def start_path(arg: str | None, settings) -> Path | None:
    if arg:
        return Path(arg)
    chosen = str(settings.value("defaultFolder", "") or "")  # Edit > Preferences
    if chosen and Path(chosen).expanduser().is_dir():
        return Path(chosen).expanduser()
    last = settings_mod.path_from(settings.value("lastFolder"))
    if last and Path(last).is_dir():
        return Path(last)
    return bundled_seeds()


class FileOpenEvents:
    """macOS hands a folder dropped on the Dock icon, or opened with the app in the
    Finder, to the running app as a QFileOpenEvent (declared in Info.plist's
    CFBundleDocumentTypes). One may arrive before the window exists: it is kept."""

    def __init__(self):
        self.window = None
        self.pending: Path | None = None

    def handle(self, file: str) -> None:
        if not file:
            return
        path = Path(file)
        log.info("file open event: %s", path)
        if self.window is None:
            self.pending = path
        else:
            self.window.open_path(path)

    def attach(self, window) -> Path | None:
        """From now on open events go to ``window``; returns one that came before."""
        self.window = window
        pending, self.pending = self.pending, None
        return pending


class NewsdeskApp(QApplication):
    """The application object; QFileOpenEvent is sent to it (an event filter on the
    application would see every event of every widget, in Python)."""

    def __init__(self, argv: list[str]):
        super().__init__(argv)
        self.file_open = FileOpenEvents()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            self.file_open.handle(event.file())
            return True
        return super().event(event)


class ErrorReporter(QObject):
    """Shows an uncaught exception in a dialog naming the log file; from any thread
    (the signal is queued to the window's thread)."""
    failed = Signal(str, str)

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.failed.connect(self._show)

    def report(self, summary: str, log_path: Path | None) -> None:
        self.failed.emit(summary, "" if log_path is None else str(log_path))

    def _show(self, summary: str, log_path: str) -> None:
        where = (f"The details are in the log file:<br><code>{log_path}</code>" if log_path
                 else "The log folder could not be written; run <code>newsdesk --debug</code> to see details.")
        box = QMessageBox(QMessageBox.Icon.Critical, "Newsdesk: unexpected error",
                          "Something went wrong inside Newsdesk. Your unsaved edits are kept in "
                          "the journal and offered back when you reopen the folder.",
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setInformativeText(f"<p>{summary}</p><p>{where}</p>")
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.exec()


def run_gui(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Review and curate front-matter articles. "
                                     "See newsdesk --help for the sub-commands.")
    parser.add_argument("path", nargs="?", help="a folder of articles or one article (default: the last folder)")
    parser.add_argument("--smoke", action="store_true", help="open PATH (default: the bundled sample articles), "
                        "load it completely, print the count, exit")
    parser.add_argument("--smoke-open", metavar="URL", help=argparse.SUPPRESS)  # the installers' child check
    parser.add_argument("--debug", action="store_true", help="log everything, also on the console")
    args, qt_args = parser.parse_known_args(argv)
    if args.path and not Path(args.path).exists():
        print(f"newsdesk: {args.path}: no such file or folder", file=sys.stderr)
        return 2

    diagnostics.setup_logging(debug=args.debug)
    app = make_app(qt_args)
    environment.restore_process_environ()  # Qt has its plugins; children get the user's environment
    if not args.smoke:  # the smoke test (and the tests that run it) keep Python's own hook
        diagnostics.install_excepthook(ErrorReporter(app).report)
    opened = getattr(app, "file_open", None) or FileOpenEvents()
    from newsdesk.ui.window import MainWindow  # after QApplication: widgets need it

    window = MainWindow(settings_mod.settings(), remember=not args.smoke)
    path = opened.attach(window) or (start_path(args.path, window.settings) if not args.smoke
                                     else Path(args.path) if args.path else bundled_seeds())
    log.info("opening %s", path)
    if args.smoke:
        result = {"code": 1, "loaded": False, "git": False}

        def done(n: int) -> None:
            print(f"loaded {n} articles", flush=True)
            result["loaded"] = True
            if args.smoke_open:
                from PySide6.QtCore import QUrl
                from PySide6.QtGui import QDesktopServices
                QDesktopServices.openUrl(QUrl(args.smoke_open))
            settled()

        def git_looked(*_) -> None:  # git's look starts a turn after the rows are in
            result["git"] = True
            settled()

        def settled() -> None:  # the folder is open when its rows are in and git has looked
            if result["loaded"] and result["git"]:
                result["code"] = 0
                app.quit()
        window.loaded.connect(done)
        window.git.signals.found.connect(git_looked)
        QTimer.singleShot(SMOKE_TIMEOUT_MS, app.quit)
        window.show()
        window.open_path(path)
        app.exec()
        window.session and window.session.undo_stack.setClean()
        return result["code"]
    window.show()
    if path is not None:
        window.open_path(path)
    return app.exec()
