"""The persistent index cache: hits, misses on change, corruption, old formats, concurrency."""
import multiprocessing
import os
import sqlite3

import pytest

from newsdesk.core.indexing import cache as cache_mod
from newsdesk.core.indexing import pipeline
from newsdesk.core.indexing import pool as pool_mod
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.index import Row, article_paths
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.problems import ArticleProblem


def rows(folder, cache):
    return index_files(article_paths(folder), folder, cache)


@pytest.fixture
def counted(monkeypatch):
    """Counts how many files are really parsed."""
    import newsdesk.core.indexing.index as index_mod
    calls = []
    real = index_mod.index_bytes

    def spy(raw, rel, *a, **k):
        calls.append(rel)
        return real(raw, rel, *a, **k)
    monkeypatch.setattr(index_mod, "index_bytes", spy)
    return calls


def test_second_read_is_served_from_the_cache(seeds_copy, tmp_path, counted):
    cache = IndexCache(tmp_path / "c.sqlite3")
    first = rows(seeds_copy, cache)
    assert len(counted) == 5
    second = rows(seeds_copy, IndexCache(tmp_path / "c.sqlite3"))  # a new process would do the same
    assert len(counted) == 5, "nothing should be parsed again"
    assert second == first and all(isinstance(r, Row) for r in second)


def test_a_folder_named_relatively_hits_the_cache_made_with_its_full_path(seeds_copy, tmp_path, counted,
                                                                          monkeypatch):
    from pathlib import Path
    first = rows(seeds_copy, IndexCache(tmp_path / "c.sqlite3"))
    monkeypatch.chdir(seeds_copy.parent)
    relative = Path(seeds_copy.name) / "." / ".." / seeds_copy.name  # as typed on a command line
    again = rows(relative, IndexCache(tmp_path / "c.sqlite3"))
    assert len(counted) == 5 and again == first


def test_changed_file_is_read_again(seeds_copy, tmp_path, counted):
    cache = IndexCache(tmp_path / "c.sqlite3")
    rows(seeds_copy, cache)
    target = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    target.write_bytes(target.read_bytes().replace(b"quality: 43", b"quality: 7"))
    os.utime(target, ns=(1, 1))
    again = rows(seeds_copy, cache)
    assert counted[5:] == ["000_6e2a0c9c78a5bcbb.txt"]
    assert again[0].quality == 7


def test_problems_are_cached_too(seeds_copy, tmp_path, counted):
    (seeds_copy / "bad.md").write_bytes(b"---\ntitle: [\n---\n")
    cache = IndexCache(tmp_path / "c.sqlite3")
    first = [r for r in rows(seeds_copy, cache) if isinstance(r, ArticleProblem)]
    second = [r for r in rows(seeds_copy, cache) if isinstance(r, ArticleProblem)]
    assert len(counted) == 6
    assert [str(p) for p in first] == [str(p) for p in second] and "bad.md:2" in str(second[0])


def test_corrupt_cache_is_rebuilt_silently(seeds_copy, tmp_path):
    path = tmp_path / "c.sqlite3"
    rows(seeds_copy, IndexCache(path))
    path.write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.unlink(f"{path}{suffix}")
    again = rows(seeds_copy, IndexCache(path))
    assert len(again) == 5 and all(isinstance(r, Row) for r in again)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM files").fetchone()[0] == 5


def test_older_format_is_rebuilt(seeds_copy, tmp_path, monkeypatch, counted):
    path = tmp_path / "c.sqlite3"
    rows(seeds_copy, IndexCache(path))
    monkeypatch.setattr(cache_mod, "FORMAT", cache_mod.FORMAT + 1)
    rows(seeds_copy, IndexCache(path))
    assert len(counted) == 10


def test_unusable_cache_folder_means_no_cache(seeds_copy, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = rows(seeds_copy, IndexCache(blocker / "sub" / "c.sqlite3"))
    assert len(result) == 5


def _writer(db, folder, n):
    cache = IndexCache(db)
    for _ in range(n):
        index_files(article_paths(folder), folder, cache)
        cache.store({f"/fake/{os.getpid()}/{i}.md": ((i, i), Row(path="", title=str(i))) for i in range(50)})


def test_concurrent_writers(seeds_copy, tmp_path):
    db = tmp_path / "c.sqlite3"
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(db, seeds_copy, 15)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0, 0]
    count = sqlite3.connect(db).execute("SELECT count(*) FROM files").fetchone()[0]
    assert count == 5 + 3 * 50


def test_many_files_are_read_by_worker_processes_with_the_same_result(seeds_copy, tmp_path, monkeypatch):
    template = (seeds_copy / "001_f48116ce7d4fff05.txt").read_bytes()
    for n in range(pool_mod.PARALLEL_FROM + 20):
        (seeds_copy / f"x{n:04d}.md").write_bytes(template.replace(b"quality: 69", f"quality: {n}".encode()))
    (seeds_copy / "broken.md").write_bytes(b"---\ntitle: [\n---\n")
    monkeypatch.setattr(pool_mod, "START_POOL_FROM", pool_mod.PARALLEL_FROM)  # start the pool for these
    parallel = rows(seeds_copy, None)
    monkeypatch.setattr(pool_mod, "PARALLEL_FROM", 10 ** 9)
    serial = rows(seeds_copy, None)
    assert [str(r) if isinstance(r, ArticleProblem) else r for r in parallel] == \
           [str(r) if isinstance(r, ArticleProblem) else r for r in serial]
    problem = next(r for r in parallel if isinstance(r, ArticleProblem))
    assert problem.line == 2 and str(problem.path).endswith("broken.md")


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no process priorities on this platform")
def test_worker_processes_run_at_low_priority_from_their_start():
    """Checked as soon as submit returns: a worker still importing (before the pool's
    initializer has run) must already yield the CPU to the window."""
    import time
    pool = pool_mod._new_pool(2)
    try:
        mine = os.getpriority(os.PRIO_PROCESS, 0)
        futures = [pool.submit(time.sleep, 0.3) for _ in range(2)]
        children = multiprocessing.active_children()
        assert children
        for child in children:
            assert os.getpriority(os.PRIO_PROCESS, child.pid) >= min(19, max(mine, pool_mod.BACKGROUND_NICE))
        for future in futures:
            future.result()
        assert pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result() >= pool_mod.BACKGROUND_NICE
    finally:
        pool.shutdown()


def test_index_all_reads_only_what_the_cache_lacks_in_workers_with_the_same_rows(seeds_copy, tmp_path, monkeypatch):
    template = (seeds_copy / "001_f48116ce7d4fff05.txt").read_bytes()
    for n in range(60):
        (seeds_copy / f"x{n:04d}.md").write_bytes(template.replace(b"quality: 69", f"quality: {n}".encode()))
    monkeypatch.setattr(pool_mod, "BATCH", 10)  # 65 files: 7 batches,
    monkeypatch.setattr(pool_mod, "START_POOL_FROM", 40)  # and enough to use the workers
    paths = article_paths(seeds_copy)
    cache = IndexCache(tmp_path / "c.sqlite3")

    def plain(results):
        return [str(r) if isinstance(r, ArticleProblem) else r for r in results]
    serial = plain(index_files(paths, seeds_copy, None, parallel=False))
    assert plain(pipeline.index_all(paths, seeds_copy, cache)) == serial  # cold: workers read and store
    sent = []

    class NoPool:
        def submit(self, fn, paths, *args):
            sent.append(len(paths))
            raise RuntimeError("no workers here")  # what was asked is read here instead
    monkeypatch.setattr(pool_mod, "process_pool", lambda: NoPool())
    assert plain(pipeline.index_all(paths, seeds_copy, IndexCache(tmp_path / "c.sqlite3"))) == serial
    assert sent == []  # warm: everything came from the cache, no worker asked
    for n in range(0, 60, 2):  # 30 files change: few enough to read here, so still no worker
        (seeds_copy / f"x{n:04d}.md").write_bytes(template.replace(b"quality: 69", f"quality: {n + 100}".encode()))
    again = plain(pipeline.index_all(paths, seeds_copy, IndexCache(tmp_path / "c.sqlite3")))
    assert again == plain(index_files(paths, seeds_copy, None, parallel=False)) and sent == []
    assert sorted(r.quality for r in again if r.path.startswith("x"))[:3] == [1, 3, 5]
    for n in range(60):  # all change: the misses go to the workers (refused here, read here)
        (seeds_copy / f"x{n:04d}.md").write_bytes(template.replace(b"quality: 69", f"quality: {n + 200}".encode()))
    final = plain(pipeline.index_all(paths, seeds_copy, IndexCache(tmp_path / "c.sqlite3")))
    assert final == plain(index_files(paths, seeds_copy, None, parallel=False))
    assert sum(sent) == 60
