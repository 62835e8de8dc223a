"""The site's git history, through the git command line (no Qt).

Only what an editor needs: which articles are modified or new, commit some files with a
message, pull (conflicts reported by name, never resolved behind the editor's back) and
push. git never prompts (GIT_TERMINAL_PROMPT=0): a missing credential is an error
message, not a hang. No call runs a program the repository names (its config, hooks,
attribute-driven drivers): git_config.py; the user's own settings still apply.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from newsdesk.core.editorial import git_config
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


# git's output as the file system's names: a name that is not UTF-8 keeps its bytes as
# surrogate escapes (strict decoding raised on it, and the Git menu and column stopped)
_TEXT = {"encoding": "utf-8", "errors": "surrogateescape"}


def _env() -> dict:
    return child_environ(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0", LC_ALL="C")  # the user's, not the bundle's


# Every call runs no command the repository names (nothing in a folder runs code: a
# .git/config arrives with any shared or unzipped working copy): see git_config.py.
# Finding the work tree comes before any config is known: rev-parse runs no program.
_QUIET = (*(arg for key, value in git_config.ALWAYS.items() for arg in ("-c", f"{key}={value}")),
          "-c", "core.fsmonitor=false", "-c", "diff.external=")

# The hooks each action would have run, had the repository's hooks been allowed.
HOOKS = {
    "commit": ("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit", "post-index-change",
               "reference-transaction"),
    "pull": ("pre-merge-commit", "prepare-commit-msg", "commit-msg", "post-merge", "post-index-change",
             "reference-transaction"),
    "push": ("pre-push", "reference-transaction"),
}
REMOTE_HOOKS = ("pre-receive", "update", "proc-receive", "post-receive", "post-update", "push-to-checkout",
                "reference-transaction")
RULE = "Newsdesk runs no program a folder names"
NOTE = " \u2014 "  # what did not run follows the outcome after this


def _not_run(whose: str, hooks: list[str], action: str) -> str:
    """'the repository's pre-commit hook was not run: ...; commit with git to run it'."""
    names = hooks[0] if len(hooks) == 1 else ", ".join(hooks[:-1]) + " and " + hooks[-1]
    one = len(hooks) == 1
    return (f"{whose} {names} hook{'' if one else 's'} {'was' if one else 'were'} not run: {RULE}; "
            f"{action} with git to run {'it' if one else 'them'}")


def _active(folder: Path, names: tuple[str, ...]) -> list[str]:
    """The hooks in ``folder`` git would run (present and executable; never a .sample)."""
    return [name for name in names if (folder / name).is_file()
            and (os.name == "nt" or os.access(folder / name, os.X_OK))]


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
                                 capture_output=True, env=_env(), timeout=20, **_TEXT)
        except (OSError, subprocess.TimeoutExpired):
            return None
        if out.returncode != 0 or not out.stdout.strip():
            return None
        return cls(Path(out.stdout.strip()))

    def _config(self) -> list[tuple[str, str, str | None]]:
        """The config as git sees it here, with the scope of each value (reading runs nothing;
        no -c of ours, so that the command scope is the user's own)."""
        out = self._run(["config", "--null", "--list", "--show-scope", "--includes"], 20, ())
        if out.returncode != 0 and "show-scope" in out.stderr:
            raise GitError("the Git menu needs git 2.26 or later (to tell the repository's settings from yours)")
        if out.returncode != 0:
            raise GitError((out.stderr or out.stdout).strip() or "git could not read the repository's config")
        return git_config.parse(out.stdout)

    def _sandbox(self) -> git_config.Sandbox:
        return self._sandbox_of(self._config())

    def _run(self, args: list[str], timeout: int, options, env: dict | None = None) -> subprocess.CompletedProcess:
        try:
            return subprocess.run(["git", "--no-pager", "-C", str(self.top), *options, *args], capture_output=True,
                                  env={**_env(), **(env or {})}, timeout=timeout, **_TEXT)
        except subprocess.TimeoutExpired:
            raise GitError(f"git {args[0]} took more than {timeout} s and was stopped") from None
        except OSError as e:
            raise GitError(f"git could not be run: {e.strerror or e}") from None

    def _git(self, *args: str, timeout: int = 60, check: bool = True, quiet: bool = True,
             box: git_config.Sandbox | None = None) -> subprocess.CompletedProcess:
        """Run git in the work tree, with no program the repository names (git_config.py).
        Every call is quiet; ``quiet`` is kept for the callers that say so."""
        box = box or self._sandbox()
        out = self._run(list(args), timeout, box.options, box.env)
        if check and out.returncode != 0:
            raise GitError((out.stderr or out.stdout).strip() or f"git {args[0]} failed")
        return out

    def _hooks_dir(self, entries) -> tuple[Path, str]:
        """Where git would have looked for hooks, and whose they are: core.hooksPath (relative:
        to the work tree), else the repository's hooks folder."""
        paths = [(scope, value) for scope, key, value in entries if key.lower() == "core.hookspath" and value]
        if paths:
            scope, value = paths[-1]
            whose = "the repository's" if scope in git_config.REPOSITORY_SCOPES else "your core.hooksPath"
            return self.top / os.path.expanduser(value), whose
        out = self._run(["rev-parse", "--git-common-dir"], 20, _QUIET)
        return self.top / out.stdout.strip() / "hooks", "the repository's"

    def _skipped_hooks(self, action: str, entries) -> str:
        folder, whose = self._hooks_dir(entries)
        hooks = _active(folder, HOOKS[action])
        return _not_run(whose, hooks, action) if hooks else ""

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
        """Add and commit ``paths``; the first line git says, and which of the repository's hooks
        did not run (none does: git_config.py)."""
        if not message.strip():
            raise GitError("a commit needs a message")
        if not paths:
            raise GitError("no files to commit")
        names = [str(Path(p).resolve()) for p in paths]
        entries = self._config()
        box = self._sandbox_of(entries)
        self._refuse_filtered(names, box)
        self._git("add", "--", *names, box=box)
        out = self._git("commit", "-m", message, "--", *names, box=box)
        summary = out.stdout.strip().splitlines()[0] if out.stdout.strip() else "committed"
        note = self._skipped_hooks("commit", entries)
        return f"{summary}{NOTE}{note}" if note else summary

    def _sandbox_of(self, entries) -> git_config.Sandbox:
        try:
            return git_config.sandbox(entries, _env())
        except ValueError as e:
            raise GitError(str(e)) from None

    def _refuse_filtered(self, names: list[str], box: git_config.Sandbox) -> None:
        """A file the repository's own clean filter would change before git stores it is not
        committed: without the filter the commit would record other bytes than git would."""
        drivers = box.drivers("filter", ("clean", "process"))
        if not drivers:
            return
        out = self._git("check-attr", "-z", "filter", "--", *names, box=box)
        parts = out.stdout.split("\0")
        for path, _attr, value in zip(parts[0::3], parts[1::3], parts[2::3], strict=False):
            if value in drivers:
                raise GitError(f"{Path(path).name} goes through the repository's filter {value!r}, which does "
                               f"not run: {RULE}. Commit it with git.")

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
        entries = self._config()
        box = self._sandbox_of(entries)
        smudged = sorted(box.drivers("filter", ("smudge", "process")))
        if smudged:
            return Outcome(False, f"Pull not started: the files pulled would go through the repository's filter "
                           f"{smudged[0]!r}, which does not run: {RULE}. Pull with git.", [])
        uploadpack = [f"--upload-pack={value}" for key, value in box.first_wins.items()
                      if key.lower().endswith(".uploadpack")][:1]
        out = self._git("pull", "--no-rebase", "--no-edit", "--no-recurse-submodules", *uploadpack,
                        timeout=TIMEOUT, check=False, box=box)
        text = (out.stdout + out.stderr).strip()
        notes = [note for note in [self._skipped_hooks("pull", entries)] if note]
        if out.returncode == 0:
            return Outcome(True, _with(text.splitlines()[-1] if text else "up to date", notes), [])
        plain = self._unreachable("pull")  # (asked after git failed: a config that needs none still works)
        if plain is not None:
            return Outcome(False, _with(plain, notes), [])
        conflicts = self.conflicts()
        if conflicts:
            return Outcome(False, _with(f"Pull stopped: {len(conflicts)} file{'s' if len(conflicts) != 1 else ''} "
                           "changed both here and on the remote. Resolve them with git or your editor, "
                           "then commit.", notes), conflicts)
        drivers = sorted(box.drivers("merge", ("driver",)))
        if drivers:
            notes.append(f"the repository's merge driver {drivers[0]!r} was not run: {RULE}; pull with git to run it")
        return Outcome(False, _with(f"Pull failed: {text or 'git gave no reason'}", notes), [])

    def push(self) -> Outcome:
        entries = self._config()
        box = self._sandbox_of(entries)
        receivepack = [f"--receive-pack={value}" for key, value in box.first_wins.items()
                       if key.lower().endswith(".receivepack")][:1]
        notes = [note for note in [self._skipped_hooks("push", entries)] if note]
        remote = self._push_url(box)
        if remote is not None and git_config.is_local_url(remote):
            # a remote on this computer is a folder too: its hooks would run here
            receivepack = [f"--receive-pack={git_config.quiet_receive_pack()}"]
            hooks = _active(_hooks_of(self.top, remote), REMOTE_HOOKS)
            if hooks:
                notes.append(_not_run("the remote's", hooks, "push"))
        out = self._git("push", *receivepack, timeout=TIMEOUT, check=False, box=box)
        text = (out.stdout + out.stderr).strip()
        if out.returncode == 0:
            return Outcome(True, _with(text.splitlines()[-1] if text else "pushed", notes), [])
        plain = self._unreachable("push")
        if plain is not None:
            return Outcome(False, _with(plain, notes), [])
        return Outcome(False, _with(f"Push failed: {text or 'git gave no reason'}", notes), [])

    def _push_url(self, box: git_config.Sandbox) -> str | None:
        """The URL a plain `git push` would push to, or None (no branch, no remote)."""
        head = self._git("symbolic-ref", "-q", "HEAD", check=False, box=box).stdout.strip()
        if not head:
            return None
        name = self._git("for-each-ref", "--format=%(push:remotename)", head, check=False, box=box).stdout.strip()
        if not name:
            return None
        out = self._git("remote", "get-url", "--push", name, check=False, box=box)
        return out.stdout.strip() or None if out.returncode == 0 else None


def _with(message: str, notes: list[str]) -> str:
    return NOTE.join([message, *notes])


def _hooks_of(top: Path, url: str) -> Path:
    """The hooks folder of a repository on this computer, from its URL."""
    path = Path(url[len("file://"):] if url.startswith("file://") else url)
    path = path if path.is_absolute() else top / path
    return path / "hooks" if (path / "objects").is_dir() else path / ".git" / "hooks"
