"""The library's view without Qt: sort order, filter, typing on, topic index, search texts.

The table model and the filter proxy only show what this view says; these tests hold it
to the behaviour the editor sees (tests/test_window.py drives the same through the window).
"""
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.core.editorial.search import compile_query, haystack_of
from newsdesk.core.indexing.index import Row
from newsdesk.core.library.library import Library
from newsdesk.core.library.view import AGAIN, ALL, DONE, MORE, PUBLISHED_ONLY, UNPUBLISHED, Filter, LibraryView

WORDS = ("azure", "data", "center", "cloud", "ai", "optical", "hybrid", "future")


def make_rows(n: int) -> list[Row]:
    return [Row(f"{i:03}.md", title=f"{WORDS[i % 8]} {WORDS[(i * 3) % 8]} number {i}", quality=(i * 37) % 100,
                published=i % 3 == 0, provider=["Verge", "Wired", None][i % 3],
                topics=[["AI", "Azure AI", "Cloud"][i % 3]] + (["Data Centers"] if i % 4 == 0 else []))
            for i in range(n)]


def view_of(rows: list[Row]) -> LibraryView:
    view = LibraryView()
    view.add(rows)
    return view


def paths(view: LibraryView, places) -> list[str]:
    return [view.rows[n].path for n in (range(len(view)) if places is None else places)]


def test_the_view_and_its_tests_import_no_qt():
    code = ("import sys; import newsdesk.core.library.library, newsdesk.core.library.view; "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_sorting_orders_the_view_and_leaves_the_library_rows_as_read(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    as_read = [row.path for row in library.rows]
    view = library.view
    order = view.order_for(lambda row: -(row.quality if isinstance(row.quality, int) else -1))
    view.reorder(order)
    qualities = [row.quality for row in view.rows]
    assert qualities == sorted(qualities, reverse=True)
    assert [row.path for row in library.rows] == as_read  # the store never moves
    assert [view.position(row.path) for row in view.rows] == list(range(len(view)))
    assert [library.position(rel) for rel in as_read] == list(range(len(as_read)))
    assert view.order_for(lambda row: -(row.quality if isinstance(row.quality, int) else -1)) is None  # sorted


def test_positions_mapped_in_steps_or_at_once_agree(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    view = library.view
    order = list(reversed(range(len(view))))
    view.reorder(order)
    assert not view.map_positions(2) and not view.map_positions(2)  # 4 of 5 mapped
    assert [view.position(r.path) for r in view.rows] == list(range(5))  # the rest on demand
    view.reorder(order)
    assert view.map_positions(10)
    assert [view.position(r.path) for r in view.rows] == list(range(5))


def test_a_sort_in_steps_makes_keys_a_chunk_at_a_time_and_redoes_a_touched_row():
    rows = make_rows(10)
    view = view_of(rows)
    sorter = view.sort_in_steps(lambda row: row.quality, False, chunk=4)
    said = [sorter.step(), sorter.step()]
    assert said == [MORE, MORE] and len(sorter.keys) == 8
    rows[1].quality = 1000                 # an edit meanwhile: the row's key is made again
    view.changed([rows[1].path])
    while (said := sorter.step()) == MORE:
        pass
    assert said == DONE
    view.reorder(sorter.order)
    assert [row.quality for row in view.rows] == sorted(row.quality for row in rows)
    assert view.rows[-1] is rows[1]
    sorter = view.sort_in_steps(lambda row: row.quality, False, chunk=4)
    view.add(make_rows(11)[10:])           # a row came: the sort starts over
    assert sorter.step() == AGAIN


def test_filter_words_fields_and_the_switch_agree_with_the_query_itself():
    rows = make_rows(60)
    view = view_of(rows)
    for text in ("data", "data cent", "azure", "topic:AI", "topic:azure*", "quality>=50 -topic:cloud",
                 "provider:verge OR optical", "title:hybrid"):
        for state in (ALL, UNPUBLISHED, PUBLISHED_ONLY):
            f = Filter(view, text, state)
            match = compile_query(text)
            wanted = [row.path for row in rows if match(row)
                      and (state == ALL or (row.published is True) == (state == PUBLISHED_ONLY))]
            assert paths(view, f.filtered()) == wanted, (text, state)
    assert Filter(view).filtered() is None  # no filter: everything, no list made


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="adtcenru ", min_size=0, max_size=8), min_size=1, max_size=6))
def test_typing_on_looks_only_at_what_the_last_words_kept_and_keeps_what_a_fresh_search_keeps(texts):
    view = view_of(make_rows(40))
    typing = Filter(view, state=UNPUBLISHED)
    shown = typing.filtered()
    for text in texts:
        known = tuple(typing.words or ())
        narrower = typing.set_text(text)
        if narrower is None:
            continue
        shown = typing.filtered(shown if narrower and shown is not None else None, known)
        fresh = Filter(view, text, UNPUBLISHED).filtered()
        assert shown == fresh, text


def test_narrowing_looks_only_at_the_rows_kept():
    view = view_of(make_rows(40))
    f = Filter(view, "dat")
    kept = f.filtered()
    assert f.set_text("data") is True
    assert f.filtered(kept[:3], ("dat",)) == kept[:3]  # only those were looked at
    assert f.set_text("azure") is False and f.set_text("azure") is None


def test_a_filter_carried_to_another_view_searches_that_one():
    old, new = view_of(make_rows(10)), view_of(make_rows(30))
    f = Filter(old, "optical", PUBLISHED_ONLY).over(new)
    assert f.view is new and f.text == "optical" and f.state == PUBLISHED_ONLY
    assert paths(new, f.filtered()) == [r.path for r in new.rows if "optical" in r.title and r.published is True]


def test_topic_index_and_search_texts_follow_edits():
    rows = make_rows(12)
    view = view_of(rows)
    f = Filter(view, "topic:zebra")
    assert f.filtered() == []
    rows[5].topics = ["Zebra"]
    rows[5].title = "Striped news"
    assert view.changed([rows[5].path]) == [5]
    assert f.filtered() == [5]
    assert Filter(view, "striped").filtered() == [5] and "striped" in view.haystacks()[5]
    view.reorder(list(range(12))[::-1])   # the kept texts follow the order
    assert view.haystacks()[6] == view.haystack(rows[5]) and f.filtered() == [6]


def test_the_topic_index_is_made_after_the_rows_come_and_answers_the_same():
    """Rows reach the table without their topics indexed (a warm open's rows show ~5 ms
    sooner): the first topic search, an edit, a removal or the steps after a load index
    them, and every answer is the one of the query itself."""
    rows = make_rows(40)
    view = view_of(rows[:20])
    view.add(rows[20:], [None] * 20)
    assert view.make_texts(0, 10) == 10 and not view.index_topics(0)  # the steps: 10 rows a turn, 30 left
    view.discard([rows[3].path])   # a removal indexes what is left first, then takes its topics out
    everyone = [r for r in rows if r is not rows[3]]
    for text in ("topic:AI", "topic:azure*", "-topic:cloud", "topic:\"data centers\""):
        match = compile_query(text)
        assert paths(view, Filter(view, text).filtered()) == [r.path for r in everyone if match(r)], text


def test_a_topic_search_held_while_rows_come_finds_the_new_rows():
    """The index's set of a topic is live: a filter made during a load sees the later rows."""
    rows = make_rows(30)
    view = view_of(rows[:10])
    f = Filter(view, "topic:cloud")
    assert f.filtered() == [n for n in range(10) if "Cloud" in rows[n].topics]
    view.add(rows[10:], [None] * 20)
    assert [r.path for r in rows[10:] if f.accepts(r)] == [r.path for r in rows[10:] if "Cloud" in r.topics] != []


def test_search_texts_left_to_the_view_are_made_in_steps_or_when_a_search_needs_them():
    """The loading thread leaves the search texts of the rows it reads (None): a search
    before they are made still finds every row, and made in steps they are the texts
    of the rows as they are then (an edit meanwhile included), reordered or not."""
    rows = make_rows(30)
    view = LibraryView()
    view.add(rows[:20], [None] * 20)
    view.add(rows[20:], [f"precomputed {n}" for n in range(10)])  # a worker's texts are kept
    assert Filter(view, "optical").filtered() == [n for n, r in enumerate(rows[:20]) if "optical" in r.title.casefold()]
    assert Filter(view, "precomputed 3").filtered() == [23]
    fresh = LibraryView()
    fresh.add(rows[:20], [None] * 20)
    rows[7].title = "Edited meanwhile"
    fresh.changed([rows[7].path])
    assert fresh.make_texts(0, 8) == 8
    fresh.reorder(list(range(20))[::-1])  # a sort between two steps
    start = 8
    while start < len(fresh):
        start = fresh.make_texts(start, 8)
    assert start == 20
    assert fresh.haystacks() == [haystack_of(row) for row in fresh.rows]
    assert Filter(fresh, "edited meanwhile").filtered() == [fresh.position(rows[7].path)]


def test_rows_dropped_or_discarded_leave_no_trace_in_the_view():
    rows = make_rows(10)
    view = view_of(rows)
    view.drop(view.position(rows[4].path))
    view.discard([rows[0].path, rows[9].path, "never.md"])
    assert [row.path for row in view.rows] == [row.path for row in rows if row not in (rows[0], rows[4], rows[9])]
    assert len(view.haystacks()) == 7 and Filter(view, "number 4").filtered() == []
    assert view.topic_paths("ai", False).isdisjoint({rows[0].path, rows[9].path})
    assert [view.position(row.path) for row in view.rows] == list(range(7))


def test_the_library_keeps_its_view_in_step(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    view = library.view
    view.reorder(list(range(len(view)))[::-1])
    rel = library.rows[1].path
    (seeds_copy / rel).write_bytes((seeds_copy / rel).read_bytes().replace(b"quality: ", b"quality: 9", 1))
    gone = library.rows[2].path
    (seeds_copy / gone).unlink()
    done = library.refresh()
    assert done.changed == [rel] and done.removed == [gone]
    assert view.rows[view.position(rel)] is library.row(rel)  # the row read again, in the view too
    assert {row.path for row in view.rows} == {row.path for row in library.rows} and len(view) == 4
    library.close()
    assert view.rows == [] and view.haystacks() == []
