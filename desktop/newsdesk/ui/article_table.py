"""The article table's view: whole rows selected, sortable, movable columns, inline
editing of Published and Quality, the selected articles' actions on right-click."""
from __future__ import annotations

from PySide6.QtCore import Qt
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
