"""A file larger than any article (a 3 GB sparse file costs no disk) is refused by name,
without being read: every reader (index, check, set) stays within a small memory bound."""
import os
import subprocess
import sys

import pytest

from newsdesk.core.files.disk import MAX_ARTICLE_BYTES

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS and sparse files (POSIX)")

GOOD = b"---\ntitle: \"Fine\"\npublished: false\n---\nBody\n"


def site(tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "good.md").write_bytes(GOOD)
    with open(folder / "huge.md", "wb") as f:
        f.write(GOOD)
        f.truncate(3 * 2**30)  # sparse: 3 GB that take no room
    return folder


def run(*args, cache):
    def limit():
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # reading 3 GB whole cannot fit
    env = dict(os.environ, NEWSDESK_CACHE_DIR=str(cache))
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True, text=True,
                          env=env, preexec_fn=limit, timeout=120)


@pytest.mark.parametrize("command", [["index"], ["index", "--json"], ["check"], ["set", "published=true", "--all"]])
def test_a_3_gb_file_is_refused_by_name_and_the_others_are_read(tmp_path, command):
    folder = site(tmp_path)
    args = [command[0], str(folder), *command[1:]]
    out = run(*args, cache=tmp_path / "cache")
    said = out.stdout + out.stderr
    assert "huge.md" in said and "too large to be an article (3.0 GB" in said, said
    assert "Traceback" not in said and "MemoryError" not in said
    assert out.returncode == 1
    if command[0] == "set":
        assert b"published: true" in (folder / "good.md").read_bytes()
    elif command[0] == "index":
        assert "Fine" in out.stdout


def test_a_file_that_grows_past_the_cap_after_its_stat_is_not_read_whole(tmp_path, monkeypatch):
    from newsdesk.core.files import saving
    from newsdesk.core.problems import ArticleProblem
    path = tmp_path / "a.md"
    path.write_bytes(GOOD)
    real_fstat = os.fstat

    def small_fstat(fd):  # the stat says small; the file is not
        st = real_fstat(fd)
        return os.stat_result((st.st_mode, *st[1:6], 10, *st[7:]))
    monkeypatch.setattr(saving.os, "fstat", small_fstat)
    with open(path, "r+b") as f:
        f.truncate(MAX_ARTICLE_BYTES + 1)
    with pytest.raises(ArticleProblem) as caught:
        saving.read_bytes(path)
    assert "too large to be an article" in caught.value.message
