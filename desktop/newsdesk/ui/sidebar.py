"""The Browse panel: saved searches, and facets of the library with counts of what the
search shows.

Click a facet value (or Enter on it) to search for it; Ctrl adds it to the current
search. The entries are the whole library's, in its order (by count or by name: the
list's context menu), and keep their places while the table is filtered: only the counts
change, to the articles shown now (redrawn after the list settles), 0 greyed. The
current entry, the selection and the scroll stay; facets closed stay closed.
"""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.editorial.facets import BY_COUNT, BY_NAME
from newsdesk.core.editorial.facets import layout as facets_layout
from newsdesk.ui.facet_model import COUNT, NAME, TERM_ROLE, FacetModel
from newsdesk.ui.qtcompat import DATA_SIGNAL, STRUCTURE_SIGNALS, connect_in_cpp, debounce, disconnect_receiver

REFRESH_PAUSE_MS = 250  # the counts are redrawn once the list has settled
COUNT_PADDING = 16      # px beside the widest count (the cell's margins)
SORT_KEY, COLLAPSED_KEY = "browse/sortBy", "browse/collapsed"


class Sidebar(QDockWidget):
    search = Signal(str, bool)    # the search text or term, and whether to add it to the search
    done = Signal()               # closed with the keys in it: they go back (to the table)

    def __init__(self, settings, parent=None):
        super().__init__("Browse", parent)
        self.setObjectName("browseDock")
        self.settings = settings
        self.rows_of = lambda: []  # the rows shown now (see follow)
        self.review_of = None      # path -> "new" / "reviewed" / "flagged" (the review desk's)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.saved = QListWidget()
        self.saved.setObjectName("savedSearches")
        self.saved.setToolTip("Saved searches: click one to run it")
        self.saved.setMaximumHeight(self.fontMetrics().height() * 7)
        self.saved.itemActivated.connect(self._run_saved)
        self.saved.itemClicked.connect(self._run_saved)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("Save Search\u2026")
        self.save_button.setObjectName("saveSearch")
        self.save_button.clicked.connect(lambda: self.save_current())  # not clicked(bool) as a name
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_selected)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.delete_button)
        self._make_facets()
        layout.addWidget(self.saved)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.current_text = lambda: ""  # the search now (see follow)
        self._timer = debounce(self, REFRESH_PAUSE_MS, self.refresh)
        self._library_timer = debounce(self, 0, self._library_changed)  # the table model's own changes
        self.visibilityChanged.connect(lambda shown: shown and self.refresh_soon())
        self.toggleViewAction().triggered.connect(self._toggled)
        self._fill_saved()

    def _make_facets(self) -> None:
        self.model = FacetModel(self)
        self._proxy = self._source = None   # the filter followed, and the table model under it
        self._stale = True                  # the library changed since the entries were made
        value = self.settings.value(COLLAPSED_KEY, [])
        self._collapsed = {str(v) for v in value} if isinstance(value, list) else set()
        tree = self.tree = QTreeView()
        tree.setObjectName("facets")
        tree.setModel(self.model)
        tree.setUniformRowHeights(True)
        tree.setAllColumnsShowFocus(True)
        tree.setEditTriggers(QAbstractItemView.NoEditTriggers)
        tree.setSelectionMode(QAbstractItemView.SingleSelection)
        tree.setTextElideMode(Qt.ElideRight)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setSectionResizeMode(NAME, QHeaderView.Stretch)
        header.setSectionResizeMode(COUNT, QHeaderView.Fixed)
        tree.clicked.connect(self._facet_clicked)
        tree.activated.connect(self._facet_clicked)  # Enter (and a double click: the same search again)
        tree.expanded.connect(lambda index: self._set_expanded(index, True))
        tree.collapsed.connect(lambda index: self._set_expanded(index, False))
        tree.setContextMenuPolicy(Qt.ActionsContextMenu)
        self.sort_actions = QActionGroup(self)
        for by, text in ((BY_COUNT, "Sort Values by Count"), (BY_NAME, "Sort Values by Name")):
            action = QAction(text, self.sort_actions, checkable=True, data=by)
            action.setChecked(by == self.sort_by())
            action.triggered.connect(lambda _=False, b=by: self.set_sort_by(b))
            tree.addAction(action)

    def _toggled(self, shown: bool) -> None:
        """Asked for (Ctrl+B, the button, the menu): the keys to the list, to walk it at once."""
        if shown:
            self.tree.setFocus(Qt.ShortcutFocusReason)

    def hideEvent(self, event) -> None:
        """Closed with the keys in it: they go back (``done``), not on to the next widget,
        the search box, where the table's next P was typed. (Here, before Qt moves them;
        isHidden: this panel closed, not the window.)"""
        if self.isHidden() and self.isAncestorOf(QApplication.focusWidget()):
            self.done.emit()
        super().hideEvent(event)

    def follow(self, proxy, current_text) -> None:
        """Count what ``proxy`` shows, again whenever its rows change (a timer started on
        the C++ side: see qtcompat.connect_in_cpp), over the entries of its source's rows
        (made again when that model changes); ``current_text()`` is the search."""
        self._proxy = proxy
        self.rows_of, self.current_text = proxy.shown_rows, current_text
        connect_in_cpp(proxy, (*STRUCTURE_SIGNALS, DATA_SIGNAL), self._timer)

    # ---- saved searches ----------------------------------------------------------
    def saved_searches(self) -> list[tuple[str, str]]:
        value = self.settings.value("savedSearches", [])
        pairs = []
        for entry in value if isinstance(value, list) else []:
            if isinstance(entry, (list, tuple)) and len(entry) == 2:
                pairs.append((str(entry[0]), str(entry[1])))
        return pairs

    def _store(self, pairs) -> None:
        self.settings.setValue("savedSearches", [list(p) for p in pairs])
        self._fill_saved()

    def _fill_saved(self) -> None:
        self.saved.clear()
        if not self.saved_searches():
            hint = QListWidgetItem("None yet: search, then Save Search\u2026")
            hint.setFlags(Qt.NoItemFlags)
            self.saved.addItem(hint)
        for name, query in self.saved_searches():
            item = QListWidgetItem(name)
            item.setData(TERM_ROLE, query)
            item.setToolTip(query)
            self.saved.addItem(item)

    def save_current(self, name: str | None = None) -> None:
        query = self.current_text().strip()
        if not query:
            return
        if name is None:
            name, ok = QInputDialog.getText(self, "Save Search", f"Name for \u201c{query}\u201d:", text=query)
            if not ok or not name.strip():
                return
        pairs = [p for p in self.saved_searches() if p[0] != name.strip()] + [(name.strip(), query)]
        self._store(pairs)

    def delete_selected(self) -> None:
        item = self.saved.currentItem()
        if item is not None:
            self._store([p for p in self.saved_searches() if p[0] != item.text()])

    def _run_saved(self, item) -> None:
        if item.data(TERM_ROLE):
            self.search.emit(item.data(TERM_ROLE), False)

    # ---- facets ------------------------------------------------------------------
    def refresh_soon(self, library: bool = True) -> None:
        """Count again once things settle; ``library``: the library's rows changed too (an
        edit, a review mark), not only which of them are shown."""
        self._stale = self._stale or library
        if self.isVisible():
            self._timer.start()

    def _library_changed(self) -> None:
        self.refresh_soon(library=True)

    def refresh(self) -> None:
        """The counts of the rows shown; the entries themselves (which, in what order) are
        the library's and are made again only when it changed."""
        if not self.isVisible():
            return
        source = self._proxy.sourceModel() if self._proxy is not None else None
        if source is not self._source:
            self._watch_library(source)
        shown, text = self.rows_of(), self.current_text()
        if not self._stale:
            layout = self.model.layout
            self.model.set_shown(layout.shown(shown, self.review_of), len(shown), layout.in_search(text))
            return
        self._stale = False
        rows = source.view.rows if source is not None else []
        layout = facets_layout(rows, self.review_of, self.sort_by())
        place = self._place()
        if self.model.set_layout(layout, layout.shown(shown, self.review_of), len(shown), layout.in_search(text)):
            self._put_back(place)
        self._fit_count_column()

    def _watch_library(self, source) -> None:
        """Follow the table model's own changes (the library's), not only the filter's."""
        if self._source is not None:
            try:
                disconnect_receiver([self._source], self._library_timer)
            except RuntimeError:  # the last folder's model, deleted: Qt cut its connections then
                pass
        self._source = source
        if source is not None:
            connect_in_cpp(source, (*STRUCTURE_SIGNALS, DATA_SIGNAL), self._library_timer)
        self._stale = True

    def _place(self):
        """Where the keyboard and the eye are: the current entry, selected or not, and the scroll."""
        current = self.tree.currentIndex()
        entry = self.model.entry(current)
        return (self.model.facet_of(current), entry.value if entry else None,
                self.tree.selectionModel().isSelected(current), self.tree.verticalScrollBar().value())

    def _put_back(self, place) -> None:
        """After the entries changed: every facet opened or closed as the editor left it,
        the same entry current (found by name), the list scrolled where it was."""
        facet, value, selected, scroll = place
        for f in range(self.model.rowCount()):
            self.tree.setExpanded(self.model.index(f, 0), self.model.layout.facets[f][0] not in self._collapsed)
        index = self.model.find(facet, value) if facet else QModelIndex()
        if index.isValid():
            flags = QItemSelectionModel.ClearAndSelect if selected else QItemSelectionModel.NoUpdate
            self.tree.selectionModel().setCurrentIndex(index, flags | QItemSelectionModel.Rows)
        self.tree.verticalScrollBar().setValue(scroll)

    def _fit_count_column(self) -> None:
        """Wide enough for the library's largest count, whatever is shown: the names keep
        their room while a search changes the counts."""
        digits = self.tree.fontMetrics().horizontalAdvance(f"{self.model.layout.size:,}") + COUNT_PADDING
        header = self.tree.header()
        header.resizeSection(COUNT, max(digits, header.sectionSizeHint(COUNT)))

    def _set_expanded(self, index, expanded: bool) -> None:
        facet = self.model.facet_of(index)
        if facet is None or index.parent().isValid():
            return
        collapsed = (self._collapsed - {facet}) if expanded else (self._collapsed | {facet})
        if collapsed != self._collapsed:
            self._collapsed = collapsed
            self.settings.setValue(COLLAPSED_KEY, sorted(collapsed))

    def sort_by(self) -> str:
        value = self.settings.value(SORT_KEY, BY_COUNT)
        return value if value in (BY_COUNT, BY_NAME) else BY_COUNT

    def set_sort_by(self, by: str) -> None:
        self.settings.setValue(SORT_KEY, by)
        for action in self.sort_actions.actions():
            action.setChecked(action.data() == by)
        self.refresh_soon()

    def _facet_clicked(self, index) -> None:
        term = index.data(TERM_ROLE)
        if term:
            combine = bool(QApplication.keyboardModifiers() & Qt.ControlModifier)
            self.search.emit(term, combine)
