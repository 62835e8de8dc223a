"""Where the window remembers things (QSettings, INI format on every system)."""
from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
REMOTE_PICTURES = "pictures/remote"  # bool: fetch article pictures from the web (View > Load Remote Pictures)


def settings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "Newsdesk", "Newsdesk")


def path_value(path: str):
    """A path as QSettings keeps it: text, or its bytes when its name is not UTF-8 (a
    QString would turn those bytes into U+FFFD, and the path read back would not exist)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:  # surrogate escapes: the name's own bytes
        return QByteArray(os.fsencode(path))


def path_from(value) -> str:
    """What ``path_value`` kept, as a path string ("" for nothing)."""
    if isinstance(value, (QByteArray, bytes)):
        return os.fsdecode(bytes(value))
    return str(value) if value else ""


def recent_folders(s: QSettings) -> list[str]:
    value = s.value("recent", [])
    if not isinstance(value, list):
        value = [value]
    return [p for p in (path_from(v) for v in value) if p]


def remember_folder(s: QSettings, path: str) -> None:
    recent = [p for p in recent_folders(s) if p != path]
    s.setValue("recent", [path_value(p) for p in [path] + recent[: MAX_RECENT - 1]])
    s.setValue("lastFolder", path_value(path))


def remote_pictures(s: QSettings) -> bool:
    """Whether pictures may be fetched from the web (default: yes)."""
    value = s.value(REMOTE_PICTURES, True)
    return value if isinstance(value, bool) else str(value).lower() not in ("false", "0", "no", "")


def set_remote_pictures(s: QSettings, on: bool) -> None:
    s.setValue(REMOTE_PICTURES, bool(on))
