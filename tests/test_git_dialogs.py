"""The Git menu as an editor meets it (a tester's morning): the commit dialog keeps the
editor's choices when the message is missing and commits on Ctrl+Return; a folder with
no remote (or a branch with no upstream) is said plainly, and Pull/Push say why they
cannot run."""
import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt

from newsdesk.core.editorial.git import GitError, GitRepo
from test_git import git, make_repo  # the same repository of the seeds

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

A, B = "000_6e2a0c9c78a5bcbb.txt", "002_191b5a51e1cb795b.txt"


def _touch(news, name, old=b"quality: ", new=b"quality: 1"):
    (news / name).write_bytes((news / name).read_bytes().replace(old, new, 1))


def _window(qtbot, tmp_path, news):
    from gui_helpers import open_window
    window = open_window(qtbot, news, tmp_path / "config")
    qtbot.waitUntil(lambda: window.git.repo is not None, timeout=10000)
    return window


def test_commit_without_a_message_keeps_the_dialog_and_the_choices(qtbot, tmp_path, seeds_copy, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from gui_helpers import when_modal
    warned = []  # (a warning after the dialog closed would wait for a click: it is recorded instead)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    news = make_repo(tmp_path / "repo", seeds_copy)
    _touch(news, A)
    _touch(news, B)
    window = _window(qtbot, tmp_path, news)
    seen = {}

    def fill(dialog):
        b = [n for n in range(dialog.files.count()) if dialog.files.item(n).text().startswith(f"{B}  (")][0]
        dialog.files.item(b).setCheckState(Qt.Unchecked)   # B stays out of this commit
        qtbot.mouseClick(dialog.commit_button, Qt.LeftButton)
        seen["open"] = dialog.isVisible()
        seen["focus"] = dialog.message.hasFocus()
        seen["said"] = dialog.problem.text() if dialog.problem.isVisible() else ""
        seen["chosen"] = dialog.chosen()
        if not seen["open"]:
            return
        qtbot.keyClicks(dialog.message, "Rate the on-premises piece")
        seen["said after typing"] = dialog.problem.isVisible()
        qtbot.keyClick(dialog.message, Qt.Key_Return, Qt.ControlModifier)   # as git GUIs commit
    when_modal(fill)
    assert window.git.commit()
    assert warned == []
    assert seen == {"open": True, "focus": True, "said": "Write a message: the commit needs one.",
                    "chosen": [A], "said after typing": False}
    assert git(tmp_path / "repo", "log", "-1", "--format=%s").strip() == "Rate the on-premises piece"
    assert git(tmp_path / "repo", "show", "--name-only", "--format=", "HEAD").split() == [f"site/_news/{A}"]
    assert git(tmp_path / "repo", "status", "--porcelain").split() == ["M", f"site/_news/{B}"]


def test_ctrl_return_with_an_empty_message_commits_nothing(qtbot, tmp_path, seeds_copy):
    from gui_helpers import when_modal
    news = make_repo(tmp_path / "repo", seeds_copy)
    _touch(news, A)
    window = _window(qtbot, tmp_path, news)
    seen = {}

    def fill(dialog):
        qtbot.keyClick(dialog.message, Qt.Key_Return, Qt.ControlModifier)
        seen["open"] = dialog.isVisible()
        seen["typed"] = dialog.message.toPlainText()
        dialog.reject()
    when_modal(fill)
    assert not window.git.commit()
    assert seen == {"open": True, "typed": ""}
    assert git(tmp_path / "repo", "log", "--format=%s").split("\n")[0] == "start"


def test_pull_without_a_remote_is_said_plainly(tmp_path, seeds_copy):
    news = make_repo(tmp_path / "repo", seeds_copy)
    repo = GitRepo.find(news)
    assert repo.remotes() == []
    for outcome in (repo.pull(), repo.push()):
        assert not outcome.ok
        assert outcome.message.startswith("This folder's git repository has no remote"), outcome.message
        assert "git pull <remote>" not in outcome.message and "fatal" not in outcome.message


def test_pull_and_push_without_an_upstream_say_how_to_set_one(tmp_path, seeds_copy):
    news = make_repo(tmp_path / "repo", seeds_copy)
    subprocess.run(["git", "clone", "-q", "--bare", str(tmp_path / "repo"), str(tmp_path / "remote.git")], check=True)
    git(tmp_path / "repo", "remote", "add", "origin", str(tmp_path / "remote.git"))
    repo = GitRepo.find(news)
    assert repo.remotes() == ["origin"]
    pull, push = repo.pull(), repo.push()
    assert not pull.ok and not push.ok
    for outcome in (pull, push):
        assert outcome.message.startswith("The branch main has no upstream"), outcome.message
        assert "git branch --set-upstream-to=origin/main" in outcome.message
        assert "fatal" not in outcome.message and "tracking information" not in outcome.message


def test_pull_and_push_are_disabled_with_the_reason_when_there_is_no_remote(qtbot, tmp_path, seeds_copy):
    news = make_repo(tmp_path / "repo", seeds_copy)
    window = _window(qtbot, tmp_path, news)
    actions = window.git.actions
    qtbot.waitUntil(lambda: not actions["git_pull"].isEnabled(), timeout=10000)
    for name in ("git_pull", "git_push"):
        assert not actions[name].isEnabled()
        assert actions[name].toolTip().startswith("This folder's git repository has no remote")
    assert actions["git_commit"].isEnabled() and actions["git_refresh"].isEnabled()
    assert window.git.menu.toolTipsVisible()
    # a remote added later: Refresh Status finds it
    subprocess.run(["git", "clone", "-q", "--bare", str(tmp_path / "repo"), str(tmp_path / "remote.git")], check=True)
    git(tmp_path / "repo", "remote", "add", "origin", str(tmp_path / "remote.git"))
    actions["git_refresh"].trigger()
    qtbot.waitUntil(lambda: actions["git_pull"].isEnabled(), timeout=10000)
    assert actions["git_push"].isEnabled() and actions["git_pull"].toolTip().startswith("git pull")


def test_a_failed_commit_keeps_the_message_for_the_next_try(qtbot, tmp_path, seeds_copy, monkeypatch):
    """Without a git identity the commit failed with git's words, and the dialog opened
    again empty: the message typed was lost."""
    from PySide6.QtWidgets import QMessageBox

    from gui_helpers import when_modal
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: warned.append(text))
    news = make_repo(tmp_path / "repo", seeds_copy)
    _touch(news, A)
    window = _window(qtbot, tmp_path, news)
    monkeypatch.setattr(window.git.repo, "commit", lambda *a: (_ for _ in ()).throw(GitError("no identity")))

    def type_and_commit(dialog):
        qtbot.keyClicks(dialog.message, "Rate the on-premises piece")
        qtbot.keyClick(dialog.message, Qt.Key_Return, Qt.ControlModifier)
    when_modal(type_and_commit)
    assert not window.git.commit()
    assert warned == ["Nothing was committed: no identity"]
    seen = {}

    def look(dialog):
        seen["message"] = dialog.message.toPlainText()
        dialog.reject()
    when_modal(look)
    window.git.commit()
    assert seen == {"message": "Rate the on-premises piece"}
