"""Quick filter and the All / Unpublished / Published switch over the article table.

The query, the switch and the deciding are the library view's (core.library.view), as
the sort order is; this proxy shows what the view lets through. It keeps the accepted
source rows as one sorted Python list, so a filter change is one Python pass over the
articles and Qt never asks row by row (with QSortFilterProxyModel it did: 100k calls
into Python, ~1 s at 100k articles). Mapping an index is a bisect.

Articles that change are decided again as they change: one that now matches comes into
view, but one shown that no longer matches stays, greyed, until the search or the switch
changes or ``refresh`` (as calibre keeps a book edited out of its search, and a mail
client keeps a message just read under "Unread"): Unpublished, then P, left the editor
looking at an empty table, unable to check what was just done. That goes for a change
on disk too (another program's): the row the editor may be reading does not vanish.
``stale_changed`` says how many such rows are shown.
"""
from __future__ import annotations

from bisect import bisect_left
from contextlib import contextmanager

from PySide6.QtCore import QAbstractProxyModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette

from newsdesk.core.editorial.search import SearchError
from newsdesk.core.library.view import ALL, PUBLISHED_ONLY, UNPUBLISHED, Filter, LibraryView
from newsdesk.ui.qtcompat import TIP, enum_int, role_int

__all__ = ["ALL", "PUBLISHED_ONLY", "UNPUBLISHED", "ArticleFilter"]
# Above this many rows a filter change resets the view once: removing thousands of row
# ranges one by one costs the view more than rebuilding.
RESET_ABOVE = 5000
FOREGROUND = enum_int(Qt.ForegroundRole)
STALE_TIP = "\nNo longer matches the search or the switch: shown until you refresh (status bar)"


class ArticleFilter(QAbstractProxyModel):
    stale_changed = Signal(int)   # how many rows shown no longer match (kept by an edit)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._stale: set[str] = set()         # paths shown that no longer match: kept until refreshed
        self._deciding = False                # changes that are no edit (see ``deciding``)
        self._filter = Filter(LibraryView())  # the query and switch, over the source's view
        self._rows: list[int] | None = None   # accepted source rows, ascending; None: all
        self._accepted: set[str] = set()      # their paths, taken just before a re-sort
        self._removing = False
        self._persistent: list = []
        self._persistent_source: list = []

    # ---- the source ------------------------------------------------------------
    def setSourceModel(self, model) -> None:
        old = self.sourceModel()
        if old is not None:
            for signal, slot in self._wiring(old):
                signal.disconnect(slot)
        self.beginResetModel()
        super().setSourceModel(model)
        if model is not None:
            for signal, slot in self._wiring(model):
                signal.connect(slot)
        # the filter goes on, over the new view (words search its search texts)
        self._filter = self._filter.over(model.view if model is not None else LibraryView())
        self._recompute()
        self.endResetModel()

    def _wiring(self, model):
        return [(model.dataChanged, self._source_data_changed),
                (model.rowsAboutToBeInserted, self._source_about_to_insert),
                (model.rowsInserted, self._source_inserted),
                (model.rowsAboutToBeRemoved, self._source_about_to_remove),
                (model.rowsRemoved, self._source_removed),
                (model.layoutAboutToBeChanged, self._source_layout_about),
                (model.layoutChanged, self._source_layout_changed),
                (model.modelAboutToBeReset, self.beginResetModel),
                (model.modelReset, self._source_reset)]

    def sort(self, column, order=Qt.AscendingOrder):
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    # ---- deciding: the view's --------------------------------------------------------
    def _view(self) -> LibraryView:
        return self._filter.view

    def _recompute(self, within: list[int] | None = None, known: tuple = ()) -> None:
        """Decide every row, or only ``within``: the rows a query that this one narrows
        kept, which already hold the ``known`` words (and passed the same switch)."""
        self._rows = self._filter.filtered(within, known) if self.sourceModel() is not None else None
        self._set_stale(set())

    def _set_stale(self, stale: set[str]) -> None:
        had, self._stale = len(self._stale), stale
        if had or stale:
            self.stale_changed.emit(len(stale))

    def stale_count(self) -> int:
        """How many rows shown no longer match the search or the switch."""
        return len(self._stale)

    def is_stale(self, index) -> bool:
        return bool(self._stale) and index.isValid() and self._path_at(self._source_row(index)) in self._stale

    @contextmanager
    def deciding(self, on: bool = True):
        """Changes made within are no one's edit (review states worked out after a load):
        a row they make not match leaves at once, as on a search."""
        was, self._deciding = self._deciding, self._deciding or on
        try:
            yield
        finally:
            self._deciding = was

    def refresh(self) -> None:
        """Decide every row again: the rows kept though they no longer match go."""
        if self._stale:
            self._refilter(lambda: None)

    def _refilter(self, change, narrower: bool = False, known: tuple = ()) -> None:
        source = self.sourceModel()
        if source is None or source.rowCount() > RESET_ABOVE:
            within = self._rows if narrower else None
            if within is not None and self._stale:  # those kept no longer hold the words
                within = [r for r in within if self._path_at(r) not in self._stale]
            known = known if narrower else ()
            self.beginResetModel()
            change()
            self._recompute(within, known)
            self.endResetModel()
            return
        old = self._all_or(self._rows)
        change()
        self._recompute()
        new = self._all_or(self._rows)
        self._rows = old  # move from old to new in steps the views can follow
        keep = set(new)
        for start, end in reversed(_runs([p for p, r in enumerate(old) if r not in keep])):
            self.beginRemoveRows(QModelIndex(), start, end)
            del self._rows[start:end + 1]
            self.endRemoveRows()
        for r in new:
            p = bisect_left(self._rows, r)
            if p == len(self._rows) or self._rows[p] != r:
                self.beginInsertRows(QModelIndex(), p, p)
                self._rows.insert(p, r)
                self.endInsertRows()
        if not self._filter.active():
            self._rows = None

    def _all_or(self, rows: list[int] | None) -> list[int]:
        return list(range(len(self._view()))) if rows is None else list(rows)

    def set_text(self, text: str) -> SearchError | None:
        """Filter by a query of the search language (core.search). A mistake leaves the
        current filter as it is and is returned, for the window to show where it is."""
        old = tuple(self._filter.words or ())
        try:
            narrower = self._filter.set_text(text)
        except SearchError as e:
            return e
        if narrower is None:
            return None
        # Typing on narrows: rows the old words left out stay out, only the kept are looked at.
        self._refilter(lambda: None, narrower and self._rows is not None, old)
        return None

    def set_state(self, state: int) -> None:
        """The switch; the same one again refreshes (the rows kept that no longer match go)."""
        if state != self._filter.state:
            self._refilter(lambda: self._filter.set_state(state))
        else:
            self.refresh()

    def shown_rows(self) -> list:
        """The index rows shown now, in order."""
        return self._view().rows_at(self._rows)

    # ---- mapping -------------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if parent.isValid() or not (0 <= row < self.rowCount() and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    # A repaint asks these for every cell: they go straight to the source's row, with no
    # mapToSource and no source QModelIndex made on the way (a 100k table repainted in
    # 34 ms that way, in ~12 ms this way).
    def _source_row(self, index) -> int:
        n = index.row()
        rows = self._rows
        if rows is None:
            return n
        return rows[n] if 0 <= n < len(rows) else -1

    def _path_at(self, source_row: int) -> str | None:
        rows = self._view().rows
        return rows[source_row].path if 0 <= source_row < len(rows) else None

    def data(self, index, role=Qt.DisplayRole):
        source = self.sourceModel()
        if source is None or not index.isValid():
            return None
        role = role_int(role)
        value = source.value(self._source_row(index), index.column(), role)
        if self._stale and role in (FOREGROUND, TIP) and self.is_stale(index):
            return _grey() if role == FOREGROUND else (value or "") + STALE_TIP
        return value

    def multiData(self, index, roles) -> None:
        source = self.sourceModel()
        if source is not None and index.isValid():
            source.fill(self._source_row(index), index.column(), roles)
            if self._stale and self.is_stale(index):  # greyed: it no longer matches
                for i in range(len(roles)):
                    if roles[i].role() == FOREGROUND:
                        roles[i].setData(_grey())

    def flags(self, index):
        source = self.sourceModel()
        if source is None or not index.isValid():
            return Qt.NoItemFlags
        return source.column_flags(index.column())

    def parent(self, index=QModelIndex()):
        return QModelIndex()

    def sibling(self, row, column, index):
        return self.index(row, column)

    def rowCount(self, parent=QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._view()) if self._rows is None else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        source = self.sourceModel()
        return 0 if parent.isValid() or source is None else source.columnCount()

    def hasChildren(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.rowCount() > 0

    def mapToSource(self, index):
        source = self.sourceModel()
        if not index.isValid() or source is None:
            return QModelIndex()
        row = index.row() if self._rows is None else self._rows[index.row()]
        # createIndex: the row is known to exist; index() would ask rowCount and columnCount
        return source.createIndex(row, index.column())

    def mapFromSource(self, index):
        if not index.isValid():
            return QModelIndex()
        row = index.row()
        if self._rows is not None:
            p = bisect_left(self._rows, row)
            if p == len(self._rows) or self._rows[p] != row:
                return QModelIndex()
            row = p
        return self.index(row, index.column())

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        source = self.sourceModel()
        if orientation == Qt.Horizontal and source is not None:
            return source.headerData(section, orientation, role)
        return section + 1 if role == Qt.DisplayRole else None

    # ---- following the source ----------------------------------------------------------
    def _source_data_changed(self, top_left, bottom_right, roles=()) -> None:
        if self._rows is None:
            self.dataChanged.emit(self.index(top_left.row(), top_left.column()),
                                  self.index(bottom_right.row(), bottom_right.column()), roles)
            return
        accepts_at, stale, count = self._filter.accepts_at, self._stale, len(self._stale)
        last = self.columnCount() - 1
        for r in range(top_left.row(), bottom_right.row() + 1):
            p = bisect_left(self._rows, r)
            shown = p < len(self._rows) and self._rows[p] == r
            wanted = accepts_at(r)
            if wanted and not shown:
                self.beginInsertRows(QModelIndex(), p, p)
                self._rows.insert(p, r)
                self.endInsertRows()
            elif shown and not wanted and self._deciding:
                stale.discard(self._path_at(r))
                self.beginRemoveRows(QModelIndex(), p, p)
                del self._rows[p]
                self.endRemoveRows()
            elif shown:
                # one that no longer matches stays, greyed (the whole row: its look changed)
                path = self._path_at(r)
                was = path in stale
                if was == wanted:
                    (stale.discard if wanted else stale.add)(path)
                    self.dataChanged.emit(self.index(p, 0), self.index(p, last), roles)
                else:
                    self.dataChanged.emit(self.index(p, top_left.column()),
                                          self.index(p, bottom_right.column()), roles)
        if len(stale) != count:
            self.stale_changed.emit(len(stale))

    def _source_about_to_insert(self, parent, first, last) -> None:
        if self._rows is None:
            self.beginInsertRows(QModelIndex(), first, last)

    def _source_inserted(self, parent, first, last) -> None:
        if self._rows is None:
            self.endInsertRows()
            return
        count = last - first + 1
        p = bisect_left(self._rows, first)
        self._rows[p:] = [r + count for r in self._rows[p:]]
        new = self._filter.accepted_in(first, last)
        if new:
            self.beginInsertRows(QModelIndex(), p, p + len(new) - 1)
            self._rows[p:p] = new
            self.endInsertRows()

    def _source_about_to_remove(self, parent, first, last) -> None:
        if self._rows is None:
            self.beginRemoveRows(QModelIndex(), first, last)
            self._removing = True
            return
        lo, hi = bisect_left(self._rows, first), bisect_left(self._rows, last + 1)
        self._removing = lo < hi
        if lo < hi and self._stale:  # gone from the folder: no longer kept
            gone = {self._path_at(r) for r in self._rows[lo:hi]} & self._stale
            if gone:
                self._set_stale(self._stale - gone)
        if lo < hi:
            self.beginRemoveRows(QModelIndex(), lo, hi - 1)
            del self._rows[lo:hi]

    def _source_removed(self, parent, first, last) -> None:
        if self._rows is not None:
            count = last - first + 1
            p = bisect_left(self._rows, first)
            self._rows[p:] = [r - count for r in self._rows[p:]]
        if self._removing:
            self._removing = False
            self.endRemoveRows()

    def _source_layout_about(self, parents=(), hint=None) -> None:
        self.layoutAboutToBeChanged.emit()
        if self._rows is not None:  # the rows shown, by path: the source is about to reorder
            self._accepted = self._view().paths_at(self._rows)
        self._persistent = self.persistentIndexList()
        # the source moves its persistent indexes itself: follow them
        self._persistent_source = [QPersistentModelIndex(self.mapToSource(i)) for i in self._persistent]

    def _source_layout_changed(self, parents=(), hint=None) -> None:
        if self._rows is not None:
            self._rows = self._view().places_of(self._accepted)
            self._accepted = set()
        source = self.sourceModel()
        new = [self.mapFromSource(source.index(p.row(), p.column())) for p in self._persistent_source]
        self.changePersistentIndexList(self._persistent, new)
        self._persistent, self._persistent_source = [], []
        self.layoutChanged.emit()

    def _source_reset(self) -> None:
        self._recompute()
        self.endResetModel()


def _grey():
    """The look of a row kept though it no longer matches: the placeholder text's colour."""
    return QGuiApplication.palette().brush(QPalette.PlaceholderText)


def _runs(positions: list[int]) -> list[tuple[int, int]]:
    """Ascending positions as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for p in positions:
        if runs and runs[-1][1] == p - 1:
            runs[-1] = (runs[-1][0], p)
        else:
            runs.append((p, p))
    return runs
