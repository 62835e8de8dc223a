"""The Browse panel's entries (core.editorial.facets.Layout), on hand-made rows (no Qt):
the whole library places them, the rows shown only count them."""
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import corpus_or_skip
from newsdesk.core.editorial.facets import BY_NAME, facets, holds, layout, ordered
from newsdesk.core.editorial.search import SearchError, compile_query
from test_search import ROWS, hits, row


def values(lay, facet):
    return [e.value for name, entries in lay.facets if name == facet for e in entries]


def counts(lay, shown):
    return {(name, e.value): n for (name, entries), ns in zip(lay.facets, shown, strict=True)
            for e, n in zip(entries, ns, strict=True)}


def test_entries_are_the_librarys_in_its_order_and_the_shown_rows_only_count():
    lay = layout(ROWS)
    assert values(lay, "Topics") == [v for v, _ in ordered("Topics", facets(ROWS)["Topics"])]
    assert values(lay, "Topics")[0] == "AI" and lay.size == 4
    one = [r for r in ROWS if r.path == "c"]          # what topic:"AI Hardware" shows
    shown = counts(lay, lay.shown(one))
    assert shown[("Topics", "AI Hardware")] == 1 and shown[("Topics", "AI")] == 0   # still listed, none shown
    assert shown[("Providers", "Microsoft")] == 0 and shown[("Published", "no")] == 1
    assert counts(lay, lay.shown(ROWS)) == {(f, e.value): e.total for f, es in lay.facets for e in es}


def test_each_entry_names_the_search_that_finds_its_total():
    lay = layout(ROWS)
    for _facet, entries in lay.facets:
        for e in entries:
            assert len(hits(e.term)) == e.total, e


def test_the_same_library_places_every_entry_the_same_and_a_new_value_moves_them():
    assert layout(ROWS).key() == layout(list(ROWS)).key()
    more = [*ROWS, row("e", topics=["Copilot"]), row("f", topics=["Copilot"])]
    assert layout(more).key() != layout(ROWS).key()
    assert values(layout(more), "Topics")[0] == "Copilot"


def test_by_name_orders_values_by_name_and_months_stay_newest_first():
    lay = layout(ROWS, by=BY_NAME)
    assert values(lay, "Topics") == ["AI", "AI Hardware", "Azure AI", "Copilot"]
    assert values(lay, "Month") == ["2023-10", "2023-09", "2022-05"]


def test_review_states_count_the_shown_rows_too():
    states = dict(zip("abcd", ("new", "flagged", "reviewed", "new"), strict=True))
    lay = layout(ROWS, states.get)
    assert values(lay, "Review") == ["new", "flagged", "reviewed"]
    assert counts(lay, lay.shown(ROWS[1:2], states.get))[("Review", "flagged")] == 1
    assert counts(lay, lay.shown(ROWS[1:2], states.get))[("Review", "new")] == 0


@given(st.lists(st.booleans(), min_size=len(ROWS), max_size=len(ROWS)))
def test_any_shown_part_counts_as_facets_of_it_with_every_entry_in_place(picked):
    lay = layout(ROWS)
    part = [r for r, keep in zip(ROWS, picked, strict=True) if keep]
    shown = counts(lay, lay.shown(part))
    assert list(shown) == [(f, e.value) for f, es in lay.facets for e in es]   # the library's, in order
    found = facets(part)
    for (facet, value), n in shown.items():
        assert n == found[facet][value]
    assert all((f, v) in shown for f, c in found.items() for v in c)           # nothing shown is missing


def test_the_terms_a_search_holds_are_those_a_click_put_there():
    lay = layout(ROWS)
    assert lay.in_search('topic:"AI Hardware" provider=Microsoft') == {'topic:"AI Hardware"', "provider=Microsoft"}
    assert lay.in_search("provider:Microsoft") == frozenset()     # a part of a name: not the entry's search
    assert lay.in_search("topic:ai (published:no OR x)") == {"topic:AI", "published:no"}   # as the search reads it
    assert lay.in_search("-topic:AI topic:AIOps title:topic:AI") == frozenset()   # left out; another word
    assert lay.in_search("") == frozenset()


def test_a_providers_entry_finds_that_provider_alone_not_those_it_is_part_of():
    """provider:PR also finds PR Newswire: on the azure corpus the entry "PR" said 1 and
    its click showed 18. The entry's term is the whole name: provider=PR."""
    rows = [row("a", provider="PR", domain="pr.example"), row("b", provider="PR Newswire", domain="prnewswire.com"),
            row("c", provider="Other", domain="pr")]
    lay = layout(rows)
    [pr] = [e for f, es in lay.facets if f == "Providers" for e in es if e.value == "PR"]
    assert pr.term == "provider=PR" and pr.total == 1
    assert [r.path for r in rows if compile_query(pr.term)(r)] == ["a", "c"]   # a whole name, or a whole domain
    assert [r.path for r in rows if compile_query("provider=pr NOT provider=pr")(r)] == []
    assert [r.path for r in rows if compile_query("provider:PR")(r)] == ["a", "b", "c"]
    with pytest.raises(SearchError, match="provider= needs some text"):
        compile_query("provider=")
    with pytest.raises(SearchError, match="provider=text, the whole of it"):
        compile_query("provider>PR")


def test_on_the_corpora_every_entry_finds_as_many_articles_as_it_counts():
    from newsdesk.core.library.library import Library
    for site in (("azure", "site", "_news"), ("powerapps", "site", "_news")):
        library = Library(corpus_or_skip(*site))
        library.load()
        lay = layout(library.rows)
        for _facet, entries in lay.facets:
            for e in entries:
                pred = compile_query(e.term)
                assert sum(1 for r in library.rows if pred(r)) == e.total, (site, e)
        library.close()


def test_a_term_is_held_by_a_search_only_as_a_term_of_its_own():
    assert holds("topic:AIOps topic:AI", "topic:AI") and holds("(topic:ai OR x)", "topic:AI")
    assert not holds("topic:AIOps", "topic:AI") and not holds("-topic:AI", "topic:AI")
    assert not holds('topic:"AI Hardware"', "topic:AI") and holds("provider=PR", "provider=PR")
    assert layout([row("a", provider="PR")]).in_search("provider=pr published:no") == {"provider=PR", "published:no"}
