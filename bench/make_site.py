#!/usr/bin/env python3
"""Make a large synthetic site from the real corpus, for benchmarks.

usage: python bench/make_site.py OUT --count 10000 [--seed 1] [--corpus ../shared/corpus]

Each article starts from a real corpus article; its title, URLs, date, quality, heat,
published flag and topics are varied, and its related list is rebuilt from real
related items of the corpus (none for ~40% of articles, up to 160 for a few), so
sizes and shapes follow the real sites. The text is assembled directly (no YAML
library), so 100,000 articles take well under a minute.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))

from newsdesk.core import Article  # noqa: E402
from newsdesk.core.document.emit import double_quoted  # noqa: E402
from newsdesk.core.document.source import split  # noqa: E402

ITEM = re.compile(r"^  - title: .*?(?=^  - title: |\Z)", re.M | re.S)


def pools(corpus: Path):
    templates, items, topics, words = [], [], set(), []
    for site in sorted(corpus.iterdir()):
        for path in sorted((site / "site" / "_news").glob("*.md")):
            raw = path.read_bytes()
            src = split(raw)
            front = src.front
            templates.append((front, src.body))
            m = re.search(r"^related:\n(.*?)(?=^\S|\Z)", front, re.M | re.S)
            if m:
                items.extend(i.rstrip("\n") + "\n" for i in ITEM.findall(m.group(1).rstrip("\n") + "\n"))
            t = re.search(r"^topics:\n((?:  - .*\n)+)", front, re.M)
            if t:
                topics.update(line[4:] for line in t.group(1).splitlines())
            title = re.search(r'^title: "(.*)"$', front, re.M)
            if title:
                words.extend(w for w in title.group(1).split() if "\\" not in w)
    return templates, items, sorted(topics), words


def related_count(rng: random.Random) -> int:
    r = rng.random()
    if r < 0.4:
        return 0
    if r < 0.97:
        return rng.randint(1, 40)
    return rng.randint(100, 160)


def make(n: int, rng: random.Random, templates, items, topics, words) -> str:
    front, body = rng.choice(templates)
    title = " ".join(rng.sample(words, rng.randint(4, 11))) + f" ({n})"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:80]
    year = rng.randint(2019, 2025)
    month, day, hour, minute = rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23), rng.randint(0, 59)
    when = f"{year}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00Z"
    url = f"https://news.example/{year}/{slug}/"
    out = []
    for line in front.split("\n")[:-1]:
        if line.startswith("title: "):
            line = "title: " + double_quoted(title)
        elif line.startswith(("originalUrl: ", "webUrl: ")):
            line = line.split(":", 1)[0] + ": " + double_quoted(url)
        elif line.startswith("publishedDateTime: "):
            line = "publishedDateTime: " + when
        elif line.startswith("quality: "):
            line = f"quality: {rng.randint(0, 120)}"
        elif line.startswith("heat: "):
            line = f"heat: {rng.choice([-1, rng.randint(0, 99)])}"
        elif line.startswith("published: "):
            line = f"published: {'true' if rng.random() < 0.2 else 'false'}"
        out.append(line)
    text = "\n".join(out) + "\n"
    chosen = "".join(f"  - {t}\n" for t in rng.sample(topics, rng.randint(1, 5)))
    text = re.sub(r"^topics:\n(?:  - .*\n)+", lambda m: "topics:\n" + chosen, text, count=1, flags=re.M)
    k = related_count(rng)
    related = "related:\n" + "".join(rng.choice(items) for _ in range(k)) + "\n" if k else ""
    text = re.sub(r"^related:\n.*?(?=^\S)", "", text, count=1, flags=re.M | re.S)
    if related:
        text = re.sub(r"^(secured: )", lambda m: related + m.group(1), text, count=1, flags=re.M)
    return f"---\n{text}---\n{body}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    templates, items, topics, words = pools(a.corpus)
    a.out.mkdir(parents=True, exist_ok=True)
    total = 0
    for n in range(a.count):
        text = make(n, rng, templates, items, topics, words)
        data = text.encode("utf-8")
        if n < 200:
            Article.from_bytes(data)  # the generator must make valid articles
        (a.out / f"{n:06d}.md").write_bytes(data)
        total += len(data)
    print(f"{a.count} articles, {total / 1e6:.0f} MB in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
