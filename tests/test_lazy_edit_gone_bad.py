"""An article edited lazily — the panel shows the index's values and an edit opens the
file's entries only — whose file went bad on disk after it was indexed: made invalid
YAML, deleted, or replaced by a folder. Every edit then says so, naming the file, and
nothing is written to it (nor half-written); the other articles are edited as asked."""

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gui_helpers import activate, select_unshown, when_modal
from newsdesk.ui.table_model import TITLE
from panel_helpers import HYBRID, data_of, panel_window

GOOD, BAD = "High-Performance", "rekindles"      # titles: quality 57 and 43, both unpublished
BROKEN_YAML = b"---\ntitle: \"Half a pipeline write\nquality: [1, 2\n---\n"


def _invalid_yaml(path):
    path.write_bytes(BROKEN_YAML)


def _deleted(path):
    path.unlink()


def _a_folder(path):
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_bytes(b"not an article\n")


BREAKAGES = {"invalid YAML": _invalid_yaml, "deleted": _deleted, "a folder": _a_folder}


@pytest.fixture(params=list(BREAKAGES))
def broken(request, qtbot, monkeypatch, seeds_copy, tmp_path):
    """The window with two articles selected (the panel edits both from the index's
    values); the file of one of them went bad on disk behind the window's back."""
    window = panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")
    window.disk.stop()  # the watcher has not seen it yet (it may be late: a network share, inotify's limit)
    # the later row first: the earlier is the one a menu asks about first
    later, earlier = sorted((GOOD, BAD), key=lambda words: -_row_of(window, words))
    good, bad = select_unshown(window, qtbot, later, earlier, via="Hybrid")
    assert window.selected_rels() == [bad, good] and HYBRID not in window.detail.rels
    assert not window.session.library.loaded(bad)   # shown from the index, not parsed
    path = window.folder / bad
    BREAKAGES[request.param](path)
    window.bad, window.good, window.bad_path, window.breakage = bad, good, path, request.param
    window.bad_bytes = _state(path)
    _keyboard_to_the_table(window, qtbot)
    return window


def _keyboard_to_the_table(window, qtbot):
    """The table has the keyboard, as after a click (under load the window could lose
    it between the clicks and the keys, and the table's single keys then do nothing)."""
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table, timeout=5000)


def _row_of(window, words):
    proxy = window.proxy
    return next(row for row in range(proxy.rowCount()) if words in proxy.index(row, TITLE).data())


def _state(path):
    """What is at ``path`` now: its bytes, "folder" or None (nothing)."""
    if path.is_dir():
        return ("folder", sorted((p.name, p.read_bytes()) for p in path.iterdir()))
    return path.read_bytes() if path.exists() else None


def said(window, messages):
    """Some message the editor was shown (a box or the status bar) names the bad file."""
    texts = [text for _kind, text in window.boxes] + messages
    return any(window.bad in text for text in texts)


def _status_messages(window):
    seen = []
    window.statusBar().messageChanged.connect(lambda text: seen.append(text) if text else None)
    return seen


def _untouched(window):
    """The bad file is as the breakage left it; no temporary file stayed beside it; the
    others are as they were, except ``good``'s expected change (checked by the caller)."""
    assert _state(window.bad_path) == window.bad_bytes
    leftovers = [p.name for p in window.folder.iterdir() if p.name not in window.before and p != window.bad_path]
    assert leftovers == []


def _save(window, qtbot):
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


def _others_unchanged(window, except_good=None):
    for path in window.folder.iterdir():
        if path.name in (window.bad, except_good):
            continue
        assert path.read_bytes() == window.before[path.name], path.name


def test_p_in_the_table_publishes_the_good_one_and_names_the_bad_one(broken, qtbot):
    window = broken
    messages = _status_messages(window)
    qtbot.keyClick(window.table, Qt.Key_P)
    assert said(window, messages)
    assert data_of(window, window.good)["published"] is True
    _save(window, qtbot)
    _untouched(window)
    good = window.folder / window.good
    assert good.read_bytes() == window.before[window.good].replace(b"published: false", b"published: true", 1)
    _others_unchanged(window, window.good)


def test_the_panels_published_box_names_the_bad_one(broken, qtbot):
    window = broken
    messages = _status_messages(window)
    box = window.detail.published
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))
    assert said(window, messages)
    # on one line, the file named inside the folder: the status bar shows one line only
    shown = window.statusBar().currentMessage()
    assert "\n" not in shown and shown.count(window.bad) == 1 and str(window.folder) not in shown
    _save(window, qtbot)
    _untouched(window)
    _others_unchanged(window, window.good)


def test_the_panels_quality_names_the_bad_one(broken, qtbot):
    window = broken
    messages = _status_messages(window)
    spin = window.detail.quality
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "66")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert said(window, messages)
    assert data_of(window, window.good)["quality"] == 66
    _save(window, qtbot)
    _untouched(window)
    _others_unchanged(window, window.good)


def test_the_panels_topics_name_the_bad_one(broken, qtbot):
    window = broken
    messages = _status_messages(window)
    box = window.detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "Brand new topic")
    qtbot.keyClick(box, Qt.Key_Return)
    assert said(window, messages)
    assert "Brand new topic" in data_of(window, window.good)["topics"]
    _save(window, qtbot)
    _untouched(window)
    _others_unchanged(window, window.good)


@pytest.mark.parametrize("key", [Qt.Key_Space, Qt.Key_Plus, Qt.Key_BracketRight])
def test_table_keys_name_the_bad_one_never_a_traceback(broken, qtbot, key):
    window = broken
    messages = _status_messages(window)
    qtbot.keyClick(window.table, key)
    assert said(window, messages)
    _save(window, qtbot)
    _untouched(window)
    _others_unchanged(window, window.good)


@pytest.mark.parametrize("action", ["set_quality", "add_topic", "remove_topic"])
def test_edit_menu_dialogs_name_the_bad_one_never_a_traceback(broken, qtbot, action):
    window = broken
    messages = _status_messages(window)

    def answer(dialog):
        name = dialog.findChild(QLineEdit, "topicName")   # Add Topic opens empty: a name typed
        if name is not None:
            name.setText("Zebra Crossing")
        dialog.accept()
    when_modal(answer)
    window.named_actions[action].trigger()
    assert said(window, messages)
    _save(window, qtbot)
    _untouched(window)
    _others_unchanged(window, window.good)


def test_an_edit_made_before_the_file_went_bad_is_kept_and_not_saved_over_it(broken_later, qtbot):
    """Published (lazily) while the file was good; then it went bad: saving says so,
    naming it, and writes nothing there; the edit is kept (not lost), the good one saved."""
    window = broken_later
    messages = _status_messages(window)
    _save(window, qtbot)
    _untouched(window)
    assert said(window, messages)
    assert window.session.library.is_dirty(window.bad)
    good = window.folder / window.good
    assert good.read_bytes() == window.before[window.good].replace(b"published: false", b"published: true", 1)


@pytest.fixture(params=[(name, noticed) for name in BREAKAGES for noticed in ("unseen", "seen")])
def broken_later(request, qtbot, monkeypatch, seeds_copy, tmp_path):
    """Two articles published lazily; then one file went bad, the watcher has seen that
    or not yet."""
    breakage, noticed = request.param
    window = panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")
    good, bad = select_unshown(window, qtbot, GOOD, BAD, via="Hybrid")
    _keyboard_to_the_table(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_P)
    assert window.session.library.is_dirty(bad) and not window.session.library.loaded(bad)
    path = window.folder / bad
    if noticed == "unseen":
        window.disk.stop()
    BREAKAGES[breakage](path)
    if noticed == "seen":
        with qtbot.waitSignal(window.disk.applied, timeout=10000):
            window.disk.check_open()
        assert window.session.library.on_disk.get(bad) is not None
    window.bad, window.good, window.bad_path = bad, good, path
    window.bad_bytes = _state(path)
    return window


def test_the_current_one_of_several_gone_from_disk_leaves_the_others_selected(qtbot, monkeypatch, seeds_copy,
                                                                              tmp_path):
    """Seen on Xvfb: two articles selected (the first-clicked one Ctrl-clicked out again),
    the current of them went bad on disk; the watcher took its row out and the selection
    jumped to the top row, which the editor had not selected: P then published it."""
    window = panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")
    pair = select_unshown(window, qtbot, BAD, GOOD, via="Hybrid")
    qtbot.waitUntil(lambda: window.current.rel in pair, timeout=5000)
    gone = window.current.rel
    other = next(rel for rel in pair if rel != gone)
    _invalid_yaml(window.folder / gone)
    with qtbot.waitSignal(window.disk.applied, timeout=10000):
        window.disk.check_open()
    qtbot.wait(50)
    assert window.selected_rels() == [other] and window.current.rel == other
    _keyboard_to_the_table(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_P)
    assert data_of(window, other)["published"] is True
    assert window.session.library.is_dirty(other) and not window.session.library.is_dirty(HYBRID)
