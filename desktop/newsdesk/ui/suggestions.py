"""Related-link suggestions for the current article: other articles of the library
ranked by shared topics and rare shared words (core.similar). The word index is built
off the UI thread the first time, and again when the library has grown or shrunk."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from newsdesk.core.editorial.related import url_of
from newsdesk.core.editorial.similar import WordIndex
from newsdesk.ui.background import run_in_pool
from newsdesk.ui.qtcompat import carried, carry
from newsdesk.ui.safe_text import clipped, one_line

SHOWN = 8
PATH = Qt.UserRole + 1


class _Built(QObject):
    done = Signal(object)


class SuggestionsBox(QGroupBox):
    add = Signal(object)  # (a rel, kept as Python holds it) the path of the article to add as a related link
    started = Signal()  # suggestions were asked for: the box wants room

    def __init__(self, library, parent=None):
        super().__init__(parent)
        self.setObjectName("suggestionsBox")
        self.setFlat(True)  # one line (a heading and a button) until asked for: the links get the room
        self.library = library
        self.index: WordIndex | None = None
        self._building = False
        self._want: tuple | None = None
        self._built = _Built(self)
        self._built.done.connect(self._index_ready)
        self.list = QListWidget()
        self.list.setObjectName("suggestions")
        self.list.setToolTip("Articles of this library like this one (shared topics, rare shared words).\n"
                             "Double-click or Enter adds one as a related link.")
        self.list.itemActivated.connect(self._activated)
        self.active = False  # suggestions are made once asked for: the word index costs ~2 s at 100k
        self.start_button = QPushButton("Suggest Related Links")
        self.start_button.setObjectName("startSuggestions")
        self.start_button.setToolTip("Rank the library's articles by likeness to this one (topics, rare words)")
        self.start_button.clicked.connect(self.start)
        self.add_button = QPushButton("Add as Related Link")
        self.add_button.setObjectName("addSuggestion")
        self.add_button.clicked.connect(lambda: self._activated(self.list.currentItem()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        row = QHBoxLayout()
        heading = QLabel("Suggested related links")
        heading.setObjectName("suggestionsHeading")
        row.addWidget(heading)
        row.addStretch(1)
        row.addWidget(self.start_button)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.list.hide()
        self.add_button.hide()

    def start(self) -> None:
        """From now on, suggest for every article shown."""
        self.active = True
        self.started.emit()
        self.start_button.hide()
        self.list.show()
        self.add_button.show()
        if self._want is not None:
            self.show_for(*self._want)

    def show_for(self, rel: str | None, data: dict) -> None:
        self._want = (rel, data)
        if not self.active:
            return
        if rel is None:
            self.list.clear()
            return
        if self.index is None or len(self.index.rows) != len(self.library.rows):
            self._build()
            if self.index is None:
                self._placeholder("Finding similar articles\u2026")
                return
        self._fill(rel, data)

    def _build(self) -> None:
        if not self._building:
            self._building = True
            rows = list(self.library.rows)
            run_in_pool(lambda: WordIndex(rows), self._built.done.emit)

    def _index_ready(self, index: WordIndex) -> None:
        self._building = False
        self.index = index
        if self._want is not None and self._want[0] is not None:
            self._fill(*self._want)

    def _placeholder(self, text: str) -> None:
        self.list.clear()
        item = QListWidgetItem(text)
        item.setFlags(Qt.NoItemFlags)
        self.list.addItem(item)

    def _fill(self, rel: str, data: dict) -> None:
        related = data.get("related") if isinstance(data.get("related"), list) else []
        found = self.index.suggest(rel, data, limit=SHOWN, exclude_urls=[url_of(i) for i in related])
        self.list.clear()
        if not found:
            self._placeholder("No similar articles in this library")
            return
        rows = self.index.rows
        for s in found:
            other = rows[self.index.position[s.path]]
            provider = f" \u2014 {one_line(other.provider, 80)}" if other.provider else ""
            item = QListWidgetItem(one_line(other.title or other.path, 300) + provider)
            why = []
            if s.shared_topics:
                why.append("topics: " + ", ".join(s.shared_topics))
            if s.shared_words:
                why.append("words: " + ", ".join(s.shared_words))
            item.setToolTip(f"{one_line(other.title)}\n{other.path}\n" + clipped(f"Shared {'; '.join(why)}", 600))
            item.setData(PATH, carry(s.path))
            self.list.addItem(item)

    def _activated(self, item) -> None:
        if item is not None and carried(item.data(PATH)):
            self.add.emit(carried(item.data(PATH)))
