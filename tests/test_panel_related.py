"""Related links: room for the list, the picture only when there is one, the picker over
the library's search, URLs that fill from the library, duplicates refused in the dialog."""
import http.server
import threading

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from gui_helpers import select_title, when_modal
from newsdesk.core.document.edits import Insert, Set
from newsdesk.core.editorial.related import url_of
from newsdesk.ui.related_picker import PickArticleDialog
from panel_helpers import OPTICAL, data_of, panel_window


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def many_links(window, rel, n=40):
    base = data_of(window, rel)["related"][0]
    items = [dict(base, title=f"Story number {k}", webUrl=f"https://example.org/story/{k}") for k in range(n)]
    window.session.edit("many", [rel], Set(("related",), items))
    return items


def fully_visible_rows(view) -> int:
    height = view.viewport().height()
    return sum(1 for r in range(view.model().rowCount())
               if view.rowViewportPosition(r) >= 0 and view.rowViewportPosition(r) + view.rowHeight(r) <= height)


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_related_list_shows_at_least_15_rows(window, qtbot, size):
    window.resize(*size)
    rel = select_title(window, qtbot, "Hybrid")
    many_links(window, rel)
    view = window.detail.related_view
    qtbot.waitUntil(lambda: fully_visible_rows(view) >= 15)
    assert [view.model().headerData(c, Qt.Horizontal) for c in range(4)] == ["Title", "Provider", "Date", "URL"]
    assert view.horizontalScrollBar().maximum() == 0 or not view.horizontalScrollBar().isVisible()


def test_controls_stay_in_place_from_article_to_article(window, qtbot):
    window.resize(1366, 768)
    places = set()
    for words in ("Hybrid", "Optical", "Reimagining", "rekindles", "High-Performance"):
        select_title(window, qtbot, words)
        QApplication.processEvents()
        detail = window.detail
        places.add(tuple(w.mapTo(window, w.rect().topLeft()).y()
                         for w in (detail.quality, detail.topic_input, detail.related_view)))
    assert len(places) == 1, places


class _Picture(http.server.BaseHTTPRequestHandler):
    png = b""

    def do_GET(self):  # noqa: N802 - the standard library's name
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.png)))
        self.end_headers()
        self.wfile.write(self.png)

    def log_message(self, *args):
        pass


@pytest.fixture
def picture_server():
    image = QImage(1600, 400, QImage.Format_RGB32)
    image.fill(Qt.darkGreen)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    _Picture.png = bytes(data)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Picture)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/picture.png"
    server.shutdown()
    server.server_close()


def test_the_picture_is_a_thumbnail_only_when_there_is_one_and_a_click_shows_it_whole(window, qtbot, picture_server):
    rel = select_title(window, qtbot, "Optical")             # no images
    detail = window.detail
    assert detail.image.isHidden()
    place = detail.related_view.mapTo(window, detail.related_view.rect().topLeft())
    window.session.edit("picture", [rel], Set(("images",), [{"url": picture_server}]))
    qtbot.waitUntil(lambda: detail.image.isVisible() and not detail.image.pixmap().isNull(), timeout=10000)
    QApplication.processEvents()
    assert detail.related_view.mapTo(window, detail.related_view.rect().topLeft()) == place  # nothing moved
    assert detail.image.width() <= 64 and detail.image.pixmap().width() <= 64 * detail.devicePixelRatioF()
    qtbot.mouseClick(detail.image, Qt.LeftButton)
    shown = [w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Picture" and w.isVisible()]
    assert len(shown) == 1
    screen = detail.screen().availableGeometry()
    big = shown[0].findChild(type(detail.image), "fullPicture").pixmap()
    assert big.width() <= screen.width() and big.height() <= screen.height()
    select_title(window, qtbot, "Hybrid")                     # no picture: no box
    assert detail.image.isHidden()
    shown[0].close()


def test_the_picker_searches_the_library_language_and_leaves_out_the_article_and_its_links(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    window.session.edit("link Optical", [rel], Insert(("related",), 0,
                        {"title": "Optical", "webUrl": data_of(window, OPTICAL)["webUrl"]}))
    dialog = PickArticleDialog(window.model, rel, [url_of(i) for i in data_of(window, rel)["related"]])
    qtbot.addWidget(dialog)
    shown = {dialog.model.row(n).path for n in range(dialog.model.rowCount())}
    assert rel not in shown and OPTICAL not in shown and len(shown) == 3
    assert [dialog.model.headerData(c, Qt.Horizontal) for c in range(4)] == ["Title", "Provider", "Date", "URL"]
    first = dialog.model.index(0, 3).data()
    assert first.startswith("https://") and dialog.model.index(0, 2).data()[:2] == "20"
    qtbot.keyClicks(dialog.filter, "quality>=50 -provider:biztech")
    assert {dialog.model.row(n).path for n in range(dialog.model.rowCount())} == {"001_f48116ce7d4fff05.txt"}
    qtbot.keyClicks(dialog.filter, " (ai")                     # a mistake: said, the last list stays
    assert "\u26a0" in dialog.count.text() and "parenthesis" in dialog.count.text()
    assert {dialog.model.row(n).path for n in range(dialog.model.rowCount())} == {"001_f48116ce7d4fff05.txt"}
    dialog.filter.clear()
    qtbot.keyClicks(dialog.filter, "rekindl")
    assert dialog.model.rowCount() == 1
    qtbot.keyClick(dialog.filter, Qt.Key_Return)
    assert dialog.chosen() == "000_6e2a0c9c78a5bcbb.txt"


def test_typing_on_in_the_picker_keeps_what_a_fresh_search_keeps(window, qtbot):
    dialog = PickArticleDialog(window.model, None, [])
    qtbot.addWidget(dialog)
    for text in ("a", "ai", "ai d", "ai da", "ai data", "ai dat", "data ai", "x", ""):
        dialog.filter.setText(text)
        typed_on = [dialog.model.row(n).path for n in range(dialog.model.rowCount())]
        fresh = PickArticleDialog(window.model, None, [])
        qtbot.addWidget(fresh)
        fresh.filter.setText(text)
        assert typed_on == [fresh.model.row(n).path for n in range(fresh.model.rowCount())], text


def test_the_picker_model_passes_the_model_tester(window, qtbot, qtmodeltester):
    dialog = PickArticleDialog(window.model, None, [])
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    dialog.filter.setText("ai")
    qtmodeltester.check(dialog.model)


def test_add_from_library_fills_the_item(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")

    def pick(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "pickFilter"), "Optical")
        qtbot.keyClick(dialog.findChild(QLineEdit, "pickFilter"), Qt.Key_Return)
        qtbot.keyClick(dialog.list, Qt.Key_Return)
    when_modal(pick)
    window.detail.related_buttons[1][1].click()
    item = data_of(window, rel)["related"][-1]
    assert item["webUrl"] == data_of(window, OPTICAL)["webUrl"] and item["title"] == data_of(window, OPTICAL)["title"]
    assert window.detail.related_view.currentIndex().row() == len(data_of(window, rel)["related"]) - 1


def test_a_typed_url_of_a_library_article_fills_the_item_and_a_duplicate_is_refused_in_the_dialog(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    n = len(data_of(window, rel)["related"])
    existing = url_of(data_of(window, rel)["related"][0])
    seen = {}

    def duplicate_then_library(dialog):
        url = dialog.findChild(QLineEdit, "linkUrl")
        title = dialog.findChild(QLineEdit, "linkTitle")
        qtbot.keyClicks(url, existing + "/")                   # the same page, spelled with a slash
        qtbot.keyClicks(title, "My own words")
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.error.text()
        seen["kept"] = (url.text(), title.text())
        url.setText(data_of(window, OPTICAL)["webUrl"])
        title.clear()
        url.editingFinished.emit()
        seen["found"] = dialog.found.text()
        dialog.buttons.button(QDialogButtonBox.Ok).click()
    when_modal(duplicate_then_library)
    window.detail.related_buttons[1][0].click()
    assert seen["open"] and "already among the related links (item 1)" in seen["error"]
    assert seen["kept"] == (existing + "/", "My own words")
    assert "An article of this library" in seen["found"]
    related = data_of(window, rel)["related"]
    other = data_of(window, OPTICAL)
    assert len(related) == n + 1 and related[-1]["title"] == other["title"]
    assert related[-1]["provider"]["name"] == other["provider"]["name"]
    assert related[-1]["publishedDateTime"] == other["publishedDateTime"]


def edit_url(window, qtbot, row, text):
    view = window.detail.related_view
    view.setFocus()
    view.setCurrentIndex(window.detail.related_model.index(row, 3))
    qtbot.keyClick(view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()


def test_editing_a_url_updates_the_provider_or_fills_from_the_library_and_refuses_a_duplicate(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    before = data_of(window, rel)["related"]
    edit_url(window, qtbot, 0, "https://www.theregister.com/2024/02/12/ai/")
    item = data_of(window, rel)["related"][0]
    assert item["webUrl"] == "https://www.theregister.com/2024/02/12/ai/"
    assert item["provider"] == {"name": "theregister.com", "domain": "theregister.com"}
    assert item["title"] == before[0]["title"] and list(item) == list(before[0])
    edit_url(window, qtbot, 1, data_of(window, OPTICAL)["webUrl"])
    assert data_of(window, rel)["related"][1]["title"] == data_of(window, OPTICAL)["title"]
    steps = window.session.undo_stack.count()
    edit_url(window, qtbot, 2, "https://www.theregister.com/2024/02/12/ai")     # item 1's page
    assert data_of(window, rel)["related"][2] == before[2] and window.session.undo_stack.count() == steps
    assert "already among the related links (item 1)" in window.statusBar().currentMessage()
    window.activateWindow()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    text = (window.folder / rel).read_bytes()
    assert b'webUrl: "https://www.theregister.com/2024/02/12/ai/"' in text and b"name: theregister.com" in text


def test_the_selection_follows_a_moved_link(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    first = data_of(window, rel)["related"][0]
    view, model = window.detail.related_view, window.detail.related_model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key_Down, Qt.AltModifier)
    qtbot.waitUntil(lambda: view.currentIndex().row() == 1)
    assert data_of(window, rel)["related"][1] == first
    model.dropMimeData(model.mimeData([model.index(1, 0)]), Qt.MoveAction, model.rowCount(), 0, model.index(-1, -1))
    assert data_of(window, rel)["related"][-1] == first
    qtbot.waitUntil(lambda: view.currentIndex().row() == model.rowCount() - 1)


def test_at_its_narrowest_the_panel_is_not_clipped(window, qtbot):
    window.resize(1024, 700)
    select_title(window, qtbot, "Hybrid")
    window.splitter.setSizes([5000, 1])                       # the panel as narrow as the window lets it be
    qtbot.waitUntil(lambda: window.detail.width() <= window.detail_scroll.viewport().width())
    detail = window.detail
    assert detail.minimumSizeHint().width() <= window.detail_scroll.viewport().width()
    right = window.detail_scroll.viewport().mapTo(window, window.detail_scroll.viewport().rect().topRight()).x()
    for button in detail.related_buttons[1]:
        assert button.mapTo(window, button.rect().topRight()).x() <= right, button.toolTip()
    title = detail.related_view.horizontalHeader().sectionSize(0)
    assert title >= max(detail.related_view.horizontalHeader().sectionSize(c) for c in (1, 3))


def test_the_picker_moves_its_choice_with_the_arrows_typed_in_its_search_box(window, qtbot):
    dialog = PickArticleDialog(window.model, None, [])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.filter, "a")  # most articles match
    assert dialog.model.rowCount() >= 3
    third = dialog.model.row(2).path
    qtbot.keyClick(dialog.filter, Qt.Key_Down)
    qtbot.keyClick(dialog.filter, Qt.Key_Down)
    assert dialog.filter.text() == "a"  # the typing stays in the box
    qtbot.keyClick(dialog.filter, Qt.Key_Return)
    assert dialog.chosen() == third
    qtbot.keyClick(dialog.list, Qt.Key_Up)
    assert dialog.chosen() == dialog.model.row(1).path
