"""What the window says and shows after another program changed files: one ``sed -i`` is
one file changed (it was said as 2: the folder's scan and the file's own watch each
counted it), a file fixed on disk comes back at its place in the sort (it came back as the
last row of a table sorted by date), and the status line's "N new" is what the search
review:new finds while a file is unreadable (658 against 659)."""
import os
import re
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gui_helpers import activate, dated_site, open_window, shown_rels
from newsdesk.ui.table_model import DATE, PATH_ROLE, TITLE

COUNT = 40


def name(n: int) -> str:
    return f"_news/story_{n:03d}.txt"   # in a sub-folder, as on the sites (its own watch)


@pytest.fixture(autouse=True)
def answers(monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)


@pytest.fixture
def window(qtbot, tmp_path):
    site = dated_site(tmp_path, COUNT)  # story_NNN.txt; k039 the newest: the top row
    (site / "_news").mkdir()
    for path in list(site.glob("story_*.txt")):
        path.rename(site / "_news" / path.name)
    w = open_window(qtbot, site, tmp_path / "config")
    w.resize(1200, 700)
    w.site = site
    # the sub-folders are listed off the UI thread: watched a moment after the load
    qtbot.waitUntil(lambda: str(site / "_news") in w.disk.watcher.directories(), timeout=5000)
    return w


def press(window, qtbot, key, mods=Qt.NoModifier):
    activate(window, qtbot)
    qtbot.keyClick(window.table, key, mods)


def click_row(window, qtbot, rel):
    row = shown_rels(window).index(rel)
    rect = window.table.visualRect(window.proxy.index(row, TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.detail.rel == rel, timeout=3000)


def sed_i(path, expression: str) -> None:
    """``sed -i`` itself where there is one (it writes a temp file beside the article and
    renames it over), else the same steps."""
    if shutil.which("sed"):
        subprocess.run(["sed", "-i", expression, str(path)], check=True)
        return
    old, new = expression.split("/")[1:3]
    tmp = path.with_name("sedXYZ123")
    tmp.write_bytes(re.sub(old.encode(), new.encode(), path.read_bytes()))
    os.replace(tmp, path)


def wait_said(window, qtbot, words: str) -> str:
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=10000)
    return window.statusBar().currentMessage()


def test_one_sed_on_a_file_with_unsaved_edits_is_one_file(window, qtbot):
    rel = name(30)
    click_row(window, qtbot, rel)            # shown: its own file is watched too
    mine = window.detail.data["quality"] + 1
    press(window, qtbot, Qt.Key_Plus)        # an unsaved edit (quality + 1)...
    sed_i(window.site / rel, "s/^quality: .*/quality: 90/")          # ...and another on disk: both kept
    said = wait_said(window, qtbot, "with your unsaved edits kept")
    assert "Changed on disk: 1 with your unsaved edits kept" in said
    assert window.session.library.on_disk.get(rel) == "changed"
    assert window.session.library.draft(rel).data["quality"] == mine   # the edit is not lost
    assert b"quality: 90\n" in (window.site / rel).read_bytes()        # nor is the disk's


def test_one_sed_making_a_file_with_unsaved_edits_unreadable_is_one_file(window, qtbot):
    rel = name(30)
    click_row(window, qtbot, rel)
    press(window, qtbot, Qt.Key_Plus)
    sed_i(window.site / rel, "s/^title: .*/title: [unclosed/")
    said = wait_said(window, qtbot, "with your unsaved edits kept")
    assert "Changed on disk: 1 with your unsaved edits kept" in said
    assert rel in shown_rels(window) and window.session.library.is_dirty(rel)   # the edit is kept


def test_one_sed_on_a_clean_shown_file_is_one_re_read(window, qtbot):
    rel = name(30)
    click_row(window, qtbot, rel)
    sed_i(window.site / rel, "s/^heat: .*/heat: 9/")
    said = wait_said(window, qtbot, "re-read")
    assert "Changed on disk: 1 re-read" in said


def test_a_file_fixed_on_disk_comes_back_at_its_place_in_the_sort(window, qtbot):
    order = shown_rels(window)
    assert order == [name(n) for n in reversed(range(COUNT))]         # by date, newest first
    assert window.model.sort_column == DATE
    path = window.site / name(39)                                     # the newest: the top row
    good = path.read_bytes()
    sed_i(path, "s/^title: .*/title: [unclosed/")                     # unreadable: it goes
    qtbot.waitUntil(lambda: name(39) not in shown_rels(window), timeout=10000)
    sed_i(path, "s/^title: .*/title: \"k039 fixed\"/")                # fixed: it comes back...
    qtbot.waitUntil(lambda: name(39) in shown_rels(window), timeout=10000)
    assert shown_rels(window) == order                                # ...at the top, not the bottom
    qtbot.waitUntil(lambda: not window.status.order.timer.isActive(), timeout=3000)
    assert window.status.order.label.isHidden()                       # the order is right: no hint
    assert path.read_bytes() == good.replace(
        re.search(rb"^title: .*$", good, re.M).group(0), b'title: "k039 fixed"')


def test_new_files_land_in_place_in_either_direction(window, qtbot, qtmodeltester):
    from PySide6.QtTest import QAbstractItemModelTester
    for model in (window.model, window.proxy):                        # every insert checked as it comes
        QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, window)
    window.table.sortByColumn(DATE, Qt.AscendingOrder)                # oldest first
    src = (window.site / name(10)).read_bytes()
    for n, day in ((100, b"2020-01-05T09:00:00Z"), (101, b"2020-01-05T09:00:00Z"), (102, b"2030-01-01T00:00:00Z")):
        text = re.sub(rb"^publishedDateTime: .*$", b"publishedDateTime: " + day, src, count=1, flags=re.M)
        (window.site / name(n)).write_bytes(text)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == COUNT + 3, timeout=10000)
    rels = shown_rels(window)
    # k004 is 2020-01-05 08:00: the two new ones of 09:00 come right after it, the 2030 one last
    assert rels[4:7] == [name(4), name(100), name(101)] or rels[4:7] == [name(4), name(101), name(100)]
    assert rels[-1] == name(102)
    dates = [window.proxy.index(r, DATE).data(Qt.UserRole + 1) for r in range(window.proxy.rowCount())]
    assert dates == sorted(dates)
    qtmodeltester.check(window.proxy)


def test_new_count_and_the_search_agree_while_a_reviewed_file_is_unreadable(window, qtbot):
    qtbot.waitUntil(lambda: len(window.review.states) == COUNT, timeout=10000)
    rel = name(20)
    click_row(window, qtbot, rel)
    press(window, qtbot, Qt.Key_P)                                    # an edit: marked Reviewed
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)
    assert window.review.state(rel).value == "reviewed"
    (window.site / "_news" / "tmp.part").write_bytes(b"---\ntitle: [unclosed\n---\n")
    os.replace(window.site / "_news" / "tmp.part", window.site / rel)            # unreadable now
    qtbot.waitUntil(lambda: rel not in [r.path for r in window.session.library.rows], timeout=10000)
    window.status.show_counts()
    said = int(re.search(r"(\d+) new", window.counts.text()).group(1))
    press(window, qtbot, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(window.filter, "review:new")
    found = window.proxy.rowCount()
    assert said == found == COUNT - 1                                 # the unreadable one is no row
    assert all(window.proxy.index(r, 0).data(PATH_ROLE) != rel for r in range(found))


def test_many_new_files_all_over_land_in_order_in_one_layout_change(window, qtbot, monkeypatch):
    from newsdesk.ui import table_model
    monkeypatch.setattr(table_model, "PLACE_RUNS", 3)               # a big pull, on a small site
    edited = name(20)
    click_row(window, qtbot, edited)
    src = (window.site / name(10)).read_bytes()
    for n in range(8):                                              # 8 dates between the old ones
        day = f"2020-02-{1 + 3 * n:02d}T09:30:00Z".encode()
        text = re.sub(rb"^publishedDateTime: .*$", b"publishedDateTime: " + day, src, count=1, flags=re.M)
        (window.site / name(200 + n)).write_bytes(text)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == COUNT + 8, timeout=10000)
    dates = [window.proxy.index(r, DATE).data(Qt.UserRole + 1) for r in range(window.proxy.rowCount())]
    assert dates == sorted(dates, reverse=True)
    assert window.table.currentIndex().data(PATH_ROLE) == edited and window.detail.rel == edited
