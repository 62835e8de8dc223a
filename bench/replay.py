#!/usr/bin/env python3
"""Fidelity on the real edit history: Newsdesk's editing code beside the naive round trip.

For every (before, after) pair in CORPUS/history/pairs.tsv, the merge patch from the
before data to the after data is applied to the before file, and the bytes are
compared with the after file; a no-op patch (a key set to its current value) must
leave the file byte-identical.  The same is done with a naive ruamel.yaml round
trip (load, merge, dump) on a sample, since it takes about a second per large file.

usage: python bench/replay.py [CORPUS ...] [--naive-sample N] [--sample N]
"""
from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))

from newsdesk.core import Article, Draft  # noqa: E402
from newsdesk.core.document.edits import Patch  # noqa: E402
from newsdesk.core.document.values import patch_between, same  # noqa: E402

DEFAULT_CORPORA = [ROOT.parent / "shared" / "corpus" / "powerapps", ROOT.parent / "shared" / "corpus" / "azure"]
NOOP_KEYS = ("published", "quality", "title", "type", "category")


def pairs_of(corpus: Path) -> list[tuple[Path, Path]]:
    versions = corpus / "history" / "versions"
    lines = (corpus / "history" / "pairs.tsv").read_text().splitlines()[1:]
    return [(versions / f"{b}.md", versions / f"{a}.md") for b, a, _ in (line.split("\t") for line in lines)]


def newsdesk_edit(raw_before: bytes, patch: dict) -> bytes:
    draft = Draft(Article.from_bytes(raw_before))
    draft.apply(Patch(patch))
    return draft.render()


def newsdesk_edit_without_tree(raw_before: bytes, patch: dict) -> bytes:
    """The same edit on an article whose node tree was never parsed (as after a bulk load
    in worker processes or a save): entries are rewritten one at a time where possible."""
    full = Article.from_bytes(raw_before)
    draft = Draft(Article(full.path, full.raw, full.source, None, full.data))
    draft.apply(Patch(patch))
    return draft.render()


def newsdesk_edit_lazily(raw_before: bytes, patch: dict) -> bytes:
    """The same edit on an article opened lazily, as `newsdesk set`, `patch` and the
    window open them (Article.lazy): only the patched entries are parsed, where it can."""
    draft = Draft(Article.lazy(raw_before))
    draft.apply(Patch(patch))
    return draft.render()


def replay(pairs, edit) -> dict:
    """Counts of exact / semantic / wrong / failed and the time per edit."""
    counts = {"exact": 0, "semantic": 0, "wrong": 0, "failed": 0}
    times = []
    for before, after in pairs:
        raw_b, raw_a = before.read_bytes(), after.read_bytes()
        data_b, data_a = Article.from_bytes(raw_b).data, Article.from_bytes(raw_a).data
        patch = patch_between(data_b, data_a)
        t = time.perf_counter()
        try:
            out = edit(raw_b, patch)
        except Exception:  # noqa: BLE001 - a benchmark counts failures
            counts["failed"] += 1
            continue
        times.append(time.perf_counter() - t)
        if out == raw_a:
            counts["exact"] += 1
        else:
            try:
                ok = same(Article.from_bytes(out).data, data_a)
            except Exception:  # noqa: BLE001
                ok = False
            counts["semantic" if ok else "wrong"] += 1
    counts["n"] = len(pairs)
    counts["ms"] = 1000 * statistics.median(times) if times else float("nan")
    counts["ms_mean"] = 1000 * statistics.mean(times) if times else float("nan")
    return counts


def noop(befores, edit) -> float:
    same_bytes = total = 0
    for before in befores:
        raw = before.read_bytes()
        data = Article.from_bytes(raw).data
        key = next((k for k in NOOP_KEYS if k in data), None)
        if key is None:
            continue
        total += 1
        try:
            same_bytes += edit(raw, {key: data[key]}) == raw
        except Exception:  # noqa: BLE001
            pass
    return 100 * same_bytes / max(1, total)


def ruamel_edit(raw_before: bytes, patch: dict) -> bytes:
    from ruamel.yaml import YAML

    text = raw_before.decode("utf-8")
    end = text.index("\n---", 3)
    front, rest = text[4:end + 1], text[end + 1:]
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 10 ** 9
    yaml.indent(mapping=2, sequence=4, offset=2)  # the sites' list style: a fair baseline
    doc = yaml.load(front)

    def merge(target, p):
        for k, v in p.items():
            if v is None:
                target.pop(k, None)
            elif isinstance(v, dict) and isinstance(target.get(k), dict):
                merge(target[k], v)
            else:
                target[k] = v
    merge(doc, patch)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    return ("---\n" + buf.getvalue() + rest).encode("utf-8")


def pct(part, whole):
    return f"{100 * part / max(1, whole):6.2f}%"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpora", nargs="*", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--sample", type=int, default=0, help="replay only N random pairs per corpus")
    ap.add_argument("--naive-sample", type=int, default=60, help="pairs for the ruamel.yaml round trip (0: skip)")
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rows = []
    for corpus in a.corpora:
        if not (corpus / "history" / "pairs.tsv").exists():
            print(f"skipped {corpus}: no history/pairs.tsv", file=sys.stderr)
            continue
        pairs = pairs_of(corpus)
        random.Random(a.seed).shuffle(pairs)
        if a.sample:
            pairs = pairs[:a.sample]
        befores = sorted({b for b, _ in pairs})
        mine = replay(pairs, newsdesk_edit)
        rows.append((corpus.name, "newsdesk", mine, noop(befores, newsdesk_edit)))
        lazy = replay(pairs, newsdesk_edit_without_tree)
        rows.append((corpus.name, "newsdesk, entry by entry (no tree)", lazy,
                     noop(befores, newsdesk_edit_without_tree)))
        opened = replay(pairs, newsdesk_edit_lazily)
        rows.append((corpus.name, "newsdesk, opened lazily (set, patch, window)", opened,
                     noop(befores, newsdesk_edit_lazily)))
        if a.naive_sample:
            try:
                import ruamel.yaml  # noqa: F401
            except ImportError:
                print("ruamel.yaml is not installed: pip install -e '.[bench]'", file=sys.stderr)
                continue
            sub = pairs[:a.naive_sample]
            naive = replay(sub, ruamel_edit)
            rows.append((corpus.name, f"ruamel round trip (sample {len(sub)})", naive,
                         noop(sorted({b for b, _ in sub}), ruamel_edit)))
    print(f"{'corpus':10} {'method':34} {'edits':>6} {'exact':>8} {'as data':>8} {'no-op same':>10} "
          f"{'median ms':>10} {'mean ms':>8}")
    for corpus, method, c, noop_rate in rows:
        print(f"{corpus:10} {method:34} {c['n']:6d} {pct(c['exact'], c['n']):>8} "
              f"{pct(c['exact'] + c['semantic'], c['n']):>8} {noop_rate:9.2f}% {c['ms']:10.1f} {c['ms_mean']:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
