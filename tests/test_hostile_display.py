"""Links and pictures from a file are untrusted: only http(s) links open without asking
(the address shown plainly otherwise), pictures come only from http(s), never with the
setting ``pictures/remote`` off, and only the current article's picture is asked for."""
import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings, Qt
from PySide6.QtGui import QDesktopServices, QImage
from PySide6.QtWidgets import QMessageBox, QWidget

from gui_helpers import open_window, select_title
from local_http import serving
from newsdesk.core.document.edits import Set
from newsdesk.ui import image_loader, links
from newsdesk.ui.image_loader import ImageLoader, decode


@pytest.fixture
def opened(monkeypatch):
    calls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: calls.append(url.toString()) or True)
    return calls


@pytest.fixture
def asked(monkeypatch):
    seen = []
    monkeypatch.setattr(links, "ask", lambda parent, url: seen.append(url) or False)
    return seen


@pytest.mark.parametrize("url", ["https://example.com/a", "http://example.com/", " https://x.org/p?q=1 "])
def test_web_links_open_without_asking(url, opened, asked, qtbot):
    assert links.open_link(None, url)
    assert opened == [url.strip()] and asked == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd", "smb://host/share/run.exe",
                                 "data:text/html,<b>x</b>", "http:/no-host", "mailto:a@b.c", "C:\\Windows\\x.exe"])
def test_other_links_are_asked_about_and_not_opened_when_refused(url, opened, asked, qtbot):
    assert not links.open_link(None, url)
    assert asked == [url] and opened == []


def test_the_question_shows_the_address_as_plain_text(qtbot, monkeypatch):
    shown = []

    def exec_(box):
        shown.append((box.text(), box.textFormat()))
        return 0
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    assert not links.ask(None, "javascript:<b>alert(1)</b>")
    assert "javascript:<b>alert(1)</b>" in shown[0][0] and shown[0][1] == Qt.PlainText


def test_no_browser_is_said_in_the_status_bar(qtbot, seeds_copy, tmp_path, monkeypatch):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    assert not links.open_link(window.detail, "https://example.com/a")
    assert "Could not open https://example.com/a" in window.statusBar().currentMessage()


def png(width=8, height=8) -> bytes:
    image = QImage(width, height, QImage.Format_RGB32)
    image.fill(Qt.blue)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.png", "data:image/png;base64,AAAA",
                                 "/tmp/a.png", "http:///nohost.png"])
def test_pictures_only_from_http(url, qtbot):
    owner = QWidget()
    qtbot.addWidget(owner)
    loader = ImageLoader(owner)
    before = ImageLoader.requests
    with qtbot.waitSignal(loader.failed, timeout=2000) as failed:
        loader.load(url)
    assert "http(s)" in failed.args[1] and ImageLoader.requests == before


def test_remote_pictures_off_means_no_request(qtbot, tmp_path):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(tmp_path / "config"))
    from newsdesk.ui import settings as settings_mod
    settings_mod.settings().setValue(image_loader.REMOTE_KEY, False)
    with serving({"/a.png": png()}) as (base, requested):
        owner = QWidget()  # as the detail panel owns its loader
        qtbot.addWidget(owner)
        loader = ImageLoader(owner)
        with qtbot.waitSignal(loader.failed, timeout=2000) as failed:
            loader.load(f"{base}/a.png")
        assert "turned off" in failed.args[1]
        settings_mod.settings().setValue(image_loader.REMOTE_KEY, True)
        with qtbot.waitSignal(loader.loaded, timeout=5000):
            loader.load(f"{base}/a.png")
        assert requested == ["/a.png"]


def test_a_huge_picture_is_not_decoded_and_a_big_one_is_scaled():
    image, reason = decode(QByteArray(png(9000, 5000)))
    assert image is None and "too large" in reason
    image, _ = decode(QByteArray(png(4096, 100)))
    assert image.width() == image_loader.MAX_SIDE


def test_only_the_current_articles_picture_is_fetched(qtbot, seeds_copy, tmp_path):
    from newsdesk.core import Draft, load_article
    with serving({f"/{n}.png": png() for n in range(5)}) as (base, requested):
        for n, path in enumerate(sorted(seeds_copy.iterdir())):
            draft = Draft(load_article(path))
            draft.apply(Set(("images",), [{"url": f"{base}/{n}.png?article={path.stem}&editor=me"}]))
            draft.save()
        window = open_window(qtbot, seeds_copy, tmp_path / "config")
        select_title(window, qtbot, "Hybrid")
        qtbot.waitUntil(lambda: bool(requested), timeout=5000)
        window.table.selectAll()  # every article selected: still the current one's picture only
        qtbot.wait(500)
        assert len(requested) == 1
