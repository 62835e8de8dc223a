"""The repository's config keys that name programs, and the ``-c`` options that put the
user's own values (or ones that run nothing) in their place (no Qt).

Nothing in a folder runs code, and a .git/config arrives with any shared or unzipped
working copy. So before each call Newsdesk reads the config as git sees it in that work
tree (``git config --list --show-scope --includes``: reading runs nothing, and a file the
repository includes counts as the repository's), and every key that names a program and
is set by the repository (local or worktree scope) is given again on git's command line,
where it wins: the user's value from the system, global or command scope when there is
one (their credential helper, ssh, gpg, git-lfs filter), else a value that runs nothing.

Hooks never run (core.hooksPath is the null device), the user's global hooks included:
hook managers commonly chain to the repository's own. Submodules are not recursed into
(their config is another repository's). The ext:: transport is refused. A remote on this
computer gets a receive-pack that runs none of its hooks either. Keys git already ignores
in a repository's config (uploadpack.packObjectsHook) and keys of commands Newsdesk never
runs (send-email, instaweb, web.browser, guitool, alias) need nothing.
"""
from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, field

REPOSITORY_SCOPES = ("local", "worktree", "unknown")

# Always on git's command line, whoever set them.
ALWAYS = {
    "core.hooksPath": os.devnull,
    "core.pager": "cat",
    "core.editor": ":",            # git's own "no editor"; Newsdesk passes -m / --no-edit
    "sequence.editor": ":",
    "protocol.ext.allow": "never",  # ext::<command> runs a command the remote URL names
    "submodule.recurse": "false",
    "fetch.recurseSubmodules": "false",
    "push.recurseSubmodules": "no",
    "core.untrackedCache": "false",
    "safe.bareRepository": "explicit",
}

# (section, subsection: None = none, "*" = any, or the exact one, name) -> what runs nothing.
_RULES: dict[tuple[str, str | None, str], str] = {
    ("core", None, "fsmonitor"): "false",
    ("core", None, "sshcommand"): "ssh",
    ("core", None, "askpass"): "",
    ("core", None, "alternaterefscommand"): "",
    ("gpg", None, "program"): "gpg",
    ("gpg", "openpgp", "program"): "gpg",
    ("gpg", "x509", "program"): "gpgsm",
    ("gpg", "ssh", "program"): "ssh-keygen",
    ("gpg", "ssh", "defaultkeycommand"): "",
    ("diff", None, "external"): "",
    ("credential", None, "helper"): "",
    ("credential", "*", "helper"): "",
    ("filter", "*", "clean"): "",
    ("filter", "*", "smudge"): "",
    ("filter", "*", "process"): "",
    ("diff", "*", "textconv"): "",
    ("diff", "*", "command"): "",
    ("merge", "*", "driver"): "",
    ("mergetool", "*", "cmd"): "",
    ("mergetool", "*", "path"): "",
    ("difftool", "*", "cmd"): "",
    ("difftool", "*", "path"): "",
    ("trailer", "*", "command"): "",
    ("trailer", "*", "cmd"): "",
}
# Keys that are one setting under two names: the user's value for either is the value.
_SAME = {"gpg.openpgp.program": "gpg.program"}
# Keys where the first value git reads wins (-c comes last, so cannot override them):
# given by fetch's --upload-pack and push's --receive-pack instead.
FIRST_WINS = ("uploadpack", "receivepack")


def split_key(key: str) -> tuple[str, str | None, str]:
    section, _, rest = key.partition(".")
    sub, _, name = rest.rpartition(".")
    return section.lower(), (sub or None), name.lower()


def rule_of(key: str) -> str | None:
    section, sub, name = split_key(key)
    for candidate in ((section, sub, name), (section, "*" if sub is not None else None, name)):
        if candidate in _RULES:
            return _RULES[candidate]
    return None


def parse(listing: str) -> list[tuple[str, str, str | None]]:
    """``git config --null --list --show-scope`` output: (scope, key, value or None)."""
    parts = listing.split("\0")
    entries = []
    for scope, pair in zip(parts[0::2], parts[1::2], strict=False):
        key, newline, value = pair.partition("\n")
        entries.append((scope, key, value if newline else None))
    return entries


def _opt(key: str, value: str | None) -> list[str]:
    return ["-c", key if value is None else f"{key}={value}"]


@dataclass
class Sandbox:
    """What a git call in one work tree is given so that it runs nothing the repository names."""
    options: list[str] = field(default_factory=list)   # after `git`
    env: dict[str, str] = field(default_factory=dict)  # added to its environment
    replaced: list[str] = field(default_factory=list)  # the repository's keys put back
    kept: set[str] = field(default_factory=set)        # ... of which the user has a value
    first_wins: dict[str, str] = field(default_factory=dict)  # remote.X.uploadpack, ... -> value

    def drivers(self, section: str, names: tuple[str, ...]) -> set[str]:
        """Drivers (filter, merge) of the repository's own whose command does not run."""
        return {sub for sec, sub, name in map(split_key, self.replaced)
                if sec == section and sub and name in names} - {
            split_key(key)[1] for key in self.kept if split_key(key)[0] == section}


def sandbox(entries: list[tuple[str, str, str | None]], environ: dict[str, str]) -> Sandbox:
    box = Sandbox()
    for key, value in ALWAYS.items():
        box.options += _opt(key, value)
    repository = {key for scope, key, _ in entries if scope in REPOSITORY_SCOPES}
    helpers = False

    def user_values(key: str) -> list[str | None]:
        names = {key, *(k for k, v in _SAME.items() if v == key), _SAME.get(key, key)}  # either name
        return [v for scope, k, v in entries if k in names and scope not in REPOSITORY_SCOPES]

    for key in sorted(repository):
        section, sub, name = split_key(key)
        if section == "remote" and sub and name in FIRST_WINS:
            default = "git-upload-pack" if name == "uploadpack" else "git-receive-pack"
            box.first_wins[key] = next(iter(user_values(key)), None) or default
            continue
        if section == "core" and sub is None and name == "gitproxy":
            # the first match wins, and GIT_PROXY_COMMAND is read before any of them
            box.env.setdefault("GIT_PROXY_COMMAND", environ.get("GIT_PROXY_COMMAND", ""))
            box.replaced.append(key)
            continue
        neutral = rule_of(key)
        if neutral is None:
            continue
        if "=" in key:
            raise ValueError(f"the repository's config names a program under {key!r}, which Newsdesk cannot "
                           "set aside (it runs no program a folder names): use git for this")
        mine = user_values(key)
        box.replaced.append(key)
        if mine:
            box.kept.add(key)
        if section == "credential":
            helpers = True   # one list for every URL: emptied once, the user's put back below
            continue
        if mine:
            box.options += _opt(key, mine[-1])
        elif key == "core.sshcommand" and "GIT_SSH" in environ and "GIT_SSH_COMMAND" not in environ:
            box.env["GIT_SSH_COMMAND"] = shlex.quote(environ["GIT_SSH"])
        elif key == "core.askpass" and environ.get("SSH_ASKPASS"):
            box.options += _opt(key, environ["SSH_ASKPASS"])
        else:
            box.options += _opt(key, neutral)
    if helpers:
        # credential.helper and credential.<url>.helper make one list, and an empty value
        # empties it: empty it last, then give the user's helpers again, in their order
        box.options += _opt("credential.helper", "")
        for scope, key, value in entries:
            section, _sub, name = split_key(key)
            if section == "credential" and name == "helper" and scope not in REPOSITORY_SCOPES:
                box.options += _opt(key, value)
    return box


_LOCAL_URL = re.compile(r"^(file://|/|\.{1,2}(/|$)|[A-Za-z]:[\\/])")


def is_local_url(url: str) -> bool:
    """Whether git reaches ``url`` by running a program on this computer (a path, file://),
    as git decides it: no ``scheme://`` and no ``host:`` before the first slash."""
    if _LOCAL_URL.match(url):
        return True
    return "://" not in url and "::" not in url and ":" not in url.split("/", 1)[0]


def quiet_receive_pack() -> str:
    """A receive-pack for a remote on this computer that runs none of its hooks."""
    return (f"git -c core.hooksPath={shlex.quote(os.devnull)} -c core.fsmonitor=false "
            "-c protocol.ext.allow=never receive-pack")
