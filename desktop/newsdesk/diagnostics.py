"""What a user can send when something goes wrong: versions, a log file, tracebacks.

The window logs (stdlib logging) to a rotating file in the user's log folder;
``--debug`` also prints everything on the console. faulthandler writes the stacks of
a hard crash (a segfault in Qt) to a file beside the log. An exception nobody caught
is logged with its traceback and, in the window, shown in a dialog that names the
log file, instead of the app dying silently (the Windows build has no console).

No Qt at import: ``newsdesk --version`` and the sub-commands import this.
"""
from __future__ import annotations

import io
import logging
import os
import platform
import sys
from pathlib import Path

LOG_NAME = "newsdesk.log"
FAULTS_NAME = "crash-stacks.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
logger = logging.getLogger("newsdesk")
_faults_file: io.TextIOBase | None = None


def log_dir() -> Path:
    """The user's log folder (NEWSDESK_LOG_DIR when set): the one place that says where.

    Windows %LOCALAPPDATA%\\Newsdesk\\Logs, macOS ~/Library/Logs/Newsdesk, elsewhere
    $XDG_STATE_HOME/newsdesk/log (~/.local/state), as platformdirs' user_log_dir."""
    if os.environ.get("NEWSDESK_LOG_DIR"):
        return Path(os.environ["NEWSDESK_LOG_DIR"])
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "Newsdesk" / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / "Newsdesk"
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "newsdesk" / "log"


def versions() -> list[tuple[str, str]]:
    """Newsdesk, Python, Qt and PySide6 versions (Qt's as loaded; "not installed" if absent)."""
    from newsdesk import __version__

    found = [("Newsdesk", __version__), ("Python", f"{platform.python_version()} ({platform.platform()})")]
    try:
        import PySide6
        from PySide6.QtCore import qVersion
    except ImportError:
        return [*found, ("Qt", "not installed"), ("PySide6", "not installed")]
    return [*found, ("Qt", qVersion()), ("PySide6", PySide6.__version__)]


def version_text() -> str:
    return "\n".join(f"{name} {value}" for name, value in versions())


def setup_logging(debug: bool = False) -> Path | None:
    """Log to the rotating file (and, with ``debug``, everything to stderr).

    Returns the log file's path, or None when the folder cannot be written (then only
    the console is used: a read-only home must not stop the app)."""
    from logging.handlers import RotatingFileHandler

    logger.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    path: Path | None = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    except OSError:
        path = None
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    if sys.stderr is not None:
        console = logging.StreamHandler(sys.stderr)
        console.setLevel(logging.DEBUG if debug else logging.WARNING)
        console.setFormatter(logging.Formatter("newsdesk: %(levelname)s: %(message)s"))
        logger.addHandler(console)
    logger.propagate = False
    if path is not None:
        _enable_faulthandler(path.parent / FAULTS_NAME)
    logger.info("start: %s", "; ".join(f"{n} {v}" for n, v in versions()))
    return path


def _enable_faulthandler(path: Path) -> None:
    import faulthandler

    global _faults_file
    try:
        stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - kept open for a crash
    except OSError:
        return
    if _faults_file is not None:
        _faults_file.close()
    _faults_file = stream
    faulthandler.enable(file=stream, all_threads=True)


def install_excepthook(show) -> None:
    """Log every uncaught exception (main thread or not) with its traceback and call
    ``show(summary, log_path)``; the window passes a function that opens a dialog."""
    import threading

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        logger.critical("uncaught exception", exc_info=(kind, value, tb))
        try:
            show(f"{kind.__name__}: {value}", current_log())
        except Exception:  # noqa: BLE001 - the dialog itself failed: the log has it
            logger.exception("the error dialog could not be shown")

    def thread_hook(args):
        if args.exc_type is not SystemExit:
            hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def current_log() -> Path | None:
    from logging.handlers import RotatingFileHandler

    for handler in logger.handlers:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None
