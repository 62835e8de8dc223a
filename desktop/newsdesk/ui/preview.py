"""The Preview tab: the article as a reader sees it — title, picture, excerpt and body.

Rendered by QTextBrowser, which runs no scripts. Nothing is fetched: every resource the
text names (images in an HTML body, stylesheets) is refused, except the article's own
picture, which the window hands over from its image cache. Links are not followed in
place; ``link_activated`` hands them to the window, which opens them by its link policy.
The title, excerpt and provider are plain text (escaped), whatever they contain, read as the
site's reader reads them: their character references decoded (``we&#8217;ve`` reads
"we’ve", core/reader_text.py), as Qt's HTML and Markdown readers decode the body's. A body
is rendered only while the tab is shown, and only its first ``MAX_BODY`` characters.
"""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QImage, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from newsdesk.core.reader_text import as_read
from newsdesk.ui.safe_text import local_date

PICTURE = QUrl("newsdesk-picture:current")
MAX_BODY = 200_000
MAX_TEXT = 5_000
_HTML_START = re.compile(r"\s*<(?:!doctype|html|head|body|div|p|h[1-6]|section|article|span|table|ul|ol|figure|img)\b",
                         re.I)


def body_kind(body: str) -> str:
    """'html', 'markdown' or '' (empty): what the file holds after its front matter."""
    if not body.strip():
        return ""
    return "html" if _HTML_START.match(body) else "markdown"


def _plain(value: object, limit: int = MAX_TEXT) -> str:
    """A value of the front matter as rich text that shows it as the reader reads it."""
    return html.escape(as_read(value, limit))


class ArticlePreview(QTextBrowser):
    link_activated = Signal(QUrl)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.link_activated)
        self._picture: QImage | None = None
        self._current: tuple[dict, str] = ({}, "")
        self._stale = False  # the current article is not rendered yet
        self.refused: list[str] = []  # what the text asked to load and did not get (for tests)

    # ---- what is shown ------------------------------------------------------
    def show_article(self, data: dict | None, body: str = "") -> None:
        """Show an article (its data and body); rendered now if visible, else when shown."""
        self._current = (dict(data or {}), body or "")
        self._picture = None
        self._schedule()

    def set_picture(self, image: QImage | None) -> None:
        self._picture = image if image is not None and not image.isNull() else None
        self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        if self.isVisible():
            QTimer.singleShot(0, self._render)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self._render)

    def render_now(self) -> None:
        """Render what is pending at once (tests and screenshots)."""
        self._render()

    def _render(self) -> None:
        if not self._stale:
            return
        data, body = self._current
        self.refused = []
        provider = data.get("provider")
        provider = provider.get("name") if isinstance(provider, dict) else provider
        when = data.get("publishedDateTime")  # as the panel's header shows it: local time, to the minute
        meta = " \u00b7 ".join(_plain(v, 200) for v in (provider, local_date(when) if when else None) if v)
        parts = [f"<h2>{_plain(data.get('title'), 1000) or '(no title)'}</h2>"]
        if meta:
            parts.append(f"<p style='color: gray'>{meta}</p>")
        if self._picture is not None:
            width = max(120, min(self._picture.width(), self.viewport().width() - 24))
            parts.append(f"<p><img src='{PICTURE.toString()}' width='{width}'></p>")
        if data.get("excerpt"):
            parts.append(f"<p><i>{_plain(data.get('excerpt'))}</i></p>")
        document = self.document()
        document.clear()
        cursor = QTextCursor(document)
        cursor.insertHtml("".join(parts))
        kind = body_kind(body)
        if kind:
            cursor.insertHtml("<hr>")
            text = body[:MAX_BODY]
            if kind == "html":
                cursor.insertHtml(text)
            else:
                cursor.insertMarkdown(text, QTextDocument.MarkdownDialectGitHub)
            if len(body) > MAX_BODY:
                cursor.insertHtml(f"<p><i>\u2026 the body goes on for {len(body) - MAX_BODY:,} more characters; "
                                  "open the file to read it all.</i></p>")
        self.moveCursor(QTextCursor.Start)
        self._stale = False

    # ---- no remote (or local) loading, except the article's own picture ----------
    def loadResource(self, kind: int, url: QUrl):
        if url == PICTURE and self._picture is not None:
            return self._picture
        self.refused.append(url.toString())
        return None
