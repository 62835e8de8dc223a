"""The column table (ui/columns.py) says everything about a column; what it says holds
together with the field table (core/fields.py)."""
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QStyle, QStyleOptionViewItem

from gui_helpers import open_window, select_title
from newsdesk.core import fields
from newsdesk.core.indexing.index import Row
from newsdesk.ui.columns import DEFAULT_SORT, INDEX, PUBLISHED, QUALITY, TABLE


def test_a_checkable_or_editable_column_says_what_it_shows_and_sets():
    for column in TABLE:
        checkable, editable = bool(column.flags & Qt.ItemIsUserCheckable), bool(column.flags & Qt.ItemIsEditable)
        assert checkable == (column.checked is not None), column.key
        assert editable == (column.edit_value is not None), column.key
        if checkable or editable:
            assert column.sets in fields.TABLE.keys and column.edit_label is not None, column.key
        else:
            assert not column.sets, column.key


def test_the_editable_cells_give_the_editor_the_value_and_read_it_back():
    quality, published = TABLE[INDEX["quality"]], TABLE[INDEX["published"]]
    row = Row("a.md", quality=43, published=True)
    assert quality.edit_value(row) == 43 and quality.parse("60") == 60
    assert quality.edit_value(Row("b.md", quality="high")) == "high"  # a wrong kind shown as written
    assert published.checked(row) and not published.checked(Row("b.md", published="yes"))
    assert published.spoken(row) == "published" and published.edit_label(False) == "Unpublish"


def test_a_new_window_sorts_newest_first():
    assert DEFAULT_SORT == (INDEX["date"], Qt.DescendingOrder)


def test_the_table_cells_follow_the_column_table(qtbot, seeds_copy, tmp_path, monkeypatch):
    """The check box, the screen reader's words, the editor's value and the undo step's
    name of a cell all come from its Column."""
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)  # closing: unsaved edits
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    rel = select_title(window, qtbot, "Optical")
    index = window.table.currentIndex().siblingAtColumn(PUBLISHED)
    assert index.data(Qt.CheckStateRole) == Qt.Unchecked and index.data(Qt.AccessibleTextRole) == "not published"
    quality = index.siblingAtColumn(QUALITY)
    assert quality.data(Qt.EditRole) == window.session.library.draft(rel).data["quality"]
    assert quality.data(Qt.CheckStateRole) is None and quality.data(Qt.AccessibleTextRole) is None
    option = QStyleOptionViewItem()
    window.table.initViewItemOption(option)
    option.rect = window.table.visualRect(index)
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    check = window.table.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option, window.table)
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=check.center())
    assert window.session.library.draft(rel).data["published"] is True
    assert index.data(Qt.AccessibleTextRole) == "published"
    assert "Publish \u201c" in window.named_actions["undo"].text()
