"""The Preview tab renders the article without fetching anything or running anything."""
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage

from newsdesk.ui.preview import MAX_BODY, ArticlePreview, body_kind

DATA = {"title": "Azure <b>bold</b> & more", "excerpt": "An <img src='file:///etc/passwd'> excerpt",
        "provider": {"name": "Microsoft"}, "publishedDateTime": "2024-01-02T03:04:05Z"}


def preview(qtbot):
    view = ArticlePreview()
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    return view


def test_kinds_of_body():
    assert body_kind("") == "" and body_kind("\n \n") == ""
    assert body_kind("<p>Hello</p>") == "html" and body_kind("\n<!DOCTYPE html><html>") == "html"
    assert body_kind("# Title\n\nSome *text*") == "markdown"


def test_title_and_excerpt_are_plain_text(qtbot):
    view = preview(qtbot)
    view.show_article(DATA)
    view.render_now()
    text = view.toPlainText()
    assert "Azure <b>bold</b> & more" in text and "<img src='file:///etc/passwd'>" in text
    assert "Microsoft" in text and "2024-01-02" in text
    assert view.refused == []  # nothing was even asked for


def test_markdown_body_renders_and_html_body_fetches_nothing(qtbot):
    view = preview(qtbot)
    view.show_article(DATA, "# Heading\n\nSome **strong** words and a [link](https://example.org/x).")
    view.render_now()
    assert "Heading" in view.toPlainText() and "**" not in view.toPlainText()
    assert "https://example.org/x" in view.document().toHtml()
    view.show_article(DATA, "<p>Para</p><img src='https://tracker.example/t.png?editor=me'>"
                            "<img src='file:///etc/hostname'><script>alert(1)</script>")
    view.render_now()
    assert "Para" in view.toPlainText() and "alert" not in view.toPlainText()
    view.viewport().repaint()
    assert any("tracker.example" in u for u in view.refused)
    assert any(u.startswith("file:") for u in view.refused)


def test_only_the_articles_own_picture_is_shown(qtbot):
    view = preview(qtbot)
    image = QImage(800, 400, QImage.Format_RGB32)
    image.fill(QColor("red"))
    view.show_article(DATA)
    view.set_picture(image)
    view.render_now()
    view.viewport().repaint()
    assert "newsdesk-picture:current" in view.document().toHtml()
    assert view.refused == []


def test_links_are_handed_to_the_window_not_followed(qtbot):
    view = preview(qtbot)
    seen = []
    view.link_activated.connect(seen.append)
    view.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert seen == [QUrl("javascript:alert(1)")]
    assert not view.openLinks() and not view.openExternalLinks()


def test_a_huge_body_is_cut(qtbot):
    view = preview(qtbot)
    view.show_article(DATA, "word " * (MAX_BODY // 2))
    view.render_now()
    assert "more characters" in view.toPlainText()
    assert len(view.toPlainText()) < MAX_BODY + 2000


def test_rendered_only_when_shown(qtbot):
    view = ArticlePreview()
    qtbot.addWidget(view)
    view.show_article(DATA, "# Big")
    assert view.toPlainText() == ""
    view.show()
    qtbot.waitUntil(lambda: "Azure" in view.toPlainText())


def test_the_preview_tab_shows_the_current_article_and_its_body(qtbot, tmp_path):
    from gui_helpers import open_window, select_title
    from newsdesk.core.document.article import load_article
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_text('---\ntitle: "With a body"\nexcerpt: "Short <b>excerpt</b>"\n---\n'
                                 "# Heading\n\nA paragraph with **strong** words.\n")
    (folder / "b.md").write_text('---\ntitle: "Another"\n---\n')
    window = open_window(qtbot, folder, tmp_path / "config")
    select_title(window, qtbot, "With a body")
    detail = window.detail
    assert detail.preview.toPlainText() == ""  # not rendered while its tab is hidden
    detail.tabs.setCurrentWidget(detail.preview)
    qtbot.waitUntil(lambda: "A paragraph with strong words." in detail.preview.toPlainText(), timeout=3000)
    text = detail.preview.toPlainText()
    assert "With a body" in text and "Short <b>excerpt</b>" in text and "**" not in text
    select_title(window, qtbot, "Another")
    qtbot.waitUntil(lambda: "Another" in detail.preview.toPlainText(), timeout=3000)
    assert "paragraph" not in detail.preview.toPlainText()
    assert load_article(folder / "a.md").source.body.startswith("# Heading")


def test_the_date_is_shown_as_the_panel_header_shows_it(qtbot):
    import datetime as dt

    from newsdesk.ui.safe_text import local_date
    when = dt.datetime(2021, 7, 21, 16, 0, 3, tzinfo=dt.timezone.utc)  # what a full parse gives
    view = preview(qtbot)
    view.show_article(dict(DATA, publishedDateTime=when))
    view.render_now()
    text = view.toPlainText()
    assert local_date(when) in text and "+00:00" not in text and ":03" not in text


ENTITIES = ('---\ntitle: "AT&T and Power Query"\n'
            'excerpt: "This month we&#8217;ve got Power Query &amp; Dataflows,&nbsp;and &amp;lt;b&amp;gt; news."\n'
            "published: false\n---\nWe&#8217;re **here** &amp; there.\n")


def test_character_references_read_as_the_site_shows_them_and_no_byte_changes(qtbot, tmp_path):
    """As a reader sees it: "we&#8217;ve" reads "we’ve" and "&amp;" "&", in the Curate
    excerpt and in the Preview (title, excerpt, body); the file keeps every byte, and a
    save of another edit writes its own line only."""
    from PySide6.QtCore import Qt

    from gui_helpers import window_on_copy
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(ENTITIES.encode())
    window = window_on_copy(qtbot, folder, tmp_path / "config")
    detail = window.detail
    qtbot.waitUntil(lambda: detail.excerpt.isVisible(), timeout=3000)
    read = "This month we\u2019ve got Power Query & Dataflows,\u00a0and &lt;b&gt; news."
    assert detail.excerpt.text() == read
    detail.tabs.setCurrentWidget(detail.preview)
    qtbot.waitUntil(lambda: "here" in detail.preview.toPlainText(), timeout=3000)
    text = detail.preview.toPlainText()
    assert read.replace("\u00a0", " ") in text and "AT&T and Power Query" in text and "We\u2019re here & there." in text
    assert "&#8217;" not in text and "&amp;" not in text and detail.preview.refused == []
    assert (folder / "a.md").read_bytes() == window.before["a.md"]
    detail.tabs.setCurrentWidget(detail.splitter)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_P)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: b"published: true" in (folder / "a.md").read_bytes(), timeout=3000)
    assert (folder / "a.md").read_bytes() == window.before["a.md"].replace(b"published: false", b"published: true")


def test_the_testers_two_real_articles_read_as_the_site_shows_them(qtbot, tmp_path):
    """The two powerapps articles the tester saw: "we&#8217;ve" in the Preview and
    "Power Query &amp; Dataflows" under Curate (119c.png, 49-changes.png)."""
    import shutil

    from conftest import corpus_or_skip
    from gui_helpers import select_title, window_on_copy
    news = corpus_or_skip("powerapps", "site", "_news")
    folder = tmp_path / "site"
    folder.mkdir()
    for name in ("2024-03-01-whats-new-power-apps-february-2024-feature-update.md",
                 "2020-11-13-whats-new-in-power-query-and-dataflows-in-power-apps-november-2020.md"):
        shutil.copy(news / name, folder / name)
    window = window_on_copy(qtbot, folder, tmp_path / "config")
    detail = window.detail
    select_title(window, qtbot, "Power Query and Dataflows")
    assert "within Power Query & Dataflows in Power Apps" in detail.excerpt.text()
    select_title(window, qtbot, "February 2024")
    assert "This month we\u2019ve got" in detail.excerpt.text()
    detail.tabs.setCurrentWidget(detail.preview)
    qtbot.waitUntil(lambda: "This month we\u2019ve got" in detail.preview.toPlainText(), timeout=3000)
    assert "&#" not in detail.preview.toPlainText()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == window.before
