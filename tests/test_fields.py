"""The field table (core/fields.py) is the one place that knows a field: one entry added
there reaches the index row, the fast and the full reader, the cache, the JSON output,
the search language, the schema, the table's warning mark, the panel's values shown from
the index, edits in the window's library and `newsdesk set`."""
import json
import subprocess
import sys
import textwrap

import pytest

from newsdesk.core import fields
from newsdesk.core.document.schema import field_problems
from newsdesk.core.editorial import search
from newsdesk.core.indexing.index import Row

# Run in a fresh interpreter: the table is read when the modules that use it are imported.
ONE_MORE_FIELD = textwrap.dedent('''
    import json, sys, types, datetime as dt
    from pathlib import Path
    from newsdesk.core import fields
    fields.TABLE = fields.FieldTable(fields.FIELDS + (
        fields.Field("region", "text", json=True, search="region", words=True, reading=True),
        fields.Field("score", "whole", search="score", note=True),
    ))
    from newsdesk.core import Article
    from newsdesk.core.indexing.index import index_bytes, row_from_article, refill
    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.indexing.listing import json_line
    from newsdesk.core.editorial.search import compile_query
    from newsdesk.core.document.schema import field_problems, problems_of
    from newsdesk.cli import main
    from newsdesk.ui import detail, table_model

    folder = Path(sys.argv[1])
    raw = (folder / "a.md").read_bytes()
    fast, full = index_bytes(raw, "a.md"), row_from_article(Article.from_bytes(raw), "a.md")
    cache = IndexCache(folder.parent / "cache.sqlite3")
    cache.store({"/x/a.md": ((1, 1), fast)})
    cached = cache.lookup({"/x/a.md": (1, 1)})["/x/a.md"]
    edited = refill(index_bytes(raw, "a.md"), {"region": "apac"}, ["region"])
    found = {q: compile_query(q)(fast) for q in ("region:emea", "region:apac", "score>5", "score<5", "emea")}
    bad = index_bytes(raw.replace(b"score: 7", b"score: high"), "a.md")
    # the table model's notes and the panel's reading state, each run on a stand-in for its widget
    no_disk_news = types.SimpleNamespace(library=types.SimpleNamespace(on_disk={}))
    noted = table_model.ArticleTableModel.notes(no_disk_news, bad)
    nothing = lambda *a, **k: None
    panel = types.SimpleNamespace(rel="a.md", _set_enabled=nothing, _fill=nothing,
                                  related_pane=types.SimpleNamespace(show_reading=nothing))
    detail.DetailPanel._show_reading(panel, fast)
    code = main(["set", str(folder), "region=nordics", "--all"])
    print(json.dumps({
        "fast": [fast.region, fast.score], "full": [full.region, full.score], "same": fast == full,
        "cached": [cached.region, cached.score], "edited": edited.region, "json": json.loads(json_line(fast)),
        "found": found, "problems": field_problems("region", 5) + field_problems("score", "high"),
        "item": problems_of({"related": [{"region": 5}]}), "set": code, "noted": noted,
        "reading": panel.data,
        "written": (folder / "a.md").read_text(),
    }))
''')

ARTICLE = ('---\ntitle: "Chips"\nregion: emea\nscore: 7\npublished: false\n\n'
           'provider:\n  name: P\n  domain: p.com\n---\n')


def test_one_entry_in_the_table_reaches_every_reader_of_a_field(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "a.md").write_text(ARTICLE)
    env_dirs = {"NEWSDESK_CACHE_DIR": str(tmp_path / "caches"), "NEWSDESK_DATA_DIR": str(tmp_path / "data")}
    import os
    done = subprocess.run([sys.executable, "-c", ONE_MORE_FIELD, str(folder)], capture_output=True, text=True,
                          env={**os.environ, **env_dirs}, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["fast"] == seen["full"] == seen["cached"] == ["emea", 7] and seen["same"]
    assert seen["edited"] == "apac"
    assert list(seen["json"])[-1] == "region" and seen["json"]["region"] == "emea" and "score" not in seen["json"]
    assert seen["found"] == {"region:emea": True, "region:apac": False, "score>5": True, "score<5": False,
                             "emea": True}
    assert seen["problems"] == ["region must be text, not 5", "score must be a whole number, not 'high'"]
    assert seen["item"] == ["related[0].region must be text, not 5"]
    assert seen["set"] == 0 and "\nregion: nordics\n" in seen["written"]
    assert seen["noted"] == ["score must be a whole number, not 'high'"]
    assert seen["reading"]["region"] == "emea" and "score" not in seen["reading"]


def test_the_table_says_which_fields_the_mark_checks_and_the_panel_shows_while_reading():
    """What the table model's notes and the panel's reading state read (they read nothing
    else: the fresh interpreter above shows a new entry reaching them)."""
    assert [f.key for f in fields.TABLE.noted] == ["title", "published", "quality", "heat", "topics"]
    row = Row("a.md", title="T", excerpt="E", category="C", webUrl="w", originalUrl="o", published=False,
              quality=5, heat=1, provider="P", domain="p.com", publishedDateTime="2024-01-02", topics=["AI"])
    shown = fields.TABLE.reading_values(row)
    assert shown == {"title": "T", "excerpt": "E", "category": "C", "webUrl": "w", "originalUrl": "o",
                     "published": False, "quality": 5, "provider": {"name": "P"},
                     "publishedDateTime": "2024-01-02", "topics": ["AI"]}
    assert shown["topics"] is not row.topics  # the panel's list is its own
    from newsdesk.core.document.schema import row_problems
    said = field_problems("quality", "high")
    assert said and row_problems(Row("a.md", quality="high", topics=[])) == said
    assert row_problems(Row("a.md")) == []  # a field the file does not have is no problem


def test_without_the_entry_none_of_that_is_known(seeds_copy, capsys):
    """The test above is not true of any key: the table as shipped knows no region."""
    assert not hasattr(Row("a.md"), "region")
    assert field_problems("region", 5) == []
    assert "region" not in search.FIELDS
    from newsdesk.cli import main
    assert main(["set", str(seeds_copy), "region=nordics", "--all"]) == 2
    assert "region: not a known field" in capsys.readouterr().err


def test_the_json_output_keeps_the_fields_the_readme_lists():
    """`newsdesk index --json` is read by scripts: its keys and their order are a promise."""
    assert fields.TABLE.json_keys == ("path", "title", "published", "quality", "heat", "provider",
                                     "publishedDateTime", "topics", "related")


def test_the_search_names_of_the_table():
    assert set(search.FIELDS) == {"title", "excerpt", "provider", "url", "topic", "quality", "heat", "related",
                                  "published", "date", "review"}
    assert fields.TABLE.search["url"] == ("text", ("webUrl", "originalUrl"))
    assert fields.TABLE.search["provider"] == ("text", ("provider", "domain"))
    assert fields.TABLE.search["date"] == ("date", ("timestamp",))


@pytest.mark.parametrize("entries, message", [
    ((fields.Field("title", "text"), fields.Field("title", "whole")), "declared twice"),
    ((fields.Field("a", "text", search="x"), fields.Field("b", "whole", search="x")), "different kinds"),
    ((fields.Field("a", "colour"),), "unknown rule"),
    ((fields.Field("a", "date", read="date"), fields.Field("b", "date", read="date")), "one date field"),
    ((fields.Field("a", "text", read=None, note=True),), "needs the value in the row"),
    ((fields.Field("a", "related", read="count", reading=True),), "needs the value in the row"),
])
def test_a_table_that_cannot_work_is_refused_at_import(entries, message):
    with pytest.raises(ValueError, match=message):
        fields.FieldTable(entries)
