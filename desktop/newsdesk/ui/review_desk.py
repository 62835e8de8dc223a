"""The review desk of the open folder: its ReviewBook wired to the table, the search,
the status bar and the undo stack (every curation edit marks its articles Reviewed, its
undo puts back the states they had)."""
from __future__ import annotations

from newsdesk.ui import preferences
from newsdesk.ui.review_book import ReviewBook
from newsdesk.ui.session import DataCommand


class ReviewDesk:
    def __init__(self, window):
        self.window = window
        self.book: ReviewBook | None = None
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

    def _undo_moved(self, stack, index: int) -> None:
        """An edit made (or redone): the editor looked at those articles, unless it was a
        change across the library (``DataCommand.review``). An edit undone: the articles it
        marked get their state from before it back."""
        old, self._index = self._index, index
        if self.book is None:
            return
        if index > old:
            for n in range(old, index):
                command = stack.command(n)
                if isinstance(command, DataCommand) and command.review:
                    command.reviews = self.book.mark_reviewed_unless_flagged(list(command.changes))
        else:
            for n in reversed(range(index, old)):
                command = stack.command(n)  # None once the stack is cleared
                if isinstance(command, DataCommand) and command.reviews:
                    self.book.put_back(command.reviews)
                    command.reviews = {}

    def close(self) -> None:
        if self.book is not None:
            self.book.close()
            self.book.deleteLater()
            self.book = None

    def status_text(self) -> str:
        """"34 new · 120 reviewed today" for the status bar."""
        book = self.book
        if book is None or book.store is None:
            return ""
        new, today = book.counts()
        return f"{new:,} new \u00b7 {today:,} reviewed today"
