"""The git support on real repositories made for each test (skipped without git)."""
import os
import shutil
import subprocess
import sys

import pytest

from newsdesk.core.editorial.git import GitError, GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd, *args):
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True).stdout


def make_repo(path, seeds):
    shutil.copytree(seeds, path / "site" / "_news")
    git(path, "init", "-q", "-b", "main")
    git(path, "config", "user.email", "editor@example.com")
    git(path, "config", "user.name", "Editor")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "start")
    return path / "site" / "_news"


def test_not_a_work_tree(tmp_path, seeds_copy):
    assert GitRepo.find(seeds_copy) is None or GitRepo.find(seeds_copy).top != seeds_copy


def test_status_commit(tmp_path, seeds_copy):
    news = make_repo(tmp_path / "repo", seeds_copy)
    repo = GitRepo.find(news)
    assert repo.top == (tmp_path / "repo").resolve() and repo.status(news) == {}
    a = "000_6e2a0c9c78a5bcbb.txt"
    (news / a).write_bytes((news / a).read_bytes().replace(b"quality: 43", b"quality: 44"))
    (news / "new.txt").write_bytes((news / a).read_bytes())
    assert repo.status(news) == {a: "modified", "new.txt": "new"}
    repo.commit([news / a, news / "new.txt"], "Curate two articles")
    assert repo.status(news) == {} and "Curate two articles" in git(tmp_path / "repo", "log", "-1", "--format=%s")
    with pytest.raises(GitError, match="message"):
        repo.commit([news / a], "  ")


def test_pull_push_and_conflicts_named(tmp_path, seeds_copy):
    make_repo(tmp_path / "origin", seeds_copy)
    subprocess.run(["git", "clone", "-q", "--bare", str(tmp_path / "origin"), str(tmp_path / "remote.git")], check=True)
    for name in ("mine", "theirs"):
        subprocess.run(["git", "clone", "-q", str(tmp_path / "remote.git"), str(tmp_path / name)], check=True)
        git(tmp_path / name, "config", "user.email", f"{name}@example.com")
        git(tmp_path / name, "config", "user.name", name)
    a = "site/_news/000_6e2a0c9c78a5bcbb.txt"
    for name, value in (("theirs", b"quality: 50"), ("mine", b"quality: 60")):
        path = tmp_path / name / a
        path.write_bytes(path.read_bytes().replace(b"quality: 43", value))
        git(tmp_path / name, "commit", "-q", "-am", f"{name} rates it")
    theirs = GitRepo(tmp_path / "theirs")
    assert theirs.push().ok
    mine = GitRepo(tmp_path / "mine")
    assert not mine.push().ok                                  # behind: refused, said plainly
    outcome = mine.pull()
    assert not outcome.ok and outcome.conflicts == [a] and "Resolve" in outcome.message
    assert mine.status(tmp_path / "mine" / "site" / "_news")["000_6e2a0c9c78a5bcbb.txt"] == "conflict"


def test_window_shows_git_states_and_commits(qtbot, tmp_path, seeds_copy):
    from PySide6.QtCore import Qt

    from gui_helpers import activate, open_window, select_title, when_modal
    from newsdesk.ui.git_menu import CommitDialog
    from newsdesk.ui.table_model import GIT

    news = make_repo(tmp_path / "repo", seeds_copy)
    window = open_window(qtbot, news, tmp_path / "config")
    qtbot.waitUntil(lambda: window.git.repo is not None, timeout=10000)
    assert window.git.menu.menuAction().isVisible()
    assert not window.table.horizontalHeader().isSectionHidden(GIT)
    rel = select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    row = window.model.row_of(rel)
    qtbot.waitUntil(lambda: window.model.index(row, GIT).data() == "modified", timeout=10000)

    shown = []

    def fill(dialog):
        assert isinstance(dialog, CommitDialog) and dialog.chosen() == [rel]
        shown.append(dialog.diff.toPlainText())
        dialog.message.setPlainText("Publish the hybrid AI piece")
        dialog.commit_button.click()
    when_modal(fill)
    assert window.git.commit()
    assert "Publish the hybrid AI piece" in git(tmp_path / "repo", "log", "-1", "--format=%s")
    # the dialog showed exactly what the commit records
    committed = git(tmp_path / "repo", "show", "--format=", "--no-color", "HEAD")
    assert "-published: false\n+published: true\n" in shown[0]
    assert shown[0].split("@@", 1)[1] == committed.split("@@", 1)[1]
    qtbot.waitUntil(lambda: window.model.index(row, GIT).data() == "", timeout=10000)


def test_window_outside_git_hides_the_menu_and_column(qtbot, tmp_path, seeds_copy):
    from gui_helpers import open_window
    from newsdesk.ui.table_model import GIT
    if GitRepo.find(seeds_copy) is not None:
        pytest.skip("the temporary folder is inside a git work tree on this machine")
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    qtbot.wait(300)
    assert window.git.repo is None
    assert not window.git.menu.menuAction().isVisible()
    assert window.table.horizontalHeader().isSectionHidden(GIT)


def _hostile(repo, marker):
    """A .git/config whose commands would each leave a file: fsmonitor, a clean filter
    (status runs it on files whose stat looks racy) and a hook dir."""
    git(repo, "config", "core.fsmonitor", f"touch {marker}-fsmonitor; false")
    git(repo, "config", "filter.evil.clean", f"touch {marker}-filter; cat")
    git(repo, "config", "filter.evil.process", f"touch {marker}-process")
    (repo / ".gitattributes").write_text("* filter=evil\n")
    hooks = repo / ".git" / "hooks"
    for name in ("post-index-change", "fsmonitor-watchman"):
        (hooks / name).write_text(f"#!/bin/sh\ntouch {marker}-hook\n")
        (hooks / name).chmod(0o755)


def test_automatic_git_calls_run_no_repository_command(tmp_path, seeds_copy):
    news = make_repo(tmp_path / "repo", seeds_copy)
    marker = tmp_path / "ran"
    _hostile(tmp_path / "repo", marker)
    a = "000_6e2a0c9c78a5bcbb.txt"
    (news / a).write_bytes((news / a).read_bytes().replace(b"quality: 43", b"quality: 44"))
    repo = GitRepo.find(news)
    assert repo is not None
    assert repo.status(news) == {a: "modified"}
    repo.conflicts()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ran")) == []
    # the same status, as plain git runs it, does run them: the test can fail
    subprocess.run(["git", "-C", str(tmp_path / "repo"), "status", "--porcelain"], capture_output=True)
    assert (tmp_path / "ran-fsmonitor").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only Linux file names hold any bytes")
def test_a_name_that_is_not_utf8_is_listed_and_committed(qtbot, tmp_path, seeds_copy):
    """git's output was decoded strictly: one such name raised, and the Git column and
    menu stopped for the whole folder; the commit dialog then kept the name as Qt text."""
    from newsdesk.ui.git_menu import CommitDialog

    news = make_repo(tmp_path / "repo", seeds_copy)
    odd = os.fsdecode(b"odd-\xff.md")
    (news / odd).write_bytes(b'---\ntitle: "odd"\npublished: false\n---\n')
    repo = GitRepo.find(news)
    assert repo.status(news) == {odd: "new"}
    dialog = CommitDialog(repo.status(news), diff=lambda rel: repo.diff(news / rel))
    qtbot.addWidget(dialog)
    assert dialog.files.item(0).text() == "odd-\\xff.md  (new)" and dialog.chosen() == [odd]
    repo.commit([news / rel for rel in dialog.chosen()], "An odd name")
    assert repo.status(news) == {}
    assert b"odd-\xff.md" in subprocess.run(["git", "-C", str(news), "ls-files", "-z"], check=True,
                                             capture_output=True).stdout
