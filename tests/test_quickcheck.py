"""The check's quick path: what it reads is the full parse's data, and "all well" is said only
of an article the full parse and the schema find nothing wrong in."""
import pytest

from conftest import ROOT, SEEDS, corpus_or_skip
from newsdesk.core.document import source as source_mod
from newsdesk.core.document.article import Article
from newsdesk.core.document.schema import problems_of
from newsdesk.core.indexing import check, quickcheck
from newsdesk.core.problems import ArticleProblem
from test_check import HOSTILE

HOSTILE_DIR = ROOT / "tests" / "fixtures" / "hostile"


def full(raw: bytes):
    """(data, problems) of the whole parse, or (None, None) when it refuses the file."""
    try:
        data = Article.from_bytes(raw).data
    except ArticleProblem:
        return None, None
    return data, problems_of(data)


def agrees(raw: bytes) -> bool | None:
    """Asserts the quick path agrees with the full parse; True if it read the front itself."""
    data, problems = full(raw)
    try:
        mine = quickcheck.data_of(source_mod.split(raw).front)
    except ArticleProblem:
        mine = None
    if mine is not None:
        assert mine == data
        assert [type(v) for v in mine.values()] == [type(v) for v in data.values()]
    if quickcheck.all_well(raw):
        assert problems == []
    return mine is not None


FRONTS = [  # each is either read exactly as the full parse reads it, or left to it
    "title: a\n  continued plain\n", 'title: "two\n  lines"\n', "title: 'single'\n", "# a comment\ntitle: a\n",
    "title: a # comment\n", "yes: 1\n", "null: 1\n", "quality: 0123\n", "quality: 1_000\n", "quality: ١٢\n",
    "quality: " + "9" * 5000 + "\n", "publishedDateTime: 2023-02-30T00:00:00Z\n",
    "publishedDateTime: 2023-10-17T00:31:00Z\n", "publishedDateTime: 2023-10-17 00:31:00\n",
    "topics: []\nprovider: {}\n", "topics:\n- AI\n- Azure\n", "topics:\n  - AI\n  -  Azure\n", "topics:\n  - - a\n",
    "topics:\n  -\n  - b\n", "related:\n  - title: a\n    provider:\n      name: x\n      name: y\n",
    "related:\n  - title: a\n    images:\n    - url: x\n      width: 3\n  - title: b\n",
    "related:\n  - title: a\n    images:\n      - url: x\n        width: 3\n\n  - title: b\n    quality: 5\n",
    "related:\n  - title: a\n     quality: 5\n", "related:\n  - title: a\n   quality: 5\n",
    "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", "a:\n  b: 1\n c: 2\n", "a: ~\nb: Null\nc: yes\nd: off\ne: .inf\n",
    "a: !!str 1\n", "a: &x 1\nb: *x\n", "? a\n: b\n", "a:\tb\n", "a: b\r\nc: d\r\n", "a: x\u2028y\n",
    'a: "x\\ny"\n', 'a: "x" "y"\n', "a: [1, 2]\n", "a: {b: 1}\n", "a: |\n  text\n", "a: >\n  text\n",
    "a:b\n", "a : b\n", "- a\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "a: 1\na: 2\n", "a:   \nb:\n",
    "title: 5\nquality: high\n", "related:\n  - 5\n", "provider:\n  name: 5\n", "a: -1\nb: +1\nc: 0\nd: 1.5\n",
    "related:\n  - title: a\n  - title: b\n    title: c\n", "x_y.z-w: 1\n_a: 2\n", "a: 'it''s'\n",
]


@pytest.mark.parametrize("front", FRONTS)
def test_a_tricky_front_is_read_as_the_full_parse_reads_it_or_left_to_it(front):
    agrees(f"---\n{front}---\nbody\n".encode())


def test_the_shapes_of_real_articles_are_read_quickly():
    """Else the check parses every article whole again (and this suite would not notice)."""
    assert all(agrees(p.read_bytes()) for p in SEEDS.iterdir())
    assert agrees(b"---\ntopics:\n- AI\nrelated:\n  - title: a\n    images:\n    - url: x\n---\n")


def test_hostile_files_and_fixtures():
    for raw in HOSTILE.values():
        agrees(raw)
    for path in HOSTILE_DIR.iterdir():
        agrees(path.read_bytes())


@pytest.mark.parametrize("corpus", ["azure", "powerapps"])
def test_every_corpus_article_and_version(corpus):
    site = corpus_or_skip(corpus, "site", "_news")
    quick = [agrees(p.read_bytes()) for p in sorted(site.glob("*.md"))]
    assert sum(quick) > 0.9 * len(quick)  # the quick path is the common one
    for path in sorted(corpus_or_skip(corpus, "history", "versions").glob("*.md"))[::3]:
        agrees(path.read_bytes())


def test_the_verdict_is_the_same_with_or_without_the_quick_path(tmp_path, monkeypatch):
    for name, raw in HOSTILE.items():
        (tmp_path / name).write_bytes(raw)
    for path in SEEDS.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    paths = sorted(str(p) for p in tmp_path.iterdir())
    quick = [check.verdict(p) for p in paths]
    monkeypatch.setattr(quickcheck, "all_well", lambda raw: False)
    assert quick == [check.verdict(p) for p in paths]
