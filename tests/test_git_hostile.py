"""Nothing in a folder runs code, not even when the editor commits, pulls or pushes: a
.git/config (and hooks, and .gitattributes) arrives with any shared or unzipped working
copy. Each hostile command here leaves a marker file when it runs; none may appear, the
commit/pull/push still works, and the user's own global settings (their ssh, credential
helper, gpg) still reach git. Real repositories in tmp_path (skipped without git)."""
import os
import re
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsdesk.core.editorial.git import GitError, GitRepo

pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
              pytest.mark.skipif(os.name == "nt", reason="the hostile commands are POSIX shell")]

A = "site/_news/000_6e2a0c9c78a5bcbb.txt"
COMMIT_HOOKS = ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-index-change",
                "reference-transaction", "pre-push", "post-merge", "post-checkout", "pre-merge-commit")


def git(cwd, *args):
    return subprocess.run(["git", "-C", str(cwd), *args], check=True, capture_output=True, text=True).stdout


@pytest.fixture(autouse=True)
def own_global_config(tmp_path, monkeypatch):
    """The user's global config is a file of the test's (the machine's own stays out)."""
    path = tmp_path / "home" / ".gitconfig"
    path.parent.mkdir()
    path.write_text("[user]\n\tname = Editor\n\temail = editor@example.com\n[init]\n\tdefaultBranch = main\n")
    monkeypatch.setenv("HOME", str(path.parent))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(path))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_SSH", "GIT_SSH_COMMAND", "GIT_ASKPASS", "SSH_ASKPASS", "GIT_EDITOR", "GIT_PAGER",
                 "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    return path


def ran(tmp_path):
    """The markers the hostile commands left."""
    return sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ran-"))


def script(path, marker, tail="exit 0"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\ntouch '{marker}'\n{tail}\n")
    path.chmod(0o755)
    return path


def make_repo(path, seeds):
    shutil.copytree(seeds, path / "site" / "_news")
    git(path, "init", "-q", "-b", "main")
    git(path, "add", ".")
    git(path, "commit", "-q", "-m", "start")
    return path


def rate(repo, value):
    path = repo / A
    path.write_bytes(re.sub(rb"(?m)^quality: \d+$", value, path.read_bytes(), count=1))
    return path


def hostile(repo, tmp_path, hooks_in="config"):
    """Every kind of program a repository's config can name, each leaving ran-<kind>;
    some of them from a file the config includes."""
    m = tmp_path / "ran-"
    config = {
        "core.fsmonitor": f"touch {m}fsmonitor; false",
        "core.sshCommand": f"touch {m}ssh; false",
        "core.pager": f"touch {m}pager; cat",
        "core.editor": f"touch {m}editor; true",
        "sequence.editor": f"touch {m}seqeditor; true",
        "core.askPass": str(script(tmp_path / "bin" / "askpass", f"{m}askpass")),
        "core.alternateRefsCommand": f"touch {m}altrefs; true",
        "credential.helper": f"!touch {m}credential; true",
        "gpg.program": f"touch {m}gpg; false",
        "gpg.ssh.program": f"touch {m}gpgssh; false",
        "diff.external": f"touch {m}diffext; true",
        "diff.evil.textconv": f"touch {m}textconv; cat",
        "diff.evil.command": f"touch {m}diffcmd; true",
        "merge.evil.driver": f"touch {m}mergedriver; false",
        "filter.unused.clean": f"touch {m}clean; cat",     # defined, but no file uses it
        "trailer.sign.command": f"touch {m}trailer; true",
        "remote.origin.uploadpack": f"touch {m}uploadpack; git-upload-pack",
        "remote.origin.receivepack": f"touch {m}receivepack; git-receive-pack",
    }
    included = tmp_path / "included.gitconfig"
    included.write_text(f"[core]\n\tfsmonitor = touch {m}included-fsmonitor; false\n")
    for key, value in config.items():
        git(repo, "config", key, value)
    git(repo, "config", "include.path", str(included))
    (repo / ".gitattributes").write_text("*.txt diff=evil merge=evil\n")
    git(repo, "add", ".gitattributes")
    git(repo, "-c", "core.hooksPath=/dev/null", "commit", "-q", "-m", "attributes")
    hooks = tmp_path / "hooks" if hooks_in == "config" else repo / ".git" / "hooks"
    for name in COMMIT_HOOKS:
        script(hooks / name, f"{m}hook-{name}")
    if hooks_in == "config":
        git(repo, "config", "core.hooksPath", str(hooks))
    # a file git must look at afresh: a stat-dirty index, as unzipping leaves it
    os.utime(repo / A, (946684800, 946684800))
    for marker in tmp_path.glob("ran-*"):   # what setting up ran
        marker.unlink()


@pytest.mark.parametrize("hooks_in", ["config", "git dir"])
def test_commit_runs_nothing_the_repository_names(tmp_path, seeds_copy, hooks_in):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    hostile(repo, tmp_path, hooks_in)
    rate(repo, b"quality: 44")
    summary = GitRepo(repo).commit([repo / A], "Rate the on-premises piece")
    assert ran(tmp_path) == []
    assert git(repo, "log", "-1", "--format=%s").strip() == "Rate the on-premises piece"
    assert git(repo, "status", "--porcelain", "--", A) == ""
    assert summary.endswith(" \u2014 the repository's pre-commit, prepare-commit-msg, commit-msg, post-commit, "
                            "post-index-change and reference-transaction hooks were not run: Newsdesk runs "
                            "no program a folder names; commit with git to run them"), summary
    # the same commit as plain git makes it runs them: the test can fail
    rate(repo, b"quality: 45")
    subprocess.run(["git", "-C", str(repo), "commit", "-qam", "plain"], capture_output=True)
    assert "ran-hook-pre-commit" in ran(tmp_path) and "ran-fsmonitor" not in ran(tmp_path)
    assert "ran-included-fsmonitor" in ran(tmp_path)   # the included file's value is the one git uses


def test_one_hook_is_named_alone(tmp_path, seeds_copy):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    script(repo / ".git" / "hooks" / "pre-commit", tmp_path / "ran-hook")
    (repo / ".git" / "hooks" / "commit-msg.sample").write_text("#!/bin/sh\n")   # samples never run
    (repo / ".git" / "hooks" / "commit-msg.sample").chmod(0o755)
    rate(repo, b"quality: 44")
    summary = GitRepo(repo).commit([repo / A], "Rate it")
    assert ran(tmp_path) == []
    assert summary.split(" \u2014 ", 1)[1] == ("the repository's pre-commit hook was not run: Newsdesk runs no "
                                               "program a folder names; commit with git to run it")
    # no active hook: nothing said
    (repo / ".git" / "hooks" / "pre-commit").chmod(0o644)
    rate(repo, b"quality: 45")
    assert " \u2014 " not in GitRepo(repo).commit([repo / A], "Rate it again")


def test_a_file_the_repository_filters_is_not_committed(tmp_path, seeds_copy):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    m = tmp_path / "ran-"
    git(repo, "config", "filter.evil.clean", f"touch {m}clean; cat")
    git(repo, "config", "filter.evil.process", f"touch {m}process")
    (repo / ".gitattributes").write_text("*.txt filter=evil\n")
    head = git(repo, "rev-parse", "HEAD")
    rate(repo, b"quality: 44")
    with pytest.raises(GitError, match=r"000_6e2a0c9c78a5bcbb.txt goes through the repository's filter 'evil', which "
                                       r"does not run: Newsdesk runs no program a folder names\. Commit it with git"):
        GitRepo(repo).commit([repo / A], "Rate it")
    assert ran(tmp_path) == [] and git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "diff", "--cached", "--name-only") == ""      # not even added


def remote_pair(tmp_path, seeds_copy):
    """A bare remote on this computer, "theirs" (plain) and "mine" clones of it."""
    make_repo(tmp_path / "origin", seeds_copy)
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(tmp_path / "origin"), str(bare)], check=True)
    for name in ("mine", "theirs"):
        subprocess.run(["git", "clone", "-q", str(bare), str(tmp_path / name)], check=True)
    return bare, tmp_path / "mine", tmp_path / "theirs"


def test_pull_and_push_run_nothing_the_repository_names(tmp_path, seeds_copy):
    bare, mine, theirs = remote_pair(tmp_path, seeds_copy)
    hostile(mine, tmp_path)
    git(mine, "-c", "core.hooksPath=/dev/null", "push", "-q")                       # the .gitattributes commit
    for name in ("pre-receive", "update", "post-receive", "post-update", "reference-transaction"):
        script(bare / "hooks" / name, tmp_path / f"ran-remote-{name}")               # the remote is a folder too
    git(theirs, "pull", "-q")
    rate(theirs, b"quality: 50")
    git(theirs, "commit", "-qam", "theirs rates it")
    git(theirs, "push", "-q")
    for p in tmp_path.glob("ran-*"):
        p.unlink()

    outcome = GitRepo(mine).pull()
    assert ran(tmp_path) == []
    assert outcome.ok, outcome.message
    assert b"quality: 50" in (mine / A).read_bytes()
    assert outcome.message.endswith("the repository's pre-merge-commit, prepare-commit-msg, commit-msg, post-merge, "
                                    "post-index-change and reference-transaction hooks were not run: "
                                    "Newsdesk runs no program a folder names; pull with git to run them")

    other = mine / "site/_news/002_191b5a51e1cb795b.txt"
    other.write_bytes(other.read_bytes().replace(b"quality: ", b"quality: 1", 1))
    GitRepo(mine).commit([other], "Rate another")
    outcome = GitRepo(mine).push()
    assert ran(tmp_path) == []
    assert outcome.ok, outcome.message
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "Rate another"
    assert ("the remote's pre-receive, update, post-receive, post-update and reference-transaction hooks were "
            "not run: Newsdesk runs no program a folder names; push with git to run them") in outcome.message
    assert "the repository's pre-push and reference-transaction hooks were not run" in outcome.message


def test_a_merge_driver_of_the_repository_does_not_run(tmp_path, seeds_copy):
    bare, mine, theirs = remote_pair(tmp_path, seeds_copy)
    hostile(mine, tmp_path)
    git(mine, "-c", "core.hooksPath=/dev/null", "push", "-q")
    git(theirs, "pull", "-q")
    for repo, value in ((theirs, b"quality: 50"), (mine, b"quality: 60")):
        rate(repo, value)
        git(repo, "-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "commit", "-qam", "rate")
    git(theirs, "push", "-q")
    for p in tmp_path.glob("ran-*"):
        p.unlink()
    outcome = GitRepo(mine).pull()
    assert ran(tmp_path) == []
    assert not outcome.ok
    assert ("the repository's merge driver 'evil' was not run: Newsdesk runs no program a folder names; "
            "pull with git to run it") in outcome.message
    assert b"quality: 60" in (mine / A).read_bytes()                              # mine, untouched


def test_pull_is_not_started_when_the_repository_filters_what_it_writes(tmp_path, seeds_copy):
    bare, mine, theirs = remote_pair(tmp_path, seeds_copy)
    rate(theirs, b"quality: 50")
    git(theirs, "commit", "-qam", "theirs rates it")
    git(theirs, "push", "-q")
    git(mine, "config", "filter.evil.smudge", f"touch {tmp_path}/ran-smudge; cat")
    (mine / ".git" / "info" / "attributes").write_text("*.txt filter=evil\n")
    head = git(mine, "rev-parse", "HEAD")
    outcome = GitRepo(mine).pull()
    assert ran(tmp_path) == [] and not outcome.ok
    assert outcome.message == ("Pull not started: the files pulled would go through the repository's filter "
                               "'evil', which does not run: Newsdesk runs no program a folder names. Pull with git.")
    assert git(mine, "rev-parse", "HEAD") == head


def test_an_ext_remote_runs_nothing(tmp_path, seeds_copy):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    git(repo, "config", "protocol.ext.allow", "always")
    git(repo, "config", "url.ext::sh -c touch% " + str(tmp_path / "ran-ext") + "% >&2 #.insteadOf", "https://evil.example/")
    git(repo, "remote", "add", "origin", "https://evil.example/site.git")
    git(repo, "config", "branch.main.remote", "origin")
    git(repo, "config", "branch.main.merge", "refs/heads/main")
    for outcome in (GitRepo(repo).pull(), GitRepo(repo).push()):
        assert not outcome.ok
    assert ran(tmp_path) == []


# ---- the user's own settings still reach git ---------------------------------------------

def test_the_users_ssh_command_is_used_not_the_repositorys(tmp_path, seeds_copy, own_global_config):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    git(repo, "remote", "add", "origin", "ssh://example.invalid/site.git")
    git(repo, "config", "branch.main.remote", "origin")
    git(repo, "config", "branch.main.merge", "refs/heads/main")
    repo_ssh = script(tmp_path / "bin" / "repo-ssh", tmp_path / "ran-repo-ssh", "exit 1")
    git(repo, "config", "core.sshCommand", str(repo_ssh))
    user_ssh = script(tmp_path / "bin" / "user-ssh", tmp_path / "user-ssh", "exit 1")
    git(tmp_path, "config", "--global", "core.sshCommand", str(user_ssh))
    assert not GitRepo(repo).pull().ok and not GitRepo(repo).push().ok
    assert ran(tmp_path) == [] and (tmp_path / "user-ssh").exists()
    # no ssh of the user's: plain ssh, not the repository's
    git(tmp_path, "config", "--global", "--unset", "core.sshCommand")
    (tmp_path / "user-ssh").unlink()
    assert not GitRepo(repo).pull().ok
    assert ran(tmp_path) == []


class _Refusing(BaseHTTPRequestHandler):
    """An http remote that asks for a password, and refuses every one."""
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="site"')
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_users_credential_helper_is_asked_not_the_repositorys(tmp_path, seeds_copy):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        repo = make_repo(tmp_path / "repo", seeds_copy)
        git(repo, "remote", "add", "origin", f"http://127.0.0.1:{server.server_port}/site.git")
        git(repo, "config", "branch.main.remote", "origin")
        git(repo, "config", "branch.main.merge", "refs/heads/main")
        git(repo, "config", "credential.helper", f"!touch {tmp_path}/ran-repo-credential; echo password=x")
        git(repo, "config", f"credential.http://127.0.0.1:{server.server_port}.helper",
            f"!touch {tmp_path}/ran-repo-url-credential; echo password=x")
        user = script(tmp_path / "bin" / "git-credential-mine", tmp_path / "user-credential",
                      "echo username=editor; echo password=wrong")
        git(tmp_path, "config", "--global", "credential.helper", str(user))
        outcome = GitRepo(repo).pull()
        assert not outcome.ok
        assert ran(tmp_path) == [] and (tmp_path / "user-credential").exists()
    finally:
        server.shutdown()
        server.server_close()


def test_the_users_gpg_signs_not_the_repositorys(tmp_path, seeds_copy):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    git(repo, "config", "commit.gpgSign", "true")
    git(repo, "config", "user.signingKey", "EDITOR")
    git(repo, "config", "gpg.program", str(script(tmp_path / "bin" / "repo-gpg", tmp_path / "ran-repo-gpg", "exit 1")))
    user_gpg = script(tmp_path / "bin" / "user-gpg", tmp_path / "user-gpg",
                      "cat >/dev/null\n"
                      "printf '\\n[GNUPG:] SIG_CREATED D 1 8 00 0 X\\n' >&2\n"
                      "printf -- '-----BEGIN PGP SIGNATURE-----\\n\\nfake\\n-----END PGP SIGNATURE-----\\n'")
    git(tmp_path, "config", "--global", "gpg.program", str(user_gpg))
    rate(repo, b"quality: 44")
    GitRepo(repo).commit([repo / A], "Signed rating")
    assert ran(tmp_path) == [] and (tmp_path / "user-gpg").exists()
    assert "-----BEGIN PGP SIGNATURE-----" in git(repo, "cat-file", "commit", "HEAD")


@pytest.mark.parametrize("key, value, seen", [
    ("core.fsmonitor", "evil", "false"), ("core.hooksPath", "evil", os.devnull), ("core.sshCommand", "evil", "ssh"),
    ("core.pager", "evil", "cat"), ("core.editor", "evil", ":"), ("sequence.editor", "evil", ":"),
    ("core.askPass", "evil", ""), ("core.alternateRefsCommand", "evil", ""), ("credential.helper", "evil", ""),
    ("gpg.program", "evil", "gpg"), ("gpg.openpgp.program", "evil", "gpg"), ("gpg.x509.program", "evil", "gpgsm"),
    ("gpg.ssh.program", "evil", "ssh-keygen"), ("gpg.ssh.defaultKeyCommand", "evil", ""),
    ("filter.x.clean", "evil", ""), ("filter.x.smudge", "evil", ""), ("filter.x.process", "evil", ""),
    ("diff.external", "evil", ""), ("diff.x.textconv", "evil", ""), ("diff.x.command", "evil", ""),
    ("merge.x.driver", "evil", ""), ("mergetool.x.cmd", "evil", ""), ("difftool.x.path", "evil", ""),
    ("trailer.x.command", "evil", ""), ("protocol.ext.allow", "always", "never"),
    ("submodule.recurse", "true", "false"),
])
def test_git_sees_no_program_key_of_the_repository(tmp_path, seeds_copy, key, value, seen):
    """What git itself reads for each key that names a program, set by the repository (in
    .git/config or a file it includes): never the repository's value. (credential.<url>.helper:
    test_the_users_credential_helper_is_asked_not_the_repositorys.)"""
    repo = make_repo(tmp_path / "repo", seeds_copy)
    (tmp_path / "included").write_text("")
    git(repo, "config", "include.path", str(tmp_path / "included"))
    git(tmp_path, "config", "--file", str(tmp_path / "included"), key, value)
    box = GitRepo(repo)._sandbox()
    out = subprocess.run(["git", "-C", str(repo), *box.options, "config", "--get", key], capture_output=True,
                         text=True, env={**os.environ, **box.env})
    assert out.stdout.rstrip("\n") == seen


def test_the_users_own_values_come_back(tmp_path, seeds_copy):
    repo = make_repo(tmp_path / "repo", seeds_copy)
    for key in ("core.fsmonitor", "gpg.program", "filter.lfs.clean", "core.sshCommand"):
        git(repo, "config", key, "evil")
        git(tmp_path, "config", "--global", key, f"mine {key}")
    git(tmp_path, "config", "--global", "--add", "credential.helper", "cache")
    git(tmp_path, "config", "--global", "--add", "credential.https://example.com.helper", "store")
    git(repo, "config", "credential.helper", "evil")
    box = GitRepo(repo)._sandbox()

    def seen(*args):
        return subprocess.run(["git", "-C", str(repo), *box.options, "config", *args], capture_output=True,
                              text=True).stdout.split("\n")[:-1]
    for key in ("core.fsmonitor", "gpg.program", "filter.lfs.clean", "core.sshCommand"):
        assert seen("--get", key) == [f"mine {key}"]
    helpers = seen("--get-regexp", r"^credential\..*helper$")
    assert helpers[helpers.index("credential.helper ") + 1:] == ["credential.helper cache",
                                                                 "credential.https://example.com.helper store"]


def test_the_window_says_which_hook_did_not_run(qtbot, tmp_path, seeds_copy):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from gui_helpers import activate, open_window, select_title, when_modal
    repo = make_repo(tmp_path / "repo", seeds_copy)
    script(repo / ".git" / "hooks" / "pre-commit", tmp_path / "ran-hook")
    git(repo, "config", "core.fsmonitor", f"touch {tmp_path}/ran-fsmonitor; false")
    window = open_window(qtbot, repo / "site" / "_news", tmp_path / "config")
    qtbot.waitUntil(lambda: window.git.repo is not None, timeout=10000)
    select_title(window, qtbot, "Hybrid")
    qtbot.keyClick(window.table, Qt.Key_P)
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: bool(window.git.states), timeout=10000)
    said = []

    def read_the_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            said.append(box.text())
            qtbot.mouseClick(box.button(QMessageBox.Ok), Qt.LeftButton)
        else:
            QTimer.singleShot(20, read_the_box)

    def fill(dialog):
        qtbot.keyClicks(dialog.message, "Publish the hybrid AI piece")
        QTimer.singleShot(0, read_the_box)
        qtbot.mouseClick(dialog.commit_button, Qt.LeftButton)
    when_modal(fill)
    assert window.git.commit()
    assert ran(tmp_path) == []
    assert git(repo, "log", "-1", "--format=%s").strip() == "Publish the hybrid AI piece"
    assert len(said) == 1 and said[0].startswith("Committed: [main ")
    assert said[0].endswith(" Publish the hybrid AI piece \u2014 the repository's pre-commit hook was not run: "
                            "Newsdesk runs no program a folder names; commit with git to run it"), said[0]
