"""The window and the disk: files changed by others are followed, merged into saves,
and asked about only when both sides changed the same thing; crashes lose nothing."""
import os
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from gui_helpers import (
    activate,
    crash,
    open_window,
    record_warnings,
    restore_when_asked,
    select_title,
    when_modal,
    window_on_copy,
)
from newsdesk.core.editorial.journal import Journal
from newsdesk.ui.conflicts import ConflictDialog
from newsdesk.ui.table_model import PATH_ROLE, QUALITY, TITLE

HYBRID = "003_60f60ea208535f03.txt"       # "The Future of AI Is Hybrid"


@pytest.fixture(autouse=True)
def recorded_warnings(monkeypatch):
    return record_warnings(monkeypatch)


@pytest.fixture
def window(qtbot, seeds_copy, tmp_path):
    return window_on_copy(qtbot, seeds_copy, tmp_path / "config")


def rewrite_in_place(path, old: bytes, new: bytes):
    data = path.read_bytes()
    assert old in data
    with open(path, "r+b") as f:  # in place, as a script would: no new directory entry
        f.write(data.replace(old, new, 1))
        f.truncate()
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def save(window, qtbot):
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


def quality_shown(window, rel):
    return window.model.index(window.model.row_of(rel), QUALITY).data()


def test_clean_article_changed_on_disk_reloads_in_place(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    row_before = window.table.currentIndex().row()
    old = window.detail.data["quality"]
    rewrite_in_place(window.folder / rel, b"quality: %d\n" % old, b"quality: 777\n")
    qtbot.waitUntil(lambda: window.detail.data.get("quality") == 777, timeout=5000)
    assert window.detail.quality.value() == 777 and quality_shown(window, rel) == "777"
    assert window.table.currentIndex().row() == row_before and window.table.currentIndex().data(PATH_ROLE) == rel
    assert not window.isWindowModified()


def test_new_and_deleted_files_come_and_go(window, qtbot):
    shutil.copy(window.folder / HYBRID, window.folder / "zz_new.txt")
    os.unlink(window.folder / "000_6e2a0c9c78a5bcbb.txt")
    qtbot.waitUntil(lambda: "zz_new.txt" in [r.path for r in window.session.library.rows], timeout=5000)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 5, timeout=5000)
    assert "000_6e2a0c9c78a5bcbb.txt" not in [r.path for r in window.session.library.rows]
    assert "Changed on disk" in window.statusBar().currentMessage()


def test_edited_article_deleted_on_disk_is_kept_and_flagged(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    os.unlink(window.folder / rel)
    qtbot.waitUntil(lambda: window.session.library.on_disk.get(rel) == "deleted", timeout=5000)
    index = window.model.index(window.model.row_of(rel), TITLE)
    assert index.data().startswith("\u26a0") and "deleted or renamed" in index.data(Qt.ToolTipRole)
    assert window.session.library.draft(rel).data["published"] is True


def test_save_merges_a_change_made_on_disk_without_asking(window, qtbot, recorded_warnings):
    rel = select_title(window, qtbot, "Hybrid")
    before = (window.folder / rel).read_bytes()
    qtbot.keyClick(window.table, Qt.Key_P)
    window.disk.stop()  # the save must find the change itself, not the watcher
    theirs = before.replace(b"heat: -1", b"heat: 9")
    (window.folder / rel).write_bytes(theirs)
    save(window, qtbot)
    assert recorded_warnings == []
    assert (window.folder / rel).read_bytes() == theirs.replace(b"published: false", b"published: true")
    assert not window.isWindowModified()
    # undo after the merge keeps the disk's change: only the editor's own edit goes back
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.library.draft(rel).data["heat"] == 9
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == theirs


def _conflicting_edit(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_Plus)  # quality + 1
    window.disk.stop()
    path = window.folder / rel
    theirs = path.read_bytes().replace(b"quality: ", b"quality: 5", 1).replace(b"heat: -1", b"heat: 9")
    assert theirs != path.read_bytes()
    path.write_bytes(theirs)
    return path, theirs


def test_conflict_asks_and_keeps_the_chosen_value(window, qtbot, recorded_warnings):
    path, theirs = _conflicting_edit(window, qtbot)
    mine = window.session.library.draft(HYBRID).data["quality"]
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, ConflictDialog)
        seen["rows"] = [dialog.table.item(0, c).text() for c in range(3)]
        dialog.findChild(QPushButton, "saveMerged").click()  # default choice: yours
    when_modal(answer)
    save(window, qtbot)
    assert seen["rows"][0] == "quality" and seen["rows"][1] == str(mine)
    text = path.read_bytes()
    assert f"quality: {mine}\n".encode() in text and b"heat: 9\n" in text
    assert recorded_warnings == [] and not window.isWindowModified()


def test_conflict_not_saved_keeps_everything(window, qtbot, recorded_warnings):
    path, theirs = _conflicting_edit(window, qtbot)
    when_modal(lambda dialog: dialog.reject())
    save(window, qtbot)
    assert path.read_bytes() == theirs
    assert len(recorded_warnings) == 1 and "conflict" in recorded_warnings[0]
    assert window.session.library.is_dirty(HYBRID) and window.isWindowModified()


def test_unsaved_edits_are_journaled_and_offered_after_a_crash(qtbot, seeds_copy, tmp_path):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    journal = Journal(seeds_copy)
    qtbot.waitUntil(lambda: list(journal.read()[0]) == [rel], timeout=5000)
    crash(window)
    path = seeds_copy / rel
    path.write_bytes(path.read_bytes().replace(b"heat: -1", b"heat: 9"))  # meanwhile, on disk
    restore_when_asked()
    again = open_window(qtbot, seeds_copy, tmp_path / "config2")
    assert again.session.library.is_dirty(rel) and again.isWindowModified()
    save(again, qtbot)
    text = path.read_bytes()
    assert b"published: true\n" in text and b"heat: 9\n" in text
    assert journal.read() == ({}, 0.0)


def test_wrong_kind_of_value_is_flagged_and_fixed_in_the_app(qtbot, seeds_copy, tmp_path):
    path = seeds_copy / HYBRID
    text = path.read_bytes()
    path.write_bytes(text.replace(b"\nquality: 21\n", b"\nquality: high\n", 1))
    assert path.read_bytes() != text
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    select_title(window, qtbot, "Hybrid")
    title = window.table.currentIndex().siblingAtColumn(TITLE)
    assert title.data().startswith("\u26a0") and "quality must be a whole number" in title.data(Qt.ToolTipRole)
    assert window.detail.notice.isVisible() and "quality must be a whole number" in window.detail.notice.text()
    spin = window.detail.quality
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "60")
    qtbot.keyClick(spin, Qt.Key_Return)
    save(window, qtbot)
    assert b"quality: 60" in path.read_bytes()
    assert not window.detail.notice.isVisible()
    assert not window.table.currentIndex().siblingAtColumn(TITLE).data().startswith("\u26a0")


def test_new_sub_folder_is_watched(window, qtbot):
    sub = window.folder / "2026"
    sub.mkdir()
    qtbot.waitUntil(lambda: str(sub) in window.disk.watcher.directories(), timeout=5000)
    shutil.copy(window.folder / HYBRID, sub / "later.txt")
    qtbot.waitUntil(lambda: "2026/later.txt" in [r.path for r in window.session.library.rows], timeout=5000)


def test_the_scan_off_the_ui_thread_reads_a_snapshot_not_the_live_rows(window, qtbot, monkeypatch):
    """The watcher scans on a pool thread while the UI thread may add, remove or reorder
    rows (and rebuild their path -> place map): what the library knows comes from a
    snapshot the UI thread took, never from the live rows."""
    import threading

    from newsdesk.core.library.disk_sync import DiskSync
    from newsdesk.core.library.rows import RowStore
    main, off_thread, snapshots = threading.main_thread(), [], []
    positions, snapshot, known = RowStore.positions, DiskSync.snapshot, DiskSync.known

    def watched_positions(self):
        if threading.current_thread() is not main:
            off_thread.append("the live position map")
        return positions(self)

    def watched_snapshot(self):
        snapshots.append(threading.current_thread() is main)
        return snapshot(self)

    def watched_known(self, folder=None, only=None, snap=None):
        if threading.current_thread() is not main and snap is None:
            off_thread.append("the live rows")
        return known(self, folder, only, snap)
    monkeypatch.setattr(RowStore, "positions", watched_positions)
    monkeypatch.setattr(DiskSync, "snapshot", watched_snapshot)
    monkeypatch.setattr(DiskSync, "known", watched_known)
    shutil.copy(window.folder / HYBRID, window.folder / "zz_new.txt")
    rel = select_title(window, qtbot, "Hybrid")  # its own file is watched now
    rewrite_in_place(window.folder / rel, b"quality: ", b"quality: 1")  # a watched file: a scan of `only`
    window.proxy.sort(QUALITY, Qt.DescendingOrder)  # the UI thread reorders meanwhile
    qtbot.waitUntil(lambda: "zz_new.txt" in [r.path for r in window.session.library.rows], timeout=5000)
    qtbot.waitUntil(lambda: window.detail.data.get("quality", 0) >= 100, timeout=5000)
    assert snapshots and all(snapshots) and off_thread == []


def test_a_folder_that_cannot_be_scanned_is_said_and_the_others_still_are(window, capsys):
    from newsdesk.ui import disk_watch
    library = window.session.library
    scan_files = library.scan_files

    def failing(known, folder=None, only=None):
        if folder is not None and folder.name == "locked":
            raise PermissionError(13, "Permission denied", str(folder))
        return scan_files(known, folder, only)
    library.scan_files = failing
    (window.folder / "zz_new.txt").write_bytes((window.folder / HYBRID).read_bytes())
    results, _ = disk_watch._scan(library, library.snapshot(), [(window.folder / "locked", None), (None, None)])
    assert [r.path for changes in results for r in changes.rows] == ["zz_new.txt"]
    err = capsys.readouterr().err
    assert "locked" in err and "Permission denied" in err


def test_a_file_rewritten_in_two_steps_shows_its_final_problem(window, qtbot):
    """A shell's ``printf ... > file`` truncates, then writes; the watcher read the file
    in between (empty: "no front matter") and, the file being unreadable still, for another
    reason, the Problems list kept saying so after the write ended. It says the final
    file's reason; the status bar calls the file unreadable, not gone (it is on disk)."""
    rel = select_title(window, qtbot, "Hybrid")   # shown: its own file is watched too
    path = window.folder / rel
    problems = window.problems.model

    def listed():
        return [str(p) for p in problems.problems if os.path.basename(str(p.path)) == rel]
    with open(path, "r+b") as f:      # step one: truncated, as the shell's ">" does
        f.truncate()
    qtbot.waitUntil(lambda: len(listed()) == 1, timeout=10000)
    assert rel not in [r.path for r in window.session.library.rows]
    said = window.statusBar().currentMessage()
    assert "1 unreadable" in said and "gone" not in said
    first = listed()[0]
    with open(path, "r+b") as f:      # step two: the rest of the write, a YAML error
        f.write(b"---\ntitle: \"Half a pipeline write\nquality: [1, 2\n---\n")
    qtbot.waitUntil(lambda: listed() != [first], timeout=10000)
    assert len(listed()) == 1 and "front matter" not in listed()[0]
    assert rel not in [r.path for r in window.session.library.rows]


def test_a_file_made_unreadable_then_fixed_in_place_comes_back(window, qtbot):
    """Made unreadable by a replace (the folder's watch sees that), then fixed in place by a
    script (the folder's watch does not see a write into a file): the row comes back."""
    rel = "000_6e2a0c9c78a5bcbb.txt"   # never shown: its own file is not watched for being read
    path = window.folder / rel
    good = path.read_bytes()
    (window.folder / "tmp.part").write_bytes(b"---\ntitle: [unclosed\n---\n")
    os.replace(window.folder / "tmp.part", path)
    qtbot.waitUntil(lambda: rel not in [r.path for r in window.session.library.rows], timeout=10000)
    qtbot.waitUntil(lambda: window.problems.model.problems != [], timeout=10000)
    with open(path, "r+b") as f:     # in place: no new directory entry
        f.write(good)
        f.truncate()
    qtbot.waitUntil(lambda: rel in [r.path for r in window.session.library.rows], timeout=10000)
    assert window.problems.model.problems == []


def test_reload_with_unsaved_edits_reads_the_disk_again_and_keeps_them(window, qtbot):
    """F5 with one unsaved edit asked "Save them before opening another folder?", of the
    same folder, offering only Save / Discard / Cancel."""
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    other = "000_6e2a0c9c78a5bcbb.txt"
    old = next(r.quality for r in window.session.library.rows if r.path == other)
    # rewritten in place: no folder event, and its own file is not watched (never opened)
    rewrite_in_place(window.folder / other, b"quality: %d\n" % old, b"quality: 777\n")
    session = window.session
    qtbot.keyClick(window.table, Qt.Key_F5)
    assert window.statusBar().currentMessage() == "Reading the folder again; your 1 unsaved edit is kept"
    qtbot.waitUntil(lambda: quality_shown(window, other) == "777", timeout=5000)
    assert window.session is session and window.isWindowModified()
    assert window.session.library.draft(rel).data["published"] is True
    save(window, qtbot)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    assert b"published: true\n" in (window.folder / rel).read_bytes()


def test_an_edited_file_made_unreadable_on_disk_says_saving_waits(window, qtbot):
    """The panel said "saving merges them into it" of a file no longer valid YAML, and the
    save was then refused: it says the save waits, and once the file is fixed, merges."""
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    path = window.folder / rel
    good = path.read_bytes()
    path.write_bytes(good.replace(b"\ntype: ", b"\ntype: [", 1))
    qtbot.waitUntil(lambda: window.session.library.on_disk.get(rel) == "unreadable", timeout=10000)
    qtbot.waitUntil(lambda: "saving waits until the file is fixed" in window.detail.notice.text(), timeout=5000)
    assert "merges" not in window.detail.notice.text()
    tip = window.model.index(window.model.row_of(rel), TITLE).data(Qt.ToolTipRole)
    assert "can no longer be read" in tip
    path.write_bytes(good.replace(b"heat: -1", b"heat: 9"))   # fixed, with a change of its own
    qtbot.waitUntil(lambda: window.session.library.on_disk.get(rel) == "changed", timeout=10000)
    save(window, qtbot)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    assert path.read_bytes() == good.replace(b"heat: -1", b"heat: 9").replace(b"published: false", b"published: true")
