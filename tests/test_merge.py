"""Three-way merge: the editor's changes land on what is on disk now; only real
conflicts are reported."""
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.core.document.merge import MISSING, merge3


def link(url, title="t", quality=1):
    return {"title": title, "webUrl": url, "quality": quality}


BASE = {"title": "A", "quality": 40, "heat": 0, "published": False,
        "topics": ["AI", "Azure"], "related": [link("u1"), link("u2"), link("u3")]}


def test_changes_to_different_keys_both_land():
    mine = dict(BASE, quality=60, published=True)
    theirs = dict(BASE, heat=5)
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged == dict(BASE, quality=60, published=True, heat=5) and not conflicts
    assert list(merged) == list(BASE)  # the file's key order


def test_same_key_changed_differently_is_a_conflict_settled_by_choice():
    mine, theirs = dict(BASE, quality=60), dict(BASE, quality=10)
    merged, conflicts = merge3(BASE, mine, theirs)
    assert [(c.where, c.base, c.mine, c.theirs) for c in conflicts] == [(("quality",), 40, 60, 10)]
    assert merged["quality"] == 10  # unsettled: the disk's value, nothing of theirs dropped silently
    merged, _ = merge3(BASE, mine, theirs, choose=lambda c: "mine")
    assert merged["quality"] == 60


def test_same_change_on_both_sides_is_no_conflict():
    mine = theirs = dict(BASE, quality=60)
    assert merge3(BASE, mine, dict(theirs)) == (mine, [])


def test_related_items_merge_by_url():
    mine = dict(BASE, related=[link("u1"), link("u2", title="mine"), link("u3"), link("u9")])  # edit u2, add u9
    theirs = dict(BASE, related=[link("u0"), link("u1"), link("u3", quality=7)])  # add u0, drop u2, edit u3
    merged, conflicts = merge3(BASE, mine, theirs)
    # u2 was edited here and deleted there: a conflict; unsettled it stays deleted
    assert [c.label() for c in conflicts] == ["related \u201ct\u201d"]
    assert conflicts[0].theirs is MISSING
    assert [r["webUrl"] for r in merged["related"]] == ["u0", "u1", "u3", "u9"]
    assert merged["related"][2]["quality"] == 7
    merged, _ = merge3(BASE, mine, theirs, choose=lambda c: "mine")
    assert [r["webUrl"] for r in merged["related"]] == ["u0", "u1", "u2", "u3", "u9"]
    assert merged["related"][2]["title"] == "mine"


def test_item_field_conflict_is_named_by_url_and_key():
    mine = dict(BASE, related=[link("u1", quality=5), link("u2"), link("u3")])
    theirs = dict(BASE, related=[link("u1", quality=9), link("u2"), link("u3")])
    _, conflicts = merge3(BASE, mine, theirs)
    assert [c.label() for c in conflicts] == ["related \u201ct\u201d \u203a quality"]
    assert conflicts[0].where == ("related", ("item", "u1", "t"), "quality")


def test_reordering_here_keeps_their_additions():
    mine = dict(BASE, related=[link("u3"), link("u1"), link("u2")])
    theirs = dict(BASE, related=[link("u1"), link("u2"), link("u3"), link("u4")])
    merged, conflicts = merge3(BASE, mine, theirs)
    # the editor's order leads; their new item follows the one it followed there
    assert [r["webUrl"] for r in merged["related"]] == ["u3", "u4", "u1", "u2"] and not conflicts


def test_topics_merge_as_a_set_of_values():
    mine = dict(BASE, topics=["AI", "Azure", "Copilot"])
    theirs = dict(BASE, topics=["AI"])
    merged, conflicts = merge3(BASE, mine, theirs)
    assert merged["topics"] == ["AI", "Copilot"] and not conflicts


def test_deleted_here_untouched_there_is_deleted():
    mine = {k: v for k, v in BASE.items() if k != "heat"}
    merged, conflicts = merge3(BASE, mine, dict(BASE, title="B"))
    assert "heat" not in merged and merged["title"] == "B" and not conflicts


def test_lists_without_identity_conflict_as_a_whole():
    base = dict(BASE, topics=["AI", "AI"])
    _, conflicts = merge3(base, dict(base, topics=["X", "X"]), dict(base, topics=["Y"]))
    assert [c.where for c in conflicts] == [("topics",)]


values = st.one_of(st.integers(0, 3), st.booleans(), st.sampled_from(["a", "b"]))
docs = st.dictionaries(st.sampled_from(["k1", "k2", "k3", "k4"]), values)


@given(docs, docs, docs)
def test_merge_laws(base, mine, theirs):
    # one side unchanged: the other side wins whole
    assert merge3(base, base, theirs) == (theirs, [])
    assert merge3(base, mine, base)[0] == mine
    merged, conflicts = merge3(base, mine, theirs, choose=lambda c: "mine")
    # every key the editor changed is as the editor left it, conflicts or not
    for key in set(base) | set(mine):
        if base.get(key, MISSING) != mine.get(key, MISSING) or type(base.get(key)) is not type(mine.get(key)):
            assert merged.get(key, MISSING) == mine.get(key, MISSING)
    # every key only they changed is as they left it
    for key in set(base) | set(theirs):
        if base.get(key, MISSING) == mine.get(key, MISSING) and type(base.get(key)) is type(mine.get(key)):
            assert merged.get(key, MISSING) == theirs.get(key, MISSING)


def test_a_related_list_repeating_a_url_merges_item_by_item():
    """359 of 3,887 real articles with related links repeat a URL; a concurrent change of
    such a list was one whole-list conflict."""
    a = {"webUrl": "https://a", "title": "A"}
    a2 = {"webUrl": "https://a", "title": "A again"}
    b = {"webUrl": "https://b", "title": "B"}
    base = {"related": [a, b, a2]}
    mine = {"related": [a, dict(b, quality=5), a2]}
    theirs = {"related": [a, b, dict(a2, quality=9), {"webUrl": "https://c", "title": "C"}]}
    merged, conflicts = merge3(base, mine, theirs)
    assert conflicts == []
    assert merged["related"] == [a, dict(b, quality=5), dict(a2, quality=9), {"webUrl": "https://c", "title": "C"}]
