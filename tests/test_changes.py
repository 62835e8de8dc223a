"""The diff shown before saving is the change saving makes, merge with the disk included."""
import re

from newsdesk.core.document.edits import Insert, Set
from newsdesk.core.editorial.changes import unified
from newsdesk.core.library.library import Library


def apply(old: bytes, diff: str) -> bytes:
    """Apply a unified diff (as `patch` would) to check it describes the change exactly."""
    out, lines, i = [], old.decode().splitlines(keepends=True), 0
    for line in diff.splitlines(keepends=True):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            start = int(line.split()[1].split(",")[0][1:])
            start = start - 1 if start else 0
            out += lines[i:start]
            i = start
        elif line.startswith(" "):
            assert lines[i] == line[1:]
            out.append(lines[i])
            i += 1
        elif line.startswith("-"):
            assert lines[i] == line[1:], (lines[i], line)
            i += 1
        elif line.startswith("+"):
            out.append(line[1:])
        elif line.startswith("\\"):
            out[-1] = out[-1].rstrip("\n")
    return "".join(out + lines[i:]).encode()


def test_diff_shown_is_what_is_written(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    before = (seeds_copy / rel).read_bytes()
    library.set_data(rel, library.preview(rel, Set(("published",), True)))
    library.set_data(rel, library.preview(rel, Insert(("topics",), 0, "Zebra")))
    change = library.change(rel)
    assert change.problem == "" and change.added == 2 and change.removed == 1
    assert "-published: false\n+published: true\n" in change.diff and "+  - Zebra\n" in change.diff
    assert (seeds_copy / rel).read_bytes() == before  # nothing written by looking
    library.save(rel)
    assert apply(before, change.diff) == (seeds_copy / rel).read_bytes()


def test_diff_includes_the_merge_with_a_change_made_on_disk(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    library.set_data(rel, library.preview(rel, Set(("published",), True)))
    path = seeds_copy / rel
    on_disk = path.read_bytes().replace(b"heat: ", b"heat: 1", 1)
    path.write_bytes(on_disk)  # a pipeline writes meanwhile
    change = library.change(rel)
    assert "\n-heat" not in change.diff and "\n+heat" not in change.diff  # the disk's change is the base
    library.save(rel)
    written = path.read_bytes()
    assert apply(on_disk, change.diff) == written and b"published: true" in written


def test_a_conflict_is_named_not_diffed(seeds_copy):
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    library.set_data(rel, library.preview(rel, Set(("quality",), 11)))
    path = seeds_copy / rel
    text = path.read_text()
    path.write_text(re.sub(r"^quality: .*$", "quality: 99", text, count=1, flags=re.M))
    change = library.change(rel)
    assert change.diff == "" and "conflict" in change.problem


def test_no_newline_at_end_is_marked():
    assert unified("a.md", b"x\n", b"x\ny").endswith("+y\n\\ No newline at end of file\n")
