"""A folder of articles: its index rows, the drafts being edited (``core.library.drafts``),
saving them.

Qt-free; the window shows a Library through a table model and edits it only
through ``preview_top`` (what an edit, a ``core.document.edits`` object, would make of
an article) and ``set_data``.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from operator import itemgetter
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
    article_stats,
    file_version,
    iter_article_files,
    refill,
    relpath,
)
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.library.drafts import Drafts
from newsdesk.core.problems import ArticleProblem


@dataclass
class DiskChanges:
    """What changed in the folder since it was read: found by ``Library.scan`` (which
    changes nothing, so it may run off the UI thread), applied by ``Library.apply``."""
    rows: list[Row] = field(default_factory=list)                 # changed or new files
    problems: list[ArticleProblem] = field(default_factory=list)  # files now unreadable
    gone: list[str] = field(default_factory=list)                 # relative paths deleted

    def __bool__(self) -> bool:
        return bool(self.rows or self.problems or self.gone)


@dataclass
class Applied:
    """What ``Library.apply`` did, for the window to show."""
    changed: list[str] = field(default_factory=list)   # rows re-read in place
    added: list[Row] = field(default_factory=list)     # new rows: for the caller to ``add``
    removed: list[str] = field(default_factory=list)   # rows that went: for the caller to ``remove``
    flagged: list[str] = field(default_factory=list)   # unsaved edits kept; the file changed or went
    reloaded: dict = field(default_factory=dict)       # rel -> data the editor had loaded, now replaced


def _stat(path: Path):
    try:
        return os.stat(path)
    except OSError:
        return None


class Library:
    def __init__(self, root: Path | str, cache: IndexCache | None = None):
        self.root = Path(root)
        self.cache = cache
        self.rows: list[Row] = []
        self.problems: list[ArticleProblem] = []
        self.drafts = Drafts(self)  # the articles opened for editing
        self._position_map: dict[str, int] | None = {}  # rel -> row; None: rebuild when asked
        self._mapped = 0  # how many rows (from the first) the map holds
        self._topics: Counter = Counter()  # kept as rows come and change: no pass over 100k rows
        self._unpublished = 0
        self.on_disk: dict[str, str] = {}  # rel -> "changed" / "deleted": files that moved under unsaved edits

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

    def read(self, paths: Iterable[Path]) -> tuple[list[Row], list[ArticleProblem]]:
        """Index rows of some files (no state changes: safe off the UI thread)."""
        return self.split_results(index_files(list(paths), self.root, self.cache))

    def read_cached(self, paths: list[str]) -> tuple[list[Row], list[ArticleProblem], list[str]]:
        """The rows and problems the index cache has of some files, and the files it lacks
        (no state changes: safe off the UI thread)."""
        from newsdesk.core.indexing.pipeline import cached
        found, lacking = cached(paths, self.root, self.cache)
        return (*self.split_results(found), lacking)

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

    def add(self, rows: list[Row], problems: list[ArticleProblem]) -> range:
        start = len(self.rows)
        positions = self._positions()
        for row in rows:
            positions[row.path] = len(self.rows)
            self.rows.append(row)
        self._mapped = len(self.rows)
        # one C-level count for the batch (topics are only ever added here)
        self._topics.update(t for row in rows for t in row.topics if isinstance(t, str))
        self._unpublished += sum(1 for row in rows if row.published is not True)
        self.problems.extend(problems)
        return range(start, len(self.rows))

    def load(self, progress: Callable[[int, int], None] | None = None) -> None:
        paths = self.paths()
        step = 200
        for n in range(0, len(paths), step):
            self.add(*self.read(paths[n:n + step]))
            if progress:
                progress(min(n + step, len(paths)), len(paths))

    # ---- changes on disk ------------------------------------------------------------
    def _problem_rel(self, problem: ArticleProblem) -> str:
        return self.relpath(Path(problem.path)) if problem.path is not None else ""

    def known(self, folder: Path | None = None, only: Iterable[str] | None = None) -> dict:
        """What the library knows of the files ``scan_files`` will look at: rel -> (size,
        version) for rows, None for unreadable files. Cheap; call it where rows may change."""
        bad = {self._problem_rel(p) for p in self.problems}
        if only is not None:
            only = set(only)
            known = {rel: (self.rows[self._positions()[rel]].size, self.rows[self._positions()[rel]].version)
                     for rel in only if rel in self._positions()}
            known.update({rel: None for rel in bad & only})
            return known
        folder = Path(folder) if folder is not None else self.root
        prefix = "" if folder == self.root or self.root.is_file() else self.relpath(folder) + "/"
        known = {row.path: (row.size, row.version) for row in self.rows if row.path.startswith(prefix)}
        known.update({rel: None for rel in bad if rel.startswith(prefix)})
        return known

    def scan_files(self, known: dict, folder: Path | None = None, only: Iterable[str] | None = None) -> DiskChanges:
        """The files that changed, appeared or went, compared with ``known``. Reads no library
        state but the root and cache, so it may run off the UI thread."""
        folder = Path(folder) if folder is not None else self.root
        if self.root.is_file():
            stats = [(rel, st.st_size, file_version(st)) for rel in known
                     for st in [_stat(self.root)] if st is not None]
        elif only is not None:
            stats = [(rel, st.st_size, file_version(st)) for rel in set(only)
                     for st in [_stat(self.root / rel)] if st is not None]
        else:
            stats = article_stats(folder, self.root) if folder.is_dir() else ()
        changed, seen = [], set()
        for rel, size, version in stats:
            seen.add(rel)
            if known.get(rel, 0) != (size, version):
                changed.append(self.file(rel))
        out = DiskChanges(gone=sorted(rel for rel in known if rel not in seen))
        for result in index_files(changed, self.root, self.cache):
            if isinstance(result, ArticleProblem):
                out.problems.append(result)  # new, or still unreadable (its reason may differ)
            else:
                out.rows.append(result)
        return out

    def scan(self, folder: Path | None = None, only: Iterable[str] | None = None) -> DiskChanges:
        """Files under ``folder`` (default: all), or just the articles ``only``, that changed,
        appeared or went since read."""
        return self.scan_files(self.known(folder, only), folder, only)

    def apply(self, changes: DiskChanges) -> Applied:
        """Bring the library in line with the disk (all but removing and adding rows,
        which the caller does, removing first). Unsaved edits are never dropped: an
        edited article whose file changed keeps its edits (saving merges them onto the
        new file); one whose file went stays, flagged."""
        done = Applied()
        new_rows = []
        problem_rels = {self._problem_rel(p) for p in changes.problems}
        self.problems = [p for p in self.problems if self._problem_rel(p) not in problem_rels
                         and self._problem_rel(p) not in {r.path for r in changes.rows}
                         and self._problem_rel(p) not in changes.gone]
        self.problems.extend(changes.problems)
        for row in changes.rows:
            rel = row.path
            if rel not in self._positions():
                new_rows.append(row)
            elif self._is_known(rel, row):
                continue  # our own save, written after the scan looked at the rows: nothing new
            elif self.is_dirty(rel):
                self.on_disk[rel] = "changed"
                done.flagged.append(rel)
            else:
                draft = self._drafts.pop(rel, None)
                if draft is not None:
                    done.reloaded[rel] = draft.article.data
                self.on_disk.pop(rel, None)
                old = self.rows[self._positions()[rel]]
                self._tally(old, -1)
                self.rows[self._positions()[rel]] = row
                self._tally(row, 1)
                done.changed.append(rel)
        for rel in [self._problem_rel(p) for p in changes.problems] + list(changes.gone):
            if rel not in self._positions():
                continue
            if self.is_dirty(rel):
                self.on_disk[rel] = "deleted" if rel in changes.gone else "changed"
                done.flagged.append(rel)
            else:
                done.removed.append(rel)
        done.added = new_rows
        return done

    def _is_known(self, rel: str, row: Row) -> bool:
        """The file as scanned is the one the row already describes (same size and version):
        a save of ours landing between the scan's look at the rows and its look at the disk
        (saving 1,575 articles showed the app's own writes as "Changed on disk")."""
        old = self.rows[self._positions()[rel]]
        return (old.size, old.version) == (row.size, row.version) and rel not in self.on_disk

    def refresh(self, folder: Path | None = None) -> Applied:
        """Scan and apply in one go (the window does the steps itself, to tell its views)."""
        done = self.apply(self.scan(folder))
        self.remove(done.removed)
        self.add(done.added, [])
        return done

    def close(self) -> None:
        """Let go of every row and parsed article (the window moves to another folder;
        what still refers to this library then finds it empty, not hundreds of MB)."""
        self.rows.clear()  # in place: whoever still holds the list holds no rows
        self.problems = []
        self._drafts.clear()
        self._position_map, self._mapped = {}, 0
        self._topics = Counter()
        self._unpublished = 0
        self.on_disk = {}

    def remove_at(self, position: int) -> None:
        """Drop one row; call ``reindex`` after the last one."""
        row = self.rows.pop(position)
        self._tally(row, -1)
        self._drafts.pop(row.path, None)
        self.on_disk.pop(row.path, None)

    def remove(self, rels: list[str]) -> None:
        for position in sorted((self._positions()[rel] for rel in rels), reverse=True):
            self.remove_at(position)
        self.reindex()

    def reindex(self) -> None:
        self._position_map = None

    # ---- rows and drafts ---------------------------------------------------------
    def _positions(self) -> dict[str, int]:
        if self._position_map is None or self._mapped < len(self.rows):
            self.map_positions(len(self.rows))
        return self._position_map

    def map_positions(self, count: int) -> bool:
        """Map ``count`` more rows' paths to their places (after a reorder the map is made
        anew); True once every row is mapped. For callers that spread the work out: at
        100k rows the whole map is ~75 ms."""
        if self._position_map is None:
            self._position_map, self._mapped = {}, 0
        start, stop = self._mapped, min(len(self.rows), self._mapped + count)
        self._position_map.update(zip([row.path for row in self.rows[start:stop]], range(start, stop), strict=True))
        self._mapped = stop
        return stop >= len(self.rows)

    def position(self, rel: str) -> int:
        return self._positions()[rel]

    def reorder(self, order: list[int]) -> None:
        """Put the rows in a new order (``order[new] = old``)."""
        self.rows = list(itemgetter(*order)(self.rows)) if len(order) > 1 else [self.rows[i] for i in order]
        self._position_map = None

    def unpublished(self) -> int:
        return self._unpublished

    def file(self, rel: str) -> Path:
        return self.root / rel if self.root.is_dir() else self.root

    def _refresh_row(self, rel: str, keys=None) -> None:
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
        return [row.path for row in self.rows if any(t in topics for t in row.topics if isinstance(t, str))]

    # ---- library-wide facts ----------------------------------------------------
    def _tally(self, row: Row, sign: int) -> None:
        """Library-wide counts kept as rows come, change and go (no pass over 100k rows)."""
        if row.published is not True:
            self._unpublished += sign
        for topic in row.topics:
            if isinstance(topic, str):
                self._topics[topic] += sign
                if self._topics[topic] <= 0:
                    del self._topics[topic]

    def topics(self) -> Counter:
        """How many articles carry each topic (as edited, saved or not)."""
        return Counter(self._topics)

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
