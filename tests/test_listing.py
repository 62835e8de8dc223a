"""`newsdesk index --json` of an unchanged folder from the last listing: the same lines."""
import os

from newsdesk.cli import main
from newsdesk.core.indexing import listing


def lines(capsys, *args):
    code = main(["index", *map(str, args), "--json"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_warm_listing_prints_what_reading_prints(seeds_copy, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    (seeds_copy / "broken.md").write_bytes(b"---\ntitle: [\n---\n")
    reading = lines(capsys, seeds_copy, "--no-cache")
    assert reading[0] == 1 and "broken.md:2: invalid YAML" in reading[2]
    assert lines(capsys, seeds_copy) == reading  # builds the listing
    assert listing.listing_file(seeds_copy, tmp_path / "cache").exists()

    def no_index(*args, **kwargs):
        raise AssertionError("the index was asked for an unchanged file")
    import newsdesk.core.indexing.pipeline as pipeline
    monkeypatch.setattr(pipeline, "index_all", lambda paths, root, c=None: [
        no_index() if not str(p).endswith("broken.md") else pipeline.index_files([p], root, c)[0] for p in paths])
    assert lines(capsys, seeds_copy) == reading  # only the unreadable file is read again


def test_a_changed_file_gets_its_new_line(seeds_copy, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    lines(capsys, seeds_copy)
    first = sorted(seeds_copy.iterdir())[0]
    stat = first.stat()
    first.write_bytes(first.read_bytes().replace(b"quality: 43", b"quality: 44"))  # same size
    os.utime(first, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    code, out, _ = lines(capsys, seeds_copy)
    assert code == 0 and '"quality": 44' in out.splitlines()[0]
    assert (code, out) == lines(capsys, seeds_copy, "--no-cache")[:2]


def test_a_damaged_listing_is_ignored(seeds_copy, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "cache"))
    expected = lines(capsys, seeds_copy, "--no-cache")
    lines(capsys, seeds_copy)
    store = listing.listing_file(seeds_copy, tmp_path / "cache")
    for damage in (b"garbage", b"", store.read_bytes()[:100]):
        store.write_bytes(damage)
        assert lines(capsys, seeds_copy) == expected
