"""What every `newsdesk ... --help` says first, and that the examples it shows work as shown."""
import os
import re
import shlex
import shutil
import subprocess
import sys

import pytest

from conftest import SEEDS
from newsdesk.cli import COMMANDS


def _newsdesk(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsdesk", *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd, env=dict(os.environ, COLUMNS="100"), encoding="utf-8", errors="replace")


def _help(*command) -> str:
    done = _newsdesk(*command, "--help")
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_commands_help_starts_with_one_plain_line_saying_what_it_does(command):
    """`newsdesk set --help` began "usage: newsdesk [PATH] | newsdesk COMMAND ... set [-h]
    (--where QUERY | --all)": the main usage glued before the command's own."""
    lines = _help(command).splitlines()
    first = lines[0]
    assert first[0].isupper() and first.endswith(".") and len(first) <= 90, first
    assert "usage" not in first and "[" not in first and "newsdesk" not in first, first
    assert lines[1] == "" and lines[2].startswith(f"usage: newsdesk {command} [-h]"), lines[:3]
    assert "COMMAND ..." not in "\n".join(lines)
    # the main help lists the command with the same words
    assert f"    {command:<10}{first[0].lower()}{first[1:-1][:30]}" in _help()


def test_the_main_help_starts_with_what_newsdesk_is():
    lines = _help().splitlines()
    assert lines[0] == "Review and curate the front-matter articles of a news site."
    assert lines[1:4] == ["", "usage: newsdesk [PATH]", "       newsdesk {index,check,set,patch} ..."]


def _examples(text: str) -> list[str]:
    """The command lines a help shows as examples of sub-commands (not the window's)."""
    out = []
    for line in text.splitlines():
        if line.startswith("  newsdesk ") and line.split()[1] in COMMANDS:
            out.append(re.split(r"\s{2,}", line.strip())[0])
    return out


def test_every_example_shown_in_a_help_works_as_shown(tmp_path):
    """Run in a folder holding what the examples name: _news (the seeds and an a.md) and
    fix.yaml. Each must end well (exit 0, no traceback) and do what it says."""
    shown = _examples(_help()) + [e for command in COMMANDS for e in _examples(_help(command))]
    assert {shlex.split(e)[1] for e in shown} == set(COMMANDS) and len(shown) >= 12
    news = tmp_path / "_news"
    shutil.copytree(SEEDS, news)
    shutil.copy(SEEDS / "002_191b5a51e1cb795b.txt", news / "a.md")
    (tmp_path / "fix.yaml").write_text("published: true\n")
    for example in dict.fromkeys(shown):  # each once, in the order shown
        done = _newsdesk(*shlex.split(example)[1:], cwd=tmp_path)
        assert done.returncode == 0, (example, done.stderr)
        assert "Traceback" not in done.stderr and "error:" not in done.stderr, (example, done.stderr)
        if "--json" in example:
            assert len(done.stdout.splitlines()) == 6 and all(line.startswith("{") for line in done.stdout.splitlines())
        if example.startswith("newsdesk patch"):
            assert b"published: true\n" in (news / "a.md").read_bytes()
        if "--dry-run" in example:
            assert "+  - Reviewed" in done.stdout
    assert all(b"heat:" not in p.read_bytes() for p in news.iterdir() if b"published: false" in p.read_bytes())
