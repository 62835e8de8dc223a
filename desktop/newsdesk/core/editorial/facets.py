"""Facets of a set of articles: how many carry each topic, provider, state and month,
and the search term that picks each value (for the search box).

The Browse panel lists them as a ``Layout``: its entries and their order are the whole
library's, so they stay in place while a search narrows the table (the panel re-sorted
by the shown rows' counts, and the next click landed on another topic); only the counts
of the rows shown change (``Layout.shown``), an entry with none left still there.
calibre's Tag browser keeps its layout the same way while you search."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import attrgetter

from newsdesk.core import fields

# The Browse panel's facets: the fields of core/fields.py that name one, in this order
# (one not named here comes after), then the editor's review state.
_ORDER = ("Topics", "Providers", "Published", "Month")
_FIELDS = fields.TABLE.facets
FACETS = (*sorted(_FIELDS, key=lambda t: _ORDER.index(t) if t in _ORDER else len(_ORDER)), "Review")
REVIEW_ORDER = ("new", "flagged", "reviewed")
BY_COUNT, BY_NAME = "count", "name"   # the orders of a facet's values (months: newest first)


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
    """The search term that picks the articles with this facet value, and only them: a
    text field's whole value (``provider=PR``, not ``provider:PR``, which is also PR
    Newswire)."""
    if facet == "Review":
        return f"review:{value}"
    if facet not in _FIELDS:
        raise ValueError(facet)
    field = _FIELDS[facet]
    return f"{field.search}{'=' if field.search_kind() == 'text' else ':'}{_quoted(value)}"


def ordered(facet: str, counts: Counter, by: str = BY_COUNT) -> list[tuple[str, int]]:
    """Most common first (``by`` BY_NAME: by name); months newest first; review states in
    their own order."""
    if facet in _FIELDS and _FIELDS[facet].search_kind() == "date":
        return sorted(counts.items(), reverse=True)
    if facet == "Review":
        return [(v, counts[v]) for v in REVIEW_ORDER if counts[v]]
    if by == BY_NAME:
        return sorted(counts.items(), key=lambda kv: (kv[0].casefold(), kv[0]))
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold(), kv[0]))


@dataclass(frozen=True)
class Entry:
    """One value of a facet as the Browse panel lists it."""
    facet: str
    value: str
    total: int    # articles of the whole library with this value
    term: str     # the search term that picks them


@dataclass(frozen=True)
class Layout:
    """The Browse panel's entries: facets in FACETS order, each one's values in the
    library's order (``ordered`` over every row). ``size``: the library's rows."""
    facets: tuple[tuple[str, tuple[Entry, ...]], ...] = ()
    size: int = 0
    by: str = BY_COUNT
    _totals: dict = field(default_factory=dict, compare=False, repr=False)

    def key(self) -> tuple:
        """What places every entry: equal keys, every entry where it was."""
        return tuple((facet, tuple(e.value for e in entries)) for facet, entries in self.facets)

    def shown(self, rows: list, review_of: Callable[[str], str] | None = None) -> tuple[tuple[int, ...], ...]:
        """How many of ``rows`` (the rows shown, a part of the library's) hold each entry's
        value, entry by entry: 0 for one they all lack. All of the library's rows (as many
        as it has) take no second count."""
        counts = self._totals if len(rows) == self.size else facets(rows, review_of)
        return tuple(tuple(counts.get(facet, {}).get(e.value, 0) for e in entries)
                     for facet, entries in self.facets)


    def in_search(self, text: str) -> frozenset[str]:
        """The entries' terms the search ``text`` holds as a term of its own (what a click
        on them put there), to mark them in the list as calibre marks its searched tags;
        one left out (``-topic:x``) is not among them."""
        found, low = set(), text.casefold()
        for _facet, entries in self.facets:
            if entries and _FIELD_OF.match(entries[0].term).group(0).casefold() in low:
                found.update(e.term for e in entries if holds(text, e.term))
        return frozenset(found)


_FIELD_OF = re.compile(r"[A-Za-z]+[:=]")


def holds(text: str, term: str) -> bool:
    """Whether the search ``text`` has ``term`` as a term of its own (not inside another:
    topic:AI is not in topic:AIOps; nor left out, as in -topic:AI)."""
    return re.search(rf"(?:^|[\s(]){re.escape(term)}(?=$|[\s)])", text, re.IGNORECASE) is not None


def layout(rows: Iterable, review_of: Callable[[str], str] | None = None, by: str = BY_COUNT) -> Layout:
    """The Browse panel's entries over every row of the library (see Layout)."""
    rows = rows if isinstance(rows, list) else list(rows)
    totals = facets(rows, review_of)
    out = tuple((facet, tuple(Entry(facet, value, n, term_for(facet, value))
                              for value, n in ordered(facet, totals[facet], by)))
                for facet in FACETS if facet in totals)
    return Layout(out, len(rows), by, totals)
