"""The table of articles: one row per index row of the library, in the order of the
library's view (core.library.view), which holds the sort order, the search texts and
the topic index. This model maps Qt's rows to that order and tells the Qt views what
changed; it reorders and changes no rows of the library.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont

from newsdesk.core.document.edits import Set
from newsdesk.core.document.schema import row_problems
from newsdesk.core.library.disk_sync import Applied, DiskChanges, DiskState
from newsdesk.core.library.placing import order_with_runs, runs_in_order
from newsdesk.core.library.view import AGAIN, DONE, moved_to
from newsdesk.core.printable import printable
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
from newsdesk.ui.safe_text import one_line
from newsdesk.ui.session import Session

SORT_ROLE = USER + 1
PATH_ROLE = USER + 2  # the path as Qt text: lossy for a name that is not UTF-8 (use path_of)
SEARCH_ROLE = USER + 3
ROW_ROLE = USER + 4  # the index row itself (a Row), for what the table already knows
SORT_STEP = 20_000  # rows whose sort keys are made in one event-loop turn
PLACE_RUNS = 64     # rows from disk put in place one run at a time up to this many runs
_FLAGS = tuple(column.flags for column in TABLE)  # built once
_NO_FLAGS = Qt.NoItemFlags


def path_of(index) -> str | None:
    """The article of a table (or proxy) index, as the library names it. Read from the Row
    (a Python object Qt carries as it is), never from Qt text: a QString loses the
    surrogate escapes of a file name that is not UTF-8 and names another file."""
    row = index.data(ROW_ROLE) if index.isValid() else None
    return None if row is None else row.path


class ArticleTableModel(QAbstractTableModel):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.session = session
        self.library = session.library
        self.view = session.library.view
        self.git_states: dict[str, str] = {}  # rel -> "modified" / "new" / ...: files git sees changed
        self.sort_column, self.sort_order = -1, Qt.AscendingOrder
        self._sorting = None  # the view's sort in steps, while one runs
        session.changed.connect(self._rows_changed)

    @property
    def review_of(self):
        """rel -> "new" / "reviewed" / "flagged" (the review desk's; the filter reads it too)."""
        return self.view.review_of

    @review_of.setter
    def review_of(self, review_of) -> None:
        self.view.review_of = review_of

    def release(self) -> None:
        """Drop the search texts and topic index of a folder being let go."""
        self.view.clear()

    # ---- structure -----------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.view.rows)

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
        return self.view.rows[row].path

    def row_of(self, rel: str) -> int:
        """The table row of an article (KeyError: none)."""
        return self.view.position(rel)

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
        rows = self.view.rows
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
            tip = f"{one_line(row.title or '')}\n{printable(row.path)}"
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
        if state is DiskState.CHANGED:
            out.append("The file changed on disk; saving merges your edits into it")
        elif state is DiskState.UNREADABLE:
            out.append("The file on disk can no longer be read; your edits are kept, and saving waits "
                       "until it is fixed")
        elif state is DiskState.DELETED:
            out.append("The file was deleted or renamed on disk; your edits are kept here")
        out.extend(row_problems(row))  # the fields with a note (core/fields.py)
        return out

    # ---- search (the view's): for the filter and the related-link picker -----------
    def haystack(self, row) -> str:
        return self.view.haystack(row)

    def topic_paths(self, needle: str, wild: bool) -> set:
        return self.view.topic_paths(needle, wild)

    def haystacks(self) -> list[str]:
        return self.view.haystacks()

    # ---- sorting: the view's order, shown ---------------------------------------------
    def sort(self, column: int, order=Qt.AscendingOrder) -> None:
        self.sort_column, self.sort_order = column, order
        self._sorting = self.view.sorting = None  # a sort in steps, if one was going, is overtaken
        if column < 0 or len(self.view) < 2:
            return
        self._show_order(self.view.order_for(TABLE[column].key_function(self), order == Qt.DescendingOrder))

    def _show_order(self, new_order: list[int] | None) -> None:
        if new_order is None:
            return
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        new_position = moved_to(new_order, (i.row() for i in old_persistent))
        self.view.reorder(new_order)
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
        if self.sort_column < 0 or len(self.view) < 2:
            done()
            return
        if len(self.view) <= chunk:
            self.resort()
            done()
            return
        key = TABLE[self.sort_column].key_function(self)
        state = self._sorting = self.view.sort_in_steps(key, self.sort_order == Qt.DescendingOrder, chunk)

        def step():
            if self._sorting is not state:
                state.let_go()
                done()
                return  # overtaken by another sort
            said = state.step()
            if said == AGAIN:
                state.let_go()
                self.resort_in_steps(chunk, then)  # rows came or went: again
                return
            if said != DONE:
                QTimer.singleShot(0, self, step)
                return
            self._sorting = self.view.sorting = None
            self._show_order(state.order if state.order != list(range(len(state.order))) else None)
            state.let_go()
            done()
            after = self.view.rows
            QTimer.singleShot(0, self, lambda: self._map_positions(after))
        QTimer.singleShot(0, self, step)

    def make_texts_in_steps(self, start: int = 0) -> None:
        """The search texts the loading thread left to the view, SORT_STEP rows a turn
        (a turn after the load's end, then each next one), before the first search."""
        view = self.view
        if start < len(view):
            QTimer.singleShot(0, self, lambda: self.view is view and self.make_texts_in_steps(
                view.make_texts(start, SORT_STEP)))

    def _map_positions(self, rows: list) -> None:
        """The path -> place map, made after a sort in steps, SORT_STEP rows a turn (~75 ms
        at 100k in one go), rather than in the first edit after it."""
        if self.view.rows is rows and not self.view.map_positions(SORT_STEP):
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
        row = self.view.rows[n]
        title = str(row.title or row.path)
        return title if len(title) <= 40 else title[:39] + "\u2026"

    # ---- change notification -----------------------------------------------------
    def _rows_changed(self, rels: list[str]) -> None:
        last = len(COLUMNS) - 1
        for n in self.view.changed(rels):
            self.dataChanged.emit(self.index(n, 0), self.index(n, last))

    def append(self, rows, problems, haystacks: list[str] | None = None) -> None:
        """Add freshly indexed rows at the end (rows appear as they come). ``haystacks``,
        when the loading thread made them, spare the UI thread that work."""
        if not rows:
            self.library.add([], problems)
            return
        first = len(self.view)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.library.add(rows, problems, haystacks)
        if first == 0 and self.sort_column >= 0 and self._sorting is None:
            # The first rows (a warm folder: all of them) go in in the sort order: the sort at
            # the load's end then finds them in it and changes no layout (that change, the
            # proxy following its persistent indexes and the table laid out again, was ~5 ms
            # of a warm 4,614-row open, after the rows were on screen).
            order = self.view.order_for(TABLE[self.sort_column].key_function(self),
                                        self.sort_order == Qt.DescendingOrder)
            if order is not None:
                self.view.reorder(order)
        self.endInsertRows()

    def apply_disk(self, changes: DiskChanges) -> Applied:
        """Bring the rows in line with the disk, telling the views row by row."""
        done = self.library.apply(changes)
        for position in sorted((self.view.position(rel) for rel in done.removed), reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            self.view.drop(position)
            self.endRemoveRows()
        self.library.remove(done.removed)
        self._add_in_order(done.added)
        return done

    def _add_in_order(self, rows) -> None:
        """Rows new on disk (or back, fixed) where the sort in force puts them, the others
        staying where they are (core.library.placing); no sort: at the end."""
        if self.sort_column < 0 or not rows or not self.view.rows:
            self.append(rows, [])
            return
        key = TABLE[self.sort_column].key_function(self)
        runs = runs_in_order(self.view.rows, key, rows, self.sort_order == Qt.DescendingOrder)
        if len(runs) > PLACE_RUNS:  # a pull of many, all over: one insert, one layout change
            old = len(self.view)
            self.append([row for _, run in runs for row in run], [])
            self._show_order(order_with_runs(old, runs))
            return
        for place, run in runs:
            self.beginInsertRows(QModelIndex(), place, place + len(run) - 1)
            self.library.add(run, [])
            self.view.move_tail(len(run), place)
            self.endInsertRows()

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
                n = self.view.position(rel)
            except KeyError:
                continue
            self.dataChanged.emit(self.index(n, REVIEW), self.index(n, REVIEW))

    def set_git_states(self, states: dict[str, str]) -> None:
        if states != self.git_states:
            self.git_states = states
            if self.view.rows:
                self.dataChanged.emit(self.index(0, GIT), self.index(len(self.view) - 1, GIT))
