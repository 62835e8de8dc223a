"""Editing entry by entry (Article.lazy) writes exactly what editing the whole parse writes."""
import pytest

from conftest import corpus_or_skip
from newsdesk.core.document.article import Article
from newsdesk.core.document.draft import Draft
from newsdesk.core.document.entries import entry_spans
from newsdesk.core.editorial.assign import Assignment
from newsdesk.core.problems import ArticleProblem

EDITS = ["published=true", "published=false", "quality=7", "heat=null", "topics+=Zebra topic",
         "topics-=AI", "title=\"A new title: with a colon\"", "quality=-1"]


def outcome(article: Article, edit: Assignment):
    draft = Draft(article)
    try:
        draft.apply(edit.edit())
        return draft.dirty, draft.render()
    except ArticleProblem as p:
        return "refused", p.message


@pytest.mark.parametrize("site", ["azure", "powerapps"])
def test_every_corpus_article_edited_lazily_gives_the_same_bytes(site):
    folder = corpus_or_skip(site, "site", "_news")
    edits = [Assignment.parse(e) for e in EDITS]
    lazy_ones = 0
    for path in sorted(folder.glob("*.md")):
        raw = path.read_bytes()
        lazy = Article.lazy(raw, path)
        lazy_ones += not lazy.parsed
        edited = lazy.edited_top({"published": True, "quality": 3})
        if not edited.parsed:  # its entries were moved, not found again: they must be where a scan finds them
            assert edited._spans == entry_spans(edited.source.front), path.name
        for edit in edits:
            assert outcome(Article.lazy(raw, path), edit) == outcome(Article.from_bytes(raw, path), edit), \
                (path.name, edit)
    assert lazy_ones > 0  # most of them are read entry by entry


def test_a_lazy_article_still_refuses_what_a_parse_refuses(tmp_path):
    for raw in (b"---\ntitle: [\n---\n", b"---\na: &x 1\nb: *x\n---\n", b"---\ntitle: a\ntitle: b\n---\n"):
        with pytest.raises(ArticleProblem):
            Article.lazy(raw, tmp_path / "x.md")


def test_the_entries_an_edit_does_not_touch_are_not_parsed():
    raw = (b"---\ntitle: \"T\"\npublished: false\n\nrelated:\n  - title: \"R\"\n"
           b"    webUrl: \"https://example.com/r\"\n---\nbody\n")
    article = Article.lazy(raw)
    draft = Draft(article)
    draft.apply(Assignment.parse("published=true").edit())
    assert draft.changes() == {"published": True}
    assert not article.parsed and "related" not in article._values
    assert draft.render() == raw.replace(b"published: false", b"published: true")
