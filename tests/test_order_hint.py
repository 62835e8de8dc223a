"""After an edit the table keeps its rows where they are (nothing jumps away under the
editor), and the status bar says quietly that the order is now stale; a re-sort, by the
hint's Re-sort or a click on the header, takes the word away."""
import pytest
from PySide6.QtCore import QPoint, Qt

from gui_helpers import activate
from newsdesk.ui.columns import QUALITY, TITLE
from newsdesk.ui.table_model import PATH_ROLE
from panel_helpers import panel_window


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def click_header(window, qtbot, column):
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, 5))


def qualities(window):
    return [int(window.proxy.index(r, QUALITY).data()) for r in range(window.proxy.rowCount())]


def titles(window):
    """The rows shown, in order (by file: a title gets a mark once edited)."""
    return [window.proxy.index(r, TITLE).data(PATH_ROLE) for r in range(window.proxy.rowCount())]


def press(window, qtbot, key, times=1, mods=Qt.NoModifier):
    activate(window, qtbot)
    for _ in range(times):
        qtbot.keyClick(window.table, key, mods)
    qtbot.waitUntil(lambda: not window.status.order.timer.isActive())   # the hint looks once a turn


def sorted_by_quality_ascending(window, qtbot):
    click_header(window, qtbot, QUALITY)
    if qualities(window) != sorted(qualities(window)):
        click_header(window, qtbot, QUALITY)
    assert qualities(window) == [19, 21, 43, 57, 69]


def test_an_edit_that_puts_a_row_out_of_order_says_so_until_re_sorted(window, qtbot):
    hint = window.status.order.label
    sorted_by_quality_ascending(window, qtbot)
    assert hint.isHidden()
    window.table.selectRow(0)                                # quality 19
    press(window, qtbot, Qt.Key_Plus)                        # 20: still below 21, still in order
    assert qualities(window)[:2] == [20, 21] and hint.isHidden()
    order = titles(window)
    press(window, qtbot, Qt.Key_BracketRight, 3)             # 50: now above 43, left where it was
    assert titles(window) == order and qualities(window) == [50, 21, 43, 57, 69]
    assert hint.isVisible() and "Re-sort" in hint.text()
    click_header(window, qtbot, QUALITY)                     # the user re-sorts (descending now)
    assert qualities(window) == [69, 57, 50, 43, 21] and hint.isHidden()


def test_re_sort_keeps_the_direction_and_undo_back_in_place_takes_the_word_away(window, qtbot):
    hint = window.status.order.label
    sorted_by_quality_ascending(window, qtbot)
    window.table.selectRow(4)                                # quality 69
    press(window, qtbot, Qt.Key_BracketLeft, 5)              # 19: below every other
    assert hint.isVisible()
    press(window, qtbot, Qt.Key_Z, 3, Qt.ControlModifier)   # undo three: 49, still before 57
    assert qualities(window)[3:] == [57, 49] and hint.isVisible()
    press(window, qtbot, Qt.Key_Z, 1, Qt.ControlModifier)   # 59: after 57, in order again
    assert qualities(window)[3:] == [57, 59] and hint.isHidden()
    press(window, qtbot, Qt.Key_Z, 1, Qt.ControlModifier)
    assert qualities(window) == [19, 21, 43, 57, 69] and hint.isHidden()
    press(window, qtbot, Qt.Key_BracketLeft, 5)
    assert hint.isVisible()
    link = QPoint(hint.width() - hint.fontMetrics().horizontalAdvance("Re-sort") // 2 - 2, hint.height() // 2)
    qtbot.mouseClick(hint, Qt.LeftButton, pos=link)          # the hint's own Re-sort
    assert qualities(window) == [19, 19, 21, 43, 57] and hint.isHidden()   # ascending still


def test_a_search_hiding_the_row_hides_the_word_and_showing_it_again_brings_it_back(window, qtbot):
    hint = window.status.order.label
    sorted_by_quality_ascending(window, qtbot)
    window.table.selectRow(0)
    title = titles(window)[0]
    press(window, qtbot, Qt.Key_BracketRight, 6)             # 79: out of order
    assert hint.isVisible()
    window.filter.setText("quality<70")
    window.search.apply()
    qtbot.waitUntil(lambda: not window.status.order.timer.isActive())
    assert title not in titles(window) and hint.isHidden()   # what is shown is in order
    window.filter.setText("")
    window.search.apply()
    qtbot.waitUntil(lambda: not window.status.order.timer.isActive())
    assert title in titles(window) and hint.isVisible()


def test_after_a_bulk_edit_the_whole_order_is_looked_at_once(window, qtbot, monkeypatch):
    from PySide6.QtCore import QItemSelectionModel

    from newsdesk.ui import order_hint
    monkeypatch.setattr(order_hint, "BULK", 1)          # two rows are a bulk edit here
    hint = window.status.order.label
    sorted_by_quality_ascending(window, qtbot)
    window.table.selectRow(0)
    window.table.selectionModel().select(window.proxy.index(1, 0), QItemSelectionModel.Select
                                         | QItemSelectionModel.Rows)
    press(window, qtbot, Qt.Key_BracketRight)           # 29, 31: still in order
    assert qualities(window)[:3] == [29, 31, 43] and hint.isHidden()
    press(window, qtbot, Qt.Key_BracketRight, 2)        # 49, 51 before 43
    assert qualities(window)[:3] == [49, 51, 43] and hint.isVisible()
    click_header(window, qtbot, QUALITY)
    assert qualities(window) == [69, 57, 51, 49, 43] and hint.isHidden()
