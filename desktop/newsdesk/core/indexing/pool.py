"""The app's worker processes: one shared pool, started when first worth it, its workers
at low priority from their start and ending with the process that started them; and
every size threshold of the app's parallelism, defined here once.

Spawn, not fork: the window has Qt threads running. Where there are no processes to
be had (one core, a platform without them, a pool that broke) ``process_pool`` says
None and the callers read in their own process.
"""
from __future__ import annotations

import atexit
import os

# -- sizes: how much work makes the workers worth it, and how it is cut -------------------
PARALLEL_FROM = 200     # files to read before a running pool of processes pays for itself
START_POOL_FROM = 2000  # ...and before starting one does (each worker's start: ~0.1 s of CPU)
CHECK_POOL_FROM = 200   # articles to check (a whole parse, ~3x a row) before starting one does
CHUNK = 50              # files a worker reads per task (index rows, check verdicts)
BATCH = 500             # files per batch of the indexing pipeline and the window's loader
FIRST_BATCH = 100       # the loader's first batch, read in its own thread: the first rows show at once
AHEAD = 4               # the loader's batches being read in worker processes at a time
LOOK_UP_HERE = 10_000   # rows the loader's thread takes from the cache itself (sending them
                        # through the workers cost ~2x); past that, the workers do, keeping the GIL free
PREFETCH_FROM = 40      # articles to parse whole (a bulk edit) before the workers pay for themselves
PREFETCH_CHUNK = 16     # articles per task of that prefetch
READ_HERE_BELOW = 32_000  # bytes: a smaller article shown in the panel is parsed on the spot (a few ms)
MAX_WORKERS = 4         # processes in the pool (fewer on fewer cores; none on one core)
BACKGROUND_NICE = 10    # the workers' priority (POSIX nice): below the window's

_pool = None
_pool_failed = False


def _background_priority(pid: int = 0) -> None:
    """Workers yield the CPU to the window: with both cores reading, its repaints waited
    100-300 ms for a time slice."""
    try:
        if os.getpriority(os.PRIO_PROCESS, pid) < BACKGROUND_NICE:
            os.setpriority(os.PRIO_PROCESS, pid, BACKGROUND_NICE)
    except (AttributeError, OSError):  # Windows has no nice; being refused is harmless
        pass


def _exit_with_parent() -> None:
    """A worker ends when the process that started it does, however that ends: the
    parent's sentinel (a pipe on POSIX, a process handle on Windows) becomes ready when it
    dies. After a SIGKILL of the window or of ``set``, 4 of 5 kills left 3 workers of
    ~50 MB each running."""
    import multiprocessing
    import threading

    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _worker_start() -> None:
    _background_priority()
    _exit_with_parent()


def _new_pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    class BackgroundPool(ProcessPoolExecutor):
        """Workers at low priority from their start: the pool starts them as work is
        submitted, and their first ~0.1 s of CPU each (imports) competed with the
        window's first paint of a folder; the initializer runs only after that."""

        def submit(self, fn, /, *args, **kwargs):
            future = super().submit(fn, *args, **kwargs)
            for child in multiprocessing.active_children():  # a few; any just started
                if child.pid not in lowered:
                    lowered.add(child.pid)
                    _background_priority(child.pid)
            return future

    lowered: set[int] = set()

    return BackgroundPool(workers, mp_context=multiprocessing.get_context("spawn"),
                          initializer=_worker_start)


def _shutdown_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def process_pool():
    """The shared pool of worker processes, started on first use, or None where there are
    no processes to be had."""
    global _pool, _pool_failed
    workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if workers < 2 or _pool_failed:
        return None
    if _pool is None:
        try:
            _pool = _new_pool(workers)
            atexit.register(_shutdown_pool)  # before interpreter teardown, or 3.11 complains
        except Exception:  # noqa: BLE001 - a platform without processes
            _pool_failed = True
            return None
    return _pool


def pool_for(jobs: int, start_from: int | None = None):
    """The pool when ``jobs`` files are worth sending to it (fewer when it is already
    running than to start it: ``start_from``, START_POOL_FROM unless said), else None."""
    wanted = PARALLEL_FROM if _pool is not None else (START_POOL_FROM if start_from is None else start_from)
    return process_pool() if jobs >= wanted else None


def map_chunks(fn, jobs: list, chunk: int = CHUNK, start_from: int | None = None) -> list | None:
    """``fn`` (which takes a list and returns one result per item) over ``jobs`` in the
    workers, in order; None when the pool is not worth it or broke (do them here)."""
    global _pool_failed
    pool = pool_for(len(jobs), start_from)
    if pool is None:
        return None
    try:
        parts = [jobs[i:i + chunk] for i in range(0, len(jobs), chunk)]
        return [r for part in pool.map(fn, parts) for r in part]
    except Exception:  # noqa: BLE001 - a broken pool: the caller does them here
        _pool_failed = True
        return None
