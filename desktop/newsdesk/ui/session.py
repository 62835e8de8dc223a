"""The open library and its undo stack: the one place edits go through."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from newsdesk.core.document.article import MISSING
from newsdesk.core.document.draft import TopValues
from newsdesk.core.document.edits import Edit
from newsdesk.core.document.merge import merge3
from newsdesk.core.editorial.journal import Journal
from newsdesk.core.library.disk_merge import TopsOf
from newsdesk.core.library.library import Applied, Library
from newsdesk.core.problems import ArticleProblem, MergeConflict, PartialEdit

JOURNAL_DELAY_MS = 300   # the longest an edit waits to be journaled, when writing it is slow
JOURNAL_AT_ONCE_S = 0.02  # a journal written faster than this is written on every edit


class DataCommand(QUndoCommand):
    """An edit of one or more articles: for each, the top-level values it changed, before
    and after (TopValues). Only those are kept, not whole copies of the articles: a bulk
    publish of 1,000 articles holds 2,000 booleans, and the articles' other entries need
    never be parsed.

    ``review``: the step is an editor's look at its articles (it marks them Reviewed); a
    change across the library (the topic manager's rename) is not. ``takes_back``: the step
    discards unsaved edits (a revert), and with them the marks they made. ``marks``: the
    review desk's record of the marks the step changed (ui/review_desk.py), None until it
    is first done."""

    def __init__(self, session: Session, label: str, changes: dict[str, tuple[dict, dict]], review: bool = True,
                 takes_back: bool = False):
        super().__init__(label)
        self.session = session
        self.review = review and not takes_back
        self.takes_back = takes_back
        self.marks: dict | None = None
        self.changes = {rel: pair if isinstance(pair[0], TopValues) else TopValues.between(*pair)
                        for rel, pair in changes.items()}

    def redo(self) -> None:
        self.session._apply({rel: after for rel, (_, after) in self.changes.items()})

    def undo(self) -> None:
        self.session._apply({rel: before for rel, (before, _) in self.changes.items()})


def _rebased(old: dict, values: TopValues, new: dict) -> TopValues:
    """Top-level values of an undo step carried from the file's ``old`` data to ``new``."""
    out = TopValues()
    for key, value in values.items():
        mine = {} if value is MISSING else {key: value}
        merged = merge3({key: old[key]} if key in old else {}, mine, {key: new[key]} if key in new else {})[0]
        out[key] = merged.get(key, MISSING)
    return out


class Session(QObject):
    changed = Signal(object)      # [rel] whose data changed (object: a list signal makes QStrings of them)
    saved = Signal(object)        # relative paths written to disk
    discarding = Signal(object)   # relative paths whose unsaved edits are dropped without a step (closing)
    dirtyChanged = Signal(bool)

    def __init__(self, library: Library, parent: QObject | None = None, journal: Journal | None = None):
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self._was_dirty = False
        self.journal = journal if journal is not None else Journal(library.root)
        self._journal_timer = QTimer(self)  # one journal write per burst of edits
        self._journal_timer.setSingleShot(True)
        self._journal_timer.setInterval(JOURNAL_DELAY_MS)
        self._journal_timer.timeout.connect(self.write_journal)

    # ---- editing -------------------------------------------------------------
    def edit(self, label: str, rels: list[str], edit: Edit, progress=None, review: bool = True) -> bool:
        """Give each article the same edit (``core.document.edits``), as one undo step.

        An article that cannot be read or refuses the edit is left out, the others are
        edited, and PartialEdit then names the ones left out. ``progress(done, total)``
        may return False to stop before anything is changed: then False is returned.
        ``review=False``: not an editor's look at the articles (see DataCommand).
        """
        found = self.library.previews(rels, edit, progress)
        if found is None:
            return False
        changes, problems = found
        self.push(label, changes, review)
        if problems:
            raise PartialEdit.of(problems, len(rels))
        return True

    def push(self, label: str, changes: dict, review: bool = True, takes_back: bool = False) -> None:
        """One undo step: rel -> (before, after), whole datas or TopValues."""
        if changes:
            self.undo_stack.push(DataCommand(self, label, changes, review, takes_back))

    def revert(self, rels: list[str]) -> None:
        changes = {}
        for rel in rels:
            if not self.library.is_dirty(rel):
                continue
            draft = self.library.draft(rel)  # only the edited keys: nothing is parsed whole for it
            edited = draft.changes()
            changes[rel] = (TopValues({k: draft.top(k) for k in edited}),
                            TopValues({k: draft.article.top(k) for k in edited}))
        n = len(changes)
        # not a look: a revert drops edits as their undo would, marking nothing, and takes
        # back the marks those edits made (an explicit mark, or one from before, stays)
        self.push(f"Revert {n} article{'s' if n != 1 else ''}", changes, takes_back=True)

    def discard(self, rels: list[str] | None = None) -> None:
        """Unsaved edits let go of without an undo step (closing without saving; the crash
        restore's Discard, of the journal's ``rels``): the journal forgets them, and the
        marks they made are taken back (``discarding``)."""
        rels = self.library.dirty() if rels is None else rels
        if rels:
            self.discarding.emit(list(rels))
        self.journal.clear()

    def _apply(self, data_by_rel: dict[str, dict]) -> None:
        for rel, data in data_by_rel.items():
            self.library.set_data(rel, data)
        self.changed.emit(list(data_by_rel))
        self._check_dirty()
        self._journal_soon()

    def _journal_soon(self) -> None:
        """Journal the edit just made: at once when that is cheap (a few articles: 1-2 ms),
        else at most JOURNAL_DELAY_MS later, never put off by further edits (a crash lost
        the edits of the last 300 ms when every edit restarted the wait)."""
        if self.journal.last_write_s <= JOURNAL_AT_ONCE_S:
            self.write_journal()
        elif not self._journal_timer.isActive():
            self._journal_timer.start()

    def _rebase(self, rel: str, old: dict, new: dict) -> None:
        """The article's file went from ``old`` to ``new`` under the undo history: carry that
        change into every step of it, so undoing never brings back what the disk dropped."""
        for n in range(self.undo_stack.count()):
            command = self.undo_stack.command(n)
            if isinstance(command, DataCommand) and rel in command.changes:
                before, after = command.changes[rel]
                command.changes[rel] = (_rebased(old, before, new), _rebased(old, after, new))

    # ---- the disk ----------------------------------------------------------------
    def disk_changed(self, done: Applied) -> None:
        """The table model applied changes found on disk: tell everyone, keep the history true
        (each draft re-read, or with its edits merged onto the new file, is now on the
        file's new data: the undo steps are carried onto that, not onto the edits)."""
        for rel, old in done.reloaded.items():
            try:
                self._rebase(rel, old, TopsOf(self.library.draft(rel).article))
            except ArticleProblem:
                pass
        rels = [rel for rel in done.changed + done.flagged if rel not in done.removed]
        if rels:
            self.changed.emit(rels)
        if any(rel in done.flagged for rel in done.reloaded):  # merged: the journal keeps them on the new bytes
            self._check_dirty()
            self.write_journal()

    def merge_onto_disk(self, rels: list[str]) -> None:
        """Edits made on bytes the files no longer hold (restored from the journal): merged
        onto the files as they are now where they merge cleanly (``Library.rebase``), and
        shown so, as when a file changes on disk under them."""
        reloaded = {}
        for rel in rels:
            old = self.library.rebase(rel)
            if old is not None:
                reloaded[rel] = old
        if reloaded:
            self.disk_changed(Applied(flagged=list(reloaded), reloaded=reloaded))

    def write_journal(self) -> None:
        self._journal_timer.stop()
        self.journal.write(self.library.unsaved())

    def _check_dirty(self) -> None:
        dirty = bool(self.library.dirty())
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirtyChanged.emit(dirty)

    # ---- saving --------------------------------------------------------------
    def save_all(self, settle=None, progress=None, only: list[str] | None = None) -> list[ArticleProblem]:
        """Save every edited article. Where the file changed on disk the edits are merged
        onto it; a real conflict is put to ``settle(rel, MergeConflict)``, which returns
        {conflict.where: "mine" | "theirs"} or None to leave that article unsaved.
        ``progress(done, total)`` is called as it goes; returning False stops (the rest
        stay unsaved, nothing is half-written)."""
        problems, saved = [], []
        dirty = self.library.dirty()
        if only is not None:  # some of them (the Changes panel's Save)
            dirty = [rel for rel in dirty if rel in set(only)]
        for n, rel in enumerate(dirty):
            if progress is not None and progress(n, len(dirty)) is False:
                break
            loaded = self.library.draft(rel).article  # its data is parsed only if a merge needs it
            try:
                try:
                    theirs = self.library.save(rel)
                except MergeConflict as conflict:
                    choices = settle(rel, conflict) if settle is not None else None
                    if choices is None:
                        raise
                    theirs = self.library.save(rel, choose=lambda c, choices=choices: choices.get(c.where, "theirs"))
            except ArticleProblem as p:
                problems.append(p)
                continue
            if theirs is not None:
                self._rebase(rel, loaded.data, theirs)
            saved.append(rel)
        if saved:
            self.saved.emit(saved)
            self.changed.emit(saved)
        if not self.library.dirty():
            self.undo_stack.setClean()
        self._check_dirty()
        self.write_journal()
        return problems
