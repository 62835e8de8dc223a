"""The rows of a folder's last open, kept whole in the index cache: the window's next open
reads them in a few blobs, not a query and a JSON document per 500 files.

A warm open of 4,614 articles spent ~35 ms of its ~95 ms in the cache's lookups: SQLite
(~9 ms) and one JSON decode per batch (~17 ms), then a type check and a Row per row.
Here a folder's rows are marshal'ed plain tuples, PART rows a blob, in the order the
loader met them; each blob carries a CRC-32 of its bytes. A blob is read when the walk
is about to need it (part by part: one blob of 100k rows would hold the GIL for
~0.2 s), and each row is used only when its file's size and version (mtime, ctime,
inode) are still the ones it was read with, as with the cache's own rows; anything else
(a file added, changed, a problem, a damaged blob) is asked of the cache as before.

Safe against a bad cache: a blob whose CRC, shape or row length is wrong drops the
whole snapshot (the rest is asked of the cache; the snapshot is written again at the
end of the load), never a crash and never a wrong row (a damaged blob is caught by its
CRC before marshal reads it; marshal runs no code). What is written comes from rows
this process read or took from the cache's checked rows, captured in the loading thread
before the window sees them. The layout (cache FORMAT, row fields, Python's marshal
version) is the cache's: a change drops every snapshot with the cache.
"""
from __future__ import annotations

import marshal
import os
import sqlite3
import zlib

from newsdesk.core.indexing.cache import _storable
from newsdesk.core.indexing.index import Row

PART = 1000  # rows per blob (~0.6 MB, ~1.5 ms to read)


_loads = marshal.loads


def _pack(entries: list) -> bytes:
    data = marshal.dumps(entries)
    return zlib.crc32(data).to_bytes(4, "little") + data


def _unpack(blob: object) -> list:
    """The entries of a blob: ValueError if it is not one this module wrote."""
    if not isinstance(blob, bytes) or len(blob) < 5:
        raise ValueError("not a snapshot blob")
    data = blob[4:]
    if zlib.crc32(data) != int.from_bytes(blob[:4], "little"):
        raise ValueError("snapshot blob damaged")
    entries = _loads(data)
    if type(entries) is not list:
        raise ValueError("not a list of rows")
    return entries


class FolderSnapshot:
    """One load's use of a folder's snapshot: ``take`` the rows it has (walk order),
    ``note`` the rows that came from elsewhere, then ``keep`` writes it again when the
    folder is not as it was."""

    def __init__(self, cache, root: str, fields: list[str], well_typed=lambda values: True):
        self.cache, self.root, self.fields = cache, root, fields
        self.well_typed = well_typed  # the cache's check of a stored row's types (cache._well_typed)
        self._stamp_at = (fields.index("size"), fields.index("version"))  # among a row's values
        self._parts: list[int] = []   # parts not read yet
        self._total = 0               # rows the snapshot holds
        self._loaded = 0              # ...of which read so far
        self._kept: dict[str, tuple] = {}  # key -> values: read, not yet matched
        self._asked = 0
        self.rows: dict[str, tuple] = {}   # this load's rows: key -> values, in the order met
        self._matched = 0
        self._fresh = 0               # rows noted that the snapshot did not have
        self._broken = False
        conn = cache.connection() if _storable(root) else None  # (a folder name SQLite cannot hold: none)
        if conn is None:
            self._broken = True
            return
        try:
            found = conn.execute("SELECT part, rows FROM snapshots WHERE root=? ORDER BY part", (root,)).fetchall()
        except sqlite3.Error:
            self._broken = True
            return
        self._parts = [part for part, _ in found]
        self._total = sum(count for _, count in found if isinstance(count, int))

    # ---- reading -------------------------------------------------------------------
    def _read_ahead(self) -> None:
        """Read blobs until they cover the rows asked so far and a part more."""
        conn = self.cache.connection()
        while self._parts and self._loaded < self._asked + PART and not self._broken:
            part = self._parts.pop(0)
            try:
                found = conn.execute("SELECT blob FROM snapshots WHERE root=? AND part=?", (self.root, part)).fetchone()
                entries = _unpack(found[0] if found else None)
                kept = self._kept
                for key, values in entries:
                    if type(key) is not str or type(values) is not tuple or len(values) != len(self.fields) \
                            or not self.well_typed(values):  # (a string timestamp stopped every open's sort)
                        raise ValueError("not a row")
                    kept[key] = values
                self._loaded += len(entries)
            except Exception:  # noqa: BLE001 - whatever a damaged or forged blob does (MemoryError
                self._drop()   # included), the load goes on with the cache's rows

    def _drop(self) -> None:
        """A bad blob: nothing of this snapshot is used (the cache answers), and it is written again."""
        self._broken = True
        self._kept.clear()
        self._parts.clear()

    def take(self, stats: dict[str, tuple[int, int]]) -> tuple[dict[str, Row], dict[str, tuple[int, int]]]:
        """The rows kept for files whose (size, version) are unchanged, by key, and the
        stats of the others (for the cache to answer)."""
        self._asked += len(stats)
        self._read_ahead()
        kept, rows = self._kept, self.rows
        if not kept:
            return {}, stats
        hits, rest = {}, {}
        pop = kept.pop
        size, version = self._stamp_at
        for key, stamp in stats.items():
            values = pop(key, None)
            if values is not None and (values[size], values[version]) == stamp:
                hits[key] = Row("", *values)
                rows[key] = values
            else:
                rest[key] = stamp
        self._matched += len(hits)
        return hits, rest

    # ---- what came from elsewhere, and writing ----------------------------------------
    def note(self, key: str, row: Row) -> None:
        """A row that did not come from the snapshot (read, or the cache's), as read."""
        if key not in self.rows:
            self._fresh += 1
        self.rows[key] = tuple([getattr(row, f) for f in self.fields])

    def note_rows(self, rows: list[Row]) -> None:
        """Rows read elsewhere (worker processes), by their paths in the folder."""
        join, normpath = os.path.join, os.path.normpath
        for row in rows:
            self.note(normpath(join(self.root, row.path)), row)

    @property
    def stale(self) -> bool:
        """The folder is not as the snapshot has it: rows came from elsewhere, or some it
        has were not met (files removed or changed), or it could not be read."""
        return self._broken or self._fresh > 0 or self._matched != self._total

    def keep(self) -> bool:
        """Write this load's rows as the folder's snapshot, if it is stale (call once the
        whole folder was read); True when written."""
        if not self.stale or self.cache.disabled or not _storable(self.root):
            return False
        items = list(self.rows.items())
        self.rows = {}
        parts = []
        try:
            for n in range(0, len(items), PART):
                chunk = items[n:n + PART]
                try:
                    blob = _pack(chunk)
                except ValueError:  # a value marshal cannot hold (a date YAML gave): those rows are left out
                    chunk = [item for item in chunk if _marshallable(item)]
                    blob = _pack(chunk)
                parts.append((self.root, len(parts), len(chunk), blob))
        except Exception:  # noqa: BLE001 - rows marshal cannot hold at all: no snapshot, as without a cache
            return False
        conn = self.cache.connection()
        if conn is None:
            return False
        try:
            with conn:
                conn.execute("DELETE FROM snapshots WHERE root=?", (self.root,))
                conn.executemany("INSERT INTO snapshots VALUES (?, ?, ?, ?)", parts)
        except sqlite3.Error:
            return False  # busy or read-only: the snapshot is only an optimisation
        return True


def _marshallable(item) -> bool:
    try:
        marshal.dumps(item)
    except (ValueError, RecursionError):
        return False
    return True
