"""The path -> place map both the row store and the view hold (core.library.positions)."""
from newsdesk.core.indexing.index import Row
from newsdesk.core.library.positions import PositionMap
from newsdesk.core.library.rows import RowStore


def rows_named(*names: str) -> list[Row]:
    return [Row(f"{name}.md") for name in names]


def test_the_map_made_in_steps_or_at_once_is_the_same_and_follows_its_holder_s_list():
    rows = rows_named(*"abcdefg")
    stepped, whole = PositionMap(), PositionMap()
    assert not stepped.make(rows, 3) and not stepped.make(rows, 3)  # 6 of 7
    assert stepped.make(rows, 3)
    assert stepped.of(rows) == whole.of(rows) == {f"{c}.md": n for n, c in enumerate("abcdefg")}
    rows += rows_named("h", "i")  # added at the end: mapped when next asked
    assert stepped.of(rows)["i.md"] == 8 and len(stepped.of(rows)) == 9
    reordered = rows[::-1]  # a holder that puts a new list in the old one's place
    stepped.forget()
    assert not stepped.make(reordered, 4)
    assert stepped.of(reordered) == {row.path: n for n, row in enumerate(reordered)}
    stepped.clear()
    assert stepped.of([]) == {}


def test_the_row_store_finds_each_row_after_adds_and_removes():
    store = RowStore()
    store.add(rows_named("a", "b", "c"), [])
    store.add(rows_named("d", "e"), [])
    assert [store.position(f"{c}.md") for c in "abcde"] == list(range(5))
    store.remove(["b.md", "d.md", "never.md"])
    assert [row.path for row in store.rows] == ["a.md", "c.md", "e.md"]
    assert [store.position(p) for p in ("a.md", "c.md", "e.md")] == [0, 1, 2]
    assert "b.md" not in store and store.row("e.md").path == "e.md"
    store.clear()
    assert len(store) == 0 and "a.md" not in store
