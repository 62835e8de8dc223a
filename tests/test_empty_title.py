"""An empty title (`title: ""`, `title: ''`, or only spaces) is a problem: no article or related
link of the real sites has one (checked on every corpus file below), and it shows as a blank
row, a blank link and a page without a heading. `check` names the file and the key's line,
`set` and `patch` refuse to write one, the window's title editor refuses it, all in the same
words (core/document/schema.py)."""
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from conftest import corpus_or_skip
from gui_helpers import select_title
from newsdesk.core.document.schema import problems_of
from newsdesk.core.indexing.check import verdict
from panel_helpers import data_of, panel_window

FRONT = "---\ncategory: news\n{title}\nquality: 3\n---\n"


def run(*args):
    return subprocess.run([sys.executable, "-m", "newsdesk", *map(str, args)], capture_output=True,
                          text=True, timeout=60)


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    for name, line in (("a.md", 'title: ""'), ("b.md", "title: ''"), ("c.md", 'title: "   "'),
                       ("d.md", 'title: "Fine"'), ("e.md", "excerpt: \"\"")):
        (folder / name).write_text(FRONT.format(title=line))
    (folder / "f.md").write_text('---\ntitle: "Fine"\nrelated:\n  - title: ""\n    webUrl: "https://x.example/1"\n'
                                 "---\n")
    return folder


def test_check_names_each_empty_title_with_its_file_and_line(site, tmp_path, scanner):
    for no_cache in (["--no-cache"], [], []):  # the verdicts remembered say the same
        r = subprocess.run([sys.executable, "-m", "newsdesk", "check", str(site), *no_cache], capture_output=True,
                           text=True, timeout=60, env={**__import__("os").environ,
                                                       "NEWSDESK_CACHE_DIR": str(tmp_path / "cache"),
                                                       "NEWSDESK_PURE_SCAN": "1" if scanner == "python" else ""})
        assert r.returncode == 1
        assert r.stdout.splitlines() == [f"{site / 'a.md'}:3: title must not be empty",
                                         f"{site / 'b.md'}:3: title must not be empty",
                                         f"{site / 'c.md'}:3: title must not be blank, not '   '",
                                         f"{site / 'f.md'}:3: related[0].title must not be empty"]
        assert r.stderr.strip() == "6 articles checked, 4 with problems"
    assert verdict(str(site / "d.md")) == ["fields", []] and verdict(str(site / "e.md")) == ["fields", []]


@pytest.mark.parametrize("assignment", ['title=""', "title=''", 'title="  "'])
def test_set_refuses_an_empty_title_before_reading_a_file(site, assignment):
    before = _bytes(site)
    r = run("set", site, assignment, "--all")
    assert r.returncode == 2 and r.stdout == ""
    words = "must not be empty" if "  " not in assignment else "must not be blank, not '  '"
    assert re.fullmatch(rf"newsdesk: title=.*: title {words}\n", r.stderr), r.stderr
    assert _bytes(site) == before


def test_set_with_nothing_after_the_equals_does_not_suggest_an_empty_title(site):
    r = run("set", site, "title=", "--all")
    assert r.returncode == 2
    assert r.stderr == "newsdesk: title=: no value given; to remove the key write title=null\n"


def test_patch_refuses_an_empty_title_and_carries_other_keys_onto_a_file_that_has_one(site, tmp_path):
    """No site's history writes an empty title (test below): a patch that would is refused, in
    the file's name; a patch of another key still goes onto a file whose title is empty."""
    patch = tmp_path / "p.yaml"
    patch.write_text('title: ""\n')
    before = _bytes(site)
    r = run("patch", site / "d.md", "--patch", patch)
    assert r.returncode == 1
    assert r.stderr == f"{site / 'd.md'}: title must not be empty\n"
    assert _bytes(site) == before
    patch.write_text("quality: 4\n")
    r = run("patch", site / "a.md", "--patch", patch)
    assert r.returncode == 0, r.stderr
    assert (site / "a.md").read_bytes() == before["a.md"].replace(b"quality: 3", b"quality: 4")


def test_no_real_article_or_version_has_an_empty_title():
    """The rule refuses nothing the sites' pipelines write (so `patch` and replay need no
    exception for it, as they need one for `secured`)."""
    corpus = corpus_or_skip()
    empty = re.compile(rb"^ *(- )? *title: *(\"\"|''|\"\s*\")? *$", re.M)
    files = [p for p in corpus.rglob("*.md")]
    assert len(files) > 7000
    assert [p for p in files if empty.search(p.read_bytes())] == []


def test_the_schema_says_the_same_of_an_empty_title_anywhere():
    assert problems_of({"title": ""}) == ["title must not be empty"]
    assert problems_of({"title": "\u00a0 "}) == ["title must not be blank, not '\\xa0 '"]
    assert problems_of({"title": "x", "excerpt": "", "related": [{"title": "y"}, {"webUrl": "u"}]}) == []
    assert problems_of({"related": [{"title": " "}]}) == ["related[0].title must not be blank, not ' '"]


def test_the_window_refuses_an_empty_related_link_title_in_checks_words(qtbot, monkeypatch, seeds_copy, tmp_path):
    """The window's one title editor (F2 on a related link's title): emptying it and pressing
    Enter writes nothing and says why; the table marks an article whose file has one."""
    window = panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")
    rel = select_title(window, qtbot, "Hybrid")
    before = data_of(window, rel)["related"]
    steps = window.session.undo_stack.count()
    view = window.detail.related_view
    view.setFocus()
    view.setCurrentIndex(window.detail.related_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key_Delete)
    qtbot.keyClicks(editor, "   ")
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()
    assert data_of(window, rel)["related"] == before and window.session.undo_stack.count() == steps
    assert window.statusBar().currentMessage() == "Link 1: title must not be empty"
    assert not window.session.library.dirty()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == window.before
