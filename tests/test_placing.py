"""Rows from disk go where the sort puts them (core.library.placing), the others staying."""
import random
from types import SimpleNamespace

import pytest

from newsdesk.core.library.placing import order_with_runs, place_of, runs_in_order


def rows_of(*values):
    return [SimpleNamespace(v=v, path=f"{n}_{v}") for n, v in enumerate(values)]


def key(row):
    return row.v


def test_a_row_goes_after_its_equals_as_a_stable_sort_puts_a_row_read_last():
    rows = rows_of(1, 3, 3, 5)
    assert place_of(rows, key, 3) == 3 and place_of(rows, key, 0) == 0 and place_of(rows, key, 9) == 4
    down = rows_of(5, 3, 3, 1)
    assert place_of(down, key, 3, reverse=True) == 3 and place_of(down, key, 9, reverse=True) == 0


def test_an_edited_row_out_of_place_does_not_move_and_does_not_stop_the_placing():
    rows = rows_of(1, 2, 99, 4, 5)   # 99 was edited in place: the table keeps it there
    runs = runs_in_order(rows, key, rows_of(3), False)
    assert len(runs) == 1 and runs[0][0] in (2, 3)   # next to its neighbours, not at the end


@pytest.mark.parametrize("seed", range(40))
def test_runs_and_the_one_layout_order_give_the_same_sorted_rows(seed):
    rng = random.Random(seed)
    reverse = rng.random() < 0.5
    rows = sorted(rows_of(*(rng.randint(0, 20) for _ in range(rng.randint(0, 30)))), key=key, reverse=reverse)
    new = rows_of(*(rng.randint(-2, 22) for _ in range(rng.randint(1, 12))))
    runs = runs_in_order(rows, key, new, reverse)
    one_by_one = list(rows)
    for place, run in runs:
        one_by_one[place:place] = run
    assert [r.v for r in one_by_one] == sorted((r.v for r in rows + new), reverse=reverse)
    appended = rows + [row for _, run in runs for row in run]
    order = order_with_runs(len(rows), runs)
    assert sorted(order) == list(range(len(appended)))
    assert [appended[n] for n in order] == one_by_one
