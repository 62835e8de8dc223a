"""Indexing a folder off the UI thread; rows are handed over in batches as they come."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdesk.core.library import Library

BATCH = 500
FIRST_BATCH = 100  # small, so the first rows show at once


class LoadSignals(QObject):
    counted = Signal(int)            # number of files, once the folder has been walked
    batch = Signal(list, list)       # rows, problems
    finished = Signal(bool)          # True when every file was read (not cancelled)


class _Job(QRunnable):
    def __init__(self, library: Library, signals: LoadSignals, cancel: threading.Event):
        super().__init__()
        self.library, self.signals, self.cancel = library, signals, cancel

    def run(self) -> None:
        """Read while walking: the first rows do not wait for 100,000 files to be listed."""
        batch, size, seen = [], FIRST_BATCH, 0
        for path in self.library.iter_paths():
            batch.append(path)
            if len(batch) >= size:
                if self.cancel.is_set():
                    self.signals.finished.emit(False)
                    return
                seen += len(batch)
                self.signals.batch.emit(*self.library.read(batch))
                batch, size = [], BATCH
        if batch and not self.cancel.is_set():
            seen += len(batch)
            self.signals.batch.emit(*self.library.read(batch))
        self.signals.counted.emit(seen)
        self.signals.finished.emit(not self.cancel.is_set())


class FolderLoader(QObject):
    """Starts one load; ``cancel`` stops it between batches."""

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.signals = LoadSignals(self)
        self._cancel = threading.Event()
        self._job = _Job(library, self.signals, self._cancel)
        self._job.setAutoDelete(False)
        self.running = False
        self.signals.finished.connect(self._done)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._job)

    def cancel(self) -> None:
        self._cancel.set()

    def _done(self, _complete: bool) -> None:
        self.running = False
