"""Quick filter and the All / Unpublished / Published switch over the article table.

Sorting is the source model's (Python's sort over precomputed keys); this proxy only
filters. When the filter changes, one Python pass decides every article (by path, so
a re-sort cannot make it stale) and Qt's per-row question becomes a dict lookup;
articles that change are decided again as they change.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt

ALL, UNPUBLISHED, PUBLISHED_ONLY = range(3)
# Above this many rows a filter change resets the view once: removing thousands of row
# ranges one by one costs the view more than rebuilding (100k rows: 1-2 s against 0.5 s).
RESET_ABOVE = 5000


class ArticleFilter(QSortFilterProxyModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._terms: list[str] = []
        self._state = ALL
        self._accepted: dict[str, bool] = {}
        self.setDynamicSortFilter(True)

    def setSourceModel(self, model) -> None:
        super().setSourceModel(model)
        self._accepted = {}
        model.before_change.append(self.forget)

    def sort(self, column, order=Qt.AscendingOrder):
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    def forget(self, rels) -> None:
        """These articles changed: decide them again when Qt asks."""
        for rel in rels:
            self._accepted.pop(rel, None)

    def _active(self) -> bool:
        return self._state != ALL or bool(self._terms)

    def _decide(self, row) -> bool:
        if self._state != ALL and (row.published is True) != (self._state == PUBLISHED_ONLY):
            return False
        if not self._terms:
            return True
        haystack = self.sourceModel().haystack(row)
        return all(term in haystack for term in self._terms)

    def _refilter(self, change) -> None:
        def decide_all():
            change()
            rows = self.sourceModel().library.rows if self.sourceModel() is not None else []
            self._accepted = {row.path: self._decide(row) for row in rows} if self._active() else {}
        source = self.sourceModel()
        if source is not None and source.rowCount() > RESET_ABOVE:
            self.beginResetModel()
            decide_all()
            if not hasattr(self, "beginFilterChange"):
                self.invalidateRowsFilter()
            self.endResetModel()
        elif hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            decide_all()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            decide_all()
            self.invalidateRowsFilter()

    def set_text(self, text: str) -> None:
        terms = text.casefold().split()
        if terms != self._terms:
            self._refilter(lambda: setattr(self, "_terms", terms))

    def set_state(self, state: int) -> None:
        if state != self._state:
            self._refilter(lambda: setattr(self, "_state", state))

    def filterAcceptsRow(self, source_row, source_parent):
        if not self._terms and self._state == ALL:
            return True
        row = self.sourceModel().library.rows[source_row]
        accepted = self._accepted.get(row.path)
        if accepted is None:
            accepted = self._accepted[row.path] = self._decide(row)
        return accepted
