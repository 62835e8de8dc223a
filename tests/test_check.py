"""`newsdesk check` through the shared pipeline: the verdicts of a whole parse, remembered."""
import os

import pytest

from conftest import ROOT, SEEDS
from newsdesk.cli import main
from newsdesk.core.document.article import load_article
from newsdesk.core.document.schema import keyed_problems
from newsdesk.core.indexing import check, quickcheck
from newsdesk.core.indexing.index import article_paths
from newsdesk.core.problems import ArticleProblem

SEED = (SEEDS / "000_6e2a0c9c78a5bcbb.txt").read_bytes()
HOSTILE = {
    "invalid.md": b"---\ntitle: [\n---\n",
    "tab.md": b"---\ntitle: x\nprovider:\n\tname: y\n---\n",
    "duplicate.md": b"---\ntitle: a\ntitle: b\n---\n",
    "nested_duplicate.md": b"---\ntitle: a\nprovider:\n  name: x\n  name: y\n---\n",
    "anchor.md": b"---\ntitle: &t a\nexcerpt: *t\n---\n",
    "list.md": b"---\n- a\n- b\n---\n",
    "types.md": b"---\ntitle: 5\nquality: high\npublished: maybe\ntopics: AI\n"
                b"related:\n  - title: 3\n    quality: x\n---\n",
    "bad_date.md": b"---\ntitle: a\npublishedDateTime: 2023-13-45T00:00:00Z\n---\n",
    # Arabic-Indic digits: YAML reads text, not a date (the quick proof once said "all well")
    "digits_date.md": "---\ntitle: a\npublishedDateTime: 2\u0660\u0662\u0663-10-17T00:31:00Z\n---\n".encode(),
    "binary.md": b"---\n\x00\x01\x02\n---\n",
    "latin1.md": b"---\ntitle: caf\xe9\n---\n",
    "no_front.md": b"just text\n",
    "unterminated.md": b"---\ntitle: a\n",
    "empty_front.md": b"---\n---\n",
    "good.md": SEED,
}


def expected_lines(paths) -> list[str]:
    """What the check printed before it shared the pipeline: each file parsed whole, here."""
    out = []
    for path in paths:
        try:
            article = load_article(path)
        except ArticleProblem as p:
            out.append(str(p))
            continue
        text = path.read_text(encoding="utf-8", errors="replace").split("\n")
        for key, message in keyed_problems(article.data):  # named by the line its key starts
            line = next((n + 1 for n, t in enumerate(text) if t.startswith(f"{key}:")), None)
            out.append(f"{path}{'' if line is None else f':{line}'}: {message}")
    return out


@pytest.fixture
def hostile(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for name, raw in HOSTILE.items():
        (folder / name).write_bytes(raw)
    (folder / "folder.md").mkdir()  # a folder named like an article is not an article
    return folder


def test_check_says_what_a_whole_parse_says_of_hostile_files(hostile, capsys):
    paths = article_paths(hostile)
    assert main(["check", str(hostile), "--no-cache"]) == 1
    out = capsys.readouterr()
    assert out.out.splitlines() == expected_lines(paths)
    assert "Traceback" not in out.err
    assert f"{len(paths)} articles checked, {len(HOSTILE) - 1} with problems" in out.err


def test_an_unchanged_folder_is_checked_from_the_remembered_verdicts(hostile, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["check", str(hostile)]) == 1
    first = capsys.readouterr().out
    assert first.splitlines() == expected_lines(article_paths(hostile))

    def no_reading(path):
        raise AssertionError(f"{path} was read again")
    monkeypatch.setattr(check, "verdict", no_reading)
    assert main(["check", str(hostile)]) == 1
    assert capsys.readouterr().out == first

    # a changed file is read again: its new verdict, the others' remembered ones
    monkeypatch.undo()
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    fixed = hostile / "types.md"
    fixed.write_bytes(SEED)
    os.utime(fixed, ns=(1, 1))
    assert main(["check", str(hostile)]) == 1
    again = capsys.readouterr().out
    assert again.splitlines() == expected_lines(article_paths(hostile))
    assert "types.md" not in again


def test_a_damaged_verdict_cache_is_not_believed(hostile, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["check", str(hostile)]) == 1
    capsys.readouterr()
    cache = check.VerdictCache()
    with cache.conn:
        cache.conn.execute("UPDATE verdicts SET verdict='[\"fields\", 7]' WHERE path LIKE '%types.md'")
        cache.conn.execute("UPDATE verdicts SET verdict='[\"problem\", [], \"x\"]' WHERE path LIKE '%list.md'")
        cache.conn.execute("UPDATE verdicts SET verdict='not json' WHERE path LIKE '%good.md'")
    assert main(["check", str(hostile)]) == 1
    assert capsys.readouterr().out.splitlines() == expected_lines(article_paths(hostile))


PROOFS = [pytest.param(quickcheck.data_python, id="python"),
          pytest.param(quickcheck.data_compiled, id="compiled", marks=pytest.mark.skipif(
              quickcheck.data_compiled is None, reason="the compiled scanner (_scan) is not built here"))]


@pytest.mark.parametrize("proof", PROOFS)
def test_the_verdict_is_the_same_with_either_quick_proof_or_none(tmp_path, monkeypatch, proof):
    from test_hostile_files import generated
    files = {**HOSTILE, **generated()}
    files.update((p.name, p.read_bytes()) for p in SEEDS.iterdir())
    files.update((p.name, p.read_bytes()) for p in (ROOT / "tests" / "fixtures" / "hostile").iterdir())
    for name, raw in files.items():
        (tmp_path / name).write_bytes(raw)
    paths = sorted(str(p) for p in tmp_path.iterdir())
    monkeypatch.setattr(quickcheck, "data", proof)
    quick = [check.verdict(p) for p in paths]
    assert sum(quickcheck.all_well((tmp_path / p).read_bytes()) for p in paths) >= 5  # the seeds, at least
    monkeypatch.setattr(quickcheck, "all_well", lambda raw: False)
    assert quick == [check.verdict(p) for p in paths]


def test_a_big_folder_is_looked_up_as_one_range_of_the_cache_and_only_its_own_verdicts(tmp_path, monkeypatch, capsys):
    """Past check._RANGE_FROM files the cache is asked for the range of their paths:
    sibling folders whose names sort just before or after it ("site-2", "site 2", "sitf")
    keep their own verdicts, and an unchanged folder reads no file."""
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    folders = [tmp_path / name for name in ("site", "site-2", "site 2", "sitf")]
    for n, folder in enumerate(folders):
        folder.mkdir()
        for i in range(check._RANGE_FROM + 20):
            (folder / f"{i:04}.md").write_bytes(SEED if (i + n) % 3 else HOSTILE["types.md"])
        (folder / "sub").mkdir()
        (folder / "sub" / "x.md").write_bytes(HOSTILE["duplicate.md"] if n else SEED)
    expected = {}
    for folder in folders:
        assert main(["check", str(folder)]) == 1
        expected[folder] = capsys.readouterr().out
        assert expected[folder].splitlines() == expected_lines(article_paths(folder))

    def no_reading(path):
        raise AssertionError(f"{path} was read again")
    monkeypatch.setattr(check, "verdict", no_reading)
    for folder in reversed(folders):
        assert main(["check", str(folder)]) == 1
        assert capsys.readouterr().out == expected[folder]
