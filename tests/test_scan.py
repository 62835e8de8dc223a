"""The structure pass of the index has two implementations, Python and compiled C
(indexing/scan.py, indexing/_scan.c): the same values as a full YAML parse on every
corpus article with both, the same rows on mangled articles, and the Python one used
whenever the compiled one is absent or turned off."""
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CORPUS, ROOT, SEEDS, corpus_or_skip
from newsdesk.core import Article
from newsdesk.core.indexing import scan
from newsdesk.core.indexing.index import WANTED, index_bytes, row_from_article
from newsdesk.core.problems import ArticleProblem

FIXTURES = ROOT / "tests" / "fixtures" / "hostile"
SCANNERS = [("python", scan.scan_python)] + ([("compiled", scan.scan_compiled)] if scan.COMPILED else [])


def test_which_scanner_is_active(monkeypatch):
    """The compiled scanner is used whenever it was built; the build (.ci/run, the
    release workflow) sets NEWSDESK_REQUIRE_COMPILED_SCAN so that a failed build of it
    fails here instead of going unnoticed."""
    print(f"structure pass: {'compiled (_scan)' if scan.COMPILED else 'pure Python'}")
    if os.environ.get("NEWSDESK_REQUIRE_COMPILED_SCAN"):
        assert scan.COMPILED, "the compiled scanner did not build (see the pip install log)"
    if scan.COMPILED:
        assert scan.scan is scan.scan_compiled
    else:
        assert scan.scan is scan.scan_python


def _in_fresh_python(code: str, **env: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "desktop"), **env})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


READ_A_SEED = ("from pathlib import Path; from newsdesk.core.indexing import scan; "
               "from newsdesk.core.indexing.index import index_bytes; "
               f"p = sorted(Path({str(SEEDS)!r}).glob('*.txt'))[0]; "
               "print(scan.scan is scan.scan_python, index_bytes(p.read_bytes(), 'a.md').title is not None)")


def test_pure_python_scanner_when_turned_off():
    assert _in_fresh_python(READ_A_SEED, NEWSDESK_PURE_SCAN="1") == "True True"


HIDE = "import sys; sys.modules['newsdesk.core.indexing._scan'] = None; "  # an import of it fails


def test_pure_python_scanner_when_the_compiled_one_is_absent():
    assert _in_fresh_python(HIDE + READ_A_SEED, NEWSDESK_PURE_SCAN="", NEWSDESK_REQUIRE_COMPILED_SCAN="") \
        == "True True"


def test_a_build_check_that_requires_the_compiled_scanner_fails_without_it():
    out = subprocess.run([sys.executable, "-c", HIDE + READ_A_SEED], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "desktop"), "NEWSDESK_PURE_SCAN": "",
                              "NEWSDESK_REQUIRE_COMPILED_SCAN": "1"})
    assert out.returncode != 0 and "_scan" in out.stderr.splitlines()[-1]


def test_corpus_values_equal_a_full_parse_with_both_scanners(monkeypatch):
    """Every corpus article, current and historical: each scanner's row equals the row of
    the full parse, and the two scanners return the same thing."""
    files = sorted(corpus_or_skip().rglob("*.md"))
    assert len(files) > 7000
    for path in files:
        raw = path.read_bytes()
        try:
            full = row_from_article(Article.from_bytes(raw, path), path.name)
        except ArticleProblem:
            full = None
        outputs = []
        for name, fn in SCANNERS:
            outputs.append(fn(raw, WANTED))
            monkeypatch.setattr(scan, "scan", fn)
            if full is not None:
                assert index_bytes(raw, path.name) == full, (name, path)
        assert all(o == outputs[0] for o in outputs), path


MANGLERS = st.sampled_from(list(b"\n\r\t \"'\\-:#&*[]{}|>!%@`~,.?0aZ_") + [0, 0x7f, 0x85, 0xa0, 0xc2, 0xe2, 0xff])


def _sources() -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    hostile = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]
    corpus = sorted((CORPUS / "azure" / "site" / "_news").glob("*.md"))[:40] if CORPUS.exists() else []
    return seeds + hostile + [p.read_bytes() for p in corpus]


SOURCES = _sources()


def _outcome(raw: bytes):
    try:
        return index_bytes(raw, "a.md")
    except ArticleProblem as p:
        return ("problem", p.message)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SOURCES))), st.lists(st.tuples(st.floats(0, 1), MANGLERS, st.booleans()),
                                                        min_size=1, max_size=6))
def test_scanners_agree_on_mangled_articles(which, edits):
    """Bytes put in or overwritten anywhere (quotes, breaks, dashes, NUL, C1, broken
    UTF-8...): both scanners give the same row or the same problem, and a row that the
    full parse can read equals its row. (Built with -fsanitize=address, this also
    checks that the C reads no byte outside the article.)"""
    raw = bytearray(SOURCES[which])
    for where, byte, insert in edits:
        at = int(where * len(raw))
        if insert or at >= len(raw):
            raw[at:at] = bytes([byte])
        else:
            raw[at] = byte
    raw = bytes(raw)
    results = []
    for _, fn in SCANNERS:
        old, scan.scan = scan.scan, fn
        try:
            results.append(_outcome(raw))
        finally:
            scan.scan = old
    assert all(r == results[0] for r in results)
    try:
        full = row_from_article(Article.from_bytes(raw), "a.md")
    except ArticleProblem:
        return
    assert results[0] == full


@pytest.mark.parametrize("text", [
    "---\ntitle: a\rb\n---\n",                      # a CR not before an LF
    "---\ntitlé: a\ntitle: b\n---\n",               # a key with a non-ASCII letter
    "---\ntitle: a\n...\n---\n",                    # a document end before the closing line
    "---\n\u00a0title: a\n---\n",                   # a front starting with a Unicode space
    "---\ntitle: a\n\u00a0x: 1\n---\n",             # a line starting with one
    "---\ntopics:\n  - 5G\n  - 007\n  - 1_000\n---\n",  # plain scalars a resolver may take for numbers
    "---\nquality: 99999999999999999999\n---\n",    # past a C long long
    "---\npublishedDateTime: 2023-02-30T00:00:00Z\n---\n",
    '---\ntitle: "a\\\\"\nexcerpt: "\\u00e9\\t\\"x\\""\n---\n',
    "---\nrelated:\n  - title: a\n    \u00fcber: 1\n  - title: b\n---\n",
])
def test_shapes_the_compiled_scanner_hands_back(text):
    """Where the C is stricter than the Python it hands the file or the entry back, and the
    rows stay those of the Python scanner and of the full parse."""
    raw = text.encode()
    results = []
    for _, fn in SCANNERS:
        old, scan.scan = scan.scan, fn
        try:
            results.append(_outcome(raw))
        except ValueError as e:  # what index_bytes' callers see as the full parse's problem
            results.append(("error", type(e).__name__))
        finally:
            scan.scan = old
    assert all(r == results[0] for r in results)


WORDS = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n\r"), max_size=30)
VALUES = st.one_of(
    WORDS, WORDS.map(lambda w: '"' + w + '"'),
    st.sampled_from(["yes", "No", "ON", "off", "true", "False", "null", "~", "-1", "0", "007", "1_000", "0x1f",
                     "1.5", ".inf", "2023-10-17T00:31:00Z", "2023-10-17", "2023-13-17T00:31:00Z", "-", "- a",
                     "a: b", "a #b", "#x", "&a", "*a", "'q'", "[a]", "{a: 1}", "|", ">", "?", ":x", "<<", "=",
                     '"a\\"b"', '"\\u00e9\\n"', '"\\x41"', '"a\\\\"', '"\\/"', "9" * 25, "+12", "C#", "a:"]),
    st.integers(-10**20, 10**20).map(str),
)


@settings(max_examples=300, deadline=None)
@given(VALUES, st.lists(VALUES, max_size=4), st.lists(st.tuples(st.sampled_from(["name", "domain", "x"]), VALUES),
                                                       max_size=3), st.sampled_from(["\n", "\r\n"]))
def test_scanners_read_the_same_values(title, topics, provider, newline):
    """A scalar, a list and a mapping of any of these: the compiled scanner reads what the
    Python one reads, value for value and type for type, and is unsure where it is."""
    if not scan.COMPILED:
        pytest.skip("the compiled scanner (_scan) is not built here")
    lines = [f"title: {title}", "topics:"] + [f"  - {t}" for t in topics] + ["provider:"]
    lines += [f"  {k}: {v}" for k, v in provider]
    raw = ("---" + newline + newline.join(lines) + newline + "---" + newline).encode()
    results = []
    for fn in (scan.scan_python, scan.scan_compiled):
        try:
            results.append(fn(raw, WANTED))
        except ValueError as e:  # a date or number the quick reader cannot make: index_bytes' fallback
            results.append(type(e))
    python, compiled = results
    assert compiled == python
    if isinstance(python, tuple):  # and of the same types (True == 1, 1 == 1.0)
        assert [type(v) for v in compiled[0].values()] == [type(v) for v in python[0].values()]
        for key in ("topics", "provider"):
            if isinstance(python[0].get(key), (list, dict)):
                items = python[0][key].values() if key == "provider" else python[0][key]
                other = compiled[0][key].values() if key == "provider" else compiled[0][key]
                assert [type(v) for v in other] == [type(v) for v in items]
