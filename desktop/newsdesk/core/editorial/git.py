"""The site's git history, through the git command line (no Qt).

Only what an editor needs: which articles are modified or new, commit some files with a
message, pull (conflicts reported by name, never resolved behind the editor's back) and
push. git never prompts (GIT_TERMINAL_PROMPT=0): a missing credential is an error
message, not a hang.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsdesk.environment import child_environ

TIMEOUT = 120  # seconds, for pull and push over a network
NO_REMOTE = ("This folder's git repository has no remote: there is nowhere to pull from or push to. "
             "Whoever set up the folder can add one (git remote add origin URL).")
STATES = {"M": "modified", "A": "new", "?": "new", "D": "deleted", "R": "renamed", "U": "conflict"}


@dataclass
class Outcome:
    ok: bool
    message: str
    conflicts: list[str]


class GitError(Exception):
    pass


def _env() -> dict:
    return child_environ(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")  # the user's, not the bundle's


# The calls Newsdesk makes on its own (finding the work tree, status for the Git column,
# listing conflicts) never run a command the repository names: a .git/config arrives
# with any shared or unzipped working copy, and `git status` ran its core.fsmonitor
# command on opening the folder. Hooks, fsmonitor, clean/smudge filters (status runs
# them on files whose stat looks racy) and submodules (their own config) are all off.
# Commit, pull and push, which the editor asks for, run as git normally does.
_QUIET = ("-c", "core.fsmonitor=false", "-c", f"core.hooksPath={os.devnull}",
          "-c", "core.untrackedCache=false", "-c", "safe.bareRepository=explicit",
          "-c", "diff.external=", "-c", "core.pager=cat")


def _no_filters(folder: Path) -> list[str]:
    """``-c`` options emptying every filter driver the repository's config defines
    (``git config`` only reads files; an empty clean/smudge/process is no filter)."""
    try:
        out = subprocess.run(["git", "-C", str(folder), *_QUIET, "config", "--null", "--name-only",
                              "--get-regexp", r"^filter\..*\.(clean|smudge|process)$"],
                             capture_output=True, text=True, env=_env(), timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return []
    names = [name for name in out.stdout.split("\0") if name]
    return [arg for name in names for arg in ("-c", f"{name}=")]


class GitRepo:
    def __init__(self, top: Path):
        self.top = Path(top)

    @classmethod
    def find(cls, folder: Path | str) -> GitRepo | None:
        """The work tree holding ``folder``, or None (no git, or not in a work tree)."""
        if shutil.which("git") is None:
            return None
        folder = Path(folder)
        folder = folder if folder.is_dir() else folder.parent
        try:
            out = subprocess.run(["git", "-C", str(folder), *_QUIET, "rev-parse", "--show-toplevel"],
                                 capture_output=True, text=True, env=_env(), timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if out.returncode != 0 or not out.stdout.strip():
            return None
        return cls(Path(out.stdout.strip()))

    def _git(self, *args: str, timeout: int = 60, check: bool = True,
             quiet: bool = False) -> subprocess.CompletedProcess:
        """Run git in the work tree; ``quiet`` for the calls the editor did not ask for
        (no repository-supplied command can run: see _QUIET)."""
        safe = [*_QUIET, *_no_filters(self.top)] if quiet else []
        try:
            out = subprocess.run(["git", "-C", str(self.top), *safe, *args], capture_output=True, text=True,
                                 env=_env(), timeout=timeout)
        except subprocess.TimeoutExpired:
            raise GitError(f"git {args[0]} took more than {timeout} s and was stopped") from None
        except OSError as e:
            raise GitError(f"git could not be run: {e.strerror or e}") from None
        if check and out.returncode != 0:
            raise GitError((out.stderr or out.stdout).strip() or f"git {args[0]} failed")
        return out

    def status(self, root: Path) -> dict[str, str]:
        """State of each changed file under ``root``, by path relative to ``root``."""
        root = Path(root).resolve()
        base = root if root.is_dir() else root.parent
        out = self._git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all",
                        "--", str(root), quiet=True)
        states: dict[str, str] = {}
        parts = out.stdout.split("\0")
        i = 0
        while i < len(parts):
            entry = parts[i]
            i += 1
            if len(entry) < 4:
                continue
            xy, path = entry[:2], entry[3:]
            if xy[0] in "RC":
                i += 1  # the old name follows
            letter = xy[1] if xy[1] != " " else xy[0]
            state = "conflict" if "U" in xy or xy in ("AA", "DD") else STATES.get(letter, "modified")
            full = (self.top / path).resolve()
            try:
                rel = full.relative_to(base).as_posix()
            except ValueError:
                continue
            states[rel if root.is_dir() else full.name] = state
        return states

    def commit(self, paths: list[Path], message: str) -> str:
        if not message.strip():
            raise GitError("a commit needs a message")
        if not paths:
            raise GitError("no files to commit")
        names = [str(Path(p).resolve()) for p in paths]
        self._git("add", "--", *names)
        out = self._git("commit", "-m", message, "--", *names)
        return out.stdout.strip().splitlines()[0] if out.stdout.strip() else "committed"

    def diff(self, path: Path) -> str:
        """What committing ``path`` would record: its unified diff against HEAD (a new file
        against nothing). No external diff or text conversion driver runs."""
        path = Path(path).resolve()
        out = self._git("diff", "--no-color", "--no-ext-diff", "--no-textconv", "HEAD", "--", str(path),
                        check=False, quiet=True)
        if out.stdout or out.returncode not in (0, 1):
            return out.stdout
        out = self._git("diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-index", "--",
                        os.devnull, str(path), check=False, quiet=True)
        return out.stdout

    def conflicts(self) -> list[str]:
        out = self._git("diff", "--name-only", "--diff-filter=U", check=False, quiet=True)
        return [line for line in out.stdout.splitlines() if line.strip()]

    def remotes(self) -> list[str]:
        """The names of the repository's remotes (none: nowhere to pull from or push to)."""
        out = self._git("remote", check=False, quiet=True)
        return out.stdout.split() if out.returncode == 0 else []

    def _unreachable(self, what: str) -> str | None:
        """Why ``git pull``/``git push`` has nowhere to go, in plain words (git's own text is
        advice for the command line), or None when it has somewhere."""
        if not self.remotes():
            return NO_REMOTE
        upstream = self._git("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}",
                             check=False, quiet=True)
        if upstream.returncode == 0 and upstream.stdout.strip():
            return None
        branch = self._git("symbolic-ref", "--quiet", "--short", "HEAD", check=False, quiet=True).stdout.strip()
        if not branch:
            return f"This folder is not on a branch (a detached HEAD): there is no branch to {what}."
        remote = self.remotes()[0]
        return (f"The branch {branch} has no upstream: git does not know which branch of {remote} to "
                f"{what}. Set it once with git (git branch --set-upstream-to={remote}/{branch}, or "
                f"git push -u {remote} {branch}), then {what.capitalize()} works from here.")

    def pull(self) -> Outcome:
        out = self._git("pull", "--no-rebase", "--no-edit", timeout=TIMEOUT, check=False)
        text = (out.stdout + out.stderr).strip()
        if out.returncode == 0:
            return Outcome(True, text.splitlines()[-1] if text else "up to date", [])
        plain = self._unreachable("pull")  # (asked after git failed: a config that needs none still works)
        if plain is not None:
            return Outcome(False, plain, [])
        conflicts = self.conflicts()
        if conflicts:
            return Outcome(False, f"Pull stopped: {len(conflicts)} file{'s' if len(conflicts) != 1 else ''} "
                           "changed both here and on the remote. Resolve them with git or your editor, "
                           "then commit.", conflicts)
        return Outcome(False, f"Pull failed: {text or 'git gave no reason'}", [])

    def push(self) -> Outcome:
        out = self._git("push", timeout=TIMEOUT, check=False)
        text = (out.stdout + out.stderr).strip()
        if out.returncode == 0:
            return Outcome(True, text.splitlines()[-1] if text else "pushed", [])
        plain = self._unreachable("push")
        if plain is not None:
            return Outcome(False, plain, [])
        return Outcome(False, f"Push failed: {text or 'git gave no reason'}", [])
