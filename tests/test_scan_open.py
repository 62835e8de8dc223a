"""The compiled stat of a batch (_scan_open.c) gives walk.stamps's answers, key for key, so
rows cached by either process match; the pipeline uses it where the scanner is built."""
import os

import pytest

from newsdesk.core.files.walk import stamps
from newsdesk.core.indexing import pipeline

compiled = pytest.mark.skipif(pipeline.stamps_compiled is None,
                              reason="the compiled scanner (_scan) is not built here, or this is Windows")


@compiled
def test_the_compiled_stamps_are_the_pythons(seeds_copy, tmp_path):
    keys = [str(p) for p in sorted(seeds_copy.iterdir())]
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere")
    (tmp_path / "linked.md").symlink_to(seeds_copy / "000_6e2a0c9c78a5bcbb.txt")
    odd = os.path.join(os.fsencode(tmp_path), b"caf\xe9.md")  # a name that is not UTF-8
    with open(odd, "wb") as f:
        f.write(b"---\ntitle: x\n---\n")
    os.utime(keys[0], ns=(0, -1_500_000_000))  # before 1970, with nanoseconds
    os.utime(keys[1], ns=(0, 4_000_000_000 * 10**9 + 7))  # far ahead (year 2096)
    try:
        os.utime(keys[3], ns=(0, 10_000_000_000 * 10**9 + 5))  # past 64 bits of nanoseconds (year 2286)
    except OSError:
        pass  # a file system that cannot say it
    keys += [str(tmp_path / "dangling.md"), str(tmp_path / "linked.md"), os.fsdecode(odd),
             str(tmp_path / "missing.md"), str(seeds_copy), "relative/missing.md", keys[2]]
    got = pipeline.stamps_compiled(keys)
    assert got == stamps(keys)
    assert len(got) == 5 + 3 and str(tmp_path / "dangling.md") not in got


@compiled
def test_the_compiled_stamps_refuse_what_os_stat_refuses():
    with pytest.raises(ValueError):
        pipeline.stamps_compiled(["a\0b.md"])
    with pytest.raises(UnicodeEncodeError):
        pipeline.stamps_compiled(["\ud800.md"])
    assert pipeline.stamps_compiled([]) == {}


@compiled
def test_the_pipeline_stats_with_the_compiled_one():
    assert pipeline._stamps is pipeline.stamps_compiled
