"""What `newsdesk --help` and `--version` say, what they cost, and output on any console."""
import os
import subprocess
import sys

from conftest import SEEDS


def _run(*args, **env):
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, **env), encoding="utf-8", errors="replace")


def test_help_shows_the_window_usage_and_every_sub_command_with_an_example():
    from newsdesk.cli import COMMANDS

    out = _run("-m", "newsdesk", "--help").stdout
    assert "newsdesk [PATH]" in out and "newsdesk --smoke" in out and "--debug" in out
    for command in COMMANDS:
        assert f"  newsdesk {command} _news" in out, command


def test_version_lists_newsdesk_python_qt_and_pyside6():
    lines = _run("-m", "newsdesk", "--version").stdout.splitlines()
    assert [line.split()[0] for line in lines[:4]] == ["Newsdesk", "Python", "Qt", "PySide6"]
    assert lines[4].startswith("log folder ")


def _imported(*args):
    """The modules a command imports (python -X importtime, on stderr)."""
    err = _run("-X", "importtime", "-m", "newsdesk", *args).stderr
    return {line.rsplit("|", 1)[-1].strip() for line in err.splitlines() if line.startswith("import time:")}


def test_help_and_version_import_nothing_of_the_core():
    for args in (["--help"], ["--version"], ["set", "--help"]):
        modules = _imported(*args)
        assert "newsdesk.cli" in modules
        assert not [m for m in modules if m.startswith("newsdesk.core")], args
        assert "multiprocessing" not in modules and "dataclasses" not in modules, args


def test_an_emoji_title_prints_on_a_cp1252_console(tmp_path):
    article = (SEEDS / "000_6e2a0c9c78a5bcbb.txt").read_bytes().replace(
        b'title: "AI model training', 'title: "\U0001F680 AI model training'.encode(), 1)
    (tmp_path / "a.txt").write_bytes(article)
    r = subprocess.run([sys.executable, "-m", "newsdesk", "index", str(tmp_path)], capture_output=True,
                       timeout=120, env=dict(os.environ, PYTHONIOENCODING="cp1252"))
    assert r.returncode == 0, r.stderr.decode("utf-8", "replace")
    assert "\U0001F680 AI model training" in r.stdout.decode("utf-8")


def test_plain_patch_arguments_are_read_as_argparse_reads_them():
    from newsdesk.cli import _quick_patch_args, _subcommand_parser
    for argv in (["patch", "a.md", "--patch", "p.yaml"], ["patch", "--patch", "p.yaml", "a.md", "b.md"],
                 ["patch", "a.md", "b.md", "--patch=p.yaml"]):
        quick, full = _quick_patch_args(argv), _subcommand_parser().parse_args(argv)
        assert (quick.files, quick.patch, quick.run) == (full.files, full.patch, full.run), argv
    for argv in (["patch", "--patch", "p.yaml"], ["patch", "a.md", "--patch"], ["patch", "a.md"],
                 ["patch", "-h"], ["patch", "a.md", "--patch", "x", "--patch", "y"], ["patch", "a.md", "--pat", "x"],
                 ["patch", "a.md", "--patch", "p.yaml", "b.md"]):
        assert _quick_patch_args(argv) is None, argv  # argparse's turn: it says what is wrong


def test_patch_of_one_file_starts_no_worker_pool_and_no_argument_parser(seeds_copy, tmp_path):
    target = seeds_copy / "002_191b5a51e1cb795b.txt"
    patch = tmp_path / "p.yaml"
    patch.write_text("published: true\n")
    modules = _imported("patch", str(target), "--patch", str(patch))
    assert b"published: true" in target.read_bytes()
    assert "multiprocessing" not in modules and "newsdesk.core.indexing.pool" not in modules
    assert "argparse" not in modules
    # what only other commands need: a frozen dataclass's inspect/ast/dis (~5 ms), typing
    # (~2 ms), tempfile's shutil and random (~2.5 ms), pathlib with urllib.parse (~3 ms),
    # difflib (a list's items matched); see core/record.py and core/files/disk.py
    unwanted = {"dataclasses", "inspect", "typing", "tempfile", "shutil", "pathlib", "urllib.parse", "difflib"}
    assert not unwanted & modules, unwanted & modules
