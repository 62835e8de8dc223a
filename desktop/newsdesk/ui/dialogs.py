"""The dialog that adds a related link typed in: its URL and title.

A URL that is an article of this library makes the item from that article (title,
provider, date, picture...), and says so as it is typed. A URL already among the related
links is said as soon as it is typed or pasted, with OK disabled until it is changed (and
refused on OK all the same), keeping what was typed. The dialog grows to the height of
what it says (a word-wrapped hint of two or three lines was half hidden under the
buttons: a top-level dialog is not resized for a label's height-for-width by itself).
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from newsdesk.core.editorial.related import item_from_article, item_from_link
from newsdesk.core.editorial.similar import normalized_url
from newsdesk.ui.safe_text import one_line


class LinkDialog(QDialog):
    def __init__(self, existing: list[str] | None = None,
                 article_at: Callable[[str], dict | None] | None = None, parent=None):
        """``existing``: the URLs of the related links already there; ``article_at(url)``:
        the data of the library's article at that URL, or None."""
        super().__init__(parent)
        self.setWindowTitle("Add Related Link")
        self.existing = {normalized_url(u): n for n, u in reversed(list(enumerate(existing or [])))}
        self.article_at = article_at or (lambda url: None)
        self.url = QLineEdit(placeholderText="https://\u2026")
        self.url.setObjectName("linkUrl")
        self.title = QLineEdit()
        self.title.setObjectName("linkTitle")
        self.found = QLabel()
        self.found.setObjectName("linkFound")
        self.found.setTextFormat(Qt.PlainText)
        self.found.setWordWrap(True)
        self.found.hide()
        self.error = QLabel()
        self.error.setObjectName("linkError")
        self.error.setTextFormat(Qt.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: white; background: #b3261e; padding: 2px;")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("&URL:", self.url)
        form.addRow("&Title:", self.title)
        form.addRow(self.found)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.item: dict | None = None
        self._article: dict | None = None
        self._looked_up = None
        self._filled = ""   # the title this dialog filled in from the article
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(200)
        self._lookup_timer.timeout.connect(self._look_up)
        self.url.textChanged.connect(self._url_changed)
        self.url.editingFinished.connect(self._look_up)
        self.resize(560, self.sizeHint().height())

    def duplicate(self) -> str:
        """Why the URL typed cannot be added (it is there already), or ""."""
        url = self.url.text().strip()
        at = self.existing.get(normalized_url(url)) if url else None
        return "" if at is None else f"That link is already among the related links (item {at + 1})."

    def _url_changed(self, _text: str) -> None:
        why = self.duplicate()
        ok = self.buttons.button(QDialogButtonBox.Ok)
        ok.setEnabled(not why)
        ok.setToolTip(why)
        self.error.setText(why)
        self.error.setVisible(bool(why))
        if why:
            self.found.hide()  # what matters now is that it is there already
        self._fit()
        self._lookup_timer.start()

    def _look_up(self) -> None:
        self._lookup_timer.stop()
        url = self.url.text().strip()
        if url != self._looked_up:
            self._looked_up = url
            self._article = self.article_at(url) if url else None
            if self._article is not None:
                title = one_line(self._article.get("title"), 200)
                self.found.setText(f"An article of this library: \u201c{title}\u201d \u2014 "
                                   "its title, provider and date are used.")
                if not self.title.text().strip() and not self.duplicate():
                    self.title.setText(title)
                    self._filled = title
        self.found.setVisible(self._article is not None and not self.duplicate())
        self._fit()

    def _fit(self) -> None:
        """The height of what the dialog now says, at its width (the hint's two or three
        lines whole, at any font size)."""
        layout = self.layout()
        layout.activate()
        height = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        self.setMinimumHeight(height)
        if self.height() != height:
            self.resize(self.width(), height)

    def _refuse(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # narrower: the hint takes more lines
            QTimer.singleShot(0, self, self._fit)

    def accept(self) -> None:
        self._look_up()
        url = self.url.text().strip()
        why = self.duplicate()
        if why:  # Enter, or OK clicked before it was disabled
            self._refuse(why)
            return
        try:
            if self._article is not None:
                self.item = item_from_article(self._article)
                typed = self.title.text().strip()
                if typed and typed != self._filled:  # the editor's own title wins
                    self.item["title"] = typed
            else:
                self.item = item_from_link(url, self.title.text())
        except ValueError as e:
            self._refuse(str(e).capitalize() + ".")
            return
        super().accept()
