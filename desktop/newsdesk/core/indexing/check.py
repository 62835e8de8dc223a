"""``newsdesk check``: every article parsed whole and its fields validated, in the
index's worker processes, with each file's verdict remembered by size and version
(walk.file_version: mtime, ctime and inode).

A verdict is what the check says of one file: the problem that stops it from being
read (message and line), or the list of its fields' problems (empty: all is well).
It is kept in a small SQLite file beside the index cache, under the check's VERSION
(bump it when the parser or the schema changes what is said), so a second check of
an unchanged folder reads no article at all.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from newsdesk.core.files.dirs import default_dir
from newsdesk.core.files.walk import stamps
from newsdesk.core.indexing import pool as workers
from newsdesk.core.problems import ArticleProblem

VERSION = 6  # 2: keyed by size and file_version (mtime, ctime, inode), not the mtime alone; 3: quality's
# range; 4: the quick proof no longer took a date of non-ASCII digits ("2٠٢٣-...") for a date;
# 5: tags and deeply indented blocks are left to the full parse; 6: an empty title is a problem,
# and a field's problem names the line of its key
_WELL_TEXT = '["fields", []]'  # the verdict of nearly every file, as stored (json.dumps of each was ~3 us)


def verdict(path: str) -> list:
    """["problem", message, line] when the file cannot be read, else ["fields", [messages]]
    (and, when there are some, a third item: the line of each one's key, or None).
    An article that quickcheck proves well is not parsed whole (nearly all of them: the full
    parse, and its imports, are for the others)."""
    from newsdesk.core.files.saving import read_bytes
    from newsdesk.core.indexing.quickcheck import all_well
    try:
        raw = read_bytes(path)
        try:
            well = all_well(raw)
        except Exception:  # noqa: BLE001 - the quick proof is only a shortcut: the full parse says
            well = False
        if well:
            return ["fields", []]
        from newsdesk.core.document.article import Article
        from newsdesk.core.document.schema import keyed_problems
        article = Article.from_bytes(raw, Path(path))
    except ArticleProblem as p:
        return ["problem", p.message, p.line]
    found = keyed_problems(article.data)
    if not found:
        return ["fields", []]
    lines = {}
    for key_node, _ in article.node.value:  # the key's line, as a parse problem names its own
        lines.setdefault(key_node.value, key_node.start_mark.line + article.source.front_line)
    return ["fields", [m for _, m in found], [lines.get(k) for k, _ in found]]


def _verdicts(paths: list[str]) -> list:
    return [verdict(p) for p in paths]


def lines_of(path: object, found: list) -> list[str]:
    """What the check prints for one file's verdict (the path as the user gave it, as a
    Path shows it)."""
    if found[0] == "problem":
        return [str(ArticleProblem(found[1], Path(path), found[2]))]
    lines = found[2] if len(found) > 2 else [None] * len(found[1])
    return [str(ArticleProblem(message, Path(path), line))  # the name escaped as every name shown
            for message, line in zip(found[1], lines, strict=True)]


def _well_formed(value: object) -> bool:
    """A verdict as ``verdict`` makes them (anything else in the cache is not believed)."""
    if not isinstance(value, list) or not value:
        return False
    if value[0] == "problem":
        return len(value) == 3 and isinstance(value[1], str) and (value[2] is None or type(value[2]) is int)
    if value[0] != "fields" or len(value) not in (2, 3) or not isinstance(value[1], list):
        return False
    lines = value[2] if len(value) == 3 else [None] * len(value[1])
    return (all(isinstance(m, str) for m in value[1]) and isinstance(lines, list) and len(lines) == len(value[1])
            and all(n is None or type(n) is int for n in lines))


_RANGE_FROM = 100  # files: past this, the cache is asked for the range of their paths (by 500 keys
# at a time, 10,000 files were 20 queries)
_SELECT = "SELECT path, size, mtime_ns, verdict FROM verdicts WHERE "


def _text(found: list) -> str:
    return _WELL_TEXT if found == ["fields", []] else json.dumps(found, ensure_ascii=False)


class VerdictCache:
    """path -> (size, mtime_ns, verdict); an unusable cache is simply not used."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else default_dir() / f"check-v{VERSION}.sqlite3"
        self.conn = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=10)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("CREATE TABLE IF NOT EXISTS verdicts (path TEXT PRIMARY KEY, size INTEGER, "
                              "mtime_ns INTEGER, verdict TEXT)")
        except (sqlite3.Error, OSError):
            self._drop()

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def lookup(self, stats: dict[str, tuple[int, int]]) -> dict[str, list]:
        if self.conn is None or not stats:
            return {}
        keys = sorted(stats)
        if len(keys) > _RANGE_FROM:  # a folder's rows are one range of the primary key: one query
            queries = [(_SELECT + "path BETWEEN ? AND ?", (keys[0], keys[-1]))]
        else:
            queries = [(_SELECT + f"path IN ({','.join('?' * len(keys[n:n + 500]))})", keys[n:n + 500])
                       for n in range(0, len(keys), 500)]
        found = {}
        try:
            for query, values in queries:
                for path, size, mtime, text in self.conn.execute(query, values):
                    if stats.get(path) == (size, mtime):
                        if text == _WELL_TEXT:
                            found[path] = ["fields", []]
                            continue
                        value = json.loads(text)
                        if _well_formed(value):
                            found[path] = value
        except (sqlite3.Error, ValueError):
            self._drop()
            return {}
        return found

    def store(self, records: list[tuple[str, int, int, list]]) -> None:
        if self.conn is None or not records:
            return
        try:
            with self.conn:
                self.conn.executemany("INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?)",
                                      [(p, s, m, _text(v)) for p, s, m, v in records])
        except sqlite3.Error:
            self._drop()


def check_all(paths: list[Path | str], cache: VerdictCache | None = None) -> list[list]:
    """The verdict of every file, in order: from the cache where the file is unchanged,
    else parsed, in the index's worker processes when there are many."""
    keys = [os.path.abspath(p) for p in paths]
    stats = stamps(keys)
    known = cache.lookup(stats) if cache is not None else {}
    misses = [n for n, key in enumerate(keys) if key not in known]
    todo = [str(paths[n]) for n in misses]
    results = workers.map_chunks(_verdicts, todo, start_from=workers.CHECK_POOL_FROM)
    if results is None:
        results = _verdicts(todo)
    out = [known.get(key) for key in keys]
    records = []
    for n, found in zip(misses, results, strict=True):
        out[n] = found
        if keys[n] in stats:
            records.append((keys[n], *stats[keys[n]], found))
    if cache is not None:
        cache.store(records)
    return out
