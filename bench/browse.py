#!/usr/bin/env python3
"""What the Browse panel's counts cost, side by side with the way it counted before and
the floor, in one run (no window: the core's part, which is all that grows with the site).

usage: python bench/browse.py SITE [--runs 5]
Make SITE with bench/make_site.py (or use ../shared/corpus/azure/site/_news). Best of
--runs, wall clock, the files read once beforehand.

Before, every redraw counted the shown rows and re-sorted them (the list moved under the
mouse). Now the entries are the library's (``layout``, made again only when the library
changes) and a search counts the shown rows in their places (``Layout.shown``); with no
search, the library's own counts serve (no second pass). The floor: one Counter over the
topics alone of the same rows.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))


def best(fn, runs: int) -> float:
    out = float("inf")
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t)
    return out


def main() -> None:
    from newsdesk.core.editorial.facets import facets, layout, ordered
    from newsdesk.core.editorial.search import compile_query
    from newsdesk.core.library.library import Library

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    library = Library(a.site)
    library.load()
    rows = library.rows
    review = lambda path: "new"  # noqa: E731 - the review desk's function, as the window passes it
    lay = layout(rows, review)
    topic = lay.facets[0][1][min(3, len(lay.facets[0][1]) - 1)]
    shown = [r for r in rows if compile_query(topic.term)(r)]

    def before(part):  # the old redraw: count the shown rows, order each facet by those counts
        counts = facets(part, review)
        return [ordered(f, c) for f, c in counts.items()]

    def floor(part):
        c: Counter = Counter()
        for r in part:
            c.update(r.topics)
        return c

    print(f"{len(rows):,} articles; a search: {topic.term} ({len(shown):,} shown); best of {a.runs}")
    print(f"{'':44} {'no search':>12} {'the search':>12}")
    for what, whole, part in (
            ("before: count and re-sort the shown rows", lambda: before(rows), lambda: before(shown)),
            ("now: a search (Layout.shown)", lambda: lay.shown(rows, review), lambda: lay.shown(shown, review)),
            ("now: the library changed (layout + shown)", lambda: layout(rows, review).shown(rows, review),
             lambda: layout(rows, review).shown(shown, review)),
            ("floor: one Counter of the topics", lambda: floor(rows), lambda: floor(shown))):
        print(f"{what:44} {best(whole, a.runs) * 1000:>9.1f} ms {best(part, a.runs) * 1000:>9.1f} ms")
    library.close()


if __name__ == "__main__":
    main()
