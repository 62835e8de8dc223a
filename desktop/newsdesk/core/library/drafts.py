"""The articles of a library being edited: their drafts, what an edit would make of
them, saving them, and the journal's view of their unsaved edits.

Qt-free. A draft is opened on first use (read one top-level entry at a time where it
can) and let go once saved when it was never read whole. Edits come as
``core.document.edits`` objects: ``preview``/``preview_top`` say what one would do,
``set_data``/``set_top`` put the result in (the undo stack's steps). The rows these
drafts change are the Library's: it is asked to refresh them.
"""
from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.core.document.article import MISSING, Article, folder_conventions, open_article
from newsdesk.core.document.conventions import Conventions
from newsdesk.core.document.draft import Draft, TopValues
from newsdesk.core.document.edits import Edit, RenameItems
from newsdesk.core.editorial.changes import change_of
from newsdesk.core.editorial.journal import Entry
from newsdesk.core.files import saving
from newsdesk.core.indexing.index import file_version, row_from_article
from newsdesk.core.library.disk_merge import TopsOf, merged_entries
from newsdesk.core.library.disk_sync import DiskState
from newsdesk.core.problems import ArticleProblem

if TYPE_CHECKING:
    from typing import Protocol

    from newsdesk.core.indexing.index import Row

    class RowHost(Protocol):
        """What the drafts ask of the library they belong to (Library is one): where an
        article's file is, its row, what the disk did, and to refresh a row they changed."""
        root: Path
        rows: list[Row]
        on_disk: dict[str, DiskState]

        def file(self, rel: str) -> Path: ...
        def position(self, rel: str) -> int: ...
        def with_topic(self, topics: set[str]) -> list[str]: ...
        def refresh_row(self, rel: str, keys=None) -> None: ...
        def replace_row(self, row: Row) -> None: ...


def _within(path: Path, root: Path) -> bool:
    """``path`` (links resolved) lies inside ``root``."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


class Drafts:
    def __init__(self, library: RowHost):
        # The library owns its drafts; they refer back weakly, so that no cycle keeps a
        # closed folder's library (and its 100k rows) alive until the next collection.
        self.library = weakref.proxy(library)
        self.open: dict[str, Draft] = {}  # rel -> the draft, for the articles opened so far
        self._folder_style: dict[Path, Conventions | None] = {}

    def close(self) -> None:
        self.open.clear()

    # ---- opening -------------------------------------------------------------
    def draft(self, rel: str) -> Draft:
        """The article, opened on first use: read one top-level entry at a time where it
        can (``Article.lazy``), whole when its ``data`` is asked for."""
        draft = self.open.get(rel)
        if draft is None:
            draft = self.open[rel] = Draft(open_article(self.library.file(rel)))
        return draft

    def prefetch(self, rels, progress=None) -> None:
        """Parse many articles at once in the worker processes (a bulk edit of 1,000 articles
        spent most of its time parsing them one by one). Their node trees are not sent
        back: an edit rewrites entries one at a time, parsing only those it changes."""
        from newsdesk.core.indexing import pool as workers
        from newsdesk.core.indexing.pipeline import load_in_worker

        missing = [rel for rel in rels if rel not in self.open]
        pool = workers.process_pool() if len(missing) >= workers.PREFETCH_FROM else None
        if pool is None:
            return
        try:
            results = pool.map(load_in_worker, [str(self.library.file(rel)) for rel in missing],
                               chunksize=workers.PREFETCH_CHUNK)
            for n, (rel, result) in enumerate(zip(missing, results, strict=True)):
                if progress is not None and n % 50 == 0:
                    progress(n, len(missing))
                self.adopt(rel, result)
        except Exception:  # noqa: BLE001 - a broken pool: drafts are then parsed here, one by one
            return

    def parse_elsewhere(self, rel: str):
        """Start parsing one article in a worker process: a Future of what ``adopt`` takes,
        or None where there is no pool (then ``draft`` parses it here)."""
        from newsdesk.core.indexing import pool as workers
        from newsdesk.core.indexing.pipeline import load_in_worker
        pool = workers.process_pool()
        if pool is None:
            return None
        try:
            return pool.submit(load_in_worker, str(self.library.file(rel)))
        except Exception:  # noqa: BLE001 - a pool that broke
            return None

    def stamp(self, rel: str) -> tuple[int, int] | None:
        """The file's size and version now (None: it cannot be stat'ed)."""
        try:
            st = os.stat(self.library.file(rel))
        except OSError:
            return None
        return st.st_size, file_version(st)

    def adopt(self, rel: str, result, stamp: tuple[int, int] | None = None) -> bool:
        """Take an article parsed elsewhere ((bytes, data) from load_in_worker) as its draft,
        unless it has one already (made meanwhile, maybe edited) or, given the ``stamp``
        the file had when the parse was asked for, the file changed since. A problem is
        not kept: ``draft`` raises it again, with the file as it is then."""
        if not isinstance(result, tuple):
            return False
        if stamp is not None and (self.stamp(rel) != stamp or len(result[0]) != stamp[0]):
            return False
        raw, data = result
        draft = self.open.get(rel)
        if draft is not None:  # opened lazily meanwhile (its edits stay on top): give it the whole data
            if draft.article.parsed or draft.article.raw != raw:
                return False
            draft.article._data = data
            return True
        from newsdesk.core.document.source import split
        self.open[rel] = Draft(Article(self.library.file(rel), raw, split(raw), None, data))
        return True

    def loaded_rels(self) -> list[str]:
        return list(self.open)

    def loaded(self, rel: str) -> bool:
        """The article's whole data is at hand (not merely some entries of it)."""
        draft = self.open.get(rel)
        return draft is not None and (draft._data is not None or draft.article.parsed)

    def is_dirty(self, rel: str) -> bool:
        draft = self.open.get(rel)
        return draft is not None and draft.dirty

    def dirty(self) -> list[str]:
        return [rel for rel, d in self.open.items() if d.dirty]

    # ---- edits ---------------------------------------------------------------
    def preview(self, rel: str, edit: Edit) -> dict:
        """The whole data an edit would give the article (validated; nothing changes)."""
        draft = self.draft(rel)
        scratch = Draft(draft.article)
        scratch.data = draft.data
        scratch.apply(edit)
        return scratch.data

    def preview_top(self, rel: str, edit: Edit) -> tuple[TopValues, TopValues]:
        """What an edit would change: (before, after), each key -> top-level value
        (MISSING: absent), for the keys it changes only; validated, nothing changes.
        Unlike ``preview`` it parses no more of the article than the edit reads."""
        draft = self.draft(rel)
        scratch = Draft(draft.article)
        scratch._data, scratch._changes = draft._data, draft._changes
        scratch.apply(edit)
        keys: set = set()
        for d in (draft, scratch):
            keys |= set(d._data) if d._data is not None else set(d._changes)
        before, after = TopValues(), TopValues()
        for key in keys:
            old, new = draft.top(key), scratch.top(key)
            if old is not new:
                before[key], after[key] = old, new
        return before, after

    def set_top(self, rel: str, values: dict) -> None:
        """Put top-level values (key -> value, MISSING to remove) into the article's edits."""
        self.draft(rel).set_top(values)
        self.library.refresh_row(rel)

    def set_data(self, rel: str, data: dict) -> None:
        """The article's edited data: whole, or TopValues (only the top-level values given change)."""
        if isinstance(data, TopValues):
            self.set_top(rel, data)
            return
        self.draft(rel).data = data
        self.library.refresh_row(rel)

    def previews(self, rels, edit: Edit, progress=None):
        """What one edit would change in each article: ({rel: (before, after)} as TopValues,
        for the articles it changes; [the problems of those that refused it or cannot be
        read, each naming its file]). Nothing changes. ``progress(done, total)`` may return
        False to stop: then None."""
        changes, problems = {}, []
        rels = list(rels)
        for n, rel in enumerate(rels):
            if progress is not None and progress(n, len(rels)) is False:
                return None
            try:
                before, after = self.preview_top(rel, edit)
            except ArticleProblem as p:
                problems.append(p if p.path is not None else p.with_path(rel))
                continue
            if after:
                changes[rel] = (before, after)
        return changes, problems

    def retopic(self, mapping: dict[str, str | None], progress=None) -> dict[str, tuple[dict, dict]]:
        """What renaming, merging (several to one name) or deleting (to None) topics makes
        of every article concerned (``edits.RenameItems`` over ``Library.with_topic``): rel ->
        (topics now, topics after) as TopValues, for one undoable edit. An article that
        refuses it is left out; ``progress`` as for ``previews`` ({} when stopped)."""
        found = self.previews(self.library.with_topic(set(mapping)), RenameItems(("topics",), mapping), progress)
        return found[0] if found is not None else {}

    def rebase(self, rel: str, row: Row | None = None):
        """The article's file changed on disk under unsaved edits: merge the edits onto the
        file as it is now (what saving would write) and make that the draft, so the row and
        the panel show the disk's values with the edits, and a further edit starts from
        them. ``row``: the file's index row as a scan read it. Returns the top-level values
        the draft was based on before (``TopsOf``), or None where nothing was merged: the
        file is unreadable now, or the merge conflicts (saving then asks), or the draft is
        on these bytes already."""
        draft = self.open.get(rel)
        if draft is None or not draft.dirty:
            return None
        stamp = self.stamp(rel)  # before the read: a write after it is seen by the next scan
        try:
            disk = saving.read_bytes(self.library.file(rel))
            if disk == draft.article.raw:
                return None
            old = draft.article
            if (draft._data is None and row is not None and stamp == (row.size, row.version)
                    and stamp[0] == len(disk)):
                merged = merged_entries(draft, disk)  # edited entry by entry: merged so
                if merged is None:
                    return None
                draft.article, draft._changes = merged
                self.library.replace_row(row)  # the disk's values; the edits go on top below
            else:
                base, data, _ = draft._onto(disk, None)
                draft.article, draft.data = base, data
                if stamp is not None and stamp[0] == len(disk):
                    at = self.library.rows[self.library.position(rel)]
                    at.size, at.version = stamp  # the row describes this file now: no scan reads it again
        except ArticleProblem:  # MergeConflict and SaveConflict among them: saving settles it
            return None
        if not draft.dirty:  # the disk made the very same change: nothing left to save
            self.library.on_disk.pop(rel, None)
        self.library.refresh_row(rel)
        return TopsOf(old)

    def revert(self, rel: str) -> None:
        if rel in self.open:
            keys = set(self.open[rel]._changes)
            self.open[rel].revert()
            self.library.refresh_row(rel, keys)

    # ---- saving --------------------------------------------------------------
    def _folder(self, path: Path):
        folder = path.parent
        if folder not in self._folder_style:
            self._folder_style[folder] = folder_conventions(folder, skip=path)
        return self._folder_style[folder]

    def save(self, rel: str, choose=None) -> dict | None:
        """Write an article's edits; merged onto the file if it changed on disk since read
        (MergeConflict, nothing written, when both changed the same thing and no
        ``choose`` settles it). Returns the disk's data merged onto, or None."""
        library = self.library
        draft = self.open[rel]
        path = library.file(rel)
        theirs = draft.save(folder=lambda: self._folder(path), choose=choose)
        library.on_disk.pop(rel, None)
        row = library.rows[library.position(rel)]
        st = os.stat(path)
        row.size, row.version = st.st_size, file_version(st)
        library.refresh_row(rel)
        if not self.loaded(rel) and not draft.dirty:
            # saved, and never read whole: the file is all it holds now. Let it go (a bulk
            # edit kept 1,000 copies of files); an undo opens the file again.
            del self.open[rel]
        return theirs

    def pending(self, rel: str) -> tuple[bytes, bytes]:
        """The bytes on disk and the bytes ``save`` would write there now (nothing written)."""
        path = self.library.file(rel)
        return self.open[rel].pending(folder=lambda: self._folder(path))

    def change(self, rel: str):
        """What saving this article would change, as a ``core.changes.Change``."""
        path = self.library.file(rel)
        return change_of(rel, self.open[rel], folder=lambda: self._folder(path))

    def save_all(self) -> list[ArticleProblem]:
        """Save every edited article; the problems of those that could not be saved."""
        failed = []
        for rel in self.dirty():
            try:
                self.save(rel)
            except ArticleProblem as p:
                failed.append(p)
        return failed

    # ---- the journal of unsaved edits ---------------------------------------------
    def unsaved(self) -> dict[str, Entry]:
        """Every unsaved edit with the bytes it was made on: what the journal keeps."""
        out = {}
        for rel, d in self.open.items():
            if d._data is not None:
                if d.dirty:
                    out[rel] = Entry(d.article.raw, d.data)
                continue
            changes = d.changes()  # edited entry by entry: only what changed (no whole parse)
            if changes:
                out[rel] = Entry(d.article.raw, None, {k: v for k, v in changes.items() if v is not MISSING},
                                 tuple(k for k, v in changes.items() if v is MISSING))
        return out

    def restore(self, entries: dict[str, Entry]):
        """Put journaled edits back on their original bytes (saving merges them onto the
        file as it is now). Returns ``(changes, new_rows, problems)``: ``changes`` maps
        rel -> (data now, restored data) for the caller to apply as one undoable edit,
        after adding ``new_rows`` (articles whose file went meanwhile)."""
        from newsdesk.core.editorial.journal import inside
        library = self.library
        changes, new_rows, problems = {}, [], []
        for rel, entry in entries.items():
            path = library.file(rel)
            if not inside(rel) or (library.root.is_dir() and not _within(path, library.root)):
                problems.append(ArticleProblem("not restored: the journal names a file outside the folder", rel))
                continue
            try:
                base = Article.from_bytes(entry.base, path)
            except ArticleProblem as p:
                problems.append(p)
                continue
            try:
                disk = saving.read_bytes(path)
            except ArticleProblem:
                disk = None
            draft = self.open.get(rel)
            if draft is None or draft.article.raw != entry.base:
                if draft is not None and draft.dirty:
                    problems.append(ArticleProblem(
                        "has unsaved edits already; the journaled ones were not restored", path))
                    continue
                draft = self.open[rel] = Draft(base)
            if disk != entry.base:
                library.on_disk[rel] = DiskState.DELETED if disk is None else DiskState.CHANGED
            try:
                library.position(rel)
            except KeyError:  # the file went meanwhile: a row for it again
                new_rows.append(row_from_article(base, rel))
            changes[rel] = (draft.data, entry.edited(base.data))
        return changes, new_rows, problems
