"""The fast index gives exactly the values of a full parse, on every shape."""
import pytest

from conftest import SEEDS, corpus_or_skip
from newsdesk.core import Article
from newsdesk.core.indexing.index import article_paths, index_bytes, index_file, row_from_article

pytestmark = pytest.mark.usefixtures("scanner")  # each test with the Python and the compiled scanner

HEAD = ('---\ntitle: "T"\npublishedDateTime: 2023-10-17T00:31:00Z\nquality: 5\npublished: true\n\n'
        'provider:\n  name: P\n\ntopics:\n  - A\n\n')

SHAPES = {
    "simple": HEAD + 'related:\n  - title: "a"\n    webUrl: "u"\n  - title: "b"\n---\n',
    "zero indent list": HEAD + 'related:\n- title: "a"\n- title: "b"\n---\n',
    "multi-line quoted": HEAD + 'related:\n  - title: "a\n  - not an item"\n  - title: "b"\n---\n',
    "block scalar": HEAD + 'related:\n  - excerpt: |\n      - not an item\n  - title: "b"\n---\n',
    "flow list": HEAD + 'related: [{title: a}, {title: b}, {title: c}]\n---\n',
    "empty list": HEAD + 'related: []\n---\n',
    "comment lines": HEAD + 'related:\n  # - not an item\n  - title: "a"\n\n  - title: "b"\n---\n',
    "quoted date": '---\npublishedDateTime: "2023-10-17T00:31:00Z"\ntitle: x\n---\n',
    "star in title": '---\ntitle: "*bold* &amp;"\nquality: 1\n---\n',
    "column-0 continuation": '---\ntitle: "a\nquality: 9"\nquality: 1\n---\n',
    "comment first": '---\n# hi\ntitle: "x"\n---\n',
    "no related": '---\ntitle: x\n---\n',
    "related null": '---\ntitle: x\nrelated:\n---\n',
    "crlf": HEAD.replace("\n", "\r\n") + 'related:\r\n  - title: "a"\r\n  - title: "b"\r\n---\r\n',
    "dash in excerpt": HEAD + 'related:\n  - excerpt: "x\\n  - y"\n  - title: "b"\n---\n',
}


@pytest.mark.parametrize("name", SHAPES)
def test_fast_index_equals_full_parse(name):
    raw = SHAPES[name].encode()
    assert index_bytes(raw, "a.md") == row_from_article(Article.from_bytes(raw), "a.md")


def test_known_counts():
    assert index_bytes(SHAPES["multi-line quoted"].encode(), "a.md").related == 2
    assert index_bytes(SHAPES["block scalar"].encode(), "a.md").related == 2
    assert index_bytes(SHAPES["flow list"].encode(), "a.md").related == 3
    row = index_bytes(SHAPES["simple"].encode(), "a.md")
    assert (row.title, row.quality, row.published, row.provider, row.topics, row.publishedDateTime) == \
        ("T", 5, True, "P", ["A"], "2023-10-17T00:31:00Z")


def test_paths_are_relative_with_forward_slashes(seeds_copy):
    (seeds_copy / "a" / "b").mkdir(parents=True)
    (seeds_copy / "a" / "b" / "x.markdown").write_bytes(SHAPES["simple"].encode())
    (seeds_copy / "notes.json").write_text("{}")
    paths = article_paths(seeds_copy)
    assert len(paths) == 6
    assert index_file(paths[0], seeds_copy).path == "000_6e2a0c9c78a5bcbb.txt"
    assert index_file(seeds_copy / "a" / "b" / "x.markdown", seeds_copy).path == "a/b/x.markdown"
    assert index_file(paths[1], paths[1]).path == paths[1].name


def test_seeds_index_equals_full_parse():
    for path in article_paths(SEEDS):
        raw = path.read_bytes()
        assert index_bytes(raw, path.name) == row_from_article(Article.from_bytes(raw), path.name)


def test_corpus_index_equals_full_parse():
    rows = 0
    for site in ("powerapps", "azure"):
        for path in article_paths(corpus_or_skip(site, "site", "_news")):
            raw = path.read_bytes()
            assert index_bytes(raw, path.name) == row_from_article(Article.from_bytes(raw), path.name), path
            rows += 1
    assert rows > 1000


@pytest.mark.parametrize("text", [
    '---\ntitle: \u00a0\nquality: 1\n---\n',
    '---\ntopics:\n  - \u00a0\n  - A\n---\n',
    '---\ntopics:\n \u00a0- A\n---\n',
    '---\nprovider:\n  name: \u00a0x\u00a0\n---\n',
])
def test_unicode_spaces_are_not_yaml_spaces(text):
    raw = text.encode()
    try:
        full = row_from_article(Article.from_bytes(raw), "a.md")
    except Exception:
        return  # not valid YAML: nothing to compare
    assert index_bytes(raw, "a.md") == full


def test_relpaths_of_many_files_match_relpath_one_by_one(tmp_path):
    import os

    from newsdesk.core.indexing.index import relpath, relpaths
    (tmp_path / "site" / "2024" / "deep").mkdir(parents=True)
    files = [tmp_path / "site" / "a.md", tmp_path / "site" / "2024" / "b.md",
             tmp_path / "site" / "2024" / "deep" / "c d.md", tmp_path / "elsewhere.md"]
    for f in files:
        f.write_text("---\ntitle: x\n---\n")
    keys = [os.path.abspath(f) for f in files]
    root = tmp_path / "site"
    assert relpaths(keys, root) == [relpath(f, root) for f in files] == \
        ["a.md", "2024/b.md", "2024/deep/c d.md", "../elsewhere.md"]
    assert relpaths(keys[:1], files[0]) == ["a.md"]  # a single file opened as the library
