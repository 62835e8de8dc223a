"""The core Library the window sits on: rows, drafts, topics, saving."""
import datetime as dt

from newsdesk.core.library import Library


def test_topic_counts_follow_edits_and_undo(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    assert library.topics()["AI"] == 5 and "Zebra" not in library.topics()
    rel = library.rows[0].path
    before = library.draft(rel).data
    library.set_data(rel, library.preview(rel, "insert", ("topics",), 0, "Zebra"))
    library.set_data(rel, library.preview(rel, "remove", ("topics",), library.draft(rel).data["topics"].index("AI")))
    assert library.topics()["Zebra"] == 1 and library.topics()["AI"] == 4
    library.set_data(rel, before)  # what undo does
    assert "Zebra" not in library.topics() and library.topics()["AI"] == 5


def test_rows_follow_edits_and_saves(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    when = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    library.set_data(rel, library.preview(rel, "set", ("publishedDateTime",), when))
    row = library.rows[library.position(rel)]
    assert row.publishedDateTime == "2030-01-02T03:04:05Z" and row.timestamp == 1893553445.0
    assert library.dirty() == [rel] and library.unpublished() == 5
    assert library.save_all() == [] and library.dirty() == []
    assert b"publishedDateTime: 2030-01-02T03:04:05Z\n" in (seeds_copy / rel).read_bytes()
