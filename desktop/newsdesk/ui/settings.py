"""Where the window remembers things (QSettings, INI format on every system)."""
from __future__ import annotations

from PySide6.QtCore import QSettings

MAX_RECENT = 10
REMOTE_PICTURES = "pictures/remote"  # bool: fetch article pictures from the web (View > Load Remote Pictures)


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


def remote_pictures(s: QSettings) -> bool:
    """Whether pictures may be fetched from the web (default: yes)."""
    value = s.value(REMOTE_PICTURES, True)
    return value if isinstance(value, bool) else str(value).lower() not in ("false", "0", "no", "")


def set_remote_pictures(s: QSettings, on: bool) -> None:
    s.setValue(REMOTE_PICTURES, bool(on))
