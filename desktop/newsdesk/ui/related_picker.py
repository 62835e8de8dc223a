"""Add from Library: one article of the library, found with the search box's language.

The list shows title, provider, date and URL (three articles of one title can be told
apart), leaves out the article itself and the links it already has, and is searched
as the window's table is (core.search over the table model's cached search texts; plain
words as one list comprehension each, and typing on searches only what the last
keystroke kept), so a keystroke at 100,000 articles stays within ~50 ms.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from newsdesk.core.editorial.search import SearchError, compile_query, is_plain
from newsdesk.ui.keys import ListKeys
from newsdesk.ui.safe_text import local_date, one_line

HEADERS = ["Title", "Provider", "Date", "URL"]
WAIT_ABOVE = 20_000   # rows: above this, a query with fields runs once typing pauses (as the window's box)
PAUSE_MS = 150


def url_variants(url: str) -> set[str]:
    """The spellings of one address a list of links may hold: with or without a trailing
    slash, www. and https (a set test per row, not a parse per row)."""
    url = url.strip()
    if not url:
        return set()
    out = set()
    base = url.rstrip("/")
    for scheme in ("https://", "http://"):
        for rest in (base.split("://", 1)[-1],):
            for host in (rest, rest[4:] if rest.startswith("www.") else "www." + rest):
                out.update({scheme + host, scheme + host + "/"})
    return out


class Finder:
    """Which library rows a query keeps, minus the excluded ones (no Qt)."""

    def __init__(self, table_model, exclude_rel: str | None, exclude_urls: list[str]):
        self.table_model = table_model
        urls = set()
        for url in exclude_urls:
            urls |= url_variants(url)
        self.exclude_rel, self.exclude_urls = exclude_rel, urls
        self.words: list[str] | None = None
        self.kept: list[int] = []

    @property
    def rows(self) -> list:
        """The rows in the table's order (that of its search texts): positions are into these."""
        return self.table_model.view.rows

    def _allowed(self, n: int) -> bool:
        row = self.rows[n]
        return row.path != self.exclude_rel and row.webUrl not in self.exclude_urls \
            and row.originalUrl not in self.exclude_urls

    def find(self, text: str) -> list[int]:
        """Row positions the query keeps. Raises SearchError for a mistake."""
        text = text.strip()
        rows = self.rows
        if not text:
            self.words = []
            self.kept = [n for n in range(len(rows)) if self._allowed(n)]
            return self.kept
        if is_plain(text):
            words = text.casefold().split()
            hays = self.table_model.haystacks()
            old = self.words
            if old is not None and all(any(o in w for w in words) for o in old):
                # typing on: the rows the last words kept, for the words that are new
                keep, todo, scratch = self.kept, [w for w in words if w not in old], False
            else:
                keep, todo, scratch = None, words, True
            for word in todo:
                keep = ([n for n, h in enumerate(hays) if word in h] if keep is None
                        else [n for n in keep if word in hays[n]])
            if scratch:
                keep = [n for n in keep if self._allowed(n)]
            self.words, self.kept = words, keep
            return keep
        match = compile_query(text, haystack=self.table_model.haystack, topic_paths=self.table_model.topic_paths)
        self.words = None
        self.kept = [n for n in range(len(rows)) if match(rows[n]) and self._allowed(n)]
        return self.kept


class PickerModel(QAbstractTableModel):
    def __init__(self, rows: list, parent=None):
        super().__init__(parent)
        self.rows = rows
        self.kept: list[int] = []

    def set_kept(self, kept: list[int], rows: list | None = None) -> None:
        self.beginResetModel()
        self.kept = kept
        if rows is not None:  # the positions are into these (the table may have been sorted since)
            self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.kept)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole and orientation == Qt.Horizontal and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def row(self, n: int):
        return self.rows[self.kept[n]] if 0 <= n < len(self.kept) else None

    def data(self, index, role=Qt.DisplayRole):
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        col = index.column()
        if role == Qt.DisplayRole:
            if col == 0:
                return one_line(row.title or row.path, 200)
            if col == 1:
                return one_line(row.provider, 80)
            if col == 2:
                return local_date(row.publishedDateTime)
            return one_line(row.webUrl or row.originalUrl, 300)
        if role == Qt.ToolTipRole:
            return "\n".join(one_line(v, 300) for v in (row.title, row.webUrl or row.originalUrl, row.path) if v)
        return None


class PickArticleDialog(QDialog):
    def __init__(self, table_model, exclude: str | None, exclude_urls: list[str] | None = None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add Related Article from Library")
        self.finder = Finder(table_model, exclude, exclude_urls or [])
        self.model = PickerModel(self.finder.rows, self)
        self.filter = QLineEdit(placeholderText="Search: words, topic:AI, provider:verge, date>=2024\u2026")
        self.filter.setObjectName("pickFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._typed)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(lambda: self.search(self.filter.text()))
        self.filter.returnPressed.connect(self._first)
        # a table, not a tree: QTreeView lays out every row on a change (~110 ms at 100k)
        self.list = QTableView()
        self.list.setObjectName("pickList")
        self.list.setModel(self.model)
        self.list.setShowGrid(False)
        self.list.setWordWrap(False)
        self.list.verticalHeader().hide()
        self.list.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        self.list.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.list.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.list.horizontalHeader()
        header.setStretchLastSection(True)
        for col, width in enumerate((340, 130, 120)):
            header.resizeSection(col, width)
        self.list.activated.connect(lambda _i: self.accept())  # double-click or Enter
        ListKeys(self.filter, self.list)  # Up/Down in the search box move the list's choice
        self.count = QLabel()
        self.count.setObjectName("pickCount")
        self.count.setTextFormat(Qt.PlainText)
        self.count.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)  # a new count relays out nothing
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
        self.search("")

    def _typed(self, text: str) -> None:
        """Words are searched at once (~20-50 ms at 100k); a query with fields asks a
        Python call per row (~100 ms at 100k), so over many rows it waits for a pause."""
        if len(self.finder.rows) > WAIT_ABOVE and not is_plain(text):
            self._pause.start()
            return
        self._pause.stop()
        self.search(text)

    def search(self, text: str) -> None:
        try:
            kept = self.finder.find(text)
        except SearchError as e:
            self.count.setText(f"\u26a0 {e}")
            return
        self.model.set_kept(kept, self.finder.rows)
        n = len(kept)
        self.count.setText(f"{n:,} article{'s' if n != 1 else ''} (the article itself and its links left out)")
        if n:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _first(self) -> None:
        """Return in the search box: the choice is the row the arrows moved to, else the first."""
        if self._pause.isActive():
            self._pause.stop()
            self.search(self.filter.text())
        if self.model.rowCount():
            if not self.list.currentIndex().isValid():
                self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.setFocus()

    def chosen(self) -> str | None:
        row = self.model.row(self.list.currentIndex().row()) if self.list.currentIndex().isValid() else None
        return row.path if row is not None else None

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()
