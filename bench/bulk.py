#!/usr/bin/env python3
"""Bulk writes against the safe-write floor, old code beside new, in one run.

usage: python bench/bulk.py [SITE] [--count 4614] [--runs 3] [--before CHECKOUT]

SITE defaults to a synthetic site of --count articles made in bench/out/ by
make_site.py. Each measure runs on a fresh copy of SITE (mtimes kept, so the index
cache stays warm) in its own process, once with this checkout's code and, with
--before, once with another checkout's (e.g. `git worktree add /tmp/before main`);
the written files of the two are compared byte for byte. Best of --runs.

  floor    per file: read it, change one line, write a temporary file, fsync it,
           rename it over the file, fsync the folder (plain Python, nothing else)
  set      `newsdesk set COPY published=true --where published:no`, whole process
  rename   the window's Manage Topics rename of the most common topic, then save
           (Library.retopic, Session.push, Session.save_all; Qt offscreen)
  publish  the window's bulk publish of the first --publish of them, then save
           (Session.edit, Session.save_all), and the window's memory: after the
           edit, saved, undone and redone (#17.5)
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

FLOOR = r"""
import os, sys, time
root = sys.argv[1]
names = sorted(n for n in os.listdir(root) if n.endswith(".md"))
t = time.perf_counter()
done = 0
for name in names:
    path = os.path.join(root, name)
    with open(path, "rb") as f:
        raw = f.read()
    new = raw.replace(b"\npublished: false\n", b"\npublished: true\n", 1)
    if new == raw:
        continue
    tmp = os.path.join(root, "." + name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(new)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fd = os.open(root, os.O_RDONLY)
    os.fsync(fd)
    os.close(fd)
    done += 1
print(time.perf_counter() - t, done)
"""

WINDOW = r"""
import os, sys, time
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtWidgets import QApplication
app = QApplication([])
from newsdesk.core.document.edits import Set
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.library.library import Library
from newsdesk.ui.session import Session

def rss():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

what, root = sys.argv[1], Path(sys.argv[2])
library = Library(root, IndexCache())
library.load()
session = Session(library)
out = {"rss_loaded": rss()}
t = time.perf_counter()
if what == "rename":
    counts = library.topics()
    topic = max(counts, key=lambda k: (counts[k], k))
    session.push("rename", library.retopic({topic: topic + " (renamed)"}))
    out["articles"] = len(library.dirty())
else:
    rels = [row.path for row in library.rows if row.published is not True][:int(sys.argv[3])]
    session.edit("publish", rels, Set(("published",), True))
    out["articles"] = len(rels)
out["edit"] = time.perf_counter() - t
problems = session.save_all()
out["total"] = time.perf_counter() - t
out["problems"] = len(problems)
out["rss_saved"] = rss()
session.undo_stack.undo()
out["rss_undone"] = rss()
session.undo_stack.redo()
out["rss_redone"] = rss()
session.write_journal()
import json
print(json.dumps(out))
"""


def clean_env() -> dict:
    """This environment as an editor's would be: output buffered, byte code cached
    (PYTHONUNBUFFERED made each printed line a system call; without cached byte code
    every process compiled the package again)."""
    env = dict(os.environ)
    for name in ("PYTHONUNBUFFERED", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def site_of(args) -> Path:
    if args.site is not None:
        return args.site
    site = OUT / f"site-{args.count}"
    if not site.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_site.py"), str(site), "--count", str(args.count)],
                       check=True)
    return site


def fresh(site: Path, name: str) -> Path:
    copy = OUT / "bulk-work" / name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy)  # copy2: mtimes kept, the index cache stays valid
    return copy


def env_for(code: Path, work: Path) -> dict:
    env = clean_env()
    env["PYTHONPATH"] = str(code / "desktop")
    env["NEWSDESK_CACHE_DIR"] = str(work / "cache")
    env["NEWSDESK_DATA_DIR"] = str(work / "data")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def run(cmd: list[str], env: dict) -> tuple[float, str]:
    t = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    took = time.perf_counter() - t
    if done.returncode not in (0, 1):
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr}")
    return took, done.stdout + done.stderr


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, nargs="?")
    ap.add_argument("--count", type=int, default=4614)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before", type=Path, help="another checkout of newsdesk to compare with (its root)")
    ap.add_argument("--publish", type=int, default=1000, help="articles the window publishes (#17.5: 1,000)")
    ap.add_argument("--only", help="comma-separated: floor,set,rename,publish")
    args = ap.parse_args()
    site = site_of(args)
    only = set(args.only.split(",")) if args.only else {"floor", "set", "rename", "publish"}
    trees = [("before", args.before.resolve())] if args.before else []
    trees.append(("after", ROOT))
    work = OUT / "bulk-work"
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    digests: dict = {}
    py = sys.executable
    sys.stdout.reconfigure(line_buffering=True)
    print(f"site: {site} ({sum(1 for _ in site.iterdir())} files); best of {args.runs}; "
          f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    def floor_once() -> float:
        """Seconds a file of the floor, on a fresh copy: run next to each measure, as the
        disk's fsync time swings with what else the machine writes (0.8-2.9 ms here)."""
        copy = fresh(site, "floor")
        _, out = run([py, "-c", FLOOR, str(copy)], clean_env())
        secs, files = out.split()
        return float(secs) / int(files)

    if "floor" in only:
        best = min(floor_once() for _ in range(args.runs))
        print(f"{'floor: read, change a line, fsync, rename, fsync folder':58} {best * 1000:7.2f} ms a file")

    def ratio(t, files, floors):
        """To the best floor taken beside this measure, for as many files as were written."""
        return f"{t / (min(floors) * files):5.1f}x floor ({min(floors) * 1000:.2f} ms a file)" if floors else ""

    for label, code in trees:
        env = env_for(code, work / label)
        index = [py, "-m", "newsdesk", "index"]
        if "set" in only:
            best, floors = None, []
            for _ in range(args.runs):
                if "floor" in only:
                    floors.append(floor_once())
                copy = fresh(site, f"set-{label}")
                run(index + [str(copy)], env)  # the cache warm, as for an editor's folder
                took, out = run([py, "-m", "newsdesk", "set", str(copy), "published=true", "--where", "published:no"],
                                env)
                best = min(best or 1e9, took)
            digests[("set", label)] = digest(copy)
            results[("set", label)] = best
            written = int(out.split(" changed ")[1].split()[0].rstrip(";"))
            print(f"{'newsdesk set published=true --where published:no [' + label + ']':58} {best:7.2f} s  "
                  f"{ratio(best, written, floors)}  ({out.strip().splitlines()[-1]})")
        for what in ("rename", "publish"):
            if what not in only:
                continue
            best, info, floors = None, None, []
            for _ in range(args.runs):
                if "floor" in only:
                    floors.append(floor_once())
                copy = fresh(site, f"{what}-{label}")
                run(index + [str(copy)], env)
                took, out = run([py, "-c", WINDOW, what, str(copy), str(args.publish)], env)
                data = json.loads(out.strip().splitlines()[-1])
                if best is None or data["total"] < best:
                    best, info = data["total"], data
            digests[(what, label)] = digest(copy)
            results[(what, label)] = best
            name = {"rename": "window: rename a topic across the library, save",
                    "publish": "window: publish them all, save"}[what]
            print(f"{name + ' [' + label + ']':58} {best:7.2f} s  {ratio(best, info['articles'], floors)}  "
                  f"({info['articles']} articles; "
                  f"edit {info['edit']:.2f} s; {info['problems']} problems)")
            if what == "publish":
                base = info["rss_loaded"]
                print(f"{'  window memory: loaded / +saved / +undone / +redone [' + label + ']':58} "
                      f"{base:7.0f} MB  +{info['rss_saved'] - base:.0f} / +{info['rss_undone'] - base:.0f} / "
                      f"+{info['rss_redone'] - base:.0f} MB")
    if args.before:
        for what in ("set", "rename", "publish"):
            if (what, "before") in digests:
                a, b = digests[(what, "before")], digests[(what, "after")]
                differ = [name for name in a if a[name] != b.get(name)]
                print(f"{what}: same bytes as before: {'yes' if not differ else 'NO'} ({len(a)} files, "
                      f"{len(differ)} differ{': ' + ', '.join(differ[:5]) if differ else ''}); "
                      f"{results[(what, 'before')] / results[(what, 'after')]:.1f}x faster")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
