"""An undo shows what it put back: the rows the undone step acted on become the selection
(those shown), so that after undoing a bulk edit the editor sees, and can act again on,
every article it touched. Ctrl+A, P, then Ctrl+Z selected only the last of six.

The current row stays current when it is one of them; else the first of them is. When
they are all selected already the selection stays as it is (publishing three of which one
was published already changed two: the third stays selected). Redo
and new edits leave the selection alone: an edit acts on the selection already, and a
change across the library (the topic manager's rename) should not select half of it."""
from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject

from newsdesk.ui.session import DataCommand
from newsdesk.ui.table_model import path_of

ROWS = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows


class UndoSelection(QObject):
    def __init__(self, window, parent=None):
        super().__init__(parent or window)
        self.window = window
        self._stack = None
        self._index = 0
        group = window.undo_group
        group.activeStackChanged.connect(self._stack_changed)
        group.indexChanged.connect(self._moved)

    def _stack_changed(self, stack) -> None:
        self._stack = stack
        self._index = stack.index() if stack is not None else 0

    def _moved(self, index: int) -> None:
        stack = self.window.undo_group.activeStack()
        old, self._index = self._index, index
        if stack is None or stack is not self._stack or index >= old:
            return
        rels: set[str] = set()
        for n in range(index, old):   # the steps undone (a cleared stack has none left)
            command = stack.command(n)
            if isinstance(command, DataCommand):
                rels.update(command.changes)
        if rels:
            self.select(rels)

    def select(self, rels: set[str]) -> None:
        """Select the shown rows of these articles (the current one stays current if among them)."""
        w = self.window
        proxy, table = w.proxy, w.table
        source, selection = proxy.sourceModel(), table.selectionModel()
        if source is None or selection is None:
            return
        rows = []
        for rel in rels:
            try:
                n = source.row_of(rel)
            except KeyError:
                continue    # gone from the folder meanwhile
            row = proxy.mapFromSource(source.index(n, 0)).row()
            if row >= 0:
                rows.append(row)
        if not rows:
            return
        rows.sort()
        if set(rows) <= {i.row() for i in selection.selectedRows()}:
            return   # all selected already (a bulk step left out those it had nothing to change)
        last = proxy.columnCount() - 1
        chosen = QItemSelection()
        start = prev = rows[0]
        for row in rows[1:] + [None]:
            if row is not None and row == prev + 1:
                prev = row
                continue
            chosen.select(proxy.index(start, 0), proxy.index(prev, last))
            if row is not None:
                start = prev = row
        current = table.currentIndex()
        selection.select(chosen, ROWS)
        if not (current.isValid() and path_of(current) in rels):
            column = current.column() if current.isValid() else 0
            selection.setCurrentIndex(proxy.index(rows[0], column), QItemSelectionModel.NoUpdate)
        table.scrollTo(table.currentIndex())
