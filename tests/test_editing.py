"""Editing writes only the text of what changed, in the file's own style."""
import datetime as dt

import pytest

from newsdesk.core import Article, ArticleProblem, Draft
from newsdesk.core.document.edits import Delete, Insert, Move, Patch, Remove, Set

SAMPLE = """---
category: news
title: "Old \\"quoted\\" title \\u2028 é"
excerpt: "Line one\\nline two ’"
publishedDateTime: 2023-10-17T00:31:00Z
webUrl: "https://example.com/a"
type: article
quality: 43
heat: -1
published: false

provider:
  name: SiliconANGLE
  domain: siliconangle.com

topics:
  - AI Hardware
  - AI

related:
  - title: "First"
    excerpt: "one"
    publishedDateTime: 2023-10-17T16:00:00Z
    webUrl: "https://a.example/1"
    type: article
    provider:
      name: Microsoft
      domain: microsoft.com
    quality: 69
  - title: "Second"
    excerpt: "two"
    publishedDateTime: 2023-10-16T17:17:00Z
    webUrl: "https://b.example/2"
    type: article
    provider:
      name: BCBusiness
      domain: bcbusiness.ca
    quality: 34

secured: "R401BrHQ+/==;abc"
---
<p>Body stays</p>
"""


def edit(text, *edits, raw=None):
    draft = Draft(Article.from_bytes(raw if raw is not None else text.encode()))
    for one in edits:
        draft.apply(one)
    return draft.render().decode()


def changed_lines(before: str, after: str):
    import difflib
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_noop_is_byte_identical():
    assert edit(SAMPLE) == SAMPLE
    assert edit(SAMPLE, Set(("published",), False), Set(("title",), 'Old "quoted" title \u2028 é')) == SAMPLE


def test_scalar_change_touches_one_line():
    out = edit(SAMPLE, Set(("published",), True), Set(("quality",), 80))
    assert changed_lines(SAMPLE, out) == ["-quality: 43", "-published: false", "+quality: 80", "+published: true"] \
        or changed_lines(SAMPLE, out) == ["-quality: 43", "+quality: 80", "-published: false", "+published: true"]


def test_changed_string_keeps_double_quotes_and_escapes():
    out = edit(SAMPLE, Set(("title",), 'New "one"\nwith\u2028 ’ and \\'))
    assert 'title: "New \\"one\\"\\nwith\\u2028 ’ and \\\\"\n' in out
    assert 'excerpt: "Line one\\nline two ’"' in out  # untouched escapes keep their spelling
    assert len(changed_lines(SAMPLE, out)) == 2


def test_plain_stays_plain_unless_it_cannot():
    out = edit(SAMPLE, Set(("provider", "name"), "Tom's Guide"))
    assert "  name: Tom's Guide\n" in out
    out = edit(SAMPLE, Set(("provider", "name"), "Foo: Bar"))
    assert '  name: "Foo: Bar"\n' in out
    out = edit(SAMPLE, Set(("provider", "name"), "true"))
    assert '  name: "true"\n' in out


def test_new_key_goes_where_the_order_puts_it():
    out = edit(SAMPLE, Set(("originalUrl",), "https://example.com/o"))
    assert 'publishedDateTime: 2023-10-17T00:31:00Z\noriginalUrl: "https://example.com/o"\nwebUrl:' in out
    out = edit(SAMPLE, Delete(("quality",)), Delete(("heat",)))
    out2 = edit(out, Set(("heat",), 5))
    assert "type: article\nheat: 5\npublished: false\n" in out2


def test_new_block_key_gets_its_blank_line():
    out = edit(SAMPLE, Set(("images",), [{"url": "https://i/1.png", "width": 10, "height": 20, "isCached": True}]))
    assert ("  - AI\n\nimages:\n  - url: \"https://i/1.png\"\n    width: 10\n    height: 20\n"
            "    isCached: true\n\nrelated:\n") in out


def test_deleting_a_block_key_takes_its_blank_line():
    out = edit(SAMPLE, Delete(("topics",)))
    assert "  domain: siliconangle.com\n\nrelated:\n" in out
    out = edit(SAMPLE, Delete(("published",)))
    assert "heat: -1\n\nprovider:\n" in out
    out = edit(SAMPLE, Delete(("secured",)))
    assert out.endswith("    quality: 34\n---\n<p>Body stays</p>\n")


def test_topics_add_remove_reorder():
    out = edit(SAMPLE, Insert(("topics",), 2, "Azure"))
    assert "topics:\n  - AI Hardware\n  - AI\n  - Azure\n\n" in out
    out = edit(SAMPLE, Move(("topics",), 1, 0))
    assert "topics:\n  - AI\n  - AI Hardware\n\n" in out
    out = edit(SAMPLE, Remove(("topics",), 0))
    assert "topics:\n  - AI\n\n" in out
    out = edit(SAMPLE, Insert(("topics",), 0, "C#: tips"))
    assert '  - "C#: tips"\n' in out


def test_related_item_field_change_touches_one_line():
    out = edit(SAMPLE, Set(("related", 1, "title"), "Second, renamed"))
    assert changed_lines(SAMPLE, out) == ['-  - title: "Second"', '+  - title: "Second, renamed"']


def test_related_add_uses_site_style():
    item = {"title": "Third", "excerpt": "three",
            "publishedDateTime": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
            "webUrl": "https://c.example/3", "type": "article",
            "provider": {"name": "Wired", "domain": "wired.com"}, "quality": 12}
    out = edit(SAMPLE, Insert(("related",), 1, item))
    assert ('    quality: 69\n  - title: "Third"\n    excerpt: "three"\n    publishedDateTime: 2024-01-02T03:04:05Z\n'
            '    webUrl: "https://c.example/3"\n    type: article\n    provider:\n      name: Wired\n'
            '      domain: wired.com\n    quality: 12\n  - title: "Second"') in out


def test_related_remove_and_move_keep_item_text():
    out = edit(SAMPLE, Remove(("related",), 0))
    assert "related:\n  - title: \"Second\"" in out and "First" not in out
    out = edit(SAMPLE, Move(("related",), 1, 0))
    first = SAMPLE[SAMPLE.index("  - title: \"First\""):SAMPLE.index("  - title: \"Second\"")]
    second = SAMPLE[SAMPLE.index("  - title: \"Second\""):SAMPLE.index("\nsecured")]
    assert "related:\n" + second + first + "\nsecured" in out


def test_removing_last_item_removes_the_key():
    out = edit(SAMPLE, Remove(("topics",), 0), Remove(("topics",), 0))
    assert "topics" not in out and "  domain: siliconangle.com\n\nrelated:" in out


def test_crlf_bom_and_body_are_kept():
    raw = ("\ufeff" + SAMPLE).replace("\n", "\r\n").encode()
    draft = Draft(Article.from_bytes(raw))
    draft.apply(Insert(("topics",), 0, "New"))
    draft.apply(Set(("images",), [{"url": "u"}]))
    out = draft.render()
    assert out.startswith(b"\xef\xbb\xbf---\r\n")
    assert b"\n" not in out.replace(b"\r\n", b"")
    assert out.endswith(b"<p>Body stays</p>\r\n")
    assert b"topics:\r\n  - New\r\n  - AI Hardware\r\n" in out


def test_comments_and_unknown_keys_survive():
    text = "---\n# a comment\ntitle: \"A\"  # trailing\ncustom: {a: 1}\nquality: 3\n---\n"
    out = edit(text, Set(("quality",), 4))
    assert out == text.replace("quality: 3", "quality: 4")
    out = edit(text, Set(("title",), "B"))
    assert 'title: "B"  # trailing\n' in out


def test_timestamps_keep_their_spelling():
    out = edit(SAMPLE, Set(("publishedDateTime",), dt.datetime(2024, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)))
    assert "publishedDateTime: 2024-02-03T04:05:06Z\n" in out


@pytest.mark.parametrize("path, value, words", [
    (("quality",), "high", "quality must be a whole number"),
    (("quality",), True, "quality must be a whole number"),
    (("published",), "yes", "published must be true or false"),
    (("topics",), "AI", "topics must be a list"),
    (("topics",), ["AI", 3], "topics[1] must be a topic name"),
    (("related",), [{"title": "x"}, "y"], "related[1] must be a mapping"),
    (("related",), [{"title": "x", "quality": "q"}], "related[0].quality must be a whole number"),
    (("title",), 5, "title must be text"),
])
def test_wrong_values_are_refused(path, value, words):
    draft = Draft(Article.from_bytes(SAMPLE.encode()))
    with pytest.raises(ArticleProblem, match=words.replace("[", r"\[").replace("]", r"\]")):
        draft.apply(Set(path, value))
    assert not draft.dirty


def test_patch_semantics():
    draft = Draft(Article.from_bytes(SAMPLE.encode()))
    draft.apply(Patch({"provider": {"name": "X"}, "heat": None, "topics": ["Z"]}))
    assert draft.data["provider"] == {"name": "X", "domain": "siliconangle.com"}
    assert "heat" not in draft.data and draft.data["topics"] == ["Z"]
    with pytest.raises(ArticleProblem, match="quality"):
        draft.apply(Patch({"quality": "x"}))


def test_flow_collections_are_rewritten_in_block_style_only_when_changed():
    text = "---\ntitle: \"A\"\ntopics: [a, b]\nquality: 1\n---\n"
    assert edit(text, Set(("quality",), 2)) == text.replace("quality: 1", "quality: 2")
    out = edit(text, Insert(("topics",), 2, "c"))
    assert "topics:\n  - a\n  - b\n  - c\nquality: 1\n" in out
