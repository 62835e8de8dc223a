"""Manage Topics from the keyboard: the filter box hands the list the keys that move its
row (a tester typed "Port", pressed Down, and Rename stayed disabled), and Return or F2
renames the topic the row shows, then the bytes on disk say so."""
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLineEdit

from gui_helpers import activate, open_window, when_modal
from newsdesk.ui.topics import TopicManager

TOPICS = {"a.md": ["Azure", "Power Apps", "Portals", "Power BI"], "b.md": ["Azure", "Power Apps", "Portals"],
          "c.md": ["Azure", "Power Apps"], "d.md": ["Azure"]}   # Azure 4, Power Apps 3, Portals 2, Power BI 1


@pytest.fixture
def manager(qtbot, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for name, topics in TOPICS.items():
        items = "".join(f"  - {t}\n" for t in topics)
        (folder / name).write_text(f'---\ntitle: "{name}"\nquality: 1\npublished: false\n\ntopics:\n{items}---\n')
    window = open_window(qtbot, folder, tmp_path / "config")
    window.folder = folder
    dialog = TopicManager(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.filter.setFocus()
    return dialog


def current_topic(manager):
    index = manager.table.currentIndex()
    return manager.table.item(index.row(), 0).text() if index.isValid() else None


def test_down_and_up_in_the_filter_move_the_lists_row_and_select_it(manager, qtbot):
    qtbot.keyClicks(manager.filter, "Po")          # Power Apps, Portals, Power BI
    qtbot.keyClick(manager.filter, Qt.Key_Down)
    assert current_topic(manager) == "Power Apps" and manager.selected() == ["Power Apps"]
    assert manager.rename_button.isEnabled()
    qtbot.keyClick(manager.filter, Qt.Key_Down)
    assert current_topic(manager) == "Portals" and manager.selected() == ["Portals"]
    qtbot.keyClick(manager.filter, Qt.Key_PageDown)
    assert current_topic(manager) == "Power BI"
    qtbot.keyClick(manager.filter, Qt.Key_Up)
    assert current_topic(manager) == "Portals"
    qtbot.keyClick(manager.filter, Qt.Key_PageUp)
    assert current_topic(manager) == "Power Apps"
    assert manager.filter.text() == "Po" and manager.filter.hasFocus()   # the typing stays in the box


def test_a_row_the_filter_hides_is_not_the_one_acted_on(manager, qtbot):
    qtbot.keyClick(manager.filter, Qt.Key_Down)    # Azure, with no filter
    assert manager.selected() == ["Azure"]
    qtbot.keyClicks(manager.filter, "Port")
    assert manager.selected() == [] and not manager.rename_button.isEnabled()
    qtbot.keyClick(manager.filter, Qt.Key_Down)
    assert manager.selected() == ["Portals"] and manager.rename_button.isEnabled()


def _rename_to(qtbot, name, seen):
    def answer(dialog):
        edit = dialog.findChild(QLineEdit)
        seen["asked"] = edit.text()
        edit.selectAll()
        qtbot.keyClicks(edit, name)
        QTimer.singleShot(0, dialog.accept)
    when_modal(answer)


@pytest.mark.parametrize("key", [Qt.Key_Return, Qt.Key_F2], ids=["Return", "F2"])
def test_return_or_f2_in_the_filter_renames_the_row_the_arrows_reached(manager, qtbot, key):
    qtbot.keyClicks(manager.filter, "Po")
    qtbot.keyClick(manager.filter, Qt.Key_Down)
    qtbot.keyClick(manager.filter, Qt.Key_Down)    # Portals
    seen = {}
    _rename_to(qtbot, "Power Pages", seen)
    qtbot.keyClick(manager.filter, key)
    qtbot.waitUntil(lambda: "Power Pages" in manager.library.topics(), timeout=5000)
    assert seen == {"asked": "Portals"} and manager.isVisible()
    assert b"  - Power Pages\n" in save(manager, qtbot)["b.md"]
    saved = save(manager, qtbot)
    assert b"  - Power Pages\n" in saved["a.md"] and b"  - Power Pages\n" in saved["b.md"]
    assert all(b"Portals" not in data for data in saved.values())


def save(manager, qtbot) -> dict:
    """Close the manager, save with Ctrl+S in the window, and the files' bytes."""
    window = manager.parent()
    manager.close()
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.session.library.dirty(), timeout=5000)
    return {p.name: p.read_bytes() for p in window.folder.iterdir()}


def test_return_with_one_row_left_renames_it_without_an_arrow(manager, qtbot):
    qtbot.keyClicks(manager.filter, "Port")
    seen = {}
    _rename_to(qtbot, "Power Pages", seen)
    qtbot.keyClick(manager.filter, Qt.Key_Return)
    qtbot.waitUntil(lambda: "Power Pages" in manager.library.topics(), timeout=5000)
    assert seen == {"asked": "Portals"} and manager.isVisible()
    assert b"  - Power Pages\n" in save(manager, qtbot)["b.md"]


def test_the_renamed_topic_stays_chosen_for_the_next_step(manager, qtbot):
    """After a rename, Rename, Merge and Delete went grey until the topic was picked again."""
    qtbot.keyClicks(manager.filter, "Po")
    qtbot.keyClick(manager.filter, Qt.Key_Down)
    qtbot.keyClick(manager.filter, Qt.Key_Down)    # Portals
    seen = {}
    _rename_to(qtbot, "Power Pages", seen)
    qtbot.keyClick(manager.filter, Qt.Key_F2)
    qtbot.waitUntil(lambda: "Power Pages" in manager.library.topics(), timeout=5000)
    assert manager.selected() == ["Power Pages"] and current_topic(manager) == "Power Pages"
    assert manager.rename_button.isEnabled() and manager.delete_button.isEnabled()
    again = {}
    _rename_to(qtbot, "Pages", again)
    qtbot.keyClick(manager.filter, Qt.Key_F2)       # the next step needs no new pick
    qtbot.waitUntil(lambda: "Pages" in manager.library.topics(), timeout=5000)
    assert again == {"asked": "Power Pages"}
