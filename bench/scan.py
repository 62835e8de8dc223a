#!/usr/bin/env python3
"""The index's structure pass, compiled and pure Python, against the read floor, in one run.

usage: python bench/scan.py [SITE] [--count 10000] [--runs 3] [--before CHECKOUT]

  floor                 a process that reads every article's bytes (page cache warm)
  index --json, cold    whole `newsdesk index` processes with an empty cache (worker
                        processes, cache writes and the JSON output included): with the
                        compiled scanner, with NEWSDESK_PURE_SCAN=1, and --before's code
  in one process        per file: read; read + scan; read + index_bytes (the row); the
                        same with the pure-Python scan
Whole processes run in --runs interleaved rounds (best of each); in-process figures best of
--runs. SITE defaults to bench/out/site-COUNT, made by bench/make_site.py.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bulk import clean_env  # bench/ is the script's own folder

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))
FLOOR = "import os,sys\nfor d,_,fs in os.walk(sys.argv[1]):\n for f in fs:\n  open(os.path.join(d,f),'rb').read()\n"


def best_process(cmd, env, runs, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def best(fn, runs) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def line(what: str, seconds: float, floor: float, note: str = "") -> None:
    print(f"{what:56} {seconds:7.3f} s  {seconds / floor:6.1f}x floor  {note}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, nargs="?")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", type=Path, help="another checkout of newsdesk to compare with (its root)")
    args = ap.parse_args()
    site = args.site or ROOT / "bench" / "out" / f"site-{args.count}"
    if not site.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_site.py"), str(site), "--count", str(args.count)],
                       check=True)
    from newsdesk.core.indexing import scan
    from newsdesk.core.indexing.index import WANTED, article_paths, index_bytes

    paths = article_paths(site)
    print(f"site: {site} ({len(paths)} files, {sum(p.stat().st_size for p in paths) / 1e6:.0f} MB); "
          f"best of {args.runs}; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start; "
          f"compiled scanner {'built' if scan.COMPILED else 'NOT built (pure Python only)'}")
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-scan-"))
    try:
        # Whole processes, interleaved (a round runs each once) so that a load coming and
        # going on a shared machine falls on all of them alike; best of the rounds.
        cache = work / "cache"
        variants = [("floor: a process reading every file", [py, "-c", FLOOR, str(site)], clean_env())]
        trees = [("compiled", ROOT, {})] if scan.COMPILED else []
        trees.append(("pure Python", ROOT, {"NEWSDESK_PURE_SCAN": "1"}))
        if args.before:
            trees.append(("before: " + str(args.before), args.before.resolve(), {}))
        for label, code, extra in trees:
            env = dict(clean_env(), PYTHONPATH=str(code / "desktop"), NEWSDESK_CACHE_DIR=str(cache), **extra)
            index = [py, "-m", "newsdesk", "index", str(site), "--json"]
            variants.append((f"newsdesk index --json, cold [{label}]", index, env))
        times = {name: [] for name, _, _ in variants}
        for _ in range(args.runs):
            for name, cmd, env in variants:
                times[name].append(best_process(cmd, env, 1, lambda: shutil.rmtree(cache, ignore_errors=True)))
        floor = min(times[variants[0][0]])
        print(f"{variants[0][0]:56} {floor:7.3f} s")
        for name, _, _ in variants[1:]:
            line(name, min(times[name]), floor)

        raws = [p.read_bytes() for p in paths]
        rels = [p.name for p in paths]
        read = best(lambda: [p.read_bytes() for p in paths], args.runs)
        print(f"{'in one process: read every file':56} {read:7.3f} s  (the floor here)")
        scanners = [("compiled", scan.scan_compiled), ("pure Python", scan.scan_python)]
        for label, fn in scanners:
            if fn is None:
                continue
            t = best(lambda fn=fn: [fn(r, WANTED) for r in raws], args.runs)
            line(f"  + scan [{label}]", read + t, read, f"{t * 1e6 / len(raws):6.1f} us a file for the scan")
            old, scan.scan = scan.scan, fn
            try:
                t = best(lambda: [index_bytes(r, rel) for r, rel in zip(raws, rels, strict=True)], args.runs)
            finally:
                scan.scan = old
            line(f"  + index_bytes, the whole row [{label}]", read + t, read, f"{t * 1e6 / len(raws):6.1f} us a file")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
