"""`newsdesk patch` without PyYAML: the check's quick proof reads the patch and the entries
it touches, a one-line scalar is rewritten without libyaml's node tree, and the bytes and
the messages are those of the PyYAML path for every input; whatever the proof is unsure
of goes to PyYAML. The "PyYAML path" below is the quick pieces turned off (``yaml_path``):
the code as it was before them."""
import datetime as dt
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEEDS, corpus_or_skip
from newsdesk.cli import _PatchArgs, cmd_patch
from newsdesk.core.document import emit, entries, yamlparse
from newsdesk.core.document.article import Article
from newsdesk.core.document.draft import Draft
from newsdesk.core.document.edits import Patch
from newsdesk.core.document.rewrite import Rewriter
from newsdesk.core.indexing import quickcheck
from newsdesk.core.problems import ArticleProblem

COMPILED = quickcheck.data_compiled is not None
needs_compiled = pytest.mark.skipif(not COMPILED, reason="the compiled module (_scan) is not built here")


def yaml_path(monkeypatch) -> None:
    """Every quick piece off: the patch, the entries and the written text go to PyYAML."""
    monkeypatch.setattr(yamlparse, "proven", lambda text: None)
    monkeypatch.setattr(quickcheck, "data_compiled", None)
    monkeypatch.setattr(entries, "_scalar_replaced", lambda *args: None)


class Counted:
    """How often the quick rewrite of a one-line scalar wrote the text (not None)."""

    def __init__(self, monkeypatch):
        self.hits = 0
        real = entries._scalar_replaced

        def counted(*args):
            text = real(*args)
            self.hits += text is not None
            return text
        monkeypatch.setattr(entries, "_scalar_replaced", counted)


def patched(raw: bytes, patch: dict):
    """What `newsdesk patch` makes of one article (opened lazily, as it does): the bytes it
    would write, None when it changes nothing, or the problem's message."""
    try:
        draft = Draft(Article.lazy(raw, "a.md"))
        draft.apply(Patch(patch))
        return draft.render() if draft.dirty else None
    except ArticleProblem as p:
        return f"refused: {p}"


# -- whole processes ------------------------------------------------------------------------
def _process(article, patch, **env):
    """The modules a `newsdesk patch` process imported, and its result."""
    environ = {k: v for k, v in os.environ.items() if k not in ("NEWSDESK_PURE_SCAN", "PYTHONDONTWRITEBYTECODE")}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "newsdesk", "patch", str(article),
                           "--patch", str(patch)], capture_output=True, text=True, timeout=120,
                          env={**environ, "PYTHONPATH": str(ROOT / "desktop"), **env})
    modules = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    return modules, done


def _biggest_article() -> bytes:
    try:
        folder = corpus_or_skip("azure", "site", "_news")
    except pytest.skip.Exception:
        return (SEEDS / "000_6e2a0c9c78a5bcbb.txt").read_bytes()
    return max((p.read_bytes() for p in folder.glob("*.md")), key=len)


@needs_compiled
def test_a_patch_that_flips_published_imports_neither_yaml_nor_ctypes(tmp_path, monkeypatch):
    raw = _biggest_article()
    flipped = b"\npublished: true\n" not in raw
    article, patch = tmp_path / "a.md", tmp_path / "p.yaml"
    article.write_bytes(raw)
    patch.write_text(f"published: {str(flipped).lower()}\n")
    modules, done = _process(article, patch)
    assert done.returncode == 0 and done.stdout == f"{article}: changed\n", done.stderr[-2000:]
    assert not {m for m in modules if m == "yaml" or m.startswith("yaml.")}, "PyYAML was imported"
    assert "ctypes" not in modules and "newsdesk.core.document.rewrite" not in modules
    yaml_path(monkeypatch)
    assert article.read_bytes() == patched(raw, {"published": flipped})


def test_the_pure_python_scanner_patches_the_same_bytes(tmp_path):
    raw = _biggest_article()
    article, patch = tmp_path / "a.md", tmp_path / "p.yaml"
    patch.write_text("published: true\nquality: 71\n")
    outs = []
    for pure in ("", "1"):
        article.write_bytes(raw)
        _, done = _process(article, patch, NEWSDESK_PURE_SCAN=pure)
        assert done.returncode == 0, done.stderr[-2000:]
        outs.append(article.read_bytes())
    assert outs[0] == outs[1] != raw


UNSURE = {  # an article or patch the quick proof does not read: PyYAML reads it, as before
    "a comment in the patch": (b"---\ntitle: a\npublished: false\n---\n", b"# the pipeline's\npublished: true\n"),
    "a flow list in the patch": (b"---\ntitle: a\ntopics:\n  - x\n---\n", b"topics: [x, y]\n"),
    "a single-quoted title": (b"---\ntitle: 'it''s'\npublished: false\n---\n", b"title: its\n"),
    "a folded excerpt": (b"---\nexcerpt: >\n  two\n  lines\npublished: false\n---\n", b"excerpt: one\n"),
    "a comment after the value": (b"---\ntitle: a # b\npublished: false\n---\n", b"title: c\n"),
    "a number becoming text": (b"---\ntitle: a\ntype: 5\n---\n", b"type: news\n"),
}


@pytest.mark.parametrize("name", sorted(UNSURE))
def test_what_the_proof_is_unsure_of_goes_to_pyyaml_with_the_same_bytes(name, tmp_path, monkeypatch):
    raw, patch_text = UNSURE[name]
    article, patch = tmp_path / "a.md", tmp_path / "p.yaml"
    article.write_bytes(raw)
    patch.write_bytes(patch_text)
    modules, done = _process(article, patch)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "yaml" in modules
    yaml_path(monkeypatch)
    assert article.read_bytes() == patched(raw, yamlparse.load_value(patch_text.decode()))


def test_a_surprise_in_the_quick_proof_leaves_the_patch_to_pyyaml(tmp_path, capsys, monkeypatch):
    raw = (SEEDS / "000_6e2a0c9c78a5bcbb.txt").read_bytes()
    want = patched(raw, {"published": True, "quality": 9})

    def broken(raw):
        raise RuntimeError("a bug")
    monkeypatch.setattr(quickcheck, "data", broken)
    if COMPILED:
        monkeypatch.setattr(quickcheck, "data_compiled", broken)
    article, patch = tmp_path / "a.md", tmp_path / "p.yaml"
    article.write_bytes(raw)
    patch.write_text("published: true\nquality: 9\n")
    assert cmd_patch(_PatchArgs([str(article)], str(patch))) == 0
    assert article.read_bytes() == want != raw


# -- the command's messages -----------------------------------------------------------------
BAD_PATCHES = [b"published: [true\n", b"quality: 5\nquality: 7\n", b"a: &x 1\nb: *x\n", b"\tpublished: true\n",
               b"published: true\n\tquality: 5\n", b"\xff\xfepublished: true\n", b"published: \xe9\n",
               b"published: true\n---\nquality: 5\n", b"- published\n", b"", b"true\n", b"published: maybe\n",
               b"quality: 1000\n", b"quality: high\n", b"publised: true\n", b"secured: abc\n", b"title: a: b\n",
               b"published: true\n...\n", b"\xef\xbb\xbfpublished: true\n",
               b"publishedDateTime: 2023-02-30T00:00:00Z\n",
               b"title: \"\\ud800\"\n", b"title: \"a\\x\"\n", b"published: ~\n", b"published: null\ntitle: x\n",
               b"provider:\n  name: X\n", b"published: !!str true\n", b"published: yes\n", b"quality: 0x10\n",
               b"provider:\n\tname: X\n"]


@pytest.mark.parametrize("patch_text", BAD_PATCHES, ids=[repr(p)[2:30] for p in BAD_PATCHES])
def test_every_patch_gets_the_answer_the_pyyaml_path_gives(patch_text, tmp_path, capsys, monkeypatch):
    raw = (SEEDS / "000_6e2a0c9c78a5bcbb.txt").read_bytes()
    results = []
    for quick in (True, False):
        if not quick:
            yaml_path(monkeypatch)
        article, patch = tmp_path / "a.md", tmp_path / "p.yaml"
        article.write_bytes(raw)
        patch.write_bytes(patch_text)
        code = cmd_patch(_PatchArgs([str(article)], str(patch)))
        out = capsys.readouterr()
        results.append((code, out.out, out.err, article.read_bytes()))
    assert results[0] == results[1]


def test_a_bad_patch_is_refused_in_its_own_words(tmp_path, capsys):
    article, patch = tmp_path / "a.md", tmp_path / "p.yaml"
    article.write_bytes(b"---\ntitle: a\n---\n")
    for text, said in [(b"provider:\n\tname: X\n", "p.yaml:2: invalid YAML: a tab is used for indentation (YAML allows "
                        "only spaces)"), (b"quality: 5\nquality: 7\n", "p.yaml:2: duplicate key 'quality'"),
                       (b"a: &x 1\nb: *x\n", "p.yaml:1: YAML anchors are not supported in articles ('x')"),
                       (b"published: \xe9\n", "p.yaml: the patch is not UTF-8 text")]:
        patch.write_bytes(text)
        assert cmd_patch(_PatchArgs([str(article)], str(patch))) == 2
        assert said in capsys.readouterr().err, text
    assert article.read_bytes() == b"---\ntitle: a\n---\n"


# -- every corpus article, many patches -----------------------------------------------------
PATCHES = [{"published": True}, {"published": False}, {"quality": 7}, {"quality": 0, "heat": 2},
           {"title": 'A "new" title: with a colon'}, {"title": "plain words"}, {"title": "true"},
           {"category": "news and views"}, {"category": "yes"}, {"category": "1.5"}, {"type": "a #tag"},
           {"webUrl": "https://example.com/a?b=1#c"}, {"excerpt": "two\nlines \u2028 and \\ back"},
           {"publishedDateTime": dt.datetime(2024, 2, 29, 23, 59, 1, tzinfo=dt.timezone.utc)},
           {"heat": "warm"}, {"title": 12}, {"heat": 1.5}, {"published": None}, {"topics": ["A", "B"]},
           {"provider": {"name": "New name"}}, {"quality": 7, "title": "x", "published": True}]


PROOFS = ["python", pytest.param("compiled", marks=needs_compiled)]


@pytest.mark.parametrize("proof", PROOFS)
@pytest.mark.parametrize("site", ["azure", "powerapps"])
def test_every_corpus_article_patched_gives_the_pyyaml_paths_bytes(site, proof, monkeypatch):
    folder = corpus_or_skip(site, "site", "_news")
    raws = [p.read_bytes() for p in sorted(folder.glob("*.md"))]
    if proof == "python":  # as with NEWSDESK_PURE_SCAN=1: the Python twin, and libyaml's syntax pass
        raws = raws[::4]  # (a sample: the twin is the compiled proof's, shape for shape: test_quickcheck)
        monkeypatch.setattr(quickcheck, "data", quickcheck.data_python)
        monkeypatch.setattr(quickcheck, "data_compiled", None)
    counted = Counted(monkeypatch)
    quick = [[patched(raw, patch) for patch in PATCHES] for raw in raws]
    assert counted.hits > len(raws) * 5  # the quick rewrite wrote most of the one-line scalars
    yaml_path(monkeypatch)
    for raw, mine in zip(raws, quick, strict=True):
        for patch, got in zip(PATCHES, mine, strict=True):
            assert got == patched(raw, patch), (raw[:200], patch)


def test_the_fixtures_patched_give_the_pyyaml_paths_bytes(monkeypatch):
    raws = [p.read_bytes() for p in sorted((ROOT / "tests" / "fixtures" / "hostile").glob("*.md"))]
    raws += [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    quick = [[patched(raw, patch) for patch in PATCHES] for raw in raws]
    yaml_path(monkeypatch)
    assert quick == [[patched(raw, patch) for patch in PATCHES] for raw in raws]


# -- the pieces, against PyYAML's --------------------------------------------------------------
TRICKY = ["true", "false", "yes", "No", "on", "OFF", "null", "Null", "~", "1", "01", "-1", "+1", "0x1F", "0o7", "1.5",
          "1e3", ".inf", "-.inf", ".nan", "1_000", "1:30", "2023-10-17", "2023-10-17T00:31:00Z", "2023-02-30T00:31:00Z",
          "2023-10-17 00:31:00", "2٠٢٣-10-17T00:31:00Z", "<<", "=", "a: b", "a #b", "a#b", "#x", "&a", "*a", "!x", "%x",
          "@x", "`x", "- x", "-x", "? x", "?x", ":x", "x:", "[]", "{}", "[a]", "{a: 1}", "'q'", "'it''s'", '"q"',
          '"a\\"b"', '"\\u2028"', '"\\ud800"', '"\\x41"', '"\\/"', '"é"', "é", "ça va", "9to5Mac", "a  b", "news",
          "article", "AI", "x\u00a0", "\u00a0x", "a,b", "a]", "a}", "---", "...", "--- x", "|", ">", "| x", "a\\b",
          "\u0085x", "x\u2029", "\ufeffx", "\x7f", "\x1b[2J"]
ODD_CHARS = st.sampled_from(list("ab1 :#-'\"\\.,[]{}&*!|>\u00e9\t"))
SCALAR_TEXT = st.one_of(st.sampled_from(TRICKY), st.text(alphabet=ODD_CHARS, min_size=1, max_size=8))
NEW_VALUE = st.one_of(st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False),
                      st.sampled_from(TRICKY), st.text(max_size=12),
                      st.datetimes(timezones=st.just(dt.timezone.utc)), st.dates())


def _needs_the_file(*args):
    raise entries._WholeTextNeeded


def _rewritten(chunk: str, key: str, new: object):
    """What the Rewriter writes of the entry (or why it does not), from libyaml's node tree."""
    try:
        node, parsed = yamlparse.parse(chunk, 1)
    except ArticleProblem:
        return "unread", None
    try:
        return Rewriter(chunk, node, _needs_the_file, "\n").render(parsed, {key: new}), parsed[key]
    except entries._WholeTextNeeded:
        return "needs the file's style", parsed[key]
    except ValueError:
        return "cannot write", parsed[key]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCALAR_TEXT, st.sampled_from([" ", "  "]), st.sampled_from(["", " ", "  "]), NEW_VALUE)
def test_a_one_line_scalar_is_rewritten_as_the_rewriter_does(text, gap, trailing, new):
    chunk = f"title:{gap}{text}{trailing}\n"
    wanted, old = _rewritten(chunk, "title", new)
    if old is None and wanted == "unread" or type(old) is type(new) and old == new:
        return  # (an edit never gets here with a value it leaves as it is, or an entry that does not parse)
    try:
        got = entries._scalar_replaced(chunk, "title", old, new)
    except ValueError:
        assert wanted == "cannot write"
        return
    assert got is None or got == wanted, (chunk, new, got, wanted)


def test_the_common_scalars_are_rewritten_without_the_node_tree():
    for chunk, old, new in [("published: false\n", False, True), ("quality: 43\n", 43, 7), ("heat: -1\n", -1, 0),
                            ('title: "a"\n', "a", 'b "c"'), ("category: news\n", "news", "views"),
                            ("type: article\n", "article", "true"), ('webUrl: "https://a"\n', "https://a", "x")]:
        key = chunk.split(":")[0]
        assert entries._scalar_replaced(chunk, key, old, new) == _rewritten(chunk, key, new)[0], chunk


def _plain_ok_of_pyyaml(text: str) -> bool:
    real = yamlparse.proven
    yamlparse.proven = lambda text: None
    try:
        return emit.plain_ok(text)
    finally:
        yamlparse.proven = real


@settings(max_examples=1500, deadline=None)
@given(st.one_of(st.sampled_from(TRICKY), st.text(max_size=10),
                 st.text(alphabet=st.sampled_from(list("ab1-:#. \"'!&*?\u00e9\u2028")), max_size=6)))
def test_plain_or_quoted_is_chosen_as_pyyaml_chooses(text):
    assert emit.plain_ok(text) == _plain_ok_of_pyyaml(text), text


LINE = st.one_of(st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(["title", "quality", "a_b", "true", "x.y"]),
                           SCALAR_TEXT),
                 st.builds(lambda k: f"{k}:", st.sampled_from(["topics", "provider"])),
                 st.builds(lambda v: f"  - {v}", SCALAR_TEXT), st.builds(lambda v: f"  name: {v}", SCALAR_TEXT),
                 st.sampled_from(["---", "...", "# c", "", "  ", "--- x", "title: a\r", "\tx: 1"]))


@settings(max_examples=1500, deadline=None)
@given(st.lists(LINE, min_size=1, max_size=6), st.booleans())
def test_what_the_proof_reads_of_a_text_is_what_pyyaml_reads(lines, final_break):
    text = "\n".join(lines) + ("\n" if final_break else "")
    for proof in [quickcheck.data_python] + ([quickcheck.data_compiled] if COMPILED else []):
        found = _proven_by(proof, text)
        if found is None:
            continue
        _, data = yamlparse.parse(text, 1)
        assert repr(found) == repr(data), text  # (repr: True is 1 and 1 is 1.0 to ==, not to repr)
        assert repr(yamlparse.load_value(text)) == repr(data)


def _proven_by(proof, text):
    real = quickcheck.data
    quickcheck.data = proof
    try:
        return yamlparse.proven(text)
    finally:
        quickcheck.data = real


def test_a_text_the_delimiters_would_cut_is_left_to_pyyaml():
    for text in ("title: a\n---\nquality: 1\n", "---\ntitle: a\n", "title: a\n...\n", "title: a\n--- x\n"):
        assert yamlparse.proven(text) is None, text
    assert yamlparse.proven("title: a") == {"title": "a"}
