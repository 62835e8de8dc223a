"""A persistent index cache: SQLite, keyed by a file's path, size and version (mtime, ctime, inode).

A row is read again only when its file changed; a corrupt or older-format cache
is rebuilt silently; several processes may write at once (WAL, busy timeout).
If the cache cannot be opened at all, indexing simply runs without it.
"""
from __future__ import annotations

import atexit
import datetime as dt
import json
import os
import sqlite3
import threading
from pathlib import Path

from newsdesk.core.files.dirs import default_dir  # noqa: F401 - its home is dirs.py (imports nothing heavy)
from newsdesk.core.indexing.index import ROW_KINDS, Row
from newsdesk.core.problems import ArticleProblem

FORMAT = 4  # bump when the index rules change: old caches are then rebuilt (4: timestamp beside its date)
_ROW_FIELDS = [name for name in ROW_KINDS if name != "path"]  # a stored row: these values, in this order


def _encode(value):
    if isinstance(value, (dt.datetime, dt.date)):
        return {"$date": value.isoformat(), "$time": isinstance(value, dt.datetime)}
    raise TypeError(type(value).__name__)


def _decode(obj):
    if "$date" in obj:
        return (dt.datetime if obj.get("$time") else dt.date).fromisoformat(obj["$date"])
    return obj


_DECODER = json.JSONDecoder(object_hook=_decode)


def _storable(key: str) -> bool:
    """SQLite keeps UTF-8 text: a file name that is not UTF-8 (``caf\\xe9.md``, decoded
    with surrogate escapes) cannot be a key, and broke the whole cache."""
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


# The cache is input like any other (a damaged or foreign file): the fields the sort,
# the counts and the disk comparison compute with must have their types, or the row is
# read again from its file. (A string timestamp made the end-of-load sort raise.)
_CHECKED = [(n, ROW_KINDS[name]) for n, name in enumerate(_ROW_FIELDS) if ROW_KINDS[name] is not None]


def _well_typed(values: list) -> bool:
    if len(values) != len(_ROW_FIELDS):
        return False
    for n, kinds in _CHECKED:
        if type(values[n]) not in kinds:
            return False
    return True


class IndexCache:
    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_dir() / f"index-v{FORMAT}.sqlite3"
        self._local = threading.local()
        self.disabled = False

    # ---- connection (one per thread; rebuilt when unreadable) ------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self.disabled:
            return None
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            return conn
        try:
            conn = self._open()
        except sqlite3.DatabaseError:
            self._remove_files()
            try:
                conn = self._open()
            except (sqlite3.Error, OSError):
                self.disabled = True
                return None
        except OSError:
            self.disabled = True
            return None
        self._local.conn = conn
        return conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=10)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            found = conn.execute("SELECT value FROM meta WHERE key='format'").fetchone()
            layout = f"{FORMAT}:{','.join(_ROW_FIELDS)}"  # other fields (core/fields.py changed): rebuilt too
            if found is None or found[0] != layout:
                with conn:
                    conn.execute("DROP TABLE IF EXISTS files")
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (layout,))
            conn.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, "
                         "version INTEGER, row TEXT, problem TEXT, line INTEGER)")
            conn.execute("SELECT 1 FROM files LIMIT 1").fetchone()  # a damaged file fails here (count(*) read it all)
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def _remove_files(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except OSError:
                pass

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # ---- lookups and stores --------------------------------------------------------
    def lookup(self, stats: dict[str, tuple[int, int]]) -> dict[str, Row | ArticleProblem]:
        """Cached results for files whose (size, version) still match."""
        conn = self._connect()
        if conn is None or not stats:
            return {}
        keys = [key for key in stats if _storable(key)]
        found: dict = {}
        try:
            for n in range(0, len(keys), 500):
                chunk = keys[n:n + 500]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT path, size, version, row, problem, line FROM files WHERE path IN ({marks})"
                current = [r for r in conn.execute(query, chunk) if stats.get(r[0]) == (r[1], r[2])]
                rows = [r for r in current if r[3] is not None]
                # one JSON document for the lot: one decoder call, not one per row
                values = _DECODER.decode("[" + ",".join(r[3] for r in rows) + "]")
                for (path, *_), row_values in zip(rows, values, strict=True):
                    if _well_typed(row_values):  # else read again from the file
                        found[path] = Row("", *row_values)
                for path, _size, _mtime, row, problem, line in current:
                    if row is None:
                        found[path] = ArticleProblem(problem, path, line)
        except (sqlite3.Error, ValueError, TypeError):
            self._reset()
            return {}
        return found

    def store(self, results: dict[str, tuple[tuple[int, int], Row | ArticleProblem]]) -> None:
        conn = self._connect()
        if conn is None or not results:
            return
        records = []
        for path, ((size, mtime), result) in results.items():
            if not _storable(path):
                continue  # a name that is not UTF-8: read every time, never breaking the cache
            if isinstance(result, ArticleProblem):
                records.append((path, size, mtime, None, result.message, result.line))
                continue
            try:
                row = json.dumps([getattr(result, f) for f in _ROW_FIELDS], default=_encode, ensure_ascii=False)
            except TypeError:
                continue  # an exotic value: not cached, read again next time
            records.append((path, size, mtime, row, None, None))
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)", records)
        except sqlite3.OperationalError:
            pass  # busy or read-only: the cache is only an optimisation
        except sqlite3.DatabaseError:
            self._reset()

    def _reset(self) -> None:
        self.close()
        self._remove_files()


PARALLEL_FROM = 200    # files to read before a running pool of processes pays for itself
START_POOL_FROM = 2000  # ...and before starting one does (each worker's start: ~0.1 s of CPU)
_CHUNK = 50
_pool = None
_pool_failed = False


def _read_one(path: Path, rel: str, size: int, version: int) -> Row | ArticleProblem:
    from newsdesk.core.files.saving import read_bytes
    from newsdesk.core.indexing.index import index_bytes
    try:
        return index_bytes(read_bytes(path), rel, path, size, version)
    except ArticleProblem as p:
        return p if p.path is not None else p.with_path(path)
    except Exception as e:  # noqa: BLE001 - one file's surprise is that file's problem, never the folder's
        return ArticleProblem(f"cannot be read: {type(e).__name__}: {e}", path)


def _shutdown_pool() -> None:
    global _pool
    if _pool is not None:
        _pool.shutdown(wait=True, cancel_futures=True)
        _pool = None


def _read_chunk(jobs: list) -> list:
    return [_read_one(*job) for job in jobs]


BACKGROUND_NICE = 10


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


def process_pool():
    """The shared pool of worker processes (spawn, not fork: the window has Qt threads
    running), or None where there are no processes to be had."""
    global _pool, _pool_failed
    workers = min(4, os.cpu_count() or 1)
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


def _read_all(jobs: list, parallel: bool = True) -> list:
    """Read files in worker processes when there are many (both cores), else here."""
    global _pool_failed
    wanted = parallel and len(jobs) >= (PARALLEL_FROM if _pool is not None else START_POOL_FROM)
    pool = process_pool() if wanted else None
    if pool is not None:
        try:
            chunks = [jobs[i:i + _CHUNK] for i in range(0, len(jobs), _CHUNK)]
            return [r for part in pool.map(_read_chunk, chunks) for r in part]
        except Exception:  # noqa: BLE001 - a broken pool: read here
            _pool_failed = True
    return _read_chunk(jobs)


def load_in_worker(path: str):
    """An article's bytes and data, parsed in a worker process (or its ArticleProblem)."""
    from newsdesk.core.document.article import load_article
    try:
        article = load_article(path)
    except ArticleProblem as p:
        return p
    return article.raw, article.data


_worker_caches: dict[str, IndexCache] = {}


def index_in_worker(paths: list[str], root: str, cache_path: str | None, texts: bool = True) -> tuple[list, list]:
    """``index_files`` run in a worker process, cache included, with each row's search
    text: the process that shows the rows then spends no time (and holds no GIL)
    reading, decoding or preparing them."""
    from newsdesk.core.editorial.search import haystack_of
    cache = None
    if cache_path:
        cache = _worker_caches.get(cache_path) or _worker_caches.setdefault(cache_path, IndexCache(Path(cache_path)))
    results = index_files([Path(p) for p in paths], Path(root), cache, parallel=False)
    return results, ([haystack_of(r) for r in results if isinstance(r, Row)] if texts else [])


BATCH = 500


def index_all(paths: list[Path], root: Path, cache: IndexCache | None = None):
    """Every file's row or problem, in order, yielded batch by batch. The cache is asked
    here (sending rows it has through a worker only cost time); with many files left to
    read, those are read in the worker processes, each with its own share of the cache
    writes (one process writing the cache was a quarter of a cold index)."""
    batches = [paths[i:i + BATCH] for i in range(0, len(paths), BATCH)]
    looked = [_lookup(batch, root, cache) for batch in batches]
    to_read = sum(len(misses) for _, misses, _, _ in looked)
    pool = process_pool() if to_read >= 4 * BATCH else None
    if pool is None:
        for (out, misses, keys, stats) in looked:
            yield from _read_misses(out, misses, keys, stats, cache, parallel=True)
        return
    cache_path = str(cache.path) if cache is not None and not cache.disabled else None
    futures = []
    for batch, (_, misses, _, _) in zip(batches, looked, strict=True):
        try:
            futures.append(pool.submit(index_in_worker, [str(batch[n]) for n in misses], str(root), cache_path, False)
                           if misses else None)
        except Exception:  # noqa: BLE001 - a broken pool: the rest are read here
            futures.append(None)
    for (out, misses, keys, stats), future in zip(looked, futures, strict=True):
        try:
            results = future.result()[0] if future is not None else None
        except Exception:  # noqa: BLE001 - this batch here, then
            results = None
        if results is not None and len(results) == len(misses):
            for n, result in zip(misses, results, strict=True):
                out[n] = result
            yield from out
        else:
            yield from _read_misses(out, misses, keys, stats, cache, parallel=False)


def index_files(paths: list[Path], root: Path, cache: IndexCache | None = None,
                parallel: bool = True) -> list[Row | ArticleProblem]:
    """The row (or problem) of each file, from the cache where the file is unchanged."""
    return _read_misses(*_lookup(paths, root, cache), cache, parallel)


def stamps(keys: list[str]) -> dict[str, tuple[int, int]]:
    """(size, file_version) of each file that can be stat'ed, by key: what cached rows and
    verdicts are checked against."""
    from newsdesk.core.indexing.index import file_version
    out = {}
    for key in keys:
        try:
            st = os.stat(key)
        except OSError:
            continue
        out[key] = (st.st_size, file_version(st))
    return out


def _lookup(paths: list[Path], root: Path, cache: IndexCache | None):
    """What the cache has for each file, with a read job in place of each miss: (results,
    positions of the misses, absolute paths, their (size, version))."""
    from newsdesk.core.indexing.index import relpaths

    keys, out = [], []
    cwd = os.getcwd()  # once: abspath asks the system for it for every relative path
    join, normpath, isabs = os.path.join, os.path.normpath, os.path.isabs
    for path in paths:
        # (Windows: abspath, which also resolves drive-relative paths like C:x)
        key = os.path.abspath(path) if os.name == "nt" else normpath(path if isabs(path) else join(cwd, path))
        keys.append(key)
    stats = stamps(keys)
    hits = cache.lookup(stats) if cache is not None else {}
    misses = []
    for n, (path, key, rel) in enumerate(zip(paths, keys, relpaths(keys, root), strict=True)):
        result = hits.get(key)
        if isinstance(result, Row):
            result.path = rel
            result.size, result.version = stats[key]
        elif isinstance(result, ArticleProblem):
            result = ArticleProblem(result.message, path, result.line)
        else:
            misses.append(n)
            result = (path, rel, *stats.get(key, (0, 0)))
        out.append(result)
    return out, misses, keys, stats


def _read_misses(out: list, misses: list[int], keys: list[str], stats: dict, cache: IndexCache | None,
                 parallel: bool) -> list:
    fresh: dict = {}
    for n, result in zip(misses, _read_all([out[n] for n in misses], parallel), strict=True):
        out[n] = result
        if keys[n] in stats:
            fresh[keys[n]] = (stats[keys[n]], result)
    if cache is not None:
        cache.store(fresh)
    return out
