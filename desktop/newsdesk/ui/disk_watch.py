"""Follows the open folder on disk: changed files re-read, new ones shown, deleted ones
gone — never at the cost of an unsaved edit (the core keeps and flags those)."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from newsdesk.core.library import Applied

QUIET_MS = 250  # a pipeline writes many files at once: scan once it pauses


def _folders(root: Path) -> list[str]:
    """The folder and its sub-folders (hidden ones skipped, as the library does)."""
    out = []
    for folder, dirs, _ in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        out.append(folder)
    return out


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
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self.scan_now)

    def start(self) -> None:
        root = self.library.root
        if root.is_file():
            self._files.add(str(root))
            self.watcher.addPaths([str(root), str(root.parent)])
        else:
            self.watcher.addPaths(_folders(root))

    def stop(self) -> None:
        self._timer.stop()
        paths = self.watcher.directories() + self.watcher.files()
        if paths:
            self.watcher.removePaths(paths)

    def _changed(self, path: str) -> None:
        self._pending.add(path)
        self._timer.start()

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

    def scan_now(self) -> Applied:
        pending, self._pending = self._pending, set()
        root = self.library.root
        files = {p for p in pending if p in self._files}
        folders = {None} if root.is_file() or str(root) in pending else {Path(p) for p in pending - files}
        only = {self.library.relpath(Path(p)) for p in files}
        if self._check_loaded:
            only |= set(self.library.loaded_rels())
            self._check_loaded = False
        done = Applied()
        steps = [(folder, None) for folder in sorted(folders, key=lambda f: (f is not None, str(f)))]
        if only and None not in folders:
            steps.append((None, only))
        for folder, rels in steps:
            step = self.model.apply_disk(self.library.scan(folder, only=rels))
            done.changed += step.changed
            done.added += step.added
            done.removed += step.removed
            done.flagged += step.flagged
            done.reloaded.update(step.reloaded)
            if folder is not None and folder.is_dir():  # new sub-folders are watched too
                new = [f for f in _folders(folder) if f not in set(self.watcher.directories())]
                if new:
                    self.watcher.addPaths(new)
        watched = set(self.watcher.files())
        again = [p for p in self._files if p not in watched and os.path.isfile(p)]
        if again:  # an atomic replace ends the old file's watch
            self.watcher.addPaths(again)
        self.session.disk_changed(done)
        if done.changed or done.added or done.removed or done.flagged:
            self.applied.emit(done)
        return done
