"""The article table's view: whole rows selected, sortable, movable columns, inline
editing of Published and Quality, the selected articles' actions on right-click.

Every action of the table's (its keys: P, +, Space...) ends by scrolling the current
row into view: the wheel scrolls the view without moving the current row, and + then
changed a row the editor could not see, the table staying where it was.

A click on the Published box of a row not selected makes that row current, then ticks
it: Qt's item view hands a press on a check box to the box alone, so the row was
published while the panel (and the keys) stayed on another article. Picard and calibre
select the row a click lands on, whatever cell; so does this. In a selection of several
the click ticks that row and leaves the selection as it is."""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

from newsdesk.core.document.schema import bounds
from newsdesk.ui.columns import TABLE
from newsdesk.ui.number_cell import WholeNumberCell


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

    def mousePressEvent(self, event) -> None:
        index = self.indexAt(event.position().toPoint())
        if (event.button() == Qt.LeftButton and event.modifiers() == Qt.NoModifier and index.isValid()
                and index.flags() & Qt.ItemIsUserCheckable
                and not self.selectionModel().isRowSelected(index.row())):
            self.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
        super().mousePressEvent(event)

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
            across = self.horizontalScrollBar().value()
            self.scrollTo(index)
            self.horizontalScrollBar().setValue(across)
