"""Removing a topic means one thing wherever it is asked for — the panel's chips, the Edit
menu, the topic manager, ``newsdesk set topics-=``: every occurrence of the topic goes
from the article (an article listing it twice is left with none), the rest of the file
byte for byte as it was. A list left empty takes its key with it."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox

from gui_helpers import activate, select_title, when_modal
from newsdesk.cli import main
from panel_helpers import HYBRID, data_of, panel_window

LISTED = b"topics:\n  - Microsoft AI\n  - AI\n  - AI Hardware\n\n"        # as the seed has it
TWICE = b"topics:\n  - Microsoft AI\n  - AI\n  - AI Hardware\n  - AI\n\n"  # a pipeline listed AI twice
WITHOUT = b"topics:\n  - Microsoft AI\n  - AI Hardware\n\n"


@pytest.fixture
def folder(seeds_copy):
    path = seeds_copy / HYBRID
    raw = path.read_bytes()
    assert LISTED in raw
    path.write_bytes(raw.replace(LISTED, TWICE))
    return seeds_copy


@pytest.fixture
def window(qtbot, monkeypatch, folder, tmp_path):
    return panel_window(qtbot, monkeypatch, folder, tmp_path / "config")


def expected(window):
    return window.before[HYBRID].replace(TWICE, WITHOUT)


def save(window, qtbot):
    activate(window, qtbot)  # a dialog was up: the window has the keyboard again
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


def test_set_topics_minus_removes_every_occurrence(folder, capsys):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert main(["set", str(folder), "topics-=AI", "--where", "title:hybrid"]) == 0
    assert (folder / HYBRID).read_bytes() == before[HYBRID].replace(TWICE, WITHOUT)
    assert all((folder / name).read_bytes() == raw for name, raw in before.items() if name != HYBRID)


def test_a_chip_removed_in_the_panel_removes_every_occurrence(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    detail = window.detail
    assert detail.topics_model.stringList() == ["Microsoft AI", "AI", "AI Hardware", "AI"]
    view = detail.topic_list
    close = view.itemDelegate().close_rect(view.visualRect(detail.topics_model.index(1)))
    qtbot.mouseClick(view.viewport(), Qt.LeftButton, pos=close.center())    # the × of the first "AI"
    assert data_of(window, rel)["topics"] == ["Microsoft AI", "AI Hardware"]
    assert detail.topics_model.stringList() == ["Microsoft AI", "AI Hardware"]
    assert window.session.undo_stack.count() == 1
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == expected(window)
    window.session.undo_stack.undo()                                          # both come back, in place
    assert data_of(window, rel)["topics"] == ["Microsoft AI", "AI", "AI Hardware", "AI"]


def test_the_edit_menu_removes_every_occurrence_from_each_selected_article(window, qtbot):
    select_title(window, qtbot, "Hybrid")
    window.table.selectAll()

    def choose(dialog):
        combo = dialog.findChild(QComboBox)
        combo.setCurrentIndex(combo.findText("AI"))
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok).click()
    when_modal(choose)
    qtbot.keyClick(window.table, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)   # Edit ▸ Remove Topic
    assert "AI" not in data_of(window, HYBRID)["topics"]
    save(window, qtbot)
    assert (window.folder / HYBRID).read_bytes() == expected(window)
    for name in window.before:
        assert b"  - AI\n" not in (window.folder / name).read_bytes(), name


def test_the_topic_manager_deletes_every_occurrence(window, qtbot):
    from newsdesk.ui.topics import TopicManager
    manager = TopicManager(window.session, window)
    qtbot.addWidget(manager)
    row = next(r for r in range(manager.table.rowCount()) if manager.table.item(r, 0).text() == "AI")
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton,
                     pos=manager.table.visualItemRect(manager.table.item(row, 0)).center())
    qtbot.mouseClick(manager.delete_button, Qt.LeftButton)
    assert "AI" not in window.session.library.topics()
    save(window, qtbot)
    assert (window.folder / HYBRID).read_bytes() == expected(window)
