"""The open folder's review states, as the window shows and changes them.

The records live in core.review's SQLite file (shared with other windows and with
``newsdesk index``); this keeps the state of each row of the library in memory, works out
the states of a whole folder on a pool thread (100k rows: ~0.6 s, never on the UI
thread), re-checks an article whenever its row changes (a pipeline giving it a new title
makes it New), marks the articles of every curation edit Reviewed (pending until saved:
discarding the edit takes the mark back), and reads and puts back the exact marks of
articles for the undo stack (``changing``, ``step``).
"""
from __future__ import annotations

import sqlite3

from PySide6.QtCore import QObject, Signal

from newsdesk.core.editorial.review import ReviewState, ReviewStore, store_path
from newsdesk.core.files.paths import data_dir
from newsdesk.ui.background import run_in_pool

NEW, REVIEWED, FLAGGED = ReviewState.NEW, ReviewState.REVIEWED, ReviewState.FLAGGED


class ReviewBook(QObject):
    changed = Signal(object)    # the paths whose state changed
    _computed = Signal(object)  # from the pool thread: {rel: ReviewState}
    failed = Signal(str)        # the review file cannot be used: why

    def __init__(self, library, fields, parent=None):
        super().__init__(parent)
        self.library = library
        self.states: dict[str, ReviewState] = {}
        self.working_out = False   # the states being handed over were worked out, not marked
        self._set_here: set[str] = set()  # marked since load(): the pool's reading may be older
        self._counts: tuple[int, int, int] | None = None  # (new, reviewed today, rows) until a change
        self.changed.connect(self._forget_counts)
        self.path = store_path(library.root, data_dir())
        self.fields = tuple(fields)
        try:
            self.store: ReviewStore | None = ReviewStore(self.path, self.fields)
        except (sqlite3.Error, OSError) as e:  # reviews off for this folder, said once
            self.store = None
            self.error = f"review states cannot be kept ({self.path}: {e})"
        else:
            self.error = ""
        self._computed.connect(self._take)

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # ---- reading ----------------------------------------------------------------------
    def load(self) -> None:
        """Work out every row's state on a pool thread (its own connection)."""
        if self.store is None:
            return
        rows = {row.path: row for row in self.library.rows}  # a snapshot: the UI thread may change rows
        self._set_here = set()
        path, fields = self.path, self.fields

        def compute():
            store = ReviewStore(path, fields)
            try:
                return store.states(rows)
            finally:
                store.close()
        run_in_pool(compute, self._computed.emit)

    def _take(self, states) -> None:
        if not isinstance(states, dict):
            return
        known = {row.path for row in self.library.rows}
        states = {rel: s for rel, s in states.items()
                  if rel in known and rel not in self._set_here and self.states.get(rel) is not s}
        self.states.update(states)
        if states:
            self.working_out = True   # no edit: the filter decides these rows afresh
            try:
                self.changed.emit(list(states))
            finally:
                self.working_out = False

    def rows_changed(self, rels: list[str]) -> None:
        """Rows re-read or edited: a new title or excerpt from someone else makes it New."""
        if self.store is None or not self.states:
            return
        articles = self.rows_of(rels)
        states = self.store.states(articles)
        moved = [rel for rel, s in states.items() if self.states.get(rel) is not s]
        self.states.update(states)
        if moved:
            self.changed.emit(moved)

    def state(self, rel: str) -> ReviewState:
        return self.states.get(rel, NEW)

    def review_of(self, rel: str) -> str:
        return self.states.get(rel, NEW).value

    def _forget_counts(self, _rels=None) -> None:
        self._counts = None

    def counts(self) -> tuple[int, int]:
        """(new, reviewed today): asked at every status refresh (a keystroke in the search
        box), so counted once per change of state, not once per refresh."""
        if self._counts is None or self._counts[2] != len(self.library.rows):
            rows, store = len(self.library.rows), self.library.store
            # of the rows only, as the search review:new sees them: a file unreadable for now
            # keeps its state (for when it is fixed) but is no row (it counted 658 new, the
            # search found 659)
            new = rows - sum(1 for rel, state in self.states.items() if state is not NEW and rel in store)
            today = self.store.reviewed_today() if self.store is not None else 0
            self._counts = (new, today, rows)
        return self._counts[:2]

    def new_count(self) -> int:
        return self.counts()[0]

    def reviewed_today(self) -> int:
        return self.counts()[1]

    # ---- marking ----------------------------------------------------------------------
    def rows_of(self, rels) -> dict:
        """{rel: its index row} of those still in the library."""
        out = {}
        for rel in rels:
            try:
                out[rel] = self.library.rows[self.library.position(rel)]
            except KeyError:
                continue  # gone meanwhile
        return out

    def mark(self, rels: list[str], state: ReviewState, by_edit: bool = False) -> list[str]:
        """Give these articles ``state``; the ones that were not so already are returned.
        An explicit mark (not ``by_edit``) also makes the editor's own a mark an unsaved
        edit made: discarding that edit keeps it."""
        if self.store is None or not rels:
            return []
        # already so: the record matches the row (states are re-checked when a row changes),
        # so P, which marks and then edits, writes the record once
        articles = {rel: a for rel, a in self.rows_of(rels).items() if self.states.get(rel) is not state}
        if not by_edit:
            self.store.keep([rel for rel in rels if rel not in articles])
        if not articles:
            return []
        self.store.mark(articles, state, by_edit)
        self.states.update(dict.fromkeys(articles, state))
        self._set_here.update(articles)
        self.changed.emit(list(articles))
        return list(articles)

    def mark_reviewed_unless_flagged(self, rels: list[str], by_edit: bool = False) -> list[str]:
        """The editor has looked at these (a flag stays until cleared): ``by_edit``, a
        curation edit's look, taken back if the edit is discarded."""
        return self.mark([rel for rel in rels if self.states.get(rel) is not FLAGGED], REVIEWED, by_edit)

    def flag_target(self, rels: list[str]) -> ReviewState:
        """What F does: flag, or clear the flag (Reviewed) when every one is flagged."""
        return REVIEWED if rels and all(self.state(r) is FLAGGED for r in rels) else FLAGGED

    # ---- saving, discarding, undo -----------------------------------------------------
    def saved(self, rels: list[str]) -> None:
        """Edits written: the marks they made stay, whatever is discarded later."""
        if self.store is not None and rels:
            self.store.keep(rels)

    def take_back(self, rels: list[str]) -> list[str]:
        """The unsaved edits of these articles are discarded: the marks they made go."""
        if self.store is None or not rels:
            return []
        back = self.store.take_back(rels)
        self._recheck(back)
        return back

    def changing(self, rels: list[str], act) -> dict[str, tuple]:
        """Run ``act`` (a change of these articles' marks): {rel: (mark before, after)} of the
        articles it changed, for ``step``."""
        if self.store is None:
            act()
            return {}
        before = self.store.marks(rels)
        act()
        after = self.store.marks(rels)
        return {rel: (before[rel], after[rel]) for rel in rels if before[rel] != after[rel]}

    def step(self, changes: dict[str, tuple], forward: bool) -> None:
        """Redo (``forward``) or undo what ``changing`` saw: each article whose record is
        still what the other end left gets this end's mark exactly (record, time and pending
        mark; a pending mark only while the article has unsaved edits). One marked since by
        another window keeps what it has."""
        if self.store is None or not changes:
            return
        now = self.store.marks(changes)
        wanted = {}
        for rel, (before, after) in changes.items():
            was, goal = (before, after) if forward else (after, before)
            if now[rel][0] != was[0]:
                continue
            record, pending = goal
            wanted[rel] = (record, pending if pending is None or self.library.is_dirty(rel) else None)
        self.store.restore(wanted)
        self._recheck(list(wanted))

    def _recheck(self, rels: list[str]) -> None:
        if not rels:
            return
        self.states.update(self.store.states(self.rows_of(rels)))
        self._set_here.update(rels)
        self.changed.emit(list(rels))
