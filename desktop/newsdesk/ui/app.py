"""Starting the window: ``newsdesk [PATH]`` and ``newsdesk --smoke PATH``."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from newsdesk.ui import settings as settings_mod

SMOKE_TIMEOUT_MS = 300_000
APP_ID = "io.github.newsdesk.Newsdesk"  # the .desktop file's and the metainfo's name


def bundled_seeds() -> Path | None:
    """The sample library shipped with the app (frozen bundle, source tree or installed data)."""
    candidates = []
    if getattr(sys, "_MEIPASS", None):
        candidates.append(Path(sys._MEIPASS) / "seeds")
    candidates.append(Path(__file__).resolve().parents[3] / "seeds")
    candidates.append(Path(sys.prefix) / "share" / "newsdesk" / "seeds")
    return next((c for c in candidates if c.is_dir()), None)


def app_icon() -> Path | None:
    """The icon's SVG: in a frozen bundle, the source tree, or where pip installed it."""
    candidates = [Path(__file__).resolve().parents[3] / "resources" / "newsdesk.svg",
                  Path(sys.prefix) / "share" / "icons" / "hicolor" / "scalable" / "apps" / "newsdesk.svg"]
    if getattr(sys, "_MEIPASS", None):
        candidates.insert(0, Path(sys._MEIPASS) / "resources" / "newsdesk.svg")
    return next((c for c in candidates if c.is_file()), None)


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
    if hasattr(hints, "colorSchemeChanged"):
        hints.colorSchemeChanged.connect(apply)
    apply()


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
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
    last = settings.value("lastFolder")
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    return bundled_seeds()


def run_gui(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="newsdesk", description="Review and curate front-matter articles. "
                                     "Sub-commands: index, check, patch (see newsdesk index --help).")
    parser.add_argument("path", nargs="?", help="a folder of articles or one article (default: the last folder)")
    parser.add_argument("--smoke", action="store_true", help="open PATH, load it completely, print the count, exit")
    args, qt_args = parser.parse_known_args(argv)
    if args.smoke and not args.path:
        parser.error("--smoke needs a PATH")
    if args.path and not Path(args.path).exists():
        print(f"newsdesk: {args.path}: no such file or folder", file=sys.stderr)
        return 2

    app = make_app(qt_args)
    from newsdesk.ui.window import MainWindow  # after QApplication: widgets need it

    window = MainWindow(settings_mod.settings(), remember=not args.smoke)
    path = start_path(args.path, window.settings)
    if args.smoke:
        result = {"code": 1}

        def done(n: int) -> None:
            print(f"loaded {n} articles", flush=True)
            result["code"] = 0
            app.quit()
        window.loaded.connect(done)
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
