"""Where rows that come in from disk (a new file, or one fixed after being unreadable) go
in the table's sort, instead of at the bottom: a file repaired on disk came back as the
last row of a table sorted by date, though it was the newest. A bisect per row over the
view's order (~17 keys at 100k rows), not a re-sort: the other rows do not move (an edited
row out of place stays where the editor left it)."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby

from newsdesk.core.indexing.index import Row


def place_of(rows: Sequence[Row], key: Callable[[Row], object], value, reverse: bool = False) -> int:
    """The place among ``rows`` (in order by ``key``, perhaps out of it here and there) for
    a row whose key is ``value``: after its equals, as a stable sort puts a row read last."""
    lo, hi = 0, len(rows)
    while lo < hi:
        mid = (lo + hi) // 2
        other = key(rows[mid])
        if (other < value) if reverse else (value < other):
            hi = mid
        else:
            lo = mid + 1
    return lo


def runs_in_order(rows: Sequence[Row], key: Callable[[Row], object], new: list[Row],
                  reverse: bool = False) -> list[tuple[int, list[Row]]]:
    """The ``new`` rows as (place, rows) runs, ascending: each run goes in at ``place`` of
    the list as it is once the runs before it are in (so the caller inserts them in turn)."""
    keyed = sorted(((key(row), row) for row in new), key=lambda pair: pair[0], reverse=reverse)
    placed = [(place_of(rows, key, k, reverse), row) for k, row in keyed]
    placed.sort(key=lambda pair: pair[0])   # stable: equal places keep the keys' order
    out, before = [], 0
    for place, group in groupby(placed, key=lambda pair: pair[0]):
        run = [row for _, row in group]
        out.append((place + before, run))
        before += len(run)
    return out


def order_with_runs(count: int, runs: list[tuple[int, list[Row]]]) -> list[int]:
    """The order (``order[new] = old``) that puts the runs' rows, added after ``count``
    rows in the runs' order, at their places, the others keeping theirs."""
    order: list[int] = []
    old, new = 0, count
    for place, run in runs:
        order.extend(range(old, old + place - len(order)))
        old = place - (new - count)
        order.extend(range(new, new + len(run)))
        new += len(run)
    order.extend(range(old, count))
    return order
