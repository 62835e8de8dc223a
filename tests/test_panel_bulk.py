"""Several articles selected: the panel says so and edits them all, each change one undo step."""
import pytest
from PySide6.QtCore import QPoint, Qt

from gui_helpers import ctrl_click_title, select_title
from newsdesk.ui.table_model import PATH_ROLE
from panel_helpers import data_of, panel_window

THREE = ("Hybrid", "High-Performance", "rekindles")   # quality 21, 57, 43; topics share only "AI"


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def select_three(window, qtbot):
    rels = [select_title(window, qtbot, THREE[0])] + [ctrl_click_title(window, qtbot, w) for w in THREE[1:]]
    assert window.detail.rels and set(window.detail.rels) == set(rels)
    return rels


def click_box(qtbot, box):
    qtbot.mouseClick(box, Qt.LeftButton, pos=QPoint(8, box.height() // 2))


def only_changed(window, rels, old: bytes, new: bytes):
    for path in window.folder.iterdir():
        expected = window.before[path.name].replace(old, new, 1) if path.name in rels else window.before[path.name]
        assert path.read_bytes() == expected, path.name


def test_the_panel_says_how_many_and_what_they_share(window, qtbot):
    select_three(window, qtbot)
    detail = window.detail
    assert detail.header.title.full == "3 articles selected"
    assert "0 of 3 published" in detail.meta.text() and "21\u201357" in detail.meta.text()
    assert detail.quality.text() == "mixed"
    assert detail.topics_model.stringList()[:1] == ["AI"] and detail.topics_box.partial
    assert detail.related_pane.isHidden() and detail.suggestions.isHidden()
    assert "Hybrid" in detail.excerpt.text()


def test_published_is_tri_state_when_mixed_and_one_click_publishes_all_as_one_step(window, qtbot):
    first = select_title(window, qtbot, THREE[0])
    click_box(qtbot, window.detail.published)           # one of the three published
    assert data_of(window, first)["published"] is True
    rels = select_three(window, qtbot)
    box = window.detail.published
    assert box.checkState() == Qt.PartiallyChecked
    steps = window.session.undo_stack.count()
    click_box(qtbot, box)
    assert all(data_of(window, r)["published"] is True for r in rels)
    assert window.session.undo_stack.count() == steps + 1 and box.checkState() == Qt.Checked
    assert "3 articles" in window.undo_action.text()
    window.session.undo_stack.undo()
    assert [data_of(window, r)["published"] for r in rels].count(True) == 1
    assert box.checkState() == Qt.PartiallyChecked
    window.session.undo_stack.redo()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    only_changed(window, rels, b"published: false", b"published: true")


def test_quality_typed_once_sets_every_selected_article(window, qtbot):
    rels = select_three(window, qtbot)
    spin = window.detail.quality
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "55")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert [data_of(window, r)["quality"] for r in rels] == [55, 55, 55]
    assert window.session.undo_stack.count() == 1 and spin.text() == "55"
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    for path in window.folder.iterdir():
        if path.name in rels:
            old = [line for line in window.before[path.name].split(b"\n") if line.startswith(b"quality: ")][0]
            assert path.read_bytes() == window.before[path.name].replace(old + b"\n", b"quality: 55\n", 1)
        else:
            assert path.read_bytes() == window.before[path.name]


def test_topics_add_to_all_remove_from_all_and_give_a_partial_one_to_all(window, qtbot):
    rels = select_three(window, qtbot)
    detail = window.detail
    detail.topic_input.setFocus()  # as a click into the box does (the table's Return must not fire)
    qtbot.keyClicks(detail.topic_input, "Green IT")
    qtbot.keyClick(detail.topic_input, Qt.Key_Return)
    assert all(data_of(window, r)["topics"][-1] == "Green IT" for r in rels)
    assert window.session.undo_stack.count() == 1 and detail.topic_input.text() == ""
    assert detail.topics_model.stringList()[:2] == ["AI", "Green IT"]
    # the faint chip of a topic only some carry: Enter gives it to all (one step)
    row = detail.topics_model.stringList().index("AI Hardware")
    detail.topic_list.setFocus()
    detail.topic_list.setCurrentIndex(detail.topics_model.index(row))
    qtbot.keyClick(detail.topic_list, Qt.Key_Return)
    assert all("AI Hardware" in data_of(window, r)["topics"] for r in rels)
    assert window.session.undo_stack.count() == 2
    # Delete on a chip removes that topic from every selected article
    detail.topic_list.setCurrentIndex(detail.topics_model.index(detail.topics_model.stringList().index("AI")))
    qtbot.keyClick(detail.topic_list, Qt.Key_Delete)
    assert all("AI" not in data_of(window, r)["topics"] for r in rels)
    assert window.session.undo_stack.count() == 3
    window.session.undo_stack.undo()
    assert all("AI" in data_of(window, r)["topics"] for r in rels)
    window.session.undo_stack.undo()
    window.session.undo_stack.undo()
    assert not window.session.library.dirty()
    window.session.undo_stack.redo()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    for path in window.folder.iterdir():
        text = path.read_bytes()
        if path.name in rels:
            head, sep, tail = window.before[path.name].partition(b"\n\nimages:")
            if not sep:
                head, sep, tail = window.before[path.name].partition(b"\n\nrelated:")
            assert text == head + b"\n  - Green IT" + sep + tail
        else:
            assert text == window.before[path.name]


def test_back_to_one_article_shows_it_as_before(window, qtbot):
    select_three(window, qtbot)
    rel = select_title(window, qtbot, "Optical")
    detail = window.detail
    assert not detail.rels and detail.rel == rel and "Optical" in detail.title.text()
    assert detail.quality.text() == "19" and detail.related_pane.isVisible()


def test_the_current_row_moving_within_the_selection_keeps_the_bulk_editor(window, qtbot):
    rels = select_three(window, qtbot)
    window.detail.show_article(rels[0])   # what the window does on a current change
    assert window.detail.rels and window.detail.header.title.full == "3 articles selected"


def test_keys_and_ctrl_clicks_that_leave_one_row_show_that_one(window, qtbot):
    rels = select_three(window, qtbot)
    ctrl_click_title(window, qtbot, THREE[1])             # two left
    assert len(window.detail.rels) == 2 and window.detail.header.title.full == "2 articles selected"
    ctrl_click_title(window, qtbot, THREE[2])             # one left: that article, editable as ever
    qtbot.waitUntil(lambda: not window.detail.rels)
    assert window.detail.rel == rels[0] and "Hybrid" in window.detail.title.text()
    assert window.detail.related_pane.isVisible()
    select_three(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Down)       # an arrow key selects one row again
    qtbot.waitUntil(lambda: not window.detail.rels)
    current = window.table.currentIndex().data(PATH_ROLE)
    assert window.detail.rel == current and window.table.selectionModel().isRowSelected(
        window.table.currentIndex().row())
