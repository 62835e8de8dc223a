"""A file rewritten on disk by another program while the window has it open: the panel,
the table and the search show the disk's new values — with the unsaved edits merged onto
them where there are any — and saving writes that merge."""
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from gui_helpers import activate, crash, open_window, record_warnings, restore_when_asked, select_title, window_on_copy
from newsdesk.ui.table_model import PATH_ROLE, PUBLISHED, QUALITY, TITLE, TOPICS

HYBRID_TITLE = "The Future of AI Is Hybrid"


@pytest.fixture(autouse=True)
def recorded_warnings(monkeypatch):
    return record_warnings(monkeypatch)


@pytest.fixture
def window(qtbot, seeds_copy, tmp_path):
    return window_on_copy(qtbot, seeds_copy, tmp_path / "config")


def newsdesk_set(folder, *assignments):
    """`newsdesk set` in a process of its own, as an editor's shell runs it."""
    done = subprocess.run([sys.executable, "-c", "import sys; from newsdesk.cli import main; sys.exit(main())",
                           "set", str(folder), *assignments, "--where", f'title:"{HYBRID_TITLE}"'],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def published_on_disk(window, qtbot, *more) -> bytes:
    """`newsdesk set published=true` (and ``more``) run on the article behind the window's
    back; returns the file's new bytes once the watcher has seen it (the panel shows it
    published)."""
    newsdesk_set(window.folder, "published=true", *more)
    theirs = (window.folder / window.detail.rel).read_bytes()
    qtbot.waitUntil(lambda: window.detail.published.isChecked(), timeout=10000)
    return theirs


def cell(window, rel, column, role=Qt.DisplayRole):
    return window.model.index(window.model.row_of(rel), column).data(role)


def listed(window) -> list[str]:
    return [window.proxy.index(r, TITLE).data(PATH_ROLE) for r in range(window.proxy.rowCount())]


def search(window, qtbot, text: str) -> list[str]:
    activate(window, qtbot)
    window.filter.setFocus()
    window.filter.selectAll()
    qtbot.keyClick(window.filter, Qt.Key_Delete)
    qtbot.keyClicks(window.filter, text)
    qtbot.keyClick(window.filter, Qt.Key_Return)
    return listed(window)


def save(window, qtbot):
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


def test_unsaved_edit_and_a_change_on_disk_are_shown_merged_and_saved_so(window, qtbot, recorded_warnings):
    rel = select_title(window, qtbot, "Hybrid")
    path = window.folder / rel
    original = path.read_bytes()
    assert b"quality: 21\n" in original and b"published: false\n" in original
    qtbot.keyClick(window.table, Qt.Key_BracketRight)  # quality 21 -> 31, unsaved
    assert window.detail.quality.value() == 31 and window.isWindowModified()
    assert rel in search(window, qtbot, "published:no")
    search(window, qtbot, "hybrid")  # the search of the slip: the article stays in it, current

    theirs = published_on_disk(window, qtbot, "topics+=Guides")
    assert b"published: true\n" in theirs and b"- Guides\n" in theirs and b"quality: 21\n" in theirs

    # the panel: the disk's values and the edit
    detail = window.detail
    assert detail.quality.value() == 31
    assert detail.topics_model.stringList() == ["Microsoft AI", "AI", "AI Hardware", "Guides"]
    assert detail.notice.isVisible() and "changed on disk" in detail.notice.text()
    # the table: the same, still marked unsaved and changed on disk
    assert cell(window, rel, PUBLISHED, Qt.CheckStateRole) == Qt.Checked
    assert cell(window, rel, QUALITY) == "31" and "Guides" in cell(window, rel, TOPICS)
    assert cell(window, rel, TITLE).startswith("\u26a0") and window.isWindowModified()
    # the search reads the merged values: it is published now
    assert rel not in search(window, qtbot, "published:no")
    assert rel in search(window, qtbot, "topic:Guides quality>=31")

    window.table.setFocus()
    save(window, qtbot)
    assert recorded_warnings == []
    assert path.read_bytes() == theirs.replace(b"quality: 21\n", b"quality: 31\n")
    assert not window.isWindowModified()
    assert not cell(window, rel, TITLE).startswith("\u26a0")


def test_undo_after_the_merge_takes_back_only_the_edit(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    path = window.folder / rel
    qtbot.keyClick(window.table, Qt.Key_BracketRight)
    theirs = published_on_disk(window, qtbot)
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    # back to the disk's article, not to the one before the disk changed
    assert window.detail.quality.value() == 21 and window.detail.published.isChecked()
    assert cell(window, rel, PUBLISHED, Qt.CheckStateRole) == Qt.Checked
    assert not window.session.library.is_dirty(rel) and not window.isWindowModified()
    qtbot.keyClick(window.table, Qt.Key_Y, Qt.ControlModifier)  # redo: the edit again, on the disk's values
    assert window.detail.quality.value() == 31 and window.detail.published.isChecked()
    save(window, qtbot)
    assert path.read_bytes() == theirs.replace(b"quality: 21\n", b"quality: 31\n")


def test_an_edit_after_the_merge_starts_from_the_disks_values(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    path = window.folder / rel
    qtbot.keyClick(window.table, Qt.Key_BracketRight)
    theirs = published_on_disk(window, qtbot)
    qtbot.mouseClick(window.detail.published, Qt.LeftButton)  # the editor unpublishes what is shown published
    assert not window.detail.published.isChecked()
    save(window, qtbot)
    assert path.read_bytes() == theirs.replace(b"quality: 21\n", b"quality: 31\n").replace(
        b"published: true\n", b"published: false\n")


def test_a_conflicting_change_on_disk_keeps_the_edit_shown_and_saving_asks(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_BracketRight)  # quality 31, unsaved
    newsdesk_set(window.folder, "quality=50", "published=true")
    qtbot.waitUntil(lambda: window.session.library.on_disk.get(rel) == "changed", timeout=10000)
    # both changed quality: nothing is merged before the editor chooses (on saving)
    assert window.detail.quality.value() == 31 and cell(window, rel, QUALITY) == "31"
    assert window.session.library.draft(rel).article.raw != (window.folder / rel).read_bytes()
    assert window.detail.notice.isVisible() and window.isWindowModified()


def test_without_unsaved_edits_the_disks_values_are_shown(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    path = window.folder / rel
    assert rel in search(window, qtbot, "published:no")
    search(window, qtbot, "hybrid")
    theirs = published_on_disk(window, qtbot, "topics+=Guides")
    assert window.detail.topics_model.stringList()[-1] == "Guides" and window.detail.quality.value() == 21
    assert cell(window, rel, PUBLISHED, Qt.CheckStateRole) == Qt.Checked and "Guides" in cell(window, rel, TOPICS)
    assert not window.detail.notice.isVisible() and not window.isWindowModified()
    assert rel not in search(window, qtbot, "published:no")
    save(window, qtbot)
    assert path.read_bytes() == theirs


def test_edits_restored_after_a_crash_are_shown_merged_onto_the_file_as_it_is_now(qtbot, seeds_copy, tmp_path):
    from newsdesk.core.editorial.journal import Journal
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_BracketRight)  # quality 21 -> 31
    journal = Journal(seeds_copy)
    qtbot.waitUntil(lambda: list(journal.read()[0]) == [rel], timeout=5000)
    crash(window)
    newsdesk_set(seeds_copy, "published=true", "topics+=Guides")  # meanwhile, from a shell
    theirs = (seeds_copy / rel).read_bytes()
    restore_when_asked()
    again = open_window(qtbot, seeds_copy, tmp_path / "config2")
    select_title(again, qtbot, "Hybrid")
    assert again.detail.quality.value() == 31 and again.detail.published.isChecked()
    assert again.detail.topics_model.stringList()[-1] == "Guides"
    assert cell(again, rel, PUBLISHED, Qt.CheckStateRole) == Qt.Checked and cell(again, rel, QUALITY) == "31"
    assert rel not in search(again, qtbot, "published:no")
    save(again, qtbot)
    assert (seeds_copy / rel).read_bytes() == theirs.replace(b"quality: 21\n", b"quality: 31\n")
    assert journal.read() == ({}, 0.0)
