"""Topics as chips: each topic a rounded token with a remove button, in rows that wrap.

A list view in a left-to-right, wrapping flow over a small model, drawn by a delegate:
Tab reaches the chips, the arrow keys go from chip to chip, Delete removes one, Alt+Left /
Alt+Right (or Alt+Up / Alt+Down) move it, a drag reorders. The view decides nothing:
it asks its owner (``removeRequested``, ``moveRequested``), who makes the undoable edit.
Chips of ``partial`` topics (on some of the selected articles, not all) are drawn faint.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QByteArray, QEvent, QMimeData, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate

from newsdesk.ui.keys import KeyMap
from newsdesk.ui.safe_text import one_line

MIME = "application/x-newsdesk-topic-chip"
PARTIAL_ROLE = Qt.UserRole + 1
CHIP_CHARS = 60
PAD, CLOSE, GAP = 8, 14, 4


class ChipsModel(QAbstractListModel):
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)   # from row, to row (as in the list after the move)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.topics: list[str] = []
        self.partial: set[str] = set()
        self.alone: set[str] = set()   # no article but those shown carries these (new to the library)

    def show(self, topics: list, partial=(), alone=()) -> None:
        topics = [str(t) for t in topics]
        self.alone = set(alone)  # read by the tooltip only: no repaint
        if topics == self.topics and set(partial) == self.partial:
            return
        if len(topics) == len(self.topics):  # same count: in place, the view keeps its current chip
            self.topics, self.partial = topics, set(partial)
            if topics:
                self.dataChanged.emit(self.index(0), self.index(len(topics) - 1))
            return
        self.beginResetModel()
        self.topics, self.partial = topics, set(partial)
        self.endResetModel()

    def stringList(self) -> list[str]:
        return list(self.topics)

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.topics)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.topics):
            return None
        topic = self.topics[index.row()]
        if role == Qt.DisplayRole:
            return one_line(topic, CHIP_CHARS)
        if role in (Qt.ToolTipRole, Qt.AccessibleTextRole):
            some = " (on some of the selected articles)" if topic in self.partial else ""
            tip = f"{topic}{some} \u2014 Delete removes it, Alt+\u2190/\u2192 or a drag moves it"
            if role == Qt.ToolTipRole and topic in self.alone:
                tip += "\nNew to the library: no other article has this topic"
            return tip
        if role == PARTIAL_ROLE:
            return topic in self.partial
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsDragEnabled

    def supportedDropActions(self):
        return Qt.MoveAction

    def mimeTypes(self):
        return [MIME]

    def mimeData(self, indexes):
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(MIME, QByteArray(",".join(map(str, rows)).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent):
        return data.hasFormat(MIME) and action == Qt.MoveAction

    def dropMimeData(self, data, action, row, column, parent):
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        rows = [int(x) for x in bytes(data.data(MIME)).decode().split(",") if x]
        if len(rows) != 1 or not 0 <= rows[0] < len(self.topics):
            return False
        dest = row if row >= 0 else (parent.row() if parent.isValid() else len(self.topics))
        source = rows[0]
        if dest > source:
            dest -= 1
        dest = max(0, min(dest, len(self.topics) - 1))
        if dest != source:
            self.moveRequested.emit(source, dest)
        return False  # the owner's edit moved it; the view must not remove the source row


class ChipDelegate(QStyledItemDelegate):
    def sizeHint(self, option, index):
        fm = option.fontMetrics
        return QSize(fm.horizontalAdvance(index.data() or "") + 2 * PAD + CLOSE + GAP + 4, fm.height() + 8)

    def close_rect(self, rect: QRect) -> QRect:
        return QRect(rect.right() - PAD - CLOSE + 4, rect.center().y() - CLOSE // 2, CLOSE, CLOSE)

    def paint(self, painter: QPainter, option, index):
        painter.save()
        painter.setRenderHint(QPainter.Antialiasing)
        palette = option.palette
        rect = option.rect.adjusted(1, 2, -1, -2)
        selected = bool(option.state & QStyle.State_Selected)
        partial = bool(index.data(PARTIAL_ROLE))
        fill = palette.color(QPalette.Highlight) if selected else palette.color(QPalette.Button)
        if partial and not selected:
            fill = palette.color(QPalette.Base)
        painter.setPen(QPen(palette.color(QPalette.Mid), 1, Qt.DashLine if partial else Qt.SolidLine))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, rect.height() / 2, rect.height() / 2)
        text_color = palette.color(QPalette.HighlightedText if selected else QPalette.ButtonText)
        if partial and not selected:
            text_color = palette.color(QPalette.PlaceholderText)
        painter.setPen(text_color)
        text_rect = rect.adjusted(PAD, 0, -(PAD + CLOSE - 2), 0)
        painter.drawText(text_rect, Qt.AlignVCenter | Qt.AlignLeft, index.data() or "")
        close = self.close_rect(option.rect)
        painter.drawLine(close.adjusted(3, 3, -3, -3).topLeft(), close.adjusted(3, 3, -3, -3).bottomRight())
        painter.drawLine(close.adjusted(3, 3, -3, -3).topRight(), close.adjusted(3, 3, -3, -3).bottomLeft())
        if option.state & QStyle.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.Highlight), 1, Qt.DotLine))
            painter.setBrush(Qt.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-1, -1, 1, 1), rect.height() / 2, rect.height() / 2)
        painter.restore()

    def editorEvent(self, event, model, option, index):
        if (event.type() == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton
                and self.close_rect(option.rect).adjusted(-2, -2, 2, 2).contains(event.position().toPoint())):
            model.removeRequested.emit(index.row())
            return True
        return super().editorEvent(event, model, option, index)


class ChipsView(QListView):
    """The chips; ``rows`` lines of them are shown (more scroll), so the panel keeps its
    height from one article to the next."""

    def __init__(self, model: ChipsModel, rows: int = 2, parent=None):
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(ChipDelegate(self))
        self.setFlow(QListView.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.Adjust)
        self.setSpacing(1)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setDropIndicatorShown(True)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.StrongFocus)
        self.setFixedHeight((self.fontMetrics().height() + 10) * rows + 8)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        earlier, later = self._step(-1), self._step(1)
        KeyMap(self, {(Qt.Key_Delete, Qt.NoModifier): self._remove, (Qt.Key_Backspace, Qt.NoModifier): self._remove,
                      (Qt.Key_Left, Qt.AltModifier): earlier, (Qt.Key_Up, Qt.AltModifier): earlier,
                      (Qt.Key_Right, Qt.AltModifier): later, (Qt.Key_Down, Qt.AltModifier): later})

    def _remove(self) -> None:
        row = self.currentIndex().row()
        if 0 <= row < self.model().rowCount():
            self.model().removeRequested.emit(row)

    def _step(self, step: int):
        def move():
            row = self.currentIndex().row()
            dest = row + step
            if 0 <= row < self.model().rowCount() and 0 <= dest < self.model().rowCount():
                self.model().moveRequested.emit(row, dest)
        return move
