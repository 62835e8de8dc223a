"""Starting the window: ``newsdesk [PATH]`` and ``newsdesk --smoke PATH``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from newsdesk.ui import settings as settings_mod

SMOKE_TIMEOUT_MS = 300_000


def bundled_seeds() -> Path | None:
    """The sample library shipped with the app (frozen bundle, source tree or installed data)."""
    candidates = []
    if getattr(sys, "_MEIPASS", None):
        candidates.append(Path(sys._MEIPASS) / "seeds")
    candidates.append(Path(__file__).resolve().parents[3] / "seeds")
    candidates.append(Path(sys.prefix) / "share" / "newsdesk" / "seeds")
    return next((c for c in candidates if c.is_dir()), None)


def resource(name: str) -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[3]))
    return base / "resources" / name


def dark_palette() -> QPalette:
    p = QPalette()
    colors = {QPalette.Window: "#202124", QPalette.WindowText: "#e8eaed", QPalette.Base: "#17181a",
              QPalette.AlternateBase: "#26282b", QPalette.Text: "#e8eaed", QPalette.Button: "#2b2d30",
              QPalette.ButtonText: "#e8eaed", QPalette.Highlight: "#3d6fb4", QPalette.HighlightedText: "#ffffff",
              QPalette.ToolTipBase: "#2b2d30", QPalette.ToolTipText: "#e8eaed", QPalette.Link: "#8ab4f8",
              QPalette.PlaceholderText: "#9aa0a6", QPalette.Mid: "#5f6368"}
    for role, color in colors.items():
        p.setColor(role, QColor(color))
    for role in (QPalette.Text, QPalette.WindowText, QPalette.ButtonText):
        p.setColor(QPalette.Disabled, role, QColor("#6b6f74"))
    return p


def follow_color_scheme(app: QApplication) -> None:
    """Native styles follow the system themselves; Fusion (Linux) gets a dark palette when asked."""
    hints = app.styleHints()
    if not hasattr(hints, "colorScheme"):
        return

    def apply(*_):
        if app.style().name().lower() != "fusion":
            return
        dark = hints.colorScheme() == Qt.ColorScheme.Dark
        app.setPalette(dark_palette() if dark else app.style().standardPalette())
    hints.colorSchemeChanged.connect(apply)
    apply()


def make_app(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    app.setOrganizationName("Newsdesk")
    app.setApplicationName("Newsdesk")
    app.setApplicationDisplayName("Newsdesk")
    QGuiApplication.setDesktopFileName("newsdesk")
    icon = resource("newsdesk.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    follow_color_scheme(app)
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

    window = MainWindow(settings_mod.settings())
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
