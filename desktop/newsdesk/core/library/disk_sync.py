"""What changed in the folder on disk since it was read, and bringing the rows in line.

``scan_files`` looks at the disk and reads the files that changed; it changes nothing,
so it may run off the UI thread — given a ``Snapshot`` the UI thread took, it reads no
live library state at all (the UI thread may meanwhile add, remove or reorder rows).
``apply`` then changes the rows, on the thread that owns them. A file that moved under
unsaved edits gets a ``DiskState``; the edits are never dropped.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.index import Row, article_stats, file_version, relpath
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.library.rows import RowStore
from newsdesk.core.problems import ArticleProblem


class DiskState(StrEnum):
    """What happened on disk to a file that has unsaved edits (one that has none is
    simply read again, or dropped)."""
    CHANGED = "changed"   # rewritten: saving merges the edits into it
    UNREADABLE = "unreadable"  # rewritten as something it cannot read: saving waits until it is fixed
    DELETED = "deleted"   # deleted or renamed: the edits are kept, they cannot be saved to it


@dataclass
class DiskChanges:
    """What changed in the folder since it was read: found by ``scan`` (which changes
    nothing, so it may run off the UI thread), applied by ``apply``."""
    rows: list[Row] = field(default_factory=list)                 # changed or new files
    problems: list[ArticleProblem] = field(default_factory=list)  # files now unreadable
    gone: list[str] = field(default_factory=list)                 # relative paths deleted

    def __bool__(self) -> bool:
        return bool(self.rows or self.problems or self.gone)


@dataclass
class Applied:
    """What ``apply`` did, for the window to show."""
    changed: list[str] = field(default_factory=list)   # rows re-read in place
    added: list[Row] = field(default_factory=list)     # new rows: for the caller to ``add``
    removed: list[str] = field(default_factory=list)   # rows that went: for the caller to ``remove``
    unreadable: list[str] = field(default_factory=list)  # of ``removed``: still on disk, now unreadable
    problems: list[str] = field(default_factory=list)  # files whose problem is new or now reads otherwise
    flagged: list[str] = field(default_factory=list)   # unsaved edits kept; the file changed or went
    reloaded: dict = field(default_factory=dict)       # rel -> data the editor had loaded, now replaced


@dataclass(frozen=True)
class Snapshot:
    """The rows and unreadable files as they were when taken (on the UI thread, ~1 ms at
    100k rows: the list is copied, not the rows). A row's size and version may change
    meanwhile (a save): the scan then reads that file again, and ``apply`` sees it is
    the row's own."""
    rows: tuple[Row, ...]
    bad: frozenset[str]


def _stat(path: Path):
    try:
        return os.stat(path)
    except OSError:
        return None


class DiskSync:
    def __init__(self, root: Path, cache: IndexCache | None, store: RowStore):
        self.root, self.cache, self.store = root, cache, store
        self.states: dict[str, DiskState] = {}  # rel -> what happened to a file under unsaved edits

    def file(self, rel: str) -> Path:
        return self.root / rel if self.root.is_dir() else self.root

    def _problem_rel(self, problem: ArticleProblem) -> str:
        return relpath(Path(problem.path), self.root) if problem.path is not None else ""

    def snapshot(self) -> Snapshot:
        """What ``known`` needs, for a scan off the UI thread."""
        return Snapshot(tuple(self.store.rows), frozenset(self._problem_rel(p) for p in self.store.problems))

    def known(self, folder: Path | None = None, only: Iterable[str] | None = None,
              snapshot: Snapshot | None = None) -> dict:
        """What the library knows of the files ``scan_files`` will look at: rel -> (size,
        version) for rows, None for unreadable files. Of a ``snapshot``, off the UI thread;
        without one, of the live rows (on their thread)."""
        if snapshot is None:
            bad = {self._problem_rel(p) for p in self.store.problems}
            if only is not None:
                only, positions, rows = set(only), self.store.positions(), self.store.rows
                known = {rel: (rows[positions[rel]].size, rows[positions[rel]].version)
                         for rel in only if rel in positions}
                known.update({rel: None for rel in bad & only})
                return known
            rows = self.store.rows
        else:
            rows, bad = snapshot.rows, snapshot.bad
            if only is not None:
                only = set(only)
                known = {row.path: (row.size, row.version) for row in rows if row.path in only}
                known.update({rel: None for rel in bad & only})
                return known
        folder = Path(folder) if folder is not None else self.root
        prefix = "" if folder == self.root or self.root.is_file() else relpath(folder, self.root) + "/"
        known = {row.path: (row.size, row.version) for row in rows if row.path.startswith(prefix)}
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

    def apply(self, changes: DiskChanges, is_dirty: Callable[[str], bool]) -> Applied:
        """Bring the rows in line with the disk (all but removing and adding rows, which
        the caller does, removing first). A changed file with unsaved edits keeps them
        (saving merges them onto the new file); one that went stays, flagged. The drafts
        of the rows re-read (``changed``) are the caller's to drop."""
        done = Applied()
        store = self.store
        problem_rels = {self._problem_rel(p) for p in changes.problems}
        dropped = problem_rels | {r.path for r in changes.rows} | set(changes.gone)
        before = {self._problem_rel(p): (p.message, p.line) for p in store.problems}
        store.problems = [p for p in store.problems if self._problem_rel(p) not in dropped]
        store.problems.extend(changes.problems)
        # a file still unreadable but for another reason (read half-written, then finished
        # with a YAML error) is news too: the Problems list must show the final file's reason
        done.problems = sorted({self._problem_rel(p) for p in changes.problems
                                if before.get(self._problem_rel(p)) != (p.message, p.line)}
                               | (set(before) & (dropped - problem_rels)))
        positions = store.positions()
        for row in changes.rows:
            rel = row.path
            if rel not in positions:
                done.added.append(row)
            elif self._is_known(rel, row):
                continue  # our own save, written after the scan looked at the rows: nothing new
            elif is_dirty(rel):
                self.states[rel] = DiskState.CHANGED
                done.flagged.append(rel)
            else:
                self.states.pop(rel, None)
                store.replace(row)
                done.changed.append(rel)
        for rel in [self._problem_rel(p) for p in changes.problems] + list(changes.gone):
            if rel not in positions:
                continue
            if is_dirty(rel):
                self.states[rel] = DiskState.DELETED if rel in changes.gone else DiskState.UNREADABLE
                done.flagged.append(rel)
            else:
                done.removed.append(rel)
                if rel not in changes.gone:
                    done.unreadable.append(rel)
        return done

    def _is_known(self, rel: str, row: Row) -> bool:
        """The file as scanned is the one the row already describes (same size and version):
        a save of ours landing between the scan's look at the rows and its look at the disk
        (saving 1,575 articles showed the app's own writes as "Changed on disk")."""
        old = self.store.row(rel)
        return (old.size, old.version) == (row.size, row.version) and rel not in self.states
