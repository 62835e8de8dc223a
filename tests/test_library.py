"""The core Library the window sits on: rows, drafts, topics, saving."""
import datetime as dt

from newsdesk.core.document.article import MISSING
from newsdesk.core.document.edits import Insert, Remove, RemoveAll, Set
from newsdesk.core.library.library import Library


def test_topic_counts_follow_edits_and_undo(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    assert library.topics()["AI"] == 5 and "Zebra" not in library.topics()
    rel = library.rows[0].path
    before = library.draft(rel).data
    library.set_data(rel, library.preview(rel, Insert(("topics",), 0, "Zebra")))
    library.set_data(rel, library.preview(rel, Remove(("topics",), library.draft(rel).data["topics"].index("AI"))))
    assert library.topics()["Zebra"] == 1 and library.topics()["AI"] == 4
    library.set_data(rel, before)  # what undo does
    assert "Zebra" not in library.topics() and library.topics()["AI"] == 5


def test_rows_follow_edits_and_saves(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    when = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    library.set_data(rel, library.preview(rel, Set(("publishedDateTime",), when)))
    row = library.rows[library.position(rel)]
    assert row.publishedDateTime == "2030-01-02T03:04:05Z" and row.timestamp == 1893553445.0
    assert library.dirty() == [rel] and library.unpublished() == 5
    assert library.save_all() == [] and library.dirty() == []
    assert b"publishedDateTime: 2030-01-02T03:04:05Z\n" in (seeds_copy / rel).read_bytes()


def test_one_edit_previewed_over_many_articles_names_those_that_refuse_it(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    rels = [row.path for row in library.rows]
    odd = rels[1]
    (seeds_copy / odd).write_bytes((seeds_copy / odd).read_bytes().replace(b"\ntopics:\n", b"\ntopics: AI\nold:\n"))
    changes, problems = library.previews(rels, RemoveAll(("topics",), "AI"))
    assert sorted(changes) == sorted(r for r in rels if r != odd)
    assert [(str(p.path), p.message) for p in problems] == [(str(seeds_copy / odd), "topics is not a list")]
    assert all(after["topics"] is MISSING or "AI" not in after["topics"] for _, after in changes.values())
    assert library.dirty() == []                                                # nothing changed yet
    assert library.previews(rels, RemoveAll(("topics",), "AI"), lambda done, total: done < 2) is None  # stopped
    assert library.retopic({"AI": None}, lambda done, total: False) == {}


def test_retopic_renames_merges_and_deletes_changing_only_topic_lines(seeds_copy):
    import difflib
    library = Library(seeds_copy)
    library.load()
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    counts = library.topics()
    changes = library.retopic({"AI Hardware": "Hardware", "AWS AI": "AI", "Microsoft AI": None})
    for rel, (_, after) in changes.items():
        library.set_data(rel, after)
    topics = library.topics()
    assert "AI Hardware" not in topics and "Microsoft AI" not in topics and "AWS AI" not in topics
    assert topics["Hardware"] == counts["AI Hardware"] and topics["AI"] == counts["AI"]  # merged, not doubled
    assert library.save_all() == []
    for path in seeds_copy.iterdir():
        old, new = before[path.name].decode().splitlines(), path.read_bytes().decode().splitlines()
        changed = [line for line in difflib.ndiff(old, new) if line[:1] in "+-"]
        assert all(line[2:].startswith("  - ") for line in changed), changed  # only topic items
        top = new.index("topics:") if "topics:" in new else None
        if top is not None:
            items = []
            for line in new[top + 1:]:
                if not line.startswith("  - "):
                    break
                items.append(line[4:])
            assert len(items) == len(set(items))


def test_bulk_edit_after_prefetch_in_workers_writes_the_same_bytes(tmp_path):
    import shutil

    from conftest import SEEDS
    sites = []
    for name in ("prefetched", "one_by_one"):
        folder = tmp_path / name
        folder.mkdir()
        for n in range(60):
            seed = sorted(SEEDS.iterdir())[n % 5]
            shutil.copy(seed, folder / f"{n:03d}_{seed.name}")
        library = Library(folder)
        library.load()
        sites.append((folder, library))
    (a, fast), (b, slow) = sites
    rels = [row.path for row in fast.rows]
    fast.prefetch(rels)
    assert all(fast.loaded(rel) and fast.draft(rel).article.tree is None for rel in rels)  # parsed elsewhere
    for library in (fast, slow):
        for rel in rels:
            library.set_data(rel, library.preview(rel, Set(("published",), True)))
        assert library.save_all() == []
    assert {p.name: p.read_bytes() for p in a.iterdir()} == {p.name: p.read_bytes() for p in b.iterdir()}
    assert all(b"published: true" in p.read_bytes() for p in a.iterdir())


def test_unpublished_count_follows_edits_disk_and_removal(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    count = lambda: sum(1 for r in library.rows if r.published is not True)  # noqa: E731
    assert library.unpublished() == count() == 5
    rel = library.rows[0].path
    library.set_data(rel, library.preview(rel, Set(("published",), True)))
    assert library.unpublished() == count() == 4
    (seeds_copy / library.rows[1].path).unlink()
    library.refresh()
    assert library.unpublished() == count() == 3


def test_an_article_parsed_elsewhere_is_adopted_only_while_its_file_is_unchanged(seeds_copy):
    import os

    from newsdesk.core.indexing.pipeline import load_in_worker
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    stamp = library.stamp(rel)
    result = load_in_worker(str(seeds_copy / rel))
    # the file is rewritten (same size, later mtime) between the parse and its adoption
    path = seeds_copy / rel
    os.utime(path, ns=(stamp[1] + 10**9, stamp[1] + 10**9))
    assert not library.adopt(rel, result, stamp) and not library.loaded(rel)
    stamp = library.stamp(rel)
    assert library.adopt(rel, load_in_worker(str(path)), stamp)
    assert library.draft(rel).data["title"] == library.rows[0].title
    library.set_data(rel, library.preview(rel, Set(("quality",), 7)))  # an edited draft is never replaced
    assert not library.adopt(rel, load_in_worker(str(path)), stamp)
    assert library.draft(rel).data["quality"] == 7
    assert not library.adopt("gone.md", load_in_worker(str(seeds_copy / "gone.md")), None)
