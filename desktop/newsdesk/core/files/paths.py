"""The user's folders for Newsdesk: one module, one application name.

NEWSDESK_CACHE_DIR and NEWSDESK_DATA_DIR, when set, are used as they are (the tests and
scripts rely on them). Otherwise the platform's own places, as platformdirs and Qt's
QStandardPaths name them, with the application name ``Newsdesk`` (lower case on Linux,
the XDG habit): a dependency for these few lines was not worth its place.

| | cache (index, pictures) | data (journal of unsaved edits) |
| --- | --- | --- |
| Linux | $XDG_CACHE_HOME/newsdesk (~/.cache/newsdesk) | $XDG_DATA_HOME/newsdesk (~/.local/share/newsdesk) |
| macOS | ~/Library/Caches/Newsdesk | ~/Library/Application Support/Newsdesk |
| Windows | %LOCALAPPDATA%\\Newsdesk\\Cache | %APPDATA%\\Newsdesk |
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Newsdesk"


def _xdg(variable: str, fallback: str) -> Path:
    value = os.environ.get(variable)
    base = Path(value) if value and os.path.isabs(value) else Path.home() / fallback  # XDG: relative is ignored
    return base / APP_NAME.lower()


def cache_dir() -> Path:
    """Where caches go: the index cache, the pictures' cache."""
    if os.environ.get("NEWSDESK_CACHE_DIR"):
        return Path(os.environ["NEWSDESK_CACHE_DIR"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_NAME / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / APP_NAME
    return _xdg("XDG_CACHE_HOME", ".cache")


def data_dir() -> Path:
    """Where the user's own data goes: the journal of unsaved edits."""
    if os.environ.get("NEWSDESK_DATA_DIR"):
        return Path(os.environ["NEWSDESK_DATA_DIR"])
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return _xdg("XDG_DATA_HOME", ".local/share")


def images_dir() -> Path:
    """The pictures' disk cache (Qt's QNetworkDiskCache keeps its own layout inside)."""
    return cache_dir() / "images"
