"""The related links of the current article, as a table the editor can reorder."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt

from newsdesk.core.problems import ArticleProblem
from newsdesk.core.related import url_of
from newsdesk.core.similar import related_problems
from newsdesk.ui.session import Session

MIME = "application/x-newsdesk-related-row"
HEADERS = ["Title", "Provider", "Date", "URL"]
TITLE, PROVIDER, DATE, URL = range(4)


def _date(value: object) -> str:
    if isinstance(value, dt.datetime):
        value = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)


class RelatedModel(QAbstractTableModel):
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
            return "\u26a0 " + str(item.get("title", ""))
        if role in (Qt.DisplayRole, Qt.EditRole):
            if col == TITLE:
                return str(item.get("title", ""))
            if col == PROVIDER:
                provider = item.get("provider")
                return str(provider.get("name", "")) if isinstance(provider, dict) else ""
            if col == DATE:
                return _date(item.get("publishedDateTime"))
            return url_of(item)
        if role == Qt.ToolTipRole:
            problem = self.problems.get(index.row())
            warning = f"\u26a0 This link {problem}.\n" if problem else ""
            return (warning + f"{item.get('title', '')}\n{url_of(item)}\n{item.get('excerpt', '')}")[:700]
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
        item = self.items[index.row()]
        key = "title" if index.column() == TITLE else next(
            (k for k in ("webUrl", "url", "originalUrl") if k in item), "webUrl")
        text = str(value).strip()
        if not text or text == item.get(key):
            return False
        try:
            what = "title" if key == "title" else "URL"
            self.session.edit(f"Edit related link {what}", [self.rel], "set", ("related", index.row(), key), text)
        except ArticleProblem as p:
            self.last_error = p.message
            return False
        return True

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
        self.session.edit("Move related link", [self.rel], "move", ("related",), source, dest)
        return True
