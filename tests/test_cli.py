"""The newsdesk command as scripts use it."""
import json
import subprocess
import sys

from conftest import SEEDS
from newsdesk.cli import main


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "newsdesk", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=60)


def test_index_json_rows(capsys):
    assert main(["index", str(SEEDS), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 5
    first = rows[0]
    assert list(first) == ["path", "title", "published", "quality", "heat", "provider",
                           "publishedDateTime", "topics", "related"]
    assert first == {"path": "000_6e2a0c9c78a5bcbb.txt",
                     "title": "AI model training rekindles interest in on-premises infrastructure",
                     "published": False, "quality": 43, "heat": -1, "provider": "SiliconANGLE",
                     "publishedDateTime": "2023-10-17T00:31:00Z",
                     "topics": ["AI Hardware", "AI", "Microsoft AI", "AWS AI"], "related": 2}


def test_index_reports_problems_and_exits_1(seeds_copy, capsys):
    (seeds_copy / "sub").mkdir()
    (seeds_copy / "sub" / "broken.md").write_bytes(b"---\ntitle: [\n---\n")
    (seeds_copy / ".git").mkdir()
    (seeds_copy / ".git" / "x.md").write_bytes(b"ignored")
    assert main(["index", str(seeds_copy), "--json"]) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 5
    assert "broken.md:2: invalid YAML" in captured.err and "Traceback" not in captured.err


def test_check(seeds_copy, capsys):
    assert main(["check", str(seeds_copy)]) == 0
    (seeds_copy / "q.md").write_bytes(b'---\ntitle: "x"\nquality: high\npublished: maybe\n---\n')
    assert main(["check", str(seeds_copy)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert any("q.md:3: quality must be a whole number from 0 to 999, not 'high'" in line for line in out)
    assert any("q.md:4: published must be true or false" in line for line in out)


def test_patch_applies_and_refuses(seeds_copy, tmp_path):
    target = seeds_copy / "002_191b5a51e1cb795b.txt"
    before = target.read_bytes()
    patch = tmp_path / "p.yaml"
    patch.write_text("published: true\nprovider:\n  name: HPCwire\n")
    r = run("patch", target, "--patch", patch)
    assert r.returncode == 0, r.stderr
    after = target.read_bytes()
    assert after.replace(b"published: true", b"published: false") != before
    assert b"published: true" in after and b"  name: HPCwire\n" in after

    patch.write_text("quality: lots\n")
    r = run("patch", target, "--patch", patch)
    assert r.returncode == 1 and "quality must be a whole number" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert target.read_bytes() == after

    patch.write_text("quality: [\n")
    r = run("patch", target, "--patch", patch)
    assert r.returncode != 0 and "invalid YAML" in r.stderr and "Traceback" not in r.stderr
    assert target.read_bytes() == after

    broken = seeds_copy / "broken.md"
    broken.write_bytes(b"no front matter")
    patch.write_text("quality: 5\n")
    r = run("patch", broken, target, "--patch", patch)
    assert r.returncode == 1 and "broken.md" in r.stderr and "no front matter" in r.stderr
    assert broken.read_bytes() == b"no front matter"
    assert b"quality: 5\n" in target.read_bytes()


def test_patch_of_a_bare_file_name_learns_its_folder_and_names_it(tmp_path):
    """`newsdesk patch a.md` run in the article's folder (the path a str, no pathlib): a key
    Newsdesk does not know goes where the folder's other files put it (alone: at the end),
    and a problem names the file as given."""
    for name in ("b.md", "c.md"):
        (tmp_path / name).write_text(f'---\ntitle: "{name}"\nregion: emea\nquality: 2\npublished: true\n---\n')
    (tmp_path / "a.md").write_text('---\ntitle: "a"\nquality: 1\npublished: false\n---\nBody.\n')
    (tmp_path / "p.yaml").write_text("region: apac\n")
    r = run("patch", "a.md", "--patch", "p.yaml", "--new-key", "region", cwd=tmp_path)  # (as `set` asks)
    assert r.returncode == 0, r.stderr
    patched = (tmp_path / "a.md").read_text()
    assert patched == '---\ntitle: "a"\nregion: apac\nquality: 1\npublished: false\n---\nBody.\n'
    (tmp_path / "p.yaml").write_text("quality: lots\n")
    r = run("patch", "a.md", "--patch", "p.yaml", cwd=tmp_path)
    assert r.returncode == 1 and r.stderr.startswith("a.md: ") and "quality must be a whole number" in r.stderr


def test_subcommands_import_no_qt():
    code = (f"import sys; from newsdesk.cli import main; main(['index', {str(SEEDS)!r}]); "
            "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_console_script_and_module_both_work():
    r = run("--version")
    assert r.returncode == 0 and r.stdout.startswith("Newsdesk ")


def test_set_where_edits_matching_articles_only(seeds_copy, capsys):
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    assert main(["set", str(seeds_copy), "published=true", "topics+=Reviewed",
                 "--where", "quality>=50 topic:AI"]) == 0
    err = capsys.readouterr().err
    changed = sorted(p.name for p in seeds_copy.iterdir() if p.read_bytes() != before[p.name])
    assert changed == ["001_f48116ce7d4fff05.txt", "002_191b5a51e1cb795b.txt"]
    assert "2 of 5 articles matched; changed 2" in err
    for name in changed:
        text = (seeds_copy / name).read_bytes()
        assert text.replace(b"published: true", b"published: false").replace(b"  - Reviewed\n", b"", 1) == before[name]


def test_set_dry_run_prints_the_diff_and_writes_nothing(seeds_copy, capsys):
    before = {p.name: p.read_bytes() for p in seeds_copy.iterdir()}
    assert main(["set", str(seeds_copy), "quality=1", "--where", "title:hybrid", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in seeds_copy.iterdir()} == before
    assert "-quality: 21\n+quality: 1\n" in out and out.startswith("--- a/")


def test_set_dry_run_headers_name_the_file_from_here_or_from_the_folder(seeds_copy, capsys, monkeypatch, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # an absolute PATH outside the current folder: named from the folder given
    assert main(["set", str(seeds_copy), "quality=1", "--where", "title:hybrid", "--dry-run"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith(f"--- a/{seeds_copy.name}/") and "//" not in first
    monkeypatch.chdir(seeds_copy.parent)  # under the current folder: named from here, as git does
    assert main(["set", str(seeds_copy), "quality=1", "--where", "title:hybrid", "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith(f"--- a/{seeds_copy.name}/0")


def test_set_dry_run_into_a_closed_pipe_fails_no_article(seeds_copy):
    import subprocess
    import sys
    script = ("import sys; from newsdesk.cli import main; sys.exit(main(['set', sys.argv[1], 'quality=1', "
              "'--all', '--dry-run']))")
    run = subprocess.run(f'"{sys.executable}" -c "{script}" "{seeds_copy}" | head -c 10 >/dev/null',
                         shell=True, capture_output=True, text=True, timeout=120)
    assert "failed" not in run.stderr and "BrokenPipe" not in run.stderr and "Traceback" not in run.stderr


def test_set_refuses_bad_input_with_one_line(seeds_copy, capsys):
    assert main(["set", str(seeds_copy), "quality=1", "--where", "quality>=("]) == 2
    assert "--where" in capsys.readouterr().err
    assert main(["set", str(seeds_copy), "quality 1", "--all"]) == 2
    assert "key=value" in capsys.readouterr().err
