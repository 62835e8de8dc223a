#!/usr/bin/env python3
"""Whole `newsdesk` processes against the read floor, old code beside new, in one run.

usage: python bench/commands.py [SITE] [--count 4614] [--runs 5] [--before CHECKOUT] [--big FILE] [--only patch|check]

  floor          a Python process that reads every article's bytes (page cache warm)
  index          `newsdesk index SITE --json`, cold (empty cache) and warm
  check          `newsdesk check SITE`, cold (no verdicts remembered) and warm
  patch          `newsdesk patch BIG --patch published.yaml` on the largest article
                 (--big, default: the largest of SITE), the patch flipping its
                 `published` (so that it writes), as `python -m newsdesk` and as the
                 console script pip installs runs it (no runpy), against the naive
                 round trip: a process that loads it with ruamel.yaml, sets the key
                 and dumps it (without fsync), and the floor of a safe patch: a process that reads
                 the file, replaces the line and writes it atomically with fsync of
                 file and folder, as newsdesk does
Best of --runs, each a new process; the folder's files stay in the page cache. The patch
measures (both trees, the naive trip and the safe floor) are taken run by run, in turn.
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
# What the `newsdesk` console script that pip writes runs (no runpy, which `-m` adds)
CONSOLE_SCRIPT = "import re, sys\nfrom newsdesk.cli import main\nsys.exit(main())\n"
FLOOR = "import os,sys\nfor d,_,fs in os.walk(sys.argv[1]):\n for f in fs:\n  open(os.path.join(d,f),'rb').read()\n"
NAIVE = """import sys
from ruamel.yaml import YAML
text = open(sys.argv[1], encoding="utf-8").read()
head, front, body = text.split("---\\n", 2)
yaml = YAML()
yaml.preserve_quotes = True
yaml.width = 4096
yaml.indent(mapping=2, sequence=4, offset=2)
data = yaml.load(front)
data["published"] = sys.argv[2] == "true"
import io
out = io.StringIO()
yaml.dump(data, out)
open(sys.argv[1], "w", encoding="utf-8").write("---\\n" + out.getvalue() + "---\\n" + body)
"""
SAFE_FLOOR = """import os, sys
path = sys.argv[1]
raw = open(path, "rb").read()
new = raw.replace(b"\\npublished: " + (b"false" if sys.argv[2] == "true" else b"true") + b"\\n",
                  b"\\npublished: " + sys.argv[2].encode() + b"\\n", 1)
tmp = path + ".tmp"
fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
os.write(fd, new)
os.fsync(fd)
os.close(fd)
os.replace(tmp, path)
folder = os.open(os.path.dirname(path) or ".", os.O_RDONLY)
os.fsync(folder)
os.close(folder)
"""


def best(cmd, env, runs, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        t = time.perf_counter()
        subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("site", type=Path, nargs="?")
    ap.add_argument("--count", type=int, default=4614)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--before", type=Path, help="another checkout of newsdesk to compare with (its root)")
    ap.add_argument("--big", type=Path, help="the article for the patch measure")
    ap.add_argument("--only", choices=("patch", "check"),
                    help="time only this (the read floor too; check: with the index)")
    args = ap.parse_args()
    site = args.site or ROOT / "bench" / "out" / f"site-{args.count}"
    if not site.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_site.py"), str(site), "--count", str(args.count)],
                       check=True)
    py = sys.executable
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-cmd-"))
    files = sum(1 for _ in site.rglob("*.md"))
    print(f"site: {site} ({files} files); best of {args.runs}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the start")
    floor = best([py, "-c", FLOOR, str(site)], clean_env(), args.runs)
    start = best([py, "-c", "pass"], clean_env(), args.runs)
    print(f"{'floor: a process reading every file':52} {floor:6.3f} s   (python's own start: {start:.3f} s)")
    big = args.big or max(site.rglob("*.md"), key=lambda p: p.stat().st_size)
    patch = work / "published.yaml"
    flipped = "false" if b"\npublished: true\n" in big.read_bytes() else "true"  # a patch that writes
    patch.write_text(f"published: {flipped}\n")
    trees = [("before", args.before.resolve())] if args.before else []
    trees.append(("after", ROOT))
    envs = {label: dict(clean_env(), PYTHONPATH=str(code / "desktop"), NEWSDESK_CACHE_DIR=str(work / f"cache-{label}"))
            for label, code in trees}
    nd = [py, "-m", "newsdesk"]

    def clear(label):
        return lambda: shutil.rmtree(work / f"cache-{label}", ignore_errors=True)
    figures = {}
    names = []
    if args.only != "patch":
        # run by run, the trees in turn: a change of the machine's load falls on both alike
        measures = [("index --json, cold", ["index", str(site), "--json"], True),
                    ("index --json, warm", ["index", str(site), "--json"], False),
                    ("check, cold", ["check", str(site)], True),
                    ("check, warm", ["check", str(site)], False)]
        for name, command, cold in measures:
            names.append(name)
            for label, _ in trees:
                best(nd + command, envs[label], 1)  # the cache of the warm runs (and the page cache)
            times = {label: [] for label, _ in trees}
            for _ in range(args.runs):
                for label, _ in trees:
                    times[label].append(best(nd + command, envs[label], 1, clear(label) if cold else None))
            for label, _ in trees:
                figures[(name, label)] = min(times[label])
        for label, _ in trees:
            for name in names:
                t = figures[(name, label)]
                print(f"{name + ' [' + label + ']':52} {t:6.3f} s   {t / floor:5.1f}x floor")
            cold_index, warm_index = figures[("index --json, cold", label)], figures[("index --json, warm", label)]
            print(f"  check cold / index cold: {figures[('check, cold', label)] / cold_index:.2f}x;  "
                  f"check warm / index warm: {figures[('check, warm', label)] / warm_index:.2f}x")
    if args.only == "check":
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        print_speedups(args, names, figures)
        shutil.rmtree(work, ignore_errors=True)
        return 0
    copy = work / "big.md"
    title = f"patch one {big.stat().st_size // 1024} KB article"
    # the same without the CLI's own start (argument parser, version, freeze_support)
    alone = ("import argparse, sys; from newsdesk.cli import cmd_patch; "
             f"sys.exit(cmd_patch(argparse.Namespace(files=[{str(copy)!r}], patch={str(patch)!r})))")
    measures = []  # (name, label, command, environment)
    for label, _ in trees:
        measures += [(title, label, nd + ["patch", str(copy), "--patch", str(patch)], envs[label]),
                     ("  patch, as the console script", label,
                      [py, "-c", CONSOLE_SCRIPT, "patch", str(copy), "--patch", str(patch)], envs[label]),
                     ("  patch, cmd_patch alone", label, [py, "-c", alone], envs[label])]
    try:
        import ruamel.yaml  # noqa: F401
        measures.append(("naive", "", [py, "-c", NAIVE, str(copy), flipped], clean_env()))
    except ImportError:
        pass
    measures.append(("safe floor", "", [py, "-c", SAFE_FLOOR, str(copy), flipped], clean_env()))
    # run by run, each measure in turn: a change of the machine's load falls on all alike,
    # the naive round trip included (the ratios are taken within one run)
    times: dict = {(name, label): [] for name, label, _, _ in measures}
    for _ in range(args.runs):
        for name, label, command, env in measures:
            times[(name, label)].append(best(command, env, 1, lambda: shutil.copy2(big, copy)))
    for label, _ in trees:
        for name in (title, "  patch, as the console script", "  patch, cmd_patch alone"):
            t = figures[(name, label)] = min(times[(name, label)])
            print(f"{name + ' [' + label + ']':52} {t:6.3f} s   {t / floor:5.1f}x floor")
    names += [title, "  patch, as the console script", "  patch, cmd_patch alone"]
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    after, script = figures[(title, "after")], figures[("  patch, as the console script", "after")]
    alone_t = figures[("  patch, cmd_patch alone", "after")]
    if ("naive", "") in times:
        naive = min(times[("naive", "")])
        print(f"{'naive ruamel.yaml round trip, whole process':52} {naive:6.3f} s   "
              f"newsdesk patch is {naive / after:.1f}x faster as python -m newsdesk, {naive / script:.1f}x "
              f"as the console script ({naive / alone_t:.1f}x without the CLI's start)")
    else:
        print("naive ruamel.yaml round trip: skipped (pip install -e '.[bench]')")
    floor_patch = min(times[("safe floor", "")])
    print(f"{'floor: replace the line, atomic write, fsync x2':52} {floor_patch:6.3f} s   "
          f"newsdesk patch is {after / floor_patch:.1f}x this floor (its fsyncs alone are what the "
          f"naive trip skips)")
    print_speedups(args, names, figures)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def print_speedups(args, names, figures) -> None:
    if args.before:
        for name in names:
            print(f"{name}: {figures[(name, 'before')] / figures[(name, 'after')]:.1f}x faster than before")


if __name__ == "__main__":
    sys.exit(main())
