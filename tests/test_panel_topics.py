"""Topics as chips: completion that clears, no duplicates, Backspace takes the last chip,
× and Delete remove, drag and Alt+arrows reorder; every change undoable, bytes checked."""
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel

from gui_helpers import activate, answer_add_topic, select_title
from panel_helpers import data_of, panel_window


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def topics_block(topics):
    return b"topics:\n" + b"".join(b"  - " + t.encode() + b"\n" for t in topics) + b"\n"


def save(window, qtbot):
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


def test_picking_a_completion_adds_it_and_clears_the_box(window, qtbot):
    rel = select_title(window, qtbot, "Optical")          # topics: AI Hardware, AI
    detail = window.detail
    box = detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "microso")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key_Down)
    qtbot.keyClick(popup, Qt.Key_Return)
    assert data_of(window, rel)["topics"] == ["AI Hardware", "AI", "Microsoft AI"]
    qtbot.waitUntil(lambda: box.text() == "")
    assert window.session.undo_stack.count() == 1        # one add, not two
    qtbot.keyClicks(box, "Photonics")                     # the next typing starts afresh
    qtbot.keyClick(box, Qt.Key_Return)
    assert data_of(window, rel)["topics"][-1] == "Photonics" and box.text() == ""
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(
        topics_block(["AI Hardware", "AI"]), topics_block(["AI Hardware", "AI", "Microsoft AI", "Photonics"]))


def test_a_duplicate_is_refused_and_the_typed_text_stays(window, qtbot):
    rel = select_title(window, qtbot, "Optical")
    box = window.detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "AI  Hardware")       # spaces are tidied: the same topic
    qtbot.keyClick(box, Qt.Key_Return)
    assert data_of(window, rel)["topics"] == ["AI Hardware", "AI"]
    assert window.session.undo_stack.count() == 0 and box.text() == "AI  Hardware"
    assert "already a topic" in window.statusBar().currentMessage()


def test_backspace_in_the_empty_box_takes_the_last_chip_and_undo_brings_it_back(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")           # Microsoft AI, AI, AI Hardware
    box = window.detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "x")
    qtbot.keyClick(box, Qt.Key_Backspace)                  # deletes the typed x only
    assert box.text() == "" and data_of(window, rel)["topics"] == ["Microsoft AI", "AI", "AI Hardware"]
    qtbot.keyClick(box, Qt.Key_Backspace)
    assert data_of(window, rel)["topics"] == ["Microsoft AI", "AI"]
    assert window.detail.topics_model.stringList() == ["Microsoft AI", "AI"]
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(
        b"  - AI Hardware\n\nrelated:", b"\nrelated:")
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel]


def test_the_close_button_of_a_chip_removes_it(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    view = window.detail.topic_list
    index = window.detail.topics_model.index(1)                      # "AI"
    rect = view.visualRect(index)
    close = view.itemDelegate().close_rect(rect)
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=close.center())
    assert data_of(window, rel)["topics"] == ["Microsoft AI", "AI Hardware"]
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=view.visualRect(window.detail.topics_model.index(0)).center()
                     - QPoint(10, 0))                                 # on the text: selects, removes nothing
    assert data_of(window, rel)["topics"] == ["Microsoft AI", "AI Hardware"]


def test_chips_are_reached_by_keyboard_and_moved_and_removed_with_keys(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    detail = window.detail
    detail.topic_input.setFocus()
    qtbot.keyClick(detail.topic_input, Qt.Key_Backtab)               # Shift+Tab: into the chips
    assert QApplication.focusWidget() is detail.topic_list
    detail.topic_list.setCurrentIndex(detail.topics_model.index(0))
    qtbot.keyClick(detail.topic_list, Qt.Key_Right, Qt.AltModifier)    # move "Microsoft AI" later
    assert data_of(window, rel)["topics"] == ["AI", "Microsoft AI", "AI Hardware"]
    assert detail.topic_list.currentIndex().row() == 1                 # the selection follows it
    qtbot.keyClick(detail.topic_list, Qt.Key_Delete)
    assert data_of(window, rel)["topics"] == ["AI", "AI Hardware"]
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(
        topics_block(["Microsoft AI", "AI", "AI Hardware"]), topics_block(["AI", "AI Hardware"]))


def test_a_drag_reorders_through_one_undoable_edit(window, qtbot, qtmodeltester):
    rel = select_title(window, qtbot, "Hybrid")
    model = window.detail.topics_model
    qtmodeltester.check(model)
    mime = model.mimeData([model.index(2)])                           # "AI Hardware" to the front
    assert not model.dropMimeData(mime, Qt.MoveAction, 0, 0, model.index(-1, -1))
    assert data_of(window, rel)["topics"] == ["AI Hardware", "Microsoft AI", "AI"]
    assert window.detail.topic_list.currentIndex().row() == 0
    window.session.undo_stack.undo()
    assert data_of(window, rel)["topics"] == ["Microsoft AI", "AI", "AI Hardware"]


def highlighted_chips(view) -> int:
    """Chips drawn in the selection colour, counted on the view's own picture."""
    image = view.viewport().grab().toImage()
    highlight = view.palette().color(view.palette().ColorRole.Highlight).rgb()
    return sum(image.pixel(x, y) == highlight for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))


def test_a_chip_chosen_on_one_article_is_not_shown_chosen_on_the_next(window, qtbot):
    """A tester saw a chip highlighted on an article nobody had touched: the chip chosen on
    the previous article (its row) was chosen again on the next one."""
    select_title(window, qtbot, "Hybrid")                  # Microsoft AI, AI, AI Hardware
    view = window.detail.topic_list
    rect = view.visualRect(window.detail.topics_model.index(1))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=rect.center() - QPoint(rect.width() // 4, 0))
    assert view.selectionModel().selectedIndexes() and highlighted_chips(view) > 0   # chosen: drawn so
    for other in ("Optical", "training rekindles"):        # two topics (fewer), four (more)
        select_title(window, qtbot, other)
        assert window.detail.topics_model.stringList()[0] == "AI Hardware"
        assert not view.selectionModel().selectedIndexes(), other
        assert not view.currentIndex().isValid(), other
        assert highlighted_chips(view) == 0, other


def test_typing_a_topic_no_article_has_says_it_is_new_before_and_as_it_is_added(window, qtbot):
    """A typo made a new topic silently (calibre and Picard users expect to be told)."""
    rel = select_title(window, qtbot, "Artificial Intelligence Requires")   # topics: AI
    box, hint = window.detail.topic_input, window.findChild(QLabel, "newTopicHint")
    box.setFocus()
    qtbot.keyClicks(box, "Micro")                     # the start of Microsoft AI: the completer lists it
    assert hint.isHidden()
    box.clear()
    qtbot.keyClicks(box, "AWS AI")                    # on another article: not new
    assert hint.isHidden()
    box.clear()
    qtbot.keyClicks(box, "ai hardware")               # the likeliest typo: only the case differs
    assert hint.isVisible() and "the library has \u201cAI Hardware\u201d" in hint.text()
    box.clear()
    qtbot.keyClicks(box, "Photonix")
    assert hint.isVisible() and "New topic" in hint.text() and "Photonix" in hint.text()
    qtbot.keyClick(box, Qt.Key_Return)                # added all the same: the editor may mean it
    assert data_of(window, rel)["topics"] == ["AI", "Photonix"]
    assert window.statusBar().currentMessage() == "Added a new topic, \u201cPhotonix\u201d: no other article has it"
    qtbot.waitUntil(lambda: box.text() == "")
    assert hint.isHidden()
    model = window.detail.topics_model
    tips = [model.index(n).data(Qt.ToolTipRole) for n in range(model.rowCount())]
    assert "New to the library" in tips[1] and "New to the library" not in tips[0]
    window.statusBar().clearMessage()
    qtbot.keyClicks(box, "AWS AI")
    qtbot.keyClick(box, Qt.Key_Return)
    assert data_of(window, rel)["topics"] == ["AI", "Photonix", "AWS AI"]
    assert "new topic" not in window.statusBar().currentMessage()
    select_title(window, qtbot, "Optical")            # another article: Photonix is known now
    box.setFocus()
    qtbot.keyClicks(box, "Photonix")
    assert hint.isHidden()


def test_the_bulk_add_topic_dialog_says_when_the_topic_is_new(window, qtbot):
    window.table.selectAll()
    answer_add_topic(qtbot, "Zebra  Crossing")
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_T, Qt.ControlModifier)   # returns once the dialog is answered
    said = window.statusBar().currentMessage()
    assert said == "Added a new topic, \u201cZebra Crossing\u201d: no other article has it"
    window.statusBar().clearMessage()
    answer_add_topic(qtbot, "AI")
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_T, Qt.ControlModifier)
    assert QApplication.activeModalWidget() is None
    assert "new topic" not in window.statusBar().currentMessage()


def test_text_left_in_the_topic_box_does_not_follow_to_the_next_article(window, qtbot):
    """A tester typed a topic, left it unentered, moved on: minutes later T, Enter on
    another article added it there."""
    first = select_title(window, qtbot, "Optical")
    box = window.detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "Low-code")
    other = select_title(window, qtbot, "Hybrid")
    assert box.text() == ""
    before = data_of(window, other)["topics"]
    box.setFocus()
    qtbot.keyClick(box, Qt.Key_Return)
    assert data_of(window, other)["topics"] == before and data_of(window, first)["topics"] == ["AI Hardware", "AI"]
    assert window.session.undo_stack.count() == 0


def test_a_topic_typed_and_saved_without_enter_is_added(window, qtbot):
    """T, a topic typed, Ctrl+S: "Saved", and the topic was gone. The topic box's text
    counts before a save, as the Quality box's does."""
    rel = select_title(window, qtbot, "Optical")          # topics: AI Hardware, AI
    qtbot.keyClick(window.table, Qt.Key_T)
    box = window.detail.topic_input
    qtbot.waitUntil(box.hasFocus, timeout=3000)
    qtbot.keyClicks(box, "Pending topic")
    qtbot.keyClick(box, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(
        topics_block(["AI Hardware", "AI"]), topics_block(["AI Hardware", "AI", "Pending topic"]))
    assert box.text() == ""
