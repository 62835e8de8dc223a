"""The article table's columns, declared once (as Picard's ui/columns.py does): title,
key, default width, tooltip, what a cell shows, how it sorts, its flags, its check box or
editor and the field it sets, what a screen reader says, and when it is shown. The table
model (values, header, edits), the default widths and sort, and the Git column's hiding
all read this table: adding a column is one entry (and a field it shows, one entry in
core/fields.py)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle

from newsdesk.core.indexing.index import parse_date
from newsdesk.core.printable import isolated, printable

MISSING = float("-inf")  # the sort key of a missing number or date: first ascending
REVIEW_ORDER = {"new": 0, "flagged": 1, "reviewed": 2}  # ascending: what needs a look first
PLAIN = Qt.ItemIsEnabled | Qt.ItemIsSelectable


def local_date(text: object) -> str:
    """A timestamp in local time; one the local zone would carry past year 9999 or before
    year 1 (9999-12-31T23:59:59-01:00) is shown as written."""
    value = parse_date(text)
    if not value:
        return text or ""
    try:
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    except (OverflowError, ValueError, OSError):
        return str(text)


def _number(value: object) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else MISSING


def _text(value) -> str:
    return "" if value is None else str(value)


def _title(model, row) -> str:
    mark = "\u25cf " if model.library.is_dirty(row.path) else ""
    if model.notes(row):
        mark = "\u26a0 " + mark
    return mark + isolated(str(row.title or ""))  # a U+202E in it reverses nothing but itself


@dataclass(frozen=True)
class Column:
    key: str                                  # a stable name (settings, code)
    title: str                                # the header
    width: int                                # default width in pixels
    display: Callable                         # (model, row) -> the text shown
    sort_key: Callable | None = None          # (model, row) -> a key; None: the text, casefolded
    tooltip: str = ""                         # the header's tooltip ("": the title)
    flags: Qt.ItemFlag = PLAIN                # editable, checkable...
    numeric: bool = False                     # right-aligned
    shown_when: str | None = None             # "git": only inside a git work tree
    checked: Callable | None = None           # row -> bool: the cell's check box (flags: ItemIsUserCheckable)
    edit_value: Callable | None = None        # row -> the editor's value (flags: ItemIsEditable); None: the text
    sets: str = ""                            # the field (core/fields.py) the check box or the editor sets
    parse: Callable = str                     # the editor's value -> the field's value (ValueError: refused)
    edit_label: Callable | None = None        # the field's new value -> the undo step's words
    spoken: Callable | None = None            # row -> what a screen reader says of the cell; None: the text
    sample: str | None = None                 # the typical widest text: the default width is measured
    # from it and the header in the font in use (None: ``width`` as given)

    def sort_value(self, model, row):
        if self.sort_key is not None:
            return self.sort_key(model, row)
        return self.display(model, row).casefold()

    def key_function(self, model):
        """row -> sort key, for sorting many rows (one Python call a row, not three)."""
        if self.sort_key is not None:
            return partial(self.sort_key, model)
        display = self.display
        return lambda row: display(model, row).casefold()


TABLE: tuple[Column, ...] = (
    Column("published", "Published", 76, lambda m, r: None, lambda m, r: 1 if r.published is True else 0,
           tooltip="Published on the site", flags=PLAIN | Qt.ItemIsUserCheckable,
           checked=lambda r: r.published is True, sets="published",
           edit_label=lambda on: "Publish" if on else "Unpublish",
           spoken=lambda r: "published" if r.published is True else "not published", sample=""),
    Column("review", "Review", 76, lambda m, r: m.review_label(r.path),
           lambda m, r: REVIEW_ORDER.get(m.review_of(r.path), 0),
           tooltip="Your review: New (nobody has looked, or someone else changed it since), Reviewed, Flagged",
           sample="Reviewed"),
    Column("quality", "Quality", 58, lambda m, r: _text(r.quality), lambda m, r: _number(r.quality),
           flags=PLAIN | Qt.ItemIsEditable, numeric=True,
           edit_value=lambda r: r.quality if isinstance(r.quality, int) else _text(r.quality), sets="quality",
           parse=int, edit_label=lambda quality: f"Set quality {quality} on", sample="100"),
    # sorted by the title itself, not its marks (and no checks per row)
    Column("title", "Title", 380, _title, lambda m, r: str(r.title or "").casefold()),
    Column("provider", "Provider", 130, lambda m, r: str(r.provider or "")),
    Column("date", "Date", 128, lambda m, r: local_date(r.publishedDateTime),
           lambda m, r: MISSING if r.timestamp is None else r.timestamp, tooltip="Publication date, local time",
           sample="2024-04-11 12:34"),
    Column("topics", "Topics", 200, lambda m, r: ", ".join(map(str, r.topics))),
    Column("related", "Related", 60, lambda m, r: str(r.related), lambda m, r: r.related,
           tooltip="Number of related links", numeric=True, sample="150"),
    Column("heat", "Heat", 48, lambda m, r: _text(r.heat), lambda m, r: _number(r.heat), numeric=True,
           sample="100"),
    Column("file", "File", 220, lambda m, r: printable(r.path)),  # escaped: a newline, \xff bytes
    Column("git", "Git", 80, lambda m, r: m.git_states.get(r.path, ""),
           tooltip="The file's state in git: modified, new, conflict (empty: as committed)", shown_when="git",
           sample="conflict"),
)
INDEX = {column.key: n for n, column in enumerate(TABLE)}
COLUMNS = [column.title for column in TABLE]
(PUBLISHED, REVIEW, QUALITY, TITLE, PROVIDER, DATE, TOPICS, RELATED, HEAT, FILE, GIT) = (
    INDEX[k] for k in ("published", "review", "quality", "title", "provider", "date", "topics", "related", "heat",
                       "file", "git"))
NUMERIC = frozenset(n for n, column in enumerate(TABLE) if column.numeric)
DEFAULT_WIDTHS = {n: column.width for n, column in enumerate(TABLE)}  # before a font is known
TITLE_MIN = 240       # the Title column's least default width, however narrow the table
CELL_PADDING = 12     # a cell's text margins and the grid line, both sides (Fusion: 2 x 4 + 1; kept loose)
DEFAULT_SORT = (DATE, Qt.DescendingOrder)  # a new window: newest first


def measured_widths(table) -> dict[int, int]:
    """Each column's default width in the table's font: what its header needs (text, sort
    arrow on the sorted one, margins) or its sample and check box, whichever is
    wider. At fixed pixels the Date column showed "20\u2026" at 1366x768 while Published
    and Review took 76 px for a check box and "New"; Title takes what they leave
    (``title_width``)."""
    header, metrics, style = table.horizontalHeader(), table.fontMetrics(), table.style()
    margin = style.pixelMetric(QStyle.PM_HeaderMargin, None, header)
    widths = {}
    for n, column in enumerate(TABLE):
        if column.sample is None:
            widths[n] = column.width
            continue
        content = metrics.horizontalAdvance(column.sample) + CELL_PADDING
        if column.checked is not None:
            content += style.pixelMetric(QStyle.PM_IndicatorWidth, None, table) + 4
        needs = header.fontMetrics().horizontalAdvance(column.title) + 2 * margin + CELL_PADDING // 2
        if n == DEFAULT_SORT[0]:  # the sorted column's header shows the arrow too
            needs += margin + style.pixelMetric(QStyle.PM_HeaderMarkSize, None, header)
        widths[n] = max(content, needs)
    return widths


def title_width(widths: dict[int, int], room: int, hidden=lambda n: False) -> int:
    """The Title column's default: the room (``room``: the view's width) that the columns
    up to Date leave, at least TITLE_MIN. Where they cannot all fit, the last ones that
    do not are left past the edge, whole (at 1024 px Date was cut at "202")."""
    before = sum(width for n, width in widths.items() if n < TITLE and not hidden(n))
    after = [widths[n] for n in range(TITLE + 1, DATE + 1) if not hidden(n)]
    while after and room - before - sum(after) < TITLE_MIN:
        after.pop()
    return max(TITLE_MIN, room - before - sum(after))


def shown_when(condition: str) -> list[int]:
    """The columns that exist only under ``condition`` (e.g. "git")."""
    return [n for n, column in enumerate(TABLE) if column.shown_when == condition]
