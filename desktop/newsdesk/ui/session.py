"""The open library and its undo stack: the one place edits go through."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from newsdesk.core.library import Library
from newsdesk.core.problems import ArticleProblem


class DataCommand(QUndoCommand):
    """An edit of one or more articles: their data before and after."""

    def __init__(self, session: "Session", label: str, changes: dict[str, tuple[dict, dict]]):
        super().__init__(label)
        self.session = session
        self.changes = changes

    def redo(self) -> None:
        self.session._apply({rel: after for rel, (_, after) in self.changes.items()})

    def undo(self) -> None:
        self.session._apply({rel: before for rel, (before, _) in self.changes.items()})


class Session(QObject):
    changed = Signal(list)        # relative paths whose data changed
    saved = Signal(list)          # relative paths written to disk
    dirtyChanged = Signal(bool)

    def __init__(self, library: Library, parent: QObject | None = None):
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self._was_dirty = False

    # ---- editing -------------------------------------------------------------
    def edit(self, label: str, rels: list[str], op: str, *args) -> None:
        """Apply one core edit (Draft method ``op``) to each article, as one undo step.

        Raises ArticleProblem (nothing changes) if the edit is refused for any article.
        """
        changes = {}
        for rel in rels:
            before = self.library.draft(rel).data
            after = self.library.preview(rel, op, *args)
            if after is not before:
                changes[rel] = (before, after)
        self.push(label, changes)

    def edit_each(self, label: str, rels: list[str], make) -> None:
        """Like ``edit``, with ``make(rel, draft) -> (op, args)`` choosing each article's edit."""
        changes = {}
        for rel in rels:
            draft = self.library.draft(rel)
            step = make(rel, draft)
            if step is None:
                continue
            op, args = step
            after = self.library.preview(rel, op, *args)
            if after is not draft.data:
                changes[rel] = (draft.data, after)
        self.push(label, changes)

    def push(self, label: str, changes: dict) -> None:
        if changes:
            self.undo_stack.push(DataCommand(self, label, changes))

    def revert(self, rels: list[str]) -> None:
        changes = {rel: (self.library.draft(rel).data, self.library.draft(rel).article.data)
                   for rel in rels if self.library.is_dirty(rel)}
        n = len(changes)
        self.push(f"Revert {n} article{'s' if n != 1 else ''}", changes)

    def _apply(self, data_by_rel: dict[str, dict]) -> None:
        for rel, data in data_by_rel.items():
            self.library.set_data(rel, data)
        self.changed.emit(list(data_by_rel))
        self._check_dirty()

    def _check_dirty(self) -> None:
        dirty = bool(self.library.dirty())
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirtyChanged.emit(dirty)

    # ---- saving --------------------------------------------------------------
    def save_all(self) -> list[ArticleProblem]:
        dirty = self.library.dirty()
        problems = self.library.save_all()
        failed = {str(p.path) for p in problems}
        saved = [rel for rel in dirty if str(self.library.file(rel)) not in failed]
        if saved:
            self.saved.emit(saved)
            self.changed.emit(saved)
        if not self.library.dirty():
            self.undo_stack.setClean()
        self._check_dirty()
        return problems
