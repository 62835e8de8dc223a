"""A folder of articles: the facade over its row store (``core.library.rows``), the
drafts being edited and saved (``core.library.drafts``), and what changed on disk
(``core.library.disk_sync``).

Qt-free; the window shows a Library through a table model over its ``view`` (sort
order, filter, search texts: ``core.library.view``) and edits it only through
``preview_top`` (what an edit, a ``core.document.edits`` object, would make of an
article) and ``set_data``.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from newsdesk.core.document.article import MISSING
from newsdesk.core.document.draft import Draft, TopValues
from newsdesk.core.document.edits import Edit
from newsdesk.core.editorial.journal import Entry
from newsdesk.core.indexing import pool as workers
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.index import (
    Row,
    article_paths,
    iter_article_files,
    refill,
    relpath,
)
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.library.disk_merge import TopsOf
from newsdesk.core.library.disk_sync import Applied, DiskChanges, DiskState, DiskSync, Snapshot
from newsdesk.core.library.drafts import Drafts
from newsdesk.core.library.rows import RowStore
from newsdesk.core.library.view import LibraryView
from newsdesk.core.problems import ArticleProblem

__all__ = ["Applied", "DiskChanges", "DiskState", "Library", "Snapshot"]


class Library:
    def __init__(self, root: Path | str, cache: IndexCache | None = None):
        self.root = Path(root)
        self.cache = cache
        self.store = RowStore()
        self.disk = DiskSync(self.root, cache, self.store)
        self._view: LibraryView | None = None  # made when first asked for (the CLI needs none)
        self.drafts = Drafts(self)  # the articles opened for editing

    @property
    def rows(self) -> list[Row]:
        """The index rows, in the order read (the table's order is the ``view``'s). Read only:
        rows come and go through ``add`` and ``remove``."""
        return self.store.rows

    @property
    def problems(self) -> list[ArticleProblem]:
        return self.store.problems

    @property
    def on_disk(self) -> dict[str, DiskState]:
        """rel -> DiskState: the files that moved under unsaved edits."""
        return self.disk.states

    @property
    def view(self) -> LibraryView:
        """The rows as the table shows them: sort order, filter, search texts."""
        if self._view is None:
            self._view = LibraryView()
            self._view.add(self.store.rows)
        return self._view

    _drafts = property(lambda self: self.drafts.open)  # rel -> Draft, of the articles opened

    # ---- loading -----------------------------------------------------------
    def paths(self) -> list[Path]:
        return article_paths(self.root)

    def iter_paths(self, temps: list | None = None):
        """The article files as path strings, as the folders are walked (temporary files
        of saves met on the way into ``temps``: see ``remove_stale_temps``)."""
        return iter_article_files(self.root, temps)

    @staticmethod
    def remove_stale_temps(temps: list[str]) -> int:
        """Remove what a crashed save left (no save holds it, and it is a minute old)."""
        from newsdesk.core.files.guard import remove_stale_temps
        return sum(remove_stale_temps(folder, only={os.path.basename(t) for t in temps if os.path.dirname(t) == folder})
                   for folder in {os.path.dirname(t) for t in temps})

    def read(self, paths: Iterable[Path], snapshot=None) -> tuple[list[Row], list[ArticleProblem]]:
        """Index rows of some files (no state changes: safe off the UI thread); a load
        passes its ``snapshot`` (see ``last_rows``)."""
        return self.split_results(index_files(list(paths), self.root, self.cache, snapshot=snapshot))

    def read_cached(self, paths: list[str], snapshot=None) -> tuple[list[Row], list[ArticleProblem], list[str]]:
        """The rows and problems the index cache has of some files, and the files it lacks
        (no state changes: safe off the UI thread)."""
        from newsdesk.core.indexing.pipeline import cached
        found, lacking = cached(paths, self.root, self.cache, snapshot)
        return (*self.split_results(found), lacking)

    def last_rows(self):
        """The folder's rows as its last load left them, for a load to take first and keep
        again at its end (core/indexing/snapshot.py); None without a cache."""
        if self.cache is None or self.cache.disabled:
            return None
        return self.cache.snapshot(os.path.normpath(os.path.abspath(self.root)))

    def read_elsewhere(self, paths: list[Path]):
        """Start reading some files in a worker process: a Future of (results, the rows'
        search texts), or None where there is no pool (then call ``read``)."""
        from newsdesk.core.indexing.pipeline import index_in_worker
        pool = workers.process_pool()
        if pool is None:
            return None
        cache_path = str(self.cache.path) if self.cache is not None and not self.cache.disabled else None
        try:
            return pool.submit(index_in_worker, [str(p) for p in paths], str(self.root), cache_path)
        except Exception:  # noqa: BLE001 - a pool that broke: read here
            return None

    @staticmethod
    def split_results(results: list) -> tuple[list[Row], list[ArticleProblem]]:
        rows, problems = [], []
        for result in results:
            (problems if isinstance(result, ArticleProblem) else rows).append(result)
        return rows, problems

    def add(self, rows: list[Row], problems: list[ArticleProblem], texts: list[str] | None = None) -> range:
        """Rows (and problems) read, at the end; ``texts``, the rows' search texts if made."""
        added = self.store.add(rows, problems)
        if self._view is not None:
            self._view.add(rows, texts)
        return added

    def load(self, progress: Callable[[int, int], None] | None = None) -> None:
        paths = self.paths()
        step = 200
        for n in range(0, len(paths), step):
            self.add(*self.read(paths[n:n + step]))
            if progress:
                progress(min(n + step, len(paths)), len(paths))

    # ---- changes on disk (core.library.disk_sync) ----------------------------------
    def snapshot(self) -> Snapshot:
        """What a scan off the UI thread needs to know of the rows, taken on their thread."""
        return self.disk.snapshot()

    def known(self, folder: Path | None = None, only: Iterable[str] | None = None,
              snapshot: Snapshot | None = None) -> dict:
        return self.disk.known(folder, only, snapshot)

    def scan_files(self, known: dict, folder: Path | None = None, only: Iterable[str] | None = None) -> DiskChanges:
        return self.disk.scan_files(known, folder, only)

    def scan(self, folder: Path | None = None, only: Iterable[str] | None = None) -> DiskChanges:
        return self.disk.scan(folder, only)

    def apply(self, changes: DiskChanges) -> Applied:
        """Bring the library in line with the disk (all but removing and adding rows,
        which the caller does, removing first). Unsaved edits are never dropped: an
        edited article whose file changed keeps its edits, merged onto the new file
        (``Drafts.rebase``; where they conflict with it, saving asks); one whose file went
        stays, flagged. ``reloaded`` holds the data each re-read or merged draft was on."""
        done = self.disk.apply(changes, self.is_dirty)
        for rel in done.changed:
            draft = self._drafts.pop(rel, None)
            if draft is not None:
                done.reloaded[rel] = TopsOf(draft.article)
        rewritten = {row.path: row for row in changes.rows}
        merged = []
        for rel in list(done.flagged):  # the edits merged onto the file now, where they merge cleanly
            scanned, row = rewritten.get(rel), self.store.row(rel)
            if scanned is not None and (scanned.size, scanned.version) == (row.size, row.version):
                done.flagged.remove(rel)  # merged onto this very file already (by an earlier step of one scan)
                continue
            old = self.drafts.rebase(rel, scanned) if scanned is not None else None
            if old is not None:
                done.reloaded[rel] = old
                merged.append(rel)
        if self._view is not None and done.changed:
            self._view.replace([self.store.row(rel) for rel in done.changed])
        if self._view is not None and merged:
            self._view.changed(merged)
        return done

    def refresh(self, folder: Path | None = None) -> Applied:
        """Scan and apply in one go (the window does the steps itself, to tell its views)."""
        done = self.apply(self.scan(folder))
        self.remove(done.removed)
        self.add(done.added, [])
        return done

    def close(self) -> None:
        """Let go of every row and parsed article (the window moves to another folder;
        what still refers to this library then finds it empty, not hundreds of MB)."""
        self.store.clear()  # in place: whoever still holds the list holds no rows
        if self._view is not None:
            self._view.clear()
        self._drafts.clear()
        self.disk.states.clear()

    def remove(self, rels: list[str]) -> None:
        """Let these rows go, with their drafts (from the view too, unless it dropped them)."""
        for row in self.store.remove(rels):
            self._drafts.pop(row.path, None)
            self.disk.states.pop(row.path, None)
        if self._view is not None:
            self._view.discard(rels)

    # ---- rows and drafts ---------------------------------------------------------
    def _positions(self) -> dict[str, int]:
        return self.store.positions()

    def position(self, rel: str) -> int:
        """Where the row of ``rel`` is in ``rows`` (not in the table: ask the view)."""
        return self.store.position(rel)

    def row(self, rel: str) -> Row:
        return self.store.row(rel)

    def unpublished(self) -> int:
        return self.store.unpublished()

    def file(self, rel: str) -> Path:
        return self.root / rel if self.root.is_dir() else self.root

    def replace_row(self, row: Row) -> None:
        """A row read again (its file changed) in the place of the one of its path."""
        self.store.replace(row)
        if self._view is not None:
            self._view.replace([row])

    def refresh_row(self, rel: str, keys=None) -> None:
        """The row from the draft; of an article read entry by entry, the fields of
        ``keys`` (default: those its edits touch)."""
        draft = self._drafts[rel]
        row = self.rows[self._positions()[rel]]
        self._tally(row, -1)
        if draft._data is not None or draft.article.parsed:
            refill(row, draft.data)
        else:  # only what the edits changed: the row holds the rest already
            changed = {key: draft.top(key) for key in (draft._changes if keys is None else keys)}
            refill(row, {k: v for k, v in changed.items() if v is not MISSING}, changed)
        self._tally(row, 1)

    # ---- topics across the library ----------------------------------------------
    def with_topic(self, topics: set[str]) -> list[str]:
        """The articles carrying any of these topics (from the index rows: no parsing)."""
        return self.store.with_topic(topics)

    # ---- library-wide facts ----------------------------------------------------
    def _tally(self, row: Row, sign: int) -> None:
        self.store.tally(row, sign)

    def topics(self) -> Counter:
        """How many articles carry each topic (as edited, saved or not)."""
        return self.store.topics()

    def relpath(self, path: Path) -> str:
        return relpath(path, self.root)

    # ---- the drafts: what the window and the commands ask of them (core.library.drafts)
    def draft(self, rel: str) -> Draft:
        return self.drafts.draft(rel)

    def prefetch(self, rels, progress=None) -> None:
        self.drafts.prefetch(rels, progress)

    def parse_elsewhere(self, rel: str):
        return self.drafts.parse_elsewhere(rel)

    def stamp(self, rel: str) -> tuple[int, int] | None:
        return self.drafts.stamp(rel)

    def adopt(self, rel: str, result, stamp: tuple[int, int] | None = None) -> bool:
        return self.drafts.adopt(rel, result, stamp)

    def loaded_rels(self) -> list[str]:
        return self.drafts.loaded_rels()

    def loaded(self, rel: str) -> bool:
        return self.drafts.loaded(rel)

    def is_dirty(self, rel: str) -> bool:
        return self.drafts.is_dirty(rel)

    def dirty(self) -> list[str]:
        return self.drafts.dirty()

    def preview(self, rel: str, edit: Edit) -> dict:
        return self.drafts.preview(rel, edit)

    def preview_top(self, rel: str, edit: Edit) -> tuple[TopValues, TopValues]:
        return self.drafts.preview_top(rel, edit)

    def set_top(self, rel: str, values: dict) -> None:
        self.drafts.set_top(rel, values)

    def set_data(self, rel: str, data: dict) -> None:
        self.drafts.set_data(rel, data)

    def previews(self, rels, edit: Edit, progress=None):
        return self.drafts.previews(rels, edit, progress)

    def retopic(self, mapping: dict[str, str | None], progress=None) -> dict[str, tuple[dict, dict]]:
        return self.drafts.retopic(mapping, progress)

    def rebase(self, rel: str, row: Row | None = None):
        return self.drafts.rebase(rel, row)

    def revert(self, rel: str) -> None:
        self.drafts.revert(rel)

    def save(self, rel: str, choose=None) -> dict | None:
        return self.drafts.save(rel, choose)

    def pending(self, rel: str) -> tuple[bytes, bytes]:
        return self.drafts.pending(rel)

    def change(self, rel: str):
        return self.drafts.change(rel)

    def save_all(self) -> list[ArticleProblem]:
        return self.drafts.save_all()

    def unsaved(self) -> dict[str, Entry]:
        return self.drafts.unsaved()

    def restore(self, entries: dict[str, Entry]):
        return self.drafts.restore(entries)
