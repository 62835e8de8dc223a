"""The article table's view: whole rows selected, sortable, movable columns, inline
editing of Published and Quality, the selected articles' actions on right-click.

Every action of the table's (its keys: P, +, Space...) ends by scrolling the current
row into view: the wheel scrolls the view without moving the current row, and + then
changed a row the editor could not see, the table staying where it was.

A click on the Published box of a row not selected makes that row current, then ticks
it: Qt's item view hands a press on a check box to the box alone, so the row was
published while the panel (and the keys) stayed on another article. Picard and calibre
select the row a click lands on, whatever cell; so does this. In a selection of several
the click ticks that row and leaves the selection as it is.

A row-oriented table, as calibre's library and a mail client's message list: Home and End
(with or without Ctrl, with Shift to extend) go to the first and last article, in the
same column (Qt's went to the first and last *column*, and Ctrl+End to the last row and
column). Only a sideways key (Left, Right, Tab) moves the table sideways, to show the cell
it moved to; everything else that shows a row (Up, Down, a click, the current article
kept in sight) scrolls up or down only: the columns stay where the editor put them, so
Published, Review, Quality and Title were no longer left off screen after one End.

Shift+Up/Down extends from the row the keys last chose alone: Qt keeps its own anchor,
which it does not move when the current row is changed while Shift is held (Shift+N),
so two Shift+Down after Shift+N selected from the row before it, one row, and Space then
unpublished that one row instead of the three the editor meant."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from newsdesk.core.document.schema import bounds
from newsdesk.ui.columns import TABLE
from newsdesk.ui.number_cell import WholeNumberCell

Move = QAbstractItemView.CursorAction
ENDS = {Move.MoveHome: 0, Move.MoveEnd: -1}
SIDEWAYS = (Qt.Key_Left, Qt.Key_Right, Qt.Key_Tab, Qt.Key_Backtab)  # the keys that move the current cell across


class ArticleTable(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleTable")
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.setSortingEnabled(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setSectionsMovable(True)
        self.horizontalHeader().setHighlightSections(False)
        self.setContextMenuPolicy(Qt.ActionsContextMenu)  # the actions marked context=True
        for n, column in enumerate(TABLE):  # a number with a range keeps to it (quality)
            if column.sets and bounds(column.sets) is not None:
                self.setItemDelegateForColumn(n, WholeNumberCell(bounds(column.sets), self))
        self._sideways = False   # a sideways key is moving the current cell: show its column
        self._input = False      # inside Qt's own handling of a key or the mouse

    # ---- moving through the rows ---------------------------------------------------------
    def moveCursor(self, action, modifiers):
        current = self.currentIndex()
        if action in ENDS and current.isValid() and self.model().rowCount():
            rows = [r for r in range(self.model().rowCount()) if not self.isRowHidden(r)] or [0]
            return self.model().index(rows[ENDS[action]], current.column())
        return super().moveCursor(action, modifiers)

    def scrollTo(self, index, hint=QAbstractItemView.EnsureVisible) -> None:
        """Up or down only, unless a sideways key asked to see the cell's column."""
        across = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        if not self._sideways:
            self.horizontalScrollBar().setValue(across)

    def selectionCommand(self, index, event=None):
        """Qt asks with no event when the current row changed (and anchors Shift's range
        there unless Shift is held, read from the keyboard); the keys' actions (Shift+N)
        change it with Shift down, and that is no extension of the selection."""
        if event is None and not self._input:
            return QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows
        return super().selectionCommand(index, event)

    def keyPressEvent(self, event) -> None:
        self._input, self._sideways = True, event.key() in SIDEWAYS
        try:
            super().keyPressEvent(event)
        finally:
            self._input = self._sideways = False

    def mouseMoveEvent(self, event) -> None:
        self._input = True
        try:
            super().mouseMoveEvent(event)
        finally:
            self._input = False

    def mousePressEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if (event.button() == Qt.LeftButton and event.modifiers() == Qt.NoModifier and index.isValid()
                and index.flags() & Qt.ItemIsUserCheckable
                and not self.selectionModel().isRowSelected(index.row())):
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        self._input = True
        try:
            super().mousePressEvent(event)
        finally:
            self._input = False

    def actionEvent(self, event) -> None:
        super().actionEvent(event)
        if event.type() == QEvent.ActionAdded:
            event.action().triggered.connect(self.show_current)
        elif event.type() == QEvent.ActionRemoved:  # added again (the context menu's): once
            event.action().triggered.disconnect(self.show_current)

    def show_current(self) -> None:
        """Scroll the current row into view (after a key acted on it); only up or down:
        the columns the editor scrolled to stay."""
        index = self.currentIndex()
        if index.isValid():
            self.scrollTo(index)
