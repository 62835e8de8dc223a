"""The table of articles: one row per index row of the library."""
from __future__ import annotations

from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont

from newsdesk.core.document.edits import Set
from newsdesk.core.document.schema import field_problems
from newsdesk.core.editorial.search import haystack_of, paths_with_topic
from newsdesk.core.library.library import Applied, DiskChanges
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.columns import (  # noqa: F401 (the column numbers, as callers know them)
    COLUMNS,
    DATE,
    FILE,
    GIT,
    HEAT,
    NUMERIC,
    PROVIDER,
    PUBLISHED,
    QUALITY,
    RELATED,
    REVIEW,
    TABLE,
    TITLE,
    TOPICS,
    local_date,
)
from newsdesk.ui.qtcompat import ACCESSIBLE, ALIGN, CHECK, DISPLAY, EDIT, FONT, RIGHT, TIP, USER, is_checked, role_int
from newsdesk.ui.session import Session

SORT_ROLE = USER + 1
PATH_ROLE = USER + 2
SEARCH_ROLE = USER + 3
ROW_ROLE = USER + 4  # the index row itself (a Row), for what the table already knows
SORT_STEP = 20_000  # rows whose sort keys are made in one event-loop turn
_FLAGS = tuple(column.flags for column in TABLE)  # built once
_NO_FLAGS = Qt.NoItemFlags


class ArticleTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.library = session.library
        self._search: dict[str, str] = {}   # search text by relative path
        self._hays: list[str] | None = []    # the same in row order, kept up; None: rebuild
        self._hays_rows = self.library.rows  # ...for this list of rows (a reorder makes a new one)
        self._topic_index: dict[str, set] = {}  # casefolded topic -> paths, kept up to date
        self._row_topics: dict[str, tuple] = {}   # path -> its casefolded topics, to undo them
        self.git_states: dict[str, str] = {}  # rel -> "modified" / "new" / ...: files git sees changed
        self.review_of = lambda rel: "new"    # rel -> "new" / "reviewed" / "flagged" (the review desk's)
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder
        self._sorting = None
        session.changed.connect(self._rows_changed)

    def release(self) -> None:
        """Drop the search texts and topic index of a folder being let go."""
        self._search, self._hays, self._hays_rows = {}, None, []
        self._topic_index, self._row_topics = {}, {}

    # ---- structure -----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.library.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and 0 <= section < len(TABLE):
            role = role_int(role)
            if role == DISPLAY:
                return TABLE[section].title
            if role == TIP:
                return TABLE[section].tooltip or TABLE[section].title
        return None

    def flags(self, index):
        return self.column_flags(index.column()) if index.isValid() else Qt.NoItemFlags

    @staticmethod
    def column_flags(col: int):
        return _FLAGS[col] if 0 <= col < len(_FLAGS) else _NO_FLAGS

    # ---- values ----------------------------------------------------------------
    def rel(self, row: int) -> str:
        return self.library.rows[row].path

    def data(self, index, role=DISPLAY):
        if not index.isValid():
            return None
        return self.value(index.row(), index.column(), role_int(role))

    def multiData(self, index, roles) -> None:
        """Every role a cell's painting asks for, in one call into Python (Qt asks seven
        per cell; one data() call each made a table repaint ~3x slower)."""
        if not index.isValid():
            return
        self.fill(index.row(), index.column(), roles)

    def fill(self, n: int, col: int, roles) -> None:
        value = self.value
        for i in range(len(roles)):
            item = roles[i]
            item.setData(value(n, col, item.role()))

    def value(self, n: int, col: int, role: int):
        """What data() gives for row ``n``, column ``col`` (role as an int)."""
        rows = self.library.rows
        if not 0 <= n < len(rows):
            return None
        row = rows[n]
        if role == DISPLAY:
            return self._display(row, col)
        if role == EDIT:
            edit_value = TABLE[col].edit_value
            return self._display(row, col) if edit_value is None else edit_value(row)
        if role == CHECK:
            checked = TABLE[col].checked
            return None if checked is None else (Qt.Checked if checked(row) else Qt.Unchecked)
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if role == PATH_ROLE:
            return row.path
        if role == ROW_ROLE:
            return row
        if role == SEARCH_ROLE:
            return self.haystack(row)
        if role == ALIGN:
            return RIGHT if col in NUMERIC else None
        if role == FONT:
            if self.library.is_dirty(row.path):
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == TIP:
            tip = f"{row.title or ''}\n{row.path}"
            if self.library.is_dirty(row.path):
                tip += "\nUnsaved changes"
            notes = self.notes(row)
            return tip + "".join(f"\n\u26a0 {note}" for note in notes)
        if role == ACCESSIBLE:
            spoken = TABLE[col].spoken
            return None if spoken is None else spoken(row)
        return None

    def _display(self, row, col):
        return TABLE[col].display(self, row)

    def _sort_key(self, row, col):
        return TABLE[col].sort_value(self, row)

    def notes(self, row) -> list[str]:
        """What the row's mark warns of: its file moved under unsaved edits, or a field
        holds a value of the wrong kind."""
        out = []
        state = self.library.on_disk.get(row.path)
        if state == "changed":
            out.append("The file changed on disk; saving merges your edits into it")
        elif state == "deleted":
            out.append("The file was deleted or renamed on disk; your edits are kept here")
        for key in ("title", "published", "quality", "heat", "topics"):
            value = getattr(row, key)
            if value is not None and not (key == "topics" and value == []):
                out.extend(field_problems(key, value))
        return out

    def haystack(self, row) -> str:
        """What words search: title, excerpt, provider, topics, casefolded (cached)."""
        text = self._search.get(row.path)
        if text is None:
            text = self._search[row.path] = haystack_of(row)
        return text

    def topic_paths(self, needle: str, wild: bool) -> set:
        """The paths of the rows carrying a topic (topic: searches become a set lookup per
        row). For a whole name the set is live: edits go on updating it."""
        if wild:
            return paths_with_topic(self._topic_index, needle, True)
        return self._topic_index.setdefault(needle, set())

    def _index_topics(self, row) -> None:
        old = self._row_topics.get(row.path, ())
        new = tuple({t.casefold() for t in row.topics if isinstance(t, str)})
        if old == new:
            return
        for topic in old:
            self._topic_index.get(topic, set()).discard(row.path)
        for topic in new:
            self._topic_index.setdefault(topic, set()).add(row.path)
        self._row_topics[row.path] = new

    def _unindex_topics(self, rel: str) -> None:
        for topic in self._row_topics.pop(rel, ()):
            self._topic_index.get(topic, set()).discard(rel)

    def haystacks(self) -> list[str]:
        """Every row's haystack, in row order: kept between searches, rebuilt after a change."""
        if (self._hays is None or self._hays_rows is not self.library.rows
                or len(self._hays) != len(self.library.rows)):
            get = self._search.get
            out = [get(row.path) for row in self.library.rows]
            if None in out:
                out = [self.haystack(row) for row in self.library.rows]
            self._hays, self._hays_rows = out, self.library.rows
        return self._hays

    # ---- sorting: Python's sort over precomputed keys, not a comparison per call -------
    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._sorting = None  # a sort in steps, if one was going, is overtaken
        rows = self.library.rows
        if column < 0 or len(rows) < 2:
            return
        key = TABLE[column].key_function(self)
        self._apply_order([key(row) for row in rows])

    def _order_of(self, keys: list) -> list[int]:
        return sorted(range(len(keys)), key=keys.__getitem__, reverse=self.sort_order == Qt.DescendingOrder)

    def _apply_order(self, keys: list, new_order: list[int] | None = None) -> None:
        rows = self.library.rows
        if new_order is None:
            new_order = self._order_of(keys)
        if new_order == list(range(len(rows))):
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        moved = {i.row() for i in old_persistent}
        if len(moved) <= 64:  # the usual few (current row, selection corners): a C scan each
            new_position = {old: new_order.index(old) for old in moved}
        else:
            new_position = [0] * len(rows)
            for new, old in enumerate(new_order):
                new_position[old] = new
        self.library.reorder(new_order)
        if self._hays is not None and len(self._hays) == len(new_order) > 1:
            self._hays = list(itemgetter(*new_order)(self._hays))  # the same order, at C speed
            self._hays_rows = self.library.rows
        else:
            self._hays = None
        self.changePersistentIndexList(
            old_persistent, [self.index(new_position[i.row()], i.column()) for i in old_persistent])
        self.layoutChanged.emit()

    def resort(self) -> None:
        self.sort(self.sort_column, self.sort_order)

    def resort_in_steps(self, chunk: int | None = None, then=None) -> None:
        """Like resort, in event-loop turns: the keys a chunk at a time, then the order,
        then one layout change (100k rows at the end of loading: no turn over ~80 ms).
        Rows edited meanwhile get their keys again; an added or removed row starts it over.
        ``then()`` runs once the rows are in order (or another sort took over)."""
        done = then or (lambda: None)
        chunk = chunk or SORT_STEP
        rows = self.library.rows
        if self.sort_column < 0 or len(rows) < 2:
            done()
            return
        if len(rows) <= chunk:
            self.resort()
            done()
            return
        state = self._sorting = {"keys": [], "count": len(rows), "touched": set(), "rows": rows}
        column = self.sort_column
        key = TABLE[column].key_function(self)

        def step():
            if self._sorting is not state:
                done()
                return  # overtaken by another sort
            if self.library.rows is not state["rows"] or len(rows) != state["count"]:
                self.resort_in_steps(chunk, then)  # rows came or went: again
                return
            keys = state["keys"]
            if len(keys) < len(rows):
                keys.extend(map(key, rows[len(keys):len(keys) + chunk]))
                QTimer.singleShot(0, self, step)
                return
            if state["touched"] or "order" not in state:
                for rel in state["touched"]:
                    n = self.library.position(rel)
                    keys[n] = key(rows[n])
                state["touched"] = set()
                state["order"] = self._order_of(keys)  # one turn for the order...
                QTimer.singleShot(0, self, step)
                return
            self._sorting = None
            self._apply_order(keys, state["order"])  # ...and one to show it
            done()
            after = self.library.rows
            QTimer.singleShot(0, self, lambda: self._map_positions(after))
        QTimer.singleShot(0, self, step)

    def _map_positions(self, rows: list) -> None:
        """The path -> place map, made after a sort in steps, SORT_STEP rows a turn (~75 ms
        at 100k in one go), rather than in the first edit after it."""
        if self.library.rows is rows and not self.library.map_positions(SORT_STEP):
            QTimer.singleShot(0, self, lambda: self._map_positions(rows))

    # ---- edits from the table ------------------------------------------------------
    def setData(self, index, value, role=Qt.EditRole):
        if not index.isValid():
            return False
        rel = self.rel(index.row())
        try:
            role = role_int(role)
            column = TABLE[index.column()]
            if column.sets and role == (CHECK if column.checked is not None else EDIT):
                new = is_checked(value) if column.checked is not None else column.parse(value)
                self.session.edit(f"{column.edit_label(new)} \u201c{self._short(index.row())}\u201d",
                                  [rel], Set((column.sets,), new))
                return True
        except (ArticleProblem, ValueError, TypeError):
            return False
        return False

    def _short(self, n: int) -> str:
        title = str(self.library.rows[n].title or self.library.rows[n].path)
        return title if len(title) <= 40 else title[:39] + "\u2026"

    # ---- change notification -----------------------------------------------------
    def _rows_changed(self, rels: list[str]) -> None:
        if self._sorting is not None:
            self._sorting["touched"].update(rels)
        rows = self.library.rows
        for rel in rels:
            n = self.library.position(rel)
            self._index_topics(rows[n])
            self._search.pop(rel, None)
            if self._hays is not None and len(self._hays) == len(rows):
                self._hays[n] = self.haystack(rows[n])
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(COLUMNS) - 1))

    def append(self, rows, problems, haystacks: list[str] | None = None) -> None:
        """Add freshly indexed rows at the end (rows appear as they come). ``haystacks``,
        when the loading thread made them, spare the UI thread that work."""
        if not rows:
            self.library.add([], problems)
            return
        first = len(self.library.rows)
        texts = haystacks or [haystack_of(row) for row in rows]
        index, row_topics, search = self._topic_index, self._row_topics, self._search
        for row, text in zip(rows, texts, strict=True):  # one loop, no call per row: 100k rows come this way
            path = row.path
            search[path] = text  # ready before the first search
            if path in row_topics:
                self._index_topics(row)
                continue
            topics = tuple({t.casefold() for t in row.topics if isinstance(t, str)})
            row_topics[path] = topics
            for topic in topics:
                paths = index.get(topic)
                if paths is None:
                    index[topic] = {path}
                else:
                    paths.add(path)
        if self._hays is not None and len(self._hays) == first:
            self._hays.extend(texts)
        else:
            self._hays = None
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.library.add(rows, problems)
        self.endInsertRows()

    def apply_disk(self, changes: DiskChanges) -> Applied:
        """Bring the rows in line with the disk, telling the views row by row."""
        done = self.library.apply(changes)
        for position in sorted((self.library.position(rel) for rel in done.removed), reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            self.library.remove_at(position)
            self.endRemoveRows()
        if done.removed:
            self.library.reindex()
        for rel in done.removed:
            self._search.pop(rel, None)
            self._unindex_topics(rel)
        self._hays = None
        self.append(done.added, [])
        return done

    def review_label(self, rel: str) -> str:
        return {"new": "New", "reviewed": "Reviewed", "flagged": "\u2691 Flagged"}[self.review_of(rel)]

    def review_changed(self, rels: list[str]) -> None:
        """Review states changed: repaint those rows, and the filter decides on them again
        (for many, one signal for the column: the whole folder's, known just after a load,
        were one signal per row and stalled a 4,614-row window ~200 ms)."""
        if len(rels) > 100:
            self.dataChanged.emit(self.index(0, REVIEW), self.index(self.rowCount() - 1, REVIEW))
            return
        for rel in rels:
            try:
                n = self.library.position(rel)
            except KeyError:
                continue
            self.dataChanged.emit(self.index(n, REVIEW), self.index(n, REVIEW))

    def set_git_states(self, states: dict[str, str]) -> None:
        if states != self.git_states:
            self.git_states = states
            if self.library.rows:
                self.dataChanged.emit(self.index(0, GIT), self.index(len(self.library.rows) - 1, GIT))
