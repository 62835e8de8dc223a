"""Indexing a folder off the UI thread; rows are handed over in batches as they come.

The first batch is read in the loading thread, so the first rows show at once; for
the next LOOK_UP_HERE files the loading thread asks the index cache itself (a warm
folder of 4,614 rows took twice as long through the workers: niced processes, a
pickle each way) and sends only what it lacks to worker processes; past that, whole
batches go to the workers (cache lookups included), a few batches ahead, and the
loading thread only waits and unpickles, so it hardly holds the GIL: reading 100k
cached rows in a thread used to starve the window's repaints (stalls of 100-500 ms,
each Python call of a repaint waiting its turn for the GIL).

What the cache gives within the first HOLD_MS goes over together, and the first file to
be read (a miss) sends what is held at once: a folder the cache knows whole (4,614 rows
in ~50 ms) is then laid out, painted and selected once, not for its first 100 rows and
again for the rest (that first paint and selection held the GIL ~30 ms while the cache
was still being read: 0.12 s to all rows instead of ~0.09 s). The search texts of the
rows read here are left to the view, which makes them in the turns after the load
(``LibraryView.make_texts``) or when a search needs them first: ~6 ms less before the
rows show; the workers still send theirs. (Pausing the collector while the cache's rows
are made, and freezing them, was ~4 ms less again, but froze the last folder's garbage
with them: +80 MB after opening a 50k folder a second time.)
"""
from __future__ import annotations

import threading
import time
from collections import deque

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from newsdesk.core.indexing.pool import AHEAD, BATCH, FIRST_BATCH, LOOK_UP_HERE
from newsdesk.core.library.library import Library

HAND_OVER_MS = 250    # rows read meanwhile are handed to the window together, this often
HAND_OVER_ROWS = 1500  # at most this many in one turn of the event loop (~15-25 ms of work)
LAST_TURN_ROWS = 6000  # ...but once all are read, up to this many go in one last turn (~50 ms)
NEXT_TURN_MS = 20      # the wait before the next turn, when more are waiting
HOLD_MS = 100          # rows the cache gives this soon after the start go over together
KEEP_WAIT_S = 1.0      # the folder's snapshot is written once the window has the last rows, or after this


class LoadSignals(QObject):
    counted = Signal(int)            # number of files, once the folder has been walked
    # rows, problems, the rows' search texts (None for those the view makes: see _Job):
    # Python lists, passed as they are (as ``list`` PySide made a QVariantList of each,
    # and back: ~15 ms for a few thousand rows)
    batch = Signal(object, object, object)
    finished = Signal(bool)          # True when every file was read (not cancelled)


class _Job(QRunnable):
    def __init__(self, library: Library, signals: LoadSignals, cancel: threading.Event,
                 shown: threading.Event | None = None):
        super().__init__()
        self.library, self.signals, self.cancel = library, signals, cancel
        self.shown = shown or threading.Event()  # set once the window took the last rows
        self.read_all = False  # set before the last rows are sent: no more come after them

    def run(self) -> None:
        try:
            self._run()
        finally:
            self.library = None  # the pool may keep this runnable: it must not keep the rows

    def _run(self) -> None:
        """Read while walking: the first rows do not wait for 100,000 files to be listed."""
        pending: deque = deque()
        seen = looked_up = 0
        snapshot = self.library.last_rows()  # the folder's rows as last opened (core/indexing/snapshot.py)
        held: tuple[list, list, list] = ([], [], [])  # from the cache, in the first HOLD_MS
        holding = [time.monotonic() + HOLD_MS / 1000]  # until when; [] once handed over

        def hand_over(result, cached: bool = False) -> None:
            rows, problems, texts = result
            texts = texts if texts is not None else [None] * len(rows)  # made by the view, after
            if cached and holding and time.monotonic() < holding[0]:
                for kept, new in zip(held, (rows, problems, texts), strict=True):
                    kept.extend(new)
                return
            release()
            self.signals.batch.emit(rows, problems, texts)

        def release() -> None:
            """What is held goes now (a file to read, the time is up, or the end)."""
            nonlocal held
            holding.clear()
            if held[0] or held[1]:
                self.signals.batch.emit(*held)  # the lists themselves go: new ones are held
                held = ([], [], [])

        def send(batch: list, first: bool) -> None:
            nonlocal looked_up
            here = looked_up < LOOK_UP_HERE
            if here:  # what the cache has, here; the rest elsewhere
                looked_up += len(batch)
                rows, problems, batch = self.library.read_cached(batch, snapshot)
                if not batch:
                    hand_over((rows, problems, None), cached=True)
                    return
                if first:  # the first rows are read here: they show at once
                    more_rows, more_problems = self.library.read(batch, snapshot)
                    hand_over((rows + more_rows, problems + more_problems, None))
                    return
                if rows or problems:
                    hand_over((rows, problems, None), cached=True)
                release()
            future = None if first else self.library.read_elsewhere(batch)
            noting = snapshot if here else None  # rows past LOOK_UP_HERE are the workers' alone
            pending.append((batch, future if future is not None else (*self.library.read(batch, noting), None),
                            noting))
            while len(pending) > (AHEAD if future is not None else 0):
                take(pending.popleft())

        def take(item) -> None:
            paths, result, noting = item
            if not isinstance(result, tuple):
                try:
                    results, texts = result.result()
                    result = (*self.library.split_results(results), texts)
                    if noting is not None:
                        noting.note_rows(result[0])  # as read, before the window has them
                except Exception:  # noqa: BLE001 - a worker that broke: read this batch here
                    result = (*self.library.read(paths, noting), None)
            hand_over(result)

        batch, size, temps = [], FIRST_BATCH, []
        for path in self.library.iter_paths(temps):
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
            self.read_all = len(pending) == 1  # the last batch: nothing is read after it
            take(pending.popleft())
        self.read_all = True
        release()
        if temps:
            self.library.remove_stale_temps(temps)  # what a crashed save left behind
        self.signals.counted.emit(seen)
        complete = not self.cancel.is_set()
        self.signals.finished.emit(complete)
        if complete and snapshot is not None:
            # Written only when the folder changed, and after the window's end-of-load work
            # (marshal holds the GIL ~1.5 ms a blob: not in the turn that shows the last rows).
            self.shown.wait(KEEP_WAIT_S)
            snapshot.keep()

    def _stop(self, pending: deque) -> None:
        for _, result, _ in pending:
            if not isinstance(result, tuple):
                result.cancel()
        self.signals.finished.emit(False)


class FolderLoader(QObject):
    """Starts one load; ``cancel`` stops it between batches.

    What the job reads reaches ``signals.batch`` in turns: the first rows at once, then
    whatever came meanwhile every HAND_OVER_MS, at most HAND_OVER_ROWS a turn with the
    window's other events in between; once the job has read everything, the rest at once
    (in one turn when they are at most LAST_TURN_ROWS, as are the first ones when they
    are the last: a folder the cache knows whole, in one turn). Each turn makes the table take the rows, lay itself
    out and repaint: per batch of 500 that kept a 100k load busy most of the time, and
    all that came at once stalled the window for longer than a turn should."""

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.signals = LoadSignals(self)
        self._read = LoadSignals(self)  # what the job sends, batch by batch
        self._cancel = threading.Event()
        self._shown = threading.Event()
        self._job = _Job(library, self._read, self._cancel, self._shown)
        self._job.setAutoDelete(False)
        self.running = False
        self._pending: tuple[list, list, list] = ([], [], [])
        self._handed = False
        self._complete: bool | None = None  # how the job ended, once it has
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._hand_over)
        self._read.batch.connect(self._take)
        self._read.counted.connect(self.signals.counted)
        self._read.finished.connect(self._done)

    def start(self) -> None:
        self.running = True
        QThreadPool.globalInstance().start(self._job)

    def cancel(self) -> None:
        self._cancel.set()

    def _take(self, rows: list, problems: list, texts: list) -> None:
        for pending, new in zip(self._pending, (rows, problems, texts), strict=True):
            pending.extend(new)
        if not self._handed:
            self._hand_over()  # the first rows show at once
        elif not self._timer.isActive():
            self._timer.start(HAND_OVER_MS)

    def _done(self, complete: bool) -> None:
        """Every row is read: what waits is handed over now, not at the next HAND_OVER_MS
        (a warm folder of 4,614 rows is read in ~0.1 s, and waited ~0.25 s more)."""
        self._complete = complete
        self._timer.stop()
        self._hand_over()

    def _hand_over(self) -> None:
        rows, problems, texts = self._pending
        if rows or problems:
            last = self._complete is not None or self._job.read_all  # nothing more to come
            turn = LAST_TURN_ROWS if last and len(rows) <= LAST_TURN_ROWS else HAND_OVER_ROWS
            self._pending = (rows[turn:], [], texts[turn:])
            self._handed = True
            self.signals.batch.emit(rows[:turn], problems, texts[:turn])
        if self._pending[0]:
            self._timer.start(NEXT_TURN_MS)  # the rest after the events waiting meanwhile
        elif self._complete is not None:
            self.running = False
            self.signals.finished.emit(self._complete)
            self._shown.set()
