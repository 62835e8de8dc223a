"""The Browse panel's facets as a Qt model: a facet (Topics, Providers...) over its values,
a name column and a count column.

The entries and their order are the core's ``Layout`` (the whole library's); a search
changes only the counts (``set_shown``: dataChanged, no reset), so the view keeps its
current entry, selection, expansion and scroll position while the table is filtered, as
calibre's Tag browser does. An entry the rows shown lack reads 0, greyed, in its place;
one the search holds (a click put it there) is bold, as calibre marks a searched tag.
Only a change of the library that moves or adds entries resets the model
(``set_layout``); the panel puts its current entry back by name then."""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from newsdesk.core.editorial.facets import Entry, Layout
from newsdesk.ui.qtcompat import ALIGN, DISPLAY, FONT, RIGHT, TIP, USER, enum_int, role_int

NAME, COUNT = 0, 1
TERM_ROLE = USER + 1          # an entry's search term (None for a facet's own row)
TOP = 0                       # internal id of a facet's row; a value's is its facet's row + 1
FOREGROUND = role_int(Qt.ForegroundRole)
HEADERS = ("Facet", "Articles")
HEADER_TIPS = ("Click a value to search for it; Ctrl+click adds it to the search",
               "How many of the articles shown now have the value (the same place for each "
               "value while you search; none left: greyed)")


class FacetModel(QAbstractItemModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.layout = Layout()
        self._shown: tuple[tuple[int, ...], ...] = ()
        self._shown_size = 0
        self._searched: frozenset[str] = frozenset()   # the entries' terms the search holds
        self._bold = QFont()
        self._bold.setBold(True)

    # ---- what it shows -------------------------------------------------------------
    def set_layout(self, layout: Layout, shown, shown_size: int, searched=frozenset()) -> bool:
        """New entries (the library changed): a reset only when an entry moved, came or
        went; True then (the view puts its current entry back)."""
        if layout.key() == self.layout.key():
            self.layout = layout
            self.set_shown(shown, shown_size, searched)
            return False
        self.beginResetModel()
        self.layout, self._shown, self._shown_size, self._searched = layout, shown, shown_size, searched
        self.endResetModel()
        return True

    def set_shown(self, shown, shown_size: int, searched=frozenset()) -> None:
        """The counts of the rows shown now, and the terms searched: every entry keeps its place."""
        if (shown, shown_size, searched) == (self._shown, self._shown_size, self._searched):
            return
        self._shown, self._shown_size, self._searched = shown, shown_size, searched
        for f, (_facet, entries) in enumerate(self.layout.facets):
            top = self.index(f, 0)
            self.dataChanged.emit(top, self.index(f, COUNT))
            if entries:
                self.dataChanged.emit(self.index(0, NAME, top), self.index(len(entries) - 1, COUNT, top))

    @property
    def shown_size(self) -> int:
        """How many rows the counts are of."""
        return self._shown_size

    def filtered(self) -> bool:
        return self._shown_size != self.layout.size

    def entry(self, index) -> Entry | None:
        if not index.isValid() or index.internalId() == TOP:
            return None
        return self.layout.facets[index.internalId() - 1][1][index.row()]

    def facet_of(self, index) -> str | None:
        if not index.isValid():
            return None
        f = index.row() if index.internalId() == TOP else index.internalId() - 1
        return self.layout.facets[f][0]

    def shown_count(self, index) -> int:
        return self._shown[index.internalId() - 1][index.row()] if self._shown else 0

    def find(self, facet: str, value: str | None = None) -> QModelIndex:
        """The row of a facet, or of one of its values (invalid: no longer there)."""
        for f, (name, entries) in enumerate(self.layout.facets):
            if name != facet:
                continue
            top = self.index(f, 0)
            if value is None:
                return top
            for r, e in enumerate(entries):
                if e.value == value:
                    return self.index(r, 0, top)
        return QModelIndex()

    # ---- the model -----------------------------------------------------------------
    def index(self, row, column, parent=QModelIndex()):
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index=QModelIndex()):
        if not index.isValid() or index.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, TOP)

    def rowCount(self, parent=QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.layout.facets)
        if parent.internalId() == TOP and parent.column() == 0:
            return len(self.layout.facets[parent.row()][1])
        return 0

    def columnCount(self, parent=QModelIndex()) -> int:
        return len(HEADERS)

    def flags(self, index):
        if not index.isValid():
            return Qt.NoItemFlags
        if index.internalId() == TOP:
            return Qt.ItemIsEnabled
        return Qt.ItemIsEnabled | Qt.ItemIsSelectable

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation != Qt.Horizontal or not 0 <= section < len(HEADERS):
            return None
        role = role_int(role)
        if role == DISPLAY:
            return HEADERS[section]
        if role == TIP:
            return HEADER_TIPS[section]
        if role == ALIGN:  # over the names, over the counts
            return RIGHT if section == COUNT else enum_int(Qt.AlignLeft | Qt.AlignVCenter)
        return None

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        role = role_int(role)
        if index.internalId() == TOP:
            return self._facet_data(index, role)
        entry = self.entry(index)
        shown = self.shown_count(index)
        if role == DISPLAY:
            return entry.value if index.column() == NAME else f"{shown:,}"
        if role == TERM_ROLE:
            return entry.term
        if role == ALIGN and index.column() == COUNT:
            return RIGHT
        if role == FONT and entry.term in self._searched:
            return self._bold
        if role == FOREGROUND and shown == 0:
            return QApplication.palette().brush(QPalette.Disabled, QPalette.Text)
        if role == TIP:
            return self._tip(entry, shown)
        return None

    def _facet_data(self, index, role):
        facet, entries = self.layout.facets[index.row()]
        if role == DISPLAY and index.column() == NAME:
            return f"{facet} ({len(entries):,})"
        if role == FONT and index.column() == NAME:
            return self._bold
        if role == TIP:
            present = sum(1 for n in self._shown[index.row()] if n) if self._shown else 0
            kinds = facet.lower()
            if self.filtered():
                return f"{len(entries):,} {kinds} in the library, {present:,} among the articles shown"
            return f"{len(entries):,} {kinds} in the library"
        return None

    def _tip(self, entry: Entry, shown: int) -> str:
        lines = [entry.value]
        if self.filtered():
            lines.append(f"{shown:,} of the {self._shown_size:,} articles shown \u00b7 {entry.total:,} in the library")
        else:
            lines.append(f"{entry.total:,} article{'s' if entry.total != 1 else ''}")
        if entry.term in self._searched:
            lines.append("In the search now")
        lines.append(f"Click: search for {entry.term}\nCtrl+click: add it to the search")
        return "\n".join(lines)
