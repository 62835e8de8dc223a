"""The review desk of the open folder: its ReviewBook wired to the table, the search,
the status bar and the undo stack. Every curation edit marks its articles Reviewed (a
pending mark: discarding the edit — Revert, closing without saving, the crash restore's
Discard — takes it back); an explicit mark (Enter, F, U on an unpublished article) is an
undo step of its own (``MarkCommand``), in order with the edits; undo and redo of either
put back the exact marks (record and time) they found. Marks live in the review file,
never in the articles: no undo of a mark writes an article."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from newsdesk.ui import preferences
from newsdesk.ui.review_book import ReviewBook
from newsdesk.ui.session import DataCommand


def _leaves(command) -> list:
    """The commands of one undo step: itself, or those of a macro (U: an unpublish and a mark)."""
    if command is None:
        return []
    if not command.childCount():
        return [command]
    return [leaf for n in range(command.childCount()) for leaf in _leaves(command.child(n))]


class MarkCommand(QUndoCommand):
    """Marks that change no article (Enter, F, U on an unpublished article): {rel: (mark
    before, after)} as ReviewBook.changing saw them, made before the push."""

    def __init__(self, label: str, book: ReviewBook, changes: dict):
        super().__init__(label)
        self.book, self.changes = book, changes
        self._done = True  # pushed once made: the first redo() is the push's

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.book.step(self.changes, True)

    def undo(self) -> None:
        self.book.step(self.changes, False)


class ReviewDesk:
    def __init__(self, window):
        self.window = window
        self.book: ReviewBook | None = None
        self.stack = None
        self._index = 0

    def open(self, session, model) -> None:
        self.close()
        window = self.window
        book = self.book = ReviewBook(session.library, preferences.review_fields(window.settings), window)
        model.review_of = book.review_of
        window.sidebar.review_of = book.review_of
        book.changed.connect(lambda _rels: window.sidebar.refresh_soon())
        book.changed.connect(lambda rels: self._states_changed(model, rels))
        book.changed.connect(lambda _rels: window.status.timer.start())
        session.changed.connect(book.rows_changed)
        session.saved.connect(book.saved)
        session.discarding.connect(book.take_back)
        self.stack = session.undo_stack
        self._index = session.undo_stack.index()
        session.undo_stack.indexChanged.connect(lambda n, stack=session.undo_stack: self._undo_moved(stack, n))
        if book.error:
            window.statusBar().showMessage(book.error, 10000)

    def _states_changed(self, model, rels) -> None:
        """Repaint and decide again; states worked out (not marked) are no edit: a row they
        make not match the search leaves at once (an edit's stays, greyed, till Refresh)."""
        with self.window.proxy.deciding(self.book is not None and self.book.working_out):
            model.review_changed(rels)

    def loaded(self) -> None:
        if self.book is not None:
            self.book.load()

    def marked(self, label: str, rels: list[str], act) -> bool:
        """An explicit mark as one undo step: ``act()`` changes the marks of ``rels``; the
        step is pushed when it changed any (inside a macro, it joins it)."""
        if self.book is None or self.stack is None or not rels:
            return False
        changes = self.book.changing(rels, act)
        if changes:
            self.stack.push(MarkCommand(label, self.book, changes))
        return bool(changes)

    def _undo_moved(self, stack, index: int) -> None:
        """An edit made: the editor looked at those articles (pending marks), unless it was a
        change across the library (``DataCommand.review``); a revert takes back the marks of
        the edits it drops (``takes_back``). Redone or undone: the marks it changed are put
        forward or back exactly. (MarkCommands do their own.)"""
        old, self._index = self._index, index
        book = self.book
        if book is None:
            return
        if index > old:
            for n in range(old, index):
                for command in _leaves(stack.command(n)):
                    if not isinstance(command, DataCommand):
                        continue
                    if command.marks is not None:
                        book.step(command.marks, True)
                        continue
                    rels = list(command.changes)
                    if command.takes_back:
                        command.marks = book.changing(rels, lambda rels=rels: book.take_back(rels))
                    elif command.review:
                        command.marks = book.changing(
                            rels, lambda rels=rels: book.mark_reviewed_unless_flagged(rels, by_edit=True))
                    else:
                        command.marks = {}
        else:
            for n in reversed(range(index, old)):
                for command in reversed(_leaves(stack.command(n))):  # none once the stack is cleared
                    if isinstance(command, DataCommand) and command.marks:
                        book.step(command.marks, False)

    def close(self) -> None:
        if self.book is not None:
            self.book.close()
            self.book.deleteLater()
            self.book = None
        self.stack = None

    def status_text(self) -> str:
        """"34 new · 120 reviewed today" for the status bar."""
        book = self.book
        if book is None or book.store is None:
            return ""
        new, today = book.counts()
        return f"{new:,} new \u00b7 {today:,} reviewed today"
