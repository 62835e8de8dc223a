#!/usr/bin/env python3
"""Speed on a big site, side by side with the alternatives, in one run.

usage: python bench/perf.py SITE [--subset 1000] [--no-gui] [--no-core] [--opens 5]
Make SITE with bench/make_site.py (or use ../shared/corpus/azure/site/_news).
Times are wall-clock on this machine with the files in the page cache (run twice to be
sure); the slow parsers run on a subset and are extrapolated, as the table says.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))

rows_out: list[tuple[str, str, str]] = []


def report(what: str, value: str, note: str = "") -> None:
    rows_out.append((what, value, note))
    print(f"{what:44} {value:>12}  {note}", flush=True)


def timed(fn, *args):
    t = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t, result


def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def front_of(raw: bytes) -> str:
    text = raw.decode("utf-8-sig")
    end = text.index("\n---", 3)
    return text[4:end + 1]


def core_benchmarks(site: Path, subset: int) -> float:
    import yaml

    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.indexing.index import article_paths
    from newsdesk.core.indexing.pipeline import index_all, index_files

    paths = article_paths(site)
    n = len(paths)
    mb = sum(p.stat().st_size for p in paths) / 1e6
    report("articles / MB", f"{n} / {mb:.0f}")
    first, raws = timed(lambda: [p.read_bytes() for p in paths])
    report("read every file's bytes, first time", f"{first:.2f} s", "from disk or the page cache, as it comes")
    floor = min(timed(lambda: [p.read_bytes() for p in paths])[0] for _ in range(3))
    report("floor: read every file's bytes again", f"{floor:.2f} s",
           "page cache warm, best of 3: the ratios below are to this")
    cache_dir = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    try:
        cache = IndexCache(cache_dir / "index.sqlite3")
        cold, _ = timed(lambda: list(index_all(paths, site, cache)))
        report("newsdesk index, cold (builds the cache)", f"{cold:.2f} s",
               f"{cold / floor:.1f}x floor, worker processes (their start included)")
        warm = min(timed(lambda: list(index_all(paths, site, IndexCache(cache_dir / "index.sqlite3"))))[0]
                   for _ in range(3))
        report("newsdesk index, warm (cache)", f"{warm:.2f} s", f"{warm / floor:.1f}x floor, best of 3")
        def one_process():
            return [index_files(paths[i:i + 500], site, IndexCache(cache_dir / "index.sqlite3"), parallel=False)
                    for i in range(0, n, 500)]
        serial, _ = timed(one_process)
        report("newsdesk index, warm, one process", f"{serial:.2f} s", f"{serial / floor:.1f}x floor")
        nocache, _ = timed(lambda: [index_files(paths[i:i + 500], site, None, parallel=False)
                                    for i in range(0, n, 500)])
        report("newsdesk index, no cache, one process", f"{nocache:.2f} s", f"{nocache / floor:.1f}x floor")
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    sub = raws[:subset]
    scale = n / max(1, len(sub))
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    t, _ = timed(lambda: [yaml.load(front_of(r), Loader=loader) for r in sub])
    report("PyYAML CSafeLoader full parse", f"{t * scale:.1f} s", f"{len(sub)} files x{scale:.1f}")
    try:
        from ruamel.yaml import YAML
        rt = YAML()
        few = sub[: max(1, subset // 10)]
        t, _ = timed(lambda: [rt.load(front_of(r)) for r in few])
        report("ruamel.yaml round-trip parse", f"{t * n / len(few):.1f} s", f"{len(few)} files x{n / len(few):.0f}")
    except ImportError:
        report("ruamel.yaml round-trip parse", "n/a", "pip install -e '.[bench]'")
    try:
        import frontmatter
        few = sub[: max(1, subset // 4)]
        t, _ = timed(lambda: [frontmatter.loads(r.decode("utf-8")) for r in few])
        report("python-frontmatter load", f"{t * n / len(few):.1f} s", f"{len(few)} files x{n / len(few):.0f}")
    except ImportError:
        report("python-frontmatter load", "n/a", "pip install -e '.[bench]'")
    node_peer(site, paths)
    hugo_peer(site)
    return floor


NODE = """
const fs = require("fs"), path = require("path");
const matter = require("gray-matter");
const files = fs.readFileSync(0, "utf8").split("\\n").filter(Boolean);
const t = process.hrtime.bigint();
let n = 0;
for (const f of files) { matter(fs.readFileSync(f, "utf8"), {cache: false}); n++; }
console.log(Number(process.hrtime.bigint() - t) / 1e9, n);
"""


def node_peer(site: Path, paths: list[Path]) -> None:
    """gray-matter with js-yaml (what Front Matter CMS reads with), all files, in node."""
    import subprocess
    modules = ROOT / "bench" / "out" / "node_modules"
    if shutil.which("node") is None:
        report("gray-matter (node, js-yaml) full parse", "n/a", "skipped: no node on this machine")
        return
    if not (modules / "gray-matter").exists():
        report("gray-matter (node, js-yaml) full parse", "n/a",
               "skipped: npm install --prefix bench/out gray-matter")
        return
    env = dict(os.environ, NODE_PATH=str(modules))
    done = subprocess.run(["node", "-e", NODE], input="\n".join(str(p.resolve()) for p in paths), text=True,
                          capture_output=True, env=env)
    if done.returncode != 0:
        report("gray-matter (node, js-yaml) full parse", "n/a", f"failed: {done.stderr.strip()[:60]}")
        return
    secs, count = done.stdout.split()
    report("gray-matter (node, js-yaml) full parse", f"{float(secs):.2f} s", f"{count} files, one node process")


def hugo_peer(site: Path) -> None:
    if shutil.which("hugo") is None:
        report("hugo list all", "n/a", "skipped: hugo is not installed here")
        return
    import subprocess
    t = time.perf_counter()
    done = subprocess.run(["hugo", "list", "all", "--source", str(site.parent)], capture_output=True)
    report("hugo list all", f"{time.perf_counter() - t:.2f} s" if done.returncode == 0 else "n/a",
           "whole process" if done.returncode == 0 else "failed: the site is not a hugo site")


def read_floor(folder: Path, runs: int = 5) -> float:
    """Reading every article file of ``folder`` whole, in one Python loop: the least any
    reader of these files could take (best of ``runs``)."""
    from newsdesk.core.files.walk import iter_article_files

    def read_all() -> None:
        for name in iter_article_files(folder):
            with open(name, "rb") as f:
                f.read()
    return min(timed(read_all)[0] for _ in range(runs))


def gui_benchmarks(site: Path, opens: int = 1) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-gui-"))
    os.environ["NEWSDESK_CACHE_DIR"] = str(work / "cache")
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "config"))
    app = QApplication.instance() or QApplication([])
    from newsdesk.core.document.edits import Set
    from newsdesk.ui import settings
    from newsdesk.ui.window import MainWindow
    copy = work / "site"
    shutil.copytree(site, copy)
    try:
        warm: list[tuple[float, float, float, int]] = []  # each warm open: all rows, first rows, stall (s, s, ms)
        labels = ["cold cache"] + ["warm cache"] * max(1, opens)
        floor = None
        for n, label in enumerate(labels):
            last = n == len(labels) - 1
            if label == "warm cache" and floor is None:
                floor = read_floor(copy)
                report("floor: read every file of that folder", f"{floor:.3f} s",
                       "in this process, page cache warm, best of 5: the warm open's ratio is to this")
            window = MainWindow(settings.settings(), remember=False)
            window.resize(1366, 768)
            window.show()
            clock = QElapsedTimer()
            marks = {}
            gaps = {"max": 0, "last": 0, "at": 0}
            ticker = QTimer()
            ticker.setInterval(5)

            def tick():
                now = clock.elapsed()
                if now - gaps["last"] > gaps["max"]:
                    gaps["max"], gaps["at"] = now - gaps["last"], gaps["last"]
                gaps["last"] = now
            ticker.timeout.connect(tick)

            def first_rows(*_):
                marks.setdefault("first", clock.elapsed())
            window.proxy.rowsInserted.connect(first_rows)
            loop = QEventLoop()  # not app.exec/quit: Qt 6's quit() closes the windows
            window.loaded.connect(lambda n: (marks.setdefault("all", clock.elapsed()), loop.quit()))
            clock.start()
            ticker.start()
            window.open_path(copy)
            loop.exec()
            settle = QTimer()  # the stall count goes on through the end-of-load sort, and 0.5 s more
            settle.setInterval(50)
            settle.timeout.connect(lambda: window.model._sorting is None
                                   and clock.elapsed() - marks["all"] > 500 and loop.quit())
            settle.start()
            loop.exec()
            settle.stop()
            ticker.stop()
            rows = window.proxy.rowCount()
            whole = marks.get("all", -1) / 1000
            if label == "warm cache":
                warm.append((whole, marks.get("first", -1) / 1000, gaps["max"], gaps["at"]))
            if label == "cold cache" or last:
                if label == "warm cache":  # the best of the warm opens, and their spread
                    whole, first, gaps["max"], gaps["at"] = min(warm)
                    marks["first"] = first * 1000
                spread = (f"; {len(warm)} opens: {min(warm)[0]:.3f}-{max(warm)[0]:.3f} s, "
                          f"{min(warm)[0] / floor:.2f}-{max(warm)[0] / floor:.2f}x" if len(warm) > 1 else "")
                report(f"window, {label}: first rows on screen", f"{marks.get('first', -1) / 1000:.3f} s")
                report(f"window, {label}: all {rows} rows", f"{whole:.3f} s",
                       f"{whole / floor:.2f}x the floor above [target <= 2x]{spread}" if floor else "")
                report(f"window, {label}: longest event-loop stall", f"{gaps['max']} ms",
                       f"from {gaps['at'] / 1000:.2f} s (a 5 ms timer's longest wait, final sort included)")
            if last:
                break
            window.session.library._drafts.clear()
            t = time.perf_counter()  # the next folder opens on a window that let this one go
            window.close()
            window.deleteLater()
            window = None
            app.sendPostedEvents(None, 0)
            from PySide6.QtCore import QEvent
            app.sendPostedEvents(None, QEvent.DeferredDelete)
            if label == "cold cache":
                report(f"closing the {rows}-article folder (freeing it)",
                       f"{(time.perf_counter() - t) * 1000:.0f} ms")
        settle = time.perf_counter()  # the sort in steps that ends the load, then a second of
        while window.model._sorting is not None or time.perf_counter() - settle < 1.0:  # idle
            app.processEvents()
        keys = ("d", "da", "dat", "data", "data c", "data ce", "")
        times = []
        for text in keys:  # the filter, and the view catching up
            t, _ = timed(lambda: (window.proxy.set_text(text), app.processEvents()))
            times.append(t)
        report("filter keystroke (worst of 7)", f"{max(times) * 1000:.0f} ms",
               f"{window.model.rowCount()} rows, newsdesk's proxy, view included")
        from PySide6.QtCore import QSortFilterProxyModel

        from newsdesk.ui.table_model import SEARCH_ROLE
        qt_proxy = QSortFilterProxyModel()
        qt_proxy.setFilterRole(SEARCH_ROLE)
        qt_proxy.setSourceModel(window.model)
        window.table.setModel(qt_proxy)
        for text, label in (("topic:AI", "topic:AI"), ("quality>=60 published:no", "quality>=60 published:no")):
            t, _ = timed(lambda: (window.proxy.set_text(text), app.processEvents()))
            report(f"  a structured search: {label}", f"{t * 1000:.0f} ms")
        window.proxy.set_text("")
        times = []
        for text in keys:
            t, _ = timed(lambda: (qt_proxy.setFilterFixedString(text), app.processEvents()))
            times.append(t)
        report("  same with QSortFilterProxyModel", f"{max(times) * 1000:.0f} ms",
                   "filter role: one data() call per row")
        window.table.setModel(window.proxy)
        library = window.session.library
        t, known = timed(library.known)
        report("folder rescan: what the library knows", f"{t * 1000:.0f} ms", "in the scan thread")
        t, _ = timed(library.scan_files, known)
        report("folder rescan: walk and stat", f"{t:.2f} s", "in the scan thread; nothing changed")
        report("resident memory after load", f"{rss_mb():.0f} MB", "whole process")
        library, session = window.session.library, window.session
        shown = window.model.view.rows  # the table's order (library.rows is the order read)
        rel = shown[0].path
        t, _ = timed(lambda: (session.edit("bench", [rel], Set(("quality",), 1)), session.save_all()))
        report("one edit saved", f"{t * 1000:.0f} ms")
        rels = [r.path for r in shown[1:1001]]
        before = rss_mb()
        t, _ = timed(lambda: (session.edit("bench", rels, Set(("published",), True)), session.save_all()))
        report(f"publish {len(rels)} articles and save", f"{t:.2f} s")
        saved = rss_mb()
        session.undo_stack.undo()
        undone = rss_mb()
        session.undo_stack.redo()
        report("  memory it added: saved / undone / redone", f"+{saved - before:.0f} MB",
               f"+{undone - before:.0f} / +{rss_mb() - before:.0f} MB (whole process)")
        session.save_all()
        big = max(library.rows, key=lambda r: r.size)
        detail = window.detail
        t, _ = timed(detail.show_article, big.path, big)
        start = time.perf_counter()
        while detail.reading and time.perf_counter() - start < 10:
            app.processEvents()
        whole = time.perf_counter() - start + t
        report("detail of the largest article, cold", f"{t * 1000:.0f} ms",
               f"the window held that long; shown whole after {whole * 1000:.0f} ms (parsed in a worker)")
        t, _ = timed(detail.show_article, big.path, big)
        report("detail of the largest article, parsed", f"{t * 1000:.0f} ms")
        detail.show_article(None)
        library._drafts.pop(big.path, None)
        t, _ = timed(detail.show_article, big.path)
        report("  same parsed on the UI thread (the alternative)", f"{t * 1000:.0f} ms")
        window.session.library._drafts.clear()
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path)
    ap.add_argument("--subset", type=int, default=1000, help="files for the slow parsers (extrapolated)")
    ap.add_argument("--no-gui", action="store_true")
    ap.add_argument("--no-core", action="store_true", help="only the window measurements")
    ap.add_argument("--opens", type=int, default=1, help="warm opens of the window (the best is reported, "
                    "with the spread)")
    a = ap.parse_args()
    print(f"{'measure':44} {'value':>12}  note")
    if not a.no_core:
        core_benchmarks(a.site, a.subset)
    if not a.no_gui:
        gui_benchmarks(a.site, a.opens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
