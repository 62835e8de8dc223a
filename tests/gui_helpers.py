"""Shared pieces of the window tests."""
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from newsdesk.ui import settings as settings_mod
from newsdesk.ui.table_model import PATH_ROLE, TITLE
from newsdesk.ui.window import MainWindow


def open_window(qtbot, folder, config_dir, auto_advance=False):
    """The window on ``folder``. Auto-advance (on for users) is off unless asked for: most
    tests edit one article with P or U and then look at that same article."""
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(config_dir))
    settings = settings_mod.settings()
    settings.setValue("review/autoAdvance", auto_advance)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(folder)
    window.activateWindow()
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table, timeout=5000)
    return window


def window_on_copy(qtbot, folder, config_dir):
    """open_window on ``folder`` (a test's own copy), remembering it (``window.folder``) and
    its files' bytes as they were (``window.before``), to check later what a save changed."""
    window = open_window(qtbot, folder, config_dir)
    window.folder = folder
    window.before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    return window


def answer_message_boxes(monkeypatch) -> list[tuple[str, str]]:
    """A message box would block the test forever: each answers at once (Discard on
    closing with unsaved edits, Ok otherwise) and is recorded as (kind, text)."""
    shown = []
    for name, answer in (("question", QMessageBox.Discard), ("warning", QMessageBox.Ok),
                         ("critical", QMessageBox.Ok), ("information", QMessageBox.Ok)):
        monkeypatch.setattr(QMessageBox, name,
                            lambda *a, _n=name, _r=answer, **k: shown.append((_n, a[2] if len(a) > 2 else "")) or _r)
    return shown


def record_warnings(monkeypatch) -> list[str]:
    """Warnings answer Ok and their texts are recorded; the question on closing with unsaved
    edits answers Discard. Any other box still blocks (a test that meets one fails)."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    return shown


def activate(window, qtbot):
    """Give the window focus back, as the window manager does after a dialog closes."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def select_title(window, qtbot, words: str):
    """Make the row whose title contains ``words`` current, as a click would."""
    proxy = window.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, TITLE)
        if words in index.data():
            rect = window.table.visualRect(index)
            qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
            assert window.table.currentIndex().row() == row
            return index.data(PATH_ROLE)
    raise AssertionError(f"no row titled {words!r}")


def ctrl_click_title(window, qtbot, words: str):
    """Ctrl+click the row whose title contains ``words``: it joins the selection (or
    leaves it, when selected already). Returns its path."""
    proxy = window.proxy
    for row in range(proxy.rowCount()):
        index = proxy.index(row, TITLE)
        if words in index.data():
            qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, Qt.ControlModifier,
                             window.table.visualRect(index).center())
            return index.data(PATH_ROLE)
    raise AssertionError(f"no row titled {words!r}")


def select_unshown(window, qtbot, *words, via: str = "Hybrid") -> list[str]:
    """Select exactly the rows whose titles contain ``words`` with none of them ever the
    only one selected (so the panel never shows, nor parses, one alone): click the row of
    ``via``, Ctrl+click each of ``words``, Ctrl+click ``via`` out again. Returns the paths
    of ``words``' rows, in that order."""
    select_title(window, qtbot, via)
    rels = [ctrl_click_title(window, qtbot, w) for w in words]
    ctrl_click_title(window, qtbot, via)
    return rels


def crash(window):
    """The window goes as in a crash: without asking, saving or clearing its journal, and
    holding no lock on the folder any more (a dead process holds none)."""
    window.session.undo_stack.clear()
    window.folder_session.release_claim()
    window.session = None
    window.close()


def restore_when_asked():
    """The next window's offer of the unsaved edits found after a crash: Restore."""
    def restore(box):
        [button] = [b for b in box.buttons() if b.text() == "Restore"]
        button.click()
    when_modal(restore)


def when_modal(callback, timeout_ms=5000):
    """Run callback(dialog) once a modal dialog is up (for exec()-style dialogs)."""
    waited = {"ms": 0}

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is not None and not dialog.isActiveWindow() and waited["ms"] < timeout_ms:
            # as for a user: the dialog has the keyboard (the table's single-key shortcuts must not fire)
            dialog.activateWindow()
            waited["ms"] += 20
            QTimer.singleShot(20, poll)
        elif dialog is not None:
            callback(dialog)
        elif waited["ms"] < timeout_ms:
            waited["ms"] += 20
            QTimer.singleShot(20, poll)
    QTimer.singleShot(0, poll)


def seeds_four_times(tmp_path, seeds_copy):
    """20 new articles: the seeds four times over, each a file of its own ("Copy N: ..."),
    so five groups of four duplicates."""
    folder = tmp_path / "site"
    folder.mkdir()
    for copy in range(4):
        for seed in sorted(seeds_copy.iterdir()):
            text = seed.read_text().replace('title: "', f'title: "Copy {copy}: ', 1)
            (folder / f"{copy}_{seed.name}").write_text(text)
    return folder


def story(n: int) -> str:
    """The name of dated_site's article ``n``."""
    return f"story_{n:03d}.txt"


def dated_site(tmp_path, count, name=story, **values):
    """``count`` articles made from the seeds, titled "kNNN ...", k000 the oldest and the
    last the newest (the table's top row); ``values`` set top-level lines (quality="37")."""
    import re

    from conftest import SEEDS
    folder = tmp_path / "site"
    folder.mkdir()
    seeds = sorted(SEEDS.iterdir())
    for n in range(count):
        text = seeds[n % len(seeds)].read_text(encoding="utf-8")
        text = re.sub(r'^title: "', f'title: "k{n:03d} ', text, count=1, flags=re.M)
        for key, value in values.items():
            text = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
        day = f"2020-{1 + n // 28:02d}-{1 + n % 28:02d}T08:00:00Z"
        text = re.sub(r"^publishedDateTime: .*$", f"publishedDateTime: {day}", text, count=1, flags=re.M)
        (folder / name(n)).write_text(text, encoding="utf-8")
    return folder


def shown_rels(window):
    return [window.proxy.index(r, 0).data(PATH_ROLE) for r in range(window.proxy.rowCount())]


def wait_states(window, qtbot):
    qtbot.waitUntil(lambda: len(window.review.states) == len(window.session.library.rows), timeout=10000)


def answer_add_topic(qtbot, name: str) -> None:
    """The next Ctrl+T dialog (Add Topic) is answered as a user does: ``name`` typed into
    its empty box, then Return."""
    from PySide6.QtWidgets import QLineEdit

    def answer(dialog):
        box = dialog.findChild(QLineEdit, "topicName")
        qtbot.keyClicks(box, name)
        qtbot.keyClick(box, Qt.Key_Return)
    when_modal(answer)
