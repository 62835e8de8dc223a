"""Quick filter and the All / Unpublished / Published switch over the article table.

Sorting is the source model's (Python's sort over precomputed keys); this proxy only
filters. A row's match is cached against its search text, so a keystroke costs one
pass over the library and an edit (which makes new search text) is seen at once.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

ALL, UNPUBLISHED, PUBLISHED_ONLY = range(3)


class ArticleFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: list[str] = []
        self._state = ALL
        self._matches: dict[str, tuple[str, bool]] = {}
        self.setDynamicSortFilter(True)

    def sort(self, column, order=Qt.AscendingOrder):
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            change()
            self._matches.clear()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self._matches.clear()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        terms = text.casefold().split()
        if terms != self._terms:
            self._refilter(lambda: setattr(self, "_terms", terms))

    def set_state(self, state: int) -> None:
        if state != self._state:
            self._refilter(lambda: setattr(self, "_state", state))

    def filterAcceptsRow(self, source_row, source_parent):
        if self._state == ALL and not self._terms:
            return True
        model = self.sourceModel()
        row = model.library.rows[source_row]
        if self._state != ALL and (row.published is True) != (self._state == PUBLISHED_ONLY):
            return False
        if not self._terms:
            return True
        haystack = model.haystack(row)
        cached = self._matches.get(row.path)
        if cached is not None and cached[0] is haystack:
            return cached[1]
        match = all(term in haystack for term in self._terms)
        self._matches[row.path] = (haystack, match)
        return match
