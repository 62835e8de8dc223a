"""One bad file is that file's problem, never the folder's: hostile values and names give
one line naming the file on every reader path (fast index, full parse, cache, watcher,
CLI, the window), the others are read, and the fast index and the full parser agree on
which files are problems. Fixtures: tests/fixtures/hostile (``good-*`` must be read)."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsdesk.core.document.article import Article
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.indexing.index import index_bytes
from newsdesk.core.indexing.pipeline import index_files
from newsdesk.core.library.library import Library
from newsdesk.core.problems import ArticleProblem

FIXTURES = Path(__file__).parent / "fixtures" / "hostile"
BAD_NAME = os.fsdecode(b"caf\xe9.md")  # not UTF-8: decoded with surrogate escapes


def generated() -> dict[str, bytes]:
    """Hostile cases too big or too odd for a fixture file."""
    return {
        "int-5000-digits.md": b"---\ntitle: Big\nquality: " + b"9" * 5000 + b"\n---\n",
        "flow-100k-deep.md": b"---\ntitle: Deep\nother: " + b"[" * 100_000 + b"]" * 100_000 + b"\n---\n",
        "key-2000-chars.md": b"---\ntitle: Long key\n" + b"k" * 2000 + b": 1\n---\n",
        "nul-after-8192.md": b"---\ntitle: a\nexcerpt: \"" + b"x" * 9000 + b"\"\nsecured: \"a\x00b\"\n---\n",
        "related-key-2000-chars.md": b"---\ntitle: a\nrelated:\n  - title: a\n    " + b"k" * 2000 + b": 1\n---\n",
    }


def all_cases(tmp_path) -> Path:
    folder = tmp_path / "site"
    shutil.copytree(FIXTURES, folder)
    for name, raw in generated().items():
        (folder / name).write_bytes(raw)
    return folder


def verdict_fast(raw: bytes, name: str) -> str:
    try:
        index_bytes(raw, name, Path(name))
    except ArticleProblem as p:
        assert "\n" not in str(p) and name in str(p)
        return "problem"
    return "row"


def verdict_full(raw: bytes, name: str) -> str:
    try:
        Article.from_bytes(raw, Path(name))
    except ArticleProblem:
        return "problem"
    return "row"


CASES = sorted(p.name for p in FIXTURES.iterdir()) + sorted(generated())


@pytest.mark.parametrize("name", CASES)
def test_fast_index_and_full_parse_agree(name, tmp_path, scanner):
    raw = (FIXTURES / name).read_bytes() if (FIXTURES / name).exists() else generated()[name]
    expected = "row" if name.startswith("good-") else "problem"
    assert verdict_full(raw, name) == expected
    assert verdict_fast(raw, name) == expected


def test_corpus_fast_index_agrees_with_full_parse(scanner):
    from conftest import corpus_or_skip
    files = sorted(corpus_or_skip().glob("*/site/_news/*"))
    disagree = [f.name for f in files
                if verdict_fast(f.read_bytes(), f.name) != verdict_full(f.read_bytes(), f.name)]
    assert disagree == []


def test_every_file_gets_a_row_or_one_problem_through_the_cache(tmp_path):
    folder = all_cases(tmp_path)
    (folder / BAD_NAME).write_bytes(b"---\ntitle: Cafe\n---\n")
    cache = IndexCache(tmp_path / "cache.sqlite3")
    paths = sorted(folder.iterdir())
    for attempt in ("cold", "warm"):
        results = index_files(paths, folder, cache)
        rows = sorted(r.path for r in results if not isinstance(r, ArticleProblem))
        problems = sorted(Path(p.path).name for p in results if isinstance(p, ArticleProblem))
        assert rows == sorted([n for n in CASES if n.startswith("good-")] + [BAD_NAME]), attempt
        assert problems == sorted(n for n in CASES if not n.startswith("good-")), attempt
    assert not cache.disabled


def test_wrongly_typed_cache_rows_are_read_again_from_the_file(tmp_path):
    import sqlite3
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"---\ntitle: A\npublishedDateTime: 2023-10-17T00:31:00Z\nrelated:\n"
                                  b"  - title: x\n---\n")
    cache = IndexCache(tmp_path / "cache.sqlite3")
    [row] = index_files([folder / "a.md"], folder, cache)
    conn = sqlite3.connect(cache.path)
    stored = json.loads(conn.execute("SELECT row FROM files").fetchone()[0])
    from newsdesk.core.indexing.cache import _ROW_FIELDS
    stored[_ROW_FIELDS.index("related")] = "abc"
    stored[_ROW_FIELDS.index("timestamp")] = "yesterday"
    with conn:
        conn.execute("UPDATE files SET row = ?", (json.dumps(stored),))
    conn.close()
    cache.close()
    [again] = index_files([folder / "a.md"], folder, IndexCache(cache.path))
    assert again.related == 1 and isinstance(again.timestamp, float)


def test_library_watcher_scan_takes_a_bad_file_that_appears_later(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "good.md").write_bytes(b"---\ntitle: Good\n---\n")
    library = Library(folder)
    library.load()
    for name, raw in generated().items():
        (folder / name).write_bytes(raw)
    shutil.copy(FIXTURES / "date-feb-30.md", folder)
    (folder / "later-good.md").write_bytes(b"---\ntitle: Later\n---\n")
    library.refresh()
    assert sorted(r.path for r in library.rows) == ["good.md", "later-good.md"]
    assert len(library.problems) == len(generated()) + 1


def run_cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True,
                          timeout=120, **kw)


def test_cli_index_names_each_bad_file_once_and_exits_1(tmp_path):
    folder = all_cases(tmp_path)
    (folder / BAD_NAME).write_bytes(b"---\ntitle: Cafe\n---\n")
    out = run_cli("index", str(folder), "--json")
    assert out.returncode == 1
    assert b"Traceback" not in out.stderr
    rows = [json.loads(line) for line in out.stdout.decode("utf-8", "surrogateescape").splitlines()]
    assert sorted(r["path"] for r in rows) == sorted([n for n in CASES if n.startswith("good-")] + [BAD_NAME])
    lines = out.stderr.decode().splitlines()
    assert len(lines) == len([n for n in CASES if not n.startswith("good-")])


def test_cli_set_edits_the_readable_files_and_names_the_others(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_bytes(b"---\ntitle: A\npublished: false\n---\n")
    shutil.copy(FIXTURES / "dup-key-related.md", folder)
    shutil.copy(FIXTURES / "date-feb-30.md", folder)
    out = run_cli("set", str(folder), "published=true", "--all")
    assert out.returncode == 1, out.stderr
    assert b"Traceback" not in out.stderr
    assert (folder / "a.md").read_bytes() == b"---\ntitle: A\npublished: true\n---\n"
    err = out.stderr.decode()
    assert "dup-key-related.md" in err and "date-feb-30.md" in err and "2 unreadable" in err
    assert (folder / "dup-key-related.md").read_bytes() == (FIXTURES / "dup-key-related.md").read_bytes()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_and_dangling_link_are_problems_not_hangs(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "good.md").write_bytes(b"---\ntitle: Good\n---\n")
    os.mkfifo(folder / "pipe.md")
    os.symlink(folder / "nowhere.md", folder / "dangling.md")
    out = run_cli("index", str(folder))
    assert out.returncode == 1
    err = out.stderr.decode()
    assert "pipe.md: is a named pipe (FIFO)" in err
    assert "dangling.md: is a link to a file that does not exist" in err
    out = run_cli("check", str(folder))
    assert out.returncode == 1 and b"Traceback" not in out.stderr


def test_window_loads_the_readable_files_and_lists_the_others(qtbot, tmp_path):
    from gui_helpers import open_window
    folder = all_cases(tmp_path)
    (folder / "0-first-bad.md").write_bytes((FIXTURES / "date-month-13.md").read_bytes())  # early in the walk
    window = open_window(qtbot, folder, tmp_path / "config")
    good = [n for n in CASES if n.startswith("good-")]
    assert window.model.rowCount() == len(good)
    assert window.problems.model.rowCount() == len(CASES) - len(good) + 1
    shown = {window.problems.model.index(n, 0).data().split(" \u2014 ")[0].split(":")[0]
             for n in range(window.problems.model.rowCount())}
    assert "0-first-bad.md" in shown and "dup-key-related.md" in shown


def test_a_bulk_publish_edits_the_readable_articles_and_names_the_other(qtbot, seeds_copy, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from gui_helpers import open_window, record_warnings
    warned = record_warnings(monkeypatch)
    (seeds_copy / "late.md").write_bytes(b"---\ntitle: Fine when indexed\npublished: false\n---\n")
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    (seeds_copy / "late.md").write_bytes(b"---\ntitle: \"unterminated\npublished: false\n---\n")  # broken since
    window.table.selectAll()
    qtbot.keyClick(window.table, Qt.Key_P)
    library = window.session.library
    assert sorted(library.dirty()) == sorted(r.path for r in library.rows if r.path != "late.md")
    assert all(library.draft(r).top("published") is True for r in library.dirty())
    assert len(warned) == 1 and "1 of 6 articles could not be edited (the other 5 were)" in warned[0]
    assert "late.md" in warned[0] and "invalid YAML" in warned[0]


@pytest.mark.skipif(os.name != "posix", reason="POSIX file names are bytes")
def test_window_shows_a_file_whose_name_is_not_utf8(qtbot, tmp_path):
    from gui_helpers import open_window
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / BAD_NAME).write_bytes(b"---\ntitle: Cafe\n---\n")
    (folder / "plain.md").write_bytes(b"---\ntitle: Plain\n---\n")
    window = open_window(qtbot, folder, tmp_path / "config")
    assert window.model.rowCount() == 2
    from newsdesk.ui.table_model import TITLE
    titles = sorted(window.model.index(n, TITLE).data() or "" for n in range(2))
    assert any("Cafe" in t for t in titles)
