"""Facets of a set of articles: how many carry each topic, provider, state and month,
and the search term that picks each value (for the search box)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from operator import attrgetter

from newsdesk.core import fields

# The Browse panel's facets: the fields of core/fields.py that name one, in this order
# (one not named here comes after), then the editor's review state.
_ORDER = ("Topics", "Providers", "Published", "Month")
_FIELDS = fields.TABLE.facets
FACETS = (*sorted(_FIELDS, key=lambda t: _ORDER.index(t) if t in _ORDER else len(_ORDER)), "Review")
REVIEW_ORDER = ("new", "flagged", "reviewed")


def _count(field: fields.Field, rows: list) -> Counter:
    """How many rows hold each value of a field: a list's items, yes/no, a date's month."""
    counts: Counter = Counter()
    kind = field.search_kind()
    if kind == "date":
        seconds = attrgetter(field.search_attributes()[0])
        month_of: dict[int, str] = {}
        for row in rows:
            t = seconds(row)
            if t is not None:
                day = int(t // 86400)  # the same day, the same month: parse once a day
                month = month_of.get(day)
                if month is None:
                    try:
                        month = dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m")
                    except (OverflowError, ValueError, OSError):  # 0001-01-01T00:00:00+01:00 is in year 0
                        month = ""
                    month_of[day] = month
                if month:
                    counts[month] += 1
        return counts
    get = attrgetter(field.key)
    if field.read == "list":
        for row in rows:
            counts.update(t for t in get(row) if isinstance(t, str))
    elif kind == "yesno":
        yes = sum(1 for row in rows if get(row) is True)
        counts.update({k: n for k, n in (("yes", yes), ("no", len(rows) - yes)) if n})
    else:
        for row in rows:
            value = get(row)
            if value:
                counts[str(value)] += 1
    return counts


def facets(rows: Iterable, review_of: Callable[[str], str] | None = None) -> dict[str, Counter]:
    """Counts per facet value; ``review_of(path)``, if given, the review state (a Review facet)."""
    rows = rows if isinstance(rows, list) else list(rows)
    out = {title: _count(_FIELDS[title], rows) for title in FACETS if title in _FIELDS}
    if review_of is not None:
        out["Review"] = Counter(review_of(row.path) for row in rows)
    return out


def _quoted(value: str) -> str:
    return f'"{value}"' if any(c.isspace() or c in '()"' for c in value) or not value else value


def term_for(facet: str, value: str) -> str:
    """The search term that picks articles with this facet value."""
    if facet == "Review":
        return f"review:{value}"
    if facet not in _FIELDS:
        raise ValueError(facet)
    return f"{_FIELDS[facet].search}:{_quoted(value)}"


def ordered(facet: str, counts: Counter) -> list[tuple[str, int]]:
    """Most common first; months newest first."""
    if facet in _FIELDS and _FIELDS[facet].search_kind() == "date":
        return sorted(counts.items(), reverse=True)
    if facet == "Review":
        return [(v, counts[v]) for v in REVIEW_ORDER if counts[v]]
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
