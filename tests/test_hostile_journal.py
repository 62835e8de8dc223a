"""The journal of unsaved edits is checked input and a promise kept: keys outside the
folder are never restored; a journal that cannot be written is said in the window (a
label in the status bar and one warning); the last edit is journaled at once."""
import pickle
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui_helpers import open_window, select_title
from newsdesk.core.editorial.journal import FORMAT, Entry, Journal, inside
from newsdesk.core.library.library import Library
from newsdesk.ui import session as session_mod


@pytest.fixture(autouse=True)
def no_questions(monkeypatch):
    """Closing a window with unsaved edits asks; these tests discard them."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)


def test_keys_must_be_relative_paths_inside_the_folder():
    for good in ("a.md", "sub/a.md", "x..y.md"):
        assert inside(good)
    for bad in ("../victim/v.md", "/etc/passwd", "sub/../../v.md", "C:/v.md", "sub\\..\\v.md", "", "./a.md",
                "a//b.md", "a.md\0", None, 3):
        assert not inside(bad), bad


def test_a_planted_journal_entry_outside_the_folder_is_not_offered(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"---\ntitle: A\n---\n")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "v.md").write_bytes(b"---\ntitle: V\n---\n")
    journal = Journal(folder, tmp_path / "journal")
    base = b"---\ntitle: V\n---\n"
    blob = {"format": FORMAT, "root": journal.root, "written": time.time(),
            "entries": {"../victim/v.md": (base, {"title": "owned"}), "a.md": (b"---\ntitle: A\n---\n", {"title": "B"}),
                        "b.md": ("not bytes", {"title": "x"})}}
    journal.path.parent.mkdir(parents=True)
    journal.path.write_bytes(pickle.dumps(blob))
    entries, _ = journal.read()
    assert list(entries) == ["a.md"]
    library = Library(folder)
    library.load()
    changes, _, problems = library.restore({"../victim/v.md": Entry(base, {"title": "owned"})})
    assert changes == {} and "outside the folder" in str(problems[0])
    assert (victim / "v.md").read_bytes() == base


def test_an_unwritable_journal_is_reported_and_editing_goes_on(tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the journal's folder should be")
    journal = Journal(tmp_path, blocked / "journal")
    seen = []
    journal.on_error = seen.append
    assert journal.write({"a.md": Entry(b"x", {"title": "y"})}) is False
    assert journal.error and seen == [journal.error]
    assert journal.write({"a.md": Entry(b"x", {"title": "y"})}) is False and len(seen) == 1  # said once
    journal.path = tmp_path / "ok.journal"
    assert journal.write({"a.md": Entry(b"x", {"title": "y"})}) and seen[-1] is None and journal.error is None


def test_the_window_says_when_the_journal_cannot_be_written(qtbot, seeds_copy, tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder")
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(blocked))
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[1]) or QMessageBox.Ok)
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    label = window.journal_status.label
    assert label.isHidden()
    select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    qtbot.keyClick(window.table, Qt.Key_Plus)
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=3000)
    assert "not being journaled" in label.text() and str(blocked) in label.toolTip()
    assert warned == ["Unsaved Edits Not Journaled"]  # once, not per edit


def test_the_last_edit_is_journaled_at_once(qtbot, seeds_copy, tmp_path, monkeypatch):
    # Which branch runs depends on how fast this disk writes the journal (fsync under load
    # can take longer than JOURNAL_AT_ONCE_S): this test is of the fast disk's branch.
    monkeypatch.setattr(session_mod, "JOURNAL_AT_ONCE_S", 10.0)
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    rel = select_title(window, qtbot, "Hybrid")
    journal = window.session.journal
    for _ in range(5):  # a burst of edits: each is in the journal when its key press returns
        qtbot.keyClick(window.table, Qt.Key_Plus)
        started = time.perf_counter()
        entries, _ = journal.read()
        assert entries[rel].data["quality"] == window.session.library.draft(rel).data["quality"]
    print(f"\njournal write after an edit: {journal.last_write_s * 1000:.1f} ms, read back "
          f"{(time.perf_counter() - started) * 1000:.1f} ms; delay before writing: 0 ms")


def test_a_burst_on_a_slow_disk_is_journaled_once_soon_after(qtbot, seeds_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(session_mod, "JOURNAL_AT_ONCE_S", -1.0)  # every write counts as slow
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    rel = select_title(window, qtbot, "Hybrid")
    journal = window.session.journal
    writes = []
    real_write = journal.write
    monkeypatch.setattr(journal, "write", lambda entries: writes.append(1) or real_write(entries))
    for _ in range(5):
        qtbot.keyClick(window.table, Qt.Key_Plus)
    assert writes == []  # the burst waits for the timer...
    qtbot.waitUntil(lambda: bool(writes), timeout=session_mod.JOURNAL_DELAY_MS * 5)
    entries, _ = journal.read()  # ...then one write holds the last edit
    assert writes == [1]
    assert entries[rel].data["quality"] == window.session.library.draft(rel).data["quality"]
