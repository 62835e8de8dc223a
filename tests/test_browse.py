"""The Browse panel driven as an editor drives it: clicks and keys on the real facet list,
then what sits where, the counts, and the table's rows.

The list used to be rebuilt in the order of the shown rows' counts after each click: the
topic clicked jumped to the top and the next click landed on another one. The entries
are the library's now, in its order; a search changes the counts alone."""
import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from conftest import corpus_or_skip
from gui_helpers import activate, answer_message_boxes, open_window
from newsdesk.ui.facet_model import COUNT, NAME, TERM_ROLE
from newsdesk.ui.filter_proxy import UNPUBLISHED
from newsdesk.ui.table_model import PATH_ROLE

LONG = "A topic name far too long for the narrow Browse panel to show in full"
# path -> (provider, topics): Cloud 8, Data 6, Edge 4, Mobile 3, Quantum 2 in the library
ARTICLES = {f"a{n:02d}.md": ("Contoso" if n <= 8 else "Fabrikam",
                             [t for t, members in (("Cloud", range(1, 9)), ("Data", range(1, 7)),
                                                   ("Edge", range(9, 13)), ("Mobile", range(9, 12)),
                                                   ("Quantum", (13, 14)), (LONG, (14,))) if n in members])
            for n in range(1, 15)}


@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch):
    return answer_message_boxes(monkeypatch)


def write_site(folder):
    folder.mkdir()
    for n, (name, (provider, topics)) in enumerate(ARTICLES.items()):
        listed = "".join(f"  - {t}\n" for t in topics)
        (folder / name).write_text(
            f'---\ncategory: news\ntitle: "Article {name}"\npublishedDateTime: 2023-0{1 + n % 3}-10T08:00:00Z\n'
            f"type: article\nquality: {40 + n}\npublished: {'true' if n % 4 == 0 else 'false'}\n\n"
            f"provider:\n  name: {provider}\n\ntopics:\n{listed}---\n", encoding="utf-8")
    return folder


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, write_site(tmp_path / "site"), tmp_path / "config")


def show_browse(window, qtbot):
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_B, Qt.ControlModifier)
    sidebar = window.sidebar
    # settled: every facet, the Review one too (its states come after the rows), over every row
    qtbot.waitUntil(lambda: sidebar.isVisible() and sidebar.model.rowCount() == 5 and not sidebar._stale
                    and sidebar.model.layout.size == len(window.session.library.rows)
                    and not sidebar._timer.isActive() and not sidebar._library_timer.isActive(), timeout=10000)
    return sidebar


def entry_at(sidebar, pos):
    """(facet, value) of the entry drawn at ``pos`` of the list (value None: a facet's row)."""
    index = sidebar.tree.indexAt(pos)
    entry = sidebar.model.entry(index)
    return sidebar.model.facet_of(index), entry.value if entry else None


def where(sidebar, facet, value=None):
    return sidebar.tree.visualRect(sidebar.model.find(facet, value)).center()


def count_of(sidebar, facet, value):
    return sidebar.model.find(facet, value).siblingAtColumn(COUNT).data()


def layout_seen(sidebar):
    """Every entry in sight, by the height it is drawn at (a list's scroll bar, come once
    it is full, moves the centres sideways, not the entries)."""
    tree, seen = sidebar.tree, {}
    for y in range(1, tree.viewport().height(), 3):
        index = tree.indexAt(QPoint(5, y))
        if index.isValid():
            rect = tree.visualRect(index)
            seen[rect.top()] = entry_at(sidebar, rect.center())
    return seen


def shown_topics(window):
    library = window.session.library
    return [library.row(window.proxy.index(r, 0).data(PATH_ROLE)).topics for r in range(window.proxy.rowCount())]


def click(qtbot, sidebar, pos, mods=Qt.NoModifier):
    qtbot.mouseClick(sidebar.tree.viewport(), Qt.LeftButton, mods, pos)


def test_a_click_filters_and_every_entry_stays_where_it_was(window, qtbot):
    sidebar = show_browse(window, qtbot)
    before = layout_seen(sidebar)
    assert [v for f, v in before.values() if f == "Topics"][:6] == [None, "Cloud", "Data", "Edge", "Mobile", "Quantum"]
    width = sidebar.tree.header().sectionSize(COUNT)
    edge = where(sidebar, "Topics", "Edge")
    click(qtbot, sidebar, edge)
    assert window.filter.text() == "topic:Edge"
    assert window.proxy.rowCount() == 4 and all("Edge" in topics for topics in shown_topics(window))
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Cloud") == "0", timeout=5000)
    assert layout_seen(sidebar) == before                       # nothing moved under the mouse
    assert entry_at(sidebar, edge) == ("Topics", "Edge")
    assert sidebar.tree.currentIndex() == sidebar.model.find("Topics", "Edge")
    assert sidebar.tree.selectionModel().isSelected(sidebar.model.find("Topics", "Edge"))
    assert [count_of(sidebar, "Topics", t) for t in ("Cloud", "Data", "Edge", "Mobile", "Quantum")] == \
        ["0", "0", "4", "3", "0"]
    assert count_of(sidebar, "Providers", "Fabrikam") == "4" and count_of(sidebar, "Providers", "Contoso") == "0"
    grey = QApplication.palette().color(QPalette.Disabled, QPalette.Text)
    cloud = sidebar.model.find("Topics", "Cloud")
    assert cloud.data(Qt.ForegroundRole).color() == grey              # none shown: greyed, in its place
    assert sidebar.model.find("Topics", "Edge").data(Qt.ForegroundRole) is None
    assert sidebar.tree.header().sectionSize(COUNT) == width           # the names keep their room
    # the next click, at the place Cloud was drawn before, is Cloud: the search it names
    click(qtbot, sidebar, where(sidebar, "Topics", "Cloud"))
    assert window.filter.text() == "topic:Cloud" and window.proxy.rowCount() == 8
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Cloud") == "8", timeout=5000)
    assert layout_seen(sidebar) == before


def test_ctrl_click_narrows_and_counts_follow(window, qtbot):
    sidebar = show_browse(window, qtbot)
    click(qtbot, sidebar, where(sidebar, "Topics", "Cloud"))
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Edge") == "0", timeout=5000)
    data = count_of(sidebar, "Topics", "Data")
    click(qtbot, sidebar, where(sidebar, "Topics", "Data"), Qt.ControlModifier)
    assert window.filter.text() == "topic:Cloud topic:Data"
    assert window.proxy.rowCount() == int(data) == 6
    assert all({"Cloud", "Data"} <= set(t) for t in shown_topics(window))
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Cloud") == "6", timeout=5000)
    assert [t for t in ("Cloud", "Data", "Edge") if bold(sidebar, "Topics", t)] == ["Cloud", "Data"]  # in the search
    window.filter.setText("topic:Clouds")                   # another topic, whose name Cloud begins
    click(qtbot, sidebar, where(sidebar, "Topics", "Cloud"), Qt.ControlModifier)
    assert window.filter.text() == "topic:Clouds topic:Cloud"
    window.filter.setText("topic:Data -topic:Edge")
    qtbot.waitUntil(lambda: not bold(sidebar, "Topics", "Cloud"), timeout=5000)
    assert bold(sidebar, "Topics", "Data") and not bold(sidebar, "Topics", "Edge")


def bold(sidebar, facet, value):
    font = sidebar.model.find(facet, value).data(Qt.FontRole)
    return font is not None and font.bold()


def test_keys_walk_the_list_and_enter_searches_the_current_entry(window, qtbot):
    sidebar = show_browse(window, qtbot)
    tree = sidebar.tree
    click(qtbot, sidebar, where(sidebar, "Topics", "Data"))
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Edge") == "0", timeout=5000)
    assert QApplication.focusWidget() is tree
    qtbot.keyClick(tree, Qt.Key_Down)
    assert tree.currentIndex() == sidebar.model.find("Topics", "Edge")
    qtbot.keyClick(tree, Qt.Key_Return)                           # Edge has none shown: Enter searches it all the same
    assert window.filter.text() == "topic:Edge" and window.proxy.rowCount() == 4
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Edge") == "4", timeout=5000)
    assert tree.currentIndex() == sidebar.model.find("Topics", "Edge")   # still current after the recount
    qtbot.keyClick(tree, Qt.Key_Down)
    qtbot.keyClick(tree, Qt.Key_Return, Qt.ControlModifier)             # Ctrl+Enter adds
    assert window.filter.text() == "topic:Edge topic:Mobile" and window.proxy.rowCount() == 3
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Edge") == "3", timeout=5000)
    qtbot.keyClick(tree, Qt.Key_Up)
    assert tree.currentIndex() == sidebar.model.find("Topics", "Edge")
    qtbot.keyClick(tree, Qt.Key_F, Qt.ControlModifier)                   # Ctrl+F: to the search box
    assert QApplication.focusWidget() is window.filter
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key_Escape)                                  # Escape: back to the table
    assert QApplication.focusWidget() is window.table


def test_ctrl_b_gives_the_list_the_keys_and_takes_them_back_to_the_table(window, qtbot):
    sidebar = show_browse(window, qtbot)
    assert QApplication.focusWidget() is sidebar.tree         # asked for: walk it at once
    qtbot.keyClick(sidebar.tree, Qt.Key_Down)
    qtbot.keyClick(sidebar.tree, Qt.Key_Down)
    assert sidebar.model.entry(sidebar.tree.currentIndex()).value == "Cloud"
    qtbot.keyClick(sidebar.tree, Qt.Key_B, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not sidebar.isVisible(), timeout=3000)
    assert QApplication.focusWidget() is window.table         # not the search box, where P would be typed
    qtbot.keyClick(window.table, Qt.Key_B, Qt.ControlModifier)
    qtbot.waitUntil(sidebar.isVisible, timeout=3000)
    assert QApplication.focusWidget() is sidebar.tree
    assert sidebar.model.entry(sidebar.tree.currentIndex()).value == "Cloud"   # where it was left
    window.filter.setFocus()
    sidebar.hide()                                             # the keys elsewhere: left where they are
    assert QApplication.focusWidget() is window.filter


def test_a_change_to_the_library_keeps_the_current_entry_and_closed_facets(window, qtbot):
    sidebar = show_browse(window, qtbot)
    tree = sidebar.tree
    tree.collapse(sidebar.model.find("Month"))
    click(qtbot, sidebar, where(sidebar, "Topics", "Mobile"))
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Cloud") == "0", timeout=5000)
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(0, 0))
    box = window.detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "Aardvark")     # a topic no article had: a new entry comes into the list
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.waitUntil(lambda: sidebar.model.find("Topics", "Aardvark").isValid(), timeout=5000)
    assert tree.currentIndex() == sidebar.model.find("Topics", "Mobile")
    assert tree.selectionModel().isSelected(sidebar.model.find("Topics", "Mobile"))
    assert not tree.isExpanded(sidebar.model.find("Month")) and tree.isExpanded(sidebar.model.find("Topics"))
    assert window.settings.value("browse/collapsed") == ["Month"]


def test_sort_by_name_from_the_lists_menu_is_kept(window, qtbot):
    sidebar = show_browse(window, qtbot)
    [by_name] = [a for a in sidebar.tree.actions() if a.text() == "Sort Values by Name"]
    by_name.trigger()
    topics = sidebar.model.find("Topics")
    qtbot.waitUntil(lambda: sidebar.model.index(0, NAME, topics).data() == LONG, timeout=5000)
    names = [sidebar.model.index(r, NAME, topics).data() for r in range(sidebar.model.rowCount(topics))]
    assert names == [LONG, "Cloud", "Data", "Edge", "Mobile", "Quantum"]
    assert window.settings.value("browse/sortBy") == "name"


def test_an_entry_says_in_full_what_it_is_and_what_a_click_does(window, qtbot):
    sidebar = show_browse(window, qtbot)
    long = sidebar.model.find("Topics", LONG)
    assert sidebar.tree.visualRect(long).width() < sidebar.tree.fontMetrics().horizontalAdvance(LONG)  # elided
    assert sidebar.tree.textElideMode() == Qt.ElideRight
    tip = long.data(Qt.ToolTipRole)
    assert tip.startswith(LONG + "\n1 article\n") and f'topic:"{LONG}"' in tip
    click(qtbot, sidebar, where(sidebar, "Topics", "Edge"))
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Cloud") == "0", timeout=5000)
    tip = sidebar.model.find("Topics", "Mobile").data(Qt.ToolTipRole)
    assert "3 of the 4 articles shown \u00b7 3 in the library" in tip
    assert "Ctrl+click: add it to the search" in tip
    assert sidebar.model.find("Topics").data() == "Topics (6)"      # the library's, however few are shown
    assert sidebar.model.find("Review").data() == "Review (1)" and count_of(sidebar, "Review", "new") == "4"


def test_the_model_passes_the_model_tester(window, qtbot, qtmodeltester):
    sidebar = show_browse(window, qtbot)
    qtmodeltester.check(sidebar.model)
    click(qtbot, sidebar, where(sidebar, "Providers", "Fabrikam"))
    qtbot.waitUntil(lambda: count_of(sidebar, "Providers", "Contoso") == "0", timeout=5000)
    qtmodeltester.check(sidebar.model)
    [by_name] = [a for a in sidebar.tree.actions() if a.text() == "Sort Values by Name"]
    by_name.trigger()                                  # a reset, under the tester's eye
    topics = sidebar.model.find("Topics")
    qtbot.waitUntil(lambda: sidebar.model.index(0, NAME, topics).data() == LONG, timeout=5000)
    qtmodeltester.check(sidebar.model)
    assert sidebar.model.entry(QModelIndex()) is None and sidebar.model.find("Nothing").isValid() is False
    assert sidebar.model.find("Providers", "Fabrikam").data(TERM_ROLE) == "provider=Fabrikam"


def test_the_switch_keeps_its_labels_and_widths(window, qtbot):
    buttons = window.state_buttons
    assert [b.text() for b in buttons] == ["All", "Unpublished", "Published"]
    widths, box = [b.width() for b in buttons], window.filter.width()
    qtbot.mouseClick(buttons[UNPUBLISHED], Qt.LeftButton)
    qtbot.mouseClick(buttons[0], Qt.LeftButton)
    qtbot.keyClick(window.table, Qt.Key_3, Qt.ControlModifier)
    qtbot.keyClick(window.table, Qt.Key_1, Qt.ControlModifier)
    assert [b.text() for b in buttons] == ["All", "Unpublished", "Published"]   # was "All Articles" once used
    assert [b.width() for b in buttons] == widths and window.filter.width() == box
    assert window.state_actions[0].text() == "&All Articles"                    # the View menu's, in full


def test_on_the_corpus_clicks_keep_the_list_in_place(qtbot, tmp_path):
    import shutil
    site = corpus_or_skip("azure", "site", "_news")
    folder = tmp_path / "site"
    shutil.copytree(site, folder)
    window = open_window(qtbot, folder, tmp_path / "config")
    sidebar = show_browse(window, qtbot)
    before = layout_seen(sidebar)
    topics = sidebar.model.find("Topics")
    for r in (3, 1, 5):      # a few topics down the list, as an editor tries one after another
        index = sidebar.model.index(r, NAME, topics)
        term, total = index.data(TERM_ROLE), sidebar.model.entry(index).total
        click(qtbot, sidebar, sidebar.tree.visualRect(index).center())
        assert window.filter.text() == term and window.proxy.rowCount() == total
        qtbot.waitUntil(lambda n=total: sidebar.model.shown_size == n, timeout=5000)
        assert index.siblingAtColumn(COUNT).data() == f"{total:,}"
        assert layout_seen(sidebar) == before


def test_another_folder_brings_its_own_entries_and_its_edits_count(window, qtbot, tmp_path):
    sidebar = show_browse(window, qtbot)
    other = tmp_path / "other"
    other.mkdir()
    for name in ("x1.md", "x2.md"):
        (other / name).write_text(f'---\ntitle: "{name}"\n\ntopics:\n  - Robots\n---\n', encoding="utf-8")
    sidebar.hide()                                 # the last model goes while the panel is away
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(other)
    sidebar.show()
    qtbot.waitUntil(lambda: sidebar.model.find("Topics", "Robots").isValid(), timeout=5000)
    assert not sidebar.model.find("Topics", "Cloud").isValid() and count_of(sidebar, "Topics", "Robots") == "2"
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(write_site(tmp_path / "third"))
    qtbot.waitUntil(lambda: sidebar.model.find("Topics", "Cloud").isValid(), timeout=5000)
    window.table.setFocus()
    window.table.setCurrentIndex(window.proxy.index(0, 0))
    box = window.detail.topic_input
    box.setFocus()
    qtbot.keyClicks(box, "Robots")   # an edit in this folder reaches the list
    qtbot.keyClick(box, Qt.Key_Return)
    qtbot.waitUntil(lambda: count_of(sidebar, "Topics", "Robots") == "1", timeout=5000)
