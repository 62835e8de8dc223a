"""The curation window driven through its real widgets; results checked on disk."""
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox, QStyle, QStyleOptionViewItem

from conftest import SEEDS
from gui_helpers import (
    activate,
    answer_add_topic,
    answer_message_boxes,
    open_window,
    select_title,
    when_modal,
    window_on_copy,
)
from newsdesk.core.document.edits import Insert, Set
from newsdesk.ui.filter_proxy import PUBLISHED_ONLY
from newsdesk.ui.qtcompat import carried
from newsdesk.ui.related_model import RelatedModel
from newsdesk.ui.table_model import PATH_ROLE, PUBLISHED, QUALITY, TITLE, ArticleTableModel

HYBRID = "003_60f60ea208535f03.txt"       # "The Future of AI Is Hybrid"
OPTICAL = "004_75c43cb57c59ee6c.txt"      # "The Future Of AI Training Demands Optical Interconnects"


@pytest.fixture(autouse=True)
def no_blocking_message_boxes(monkeypatch):
    return answer_message_boxes(monkeypatch)


@pytest.fixture
def window(qtbot, seeds_copy, tmp_path):
    return window_on_copy(qtbot, seeds_copy, tmp_path / "config")


def option_for(view, index):
    option = QStyleOptionViewItem()
    view.initViewItemOption(option) if hasattr(view, "initViewItemOption") else None
    option.rect = view.visualRect(index)
    option.features |= QStyleOptionViewItem.HasCheckIndicator
    option.rect.moveTo(0, 0)
    return option


def save(window, qtbot):
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)


def changed_files(window):
    return sorted(p.name for p in window.folder.iterdir() if p.read_bytes() != window.before.get(p.name))


def test_models_pass_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.proxy)
    window.detail.show_article(HYBRID)
    qtmodeltester.check(window.detail.related_model)


def test_empty_related_model_passes(qtbot, qtmodeltester, window):
    model = RelatedModel(window.session)
    qtmodeltester.check(model)
    assert isinstance(window.model, ArticleTableModel)


def test_opens_with_counts_and_title(window, qtbot):
    assert window.proxy.rowCount() == 5
    qtbot.waitUntil(lambda: "5 shown" in window.counts.text() and "5 unpublished" in window.counts.text())
    assert window.windowTitle().startswith("seeds")
    assert not window.isWindowModified()


def test_space_publishes_and_ctrl_s_writes_one_line(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Space)
    assert window.isWindowModified()
    assert "\u25cf" in window.table.currentIndex().siblingAtColumn(TITLE).data()
    qtbot.waitUntil(lambda: "1 unsaved" in window.counts.text())
    save(window, qtbot)
    assert changed_files(window) == [rel]
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(b"published: false", b"published: true")
    assert not window.isWindowModified()


def test_table_checkbox_and_inline_quality(window, qtbot):
    rel = select_title(window, qtbot, "Optical")
    index = window.table.currentIndex().siblingAtColumn(PUBLISHED)
    rect = window.table.visualRect(index)
    check = window.table.style().subElementRect(QStyle.SE_ItemViewItemCheckIndicator, option_for(window.table, index),
                                                window.table)
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, pos=rect.topLeft() + check.center())
    assert window.session.library.draft(rel).data["published"] is True
    quality = window.table.currentIndex().siblingAtColumn(QUALITY)
    window.table.setCurrentIndex(quality)
    qtbot.keyClick(window.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "88")
    qtbot.keyClick(editor, Qt.Key_Return)  # the delegate commits on the next event-loop turn
    qtbot.waitUntil(lambda: window.session.library.draft(rel).data["quality"] == 88)
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(
        b"published: false", b"published: true").replace(b"quality: 19", b"quality: 88")


def test_undo_redo_name_the_edit(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    undo = window.named_actions["undo"].text()
    assert undo.startswith("&Undo Publish") or "Publish" in undo
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.library.draft(rel).data["published"] is False
    assert not window.isWindowModified()
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.session.library.draft(rel).data["published"] is True


def test_quality_keys(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_Plus)
    qtbot.keyClick(window.table, Qt.Key_BracketRight)
    qtbot.keyClick(window.table, Qt.Key_Minus)
    assert window.session.library.draft(rel).data["quality"] == 21 + 1 + 10 - 1


def test_detail_published_and_quality(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    detail = window.detail
    qtbot.mouseClick(detail.published, Qt.LeftButton, pos=QPoint(8, detail.published.height() // 2))  # the box
    assert detail.published.isChecked()
    detail.quality.setFocus()
    detail.quality.selectAll()
    qtbot.keyClicks(detail.quality, "64")
    qtbot.keyClick(detail.quality, Qt.Key_Return)
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(
        b"published: false", b"published: true").replace(b"quality: 21", b"quality: 64")


@pytest.fixture
def parsed_elsewhere(monkeypatch):
    """Every article counts as big: the detail panel has it parsed in a worker process."""
    from newsdesk.core.indexing.pool import process_pool
    from newsdesk.ui import detail as detail_mod
    if process_pool() is None:
        pytest.skip("no worker processes on this machine: articles are parsed on the spot")
    monkeypatch.setattr(detail_mod, "READ_HERE_BELOW", 0)


def test_big_article_shows_at_once_and_whole_when_parsed_elsewhere(window, qtbot, parsed_elsewhere):
    from newsdesk.core.document.article import load_article
    select_title(window, qtbot, "Optical")  # Hybrid, the newest, was shown (parsed) at launch
    window.session.library._drafts.pop(HYBRID, None)
    rel = select_title(window, qtbot, "Hybrid")
    detail = window.detail
    # at once, from the index: title and state shown, editors off until the article is parsed
    assert detail.reading and detail.title.text() == "The Future of AI Is Hybrid"
    assert not detail.published.isEnabled() and not detail.related_box.isEnabled()
    assert "reading" in detail.related_box.title()
    assert detail.notice.isHidden()  # the index's values are not taken for wrong ones
    qtbot.waitUntil(lambda: not detail.reading, timeout=20000)
    related = load_article(window.folder / rel).data["related"]
    assert detail.related_model.rowCount() == len(related) > 0
    assert detail.published.isEnabled() and "reading" not in detail.related_box.title()
    qtbot.mouseClick(detail.published, Qt.LeftButton, pos=QPoint(8, detail.published.height() // 2))
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel].replace(b"published: false", b"published: true")


def test_a_parse_that_comes_back_late_does_not_replace_the_article_shown(window, qtbot, parsed_elsewhere):
    first = select_title(window, qtbot, "Hybrid")
    second = select_title(window, qtbot, "Optical")
    detail = window.detail
    qtbot.waitUntil(lambda: window.session.library.loaded(first) and not detail.reading, timeout=20000)
    assert detail.rel == second and "Optical" in detail.title.text()
    select_title(window, qtbot, "Hybrid")  # parsed meanwhile: shown whole at once
    assert not detail.reading and detail.related_model.rowCount() > 0


def test_an_unreadable_big_article_says_why_after_its_parse(window, qtbot, parsed_elsewhere):
    rel = select_title(window, qtbot, "Hybrid")
    window.table.setCurrentIndex(window.proxy.index(0, TITLE) if window.proxy.index(0, TITLE).data(PATH_ROLE) != rel
                                 else window.proxy.index(1, TITLE))
    window.session.library._drafts.pop(rel, None)
    (window.folder / rel).write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    select_title(window, qtbot, "Hybrid")
    qtbot.waitUntil(lambda: not window.detail.reading, timeout=20000)
    assert not window.detail.problem.isHidden() and "cannot be read" in window.detail.problem.text()
    assert not window.detail.published.isEnabled()


def test_topics_add_with_completion_remove_reorder(window, qtbot):
    rel = select_title(window, qtbot, "Optical")
    detail = window.detail
    assert "Microsoft AI" in detail.completer_model.stringList()
    qtbot.keyClick(window.table, Qt.Key_T)
    assert QApplication.focusWidget() is detail.topic_input
    qtbot.keyClicks(detail.topic_input, "Optical Networking")
    qtbot.keyClick(detail.topic_input, Qt.Key_Return)
    topics = window.session.library.draft(rel).data["topics"]
    assert topics[-1] == "Optical Networking"
    detail.topic_list.setFocus()
    detail.topic_list.setCurrentIndex(detail.topics_model.index(len(topics) - 1))
    qtbot.keyClick(detail.topic_list, Qt.Key_Up, Qt.AltModifier)
    assert window.session.library.draft(rel).data["topics"][-2] == "Optical Networking"
    detail.topic_list.setCurrentIndex(detail.topics_model.index(0))
    first = window.session.library.draft(rel).data["topics"][0]
    qtbot.keyClick(detail.topic_list, Qt.Key_Delete)
    expected = [t for t in topics if t != first]
    expected.remove("Optical Networking")
    expected.insert(len(expected) - 1, "Optical Networking")
    assert window.session.library.draft(rel).data["topics"] == expected
    save(window, qtbot)
    text = (window.folder / rel).read_text()
    assert "topics:\n" + "".join(f"  - {t}\n" for t in expected) + "\n" in text
    assert changed_files(window) == [rel]


def test_related_add_by_link_edit_move_remove(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    detail = window.detail
    n = len(window.session.library.draft(rel).data["related"])

    def fill(dialog):
        dialog.findChild(QLineEdit, "linkUrl").setText("https://www.example.org/story")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "linkTitle"), "An example story")
        dialog.buttons.button(QDialogButtonBox.Ok).click()
    when_modal(fill)
    detail.related_buttons[1][0].click()
    related = window.session.library.draft(rel).data["related"]
    assert len(related) == n + 1
    assert related[-1] == {"title": "An example story", "webUrl": "https://www.example.org/story",
                           "type": "article", "provider": {"name": "example.org", "domain": "example.org"}}
    activate(window, qtbot)
    view = detail.related_view
    view.setFocus()
    view.setCurrentIndex(detail.related_model.index(n, 0))
    qtbot.keyClick(view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "A better title")
    qtbot.keyClick(editor, Qt.Key_Return)
    qtbot.waitUntil(lambda: window.session.library.draft(rel).data["related"][-1]["title"] == "A better title")
    view.setCurrentIndex(detail.related_model.index(n, 0))
    qtbot.keyClick(view, Qt.Key_Up, Qt.AltModifier)
    assert window.session.library.draft(rel).data["related"][n - 1]["title"] == "A better title"
    save(window, qtbot)
    text = (window.folder / rel).read_text()
    assert ('  - title: "A better title"\n    webUrl: "https://www.example.org/story"\n    type: article\n'
            '    provider:\n      name: example.org\n      domain: example.org\n') in text
    view.setCurrentIndex(detail.related_model.index(n - 1, 0))
    qtbot.keyClick(view, Qt.Key_Delete)
    save(window, qtbot)
    assert (window.folder / rel).read_bytes() == window.before[rel]


def test_related_drag_and_drop_moves(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    model = window.detail.related_model
    first = window.session.library.draft(rel).data["related"][0]
    mime = model.mimeData([model.index(0, 0)])
    model.dropMimeData(mime, Qt.MoveAction, model.rowCount(), 0, model.index(-1, -1))
    assert window.session.library.draft(rel).data["related"][-1] == first
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.library.draft(rel).data["related"][0] == first


def test_related_from_library_fills_item(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")

    def pick(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "pickFilter"), "Optical")
        qtbot.keyClick(dialog.findChild(QLineEdit, "pickFilter"), Qt.Key_Return)
        dialog.buttons.button(QDialogButtonBox.Ok).click()
    when_modal(pick)
    window.detail.related_buttons[1][1].click()
    item = window.session.library.draft(rel).data["related"][-1]
    other = window.session.library.draft(OPTICAL).data
    assert item["title"] == other["title"] and item["webUrl"] == other["webUrl"]
    assert item["provider"] == {"name": other["provider"]["name"], "domain": other["provider"]["domain"]}
    assert item["quality"] == other["quality"] and item.get("images") == other.get("images")
    assert list(item)[:3] == ["title", "excerpt", "publishedDateTime"]
    save(window, qtbot)
    text = (window.folder / rel).read_text()
    assert f'  - title: "{other["title"]}"\n    excerpt: "' in text


def test_bulk_actions(window, qtbot, monkeypatch):
    window.table.selectAll()
    qtbot.keyClick(window.table, Qt.Key_P)
    assert all(window.session.library.draft(r.path).data["published"] for r in window.session.library.rows)
    assert window.named_actions["undo"].text().endswith("Publish 5 articles")
    from PySide6.QtWidgets import QInputDialog
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (70, True))
    window.named_actions["set_quality"].trigger()
    answer_add_topic(qtbot, "Data Centers")
    window.named_actions["add_topic"].trigger()
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: ("AI", True))
    window.named_actions["remove_topic"].trigger()
    save(window, qtbot)
    for rel in window.before:
        data = window.session.library.draft(rel).data
        assert data["published"] is True and data["quality"] == 70
        assert data["topics"][-1] == "Data Centers" and "AI" not in data["topics"]
        text = (window.folder / rel).read_text()
        assert "published: true\n" in text and "quality: 70\n" in text and "  - Data Centers\n\n" in text
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)   # undo "remove topic" for all five at once
    assert all("AI" in window.session.library.draft(r).data["topics"] for r in window.before)


def test_filter_and_switch(window, qtbot):
    qtbot.keyClick(window.table, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is window.filter
    qtbot.keyClicks(window.filter, "hybrid")
    assert window.proxy.rowCount() == 1
    qtbot.waitUntil(lambda: "1 shown" in window.counts.text())
    window.filter.clear()
    qtbot.keyClicks(window.filter, "venturebeat")  # provider
    assert window.proxy.rowCount() == 1
    window.filter.clear()
    qtbot.mouseClick(window.state_buttons[PUBLISHED_ONLY], Qt.LeftButton)
    assert window.proxy.rowCount() == 0
    qtbot.keyClick(window.filter, Qt.Key_1, Qt.ControlModifier)
    assert window.proxy.rowCount() == 5


def test_sort_by_clicking_header(window, qtbot):
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(QUALITY) + header.sectionSize(QUALITY) // 2
    qtbot.mouseClick(header.viewport(), Qt.LeftButton, pos=QPoint(x, 5))
    values = [int(window.proxy.index(r, QUALITY).data()) for r in range(5)]
    assert values == sorted(values) or values == sorted(values, reverse=True)


def test_columns_and_layout_are_remembered(qtbot, seeds_copy, tmp_path):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    window.set_column_visible(QUALITY, False)
    window.table.horizontalHeader().resizeSection(TITLE, 222)
    window.close()
    again = open_window(qtbot, seeds_copy, tmp_path / "config")
    header = again.table.horizontalHeader()
    assert header.isSectionHidden(QUALITY) and header.sectionSize(TITLE) == 222
    s = QSettings(QSettings.IniFormat, QSettings.UserScope, "Newsdesk", "Newsdesk")
    assert s.value("lastFolder") == str(seeds_copy.resolve())
    again.recent_menu.aboutToShow.emit()  # as File > Open Recent does when it opens
    assert str(seeds_copy.resolve()) in [a.text() for a in again.recent_menu.actions()]


def test_close_with_unsaved_edits_asks(qtbot, seeds_copy, tmp_path, monkeypatch):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    qtbot.keyClick(window.table, Qt.Key_P)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    assert not window.close()
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Save)
    assert window.close()
    after = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    assert sum(before[n] != after[n] for n in before) == 1


def test_revert_selected(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    window.named_actions["revert"].trigger()
    assert not window.session.library.is_dirty(rel)
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.session.library.is_dirty(rel)


def test_picture_loads_from_cache_or_says_why_not(window, qtbot, tmp_path):
    from local_http import serving
    image = QImage(64, 32, QImage.Format_RGB32)
    image.fill(Qt.red)
    png = tmp_path / "pic.png"
    image.save(str(png))
    rel = select_title(window, qtbot, "Hybrid")
    with serving({"/pic.png": png.read_bytes()}) as (base, _):
        data = window.session.library.preview(rel, Set(("images",), [{"url": f"{base}/pic.png"}]))
        window.session.push("picture", {rel: (window.session.library.draft(rel).data, data)})
        qtbot.waitUntil(lambda: window.detail.image.pixmap() is not None
                        and not window.detail.image.pixmap().isNull(), timeout=5000)
    data = window.session.library.preview(rel, Set(("images",), [{"url": "http://127.0.0.1:9/none.png"}]))
    window.session.push("picture", {rel: (window.session.library.draft(rel).data, data)})
    qtbot.waitUntil(lambda: "Picture unavailable" in window.detail.image.toolTip(), timeout=15000)
    assert window.detail.image.isHidden()  # no box for a picture that is not there


def test_unreadable_article_is_listed_not_fatal(qtbot, seeds_copy, tmp_path, monkeypatch, qtmodeltester):
    (seeds_copy / "broken.md").write_bytes(b"---\ntitle: [\n---\n")
    (seeds_copy / "nofront.md").write_bytes(b"just text\n")
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    assert window.proxy.rowCount() == 5
    assert len(window.session.library.problems) == 2
    assert "2 files could not be read" in window.statusBar().currentMessage()
    dock = window.problems
    assert dock.isVisible() and dock.windowTitle() == "Problems (2)"
    qtmodeltester.check(dock.model)
    lines = sorted(dock.model.index(r).data() for r in range(dock.model.rowCount()))
    assert lines[0].startswith("broken.md:2 \u2014 invalid YAML")
    assert lines[1].startswith("nofront.md:1 \u2014 no front matter")
    from PySide6.QtGui import QDesktopServices
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    first = dock.model.index(0)
    rect = dock.view.visualRect(first)
    qtbot.mouseClick(dock.view.viewport(), Qt.LeftButton, pos=rect.center())  # a real double-click
    qtbot.mouseDClick(dock.view.viewport(), Qt.LeftButton, pos=rect.center())  # starts with a press
    assert opened and opened[0].endswith(".md")
    window.open_path(seeds_copy / "000_6e2a0c9c78a5bcbb.txt")  # another library: the list starts over
    assert not dock.isVisible() and dock.model.rowCount() == 0


def test_keyboard_shortcuts_dialog_lists_the_triage_keys(window, qtbot):
    from newsdesk.ui.shortcuts import shortcut_rows
    rows = shortcut_rows(window.shortcut_actions())
    does = {r[2]: r[1] for r in rows}
    assert does["Publish"] == "P" and does["Toggle Published"] == "Space"
    assert "Ctrl+S" in does["Save"] and "Ctrl+Z" in does["Undo"]
    assert any("Related" in r[0] for r in rows)


@pytest.mark.skipif(os.name == "nt", reason="a shell script stands in for git")
def test_smoke_command_loads_the_seeds_and_waits_for_git(tmp_path):
    # The installers' child-environment check needs the git look to have run before the
    # smoke run ends (it starts a turn after the rows are in).
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(f"#!/bin/sh\ntouch {tmp_path / 'git-ran'}\nexit 1\n")
    (fake / "git").chmod(0o755)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PATH=f"{fake}{os.pathsep}{os.environ['PATH']}")
    r = subprocess.run([sys.executable, "-m", "newsdesk", "--smoke", str(SEEDS)], capture_output=True, text=True,
                       timeout=120, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "loaded 5 articles"
    assert (tmp_path / "git-ran").exists()


def test_loading_can_be_cancelled(qtbot, seeds_copy, tmp_path):
    from newsdesk.core.indexing.pool import BATCH
    from newsdesk.core.library.library import Library
    from newsdesk.ui.loader import FolderLoader
    for n in range(3 * BATCH):
        (seeds_copy / f"copy{n}.txt").write_bytes((seeds_copy / "000_6e2a0c9c78a5bcbb.txt").read_bytes())
    library = Library(seeds_copy)
    loader = FolderLoader(library)
    got = []
    loader.signals.batch.connect(lambda rows, problems, texts: (got.extend(rows), loader.cancel()))
    with qtbot.waitSignal(loader.signals.finished, timeout=20000) as finished:
        loader.start()
    assert finished.args == [False]
    assert 0 < len(got) < 3 * BATCH


def test_loading_hands_rows_over_in_turns_and_finishes_after_the_last(qtbot, seeds_copy, monkeypatch):
    from newsdesk.core.library.library import Library
    from newsdesk.ui import loader as loader_mod
    monkeypatch.setattr(loader_mod, "HAND_OVER_ROWS", 2)  # the five seeds stand in for thousands
    monkeypatch.setattr(loader_mod, "LAST_TURN_ROWS", 2)
    loader = loader_mod.FolderLoader(Library(seeds_copy))
    turns, events = [], []
    loader.signals.batch.connect(lambda rows, problems, texts: (turns.append([r.path for r in rows]),
                                                                events.append("batch"),
                                                                assertions(rows, texts)))
    loader.signals.finished.connect(lambda complete: events.append(("finished", complete)))

    def assertions(rows, texts):
        assert len(texts) == len(rows)  # each row keeps its own search text (None: the view makes it)
        assert all(text is None or row.title.casefold() in text for row, text in zip(rows, texts, strict=True))
    with qtbot.waitSignal(loader.signals.finished, timeout=20000):
        loader.start()
    assert [len(t) for t in turns] == [2, 2, 1]
    assert sorted(p for t in turns for p in t) == sorted(p.name for p in seeds_copy.iterdir())
    assert events[-1] == ("finished", True) and events.count(("finished", True)) == 1
    assert not loader.running


def test_once_every_row_is_read_the_rest_is_handed_over_in_one_turn(qtbot, seeds_copy, monkeypatch):
    """A warm folder is read in ~0.1 s: its rows must not wait for the next turn's timer."""
    from newsdesk.core.library.library import Library
    from newsdesk.ui import loader as loader_mod
    monkeypatch.setattr(loader_mod, "FIRST_BATCH", 2)
    monkeypatch.setattr(loader_mod, "BATCH", 2)
    monkeypatch.setattr(loader_mod, "HAND_OVER_ROWS", 2)
    monkeypatch.setattr(loader_mod, "NEXT_TURN_MS", 60_000)  # only the end of the reading hands the rest over
    library = Library(seeds_copy)
    library.read_elsewhere = lambda paths: None  # read here: no worker processes for five files
    loader = loader_mod.FolderLoader(library)
    turns = []
    loader.signals.batch.connect(lambda rows, problems, texts: turns.append(len(rows)))
    with qtbot.waitSignal(loader.signals.finished, timeout=20000):
        loader.start()
    assert turns == [2, 3]


def test_a_folder_the_cache_knows_whole_comes_in_one_turn(qtbot, seeds_copy, tmp_path, monkeypatch):
    """What the cache gives within HOLD_MS goes over together: a warm folder is laid out,
    painted and its first article selected once, not for its first rows and again for
    the rest. Cold, the first rows still come at once; past HOLD_MS, as they come."""
    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.library.library import Library
    from newsdesk.ui import loader as loader_mod
    for name, value in (("FIRST_BATCH", 2), ("BATCH", 2), ("HAND_OVER_ROWS", 2), ("NEXT_TURN_MS", 60_000)):
        monkeypatch.setattr(loader_mod, name, value)

    def load() -> list[list[str]]:
        library = Library(seeds_copy, IndexCache(tmp_path / "c.sqlite3"))
        library.read_elsewhere = lambda paths: None
        loader = loader_mod.FolderLoader(library)
        turns = []
        loader.signals.batch.connect(lambda rows, problems, texts: turns.append(sorted(r.path for r in rows)))
        with qtbot.waitSignal(loader.signals.finished, timeout=20000) as finished:
            loader.start()
        assert finished.args == [True]
        return turns
    every = sorted(p.name for p in seeds_copy.iterdir())
    cold = load()
    assert len(cold[0]) == 2 and sorted(sum(cold, [])) == every  # the first rows at once, then the rest
    assert load() == [every]  # warm: one turn, though a turn is two rows while more may come
    monkeypatch.setattr(loader_mod, "HOLD_MS", 0)
    warm_late = load()
    assert len(warm_late[0]) == 2 and sorted(sum(warm_late, [])) == every


def test_rows_the_cache_has_are_not_sent_to_the_workers(qtbot, seeds_copy, tmp_path, monkeypatch):
    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.library.library import Library
    from newsdesk.ui import loader as loader_mod
    template = (seeds_copy / "001_f48116ce7d4fff05.txt").read_bytes()
    for n in range(20):
        (seeds_copy / f"x{n:02d}.md").write_bytes(template.replace(b"quality: 69", f"quality: {n}".encode()))
    monkeypatch.setattr(loader_mod, "FIRST_BATCH", 5)
    monkeypatch.setattr(loader_mod, "BATCH", 4)

    def load(library):
        sent, rows = [], []
        real = library.read_elsewhere
        library.read_elsewhere = lambda paths: (sent.extend(paths), real(paths))[1]
        loader = loader_mod.FolderLoader(library)
        loader.signals.batch.connect(lambda got, problems, texts: rows.extend(
            (r.path, r.quality, text is None or r.title.casefold() in text)  # None: the view makes it
            for r, text in zip(got, texts, strict=True)))
        with qtbot.waitSignal(loader.signals.finished, timeout=20000):
            loader.start()
        return sent, sorted(rows)
    cold_sent, cold = load(Library(seeds_copy, IndexCache(tmp_path / "c.sqlite3")))
    assert len(cold_sent) == 20  # all but the first batch: read elsewhere
    (seeds_copy / "x07.md").write_bytes(template.replace(b"quality: 69", b"quality: 77"))
    warm_sent, warm = load(Library(seeds_copy, IndexCache(tmp_path / "c.sqlite3")))
    assert [os.path.basename(p) for p in warm_sent] == ["x07.md"]  # only the file that changed
    assert warm == [(p, 77, t) if p == "x07.md" else (p, q, t) for p, q, t in cold]
    assert len(warm) == 25


def test_cells_are_painted_from_the_same_values_data_gives(window, qtbot):
    """The views ask the proxy for all roles of a cell at once (multiData): what the
    delegate paints from must be what data() says, through a filter and for edited rows."""
    from PySide6.QtWidgets import QStyledItemDelegate
    select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)  # an unsaved edit: its title is marked and italic
    qtbot.keyClicks(window.filter, "future")
    assert window.proxy.rowCount() == 2
    delegate = QStyledItemDelegate()
    for r in range(window.proxy.rowCount()):
        for c in range(window.proxy.columnCount()):
            index = window.proxy.index(r, c)
            option = QStyleOptionViewItem()
            delegate.initStyleOption(option, index)
            assert option.text == (index.data(Qt.DisplayRole) or "")
            assert option.font.italic() == (index.data(PATH_ROLE) == HYBRID)
            if c == PUBLISHED:
                assert option.checkState == index.data(Qt.CheckStateRole)
            if c == QUALITY:
                assert option.displayAlignment & Qt.AlignRight
    hybrid = next(window.proxy.index(r, TITLE) for r in range(2) if window.proxy.index(r, 0).data(PATH_ROLE) == HYBRID)
    option = QStyleOptionViewItem()
    delegate.initStyleOption(option, hybrid)
    assert option.text.startswith("\u25cf ")  # the unsaved mark, as painted
    assert window.proxy.flags(window.proxy.index(0, PUBLISHED)) & Qt.ItemIsUserCheckable


def test_edits_move_rows_in_and_out_of_the_filter(window, qtbot):
    from newsdesk.ui.filter_proxy import UNPUBLISHED
    window.set_state(UNPUBLISHED)
    assert window.proxy.rowCount() == 5
    select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)            # published: no longer matches, stays till refreshed
    assert window.proxy.rowCount() == 5 and window.proxy.stale_count() == 1
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.proxy.rowCount() == 5 and window.proxy.stale_count() == 0   # it matches again
    qtbot.keyClick(window.table, Qt.Key_P)
    window.proxy.refresh()                             # now it leaves the Unpublished view
    assert window.proxy.rowCount() == 4 and window.proxy.stale_count() == 0
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.proxy.rowCount() == 5                # matches again: back in view
    window.set_state(0)
    qtbot.keyClicks(window.filter, "zebra")
    assert window.proxy.rowCount() == 0
    rel = "003_60f60ea208535f03.txt"
    window.session.edit("topic", [rel], Insert(("topics",), 0, "Zebra Crossing"))
    assert window.proxy.rowCount() == 1                # a new topic makes it match
    window.table.sortByColumn(3, Qt.AscendingOrder)    # a re-sort keeps the decision
    assert window.proxy.rowCount() == 1


def test_big_filter_change_resets_once_and_keeps_current(window, qtbot, monkeypatch):
    from newsdesk.ui import filter_proxy
    monkeypatch.setattr(filter_proxy, "RESET_ABOVE", 2)   # the seeds stand in for a big site
    rel = select_title(window, qtbot, "Hybrid")
    resets = []
    window.proxy.modelReset.connect(lambda: resets.append(1))
    window.filter.setText("future")
    assert window.proxy.rowCount() == 2 and resets == [1]
    assert window.table.currentIndex().data(PATH_ROLE) == rel
    window.filter.setText("optical")
    assert window.proxy.rowCount() == 1 and window.detail.rel == window.table.currentIndex().data(PATH_ROLE)


def test_typing_on_keeps_exactly_what_a_fresh_search_keeps(window, qtbot, monkeypatch):
    """Narrowing looks only at the rows the last words kept, for the new words only:
    every step must equal the same search typed at once."""
    from newsdesk.ui import filter_proxy
    monkeypatch.setattr(filter_proxy, "RESET_ABOVE", 2)  # the big-site path, on the seeds
    fresh = filter_proxy.ArticleFilter()
    fresh.setSourceModel(window.model)

    def shown(proxy):
        return [proxy.index(r, TITLE).data(PATH_ROLE) for r in range(proxy.rowCount())]
    window.set_state(filter_proxy.UNPUBLISHED)
    fresh.set_state(filter_proxy.UNPUBLISHED)
    for text in ("a", "ai", "ai f", "ai fu", "ai future", "ai future hyb", "ai future", "future ai t",
                 "futur ai tr", ""):
        window.proxy.set_text(text)
        fresh.set_text("")
        fresh.set_text(text)
        assert shown(window.proxy) == shown(fresh), text
    window.proxy.set_text("the")
    assert 0 < window.proxy.rowCount() < 5


def test_filtered_view_follows_sorts_edits_and_disk_under_the_model_tester(window, qtbot, qtmodeltester):
    from PySide6.QtTest import QAbstractItemModelTester
    QAbstractItemModelTester(window.proxy, QAbstractItemModelTester.FailureReportingMode.Fatal, window)
    window.filter.setText("future")
    qtmodeltester.check(window.proxy)
    def titles():
        return [window.proxy.index(r, TITLE).data() for r in range(window.proxy.rowCount())]
    assert len(titles()) == 2
    rel = select_title(window, qtbot, "Optical")
    window.table.sortByColumn(TITLE, Qt.DescendingOrder)
    assert titles() == sorted(titles(), key=str.casefold, reverse=True)
    assert window.table.currentIndex().data(PATH_ROLE) == rel  # the sort kept the current article
    window.session.edit("retitle", [rel], Set(("title",), "Optical links, not the future"))
    assert window.proxy.rowCount() == 2 and window.table.currentIndex().data(PATH_ROLE) == rel
    window.session.edit("retitle", [rel], Set(("title",), "Optical links"))
    assert window.proxy.rowCount() == 2 and window.proxy.stale_count() == 1   # kept, greyed
    qtmodeltester.check(window.proxy)
    window.proxy.refresh()
    assert window.proxy.rowCount() == 1
    window.filter.setText("")
    assert window.proxy.rowCount() == 5
    qtmodeltester.check(window.proxy)


def test_search_language_in_the_filter_box(window, qtbot):
    activate(window, qtbot)
    window.filter.setFocus()
    qtbot.keyClicks(window.filter, "topic:AI quality>=50")
    shown = {window.proxy.index(r, TITLE).data() for r in range(window.proxy.rowCount())}
    assert shown and all(int(window.proxy.index(r, QUALITY).data()) >= 50 for r in range(window.proxy.rowCount()))
    n = window.proxy.rowCount()
    qtbot.keyClicks(window.filter, " (")          # a mistake: shown in place, the filter stays
    assert window.proxy.rowCount() == n
    assert window.search.error_action.isVisible() and "parenthesis" in window.search.error.text()
    assert "border" in window.filter.styleSheet()
    qtbot.keyClicks(window.filter, "hybrid OR optical)")
    assert not window.search.error_action.isVisible() and window.filter.styleSheet() == ""
    titles = {window.proxy.index(r, TITLE).data() for r in range(window.proxy.rowCount())}
    assert titles <= shown and all("Hybrid" in t or "Optical" in t for t in titles)


def test_sort_in_steps_ends_sorted_even_with_an_edit_midway(window, qtbot):
    model = window.model
    model.sort_column, model.sort_order = QUALITY, Qt.AscendingOrder
    model.view.reorder(list(range(len(model.view)))[::-1])  # the view's order: the library's rows stay
    model.resort_in_steps(chunk=2)                      # three turns of keys, then the order
    rel = model.view.rows[0].path
    window.session.edit("bump", [rel], Set(("quality",), 999))   # meanwhile: must sort last
    qtbot.waitUntil(lambda: model._sorting is None, timeout=5000)
    qualities = [model.view.rows[n].quality for n in range(5)]
    assert qualities == sorted(qualities) and qualities[-1] == 999
    qtmodel_rows = [window.proxy.index(r, QUALITY).data() for r in range(5)]
    assert qtmodel_rows == [str(q) for q in qualities]


def test_big_save_shows_progress_and_can_stop(window, qtbot, monkeypatch):
    from newsdesk.ui import saving
    monkeypatch.setattr(saving, "SAVE_PROGRESS_ABOVE", 2)
    window.table.selectAll()
    qtbot.keyClick(window.table, Qt.Key_P)
    assert len(window.session.library.dirty()) == 5
    seen = []
    original = window.saving.progress

    def stopping():
        progress = original()

        def step(done, total):
            seen.append((done, total))
            return progress(done, total) if done < 2 else False   # "Stop" after two
        return step
    monkeypatch.setattr(window.saving, "progress", stopping)
    save(window, qtbot)
    assert seen[:3] == [(0, 5), (1, 5), (2, 5)]
    assert len(window.session.library.dirty()) == 3 and window.isWindowModified()
    assert len(changed_files(window)) == 2          # two whole files written, the rest untouched
    assert "still unsaved" in window.statusBar().currentMessage()


def test_saved_searches_are_kept_and_run(window, qtbot, monkeypatch):
    window.sidebar.show()
    window.filter.setText("quality>=50")
    window._apply_filter()
    monkeypatch.setattr("newsdesk.ui.sidebar.QInputDialog.getText", lambda *a, **k: ("Good ones", True))
    qtbot.mouseClick(window.sidebar.save_button, Qt.LeftButton)
    assert window.sidebar.saved.count() == 1 and window.sidebar.saved.item(0).text() == "Good ones"  # the hint went
    window.filter.setText("")
    window._apply_filter()
    assert window.proxy.rowCount() == 5
    rect = window.sidebar.saved.visualItemRect(window.sidebar.saved.item(0))
    qtbot.mouseClick(window.sidebar.saved.viewport(), Qt.LeftButton, pos=rect.center())
    assert window.filter.text() == "quality>=50" and window.proxy.rowCount() < 5
    assert window.settings.value("savedSearches") == [["Good ones", "quality>=50"]]


def test_topic_manager_merges_as_one_undoable_step(window, qtbot, monkeypatch):
    from newsdesk.ui.topics import TopicManager
    manager = TopicManager(window.session, window)
    qtbot.addWidget(manager)
    rows = {manager.table.item(r, 0).text(): r for r in range(manager.table.rowCount())}
    assert manager.table.item(rows["AI"], 1).data(Qt.DisplayRole) == 5
    first = manager.table.visualItemRect(manager.table.item(rows["AWS AI"], 0)).center()
    second = manager.table.visualItemRect(manager.table.item(rows["Microsoft AI"], 0)).center()
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton, pos=first)
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton, Qt.ControlModifier, pos=second)
    assert sorted(manager.selected()) == ["AWS AI", "Microsoft AI"]
    assert manager.merge_button.isEnabled() and not manager.rename_button.isEnabled()
    monkeypatch.setattr(manager, "_ask_name", lambda *a: "Cloud AI")
    qtbot.mouseClick(manager.merge_button, Qt.LeftButton)
    topics = window.session.library.topics()
    assert "AWS AI" not in topics and "Microsoft AI" not in topics and topics["Cloud AI"] >= 1
    assert window.session.undo_stack.count() == 1 and "Merge 2 topics" in window.session.undo_stack.text(0)
    window.session.undo_stack.undo()
    assert "Cloud AI" not in window.session.library.topics() and not window.session.library.dirty()
    window.session.undo_stack.redo()
    save(window, qtbot)
    assert any(b"  - Cloud AI\n" in p.read_bytes() for p in window.folder.iterdir())


def test_suggested_related_link_is_added_with_a_double_click(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    box = window.detail.suggestions
    assert not box.list.isVisibleTo(window)           # nothing is computed until asked for
    qtbot.mouseClick(box.start_button, Qt.LeftButton)
    def suggested(n):
        return carried(box.list.item(n).data(Qt.UserRole + 1))
    qtbot.waitUntil(lambda: box.list.count() > 0 and bool(suggested(0)), timeout=10000)
    other = suggested(0)
    assert other != rel
    before = len(window.session.library.draft(rel).data.get("related", []))
    rect = box.list.visualItemRect(box.list.item(0))
    qtbot.mouseClick(box.list.viewport(), Qt.LeftButton, pos=rect.center())
    qtbot.mouseDClick(box.list.viewport(), Qt.LeftButton, pos=rect.center())
    related = window.session.library.draft(rel).data["related"]
    assert len(related) == before + 1
    url = window.session.library.draft(other).data["webUrl"]
    assert related[-1]["webUrl"] == url
    qtbot.waitUntil(lambda: all(suggested(i) != other for i in range(box.list.count())),
                    timeout=5000)  # an added article is no longer suggested
    save(window, qtbot)
    assert url.encode() in (window.folder / rel).read_bytes()


def test_related_link_to_itself_is_flagged(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    own = window.session.library.draft(rel).data["webUrl"]
    window.session.edit("self link", [rel], Insert(("related",), 0,
                        {"title": "Me again", "webUrl": own.rstrip("/") + "/"}))
    model = window.detail.related_model
    assert model.index(0, 0).data().startswith("\u26a0") and "itself" in model.index(0, 0).data(Qt.ToolTipRole)
    assert "to check" in window.detail.related_box.title()


def test_duplicates_are_grouped_and_unpublished_in_one_step(qtbot, seeds_copy, tmp_path):
    import shutil
    text = (seeds_copy / HYBRID).read_bytes().replace(b"published: false", b"published: true")
    (seeds_copy / HYBRID).write_bytes(text)
    shutil.copy(seeds_copy / HYBRID, seeds_copy / "zz_copy_of_hybrid.txt")   # the same story twice
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    from newsdesk.ui.duplicates import DuplicatesDialog
    dialog = DuplicatesDialog(window.session, window, show_in_table=window.show_article)
    qtbot.addWidget(dialog)
    assert dialog.tree.topLevelItemCount() == 1
    group = dialog.tree.topLevelItem(0)
    assert sorted(group.child(i).text(4) for i in range(group.childCount())) == [HYBRID, "zz_copy_of_hybrid.txt"]
    qtbot.mouseClick(dialog.keep_first_button, Qt.LeftButton)
    chosen = dialog.selected_rels()
    assert len(chosen) == 1
    qtbot.mouseClick(dialog.unpublish_button, Qt.LeftButton)
    assert window.session.library.draft(chosen[0]).data["published"] is False
    assert window.session.undo_stack.count() == 1
    dialog._show(dialog.tree.topLevelItem(0).child(0))
    assert window.table.currentIndex().data(PATH_ROLE) == dialog.tree.topLevelItem(0).child(0).text(4)


def test_topic_search_follows_an_edit(window, qtbot):
    window.filter.setText("topic:Zebra")
    window._apply_filter()
    assert window.proxy.rowCount() == 0
    window.session.edit("topic", [HYBRID], Insert(("topics",), 0, "Zebra"))
    assert window.proxy.rowCount() == 1            # the index of topics follows edits
    window.session.undo_stack.undo()
    assert window.proxy.rowCount() == 1 and window.proxy.stale_count() == 1   # kept till refreshed
    window.proxy.refresh()
    assert window.proxy.rowCount() == 0


def test_opening_another_folder_lets_the_last_one_go(window, qtbot, tmp_path):
    """The old session, model and loader were the window's children: every folder opened
    stayed in memory with all its rows until the window closed."""
    import gc
    import shutil
    import weakref
    old_library = weakref.ref(window.session.library)
    old_model = weakref.ref(window.model)
    rows = window.session.library.rows
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(window.folder / HYBRID, other / HYBRID)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(other)
    assert rows == [] and window.proxy.rowCount() == 1  # the old rows are dropped at once
    qtbot.wait(50)  # Qt deletes the old objects in the event loop
    gc.collect()
    assert old_library() is None and old_model() is None
    select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    save(window, qtbot)
    assert (other / HYBRID).read_bytes() == window.before[HYBRID].replace(b"published: false", b"published: true")


def test_load_remote_pictures_is_a_remembered_view_choice(qtbot, seeds_copy, tmp_path):
    from PySide6.QtWidgets import QMenu
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    action = window.named_actions["remote_pictures"]
    assert action.isCheckable() and action.isChecked()          # default: pictures are fetched
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view, QMenu) and action in view.actions()
    view.popup(window.mapToGlobal(QPoint(40, 40)))
    qtbot.waitExposed(view)
    qtbot.mouseClick(view, Qt.LeftButton, pos=view.actionGeometry(action).center())
    assert not action.isChecked()
    window.settings.sync()
    from pathlib import Path
    text = Path(window.settings.fileName()).read_text(encoding="utf-8")
    assert "[pictures]\nremote=false\n" in text
    window.close()
    again = open_window(qtbot, seeds_copy, tmp_path / "config")
    assert not again.named_actions["remote_pictures"].isChecked()


def test_the_table_columns_come_from_the_column_table(window):
    from newsdesk.ui.columns import TABLE
    header = window.table.horizontalHeader()
    assert [window.proxy.headerData(n, Qt.Horizontal) for n in range(header.count())] == [c.title for c in TABLE]
    for n, column in enumerate(TABLE):
        assert window.proxy.headerData(n, Qt.Horizontal, Qt.ToolTipRole) == (column.tooltip or column.title)
        assert window.proxy.flags(window.proxy.index(0, n)) == column.flags
        if not header.isSectionHidden(n):
            assert header.sectionSize(n) == column.width   # no layout remembered yet: the defaults
    assert header.isSectionHidden(next(n for n, c in enumerate(TABLE) if c.shown_when == "git"))  # no work tree


def test_arrow_keys_move_the_current_article_and_the_panel_follows(window, qtbot):
    first = window.table.currentIndex()
    assert first.row() == 0 and window.detail.rel == first.data(PATH_ROLE)
    qtbot.keyClick(window.table, Qt.Key_Down)
    assert window.detail.rel == window.proxy.index(1, TITLE).data(PATH_ROLE) == window.selected_rels()[0]
    qtbot.keyClick(window.table, Qt.Key_PageDown)
    last = window.proxy.index(window.proxy.rowCount() - 1, TITLE).data(PATH_ROLE)
    assert window.detail.rel == last and window.selected_rels() == [last]
    qtbot.keyClick(window.table, Qt.Key_Up)
    assert window.detail.rel == window.proxy.index(3, TITLE).data(PATH_ROLE)


def test_a_layout_saved_with_other_columns_gives_way_to_the_defaults(qtbot, seeds_copy, tmp_path):
    """Adding a column is one entry in the column table: a header saved before it is not
    forced onto the new set of columns (Qt would misplace every section)."""
    from newsdesk.ui.columns import TABLE
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    window.table.horizontalHeader().resizeSection(TITLE, 222)
    window.close()
    s = QSettings(QSettings.IniFormat, QSettings.UserScope, "Newsdesk", "Newsdesk")
    assert s.value("table/headerColumns") == ",".join(c.key for c in TABLE)
    s.setValue("table/headerColumns", "published,quality,title")
    s.sync()
    again = open_window(qtbot, seeds_copy, tmp_path / "config")
    assert again.table.horizontalHeader().sectionSize(TITLE) == TABLE[TITLE].width


def test_topic_manager_rename_into_a_completed_name_takes_one_return(window, qtbot):
    from PySide6.QtWidgets import QCompleter, QLineEdit

    from newsdesk.ui.topics import TopicManager
    manager = TopicManager(window.session, window)
    qtbot.addWidget(manager)
    rows = {manager.table.item(r, 0).text(): r for r in range(manager.table.rowCount())}
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton,
                     pos=manager.table.visualItemRect(manager.table.item(rows["AWS AI"], 0)).center())
    seen = {}

    def type_and_return(dialog):
        edit = dialog.findChild(QLineEdit)
        edit.selectAll()
        qtbot.keyClicks(edit, "Microsoft A")  # an existing topic: its completion pops up
        popup = dialog.findChild(QCompleter).popup()
        seen["popup"] = popup.isVisible()
        qtbot.keyClick(popup, Qt.Key_Down)
        qtbot.keyClick(popup, Qt.Key_Return)  # where Return goes while the list is up

        def look():
            seen["still_open"] = dialog.isVisible()
            dialog.reject()  # (a no-op once accepted; else the test would wait for ever)
        QTimer.singleShot(50, look)

    when_modal(type_and_return)
    qtbot.mouseClick(manager.rename_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "still_open" in seen)
    assert seen == {"popup": True, "still_open": False}
    topics = window.session.library.topics()
    assert "AWS AI" not in topics and topics["Microsoft AI"] >= 1
