"""The indexing pipeline: from a list of files to each one's row (or problem), in order.

Each file is stat'ed once (``stamps``), the index cache is asked for the unchanged
ones (``_lookup``), and the misses are read — here, or in the worker processes
(``pool``) when there are many — and stored back (``_read_misses``). ``index_all``
yields batch by batch; ``index_in_worker`` is the same pipeline run inside a worker,
search texts included, for the window's loader; ``load_in_worker`` parses one article
whole there.
"""
from __future__ import annotations

import os
from pathlib import Path

from newsdesk.core.files.walk import stamps
from newsdesk.core.indexing import pool as workers
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.index import Row
from newsdesk.core.problems import ArticleProblem


def _compiled_stamps():
    """``stamps``'s compiled twin where the scanner is built (_scan_open.c: the same
    (size, version) of each file, its stat calls made without the GIL while the window
    sets itself up: ~5 ms of a warm 4,614-file open's ~7 ms of stat were Python's), else
    None."""
    from newsdesk.core.indexing import scan
    if not scan.COMPILED:
        return None
    from newsdesk.core.indexing import _scan
    return getattr(_scan, "stamps", None)  # (none on Windows, whose os.stat is not plain stat)


stamps_compiled = _compiled_stamps()
_stamps = stamps_compiled or stamps


def _read_one(path: Path, rel: str, size: int, version: int) -> Row | ArticleProblem:
    from newsdesk.core.files.saving import read_bytes
    from newsdesk.core.indexing.index import index_bytes
    try:
        return index_bytes(read_bytes(path), rel, path, size, version)
    except ArticleProblem as p:
        return p if p.path is not None else p.with_path(path)
    except Exception as e:  # noqa: BLE001 - one file's surprise is that file's problem, never the folder's
        return ArticleProblem(f"cannot be read: {type(e).__name__}: {e}", path)


def _read_chunk(jobs: list) -> list:
    return [_read_one(*job) for job in jobs]


def _read_all(jobs: list, parallel: bool = True) -> list:
    """Read files in worker processes when there are many (both cores), else here."""
    found = workers.map_chunks(_read_chunk, jobs) if parallel else None
    return found if found is not None else _read_chunk(jobs)


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
    results = index_files(paths, Path(root), cache, parallel=False)
    return results, ([haystack_of(r) for r in results if isinstance(r, Row)] if texts else [])


def index_all(paths: list[Path], root: Path, cache: IndexCache | None = None):
    """Every file's row or problem, in order, yielded batch by batch. The cache is asked
    here (sending rows it has through a worker only cost time); with many files left to
    read, those are read in the worker processes, each with its own share of the cache
    writes (one process writing the cache was a quarter of a cold index)."""
    batches = [paths[i:i + workers.BATCH] for i in range(0, len(paths), workers.BATCH)]
    looked = [_lookup(batch, root, cache) for batch in batches]
    to_read = sum(len(misses) for _, misses, _, _ in looked)
    pool = workers.process_pool() if to_read >= workers.START_POOL_FROM else None
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


def index_files(paths: list[Path | str], root: Path, cache: IndexCache | None = None,
                parallel: bool = True, snapshot=None) -> list[Row | ArticleProblem]:
    """The row (or problem) of each file, from the cache where the file is unchanged (and
    from a folder's ``snapshot`` first, which notes the other rows: see snapshot.py)."""
    return _read_misses(*_lookup(paths, root, cache, snapshot), cache, parallel, snapshot)


def cached(paths: list[Path | str], root: Path, cache: IndexCache | None, snapshot=None) -> tuple[list, list]:
    """What the cache has of ``paths`` (rows, or problems, of unchanged files), read here,
    and the paths it lacks, to be read elsewhere."""
    out, misses, _, _ = _lookup(paths, root, cache, snapshot)
    if not misses:
        return out, []
    lacking = set(misses)
    return [r for n, r in enumerate(out) if n not in lacking], [paths[n] for n in misses]


def _lookup(paths: list[Path | str], root: Path, cache: IndexCache | None, snapshot=None):
    """What the cache has for each file, with a read job in place of each miss: (results,
    positions of the misses, absolute paths, their (size, version)). Paths may be given
    as strings (a Path for each of 4,614 cached rows was a quarter of a warm read);
    problems and read jobs get a Path."""
    from newsdesk.core.indexing.index import relpaths

    keys, out = [], []
    cwd = os.getcwd()  # once: abspath asks the system for it for every relative path
    join, normpath, isabs = os.path.join, os.path.normpath, os.path.isabs
    posix = os.name != "nt"
    for path in paths:
        if posix and type(path) is str and path[:1] == "/" and "/." not in path and "//" not in path \
                and path[-1:] != "/":
            keys.append(path)  # a walked path is normal already (normpath of each was ~3 ms of a warm open)
            continue
        # (Windows: abspath, which also resolves drive-relative paths like C:x)
        key = os.path.abspath(path) if not posix else normpath(path if isabs(path) else join(cwd, path))
        keys.append(key)
    stats = _stamps(keys)
    if snapshot is not None:  # the folder's rows as last opened, then the cache for the rest
        hits, asked = snapshot.take(stats)
        if asked and cache is not None:
            found = cache.lookup(asked)
            for key, result in found.items():
                if isinstance(result, Row):
                    snapshot.note(key, result)
            hits.update(found)
    else:
        hits = cache.lookup(stats) if cache is not None else {}
    misses = []
    for n, (path, key, rel) in enumerate(zip(paths, keys, relpaths(keys, root), strict=True)):
        result = hits.get(key)
        if isinstance(result, Row):
            result.path = rel
            result.size, result.version = stats[key]
        elif isinstance(result, ArticleProblem):
            result = ArticleProblem(result.message, Path(path), result.line)
        else:
            misses.append(n)
            result = (Path(path), rel, *stats.get(key, (0, 0)))
        out.append(result)
    return out, misses, keys, stats


def _read_misses(out: list, misses: list[int], keys: list[str], stats: dict, cache: IndexCache | None,
                 parallel: bool, snapshot=None) -> list:
    fresh: dict = {}
    for n, result in zip(misses, _read_all([out[n] for n in misses], parallel), strict=True):
        out[n] = result
        if keys[n] in stats:
            fresh[keys[n]] = (stats[keys[n]], result)
            if snapshot is not None and isinstance(result, Row):
                snapshot.note(keys[n], result)
    if cache is not None:
        cache.store(fresh)
    return out
