"""The related links of the current article, as a table the editor can reorder."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt, Signal

from newsdesk.core.document.edits import Move, Set
from newsdesk.core.document.schema import blank_problem
from newsdesk.core.editorial.related import article_with_url, item_from_article, item_with_url, url_of
from newsdesk.core.editorial.similar import normalized_url, related_problems
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.safe_text import CELL_CHARS, clipped, local_date, one_line
from newsdesk.ui.session import Session

MIME = "application/x-newsdesk-related-row"
HEADERS = ["Title", "Provider", "Date", "URL"]
TITLE, PROVIDER, DATE, URL = range(4)


def _date(value: object) -> str:
    """The day only: the column stays narrow, the title gets the room (the time is in the tooltip)."""
    return "" if value is None else local_date(value)[:10]


class RelatedModel(QAbstractTableModel):
    refused = Signal(str)   # an edit was refused: why
    moved = Signal(int)     # an item was moved to this row (the view's selection follows it)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rel: str | None = None
        self.items: list = []
        self.problems: dict[int, str] = {}   # item -> why it should be checked
        self.last_error: str = ""

    def show(self, rel: str | None, items: list, data: dict | None = None) -> None:
        items = list(items) if isinstance(items, list) else []
        if rel == self.rel and len(items) == len(self.items) and items:
            # Same article, same rows (an item edited): a reset here would destroy the editor
            # that is committing this very change, and Qt would warn about it.
            self.items = items
            self.problems = related_problems(dict(data or {}, related=self.items))
            self.dataChanged.emit(self.index(0, 0), self.index(len(items) - 1, len(HEADERS) - 1))
            return
        self.beginResetModel()
        self.rel = rel
        self.items = items
        self.problems = related_problems(dict(data or {}, related=self.items))
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if role == Qt.DisplayRole:
            if orientation == Qt.Horizontal and 0 <= section < len(HEADERS):
                return HEADERS[section]
            if orientation == Qt.Vertical:
                return str(section + 1)
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if not isinstance(item, dict):
            return str(item) if role == Qt.DisplayRole and index.column() == TITLE else None
        col = index.column()
        if role == Qt.DisplayRole and col == TITLE and index.row() in self.problems:
            return "\u26a0 " + one_line(item.get("title", ""))
        if role == Qt.DisplayRole:  # plain, one line, bounded: a cell never lays out a megabyte
            if col == TITLE:
                return one_line(item.get("title", ""))
            if col == PROVIDER:
                provider = item.get("provider")
                return one_line(provider.get("name", ""), 80) if isinstance(provider, dict) else ""
            if col == DATE:
                return _date(item.get("publishedDateTime"))
            return one_line(url_of(item))
        if role == Qt.EditRole:
            if col == TITLE:
                return str(item.get("title", ""))
            if col == URL:
                return url_of(item)
            return self.data(index, Qt.DisplayRole)
        if role == Qt.ToolTipRole:
            problem = self.problems.get(index.row())
            warning = f"\u26a0 This link {problem}.\n" if problem else ""
            when = local_date(item.get("publishedDateTime")) if item.get("publishedDateTime") else ""
            return warning + "\n".join(clipped(v, CELL_CHARS) for v in (item.get("title", ""), url_of(item), when,
                                                                        item.get("excerpt", "")) if v)
        return None

    def flags(self, index):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        if index.column() in (TITLE, URL) and isinstance(self.items[index.row()], dict):
            base |= Qt.ItemIsEditable
        return base

    def setData(self, index, value, role=Qt.EditRole):
        if role != Qt.EditRole or not index.isValid() or self.rel is None:
            return False
        row = index.row()
        item = self.items[row]
        text = str(value).strip()
        if index.column() == TITLE:
            if not text:  # in check's words (core/document/schema.py), the link as the list numbers it
                return self._refuse(f"Link {row + 1}: {blank_problem('title', text)}")
            if text == item.get("title"):
                return False
            return self._set("Edit related link title", row, ("related", row, "title"), text)
        if not text or text == url_of(item):
            return False
        # Another address: refused if another item has it; filled from the library's
        # article there if there is one; else the provider follows the new domain.
        same = next((n for n, other in enumerate(self.items)
                     if n != row and normalized_url(url_of(other)) == normalized_url(text)), None)
        if same is not None:
            return self._refuse(f"That link is already among the related links (item {same + 1})")
        library = self.session.library
        other = article_with_url(library.rows, text)
        try:
            new = item_from_article(library.draft(other).data) if other else item_with_url(item, text)
        except ValueError as e:
            return self._refuse(str(e).capitalize())
        except ArticleProblem as p:
            return self._refuse(p.message)
        return self._set("Edit related link URL", row, ("related", row), new)

    def _set(self, label: str, row: int, path: tuple, value: object) -> bool:
        try:
            self.session.edit(label, [self.rel], Set(path, value))
        except ArticleProblem as p:
            return self._refuse(p.message)
        return True

    def _refuse(self, why: str) -> bool:
        self.last_error = why
        self.refused.emit(why)
        return False

    # ---- drag and drop: moves go through the session as undoable edits --------
    def supportedDropActions(self):
        return Qt.MoveAction

    def supportedDragActions(self):
        return Qt.MoveAction

    def mimeTypes(self):
        return [MIME]

    def mimeData(self, indexes):
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime = QMimeData()
        mime.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent):
        return data.hasFormat(MIME) and action == Qt.MoveAction and self.rel is not None

    def dropMimeData(self, data, action, row, column, parent):
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        rows = [int(x) for x in bytes(data.data(MIME)).decode().split(",") if x]
        if len(rows) != 1:
            return False
        dest = row if row >= 0 else (parent.row() if parent.isValid() else len(self.items))
        source = rows[0]
        if dest > source:
            dest -= 1
        self.move(source, dest)
        return False  # the session already moved it; the view must not remove the source row

    def move(self, source: int, dest: int) -> bool:
        dest = max(0, min(dest, len(self.items) - 1))
        if self.rel is None or source == dest or not 0 <= source < len(self.items):
            return False
        self.session.edit("Move related link", [self.rel], Move(("related",), source, dest))
        self.moved.emit(dest)
        return True
