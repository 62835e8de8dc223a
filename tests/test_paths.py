"""One module names the user's folders, with one application name in every path."""
import sys

import pytest

from newsdesk.core.editorial.journal import Journal
from newsdesk.core.files import paths
from newsdesk.core.indexing.cache import IndexCache


def test_environment_folders_win(monkeypatch, tmp_path):
    monkeypatch.setenv("NEWSDESK_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(tmp_path / "d"))
    assert paths.cache_dir() == tmp_path / "c" and paths.images_dir() == tmp_path / "c" / "images"
    assert IndexCache().path.parent == tmp_path / "c"
    assert Journal(tmp_path).path.parent == tmp_path / "d" / "journal"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG layout")
def test_linux_folders_follow_xdg_with_one_name(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWSDESK_CACHE_DIR")
    monkeypatch.delenv("NEWSDESK_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/ignored")
    assert paths.cache_dir() == tmp_path / ".cache" / "newsdesk"
    assert paths.images_dir() == tmp_path / ".cache" / "newsdesk" / "images"  # was ~/.cache/Newsdesk/Newsdesk/images
    assert paths.data_dir() == tmp_path / ".local" / "share" / "newsdesk"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xc"))
    assert IndexCache().path.parent == tmp_path / "xc" / "newsdesk"
