"""What `newsdesk set` and `newsdesk patch` refuse, run as scripts run them: the message,
the exit code, and every file's bytes as they were (a tester's morning on the powerapps
corpus)."""
import subprocess
import sys

import pytest

SEED = "000_6e2a0c9c78a5bcbb.txt"


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsdesk", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=60)


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("where", ["", "   ", "\t"])
def test_an_empty_where_is_refused_not_read_as_all(seeds_copy, where):
    """`--where "$Q"` with Q unset matched every article, as --all would without being said."""
    before = _bytes(seeds_copy)
    r = run("set", seeds_copy, "published=true", "--where", where)
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.splitlines() == ["newsdesk: --where: the search is empty, and an empty search finds every "
                                     "article; to edit every article, say --all"]
    assert _bytes(seeds_copy) == before


@pytest.mark.parametrize("assignment", ["secured=abc", "secured=null", 'secured=""'])
def test_set_never_changes_secured(seeds_copy, assignment):
    before = _bytes(seeds_copy)
    r = run("set", seeds_copy, assignment, "--all")
    assert r.returncode == 2
    assert r.stderr.splitlines() == ["newsdesk: secured: an opaque payload that Newsdesk never changes "
                                     "(the site's pipeline writes it)"]
    assert _bytes(seeds_copy) == before


@pytest.mark.parametrize("value", ["", "  "])
def test_set_with_nothing_after_the_equals_is_refused(seeds_copy, value):
    """`title="$T"` with T unset wrote `title: ""` into every article found."""
    before = _bytes(seeds_copy)
    r = run("set", seeds_copy, f"title={value}", "--all")
    assert r.returncode == 2
    assert r.stderr.splitlines() == ["newsdesk: title=: no value given; to remove the key write title=null"]
    assert _bytes(seeds_copy) == before


def test_set_that_check_would_call_a_problem_is_refused_with_checks_words(seeds_copy):
    before = _bytes(seeds_copy)
    r = run("set", seeds_copy, "topics+=' '", "--all")
    assert r.returncode == 2
    assert "topics[0] must be a topic name, not ' '" in r.stderr
    assert _bytes(seeds_copy) == before
    r = run("check", seeds_copy)
    assert r.returncode == 0


def _patch(tmp_path, text):
    patch = tmp_path / "p.yaml"
    patch.write_text(text)
    return patch


def test_patch_carries_the_pipelines_secured_value_whole(seeds_copy, tmp_path):
    """A patch is the pipeline's own values (the sites' history replays through it, and 3
    of 4 powerapps edits change ``secured``): its payload is written as given, byte for
    byte, where ``set`` refuses to make one up from what an editor typed."""
    path = seeds_copy / SEED
    old = next(line for line in path.read_bytes().split(b"\n") if line.startswith(b"secured: "))
    new = b'secured: "bmV3;cGF5bG9hZA=="'
    r = run("patch", path, "--patch", _patch(tmp_path, new.decode() + "\n"))
    assert r.returncode == 0, r.stderr
    assert path.read_bytes() == _bytes_of_seed().replace(old, new)


def _bytes_of_seed():
    from conftest import SEEDS
    return (SEEDS / SEED).read_bytes()


def test_patch_refuses_an_unknown_key_as_set_does_and_takes_the_same_opt_in(seeds_copy, tmp_path):
    before = _bytes(seeds_copy)
    patch = _patch(tmp_path, "publised: true\n")
    by_patch = run("patch", seeds_copy / SEED, "--patch", patch)
    by_set = run("set", seeds_copy, "publised=true", "--all")
    assert by_patch.returncode == by_set.returncode == 2
    assert by_patch.stderr == by_set.stderr
    assert "publised: not a known field" in by_patch.stderr and "--new-key publised" in by_patch.stderr
    assert _bytes(seeds_copy) == before
    r = run("patch", seeds_copy / SEED, "--patch", patch, "--new-key", "publised")
    assert r.returncode == 0, r.stderr
    assert b"\npublised: true\n" in (seeds_copy / SEED).read_bytes()


def test_patch_names_a_patch_file_that_never_existed(seeds_copy, tmp_path):
    before = _bytes(seeds_copy)
    r = run("patch", seeds_copy / SEED, "--patch", tmp_path / "nope.yaml")
    assert r.returncode == 2
    assert r.stderr.splitlines() == [f"newsdesk: {tmp_path / 'nope.yaml'}: no such file"]
    r = run("patch", seeds_copy / "nope.md", "--patch", _patch(tmp_path, "quality: 5\n"))
    assert r.returncode == 1
    assert r.stderr.splitlines() == [f"{seeds_copy / 'nope.md'}: no such file"]
    assert _bytes(seeds_copy) == before


def test_patch_says_which_files_it_changed_unless_quiet(seeds_copy, tmp_path):
    a, b = seeds_copy / SEED, seeds_copy / "002_191b5a51e1cb795b.txt"
    patch = _patch(tmp_path, "quality: 43\n")   # a already has 43: not changed, not written
    before_a = a.read_bytes()
    r = run("patch", a, b, "--patch", patch)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [f"{b}: changed"] and r.stderr == ""
    assert a.read_bytes() == before_a and b"\nquality: 43\n" in b.read_bytes()
    r = run("patch", a, b, "--patch", _patch(tmp_path, "quality: 44\n"), "--quiet")
    assert r.returncode == 0 and r.stdout == "" and r.stderr == ""
    assert b"\nquality: 44\n" in a.read_bytes() and b"\nquality: 44\n" in b.read_bytes()


def test_index_text_has_a_header_naming_its_columns_and_json_has_none(seeds_copy):
    r = run("index", seeds_copy)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split("\t") == ["published", "quality", "date", "related", "title", "path"]
    assert lines[1].split("\t") == ["-", "43", "2023-10-17T00:31:00Z", "2",
                                    "AI model training rekindles interest in on-premises infrastructure", SEED]
    assert len(lines) == 6
    assert run("index", seeds_copy, "--json").stdout.splitlines()[0].startswith('{"path": "000_')
    assert "x: published" in run("index", "--help").stdout


def test_index_review_works_in_text_output_too(seeds_copy, tmp_path):
    r = run("index", seeds_copy, "--review")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split("\t") == ["published", "quality", "date", "related", "review", "title", "path"]
    assert [line.split("\t")[4] for line in lines[1:]] == ["new"] * 5


def test_usage_lines_read_as_two_ways_to_run_it():
    r = run("index")
    assert r.returncode == 2
    assert r.stderr.startswith("usage: newsdesk index [-h]"), r.stderr
    assert "newsdesk index: error: the following arguments are required: PATH" in r.stderr
    top = run("--help").stdout
    assert "\nusage: newsdesk [PATH]\n       newsdesk {index,check,set,patch} ...\n" in top, top

