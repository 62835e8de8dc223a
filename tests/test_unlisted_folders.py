"""A folder of the site that cannot be listed is a problem naming it, never a silent hole:
`check` used to say "1 articles checked, 0 with problems" and exit 0."""
import os

import pytest

from newsdesk.cli import main
from newsdesk.core.library.library import Library

GOOD = b"---\ntitle: \"Fine\"\npublished: false\n---\n"


@pytest.fixture
def site(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.md").write_bytes(GOOD)
    (folder / "locked" / "hidden-from-us.md").write_bytes(GOOD)
    locked = os.fspath(folder / "locked")
    real = os.scandir

    def scandir(path="."):  # as chmod 000 does for anyone but root
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", locked)
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    return folder


@pytest.mark.parametrize("command", [["check"], ["index"], ["set", "published=true", "--all"]])
def test_a_folder_that_cannot_be_listed_is_named_and_fails_the_command(site, capsys, command):
    assert main([command[0], str(site), *command[1:]]) == 1
    out = capsys.readouterr()
    said = out.out + out.err
    assert "locked: is a folder that cannot be listed (permission denied)" in said.lower(), said


def test_the_window_library_lists_it_as_a_problem_and_keeps_it_after_a_rescan(site):
    library = Library(site)
    library.load()
    assert [os.path.basename(str(p.path)) for p in library.problems] == ["locked"]
    assert "cannot be listed" in library.problems[0].message
    (site / "new.md").write_bytes(GOOD)
    library.refresh()
    assert [os.path.basename(str(p.path)) for p in library.problems] == ["locked"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root lists any folder")
def test_a_folder_without_read_permission(tmp_path, capsys):
    folder = tmp_path / "site"
    (folder / "locked").mkdir(parents=True)
    (folder / "good.md").write_bytes(GOOD)
    (folder / "locked").chmod(0)
    try:
        assert main(["check", str(folder)]) == 1
        assert "cannot be listed" in capsys.readouterr().out
    finally:
        (folder / "locked").chmod(0o755)


def test_check_counts_one_article_in_the_singular(tmp_path, capsys):
    (tmp_path / "a.md").write_bytes(GOOD)
    assert main(["check", str(tmp_path)]) == 0
    assert "1 article checked, 0 with problems" in capsys.readouterr().err
