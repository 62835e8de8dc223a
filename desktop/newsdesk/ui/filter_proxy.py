"""Quick filter and the All / Unpublished / Published switch over the article table."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

from newsdesk.ui.table_model import SEARCH_ROLE, SORT_ROLE, PUBLISHED

ALL, UNPUBLISHED, PUBLISHED_ONLY = range(3)


class ArticleFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: list[str] = []
        self._state = ALL
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        terms = text.casefold().split()
        if terms != self._terms:
            self._refilter(lambda: setattr(self, "_terms", terms))

    def set_state(self, state: int) -> None:
        if state != self._state:
            self._refilter(lambda: setattr(self, "_state", state))

    def filterAcceptsRow(self, source_row, source_parent):
        model = self.sourceModel()
        if self._state != ALL:
            checked = model.index(source_row, PUBLISHED, source_parent).data(Qt.CheckStateRole) == Qt.Checked
            if checked != (self._state == PUBLISHED_ONLY):
                return False
        if self._terms:
            haystack = model.index(source_row, 0, source_parent).data(SEARCH_ROLE)
            return all(term in haystack for term in self._terms)
        return True
