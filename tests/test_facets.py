"""The Browse panel's entries (core.editorial.facets.Layout), on hand-made rows (no Qt):
the whole library places them, the rows shown only count them."""
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.core.editorial.facets import BY_NAME, facets, layout, ordered
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
    assert lay.in_search('topic:"AI Hardware" provider:Microsoft') == {'topic:"AI Hardware"', "provider:Microsoft"}
    assert lay.in_search("topic:ai (published:no OR x)") == {"topic:AI", "published:no"}   # as the search reads it
    assert lay.in_search("-topic:AI topic:AIOps title:topic:AI") == frozenset()   # left out; another word
    assert lay.in_search("") == frozenset()
