"""Keyboard triage, Lightroom-style: publish, unpublish or mark reviewed and move on;
flag for a second look; jump to the next or previous article nobody has reviewed.

Auto-advance (View menu; a preference) moves to the row after the ones acted on (one
or several) after publish, unpublish or mark reviewed, whether or not the edit took
them out of the view (P in Unpublished).
"""
from __future__ import annotations

from newsdesk.core.editorial.review import ReviewState
from newsdesk.ui import preferences
from newsdesk.ui.bulk_edits import count
from newsdesk.ui.table_model import path_of


class Triage:
    def __init__(self, window):
        self.window = window

    @property
    def book(self):
        return self.window.review

    @property
    def desk(self):
        return self.window.desk

    @property
    def auto_advance(self) -> bool:
        return bool(preferences.value(self.window.settings, "review/autoAdvance"))

    def set_auto_advance(self, on: bool) -> None:
        self.window.settings.setValue("review/autoAdvance", bool(on))

    def _advance_after(self, act) -> None:
        """Act, then (auto-advance) go on to the first row after the rows acted on, alone:
        for several rows as for one, as Lightroom does. Found before acting, by article:
        after P in Unpublished the block leaves, and counting rows afterwards skipped those
        that took its place (P on rows 3-5 went on to the old row 8)."""
        window = self.window
        selection = window.table.selectionModel()
        rows = [index.row() for index in selection.selectedRows()] if selection is not None else []
        before = window.current.rel
        after = path_of(window.proxy.index(max(rows) + 1, 0)) if rows else None
        act()
        if not self.auto_advance or before is None or after is None:
            return
        window.current.settle()  # let rows the edit took out of the view give way first
        window.current.select(after)

    def publish(self, on: bool) -> None:
        """P or U. The articles an edit publishes or unpublishes are marked Reviewed by its
        undo step (and unmarked by its undo, or a discard of the edit). U is the triage's
        reject, a decision even where the article already was unpublished (both "nobody
        looked" and "left out" are ``published: false``): it marks those too, explicitly, in
        the same undo step. P on an article already published changes nothing and decides
        nothing new: it marks nothing (Enter does)."""
        window = self.window
        rels = window.selected_rels()
        stack = window.session.undo_stack if window.session is not None else None
        steps = stack.index() if stack is not None else 0
        out = [rel for rel, row in self.book.rows_of(rels).items()
               if row.published is False] if self.book is not None and not on else []

        def act():
            if not out:
                window.edits.set_published(on)
            elif len(out) == len(rels):  # nothing to unpublish: the decision alone
                self.desk.marked(f"Mark {count(out)} reviewed", out,
                                 lambda: self.book.mark_reviewed_unless_flagged(out))
            else:  # one step: the edit (its own marks) and the decision on the others
                stack.beginMacro(f"Unpublish {count(rels)}")
                window.edits.set_published(on)
                self.desk.marked("", out, lambda: self.book.mark_reviewed_unless_flagged(out))
                stack.endMacro()
        self._advance_after(act)
        if on and rels and stack is not None and stack.index() == steps:
            one = len(rels) == 1
            self._say(f"{'Already' if one else 'All already'} published: nothing changed"
                      f" (Enter marks {'it' if one else 'them'} reviewed)")

    def mark_reviewed(self) -> None:
        """Enter: one undo step ("Mark 3 articles reviewed"), also where an edit had marked
        them already (the mark is then the editor's own: discarding the edit keeps it)."""
        rels = self.window.selected_rels()
        if self.book is None or not rels:
            return
        self._advance_after(lambda: self.desk.marked(f"Mark {count(rels)} reviewed", rels,
                                                     lambda: self.book.mark(rels, ReviewState.REVIEWED)))
        self._say(f"Marked {len(rels)} reviewed" if len(rels) > 1 else "")

    def toggle_flag(self) -> None:
        rels = self.window.selected_rels()
        if self.book is None or not rels:
            return
        state = self.book.flag_target(rels)
        label = (f"Flag {count(rels)} for a second look" if state is ReviewState.FLAGGED
                 else f"Clear the flag of {count(rels)}")
        self.desk.marked(label, rels, lambda: self.book.mark(rels, state))
        self._say("Flagged for a second look" if state is ReviewState.FLAGGED else "Flag cleared")

    def next_new(self, step: int = 1) -> None:
        """The next (or previous) article shown that nobody has reviewed, wrapping around."""
        window, book = self.window, self.book
        n = window.proxy.rowCount()
        if book is None or not n:
            return
        start = window.table.currentIndex().row()
        for k in range(1, n + 1):
            row = (start + step * k) % n
            rel = path_of(window.proxy.index(row, 0))
            if book.state(rel) is ReviewState.NEW:
                window.current.select(rel)
                wrapped = (row <= start) if step > 0 else (row >= start)
                where = "first" if step > 0 else "last"  # Shift+N wraps from the top to the last one
                self._say(f"Wrapped around to the {where} new article" if wrapped and start >= 0 else "")
                return
        self._say("No new articles here: every article shown has been reviewed")

    def _say(self, text: str) -> None:
        if text:
            self.window.statusBar().showMessage(text, 5000)
