"""The row store: a folder's index rows in the order they were read, where each one is,
and the counts kept across them (topics, unpublished).

The store never reorders its rows: the table's sort order is the view's
(``core.library.view``). Rows are added at the end and removed by path; the list is
changed in place, so whoever holds it sees the rows as they are.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from newsdesk.core.indexing.index import Row
from newsdesk.core.library.positions import PositionMap
from newsdesk.core.problems import ArticleProblem


class RowStore:
    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.problems: list[ArticleProblem] = []
        self._places = PositionMap()  # rel -> row
        self._topics: Counter = Counter()  # kept as rows come and change: no pass over 100k rows
        self._unpublished = 0

    def __len__(self) -> int:
        return len(self.rows)

    def __contains__(self, rel: str) -> bool:
        return rel in self.positions()

    # ---- rows come and go ---------------------------------------------------------
    def add(self, rows: list[Row], problems: list[ArticleProblem]) -> range:
        start = len(self.rows)
        self.rows.extend(rows)
        self._places.of(self.rows)  # the new rows mapped now (not in the first lookup after a load)
        # one C-level count for the batch (topics are only ever added here)
        self._topics.update(t for row in rows for t in row.topics if isinstance(t, str))
        self._unpublished += sum(1 for row in rows if row.published is not True)
        self.problems.extend(problems)
        return range(start, len(self.rows))

    def remove(self, rels: Iterable[str]) -> list[Row]:
        """Drop the rows of these paths (in one pass); the rows dropped."""
        positions = self.positions()
        gone = {rel for rel in rels if rel in positions}
        if not gone:
            return []
        dropped = [row for row in self.rows if row.path in gone]
        for row in dropped:
            self.tally(row, -1)
        self.rows[:] = [row for row in self.rows if row.path not in gone]  # in place: holders see it
        self._places.forget()
        return dropped

    def replace(self, row: Row) -> Row:
        """Put a row read again in the place of the one of its path; the old row."""
        n = self.positions()[row.path]
        old = self.rows[n]
        self.tally(old, -1)
        self.rows[n] = row
        self.tally(row, 1)
        return old

    def clear(self) -> None:
        self.rows.clear()  # in place: whoever still holds the list holds no rows
        self.problems = []
        self._places.clear()
        self._topics = Counter()
        self._unpublished = 0

    # ---- where each row is ------------------------------------------------------------
    def positions(self) -> dict[str, int]:
        return self._places.of(self.rows)

    def position(self, rel: str) -> int:
        return self.positions()[rel]

    def row(self, rel: str) -> Row:
        return self.rows[self.positions()[rel]]

    # ---- counts across the rows ----------------------------------------------------
    def tally(self, row: Row, sign: int) -> None:
        """Library-wide counts kept as rows come, change and go (no pass over 100k rows)."""
        if row.published is not True:
            self._unpublished += sign
        for topic in row.topics:
            if isinstance(topic, str):
                self._topics[topic] += sign
                if self._topics[topic] <= 0:
                    del self._topics[topic]

    def topics(self) -> Counter:
        """How many articles carry each topic (as edited, saved or not)."""
        return Counter(self._topics)

    def unpublished(self) -> int:
        return self._unpublished

    def with_topic(self, topics: set[str]) -> list[str]:
        """The articles carrying any of these topics (from the index rows: no parsing)."""
        return [row.path for row in self.rows if any(t in topics for t in row.topics if isinstance(t, str))]
