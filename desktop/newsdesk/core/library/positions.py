"""Where each row is: a path -> place map over a list of rows, made in steps.

The row store (``rows.py``, rows in the order read) and the view (``view.py``, rows in
the table's order) each hold one over their own list.
"""
from __future__ import annotations

from typing import Protocol


class _Pathed(Protocol):
    path: str


class PositionMap:
    """path -> place in a list of rows. The list is the holder's, passed to each call (the
    view replaces its list when it reorders). Rows added at the end are mapped when next
    asked; after the holder reorders or cuts its list (``forget``), the map is made anew;
    ``make`` maps a given number of rows more, for a holder that spreads the work over
    event-loop turns (the whole map of 100k rows is ~75 ms)."""

    def __init__(self) -> None:
        self._map: dict[str, int] | None = {}  # None: made anew when asked
        self._mapped = 0  # how many rows (from the first) the map holds

    def of(self, rows: list[_Pathed]) -> dict[str, int]:
        """The map of every row of ``rows`` (the rows not yet mapped mapped now)."""
        if self._map is None or self._mapped < len(rows):
            self.make(rows, len(rows))
        return self._map

    def make(self, rows: list[_Pathed], count: int) -> bool:
        """Map ``count`` more rows of ``rows``; True once every row is mapped."""
        if self._map is None:
            self._map, self._mapped = {}, 0
        start, stop = self._mapped, min(len(rows), self._mapped + count)
        self._map.update(zip([row.path for row in rows[start:stop]], range(start, stop), strict=True))
        self._mapped = stop
        return stop >= len(rows)

    def forget(self) -> None:
        """The rows moved or some went: the map is made anew when next asked."""
        self._map = None

    def clear(self) -> None:
        """No rows any more."""
        self._map, self._mapped = {}, 0
