"""One current article, always visible: the current article is a selected row of the
table, on screen, and the one the detail panel shows.

Qt alone does not keep that: removing the current row moves "current" to a neighbour
without selecting it (the panel then showed, and P published, an unhighlighted row), a
reset of the filter forgets it, rows inserted above push it off screen, and a sort in
steps at the end of loading leaves the first file read current under the newest on top.
After every change of the rows shown this puts it right:
- the current article stays current (and is scrolled to) while it is still shown;
- after a search, a switch or a disk change hides it, the first shown row becomes current;
  but while nothing at all is shown (a typo on the way) it is kept in mind, and current
  again when it is shown again (clearing such a search jumped to the top row);
- after an edit moves it out of the filter, the row that took its place (triage goes on);
- at the end of loading, the top row (or, after a reload, the article that was current).
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QObject, Signal

from newsdesk.ui.columns import TITLE
from newsdesk.ui.qtcompat import STRUCTURE_SIGNALS, connect_in_cpp, debounce
from newsdesk.ui.table_model import ROW_ROLE, path_of

FIRST_SELECTION_MS = 30  # after the first rows of a load: the first rows paint, then the panel
CHOOSE = QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows


class CurrentArticle(QObject):
    changed = Signal(object, object)  # the current article's path (None: none), its index row

    def __init__(self, table, proxy, parent=None):
        super().__init__(parent)
        self.table, self.proxy = table, proxy
        self.rel: str | None = None      # the current article, remembered across resets
        self._shown: str | None = None   # what ``changed`` last said
        self._row, self._column = -1, TITLE
        self._scrolled_row = -1          # where it was when last scrolled to
        self._wanted: str | None = None  # after a reload: the article to find again
        self._unshown: str | None = None # current when the rows shown went to none: current again when back
        self._auto: str | None = None    # picked by us while loading: the top row is wanted at the end
        self._ours = False               # the current row being set is ours, not the editor's choice
        self._pending = False            # current moved to a row that is not (yet) selected
        self._deselected = False         # ...because the editor took it out of the selection
        self._settle_timer = debounce(self, 0, self.settle)
        self._first_timer = debounce(self, FIRST_SELECTION_MS, lambda: self.settle(force=True))
        self._decide_timer = debounce(self, 0, self._decide)
        self._scroll_timer = debounce(self, 0, lambda: self.table.scrollTo(self.table.currentIndex()))
        # before the selection model's own connections: it moves "current" during a removal
        connect_in_cpp(proxy, ("rowsAboutToBeRemoved(QModelIndex,int,int)", *STRUCTURE_SIGNALS),
                       self._settle_timer)

    # ---- wiring --------------------------------------------------------------------
    def attach(self, wanted: str | None = None) -> None:
        """The table has a new model (a folder opened): follow its selection model."""
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._current_changed)
        selection.selectionChanged.connect(self._selection_changed)
        self.rel = self._shown = self._auto = self._unshown = None
        self._wanted = wanted
        self._row = self._scrolled_row = -1

    def _selected(self, index) -> bool:
        return index.isValid() and self.table.selectionModel().isRowSelected(index.row())

    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            return  # a reset: settle() finds the article again
        if self._selected(current):
            self._confirm(current)
        else:  # a click selects just after; Qt's own move after a removal never does
            self._pending = True
            self._decide_timer.start()

    def _selection_changed(self, *_):
        current = self.table.currentIndex()
        if self._selected(current):
            if self._pending:
                self._confirm(current)
        elif current.isValid():  # Ctrl-click took the current row out of the selection
            self._pending = self._deselected = True
            self._decide_timer.start()

    def _decide(self) -> None:
        """The current row is not selected, a turn later: say which article is current."""
        if not self._pending:
            return
        self._pending, deselected, self._deselected = False, self._deselected, False
        current = self.table.currentIndex()
        selection = self.table.selectionModel()
        if self._selected(current):
            self._confirm(current)
        elif current.isValid() and deselected and selection.hasSelection():
            # a selected row nearby is current; before settling for rows that came or went
            # meanwhile (a re-sort, the watcher): settling chose the row taken out again,
            # alone, and dropped the rest of the selection
            row = min((i.row() for i in selection.selectedRows()), key=lambda r: abs(r - current.row()))
            selection.setCurrentIndex(self.proxy.index(row, current.column()), QItemSelectionModel.NoUpdate)
        elif not current.isValid() or self._settle_timer.isActive():
            self.settle()  # rows came or went (Qt moved "current" itself): settle decides
        elif self.rel is None:
            # no article was current yet: Qt moved there itself (a view given the keyboard
            # makes its first row current, unselected), not the editor; so the end of loading
            # still puts the top row there (it left the first file read current, at the bottom)
            self._choose(current, False)
            self._auto = self.rel
        else:  # moved with Ctrl (Ctrl+End...), which selects nothing: the row moved to is it
            self._choose(current, False, ours=False)

    def _confirm(self, index) -> None:
        # both flags: a "deselected" left over from a filter's reset (the selection emptied
        # while the old current stood unselected) made the next Ctrl+Home go back here
        self._pending = self._deselected = False
        rel = path_of(index)
        if not self._ours:  # the editor chose: nothing of ours to put back
            self._wanted = self._auto = None
        self.rel, self._row, self._column = rel, index.row(), index.column()
        self._unshown = None
        if rel != self._shown:
            self._shown = rel
            self.changed.emit(rel, index.data(ROW_ROLE))

    # ---- putting it right -------------------------------------------------------------
    def keep(self, change) -> None:
        """Apply a change of what is shown (search, switch); a hidden current article
        gives way to the first row shown."""
        change()
        self.settle(first=True, scroll=True, force=True)

    def settle(self, first: bool = False, scroll: bool = False, force: bool = False) -> None:
        self._settle_timer.stop()
        source = self.proxy.sourceModel()
        if source is None or self.table.selectionModel() is None:
            return
        if self._pending and self._deselected and self.table.selectionModel().hasSelection():
            # the current row was taken out of a selection that goes on (Ctrl-click), and rows
            # changed in the same turn (a re-sort, the watcher): the nearest selected row is
            # current first, or the row taken out came back as the only one selected
            self._decide()
        if self.rel is None and self._wanted is None and not force:
            if self.proxy.rowCount() and not self._first_timer.isActive():
                self._first_timer.start()  # the first rows of a load: they paint first
            return
        index = self._index_of(self._wanted) if self._wanted else self.proxy.index(-1, -1)
        if index.isValid():
            self._wanted = None
        else:
            index = self._index_of(self.rel if self.rel is not None else self._unshown)
        if not index.isValid() and self._to_nearest_selected():
            return
        if not index.isValid():
            # hidden by a search or a switch: the first row; moved out by an edit: the next one
            row = 0 if first or self._row < 0 else min(self._row, self.proxy.rowCount() - 1)
            index = self.proxy.index(row, self._column)
            if index.isValid() and self.rel is None:
                self._auto = path_of(index)
        self._choose(index, scroll)

    def _to_nearest_selected(self) -> bool:
        """The current article went (from disk, or out of the view) while other selected
        rows stay: the nearest of them is current, and the selection is left as it is. (It
        gave way to the top row alone, which the editor had not selected: P published it.)"""
        selection = self.table.selectionModel()
        rows = [index.row() for index in selection.selectedRows()]
        if not rows:
            return False
        row = min(rows, key=lambda r: abs(r - self._row))
        selection.setCurrentIndex(self.proxy.index(row, self._column), QItemSelectionModel.NoUpdate)
        self._confirm(self.table.currentIndex())
        return True

    def loaded(self) -> None:
        """Every file read and sorted: the top row, unless the editor chose meanwhile (or
        the article current before a reload is back)."""
        if self._wanted is not None:
            found = self._index_of(self._wanted)
            self._wanted = None
            if found.isValid():
                self._choose(found, True)
                return
        if self.rel is None or self.rel == self._auto:
            self._auto = None
            self._choose(self.proxy.index(0, self._column), True)

    def select(self, rel: str) -> bool:
        """Make an article current, if it is shown."""
        index = self._index_of(rel)
        if index.isValid():
            self._choose(index, True)
        return index.isValid()

    def _choose(self, index, scroll: bool, ours: bool = True) -> None:
        """Make ``index`` the current, selected row (``ours``: not the editor's choice, so
        the end of loading may still put the top row there)."""
        selection = self.table.selectionModel()
        if not index.isValid():
            if self._shown is not None or self.rel is not None:
                if self.rel is not None and not self.proxy.rowCount():
                    self._unshown = self.rel
                selection.clear()
                self.rel = self._shown = None
                self.changed.emit(None, None)
            return
        current = self.table.currentIndex()
        self._ours = ours
        try:
            if current.row() != index.row() or not current.isValid():
                selection.setCurrentIndex(index, CHOOSE)
            elif not selection.isRowSelected(index.row()):
                selection.select(index, CHOOSE)
            self._confirm(self.table.currentIndex())
        finally:
            self._ours = False
        if scroll or index.row() != self._scrolled_row:  # it moved (not a batch added below it)
            self.table.scrollTo(index)
            self._scroll_timer.start()  # again once the view has laid out rows just come
        self._scrolled_row = index.row()

    def _index_of(self, rel: str | None):
        source = self.proxy.sourceModel()
        if rel is None or source is None:
            return self.proxy.index(-1, -1)
        current = self.table.currentIndex()
        if current.isValid() and path_of(current) == rel:
            return current  # where the view's own (persistent) current index went: no position lookup,
            #                 which right after a sort rebuilds the path -> place map (~75 ms at 100k)
        try:
            position = source.row_of(rel)
        except KeyError:
            return self.proxy.index(-1, -1)
        return self.proxy.mapFromSource(source.index(position, self._column))

    def selected_rels(self) -> list[str]:
        """The articles keys and menus act on: the selected rows, all shown."""
        selection = self.table.selectionModel()
        if selection is None:
            return []
        return [path_of(index) for index in sorted(selection.selectedRows(), key=lambda i: i.row())]
