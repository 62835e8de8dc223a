"""After R the editor sees where the keyboard is in the related links: an empty list says
so (and how to add one) in the focus colour; a list with links selects its current link."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from gui_helpers import answer_message_boxes, select_title, when_modal, window_on_copy
from newsdesk.ui.dialogs import LinkDialog
from newsdesk.ui.related_pane import EMPTY
from newsdesk.ui.related_picker import PickArticleDialog

LINK = ('  - title: "{t}"\n    webUrl: "https://example.org/{n}"\n    type: article\n'
        "    provider:\n      name: Example\n      domain: example.org\n")


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_text('---\ntitle: "Alone without links"\ntype: article\n---\n')
    (folder / "b.md").write_text('---\ntitle: "Bound by links"\ntype: article\n\nrelated:\n'
                                 + "".join(LINK.format(t=f"Link number {n}", n=n) for n in range(3)) + "---\n")
    answer_message_boxes(monkeypatch)
    window = window_on_copy(qtbot, folder, tmp_path / "config")
    window.resize(1366, 768)
    return window


def press_r(window, qtbot):
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_R)
    view = window.detail.related_view
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=3000)
    return view


def pixels_of(widget, color: QColor) -> int:
    image = widget.grab().toImage()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y) == color)


def test_r_on_an_article_without_links_shows_where_the_keyboard_is(window, qtbot):
    select_title(window, qtbot, "Alone")
    view = window.detail.related_view
    highlight = view.palette().color(QPalette.Highlight)
    assert view.placeholder() == EMPTY and pixels_of(view.viewport(), highlight) == 0  # said, in grey
    view = press_r(window, qtbot)
    assert view.placeholder() == EMPTY
    assert pixels_of(view.viewport(), highlight) > 100  # the frame and the words in the focus colour
    window.table.setFocus()
    qtbot.waitUntil(lambda: pixels_of(view.viewport(), highlight) == 0, timeout=3000)
    assert window.folder.joinpath("a.md").read_bytes() == window.before["a.md"]


@pytest.mark.parametrize("key, dialog_class", [((Qt.Key_Insert, Qt.NoModifier), LinkDialog),
                                                ((Qt.Key_L, Qt.AltModifier), LinkDialog),
                                                ((Qt.Key_B, Qt.AltModifier), PickArticleDialog)])
def test_the_keys_the_empty_list_names_add_a_link(window, qtbot, key, dialog_class):
    select_title(window, qtbot, "Alone")
    view = press_r(window, qtbot)
    opened = []

    def seen(dialog):
        opened.append(type(dialog))
        dialog.reject()
    when_modal(seen)
    qtbot.keyClick(view, *key)
    qtbot.waitUntil(lambda: bool(opened), timeout=3000)
    assert opened == [dialog_class]


def test_r_on_an_article_with_links_selects_the_current_link(window, qtbot):
    select_title(window, qtbot, "Bound")
    view = press_r(window, qtbot)
    selected = view.selectionModel()
    assert view.currentIndex().row() == 0 and selected.isRowSelected(0) and len(selected.selectedRows()) == 1
    qtbot.keyClick(view, Qt.Key_Down)
    assert selected.isRowSelected(1)
    view = press_r(window, qtbot)  # back from the table: the same link, selected
    assert view.currentIndex().row() == 1 and selected.isRowSelected(1) and not selected.isRowSelected(0)
    selected.clearSelection()      # a current link left unselected (Qt's own focus-in does that)
    view = press_r(window, qtbot)
    assert selected.isRowSelected(1) and view.placeholder() == ""
    assert window.folder.joinpath("b.md").read_bytes() == window.before["b.md"]
