"""The article table as a row-oriented list, driven by real key presses: Space on the
highlighted rows, Home and End to the first and last article without moving the table
sideways, the first Ctrl+Home after a search changed, where the keyboard is, the status
bar's messages beside its counts, and Help's panel keys against the widgets' own. Each
is a slip a tester made on a 674-article site, replayed on 30 articles (more than the
table shows at once), with the bytes on disk checked where an edit happened."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui_helpers import dated_site, open_window, wait_states
from gui_helpers import story as name
from newsdesk.ui.app import unfocused_highlight, with_inactive_selection
from newsdesk.ui.columns import REVIEW
from newsdesk.ui.keys import KeyMap
from newsdesk.ui.shortcuts import PANEL_KEYS, ShortcutsDialog, shortcut_rows
from newsdesk.ui.table_model import PATH_ROLE

pytestmark = pytest.mark.usefixtures("discard_when_asked")


COUNT = 30
PUBLISHED_AT_START = {27}  # k027, the third row from the top


@pytest.fixture
def window(qtbot, tmp_path):
    site = dated_site(tmp_path, COUNT, name, quality="37", published="false")
    for n in PUBLISHED_AT_START:
        path = site / name(n)
        path.write_bytes(path.read_bytes().replace(b"published: false", b"published: true"))
    w = open_window(qtbot, site, tmp_path / "config")
    w.resize(900, 500)   # the table narrower than its columns: it scrolls sideways
    w.site, w.before = site, {p.name: p.read_bytes() for p in site.iterdir()}
    qtbot.waitUntil(lambda: w.detail is not None and w.detail.rel == name(COUNT - 1), timeout=5000)
    wait_states(w, qtbot)
    return w


def selected_rows(window) -> list[int]:
    return sorted(index.row() for index in window.table.selectionModel().selectedRows())


def rel_at(window, row: int) -> str:
    return window.proxy.index(row, 0).data(PATH_ROLE)


def press(window, qtbot, key, mods=Qt.NoModifier, times=1):
    for _ in range(times):
        qtbot.keyClick(window.table, key, mods)
    QApplication.processEvents()


def save(window, qtbot):
    press(window, qtbot, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.session.library.dirty(), timeout=5000)


# ---- 1. Space acts on every highlighted row ---------------------------------------------
def test_space_after_shift_n_acts_on_the_three_rows_highlighted(window, qtbot):
    """The tester's path: Enter on a row, Shift+N back to the previous new one, then
    Shift+Down twice and Space. Qt extended from the row before Shift+N (it keeps its
    anchor when the current row moves while Shift is held): one row was selected, and
    Space unpublished that one alone."""
    press(window, qtbot, Qt.Key_Down, times=3)              # row 3
    press(window, qtbot, Qt.Key_Return)                     # reviewed; no auto-advance here
    press(window, qtbot, Qt.Key_N, Qt.ShiftModifier)        # the previous new one: row 2
    assert window.table.currentIndex().row() == 2 and selected_rows(window) == [2]
    press(window, qtbot, Qt.Key_Down, Qt.ShiftModifier, times=2)
    assert selected_rows(window) == [2, 3, 4]
    rels = [rel_at(window, r) for r in (2, 3, 4)]
    assert rels[0] == name(27)                               # published; the other two are not
    press(window, qtbot, Qt.Key_Space)
    assert selected_rows(window) == [2, 3, 4], "Space dropped the selection"
    assert "Published all 3 selected articles (2 of them were unpublished)" == window.statusBar().currentMessage()
    save(window, qtbot)
    for rel in rels:
        expected = window.before[rel].replace(b"published: false", b"published: true")
        assert (window.site / rel).read_bytes() == expected, rel

    press(window, qtbot, Qt.Key_Space)                      # all published now: Space unpublishes all
    assert window.statusBar().currentMessage() == "Unpublished 3 articles"
    save(window, qtbot)
    for rel in rels:
        assert (window.site / rel).read_bytes() == window.before[rel].replace(
            b"published: true", b"published: false"), rel

    press(window, qtbot, Qt.Key_Z, Qt.ControlModifier)      # one undo step puts back all three
    assert [window.session.library.draft(rel).data["published"] for rel in rels] == [True, True, True]


def test_space_on_one_article_toggles_it(window, qtbot):
    press(window, qtbot, Qt.Key_Down, times=2)              # k027, published
    press(window, qtbot, Qt.Key_Space)
    assert window.statusBar().currentMessage() == "Unpublished 1 article"
    press(window, qtbot, Qt.Key_Space)
    assert window.statusBar().currentMessage() == "Published 1 article"
    save(window, qtbot)
    assert (window.site / name(27)).read_bytes() == window.before[name(27)]


# ---- 2. Home and End go to the first and last article, not sideways --------------------
def test_home_and_end_go_to_the_first_and_last_article_in_the_same_column(window, qtbot):
    table, bar = window.table, window.table.horizontalScrollBar()
    assert bar.maximum() > 0, "the table must be narrower than its columns for this test"
    press(window, qtbot, Qt.Key_Down, times=4)
    column = table.currentIndex().column()
    for key, mods, row in ((Qt.Key_End, Qt.NoModifier, COUNT - 1), (Qt.Key_Home, Qt.NoModifier, 0),
                           (Qt.Key_End, Qt.ControlModifier, COUNT - 1), (Qt.Key_Home, Qt.ControlModifier, 0)):
        press(window, qtbot, key, mods)
        assert (table.currentIndex().row(), table.currentIndex().column()) == (row, column), (key, mods)
        assert selected_rows(window) == [row] and window.detail.rel == rel_at(window, row)
        assert bar.value() == 0, f"{key} {mods} scrolled the table sideways"
    press(window, qtbot, Qt.Key_End, Qt.ShiftModifier)     # Shift: every row on the way
    assert selected_rows(window) == list(range(COUNT))


def test_row_moves_leave_the_columns_where_the_editor_put_them(window, qtbot):
    table, bar = window.table, window.table.horizontalScrollBar()
    press(window, qtbot, Qt.Key_Right, times=12)            # sideways keys show the cell they reach
    assert bar.value() > 0
    press(window, qtbot, Qt.Key_Left, times=12)
    assert bar.value() == 0
    bar.setValue(bar.maximum())                             # the editor drags the scroll bar right...
    for key, mods in ((Qt.Key_Down, Qt.NoModifier), (Qt.Key_Up, Qt.NoModifier), (Qt.Key_End, Qt.NoModifier),
                      (Qt.Key_PageUp, Qt.NoModifier), (Qt.Key_Home, Qt.ControlModifier)):
        press(window, qtbot, key, mods)
        assert bar.value() == bar.maximum(), f"{key} moved the table sideways"
    bar.setValue(0)                                         # ...and back: a click on a cell far right
    width = table.viewport().width()
    seen = [c for c in range(window.proxy.columnCount())
            if not table.isColumnHidden(c) and 0 <= table.columnViewportPosition(c) < width - 4]
    last = max(seen, key=table.columnViewportPosition)      # the right-most column in sight, cut by the edge
    rect = table.visualRect(window.proxy.index(1, last))
    assert rect.right() > width, "the column clicked must run past the edge (Qt scrolled to show it)"
    qtbot.mouseClick(table.viewport(), Qt.LeftButton, pos=QPoint(rect.left() + 2, rect.center().y()))  # in sight
    assert table.currentIndex().row() == 1 and bar.value() == 0
    press(window, qtbot, Qt.Key_Down, times=3)
    assert table.currentIndex().row() == 4 and bar.value() == 0, "Down scrolled to the clicked column"


# ---- 3. the first Ctrl+Home after a search changed ------------------------------------
@pytest.mark.parametrize("change", ["search", "switch"])
def test_the_first_ctrl_home_or_end_after_a_filter_change_moves(window, qtbot, change):
    if change == "search":
        press(window, qtbot, Qt.Key_Slash)
        qtbot.keyClicks(window.filter, "k01")
        qtbot.keyClick(window.filter, Qt.Key_Return)
        qtbot.waitUntil(lambda: window.proxy.rowCount() == 10, timeout=5000)
        press(window, qtbot, Qt.Key_Down, times=3)
        kept = window.current.rel
        press(window, qtbot, Qt.Key_Slash)                  # clear it: /, Ctrl+A, Backspace, Enter
        qtbot.keyClick(window.filter, Qt.Key_A, Qt.ControlModifier)
        qtbot.keyClick(window.filter, Qt.Key_Backspace)
        qtbot.keyClick(window.filter, Qt.Key_Return)
    else:                                                   # k027, published: Unpublished hides it
        press(window, qtbot, Qt.Key_Down, times=2)
        press(window, qtbot, Qt.Key_2, Qt.ControlModifier)
        kept = window.current.rel                           # the first unpublished row took its place
        press(window, qtbot, Qt.Key_1, Qt.ControlModifier)
    qtbot.waitUntil(lambda: window.proxy.rowCount() == COUNT, timeout=5000)
    assert window.current.rel == kept
    ends = ((Qt.Key_Home, 0), (Qt.Key_End, COUNT - 1))
    for key, row in ends if window.table.currentIndex().row() else ends[::-1]:  # the first press moves
        press(window, qtbot, key, Qt.ControlModifier)
        qtbot.wait(20)  # the turn after, where the current row is settled
        assert window.table.currentIndex().row() == row and selected_rows(window) == [row], key
        assert window.detail.rel == rel_at(window, row)


# ---- 4. where the keyboard is --------------------------------------------------------
@pytest.fixture
def app_palette():
    """The application's palette as make_app sets it (with_inactive_selection), put back after."""
    app = QApplication.instance()
    before = QPalette(app.palette())
    app.setPalette(with_inactive_selection(app.palette()))
    yield app.palette()
    app.setPalette(before)


def row_colour(table, row: int) -> str:
    """The colour painted in the selected row, in a cell's empty part (no text there)."""
    index = table.model().index(row, REVIEW)
    rect = table.visualRect(index)
    return table.viewport().grab().toImage().pixelColor(rect.right() - 3, rect.center().y()).name()


def test_the_selected_row_looks_inactive_while_the_keys_go_elsewhere(app_palette, window, qtbot):
    table = window.table
    focused = app_palette.color(QPalette.Active, QPalette.Highlight).name()
    assert row_colour(table, 0) == focused
    press(window, qtbot, Qt.Key_Q)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.detail.quality.lineEdit()
                    or QApplication.focusWidget() is window.detail.quality, timeout=3000)
    grey = unfocused_highlight(app_palette)
    assert row_colour(table, 0) == grey.name() != focused   # greyer: most of the blue gone
    assert grey.hslSaturationF() < app_palette.color(QPalette.Active, QPalette.Highlight).hslSaturationF()
    assert app_palette.color(QPalette.Inactive, QPalette.HighlightedText) == app_palette.color(QPalette.Text)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table, timeout=3000)
    assert row_colour(table, 0) == focused


def test_a_style_with_its_own_inactive_selection_keeps_it():
    palette = QPalette(QApplication.instance().palette())
    palette.setColor(QPalette.Inactive, QPalette.Highlight, QColor(200, 200, 200))
    assert with_inactive_selection(palette).color(QPalette.Inactive, QPalette.Highlight) == QColor(200, 200, 200)


# ---- 5. status-bar messages beside the counts -------------------------------------------
def test_a_long_message_is_elided_and_the_counts_stay_readable(window, qtbot):
    line = window.status
    text = ("This folder is open in another Newsdesk window too: edits made in both are merged when "
            "saved, but keep to one window for one article " * 3)
    window.statusBar().showMessage(text, 8000)
    QApplication.processEvents()
    label, counts = line.message, line.counts
    assert label.text().endswith("\u2026") and label.text() != text
    assert label.toolTip() == text and window.statusBar().currentMessage() == text
    shown_width = label.fontMetrics().horizontalAdvance(label.text())
    assert label.x() + shown_width + 12 <= counts.x(), "no gap before the counts"
    assert counts.text().startswith(f"{COUNT} shown") and counts.width() >= counts.sizeHint().width()
    window.statusBar().showMessage("Saved", 8000)
    QApplication.processEvents()
    assert label.text() == "Saved" and label.toolTip() == ""
    window.statusBar().clearMessage()
    assert label.text() == ""


# ---- 6. Help lists the panel's keys as they work -----------------------------------------
def test_help_lists_each_panel_widgets_keys_as_its_keymap_binds_them(window):
    detail = window.detail
    for attribute in {key.widget for key in PANEL_KEYS if key.widget}:
        widget = getattr(detail, attribute)
        maps = [m for m in widget.findChildren(KeyMap) if m.parent() is widget]
        assert len(maps) == 1, attribute
        listed = set().union(*(key.bindings() for key in PANEL_KEYS if key.widget == attribute))
        assert listed == set(maps[0].bindings), f"Help and the {attribute} keys differ"
    rows = shortcut_rows(window.shortcut_actions(), detail.tabs)
    chips = [keys for where, keys, does in rows if where.startswith("Topics") and "earlier or later" in does]
    assert chips == ["Alt+Left or Alt+Right or Alt+Up or Alt+Down"]
    tabs = {keys: does for where, keys, does in rows if "tab" in does}
    for n in range(detail.tabs.count()):  # the panel's tabs by their own mnemonics
        text = detail.tabs.tabText(n)
        key = "Alt+" + text[text.index("&") + 1].upper()
        assert tabs[key] == f"The panel's {text.replace('&', '')} tab"


def test_help_wraps_long_texts_instead_of_cutting_them(window, qtbot):
    dialog = ShortcutsDialog(window.shortcut_actions(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    for r in range(table.rowCount()):
        item = table.item(r, 2)
        rect = table.visualItemRect(item)
        needed = table.fontMetrics().boundingRect(rect.adjusted(4, 0, -4, 0), Qt.TextWordWrap, item.text())
        assert needed.height() <= rect.height(), f"row {r} cut: {item.text()!r}"
    dialog.reject()
