"""Random sequences of edits on real files: the output parses, equals the intended
data, and every top-level entry that was not edited keeps its exact text."""
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, SEEDS
from newsdesk.core import Article, Draft
from newsdesk.core.document.article import ARTICLE_SUFFIXES
from newsdesk.core.document.edits import Delete, Insert, Move, Remove, Set
from newsdesk.core.document.schema import bounds


def _files():
    files = sorted(SEEDS.iterdir())
    for site in ("azure", "powerapps"):
        folder = CORPUS / site / "site" / "_news"
        if folder.exists():
            files += sorted(p for p in folder.iterdir() if p.suffix in ARTICLE_SUFFIXES)[::25]
    return files


FILES = _files()
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=40)
TITLE = TEXT.filter(str.strip)  # a blank title (an article's or a link's) is refused by the schema: no edit
TOPIC = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20).filter(str.strip)


@st.composite
def edits(draw, data):
    kind = draw(st.sampled_from(["published", "quality", "title", "topic+", "topic-", "topic~",
                                 "related-", "related~", "related.title", "related+", "heat-", "newkey"]))
    topics = data.get("topics") or []
    related = data.get("related") or []
    if kind == "published":
        return Set(("published",), draw(st.booleans()))
    if kind == "quality":
        return Set(("quality",), draw(st.integers(*bounds("quality"))))
    if kind == "title":
        return Set(("title",), draw(TITLE))
    if kind == "topic+":
        return Insert(("topics",), draw(st.integers(0, len(topics))), draw(TOPIC))
    if kind == "topic-" and topics:
        return Remove(("topics",), draw(st.integers(0, len(topics) - 1)))
    if kind == "topic~" and len(topics) > 1:
        return Move(("topics",), draw(st.integers(0, len(topics) - 1)), draw(st.integers(0, len(topics) - 1)))
    if kind == "related-" and related:
        return Remove(("related",), draw(st.integers(0, len(related) - 1)))
    if kind == "related~" and len(related) > 1:
        return Move(("related",), draw(st.integers(0, len(related) - 1)), draw(st.integers(0, len(related) - 1)))
    if kind == "related.title" and related:
        return Set(("related", draw(st.integers(0, len(related) - 1)), "title"), draw(TITLE))
    if kind == "related+":
        item = {"title": draw(TITLE), "webUrl": "https://x.example/" + str(draw(st.integers(0, 999))),
                "type": "article", "provider": {"name": draw(TOPIC), "domain": "x.example"},
                "quality": draw(st.integers(0, 200))}
        return Insert(("related",), draw(st.integers(0, len(related))), item)
    if kind == "heat-":
        return Delete(("heat",))
    if kind == "newkey":
        return Set((draw(st.sampled_from(["ampWebUrl", "featuredContent", "customKey"])),), draw(TEXT))
    return Set(("published",), True)


def top_entries(front: str) -> dict:
    """Top-level key -> its text, without trailing blank lines."""
    starts = [m.start() for m in re.finditer(r"^(?=[^\s#])", front, re.M)]
    out = {}
    for n, s in enumerate(starts):
        chunk = front[s:starts[n + 1] if n + 1 < len(starts) else len(front)]
        out[chunk.split(":", 1)[0]] = chunk.rstrip("\r\n") + "\n"
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_random_edits(data):
    path = data.draw(st.sampled_from(FILES))
    article = Article.from_bytes(path.read_bytes())
    draft = Draft(article)
    touched = set()
    for _ in range(data.draw(st.integers(1, 6))):
        edit = data.draw(edits(draft.data))
        draft.apply(edit)
        touched.update(edit.keys())
    out = draft.render()
    reread = Article.from_bytes(out)
    assert reread.data == draft.data
    assert reread.source.body == article.source.body
    before, after = top_entries(article.source.front), top_entries(reread.source.front)
    for key, text in before.items():
        if key not in touched:
            assert after.get(key) == text, key
