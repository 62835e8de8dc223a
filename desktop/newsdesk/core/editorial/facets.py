"""Facets of a set of articles: how many carry each topic, provider, state and month,
and the search term that picks each value (for the search box)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable

FACETS = ("Topics", "Providers", "Published", "Month", "Review")
REVIEW_ORDER = ("new", "flagged", "reviewed")


def facets(rows: Iterable, review_of: Callable[[str], str] | None = None) -> dict[str, Counter]:
    """Counts per facet value; ``review_of(path)``, if given, the review state (a Review facet)."""
    topics, providers, published, months, review = Counter(), Counter(), Counter(), Counter(), Counter()
    month_of: dict[int, str] = {}
    for row in rows:
        topics.update(t for t in row.topics if isinstance(t, str))
        if row.provider:
            providers[str(row.provider)] += 1
        published["yes" if row.published is True else "no"] += 1
        if review_of is not None:
            review[review_of(row.path)] += 1
        if row.timestamp is not None:
            day = int(row.timestamp // 86400)  # the same day, the same month: parse once a day
            month = month_of.get(day)
            if month is None:
                month = month_of[day] = dt.datetime.fromtimestamp(row.timestamp, dt.timezone.utc).strftime("%Y-%m")
            months[month] += 1
    out = {"Topics": topics, "Providers": providers, "Published": published, "Month": months}
    if review_of is not None:
        out["Review"] = review
    return out


def _quoted(value: str) -> str:
    return f'"{value}"' if any(c.isspace() or c in '()"' for c in value) or not value else value


def term_for(facet: str, value: str) -> str:
    """The search term that picks articles with this facet value."""
    if facet == "Topics":
        return f"topic:{_quoted(value)}"
    if facet == "Providers":
        return f"provider:{_quoted(value)}"
    if facet == "Published":
        return f"published:{value}"
    if facet == "Month":
        return f"date:{value}"
    if facet == "Review":
        return f"review:{value}"
    raise ValueError(facet)


def ordered(facet: str, counts: Counter) -> list[tuple[str, int]]:
    """Most common first; months newest first."""
    if facet == "Month":
        return sorted(counts.items(), reverse=True)
    if facet == "Review":
        return [(v, counts[v]) for v in REVIEW_ORDER if counts[v]]
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
