"""Follows the open folder on disk: changed files re-read, new ones shown, deleted ones
gone — never at the cost of an unsaved edit (the core keeps and flags those).

The folder is walked, compared with what the library knows, and changed files are read
off the UI thread (at 100k files ~1 s); the UI thread only applies the result through
the table model. What the library knows is read off a snapshot the UI thread takes
(``Library.snapshot``): the scan never reads the live rows or their position map, which
the UI thread may be changing meanwhile. (A row saved meanwhile may look changed: it is
read again, harmlessly.)
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from newsdesk.core.library.disk_sync import Applied, Snapshot
from newsdesk.ui.background import run_in_pool

QUIET_MS = 250  # a pipeline writes many files at once: scan once it pauses


def _folders(root: Path) -> list[str]:
    """The folder and its sub-folders (hidden ones skipped, as the library does)."""
    out = []
    for folder, dirs, _ in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.append(folder)
    return out


class _ScanSignals(QObject):
    done = Signal(object, object)  # [DiskChanges] in the order of the plan; folders now present
    folders = Signal(object)    # every folder under the root, listed when watching starts


def _scan(library, snapshot: Snapshot, plan) -> tuple[list, list]:
    """What changed in each folder of the plan, and the folders now present. Runs on a
    pool thread: of the library it reads the ``snapshot``, its root and its cache only."""
    results, folders = [], []
    for folder, only in plan:
        try:
            # what the library knows, from the snapshot: at 100k rows ~0.1 s, off the UI thread
            known = library.known(folder, only, snapshot)
            results.append(library.scan_files(known, folder, only))
            if only is None and not library.root.is_file():
                folders += _folders(folder or library.root)
        except OSError as e:  # a folder that vanished or cannot be read mid-walk: the next event rescans
            print(f"newsdesk: could not look at {e.filename or folder or library.root} for changes: "
                  f"{e.strerror or e}", file=sys.stderr)
    return results, folders


def _merged(steps: list[Applied]) -> Applied:
    """The steps of one scan as one, each file once (two steps may have looked at one file:
    it is counted, and said, once)."""
    done = Applied()
    for step in steps:
        for name in ("changed", "added", "removed", "unreadable", "problems", "flagged"):
            getattr(done, name).extend(getattr(step, name))
        done.reloaded.update(step.reloaded)
    for name in ("changed", "removed", "unreadable", "problems", "flagged"):
        setattr(done, name, list(dict.fromkeys(getattr(done, name))))
    done.added = list({row.path: row for row in done.added}.values())
    return done


class DiskWatcher(QObject):
    applied = Signal(object)   # core.library.Applied, after the model took it

    def __init__(self, model, session, parent=None):
        super().__init__(parent)
        self.model = model
        self.session = session
        self.library = session.library
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._changed)
        self.watcher.fileChanged.connect(self._changed)
        self._pending: set[str] = set()
        self._files: set[str] = set()
        self._check_loaded = False
        self._scanning = False
        self._signals = _ScanSignals(self)
        self._signals.done.connect(self._scanned)
        self._signals.folders.connect(self._watch_folders)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self.scan_now)
        self._stopped = False

    def start(self) -> None:
        root = self.library.root
        if root.is_file():
            self._files.add(str(root))
            self.watcher.addPaths([str(root), str(root.parent)])
        else:
            # Listing the folders reads every entry (100k files: ~0.1 s): off the UI thread.
            self.watcher.addPath(str(root))
            run_in_pool(lambda: _folders(root), self._signals.folders.emit)

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        paths = self.watcher.directories() + self.watcher.files()
        if paths:
            self.watcher.removePaths(paths)

    def _changed(self, path: str) -> None:
        self._pending.add(path)
        self._timer.start(QUIET_MS)  # (check_open's start(0) had set the interval to 0 for good)

    def watch_file(self, rel: str) -> None:
        """Also watch this article's own file: a folder's watch misses a file rewritten in
        place, and the articles being read or edited are the ones that matter."""
        path = str(self.library.file(rel))
        if path not in self._files:
            self._files.add(path)
            self.watcher.addPath(path)

    def check_open(self) -> None:
        """Look again at every article opened for reading or editing (the window came back
        to the front: another program may have written them in place)."""
        self._check_loaded = True
        self._timer.start(0)

    def read_again(self) -> None:
        """View ▸ Reload with unsaved edits: the whole folder looked at again now, as a
        change on disk would be (the edits kept and merged, never a question)."""
        self._pending.add(str(self.library.root))
        self._check_loaded = True
        self._timer.start(0)

    def _plan(self) -> list:
        pending, self._pending = self._pending, set()
        root = self.library.root
        files = {p for p in pending if p in self._files}
        folders = {None} if root.is_file() or str(root) in pending else {Path(p) for p in pending - files}
        # a folder's walk takes in its sub-folders: one inside another is not walked twice
        # (its files were read, and a new one added, twice)
        folders = {f for f in folders if f is None or not any(o is not None and o != f and f.is_relative_to(o)
                                                              for o in folders)}
        only = {self.library.relpath(Path(p)) for p in files}
        if self._check_loaded:
            only |= set(self.library.loaded_rels())
            self._check_loaded = False
        # a file in a folder walked anyway is looked at there, once: ``sed -i`` renames a temp
        # file over the article (the folder changes) whose own watch fires too, and both scans,
        # read off one snapshot, found it changed ("2 with your unsaved edits kept" for one file)
        inside = tuple(os.path.join(str(f), "") for f in folders if f is not None)
        if inside:
            only = {rel for rel in only if not str(self.library.file(rel)).startswith(inside)}
        steps = [(folder, None) for folder in sorted(folders, key=lambda f: (f is not None, str(f)))]
        if only and None not in folders:
            steps.append((None, sorted(only)))
        return steps

    def scan_now(self) -> None:
        if self._stopped:
            return
        if self._scanning:
            self._timer.start(QUIET_MS)  # one scan at a time; this one comes after
            return
        plan = self._plan()
        if not plan:
            return
        self._scanning = True
        library, snapshot = self.library, self.library.snapshot()  # taken here, on the UI thread
        run_in_pool(lambda: _scan(library, snapshot, plan), self._hand_over, errors=(Exception,))

    def _hand_over(self, found) -> None:
        """On the pool thread: the scan's result to the UI thread. A scan that failed
        (a bug, since one file's problem is that file's) still ends, so the next change is
        scanned again: an exception here once stopped the watch for good, silently."""
        if isinstance(found, Exception):
            import traceback
            traceback.print_exception(found, file=sys.stderr)
            found = ([], [])
        self._signals.done.emit(*found)

    def _watch_folders(self, folders: list) -> None:
        watched = set(self.watcher.directories())
        new = [f for f in folders if f not in watched]
        if new and not self._stopped:
            self.watcher.addPaths(new)

    def _scanned(self, results: list, folders: list) -> None:
        self._scanning = False
        if self._stopped:
            return
        done = _merged([self.model.apply_disk(changes) for changes in results])
        self._watch_folders(folders)  # new sub-folders are watched too
        for rel in done.problems:  # an unreadable file's own watch: its fix may come in place,
            if os.path.isfile(self.library.file(rel)):  # which the folder's watch does not see
                self.watch_file(rel)
        watched = set(self.watcher.files())
        again = [p for p in self._files if p not in watched and os.path.isfile(p)]
        if again:  # an atomic replace ends the old file's watch
            self.watcher.addPaths(again)
        self.session.disk_changed(done)
        if done.changed or done.added or done.removed or done.flagged or done.problems:
            self.applied.emit(done)  # (problems: an unreadable file read again, another reason now)
