"""What Qt's standard keys become on each platform, so that a clash is found on every
platform from any one: QKeySequence.keyBindings() answers only for the platform theme
running, and the offscreen platform of the tests always answers as Windows.

The table is derived from Qt's documented per-platform key bindings (the keyBindings[]
table of qtbase's src/gui/kernel/qplatformtheme.cpp, which the QKeySequence::StandardKey
documentation renders): entries marked KB_X11 hold for the KDE and GNOME schemes too
(QPlatformThemePrivate::currentKeyPlatforms adds KB_X11 to them), and Qt 6 adds each
standard key's dedicated key (Qt::Key_Open, Key_Help...) on every platform. Only the
standard keys the window binds are listed. tests/test_shortcuts.py checks the table
against keyBindings() for the platform it runs on and, given an X display, for Qt's
generic X11, KDE and GNOME themes each (the macOS column is read from Qt's table alone)."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence

SK = QKeySequence.StandardKey
PLATFORMS = ("windows", "macos", "x11", "kde", "gnome")
_X11 = ("x11", "kde", "gnome")
_ALL = PLATFORMS

# standard key -> [(sequence, platforms it is bound on)]
STANDARD: dict = {
    SK.Open: [("Ctrl+O", _ALL), ("Open", _ALL)],
    SK.Save: [("Ctrl+S", _ALL), ("Save", _ALL)],
    SK.Find: [("Ctrl+F", _ALL), ("Find", _ALL)],
    SK.Quit: [("Ctrl+Q", ("macos", *_X11)), ("Exit", ("macos", *_X11))],
    SK.HelpContents: [("Ctrl+?", ("macos",)), ("F1", ("windows", *_X11)), ("Help", _ALL)],
    SK.Refresh: [("Ctrl+R", ("gnome", "macos")), ("F5", ("windows", *_X11)), ("Refresh", _ALL)],
    SK.Undo: [("Alt+Backspace", ("windows",)), ("Ctrl+Z", _ALL), ("F14", _X11), ("Undo", _ALL)],
    SK.Redo: [("Alt+Shift+Backspace", ("windows",)), ("Ctrl+Shift+Z", _ALL), ("Ctrl+Y", ("windows",)),
              ("Redo", _ALL)],
}
# Keys only special keyboards have: bound, but not listed in Help > Keyboard Shortcuts.
DEDICATED = frozenset({"Open", "Save", "Find", "Help", "Refresh", "Undo", "Redo", "Exit", "F14"})


def bindings(key, platform: str) -> list[str]:
    """The sequences a standard key stands for on ``platform`` (portable text)."""
    if key not in STANDARD:
        raise KeyError(f"{key} is not in the table of standard keys (ui/platform_keys.py): add its bindings")
    return [sequence for sequence, where in STANDARD[key] if platform in where]


def expand(keys, platform: str) -> list[str]:
    """An action's keys (standard keys and literal sequences) as sequences on ``platform``."""
    out = []
    for key in keys:
        out.extend(bindings(key, platform) if isinstance(key, SK) else [key])
    return out


def portable(key) -> str:
    """One spelling per sequence ("ctrl+q" and "Ctrl+Q" are one)."""
    return QKeySequence(key).toString(QKeySequence.PortableText)
