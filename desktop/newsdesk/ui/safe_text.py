"""Values of an article as the panel may show them: plain text, of a bounded length,
and dates that never raise.

Titles and excerpts come from a pipeline and from the web: they are shown as plain
text (a QLabel would otherwise take ``<img src="file:///...">`` or a 60,000 px image
for rich text), and cut on display — a 1 MB title laid out in a word-wrapped label
held the window 4.6 s. The file keeps every byte; only the display is cut.
"""
from __future__ import annotations

import datetime as dt

from newsdesk.core.indexing.index import parse_date
from newsdesk.core.printable import isolated

TITLE_CHARS = 400
EXCERPT_CHARS = 4000
CELL_CHARS = 300
ELLIPSIS = "\u2026"


def clipped(value: object, limit: int) -> str:
    """``value`` as text of at most ``limit`` characters (an ellipsis says it was cut).
    Never converts more than it shows: a 100 MB string is sliced before anything else."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)[: limit + 1]
    if len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS


def one_line(value: object, limit: int = CELL_CHARS) -> str:
    """For a cell or a label of one line: line breaks shown as spaces, and a bidirectional
    control (U+202E) kept to the value itself (core/printable.py ``isolated``)."""
    return isolated(" ".join(clipped(value, limit).split()))


def local_date(value: object) -> str:
    """A date (datetime or as written) in local time, ``YYYY-MM-DD HH:MM``. A date
    local time cannot hold (year 1, a west-of-UTC machine) is shown in UTC; a value
    that is not a date is shown as written."""
    if isinstance(value, dt.datetime):
        when = value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)
    elif isinstance(value, dt.date):
        return value.isoformat()
    else:
        when = parse_date(value)
        if when is None:
            return one_line(value, 40)
    try:
        return when.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, ValueError, OSError):
        return when.strftime("%Y-%m-%d %H:%M UTC") if when.year >= 1000 else f"{when.isoformat()}"
