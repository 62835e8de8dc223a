"""The status bar's quiet word that the table's order is stale: an edit changed what a row
is sorted by, and rows do not jump away under the editor (as in calibre), so the table
is no longer in order. "Order as before your edits · Re-sort" shows while an edited row
sits out of place among the rows shown; Re-sort (or a click on a column header, or an
undo that puts the row back) takes it away.

Only the rows an edit touched are looked at, each against its two neighbours, once per
event-loop turn; they are kept by path, so a search that hides one and shows it again
finds it. After a bulk edit of more than BULK rows the whole shown order is looked at
once, and the word stays until a sort."""
from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from newsdesk.ui.columns import TABLE
from newsdesk.ui.qtcompat import debounce
from newsdesk.ui.table_model import PATH_ROLE, SORT_ROLE

BULK = 2000  # edited rows above which the whole order is looked at, not each row

HINT = "Order as before your edits \u00b7 <a href='resort' style='text-decoration:none'>Re-sort</a>"
TIP = ("An edit changed what the table is sorted by; the rows stay where they were so that none\n"
       "jumps away while you work. Re-sort, or click the column header, to put them in order.")


class OrderHint(QObject):
    def __init__(self, proxy, parent=None):
        super().__init__(parent)
        self.proxy = proxy
        self.label = QLabel(HINT, objectName="orderHint", toolTip=TIP)
        self.label.setTextFormat(Qt.RichText)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        self.label.setContentsMargins(0, 0, 12, 0)   # apart from the counts
        self.label.linkActivated.connect(lambda _link: self.resort())
        self.label.hide()
        self._edited: set[str] = set()    # paths of edited rows found out of place
        self._pending: set[str] = set()   # paths edited since the last look
        self._bulk = False                # so many edited that the whole order is looked at
        self._many = False                # out of order, too many rows to follow one by one
        self._source = None
        self.timer = debounce(self, 0, self._update)  # once per event-loop turn: a bulk edit is one look
        proxy.dataChanged.connect(self._changed)
        for signal in (proxy.rowsInserted, proxy.rowsRemoved):
            signal.connect(self.timer.start)
        proxy.layoutChanged.connect(self._sorted)   # the table's only reordering is a sort
        proxy.modelReset.connect(self._reset)

    def resort(self) -> None:
        source = self.proxy.sourceModel()
        if source is not None:
            source.resort()

    # ---- following the table ------------------------------------------------------
    def _changed(self, top_left, bottom_right, _roles=()) -> None:
        column = self._sort_column()
        if column is None or not top_left.column() <= column <= bottom_right.column():
            return
        if self._bulk or bottom_right.row() - top_left.row() >= BULK:
            self._bulk = True
        else:
            self._pending.update(self.proxy.index(n, column).data(PATH_ROLE)
                                 for n in range(top_left.row(), bottom_right.row() + 1))
            self._bulk = len(self._pending) > BULK
        self.timer.start()

    def _sorted(self, *_args) -> None:
        self._edited.clear()
        self._pending.clear()
        self._bulk = self._many = False
        self._update()

    def _reset(self) -> None:
        if self.proxy.sourceModel() is not self._source:   # another folder (not a search)
            self._source = self.proxy.sourceModel()
            self._sorted()
        else:
            self.timer.start()

    def _update(self) -> None:
        column = self._sort_column()
        if column is None:
            self._edited.clear()
            self._bulk = self._many = False
        elif self._bulk:
            self._many = self._many or self._shown_out_of_order(column)
            self._bulk = False
        elif not self._many:
            found = {rel for rel in self._pending if self._still_out(rel, column)}
            self._edited = {rel for rel in self._edited if self._still_out(rel, column)} | found
            self._many = len(self._edited) > BULK
        self._pending.clear()
        shown = column is not None and (self._many or any(self._shown_row(rel, column) >= 0 for rel in self._edited))
        self.label.setVisible(shown)

    # ---- deciding --------------------------------------------------------------------
    def _sort_column(self):
        source = self.proxy.sourceModel()
        if source is None or source.sort_column < 0:
            return None
        return source.sort_column

    def _shown_out_of_order(self, column: int) -> bool:
        """The whole shown order looked at (~60 ms at 100k rows): after a bulk edit."""
        source = self.proxy.sourceModel()
        keys = list(map(TABLE[column].key_function(source), self.proxy.shown_rows()))
        if source.sort_order == Qt.DescendingOrder:
            return any(a < b for a, b in pairwise(keys))
        return any(b < a for a, b in pairwise(keys))

    def _key(self, n: int, column: int):
        return self.proxy.index(n, column).data(SORT_ROLE)

    def _out_of_place(self, n: int, column: int) -> bool:
        """Row ``n`` (shown) against its shown neighbours, in the sort's direction (the sort
        is stable: equal keys are in order)."""
        descending = self.proxy.sourceModel().sort_order == Qt.DescendingOrder
        key = self._key(n, column)
        for other in (n - 1, n + 1):
            if not 0 <= other < self.proxy.rowCount():
                continue
            first, second = (self._key(other, column), key) if other < n else (key, self._key(other, column))
            if (first < second) if descending else (second < first):
                return True
        return False

    def _shown_row(self, rel: str, column) -> int:
        source = self.proxy.sourceModel()
        try:
            n = source.row_of(rel)
        except KeyError:
            return -1
        return self.proxy.mapFromSource(source.index(n, column)).row()

    def _still_out(self, rel: str, column: int) -> bool:
        """Out of place where shown; a hidden one is kept (a search may show it again)."""
        n = self._shown_row(rel, column)
        if n < 0:
            try:
                self.proxy.sourceModel().row_of(rel)
            except KeyError:
                return False   # gone from the folder
            return True
        return self._out_of_place(n, column)
