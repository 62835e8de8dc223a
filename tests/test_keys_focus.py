"""Where the keyboard goes, and what a key acts on: no typed character lands in a field
the editor did not mean, no key edits out of sight. Each case is a slip a tester made as
an editor on a copy of a real site, replayed through the real widgets on 120 articles
(more than a screen), with the bytes on disk checked where an edit could have happened."""
import re

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from gui_helpers import activate, dated_site, open_window
from gui_helpers import story as name
from newsdesk.ui.actions import ACTIONS
from newsdesk.ui.table_model import PATH_ROLE, PUBLISHED, TITLE

pytestmark = pytest.mark.usefixtures("discard_when_asked")


COUNT = 120


@pytest.fixture
def site(tmp_path):
    """120 articles, quality 37, unpublished; k119 the newest (the top row), k000 the oldest."""
    return dated_site(tmp_path, COUNT, name, quality="37", published="false")


def make_window(qtbot, site, tmp_path, auto_advance=False):
    w = open_window(qtbot, site, tmp_path / "config", auto_advance=auto_advance)
    w.resize(1200, 600)
    w.before = {p.name: p.read_bytes() for p in site.iterdir()}
    w.site = site
    qtbot.waitUntil(lambda: w.detail is not None and w.detail.rel == name(119), timeout=5000)
    return w


@pytest.fixture
def window(qtbot, site, tmp_path):
    return make_window(qtbot, site, tmp_path)


def focus():
    return QApplication.focusWidget()


def rel_at(window, row):
    return window.proxy.index(row, TITLE).data(PATH_ROLE)


def click_row(window, qtbot, row, modifiers=Qt.NoModifier):
    rect = window.table.visualRect(window.proxy.index(row, TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, modifiers, rect.center())


def on_screen(table) -> bool:
    rect = table.visualRect(table.currentIndex())
    return rect.isValid() and 0 <= rect.top() and rect.bottom() <= table.viewport().height()


def wheel(widget, steps: int) -> None:
    """The mouse wheel over ``widget``, one notch at a time (negative: down)."""
    pos = QPointF(widget.rect().center())
    for _ in range(abs(steps)):
        event = QWheelEvent(pos, QPointF(widget.mapToGlobal(pos.toPoint())), QPoint(0, 0),
                            QPoint(0, 120 if steps > 0 else -120), Qt.NoButton, Qt.NoModifier,
                            Qt.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)


def quality_on_disk(window, rel):
    return re.search(rb"^quality: (.*)$", (window.site / rel).read_bytes(), re.M).group(1).decode()


def save(window, qtbot):
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


# ---- 1. a search with a mistake keeps the keyboard, and says what is shown ----------------

def test_enter_on_a_search_with_a_mistake_keeps_the_keyboard_in_the_box(window, qtbot):
    qtbot.keyClick(window.table, Qt.Key_F, Qt.ControlModifier)
    assert focus() is window.filter
    qtbot.keyClicks(window.filter, "quality>=abc")
    qtbot.keyClick(window.filter, Qt.Key_Return)
    assert window.search.error_action.isVisible()
    assert focus() is window.filter, "Enter on a mistake sent the keyboard to the table"
    at = int(re.search(r"at character (\d+)", window.search.error.text()).group(1))
    assert window.filter.cursorPosition() == at - 1          # at the mistake the message names
    # the editor types the correction: it goes into the box, never into the panel
    window.filter.selectAll()
    qtbot.keyClicks(window.filter, "quality>=30")
    qtbot.keyClick(window.filter, Qt.Key_Return)
    assert not window.search.error_action.isVisible()
    assert focus() is window.table      # a good search: Enter goes back to the table
    assert window.proxy.rowCount() == COUNT
    assert window.session.library.dirty() == []
    save(window, qtbot)
    assert all(p.read_bytes() == window.before[p.name] for p in window.site.iterdir())


def test_a_search_with_a_mistake_says_it_is_not_applied_and_what_is_shown(window, qtbot):
    qtbot.keyClick(window.table, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(window.filter, "k11")
    assert window.proxy.rowCount() == 10
    qtbot.keyClicks(window.filter, " quality>=abc")   # "k11 quality" on the way matched nothing
    assert window.search.error_action.isVisible()
    said = window.search.error.text()
    assert "not applied" in said
    shown = window.proxy.rowCount()
    assert f"\u201c{window.search.applied}\u201d" in said, said
    assert window.search.applied in ("k11", "k11 quality")
    assert shown == (10 if window.search.applied == "k11" else 0)
    window.filter.selectAll()
    qtbot.keyClicks(window.filter, "quality>=abc")
    said = window.search.error.text()
    assert "not applied" in said and f"\u201c{window.search.applied}\u201d" in said


# ---- 2. a jump to a field selects what it holds -------------------------------------------

@pytest.mark.parametrize("key", [(Qt.Key_Q, Qt.NoModifier), (Qt.Key_Q, Qt.AltModifier)], ids=["Q", "Alt+Q"])
def test_jumping_to_quality_and_typing_replaces_the_value(window, qtbot, key):
    click_row(window, qtbot, 3)
    rel = rel_at(window, 3)
    qtbot.waitUntil(lambda: window.detail.rel == rel, timeout=3000)
    qtbot.keyClick(window.table, *key)
    assert focus() is window.detail.quality
    qtbot.keyClicks(focus(), "41")
    qtbot.keyClick(focus(), Qt.Key_Return)
    save(window, qtbot)
    assert quality_on_disk(window, rel) == "41"


# ---- 3. a key that sends the keyboard into the panel shows where it went -----------------

FOCUS_KEYS = [(spec.keys[0], getattr(Qt, f"Key_{spec.keys[0]}"), Qt.NoModifier)
              for spec in ACTIONS if spec.handler == "focus_detail"]   # Q, T, R
MNEMONICS = [(f"Alt+{k}", getattr(Qt, f"Key_{k}"), Qt.AltModifier) for k in "QPTR"]  # the panel's labels


@pytest.mark.parametrize("label,key,mods", FOCUS_KEYS + MNEMONICS, ids=[k[0] for k in FOCUS_KEYS + MNEMONICS])
def test_a_key_into_the_panel_brings_its_field_to_the_front(window, qtbot, label, key, mods):
    tabs = window.detail.tabs
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(1).center())  # Preview
    assert tabs.currentWidget() is window.detail.preview
    window.table.setFocus()
    qtbot.keyClick(window.table, key, mods)
    widget = focus()
    assert widget.isVisible(), f"{label} sent the keyboard to a hidden field"
    if not mods:    # Q, T, R: to the field, in front; a hidden label's Alt key may do nothing
        assert widget is not window.table and tabs.currentWidget() is window.detail.splitter


# ---- 4. a key acts on a row the editor can see ---------------------------------------------

def scroll_current_away(window, qtbot):
    table = window.table
    assert on_screen(table)
    wheel(table.viewport(), -15)
    qtbot.waitUntil(lambda: not on_screen(table), timeout=3000)


def test_a_key_on_a_current_row_scrolled_away_scrolls_back_to_it(window, qtbot):
    scroll_current_away(window, qtbot)
    across = window.table.horizontalScrollBar()
    across.setValue(across.maximum())                 # the editor looks at the last columns
    assert across.value() > 0 and window.table.visualRect(window.proxy.index(0, TITLE)).left() < 0
    qtbot.keyClick(window.table, Qt.Key_Plus)
    assert window.session.library.dirty() == [name(119)]
    qtbot.waitUntil(lambda: on_screen(window.table), timeout=3000)
    assert across.value() == across.maximum()         # up or down only: not back across


def test_escape_back_to_the_table_scrolls_to_the_current_row(window, qtbot):
    scroll_current_away(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_Q)
    assert focus() is window.detail.quality
    qtbot.keyClick(focus(), Qt.Key_Escape)
    assert focus() is window.table
    qtbot.waitUntil(lambda: on_screen(window.table), timeout=3000)


# ---- 5. Ctrl+Z in a field with nothing of its own to undo undoes the app's last edit ------

def test_ctrl_z_in_the_quality_box_after_a_wheel_change_undoes_it(window, qtbot):
    quality = window.detail.quality
    qtbot.mouseClick(quality.lineEdit(), Qt.LeftButton)
    assert focus() is quality
    wheel(quality, 1)
    assert window.undo_action.text().replace("&", "").startswith("Undo Set quality 38")
    assert window.session.library.dirty() == [name(119)]
    qtbot.keyClick(quality, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.library.dirty() == []
    assert quality.value() == 37 and focus() is quality


def test_ctrl_z_in_a_field_first_undoes_its_own_typing(window, qtbot):
    box = window.detail.topic_input
    qtbot.keyClick(window.table, Qt.Key_Plus)   # an edit of the app's to undo later
    qtbot.keyClick(window.table, Qt.Key_T)
    qtbot.keyClicks(box, "abc")
    qtbot.keyClick(box, Qt.Key_Z, Qt.ControlModifier)
    assert box.text() == "" and window.session.library.dirty() == [name(119)]  # the box's own
    qtbot.keyClick(box, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.library.dirty() == []                                # then the app's


# ---- 6. clearing the search keeps the current article ------------------------------------

def test_clearing_the_search_keeps_the_current_article_even_after_nothing_was_shown(window, qtbot):
    qtbot.keyClick(window.table, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClicks(window.filter, "k11")
    qtbot.keyClick(window.filter, Qt.Key_Return)
    assert window.proxy.rowCount() == 10
    click_row(window, qtbot, 4)
    rel = rel_at(window, 4)
    qtbot.keyClick(window.table, Qt.Key_F, Qt.ControlModifier)
    qtbot.keyClick(window.filter, Qt.Key_End)
    qtbot.keyClicks(window.filter, "zz")       # a typo on the way: nothing shown for a moment
    assert window.proxy.rowCount() == 0
    qtbot.keyClick(window.filter, Qt.Key_A, Qt.ControlModifier)
    qtbot.keyClick(window.filter, Qt.Key_Backspace)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == COUNT, timeout=3000)
    assert window.table.currentIndex().data(PATH_ROLE) == rel and window.detail.rel == rel
    assert window.selected_rels() == [rel]
    qtbot.waitUntil(lambda: on_screen(window.table), timeout=3000)


# ---- 7. auto-advance after a bulk action lands on the first row after the block -----------

@pytest.mark.parametrize("state", ["all", "unpublished"])
def test_bulk_publish_advances_to_the_first_row_after_the_block(qtbot, site, tmp_path, state):
    window = make_window(qtbot, site, tmp_path, auto_advance=True)
    if state == "unpublished":
        qtbot.keyClick(window.table, Qt.Key_2, Qt.ControlModifier)  # P takes rows out of the view
    order = [rel_at(window, r) for r in range(window.proxy.rowCount())]
    click_row(window, qtbot, 3)
    qtbot.keyClick(window.table, Qt.Key_Down, Qt.ShiftModifier)
    qtbot.keyClick(window.table, Qt.Key_Down, Qt.ShiftModifier)
    assert window.selected_rels() == order[3:6]
    qtbot.keyClick(window.table, Qt.Key_P)
    qtbot.waitUntil(lambda: window.detail.rel == order[6], timeout=3000)
    assert window.selected_rels() == [order[6]]
    qtbot.keyClick(window.table, Qt.Key_P)           # on: the next one, nothing skipped
    qtbot.waitUntil(lambda: window.detail.rel == order[7], timeout=3000)
    save(window, qtbot)
    changed = sorted(p.name for p in site.iterdir() if p.read_bytes() != window.before[p.name])
    assert changed == sorted(order[3:7])


# ---- 8. a click on a row's Published box makes that row current --------------------------

def test_clicking_published_in_another_row_makes_it_current(window, qtbot):
    table = window.table
    index = window.proxy.index(5, PUBLISHED)
    table.horizontalScrollBar().setValue(0)
    option = QStyleOptionViewItem()
    table.itemDelegateForIndex(index).initStyleOption(option, index)
    option.rect = table.visualRect(index)
    assert table.viewport().rect().contains(option.rect)
    check = table.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, table)
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=check.center())
    rel = rel_at(window, 5)
    assert window.session.library.dirty() == [rel]
    assert window.selected_rels() == [rel]
    qtbot.waitUntil(lambda: window.detail.rel == rel, timeout=3000)
    assert window.detail.published.isChecked()
