"""Review state: kept beside the site, keyed by what the editor saw, shared by every process."""
import datetime as dt
import subprocess
import sys

import pytest

from newsdesk.core.editorial.review import REVIEW_FIELDS, ReviewState, ReviewStore, store_path
from newsdesk.core.editorial.search import SearchError, compile_query
from newsdesk.core.indexing.index import Row

NEW, REVIEWED, FLAGGED = ReviewState.NEW, ReviewState.REVIEWED, ReviewState.FLAGGED


def article(**over) -> dict:
    data = {"title": "Azure gets a new region", "excerpt": "Microsoft opens…", "webUrl": "https://a.example/1",
            "originalUrl": "https://a.example/1", "provider": {"name": "Microsoft", "domain": "microsoft.com"},
            "quality": 40, "published": False, "topics": ["Azure"], "related": [{"title": "x"}], "heat": 3}
    data.update(over)
    return data


@pytest.fixture
def store(tmp_path):
    s = ReviewStore(store_path(tmp_path / "site", tmp_path / "data"))
    yield s
    s.close()


def test_never_seen_is_new_and_a_mark_sticks(store):
    assert store.state("a.md", article()) is NEW
    store.mark({"a.md": article()}, REVIEWED)
    assert store.state("a.md", article()) is REVIEWED
    store.mark({"a.md": article()}, NEW)
    assert store.state("a.md", article()) is NEW


def test_pipeline_rewrites_and_own_curation_keep_the_review(store):
    store.mark({"a.md": article()}, REVIEWED)
    rewritten = article(related=[{"title": "y"}, {"title": "z"}], heat=90, images=[{"url": "u"}],
                        quality=80, published=True, topics=["AI"])
    assert store.state("a.md", rewritten) is REVIEWED


@pytest.mark.parametrize("field, value", [("title", "Another title"), ("excerpt", "Another excerpt"),
                                          ("webUrl", "https://b.example/2"),
                                          ("provider", {"name": "Other", "domain": "o.example"})])
def test_a_new_title_excerpt_address_or_provider_makes_it_new_again(store, field, value):
    store.mark({"a.md": article()}, FLAGGED)
    assert store.state("a.md", article(**{field: value})) is NEW


def test_index_rows_and_article_data_give_the_same_state(store):
    data = article()
    row = Row(path="a.md", title=data["title"], excerpt=data["excerpt"], webUrl=data["webUrl"],
              originalUrl=data["originalUrl"], provider="Microsoft", domain="microsoft.com")
    store.mark({"a.md": data}, REVIEWED)
    assert store.state("a.md", row) is REVIEWED


def test_other_fields_can_count_without_resetting_old_records(tmp_path):
    path = store_path(tmp_path / "site", tmp_path / "data")
    first = ReviewStore(path)
    first.mark({"a.md": article(publishedDateTime="2024-01-01T00:00:00Z")}, REVIEWED)
    first.close()
    strict = ReviewStore(path, fields=REVIEW_FIELDS + ("publishedDateTime",))
    assert strict.state("a.md", article(publishedDateTime="2024-01-01T00:00:00Z")) is REVIEWED
    assert strict.state("a.md", article(publishedDateTime="2025-01-01T00:00:00Z")) is NEW
    strict.close()


def test_flag_toggles(store):
    assert store.toggle_flag({"a.md": article(), "b.md": article()}) is FLAGGED
    assert store.states({"a.md": article(), "b.md": article()}) == {"a.md": FLAGGED, "b.md": FLAGGED}
    assert store.toggle_flag({"a.md": article()}) is REVIEWED


def test_reviewed_today_counts_only_today(store):
    store.mark({"a.md": article(), "b.md": article()}, REVIEWED)
    store.mark({"c.md": article()}, FLAGGED)
    assert store.reviewed_today() == 2
    tomorrow = dt.datetime.now().astimezone() + dt.timedelta(days=1)
    assert store.reviewed_today(tomorrow) == 0


def test_names_that_are_not_utf8_are_keys_like_any_other(store):
    rel = b"caf\xe9.md".decode("utf-8", "surrogateescape")
    store.mark({rel: article()}, REVIEWED)
    assert store.state(rel, article()) is REVIEWED
    assert store.state("café.md", article()) is NEW


def test_many_articles_at_once(store):
    many = {f"{n:05d}.md": article(title=f"t{n}") for n in range(5000)}
    store.mark({k: v for k, v in many.items() if k < "02500"}, REVIEWED)
    states = store.states(many)
    assert sum(s is REVIEWED for s in states.values()) == 2500
    assert states["04999.md"] is NEW


def test_another_process_sees_a_mark_at_once_and_a_damaged_record_is_just_new(tmp_path):
    path = store_path(tmp_path / "site", tmp_path / "data")
    code = ("import sys; from newsdesk.core.editorial.review import ReviewStore, ReviewState; "
            "s = ReviewStore(sys.argv[1]); s.mark({'a.md': {'title': 'T'}}, ReviewState.FLAGGED)")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    store = ReviewStore(path)
    assert store.state("a.md", {"title": "T"}) is FLAGGED
    store._db.execute("UPDATE review SET sig = 'damaged'")
    assert store.state("a.md", {"title": "T"}) is NEW
    store._db.execute("UPDATE review SET seen = 'not json', sig_fields = 'title'")
    assert store.state("a.md", {"title": "T"}) is NEW
    store.close()


def test_sites_get_their_own_file(tmp_path):
    a = store_path(tmp_path / "one" / "site", tmp_path / "data")
    b = store_path(tmp_path / "two" / "site", tmp_path / "data")
    assert a != b and a.parent == b.parent and a.name.startswith("site-")


def test_review_search_term():
    states = {"a.md": "new", "b.md": "reviewed", "c.md": "flagged"}
    rows = [Row(path=p, title="x") for p in states]
    for wanted in ("new", "reviewed", "flagged"):
        pred = compile_query(f"review:{wanted}", review_of=states.get)
        assert [r.path for r in rows if pred(r)] == [p for p, s in states.items() if s == wanted]
    pred = compile_query("-review:new x", review_of=states.get)
    assert [r.path for r in rows if pred(r)] == ["b.md", "c.md"]
    with pytest.raises(SearchError, match="review takes"):
        compile_query("review:maybe", review_of=states.get)
    with pytest.raises(SearchError, match="review records"):
        compile_query("review:new")


def test_newsdesk_index_json_review_reports_the_windows_states(seeds_copy, tmp_path):
    import json
    import os

    from newsdesk.core.files.paths import data_dir
    from newsdesk.core.library.library import Library
    library = Library(seeds_copy)
    library.load()
    rows = library.rows
    store = ReviewStore(store_path(seeds_copy, data_dir()))
    store.mark({rows[0].path: rows[0]}, REVIEWED)
    store.mark({rows[1].path: rows[1]}, FLAGGED)
    store.close()
    r = subprocess.run([sys.executable, "-m", "newsdesk", "index", str(seeds_copy), "--json", "--review"],
                       capture_output=True, text=True, timeout=60, env=dict(os.environ))
    assert r.returncode == 0, r.stderr
    states = {d["path"]: d["review"] for d in map(json.loads, r.stdout.splitlines())}
    assert states[rows[0].path] == "reviewed" and states[rows[1].path] == "flagged"
    assert sorted(states.values()).count("new") == len(rows) - 2
