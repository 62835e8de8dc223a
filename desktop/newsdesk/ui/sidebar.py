"""The Browse panel: saved searches, and facets of what the search shows.

Click a facet value to search for it; Ctrl-click adds it to the current search.
Counts are of the articles shown now, redrawn after the list settles.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.editorial.facets import FACETS, facets, ordered, term_for
from newsdesk.ui.qtcompat import DATA_SIGNAL, STRUCTURE_SIGNALS, connect_in_cpp, debounce

SHOWN_PER_FACET = 40
REFRESH_PAUSE_MS = 250  # the counts are redrawn once the list has settled
TERM_ROLE = Qt.UserRole + 1


class Sidebar(QDockWidget):
    search = Signal(str, bool)    # the search text or term, and whether to add it to the search

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
        self.tree = QTreeWidget()
        self.tree.setObjectName("facets")
        self.tree.setHeaderLabels(["Facet", "Articles"])
        self.tree.setRootIsDecorated(True)
        self.tree.setToolTip("Click to search for a value; Ctrl-click to add it to the search")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.tree.itemClicked.connect(self._facet_clicked)
        self.tree.itemActivated.connect(self._facet_clicked)
        layout.addWidget(self.saved)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self.current_text = lambda: ""  # the search now (see follow)
        self._timer = debounce(self, REFRESH_PAUSE_MS, self.refresh)
        self.visibilityChanged.connect(lambda shown: shown and self.refresh_soon())
        self._fill_saved()

    def follow(self, proxy, current_text) -> None:
        """Count what ``proxy`` shows, again whenever its rows change (a timer started on
        the C++ side: see qtcompat.connect_in_cpp); ``current_text()`` is the search."""
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
    def refresh_soon(self) -> None:
        if self.isVisible():
            self._timer.start()

    def refresh(self) -> None:
        if not self.isVisible():
            return
        counts = facets(self.rows_of(), self.review_of)
        open_facets = {self.tree.topLevelItem(i).text(0).split(" (")[0]
                       for i in range(self.tree.topLevelItemCount()) if self.tree.topLevelItem(i).isExpanded()}
        self.tree.clear()
        for facet in (f for f in FACETS if f in counts):
            values = ordered(facet, counts[facet])
            top = QTreeWidgetItem([f"{facet} ({len(values)})", ""])
            top.setFlags(Qt.ItemIsEnabled)
            for value, count in values[:SHOWN_PER_FACET]:
                child = QTreeWidgetItem([value, f"{count:,}"])
                child.setData(0, TERM_ROLE, term_for(facet, value))
                child.setTextAlignment(1, Qt.AlignRight | Qt.AlignVCenter)
                top.addChild(child)
            if len(values) > SHOWN_PER_FACET:
                more = QTreeWidgetItem([f"\u2026 {len(values) - SHOWN_PER_FACET} more", ""])
                more.setFlags(Qt.ItemIsEnabled)
                top.addChild(more)
            self.tree.addTopLevelItem(top)
            top.setExpanded(facet in open_facets or not open_facets)

    def _facet_clicked(self, item, _column=0) -> None:
        term = item.data(0, TERM_ROLE)
        if term:
            combine = bool(QApplication.keyboardModifiers() & Qt.ControlModifier)
            self.search.emit(term, combine)
