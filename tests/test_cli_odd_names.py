"""What the CLI prints of hostile names and titles, as the bytes a terminal receives: one
line per article, no terminal escape, no line that reads as a report about another file,
a name that is not UTF-8 spelled the same by every command, and JSON that strict parsers
read (no NaN, no raw bytes), naming such a file so it can be found again."""
import json
import os
import subprocess
import sys

import pytest

ON_LINUX = sys.platform == "linux"
BYTES_NAME = b"bad-\xff\xfe.md"
FAKE = "bad\nfake.md: no front matter but i am fine.md"


def newsdesk(cache, *args):
    env = {**os.environ, "NEWSDESK_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "newsdesk", *map(str, args)], capture_output=True,
                          env=env, timeout=120)


@pytest.fixture
def site(tmp_path):
    root = tmp_path / "site"
    root.mkdir()
    (root / "title-escapes.md").write_bytes(
        b'---\ntitle: "line1\\nline2\\tcol \\e[2J\\e[31mRED \\u202e"\npublished: false\n---\n')
    (root / "nan.md").write_bytes(b'---\ntitle: "nan"\npublished: false\nquality: .nan\nheat: .inf\n---\n')
    (root / "minus.md").write_bytes(b'---\ntitle: "minus"\npublished: false\nheat: -.inf\n---\n')
    (root / FAKE).write_bytes(b"no front matter\n")
    (root / "esc\x1b[2Jred.md").write_bytes(b"no front matter\n")
    if ON_LINUX:
        (root / os.fsdecode(BYTES_NAME)).write_bytes(b'---\ntitle: "bytes"\npublished: false\n---\n')
    return root


def lines(output: bytes) -> list[str]:
    assert b"\x1b" not in output and b"\xe2\x80\xae" not in output  # no ESC, no U+202E
    return output.decode("utf-8").splitlines()


def test_index_prints_one_line_per_article(site, tmp_path):
    done = newsdesk(tmp_path / "cache", "index", site)
    out, err = lines(done.stdout), lines(done.stderr)
    assert out[0] == "published\tquality\tdate\trelated\ttitle\tpath"  # the header
    out = out[1:]
    assert len(out) == 3 + ON_LINUX and all(line.count("\t") == 5 for line in out)
    title = next(line for line in out if line.endswith("title-escapes.md"))
    assert "line1\\nline2\\tcol \\x1b[2J\\x1b[31mRED \\u202e" in title
    named = sorted(line[len(str(site)) + 1:] for line in err)
    assert len(named) == 2 and named[0].startswith("bad\\nfake.md: no front matter but i am fine.md:")
    assert named[1].startswith("esc\\x1b[2Jred.md:")
    if ON_LINUX:
        assert any(line.endswith("\tbad-\\xff\\xfe.md") for line in out)


def test_check_lines_name_the_real_file(site, tmp_path):
    (site / "nan.md").write_bytes(b'---\ntitle: "nan"\npublished: false\nquality: .nan\n---\n')
    if ON_LINUX:
        (site / os.fsdecode(BYTES_NAME)).write_bytes(b'---\ntitle: "bytes"\nquality: 1000\n---\n')
    done = newsdesk(tmp_path / "cache", "check", site, "--no-cache")
    out = lines(done.stdout)
    names = sorted({line[len(str(site)) + 1:].split(": ")[0].split(":")[0] for line in out})
    expected = ["bad\\nfake.md", "esc\\x1b[2Jred.md", "minus.md", "nan.md"] + ["bad-\\xff\\xfe.md"] * ON_LINUX
    assert names == sorted(expected)
    assert not any(line.startswith("fake.md") for line in out)


@pytest.mark.skipif(not ON_LINUX, reason="only Linux file names hold any bytes")
def test_a_name_that_is_not_utf8_is_spelled_alike_by_every_command(site, tmp_path):
    (site / os.fsdecode(BYTES_NAME)).write_bytes(b'---\ntitle: "bytes"\nquality: x\n---\n')
    shown = "bad-\\xff\\xfe.md"
    index = lines(newsdesk(tmp_path / "cache", "index", site).stdout)
    check = lines(newsdesk(tmp_path / "cache", "check", site, "--no-cache").stdout)
    dry = newsdesk(tmp_path / "cache", "set", site, "published=true", "--all", "--dry-run")
    headers = [line for line in lines(dry.stdout) if line.startswith(("--- ", "+++ "))]
    assert any(line.endswith("\t" + shown) for line in index)
    assert any(f"/{shown}:3: " in line for line in check)
    assert sum(line.endswith("/" + shown) for line in headers) == 2


@pytest.mark.parametrize("cached", [True, False])
def test_index_json_is_strict_json_and_names_every_file(site, tmp_path, cached):
    args = ("index", site, "--json") + (() if cached else ("--no-cache",))
    for _ in range(2):  # the second: a warm listing
        done = newsdesk(tmp_path / "cache", *args)
        records = [json.loads(line.decode("utf-8"), parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
                   for line in done.stdout.splitlines()]
        by_title = {r["title"]: r for r in records}
        assert by_title["nan"]["quality"] == "nan" and by_title["nan"]["heat"] == "inf"
        assert by_title["minus"]["heat"] == "-inf"
        for record in records:
            name = bytes.fromhex(record["path_bytes"]) if "path_bytes" in record else record["path"].encode()
            assert os.path.isfile(os.path.join(os.fsencode(site), name))
            assert ("path_bytes" in record) == (name == BYTES_NAME)
        assert len(records) == 3 + ON_LINUX


def test_patch_names_each_file_it_changed_escaped(site, tmp_path):
    odd = site / "two\nlines \u202e.md"
    odd.write_bytes(b'---\ntitle: "odd"\npublished: false\n---\n')
    patch = tmp_path / "p.yaml"
    patch.write_text("published: true\n")
    names = [odd] + ([site / os.fsdecode(BYTES_NAME)] if ON_LINUX else [])
    done = newsdesk(tmp_path / "cache", "patch", *names, "--patch", patch)
    assert done.returncode == 0, done.stderr
    shown = [f"{site}/two\\nlines \\u202e.md: changed"] + ([f"{site}/bad-\\xff\\xfe.md: changed"] if ON_LINUX else [])
    assert lines(done.stdout) == shown
