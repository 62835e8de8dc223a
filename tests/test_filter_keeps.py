"""A row that an edit (or another program, on disk) makes no longer match the search or
the switch stays shown, greyed, with the selection, until the editor refreshes, searches
again or changes the switch: under Unpublished, P made the row vanish at once, and a
Ctrl+A, P under a search left an empty table ("No article selected"). An undo selects
every row it acted on (it selected only the last of six)."""
import os
import shutil

import pytest
from PySide6.QtCore import QPoint, Qt

from conftest import corpus_or_skip
from gui_helpers import activate, dated_site, open_window, shown_rels
from gui_helpers import story as name
from newsdesk.ui.table_model import PATH_ROLE, TITLE

pytestmark = pytest.mark.usefixtures("discard_when_asked")


COUNT = 30
VENTUREBEAT = [n for n in range(COUNT) if n % 5 == 1]   # the seed of provider VentureBeat


@pytest.fixture
def window(qtbot, tmp_path):
    site = dated_site(tmp_path, COUNT, name)     # all unpublished; k029 the newest, the top row
    w = open_window(qtbot, site, tmp_path / "config")
    w.resize(1200, 700)
    w.site = site
    w.before = {p.name: p.read_bytes() for p in site.iterdir()}
    return w


def press(window, qtbot, key, mods=Qt.NoModifier, widget=None):
    activate(window, qtbot)
    qtbot.keyClick(widget or window.table, key, mods)


def search(window, qtbot, text):
    press(window, qtbot, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(window.filter, text)
    qtbot.keyClick(window.filter, Qt.Key_Return)     # back to the table
    qtbot.waitUntil(lambda: window.table.hasFocus(), timeout=3000)


def hint(window):
    return window.status.stale.label


def click_refresh(window, qtbot):
    label = hint(window)
    qtbot.waitUntil(label.isVisible, timeout=3000)
    link = QPoint(label.width() - label.contentsMargins().right()
                  - label.fontMetrics().horizontalAdvance("Refresh") // 2, label.height() // 2)
    qtbot.mouseClick(label, Qt.LeftButton, pos=link)


def greyed(window, row: int) -> bool:
    return window.proxy.index(row, TITLE).data(Qt.ForegroundRole) is not None


def changed_on_disk(window) -> list[str]:
    return sorted(p.name for p in window.site.iterdir() if p.read_bytes() != window.before.get(p.name))


def test_unpublished_then_p_keeps_the_row_greyed_and_selected_until_refresh(window, qtbot):
    press(window, qtbot, Qt.Key_2, Qt.ControlModifier)            # Unpublished: all 30
    assert window.proxy.rowCount() == COUNT and hint(window).isHidden()
    press(window, qtbot, Qt.Key_P)                                # publish the top row
    assert shown_rels(window)[0] == name(29) and window.proxy.rowCount() == COUNT
    assert window.selected_rels() == [name(29)] and window.detail.rel == name(29)
    assert greyed(window, 0) and not greyed(window, 1)
    assert "No longer matches" in window.proxy.index(0, TITLE).data(Qt.ToolTipRole)
    assert hint(window).isVisible() and hint(window).text().startswith("1 shown no longer matches")
    window.status.show_counts()
    assert window.counts.text().startswith(f"{COUNT} shown")      # it is shown: counted so
    click_refresh(window, qtbot)
    assert window.proxy.rowCount() == COUNT - 1 and name(29) not in shown_rels(window)
    assert hint(window).isHidden()
    qtbot.waitUntil(lambda: window.detail.rel == name(28), timeout=3000)   # the next row
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)
    assert changed_on_disk(window) == [name(29)]
    assert b"published: true" in (window.site / name(29)).read_bytes()


def test_a_bulk_edit_under_a_search_keeps_every_row_and_its_undo_selects_them_all(window, qtbot):
    search(window, qtbot, "provider:VentureBeat published:no")
    six = [name(n) for n in reversed(VENTUREBEAT)]                # newest first
    assert shown_rels(window) == six
    press(window, qtbot, Qt.Key_A, Qt.ControlModifier)
    press(window, qtbot, Qt.Key_P)                                # none matches now: all stay
    assert shown_rels(window) == six and window.selected_rels() == six
    assert all(greyed(window, r) for r in range(6)) and window.table.currentIndex().isValid()
    assert hint(window).text().startswith("6 shown no longer match")
    rect = window.table.visualRect(window.proxy.index(2, TITLE))  # the editor looks at one of them
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.selected_rels() == [six[2]]
    press(window, qtbot, Qt.Key_Z, Qt.ControlModifier)            # undo: all six back, all selected
    assert shown_rels(window) == six and window.selected_rels() == six
    assert window.table.currentIndex().data(PATH_ROLE) == six[2]  # the current one stays current
    assert not any(greyed(window, r) for r in range(6)) and hint(window).isHidden()
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)
    assert changed_on_disk(window) == []


def test_undo_after_the_rows_went_brings_them_back_selected(window, qtbot):
    search(window, qtbot, "provider:VentureBeat published:no")
    six = shown_rels(window)
    press(window, qtbot, Qt.Key_A, Qt.ControlModifier)
    press(window, qtbot, Qt.Key_P)
    press(window, qtbot, Qt.Key_2, Qt.ControlModifier)            # the switch changes: they go
    assert window.proxy.rowCount() == 0 and hint(window).isHidden()
    press(window, qtbot, Qt.Key_Z, Qt.ControlModifier)            # they match again: back, selected
    assert shown_rels(window) == six and window.selected_rels() == six
    assert window.table.currentIndex().data(PATH_ROLE) in six


def test_searching_again_lets_the_kept_rows_go(window, qtbot):
    search(window, qtbot, "provider:VentureBeat published:no")
    press(window, qtbot, Qt.Key_P)                                # the top one
    assert window.proxy.rowCount() == 6 and window.proxy.stale_count() == 1
    press(window, qtbot, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClick(window.filter, Qt.Key_End)
    qtbot.keyClicks(window.filter, " zz")                         # another query: nothing shown
    assert window.proxy.rowCount() == 0
    qtbot.keyClick(window.filter, Qt.Key_Backspace)
    qtbot.keyClick(window.filter, Qt.Key_Backspace)               # the first again, searched again
    qtbot.waitUntil(lambda: window.proxy.rowCount() == 5, timeout=3000)
    assert window.proxy.stale_count() == 0 and hint(window).isHidden()


def test_a_change_on_disk_keeps_a_shown_row_too(window, qtbot):
    """Another program publishes a shown article: it stays (greyed), as after an edit
    here: the editor may be reading it; a row vanishing from under the pointer for a
    pipeline's write is worse than for one's own edit."""
    press(window, qtbot, Qt.Key_2, Qt.ControlModifier)
    path = window.site / name(10)
    data = path.read_bytes()
    tmp = window.site / ".story.tmp"
    tmp.write_bytes(data.replace(b"published: false", b"published: true"))
    os.replace(tmp, path)                                         # as sed -i does
    qtbot.waitUntil(lambda: window.proxy.stale_count() == 1, timeout=10000)
    assert window.proxy.rowCount() == COUNT and name(10) in shown_rels(window)
    assert greyed(window, shown_rels(window).index(name(10)))
    click_refresh(window, qtbot)
    assert name(10) not in shown_rels(window) and window.proxy.rowCount() == COUNT - 1


def test_kept_rows_through_sorts_and_refresh_under_the_model_tester(window, qtbot, qtmodeltester):
    from PySide6.QtTest import QAbstractItemModelTester
    QAbstractItemModelTester(window.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal, window)
    press(window, qtbot, Qt.Key_2, Qt.ControlModifier)
    press(window, qtbot, Qt.Key_A, Qt.ControlModifier)
    press(window, qtbot, Qt.Key_P)
    qtmodeltester.check(window.proxy)
    window.table.sortByColumn(TITLE, Qt.AscendingOrder)          # kept rows follow a sort
    assert window.proxy.rowCount() == COUNT and window.proxy.stale_count() == COUNT
    qtmodeltester.check(window.proxy)
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)           # saved: a file deleted now just goes
    os.unlink(window.site / name(3))                              # a kept row goes from disk: one fewer
    qtbot.waitUntil(lambda: window.proxy.stale_count() == COUNT - 1, timeout=10000)
    window.proxy.refresh()
    assert window.proxy.rowCount() == 0 and hint(window).isHidden()
    qtmodeltester.check(window.proxy)


def test_the_testers_six_on_the_powerapps_site(qtbot, tmp_path):
    source = corpus_or_skip("powerapps", "site")
    site = tmp_path / "powerapps"
    shutil.copytree(source, site)
    w = open_window(qtbot, site, tmp_path / "config")
    search(w, qtbot, 'topic:"Teams integration" published:no')
    six = shown_rels(w)
    assert len(six) == 6
    press(w, qtbot, Qt.Key_A, Qt.ControlModifier)
    press(w, qtbot, Qt.Key_P)
    assert shown_rels(w) == six and w.selected_rels() == six
    assert w.status.stale.label.text().startswith("6 shown no longer match")
    press(w, qtbot, Qt.Key_Z, Qt.ControlModifier)
    assert shown_rels(w) == six and w.selected_rels() == six and w.proxy.stale_count() == 0


def test_review_states_worked_out_after_a_load_are_no_edit(window, qtbot):
    """A search of review states in force while a folder is read: every row is New until the
    states are worked out (on a pool thread); the reviewed ones then leave at once, since
    the editor did nothing to them (they were not kept, greyed, as after an edit)."""
    qtbot.waitUntil(lambda: len(window.review.states) == COUNT, timeout=10000)
    press(window, qtbot, Qt.Key_P)                                # k029: Reviewed
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)
    search(window, qtbot, "review:new")
    assert window.proxy.rowCount() == COUNT - 1
    with qtbot.waitSignal(window.loaded, timeout=20000):
        press(window, qtbot, Qt.Key_F5)                           # read again, the search kept
    qtbot.waitUntil(lambda: len(window.review.states) == COUNT, timeout=10000)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == COUNT - 1, timeout=5000)
    assert name(29) not in shown_rels(window) and window.proxy.stale_count() == 0
    assert hint(window).isHidden()
