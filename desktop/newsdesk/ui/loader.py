"""Indexing a folder off the UI thread; rows are handed over in batches as they come."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdesk.core.library import Library

BATCH = 500


class LoadSignals(QObject):
    started = Signal(int)            # number of files
    batch = Signal(list, list)       # rows, problems
    finished = Signal(bool)          # True when every file was read (not cancelled)


class _Job(QRunnable):
    def __init__(self, library: Library, signals: LoadSignals, cancel: threading.Event):
        super().__init__()
        self.library, self.signals, self.cancel = library, signals, cancel

    def run(self) -> None:
        paths = self.library.paths()
        self.signals.started.emit(len(paths))
        for n in range(0, len(paths), BATCH):
            if self.cancel.is_set():
                self.signals.finished.emit(False)
                return
            rows, problems = self.library.read(paths[n:n + BATCH])
            self.signals.batch.emit(rows, problems)
        self.signals.finished.emit(True)


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
