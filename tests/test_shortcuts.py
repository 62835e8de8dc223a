"""Every shortcut unique on every platform, and each documented one doing its work when
pressed; Help > Keyboard Shortcuts made from the actions themselves."""
import json
import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from gui_helpers import activate, answer_add_topic, open_window, select_title, when_modal, window_on_copy
from newsdesk.ui import actions as actions_mod
from newsdesk.ui.actions import ACTIONS, ActionSpec, ShortcutClash, check_unique
from newsdesk.ui.platform_keys import PLATFORMS, STANDARD, bindings, portable
from newsdesk.ui.shortcuts import PANEL_KEYS, ShortcutsDialog, tab_rows
from newsdesk.ui.topics import TopicManager

SK = QKeySequence.StandardKey
HYBRID = "003_60f60ea208535f03.txt"


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    """Message boxes answer at once (Discard, Ok) and say what they were."""
    shown = []
    for name, answer in (("question", QMessageBox.Discard), ("warning", QMessageBox.Ok),
                         ("information", QMessageBox.Ok)):
        monkeypatch.setattr(QMessageBox, name, lambda *a, _n=name, _r=answer, **k: shown.append(_n) or _r)
    return shown


@pytest.fixture
def window(qtbot, seeds_copy, tmp_path):
    return window_on_copy(qtbot, seeds_copy, tmp_path / "config")


def scheme_of_this_platform() -> list[str]:
    """The keyboard schemes Qt may be using here (the offscreen platform uses Qt's default
    theme, whose scheme is Windows')."""
    name = QApplication.platformName()
    if name in ("offscreen", "minimal", "windows"):
        return ["windows"]
    if name == "cocoa":
        return ["macos"]
    return ["x11", "kde", "gnome"]


def test_the_table_of_standard_keys_is_what_qt_binds_here(qapp):
    for key in STANDARD:
        qt = sorted(s.toString(QKeySequence.PortableText) for s in QKeySequence.keyBindings(key))
        schemes = scheme_of_this_platform()
        assert any(qt == sorted(portable(s) for s in bindings(key, scheme)) for scheme in schemes), key


THEME_PROBE = """
import json
from PySide6.QtGui import QGuiApplication, QKeySequence
from newsdesk.ui.platform_keys import STANDARD
app = QGuiApplication([])
print(json.dumps({k.name: sorted(s.toString(QKeySequence.PortableText) for s in QKeySequence.keyBindings(k))
                  for k in STANDARD}))
"""


@pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="no X display: the X11 themes cannot be asked")
@pytest.mark.parametrize("theme, scheme", [("generic", "x11"), ("kde", "kde"), ("gnome", "gnome")])
def test_the_table_of_standard_keys_is_what_each_x11_theme_binds(theme, scheme):
    """Qt's own answer for each Linux desktop, asked of a real xcb window system."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QT_QPA_PLATFORMTHEME=theme)
    run = subprocess.run([sys.executable, "-c", THEME_PROBE], capture_output=True, text=True, env=env, timeout=60)
    if run.returncode != 0:
        pytest.skip(f"Qt's xcb platform does not start here: {run.stderr.strip().splitlines()[-1:]}")
    answered = json.loads(run.stdout)
    for key in STANDARD:
        assert answered[key.name] == sorted(portable(s) for s in bindings(key, scheme)), (theme, key)


def test_no_two_actions_share_a_key_on_any_platform(qapp):
    check_unique(ACTIONS)
    # the three that did nothing: Ctrl+Q and F1 bound twice, Ctrl+Shift+T to two actions
    owners = {}
    for platform in PLATFORMS:
        for spec in ACTIONS:
            for key in actions_mod.expand(spec.keys, platform):
                owners.setdefault((platform, portable(key)), set()).add(spec.id)
    assert all(len(ids) == 1 for ids in owners.values())
    assert owners[("macos", "Ctrl+Q")] == {"quit"} and owners[("x11", "F1")] == {"help_keys"}
    assert owners[("windows", "Ctrl+Shift+T")] == {"topics"}


def test_a_clash_is_refused_at_start_naming_keys_and_platforms(qapp):
    clashing = (*ACTIONS, ActionSpec("close_all", "Close All", "close", (SK.Quit,)))
    with pytest.raises(ShortcutClash) as refused:
        check_unique(clashing)
    text = str(refused.value)
    assert "Ctrl+Q on macos: quit and close_all" in text and "windows" not in text  # Quit is no key on Windows
    with pytest.raises(ShortcutClash, match="F5 on windows: reload and again"):
        check_unique((*ACTIONS, ActionSpec("again", "Again", "reload", ("F5",))))


def test_the_window_binds_each_sequence_once_and_only_from_the_table(window):
    declared = {window.named_actions[spec.id] for spec in ACTIONS}
    seen = {}
    for action in window.findChildren(QAction):
        sequences = [s.toString(QKeySequence.PortableText) for s in action.shortcuts()]
        if not sequences:
            continue
        assert action in declared, f"{action.text()} has keys but is not in ui/actions.py"
        assert len(sequences) == len(set(sequences)), action.text()  # Qt runs neither of two
        for sequence in sequences:
            assert seen.setdefault(sequence, action) is action, sequence
    assert {s.toString() for s in window.named_actions["quit"].shortcuts()} == {"Ctrl+Q"}
    assert {s.toString() for s in window.named_actions["help_keys"].shortcuts()} >= {"F1"}


def test_keyboard_shortcuts_dialog_is_made_from_the_actions(window, qtbot):
    rows = []

    def read(dialog):
        assert isinstance(dialog, ShortcutsDialog)
        table = dialog.table
        rows.extend(tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount()))
        dialog.reject()
    when_modal(read)
    qtbot.keyClick(window.table, Qt.Key_F1)
    assert rows, "F1 opened no dialog"
    keyed = [spec for spec in ACTIONS if spec.keys]
    assert len(rows) == len(keyed) + len(PANEL_KEYS) + len(tab_rows(window.detail.tabs))
    for spec, (_where, keys, does) in zip(keyed, rows, strict=False):
        assert does == spec.text.replace("&", "").rstrip(".\u2026") and keys
        parts = keys.split(" or ")
        assert len(parts) == len(set(parts)), keys       # it said "F1 or F1"
        assert "Help" not in parts and "Open" not in parts  # keys of special keyboards left out
    assert ("Anywhere", "F1", "Keyboard Shortcuts") in rows
    assert ("Anywhere", "Ctrl+Shift+T", "Manage Topics") in rows
    assert ("Anywhere", "Ctrl+T", "Add Topic to Selected") in rows


# ---- each documented shortcut, pressed ------------------------------------------------------
def draft(window, rel=HYBRID):
    return window.session.library.draft(rel).data


def press(window, qtbot, key, mods=Qt.NoModifier, widget=None):
    activate(window, qtbot)
    qtbot.keyClick(widget or window.table, key, mods)


def check_publish_keys(window, qtbot, _):
    select_title(window, qtbot, "Hybrid")
    press(window, qtbot, Qt.Key_P)
    assert draft(window)["published"] is True
    press(window, qtbot, Qt.Key_U)
    assert draft(window)["published"] is False
    press(window, qtbot, Qt.Key_Space)
    assert draft(window)["published"] is True


def check_quality_keys(window, qtbot, _):
    select_title(window, qtbot, "Hybrid")
    start = draft(window)["quality"]
    steps = [(Qt.Key_Plus, Qt.NoModifier, 1), (Qt.Key_Equal, Qt.NoModifier, 1), (Qt.Key_Minus, Qt.NoModifier, -1),
             (Qt.Key_BracketRight, Qt.NoModifier, 10), (Qt.Key_BracketLeft, Qt.NoModifier, -10)]
    for key, mods, step in steps:
        before = draft(window)["quality"]
        press(window, qtbot, key, mods)
        assert draft(window)["quality"] == before + step, (key, mods)
    assert draft(window)["quality"] == start + 1


def check_save_undo_redo(window, qtbot, _):
    select_title(window, qtbot, "Hybrid")
    press(window, qtbot, Qt.Key_P)
    press(window, qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert draft(window)["published"] is False
    press(window, qtbot, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert draft(window)["published"] is True
    press(window, qtbot, Qt.Key_Z, Qt.ControlModifier)
    press(window, qtbot, Qt.Key_Y, Qt.ControlModifier)
    assert draft(window)["published"] is True
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)
    assert (window.folder / HYBRID).read_bytes() == window.before[HYBRID].replace(b"published: false",
                                                                                   b"published: true")


def check_bulk_dialog_keys(window, qtbot, monkeypatch):
    window.table.selectAll()
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (77, True))
    press(window, qtbot, Qt.Key_Q, Qt.ControlModifier | Qt.ShiftModifier)
    assert all(draft(window, rel)["quality"] == 77 for rel in window.before)
    answer_add_topic(qtbot, "Zebra Crossing")
    press(window, qtbot, Qt.Key_T, Qt.ControlModifier)
    assert all(draft(window, rel)["topics"][-1] == "Zebra Crossing" for rel in window.before)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("Zebra Crossing", True))
    press(window, qtbot, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert all("Zebra Crossing" not in draft(window, rel)["topics"] for rel in window.before)


def check_focus_keys(window, qtbot, _):
    for key, mods in ((Qt.Key_F, Qt.ControlModifier), (Qt.Key_Slash, Qt.NoModifier)):
        press(window, qtbot, key, mods)
        assert QApplication.focusWidget() is window.filter
        press(window, qtbot, Qt.Key_Escape, widget=window.filter)
        assert QApplication.focusWidget() is window.table
    for key, widget in ((Qt.Key_Q, window.detail.quality), (Qt.Key_T, window.detail.topic_input),
                        (Qt.Key_R, window.detail.related_view)):
        press(window, qtbot, key)
        assert QApplication.focusWidget() is widget, key
        press(window, qtbot, Qt.Key_Escape, widget=widget)
        assert QApplication.focusWidget() is window.table


def check_switch_and_browse(window, qtbot, _):
    press(window, qtbot, Qt.Key_3, Qt.ControlModifier)
    assert window.proxy.rowCount() == 0 and window.state_actions[2].isChecked()
    press(window, qtbot, Qt.Key_2, Qt.ControlModifier)
    assert window.proxy.rowCount() == 5 and window.state_actions[1].isChecked()
    press(window, qtbot, Qt.Key_1, Qt.ControlModifier)
    assert window.state_actions[0].isChecked()
    press(window, qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.waitUntil(window.sidebar.isVisible, timeout=3000)
    press(window, qtbot, Qt.Key_B, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.sidebar.isVisible(), timeout=3000)


def check_open_and_reload(window, qtbot, monkeypatch):
    asked = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: asked.append(a[1]) or "")
    press(window, qtbot, Qt.Key_O, Qt.ControlModifier)
    assert asked == ["Open Folder of Articles"]
    for key, mods in ((Qt.Key_F5, Qt.NoModifier), (Qt.Key_R, Qt.ControlModifier)):
        old = window.session
        with qtbot.waitSignal(window.loaded, timeout=20000):
            press(window, qtbot, key, mods)
        assert window.session is not old


def check_topic_manager(window, qtbot, _):
    opened = []

    def close(dialog):
        opened.append(type(dialog))
        dialog.reject()
    when_modal(close)
    press(window, qtbot, Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == [TopicManager]


def check_quit(window, qtbot, _):
    press(window, qtbot, Qt.Key_Q, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def check_review_keys(window, qtbot, _):
    select_title(window, qtbot, "Hybrid")
    assert window.review.state(HYBRID).value == "new"
    press(window, qtbot, Qt.Key_Return)
    assert window.review.state(HYBRID).value == "reviewed"
    select_title(window, qtbot, "Hybrid")
    press(window, qtbot, Qt.Key_F)
    assert window.review.state(HYBRID).value == "flagged"
    press(window, qtbot, Qt.Key_F)
    assert window.review.state(HYBRID).value == "reviewed"
    press(window, qtbot, Qt.Key_N)
    assert window.current.rel != HYBRID and window.review.state(window.current.rel).value == "new"
    press(window, qtbot, Qt.Key_N, Qt.ShiftModifier)
    assert window.current.rel != HYBRID and window.review.state(window.current.rel).value == "new"
    press(window, qtbot, Qt.Key_Enter, Qt.KeypadModifier)
    assert window.review.state(HYBRID).value == "reviewed"


def check_preferences_and_changes(window, qtbot, _):
    from newsdesk.ui.preferences import PreferencesDialog
    opened = []

    def close(dialog):
        opened.append(type(dialog))
        dialog.reject()
    when_modal(close)
    press(window, qtbot, Qt.Key_Comma, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == [PreferencesDialog]
    activate(window, qtbot)
    press(window, qtbot, Qt.Key_D, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(window.changes.isVisible, timeout=3000)


CHECKS = {
    check_review_keys: {"mark_reviewed", "flag", "next_new", "prev_new"},
    check_preferences_and_changes: {"preferences", "changes"},
    check_publish_keys: {"publish", "unpublish", "toggle"},
    check_quality_keys: {"quality_up", "quality_down", "quality_up10", "quality_down10"},
    check_save_undo_redo: {"save", "undo", "redo"},
    check_bulk_dialog_keys: {"set_quality", "add_topic", "remove_topic"},
    check_focus_keys: {"find", "focus_table", "focus_quality", "focus_topics", "focus_related"},
    check_switch_and_browse: {"state_all", "state_unpublished", "state_published", "browse"},
    check_open_and_reload: {"open", "reload"},
    check_topic_manager: {"topics"},
    check_quit: {"quit"},
    # help_keys: test_keyboard_shortcuts_dialog_is_made_from_the_actions; git_commit: below
}


def test_every_action_with_keys_has_its_check():
    checked = set().union(*CHECKS.values()) | {"help_keys", "git_commit"}
    assert checked == {spec.id for spec in ACTIONS if spec.keys}


@pytest.mark.parametrize("check", list(CHECKS), ids=lambda f: f.__name__)
def test_documented_shortcut_does_its_work(window, qtbot, monkeypatch, check):
    check(window, qtbot, monkeypatch)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_commit_shortcut_opens_the_commit_dialog_in_a_work_tree(qtbot, tmp_path, seeds_copy):
    from newsdesk.ui.git_menu import CommitDialog
    site = tmp_path / "repo"
    shutil.copytree(seeds_copy, site)
    for args in (("init", "-q"), ("add", "."), ("-c", "user.email=e@example.com", "-c", "user.name=E",
                                                 "commit", "-q", "-m", "start")):
        subprocess.run(["git", "-C", str(site), *args], check=True, capture_output=True)
    (site / HYBRID).write_bytes((site / HYBRID).read_bytes().replace(b"quality: 21", b"quality: 22"))
    window = open_window(qtbot, site, tmp_path / "config")
    qtbot.waitUntil(lambda: window.git.repo is not None, timeout=10000)
    opened = []

    def close(dialog):
        opened.append((type(dialog), dialog.chosen()))
        dialog.reject()
    when_modal(close)
    press(window, qtbot, Qt.Key_K, Qt.ControlModifier | Qt.ShiftModifier)
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    assert opened == [(CommitDialog, [HYBRID])]
