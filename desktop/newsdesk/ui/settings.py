"""Where the window remembers things (QSettings, INI format on every system)."""
from __future__ import annotations

from PySide6.QtCore import QSettings

MAX_RECENT = 10


def settings() -> QSettings:
    return QSettings(QSettings.IniFormat, QSettings.UserScope, "Newsdesk", "Newsdesk")


def recent_folders(s: QSettings) -> list[str]:
    value = s.value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or [])]


def remember_folder(s: QSettings, path: str) -> None:
    recent = [p for p in recent_folders(s) if p != path]
    s.setValue("recent", [path] + recent[: MAX_RECENT - 1])
    s.setValue("lastFolder", path)
