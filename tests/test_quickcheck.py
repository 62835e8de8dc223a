"""The check's quick proof: what it reads is the full parse's data, value for value and type
for type, by both implementations (the compiled one and the pure Python one, which agree
with each other exactly), and "all well" is said only of an article the full parse and the
schema find nothing wrong in. No YAML parser looks at the text first, so these tests are
also the proof that the shapes it reads are valid YAML."""
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, corpus_or_skip
from newsdesk.core.document.article import Article
from newsdesk.core.document.schema import problems_of
from newsdesk.core.indexing import quickcheck, scan
from newsdesk.core.problems import ArticleProblem
from test_check import HOSTILE
from test_hostile_files import generated
from test_hostile_yaml import CASES as UNUSUAL_YAML

FIXTURES = ROOT / "tests" / "fixtures" / "hostile"
PROOFS = [quickcheck.data_python] + ([quickcheck.data_compiled] if quickcheck.data_compiled else [])


def typed(value: object) -> str:
    """The value with each part's type in it (True == 1 and 1 == 1.0 in Python, but not
    their reprs; a datetime's names its zone; a dict's keeps the keys' order)."""
    return repr(value)


def full(raw: bytes):
    """(data, problems) of the whole parse, or (None, None) when it refuses the file."""
    try:
        data = Article.from_bytes(raw).data
    except ArticleProblem:
        return None, None
    return data, problems_of(data)


def agrees(raw: bytes, proofs=PROOFS) -> bool:
    """Asserts that the proofs agree with each other and with the full parse; True if they
    read the front themselves."""
    data, problems = full(raw)
    found = [proof(raw) for proof in proofs]
    mine = [typed(f) for f in found]
    assert all(m == mine[0] for m in mine), "the compiled and the Python proof differ"
    if found[0] is not None:
        assert mine[0] == typed(data), "the proof's data is not the full parse's"
        if not problems_of(found[0]):
            assert problems == [], "'all well' of an article the full parse finds wrong"
    return found[0] is not None


def test_the_compiled_proof_comes_with_the_compiled_scanner():
    assert (quickcheck.data_compiled is not None) == scan.COMPILED
    assert quickcheck.data is (quickcheck.data_compiled or quickcheck.data_python)


FRONTS = [  # each is either read exactly as the full parse reads it, or left to it
    "title: a\n  continued plain\n", 'title: "two\n  lines"\n', "title: 'single'\n", "# a comment\ntitle: a\n",
    "title: a # comment\n", "yes: 1\n", "null: 1\n", "quality: 0123\n", "quality: 1_000\n", "quality: ١٢\n",
    "quality: " + "9" * 5000 + "\n", "publishedDateTime: 2023-02-30T00:00:00Z\n",
    "publishedDateTime: 2023-10-17T00:31:00Z\n", "publishedDateTime: 2023-10-17 00:31:00\n",
    "publishedDateTime: 2٠٢٣-10-17T00:31:00Z\n", "publishedDateTime: 2023-10-17T00:31:00z\n",
    "a: 0000-01-01T00:00:00Z\n", "a: 2024-02-29T23:59:59Z\n", "a: 2023-10-17T24:00:00Z\n",
    "a: 2023-10-17T23:59:60Z\n", "a: 1999-12-31T23:59:59Z\n",
    "topics: []\nprovider: {}\n", "topics:\n- AI\n- Azure\n", "topics:\n  - AI\n  -  Azure\n", "topics:\n  - - a\n",
    "topics:\n  -\n  - b\n", "topics:\n  - \n", "related:\n  - title: a\n    provider:\n      name: x\n      name: y\n",
    "related:\n  - title: a\n    images:\n    - url: x\n      width: 3\n  - title: b\n",
    "related:\n  - title: a\n    images:\n      - url: x\n        width: 3\n\n  - title: b\n    quality: 5\n",
    "related:\n  - title: a\n     quality: 5\n", "related:\n  - title: a\n   quality: 5\n",
    "related:\n  - title: a\n  c: 2\n", "a:\n- b:\n  - x\n", "a:\n  - b: 1\n    c:\n    - x\n    d: 2\n",
    "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n", "a:\n  b: 1\n c: 2\n", "a: ~\nb: Null\nc: yes\nd: off\ne: .inf\n",
    "a:\n    b: 1\n  c: 2\n", "a:\n  b: 1\n  b: 2\n", "a:\n- x\n- y\nb: 1\n", "a: 1\n  \n   \nb: 2\n",
    "a: !!str 1\n", "a: &x 1\nb: *x\n", "? a\n: b\n", "a:\tb\n", "a: b\r\nc: d\r\n", "a: x\u2028y\n",
    'a: "x\\ny"\n', 'a: "x" "y"\n', "a: [1, 2]\n", "a: {b: 1}\n", "a: |\n  text\n", "a: >\n  text\n",
    "a:b\n", "a : b\n", "- a\n", "- a: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n", "a: 1\n... # end\n", "a: 1\n...x\n",
    "a: 1\na: 2\n", "a:   \nb:\n", "title: 5\nquality: high\n", "related:\n  - 5\n", "provider:\n  name: 5\n",
    "a: -1\nb: +1\nc: 0\nd: 1.5\ne: -0\nf: +0\ng: 00\n", "a: 0x10\nb: 0o10\nc: 1e3\nd: 1:20\ne: -1:30\n",
    "a: <<\n", "a: =\n", "a: .5\n", "a: -.inf\n", "a: .NaN\n", "a: +\n", "a: -\n", "a: ?\n", "a: :\n",
    "a: 123456789012345678\nb: 1234567890123456789\nc: -12345678901234567\nd: 99999999999999999999\n",
    "a: null\nb: NULL\nc: nULL\nd: Yes\ne: yEs\nf: y\ng: n\nh: On\n", "True: 1\n", "y: 1\nn: 2\n", "NULL: 1\n",
    "a: b:c\nb: -b\nc: :b\nd: ?b\ne: x]\nf: x,y{\ng: --- x\nh: ...\ni: b#c\nj: C#\n", "a: b #c\n", "a: #c\n",
    "a: @x\n", "a: `x\n", "a: %x\n", "a: b:\n", "a: []\nb: [ ]\nc: {}\nd: [] # c\n",
    "related:\n  - --- x\n  - ... y\n", "a:  b  \n", "a: café\nb: \u00a0x\nc: x\u00a0\nd: \u3000\n",
    "café: 1\n", "aé: 1\n", "a: x\u0085y\n", "a: \ufeffx\n", "\ufeffa: 1\n", "\u00a0a: 1\n",
    "x_y.z-w: 1\n_a: 2\n", "a: 'it''s'\n", "a\n", "-\n", " a: 1\n", "a: 1\n b: 2\n",
    'a: "x \\\\^ y"\n', 'a: "a\\/b"\n', 'a: "\\ud83d\\ude00"\n', 'a: "\\\\ud800"\n', 'a: "\\u00e9\\t\\"x\\""\n',
    'a: "a\\"b"\n', 'a: "a" \n', 'a: ""\n', 'a: "\\"\n', 'a: "a\\\n', 'a: "\\x41"\n', 'a: "\\0"\n', 'a: "\\e"\n',
    'a: "\\N"\n', 'a: "\\ "\n', 'a: "\\U0001F600"\n', 'a: "\\u00"\n', 'a: "\\u0000"\n', 'a: "a" # c\n',
    'a: "#"\nb: ": "\nc: "\'"\n', 'a: "\\\\"\n', 'a: "x\\\\"y"\n', 'a: "\\\\\\""\n',
    "k" * 128 + ": 1\n", "k" * 129 + ": 1\n", "k" * 1025 + ": 1\n", "a:\n  " + "k" * 1030 + ": 1\n",
    "".join(" " * d + f"k{d}:\n" for d in range(32)) + " " * 32 + "v: 1\n",
    "".join(" " * d + f"k{d}:\n" for d in range(40)) + " " * 40 + "v: 1\n",
    "".join(" " * d + "- k:\n" for d in range(0, 80, 2)),
]


@pytest.mark.parametrize("front", FRONTS)
def test_a_tricky_front_is_read_as_the_full_parse_reads_it_or_left_to_it(front):
    agrees(f"---\n{front}---\nbody\n".encode())


def test_the_shapes_of_real_articles_are_read_quickly():
    """Else the check parses every article whole again (and this suite would not notice)."""
    assert all(agrees(p.read_bytes()) for p in SEEDS.iterdir())
    assert agrees(b"---\ntopics:\n- AI\nrelated:\n  - title: a\n    images:\n    - url: x\n---\n")
    assert agrees(b'---\nexcerpt: "The Dow (DJINDICES:\\\\^DJI) \\"surged\\" \\u2014 3.4%"\n---\n')


def test_hostile_files_and_fixtures():
    for raw in [*HOSTILE.values(), *generated().values(), *UNUSUAL_YAML.values()]:
        agrees(raw)
    for path in FIXTURES.iterdir():
        agrees(path.read_bytes())


@pytest.mark.parametrize("corpus", ["azure", "powerapps"])
def test_every_corpus_article_and_version(corpus):
    site = sorted(corpus_or_skip(corpus, "site", "_news").glob("*.md"))
    history = sorted(corpus_or_skip(corpus, "history", "versions").glob("*.md"))
    quick = [agrees(p.read_bytes()) for p in site + history]
    assert sum(quick) > 0.9 * len(quick)  # the quick path is the common one


def test_the_differential_test_catches_a_proof_that_says_too_much(monkeypatch):
    """These tests can fail: the Python proof, deliberately broken, is caught by them."""
    monkeypatch.setattr(quickcheck, "NOT_STR_KEYS", frozenset())  # "yes:" taken for a text key
    with pytest.raises(AssertionError, match="not the full parse's"):
        agrees(b"---\nyes: 1\n---\n", [quickcheck.data_python])
    monkeypatch.undo()
    monkeypatch.setattr(quickcheck, "MAX_KEY", 5000)  # YAML refuses an implicit key of 1,025
    with pytest.raises(AssertionError, match="not the full parse's"):
        agrees(b"---\n" + b"k" * 1100 + b": 1\n---\n", [quickcheck.data_python])


# -- hostile input for the C: no crash, no hang, no read outside the bytes ----------------
# (built with -fsanitize=address,undefined, these also show that no byte outside is read)
def _ladder(depth: int) -> bytes:
    return b"---\n" + b"".join(b" " * d + b"k:\n" for d in range(depth)) + b"---\n"


HUGE = {
    "10 MB line": b"---\ntitle: " + b"x" * 10_000_000 + b"\n---\n",
    "2 MB quoted": b'---\ntitle: "' + b"\\\\" * 1_000_000 + b'"\n---\n',
    "10 MB indent": b"---\na:\n" + b" " * 10_000_000 + b"b: 1\n---\n",
    "deep ladder": _ladder(5000),
    "many lines": b"---\na:\n" + b"- x\n" * 100_001 + b"---\n",
    "lines at the limit": b"---\na:\n" + b"- x\n" * 99_999 + b"---\n",
    "blank lines": b"---\na: 1\n" + b"\n" * 1_000_000 + b"b: 2\n---\n",
}


@pytest.mark.parametrize("case", list(HUGE))
def test_huge_and_deep_fronts(case):
    agrees(HUGE[case])


def test_truncated_and_broken_bytes():
    seed = sorted(SEEDS.iterdir())[0].read_bytes()
    for end in range(0, len(seed), 7):  # cut anywhere, inside a UTF-8 character or not
        agrees(seed[:end])
    for bad in (b"\x00", b"\r", b"\xff", b"\xe2\x80", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x85",
                b"\xc2\x85", b"\xef\xbb\xbf", b"\xe2\x80\xa8", b"\t", b"\x7f", b"\xc2\x9f", b"\xef\xbf\xbe"):
        for at in (4, 10, len(seed) // 2, seed.index(b"\n---", 4) + 1):
            agrees(seed[:at] + bad + seed[at:])
    for raw in (b"", b"-", b"---", b"---\n", b"---\n---", b"\xef\xbb\xbf---\na: 1\n---\n", b"---\na: 1\n---",
                b"---\na: 1\n--- \t\r\n", b"--- \na: 1\n---\n", b"---\r\na: 1\r\n---\r\n", b"---\na: 1\n----\n"):
        agrees(raw)


# -- generated fronts ---------------------------------------------------------------------
NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,6}", fullmatch=True)
ODD_KEYS = st.sampled_from(["yes", "No", "null", "~", "y", "k" * 130, "a b", "a:b", "-a", "1a", "é", "aé", "#a", "&a",
                            "?", ""])
KEYS = st.tuples(st.integers(0, 11), NAMES, ODD_KEYS).map(lambda c: c[2] if c[0] == 0 else c[1])  # 1 in 12 odd
TEXT = st.from_regex(r"[a-zA-Z0-9é€😀][abXZ09 .,\-_/'é€😀\u00a0]{0,9}", fullmatch=True)
WORDS = st.text("abXZ09 .,-_/'\"\\é€😀\u00a0:#?[]{}", min_size=1, max_size=10)
ANY = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), max_size=12)
ODD_SCALARS = st.one_of(
    WORDS, WORDS.map(lambda w: '"' + w + '"'), ANY, ANY.map(lambda w: '"' + w + '"'),
    st.sampled_from(["yes", "No", "ON", "off", "true", "null", "~", "-1", "0", "007", "1_000", "0x1f", "1.5", ".inf",
                     "2023-10-17T00:31:00Z", "2023-02-30T00:31:00Z", "2023-10-17", "-", "- a", "a: b", "a #b", "#x",
                     "&a", "*a", "'q'", "[a]", "{a: 1}", "[]", "{}", "|", ">", "?", ":x", "<<", "=", '"a\\"b"',
                     '"\\u00e9\\n"', '"\\x41"', '"a\\\\"', '"\\/"', '"\\\\^"', "9" * 25, "+12", "C#", "a:",
                     "1:20", "", " ", "  x", "x  "]),
    st.integers(-10**20, 10**20).map(str),
)
# 9 in 10 plain or double-quoted text of harmless characters, else anything
SCALARS = st.tuples(st.integers(0, 9), TEXT, ODD_SCALARS).map(
    lambda c: c[1] if c[0] < 5 else f'"{c[1]}"' if c[0] < 9 else c[2])
LINES = st.tuples(st.sampled_from([0, 0, 0, 1, 2, 2, 2, 3, 4, 4, 6]), st.sampled_from(["", "", "- "]), KEYS,
                  st.sampled_from([": ", ":", ": ", ":  ", " : ", ": ", ""]), SCALARS)


def _front(lines) -> bytes:
    text = "".join(" " * indent + dash + key + sep + value + "\n" for indent, dash, key, sep, value in lines)
    return b"---\n" + text.encode("utf-8", "surrogatepass") + b"---\nbody\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINES, min_size=1, max_size=10))
def test_generated_lines(lines):
    """Lines of every shape, at indents that nest or do not, with keys and scalars that
    YAML reads in all its ways: what the proofs read is what the full parse reads."""
    agrees(_front(lines))


# Trees of mappings, lists and scalars, written as block YAML with indents of 1, 2 or 4,
# lists indented or not; then perhaps one line moved or put in.
TREES = st.recursive(SCALARS, lambda kids: st.one_of(st.tuples(st.just("seq"), st.lists(kids, max_size=4)),
                                                     st.tuples(st.just("map"), st.lists(st.tuples(KEYS, kids),
                                                                                        max_size=4))),
                     max_leaves=14)


def _pairs(pairs, col, step, lstep, out, lead=None):
    for n, (key, value) in enumerate(pairs):
        start = lead if lead is not None and n == 0 else " " * col
        if isinstance(value, str):
            out.append(f"{start}{key}: {value}")
        elif not value[1]:
            out.append(f"{start}{key}: {'{}' if value[0] == 'map' else '[]'}")
        else:
            out.append(f"{start}{key}:")
            if value[0] == "map":
                _pairs(value[1], col + step, step, lstep, out)
            else:
                _items(value[1], col + lstep, step, lstep, out)


def _items(items, col, step, lstep, out):
    for item in items:
        if isinstance(item, str):
            out.append(f"{' ' * col}- {item}")
        elif not item[1]:
            out.append(f"{' ' * col}- {'{}' if item[0] == 'map' else '[]'}")
        elif item[0] == "map":
            _pairs(item[1], col + 2, step, lstep, out, lead=" " * col + "- ")
        else:  # a list in a list, under a key ("- - x" is left to the full parse)
            _pairs([("items", item)], col + 2, step, lstep, out, lead=" " * col + "- ")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(KEYS, TREES), min_size=1, max_size=6), st.sampled_from([1, 2, 2, 4]),
       st.sampled_from([0, 2]), st.one_of(st.none(), st.tuples(st.floats(0, 1), st.integers(-2, 2), LINES)))
def test_generated_trees(pairs, step, lstep, change):
    """Block YAML as a writer makes it, nested every way, with keys and scalars that YAML
    reads in all its ways, one line perhaps moved or put in: what the proofs read is what
    the full parse reads."""
    lines = []
    _pairs(pairs, 0, step, lstep, lines)
    if change is not None:
        where, shift, (indent, dash, key, sep, scalar) = change
        at = int(where * (len(lines) - 1))
        if shift:
            lines[at] = " " * max(0, shift) + lines[at][max(0, -shift):]
        else:
            lines.insert(at, " " * indent + dash + key + sep + scalar)
    text = "".join(line + "\n" for line in lines)
    agrees(b"---\n" + text.encode("utf-8", "surrogatepass") + b"---\n")


def _sources() -> list[bytes]:
    from conftest import CORPUS
    corpus = sorted((CORPUS / "azure" / "site" / "_news").glob("*.md"))[:20] if CORPUS.exists() else []
    return [p.read_bytes() for p in sorted(SEEDS.glob("*.txt")) + corpus]


SOURCES = _sources()
MANGLERS = st.sampled_from(list(b"\n\r\t \"'\\-:#&*[]{}|>!%@`~,.?0aZ_") + [0, 0x7f, 0x85, 0xa0, 0xc2, 0xe2, 0xff])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(SOURCES))), st.lists(st.tuples(st.floats(0, 1), MANGLERS, st.booleans()),
                                                        min_size=1, max_size=6))
def test_mangled_articles(which, edits):
    """Real articles with bytes put in or overwritten anywhere (quotes, breaks, dashes,
    indents, NUL, broken UTF-8...)."""
    raw = bytearray(SOURCES[which])
    for where, byte, insert in edits:
        at = int(where * len(raw))
        if insert or at >= len(raw):
            raw[at:at] = bytes([byte])
        else:
            raw[at] = byte
    agrees(bytes(raw))


# -- which proof runs ---------------------------------------------------------------------
WHICH = ("from newsdesk.core.indexing import quickcheck as q; "
         "print('compiled' if q.data is q.data_compiled and q.data_compiled else 'python')")
OLD_BUILD = ("import sys, types; old = types.ModuleType('newsdesk.core.indexing._scan'); "
             "old.configure = lambda *a: None; old.scan = lambda raw, wanted: None; "
             "sys.modules['newsdesk.core.indexing._scan'] = old; ")


def _which(code: str, **env) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("NEWSDESK_PURE_SCAN", "NEWSDESK_REQUIRE_COMPILED_SCAN")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**environ, **env})


def test_the_python_proof_when_the_scanner_is_turned_off_or_built_before_the_proof():
    assert _which(WHICH, NEWSDESK_PURE_SCAN="1").stdout.strip() == "python"
    assert _which(OLD_BUILD + WHICH).stdout.strip() == "python"
    if scan.COMPILED:
        assert _which(WHICH).stdout.strip() == "compiled"


def test_a_build_check_refuses_a_scanner_built_before_the_proof():
    done = _which(OLD_BUILD + WHICH, NEWSDESK_REQUIRE_COMPILED_SCAN="1")
    assert done.returncode != 0 and "built before the check's proof" in done.stderr


def test_a_surprise_in_the_quick_proof_leaves_the_verdict_to_the_full_parse(tmp_path, monkeypatch):
    from newsdesk.core.indexing import check

    def broken(raw):
        raise RuntimeError("a bug")
    path = tmp_path / "a.md"
    path.write_bytes(b"---\ntitle: 5\n---\n")
    monkeypatch.setattr(quickcheck, "data", broken)
    assert check.verdict(str(path)) == ["fields", ["title must be text, not 5"], [2]]
