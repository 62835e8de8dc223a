"""Indexing a folder off the UI thread; rows are handed over in batches as they come.

The first batch is read in the loading thread, so the first rows show at once; the
rest are read in worker processes (cache lookups included), a few batches ahead. The
loading thread then only waits and unpickles, so it hardly holds the GIL: reading
100k cached rows in a thread used to starve the window's repaints (stalls of
100-500 ms, each Python call of a repaint waiting its turn for the GIL).
"""
from __future__ import annotations

import threading
from collections import deque

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from newsdesk.core.library import Library
from newsdesk.core.search import haystack_of

BATCH = 500
FIRST_BATCH = 100  # small, so the first rows show at once
AHEAD = 4          # batches being read in worker processes at a time


class LoadSignals(QObject):
    counted = Signal(int)            # number of files, once the folder has been walked
    batch = Signal(list, list, list)  # rows, problems, the rows' search texts
    finished = Signal(bool)          # True when every file was read (not cancelled)


class _Job(QRunnable):
    def __init__(self, library: Library, signals: LoadSignals, cancel: threading.Event):
        super().__init__()
        self.library, self.signals, self.cancel = library, signals, cancel

    def run(self) -> None:
        """Read while walking: the first rows do not wait for 100,000 files to be listed."""
        pending: deque = deque()
        seen = 0

        def hand_over(result) -> None:
            rows, problems, texts = result
            self.signals.batch.emit(rows, problems, texts if texts is not None else [haystack_of(row) for row in rows])

        def send(batch: list, first: bool) -> None:
            future = None if first else self.library.read_elsewhere(batch)
            pending.append((batch, future if future is not None else (*self.library.read(batch), None)))
            while len(pending) > (AHEAD if future is not None else 0):
                take(pending.popleft())

        def take(item) -> None:
            paths, result = item
            if not isinstance(result, tuple):
                try:
                    results, texts = result.result()
                    result = (*self.library.split_results(results), texts)
                except Exception:  # noqa: BLE001 - a worker that broke: read this batch here
                    result = (*self.library.read(paths), None)
            hand_over(result)

        batch, size = [], FIRST_BATCH
        for path in self.library.iter_paths():
            batch.append(path)
            if len(batch) >= size:
                if self.cancel.is_set():
                    return self._stop(pending)
                seen += len(batch)
                send(batch, first=size == FIRST_BATCH)
                batch, size = [], BATCH
        if batch and not self.cancel.is_set():
            seen += len(batch)
            send(batch, first=size == FIRST_BATCH)
        while pending:
            if self.cancel.is_set():
                return self._stop(pending)
            take(pending.popleft())
        self.signals.counted.emit(seen)
        self.signals.finished.emit(not self.cancel.is_set())

    def _stop(self, pending: deque) -> None:
        for _, result in pending:
            if not isinstance(result, tuple):
                result.cancel()
        self.signals.finished.emit(False)


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
