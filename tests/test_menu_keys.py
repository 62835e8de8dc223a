"""The key a menu shows is the key that works: for every action of ui/actions.py, the
sequence its menu item names (QMenu shows ``action.shortcut()``), typed as a user reads it,
fires that action and no other, and Help > Keyboard Shortcuts names it first.

A user reads "Shift++" as "hold Shift and press +". On a keyboard where + is itself a
shifted key (US, UK...), that press reaches Qt on X11 as "+" (Qt's xcb key mapper drops
the Shift the symbol used up), so "Shift++" ran Quality +1 and "Shift+_" ran nothing:
a slip a tester found. Offscreen Qt matches keys exactly, so the first test types the
symbol as X11 delivers it and refuses a shown Shift+<shifted symbol> outright; the second
asks a real X server (skipped without one)."""
import json
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from gui_helpers import activate, open_window
from newsdesk.ui.actions import ACTIONS, MENUS
from newsdesk.ui.shortcuts import shortcut_rows

# Symbols typed with Shift on the common (US) layout: Qt sees the symbol, the Shift is used up.
SHIFTED_SYMBOLS = set('~!@#$%^&*()_+{}|:"<>?')
MENU_OF = {item: name for name, _title, items in MENUS for item in items}


def shown_in_menu(window, spec):
    """The key text the menu item shows (what QMenu draws after the tab)."""
    action = window.named_actions[spec.id]
    menu = window.menus.menus[MENU_OF[spec.id]]
    assert action in menu.actions(), f"{spec.id} is not in its menu"
    return action.shortcut()


def typed(combination):
    """(key, modifiers) of the event the named key makes on X11, or the reason none can."""
    key, mods = combination.key(), combination.keyboardModifiers()
    symbol = QKeySequence(key).toString(QKeySequence.PortableText)
    if symbol in SHIFTED_SYMBOLS and mods & Qt.ShiftModifier:
        return None, f"Shift+{symbol} cannot be typed: Shift and the {symbol} key give {symbol!r} alone"
    return (key, mods), ""


@pytest.fixture
def window(qtbot, seeds_copy, tmp_path):
    return open_window(qtbot, seeds_copy, tmp_path / "config")


def test_the_key_each_menu_shows_fires_that_action_and_no_other(window, qtbot):
    fired = []
    keyed = [spec for spec in ACTIONS if spec.keys]
    for spec in keyed:  # the handlers are not run here: each action only says it fired
        action = window.named_actions[spec.id]
        action.triggered.disconnect()
        action.triggered.connect(lambda _=False, i=spec.id: fired.append(i))
    help_keys = {does: keys for _where, keys, does in shortcut_rows(window.shortcut_actions())}
    wrong = []
    for spec in keyed:
        sequence = shown_in_menu(window, spec)
        text = sequence.toString(QKeySequence.NativeText)
        assert text, f"{spec.id} has keys but its menu shows none"
        does = spec.text.replace("&", "").rstrip(".\u2026")
        if not help_keys[does].startswith(text):
            wrong.append(f"{spec.id}: the menu shows {text!r}, Help says {help_keys[does]!r}")
        event, why = typed(sequence[0])
        if event is None:
            wrong.append(f"{spec.id}: the menu shows {text!r}; {why}")
            continue
        window.named_actions[spec.id].setEnabled(True)  # undo with nothing to undo, Git outside a work tree
        activate(window, qtbot)
        window.table.setFocus()
        fired.clear()
        qtbot.keyClick(window.table, event[0], event[1])
        QApplication.processEvents()
        if fired != [spec.id]:
            wrong.append(f"{spec.id}: the menu shows {text!r}, pressing it ran {fired}")
    assert not wrong, "\n".join(wrong)


XKEYSYM = {Qt.Key_Plus: "plus", Qt.Key_Minus: "minus", Qt.Key_Equal: "equal", Qt.Key_BracketLeft: "bracketleft",
           Qt.Key_BracketRight: "bracketright", Qt.Key_Slash: "slash", Qt.Key_Comma: "comma",
           Qt.Key_Underscore: "underscore", Qt.Key_Question: "question", Qt.Key_Space: "space",
           Qt.Key_Return: "Return", Qt.Key_Enter: "KP_Enter", Qt.Key_Escape: "Escape"}

X11_PROBE = """
import json, subprocess, sys, time
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
sys.path.insert(0, sys.argv[1])
from test_menu_keys import xdotool_name
from newsdesk.ui.actions import ACTIONS, platform_shortcuts
app = QApplication([])
w = QWidget()
w.resize(200, 100)
w.show()
fired, out, actions = [], {}, {}
for spec in ACTIONS:
    if spec.keys:
        a = actions[spec.id] = QAction(spec.text, w)
        a.setShortcuts(platform_shortcuts(spec.keys))  # as build_actions binds them, for this X11 theme
        a.triggered.connect(lambda _=False, i=spec.id: fired.append(i))
        w.addAction(a)
def focused() -> bool:
    # keys go to the focused window of the display: only ever to this one (the display
    # may be another program's too)
    for _ in range(50):
        app.processEvents()
        said = subprocess.run(["xdotool", "getwindowfocus"], capture_output=True, text=True).stdout.strip()
        if said == str(int(w.winId())):
            return True
        time.sleep(0.02)
    return False
def run():
    w.activateWindow()
    for spec_id, action in actions.items():
        shown = action.shortcut()  # what the menu item shows
        keysym = xdotool_name(shown[0])
        if not focused():
            print(json.dumps({"not focused": spec_id}))
            break
        fired.clear()
        subprocess.run(["xdotool", "key", "--clearmodifiers", keysym], check=True)
        end = time.monotonic() + 0.5
        while time.monotonic() < end and not fired:
            app.processEvents()
            time.sleep(0.01)
        out[spec_id] = [shown.toString(QKeySequence.NativeText), keysym, list(fired)]
    print(json.dumps(out))
    app.quit()
QTimer.singleShot(300, run)
app.exec()
"""


def xdotool_name(combination) -> str:
    key, mods = combination.key(), combination.keyboardModifiers()
    if key in XKEYSYM:
        name = XKEYSYM[key]
    elif Qt.Key_F1 <= key <= Qt.Key_F35:
        name = f"F{key - Qt.Key_F1 + 1}"
    else:
        name = QKeySequence(key).toString(QKeySequence.PortableText).lower()
    parts = [m for flag, m in ((Qt.ControlModifier, "ctrl"), (Qt.AltModifier, "alt"), (Qt.ShiftModifier, "shift"))
             if mods & flag]
    return "+".join([*parts, name])


@pytest.mark.skipif(not os.environ.get("DISPLAY") or shutil.which("xdotool") is None,
                    reason="no X display or no xdotool: the keys cannot be pressed on a real X server")
def test_on_x11_the_key_each_menu_shows_is_the_key_that_fires(qapp):
    """The menu's key pressed with xdotool on a real X server (Qt's xcb platform), as a user
    types it: Shift++ becomes shift+plus (the + key with Shift held)."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    run = subprocess.run([sys.executable, "-c", X11_PROBE, os.path.dirname(__file__)], capture_output=True,
                         text=True, env=env, timeout=120)
    if run.returncode != 0 or not run.stdout.strip():
        pytest.skip(f"Qt's xcb platform does not start here: {run.stderr.strip().splitlines()[-1:]}")
    fired = json.loads(run.stdout.strip().splitlines()[-1])
    if "not focused" in fired:
        pytest.skip("the probe's window did not get the keyboard focus on this display: no key was pressed")
    assert len(fired) == len([spec for spec in ACTIONS if spec.keys])
    wrong = {i: (shown, keysym, ran) for i, (shown, keysym, ran) in fired.items() if ran != [i]}
    assert not wrong, wrong


def _mnemonic(text: str) -> str | None:
    import re
    found = re.search(r"(?<!&)&([^&\s])", text or "")
    return found.group(1).lower() if found else None


def test_no_two_alt_letters_of_the_window_meet(window, qtbot):
    """Alt+V switched the panel to its Preview tab ("Pre&view") instead of opening the View
    menu, and Alt+T went to the Topics box, not the Tools menu: a tester could not open
    either menu from the keyboard. Every Alt+letter of the menu bar and of the window's
    own widgets (buttons, boxes, labels with a buddy, tabs) names one thing."""
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar
    owners: dict[str, list[str]] = {}
    for action in window.menuBar().actions():
        if action.isVisible() or action.menu() is not None:
            letter = _mnemonic(action.text())
            if letter:
                owners.setdefault(letter, []).append(f"menu {action.text()!r}")
    for widget in window.findChildren(QAbstractButton) + window.findChildren(QGroupBox) + \
            window.findChildren(QLabel) + window.findChildren(QTabBar):
        if widget.window() is not window:
            continue
        if isinstance(widget, QTabBar):
            texts = [widget.tabText(n) for n in range(widget.count())]
        elif isinstance(widget, QGroupBox):
            texts = [widget.title()]
        elif isinstance(widget, QLabel):
            texts = [widget.text()] if widget.buddy() is not None else []
        else:
            texts = [widget.text()]
        for text in texts:
            letter = _mnemonic(text)
            if letter:
                owners.setdefault(letter, []).append(f"{type(widget).__name__} {text!r}")
    shared = {letter: names for letter, names in owners.items() if len(set(names)) > 1}
    assert not shared, shared
    window.detail.tabs.setFocus()
    qtbot.keyClick(window, Qt.Key_W, Qt.AltModifier)  # the Preview tab's own letter
    assert window.detail.tabs.currentWidget() is window.detail.preview


def test_no_two_items_of_a_menu_share_a_letter(window):
    """Alt+V then C only highlighted Changes (Columns had C too): in a menu, a letter two
    items share moves between them instead of choosing one."""
    shared = {}
    for name, menu in window.menus.menus.items():
        letters: dict[str, list[str]] = {}
        for action in menu.actions():
            letter = _mnemonic(action.text())
            if letter and not action.isSeparator():
                letters.setdefault(letter, []).append(action.text())
        shared.update({f"{name} {letter}": texts for letter, texts in letters.items() if len(texts) > 1})
    assert not shared, shared
