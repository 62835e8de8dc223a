"""The vocabulary of edits (core.document.edits), applied by the Draft: what each does to
the bytes, and that an edit that does not fit is refused with a message naming the file,
changing nothing (no traceback of an IndexError or a TypeError)."""
import pytest

from newsdesk.core import Article, ArticleProblem, Draft
from newsdesk.core.document.edits import (
    AddUnique,
    Delete,
    Increment,
    Insert,
    Move,
    Patch,
    Remove,
    RemoveAll,
    RenameItems,
    Set,
)

TEXT = """---
title: "A title"
quality: 43
published: false

provider:
  name: Contoso
  domain: contoso.com

topics:
  - AI
  - Azure
  - AI

related:
  - title: "One"
    webUrl: "https://a.example/1"
  - title: "Two"
    webUrl: "https://b.example/2"
---
body
"""


def draft(text=TEXT):
    return Draft(Article.from_bytes(text.encode(), "site/a.md"))


def rendered(*edits, text=TEXT):
    d = draft(text)
    for edit in edits:
        d.apply(edit)
    return d.render().decode()


def topics(*names):
    return "topics:\n" + "".join(f"  - {n}\n" for n in names) + "\n"


def test_set_and_delete_change_one_line_each():
    assert rendered(Set(("published",), True)) == TEXT.replace("published: false", "published: true")
    assert rendered(Set(("related", 1, "title"), "Deux")) == TEXT.replace('"Two"', '"Deux"')
    assert rendered(Delete(("quality",))) == TEXT.replace("quality: 43\n", "")
    assert rendered(Delete(("heat",))) == TEXT  # nothing there: nothing to do


def test_list_edits_keep_the_other_items_as_written():
    assert rendered(Insert(("topics",), 1, "Copilot")) == TEXT.replace(topics("AI", "Azure", "AI"),
                                                                      topics("AI", "Copilot", "Azure", "AI"))
    assert rendered(Remove(("topics",), 2)) == TEXT.replace(topics("AI", "Azure", "AI"), topics("AI", "Azure"))
    assert rendered(Move(("topics",), 1, 0)) == TEXT.replace(topics("AI", "Azure", "AI"), topics("Azure", "AI", "AI"))
    moved = rendered(Move(("related",), 1, 0))
    assert moved.index('"Two"') < moved.index('"One"')


def test_add_unique_adds_once_at_the_end():
    assert rendered(AddUnique(("topics",), "Azure")) == TEXT
    assert rendered(AddUnique(("topics",), "Copilot"), AddUnique(("topics",), "Copilot")) == \
        TEXT.replace(topics("AI", "Azure", "AI"), topics("AI", "Azure", "AI", "Copilot"))
    no_topics = TEXT.replace(topics("AI", "Azure", "AI"), "")
    assert "topics:\n  - New\n" in rendered(AddUnique(("topics",), "New"), text=no_topics)


def test_remove_all_removes_every_occurrence_and_an_emptied_list_its_key():
    assert rendered(RemoveAll(("topics",), "AI")) == TEXT.replace(topics("AI", "Azure", "AI"), topics("Azure"))
    assert rendered(RemoveAll(("topics",), "Nope")) == TEXT
    emptied = rendered(RemoveAll(("topics",), "AI"), RemoveAll(("topics",), "Azure"))
    assert "topics" not in emptied and emptied == TEXT.replace(topics("AI", "Azure", "AI"), "")
    assert rendered(Remove(("topics",), 0), Remove(("topics",), 0), Remove(("topics",), 0)) == emptied


def test_rename_items_renames_merges_and_drops_keeping_order_without_repeats():
    assert rendered(RenameItems(("topics",), {"Azure": "Cloud"})) == \
        TEXT.replace(topics("AI", "Azure", "AI"), topics("AI", "Cloud"))
    assert rendered(RenameItems(("topics",), {"Azure": "AI"})) == \
        TEXT.replace(topics("AI", "Azure", "AI"), topics("AI"))
    assert "topics" not in rendered(RenameItems(("topics",), {"Azure": None, "AI": None}))


def test_increment_counts_a_missing_or_odd_value_as_zero_and_stops_at_the_ends_of_the_range():
    assert rendered(Increment(("quality",), 10)) == TEXT.replace("quality: 43", "quality: 53")
    assert "quality: 10\n" in rendered(Delete(("quality",)), Increment(("quality",), 10))
    assert "quality: 0\n" in rendered(Delete(("quality",)), Increment(("quality",), -1))
    assert rendered(Increment(("quality",), -50)) == TEXT.replace("quality: 43", "quality: 0")
    assert rendered(Increment(("quality",), 990)) == TEXT.replace("quality: 43", "quality: 999")
    assert rendered(Set(("quality",), 995), Increment(("quality",), 10)) == TEXT.replace("quality: 43", "quality: 999")
    assert "heat: -10\n" in rendered(Increment(("heat",), -10))  # heat has no range


def test_patch_merges_mappings_and_null_deletes():
    out = rendered(Patch({"provider": {"name": "Fabrikam"}, "quality": None}))
    assert "  name: Fabrikam\n  domain: contoso.com\n" in out and "quality" not in out


@pytest.mark.parametrize("edit, message", [
    (Remove(("topics",), 3), "there is no item 3 in topics"),
    (Remove(("topics",), "x"), "there is no item 'x' in topics"),
    (Move(("topics",), 0, 9), "there is no place 9 in topics"),
    (Move(("related",), -1, 0), "there is no item -1 in related"),
    (Insert(("topics",), 7, "X"), "there is no place 7 in topics"),
    (Insert(("title",), 0, "X"), "title is not a list"),
    (RemoveAll(("quality",), 43), "quality is not a list"),
    (AddUnique(("provider",), "X"), "provider is not a list"),
    (Set(("related", 5, "title"), "X"), "there is no related.5 to change"),
    (Set(("title", "x"), "X"), "title has no 'x' to set"),
    (Set(("related", "x"), "X"), "there is no item 'x' in related"),
    (Set(("nothing", "here"), 1), "there is no nothing to change"),
    (Set((), 1), "() is not a path of keys and item numbers"),
    (Set("quality", 1), "'quality' is not a path of keys and item numbers"),
    (Set(("quality",), "high"), "quality must be a whole number from 0 to 999, not 'high'"),
    (Set(("quality",), 1000), "quality must be a whole number from 0 to 999, not 1000"),
    (Set(("quality",), -1), "quality must be a whole number from 0 to 999, not -1"),
    (Set(("quality",), 43.5), "quality must be a whole number from 0 to 999, not 43.5"),
    (Patch({"quality": 127000}), "quality must be a whole number from 0 to 999, not 127000"),
    (Set(("published",), "yes"), "published must be true or false"),
    (Increment(("title",), 1), "title must be text"),
    (Patch({"quality": "x", "published": True}), "quality must be a whole number"),
    (Patch(["quality"]), "a patch must be a mapping of keys to values"),
])
def test_an_edit_that_does_not_fit_is_refused_naming_the_file_and_changes_nothing(edit, message):
    d = draft()
    with pytest.raises(ArticleProblem) as refused:
        d.apply(edit)
    assert message in refused.value.message
    assert str(refused.value).startswith("site/a.md: ")
    assert not d.dirty and d.render().decode() == TEXT


def test_edits_are_values_the_same_edit_for_one_article_or_many():
    edit = RemoveAll(("topics",), "AI")
    assert edit == RemoveAll(("topics",), "AI") and edit.keys() == ("topics",)
    with pytest.raises(AttributeError):
        edit.value = "Azure"  # frozen: an undo step or a bulk edit can hold it safely
    others = [draft(), draft(TEXT.replace("  - Azure\n", ""))]
    for d in others:
        d.apply(edit)
    assert [d.data.get("topics") for d in others] == [["Azure"], None]


def test_a_lazy_article_reads_only_the_entries_the_edit_touches():
    article = Article.lazy(TEXT.encode())
    d = Draft(article)
    d.apply(RemoveAll(("topics",), "AI"))
    d.apply(Increment(("quality",), 1))
    assert not article.parsed and "related" not in article._values
    assert d.render().decode() == TEXT.replace("quality: 43", "quality: 44").replace(
        topics("AI", "Azure", "AI"), topics("Azure"))


def test_a_partial_edit_says_how_many_were_edited_in_words():
    from newsdesk.core.problems import ArticleProblem, PartialEdit
    bad = [ArticleProblem("invalid YAML", "b.md", 3)]
    assert PartialEdit.of(bad, 2).message.startswith("1 of 2 articles could not be edited (the other one was):")
    assert PartialEdit.of(bad, 6).message.startswith("1 of 6 articles could not be edited (the other 5 were):")
    assert PartialEdit.of(bad, 1).message.startswith("The article could not be edited:")
