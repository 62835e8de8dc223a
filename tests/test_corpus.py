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
def test_noop_patch_leaves_every_file_identical(site):
    corpus = corpus_or_skip(site)
    befores = sorted({b for b, _ in replay.pairs_of(corpus)})
    assert replay.noop(befores, replay.newsdesk_edit) == 100.0
