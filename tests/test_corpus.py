"""The real edit history of two public sites, replayed through the editing code."""
import sys

import pytest

from conftest import ROOT, corpus_or_skip

sys.path.insert(0, str(ROOT / "bench"))
import replay  # noqa: E402  (bench/replay.py: the same code the benchmark runs)


@pytest.mark.parametrize("site", ["powerapps", "azure"])
def test_history_replays_byte_for_byte(site):
    corpus = corpus_or_skip(site)
    pairs = replay.pairs_of(corpus)
    counts = replay.replay(pairs, replay.newsdesk_edit)
    assert counts["failed"] == 0 and counts["wrong"] == 0, counts
    assert counts["exact"] / counts["n"] >= 0.995, counts


@pytest.mark.parametrize("site", ["powerapps", "azure"])
def test_history_replays_the_same_without_the_node_tree(site):
    """Edits made entry by entry (no whole-file node tree) give the same bytes as with
    it, on every 8th pair of the real history (all of it: bench/replay.py)."""
    from newsdesk.core import Article
    from newsdesk.core.document.values import patch_between

    corpus = corpus_or_skip(site)
    checked = 0
    for before, after in replay.pairs_of(corpus)[::8]:
        raw = before.read_bytes()
        patch = patch_between(Article.from_bytes(raw).data, Article.from_bytes(after.read_bytes()).data)
        assert replay.newsdesk_edit_without_tree(raw, patch) == replay.newsdesk_edit(raw, patch), before
        checked += 1
    assert checked > 100


@pytest.mark.parametrize("site", ["powerapps", "azure"])
def test_noop_patch_leaves_every_file_identical(site):
    corpus = corpus_or_skip(site)
    befores = sorted({b for b, _ in replay.pairs_of(corpus)})
    assert replay.noop(befores, replay.newsdesk_edit) == 100.0


def test_parser_equals_stock_pyyaml_on_every_article():
    """The core's constructor (strings taken as they are, duplicates refused) gives
    exactly what PyYAML's own safe loader gives, types included."""
    import yaml

    from newsdesk.core import Article
    from newsdesk.core.document.values import same
    from newsdesk.core.indexing.index import article_paths

    stock = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    checked = 0
    for site in ("powerapps", "azure"):
        for path in article_paths(corpus_or_skip(site, "site", "_news")):
            article = Article.from_bytes(path.read_bytes())
            assert same(article.data, yaml.load(article.source.front, Loader=stock)), path
            checked += 1
    assert checked > 1000
