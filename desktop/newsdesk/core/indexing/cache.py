"""A persistent index cache: SQLite, keyed by a file's path, size and version (mtime, ctime, inode).

A row is read again only when its file changed; a corrupt or older-format cache
is rebuilt silently; several processes may write at once (WAL, busy timeout).
If the cache cannot be opened at all, indexing simply runs without it.
"""
from __future__ import annotations

import datetime as dt
import json
import marshal
import os
import sqlite3
import sys
import threading
from pathlib import Path

from newsdesk.core.files.dirs import default_dir  # noqa: F401 - its home is dirs.py (imports nothing heavy)
from newsdesk.core.indexing.index import ROW_KINDS, Row
from newsdesk.core.problems import ArticleProblem

FORMAT = 5  # bump when the index rules change: old caches are then rebuilt (4: timestamp beside its date;
# 5: tags and deeply indented blocks are left to the full parse)
_ROW_FIELDS = [name for name in ROW_KINDS if name != "path"]  # a stored row: these values, in this order
# A folder's snapshot (snapshot.py) holds marshal'ed rows: another Python's marshal, or
# other fields, and the snapshots are dropped (the rows of ``files`` stay: their format is FORMAT's).
_SNAPSHOT_LAYOUT = (f"2:{marshal.version}:{sys.version_info[0]}.{sys.version_info[1]}:"  # with the fields' kinds
                    + ",".join(f"{name}={'/'.join(sorted(k.__name__ for k in ROW_KINDS[name] or ()))}"
                               for name in _ROW_FIELDS))


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

    def connection(self) -> sqlite3.Connection | None:
        """This thread's connection (None: no cache), for the folders' snapshots."""
        return self._connect()

    def snapshot(self, root: str):
        """The last load's rows of the folder ``root`` (``snapshot.FolderSnapshot``), for a load to take."""
        from newsdesk.core.indexing.snapshot import FolderSnapshot
        return FolderSnapshot(self, root, _ROW_FIELDS, _well_typed)

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
            found = conn.execute("SELECT value FROM meta WHERE key='snapshots'").fetchone()
            if found is None or found[0] != _SNAPSHOT_LAYOUT:  # the folders' snapshots (snapshot.py) only
                with conn:
                    conn.execute("DROP TABLE IF EXISTS snapshots")
                    conn.execute("INSERT OR REPLACE INTO meta VALUES ('snapshots', ?)", (_SNAPSHOT_LAYOUT,))
            conn.execute("CREATE TABLE IF NOT EXISTS snapshots (root TEXT, part INTEGER, rows INTEGER, blob BLOB, "
                         "PRIMARY KEY (root, part))")
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
                for r, row_values in zip(rows, values, strict=True):
                    if _well_typed(row_values):  # else read again from the file
                        found[r[0]] = Row("", *row_values)
                if len(rows) < len(current):
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
