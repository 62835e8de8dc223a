"""Articles that go together: related-link suggestions, duplicate groups, and URL forms.

Suggestions rank other articles by shared topics and by the words of title and excerpt
they share, each word weighted by how rare it is in the library (TF-IDF). The word
index is built once over the index rows (100k articles: ~2 s, so the window builds it
off the UI thread) and answers a query by walking only the postings of the article's
rarer words.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_WORD = re.compile(r"[^\W\d_][\w'-]{2,}", re.U)
STOP = frozenset("""
the and for with that this from are was were has have had not but its it's into over your you our their
they them than then there these those what when where which while who whom will would can could should
about after before more most some such only also just how why all any each other new news says said
""".split())
COMMON = 0.05      # a word in more than 5% of articles says little: not walked
TOPIC_WEIGHT = 1.5


def words(*texts: object) -> Counter:
    out: Counter = Counter()
    for text in texts:
        if isinstance(text, str):
            out.update(w for w in (m.casefold() for m in _WORD.findall(text)) if w not in STOP)
    return out


def normalized_url(url: object) -> str:
    """One form for the same page: lower-case host without www., no fragment, no
    tracking parameters, no trailing slash, http = https."""
    if not isinstance(url, str) or not url.strip():
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").casefold()
    host = host[4:] if host.startswith("www.") else host
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(("utm_", "fbclid", "gclid", "mc_"))])
    path = parts.path.rstrip("/") or ""
    return urlunsplit(("", host, path, query, ""))


def normalized_title(title: object) -> str:
    if not isinstance(title, str):
        return ""
    return " ".join(w.casefold() for w in re.findall(r"\w+", title))


@dataclass
class Suggestion:
    path: str
    score: float
    shared_topics: list
    shared_words: list


class WordIndex:
    """Postings of title/excerpt words and of topics over a list of index rows."""

    def __init__(self, rows: list):
        self.rows = list(rows)
        self.position = {row.path: n for n, row in enumerate(self.rows)}
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.topic_postings: dict[str, list[int]] = defaultdict(list)
        self.lengths: list[float] = []
        for n, row in enumerate(self.rows):
            counts = words(row.title, row.excerpt)
            for w in counts:
                self.postings[w].append(n)
            self.lengths.append(math.sqrt(sum(counts.values())) or 1.0)
            for topic in {t.casefold() for t in row.topics if isinstance(t, str)}:
                self.topic_postings[topic].append(n)
        self.size = max(1, len(self.rows))

    def idf(self, postings: list[int]) -> float:
        return math.log(self.size / (1 + len(postings))) + 1.0

    def suggest(self, rel: str, data: dict | None = None, limit: int = 10, exclude_urls=()) -> list[Suggestion]:
        """Articles most like ``rel`` (its current ``data`` if given), best first; never
        itself nor an article whose URL is in ``exclude_urls``."""
        me = self.position.get(rel)
        source = data if data is not None else {}
        row = self.rows[me] if me is not None else None
        title = source.get("title", row.title if row else None)
        excerpt = source.get("excerpt", row.excerpt if row else None)
        topics = source.get("topics", row.topics if row else [])
        query = words(title, excerpt)
        scores: dict[int, float] = defaultdict(float)
        shared_w: dict[int, list] = defaultdict(list)
        shared_t: dict[int, list] = defaultdict(list)
        limit_df = max(50, int(COMMON * self.size))
        for w, tf in query.items():
            posting = self.postings.get(w)
            if not posting or len(posting) > limit_df:
                continue
            weight = tf * self.idf(posting) ** 2
            for n in posting:
                scores[n] += weight / self.lengths[n]
                shared_w[n].append(w)
        for topic in {t.casefold() for t in topics if isinstance(t, str)} if isinstance(topics, list) else ():
            posting = self.topic_postings.get(topic, [])
            if len(posting) > limit_df * 4:
                continue
            weight = TOPIC_WEIGHT * self.idf(posting)
            for n in posting:
                scores[n] += weight
                shared_t[n].append(topic)
        excluded = {normalized_url(u) for u in exclude_urls}
        mine = normalized_url(source.get("webUrl") or (row.webUrl if row else None))
        out = []
        for n, score in sorted(scores.items(), key=lambda kv: -kv[1]):
            if n == me:
                continue
            other = self.rows[n]
            url = normalized_url(other.webUrl or other.originalUrl)
            if url and (url in excluded or url == mine):
                continue
            out.append(Suggestion(other.path, round(score, 2), shared_t[n], shared_w[n][:6]))
            if len(out) >= limit:
                break
        return out


def related_problems(data: dict) -> dict[int, str]:
    """Related items that point at the article itself or repeat an earlier item."""
    items = data.get("related")
    if not isinstance(items, list):
        return {}
    own = {normalized_url(data.get(k)) for k in ("webUrl", "originalUrl")} - {""}
    seen: dict[str, int] = {}
    out = {}
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        url = normalized_url(item.get("webUrl") or item.get("url") or item.get("originalUrl"))
        if not url:
            continue
        if url in own:
            out[n] = "points at this article itself"
        elif url in seen:
            out[n] = f"the same link as item {seen[url] + 1}"
        else:
            seen[url] = n
    return out


def duplicate_groups(rows: list) -> list[list]:
    """Groups of articles that tell the same story: the same page (normalized URL) or
    the same title (normalized); groups that share an article are joined."""
    parent = list(range(len(rows)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict = {}
    for n, row in enumerate(rows):
        keys = [("url", normalized_url(u)) for u in (row.webUrl, row.originalUrl)]
        keys.append(("title", normalized_title(row.title)))
        for key in keys:
            if not key[1] or (key[0] == "title" and len(key[1].split()) < 3):
                continue
            if key in first:
                parent[find(n)] = find(first[key])
            else:
                first[key] = n
    groups: dict[int, list] = defaultdict(list)
    for n in range(len(rows)):
        groups[find(n)].append(rows[n])
    return sorted((g for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), str(g[0].title)))
