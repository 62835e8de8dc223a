"""The library follows the folder: changed files re-read, new ones added, deleted ones
dropped — except where unsaved edits would be lost: those are kept and flagged."""
import os
import shutil

from newsdesk.core.document.edits import Set
from newsdesk.core.library.library import Library

A = "000_6e2a0c9c78a5bcbb.txt"
B = "001_f48116ce7d4fff05.txt"


def _bump(path, old: bytes, new: bytes):
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))
    st = os.stat(path)  # a later mtime even on coarse clocks
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def _open(folder):
    library = Library(folder)
    library.load()
    return library


def _row(library, rel):
    return library.rows[library.position(rel)]


def test_nothing_changed_finds_nothing(seeds_copy):
    assert not _open(seeds_copy).scan()


def test_clean_article_changed_on_disk_is_reread(seeds_copy):
    library = _open(seeds_copy)
    assert library.draft(A).data["heat"] == -1
    _bump(seeds_copy / A, b"heat: -1", b"heat: 9")
    done = library.refresh()
    assert done.changed == [A] and A in done.reloaded and not done.flagged
    assert _row(library, A).heat == 9 and library.draft(A).data["heat"] == 9


def test_new_and_deleted_files(seeds_copy):
    library = _open(seeds_copy)
    shutil.copy(seeds_copy / A, seeds_copy / "new.txt")
    (seeds_copy / B).unlink()
    done = library.refresh()
    assert done.removed == [B] and [r.path for r in done.added] == ["new.txt"]
    assert sorted(r.path for r in library.rows) == sorted(p.name for p in seeds_copy.iterdir())
    assert [library.position(r.path) for r in library.rows] == list(range(len(library.rows)))


def test_edited_article_changed_on_disk_keeps_the_edit_merged_onto_the_new_file(seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    before = library.draft(A).article.data
    _bump(seeds_copy / A, b"heat: -1", b"heat: 9")
    theirs = (seeds_copy / A).read_bytes()
    done = library.refresh()
    assert done.flagged == [A] and library.on_disk == {A: "changed"} and list(done.reloaded) == [A]
    assert done.reloaded[A]["heat"] == -1 and done.reloaded[A]["quality"] == before["quality"]
    # the draft, its row and the view hold the disk's new value with the edit
    assert library.draft(A).data["quality"] == 99 and library.draft(A).data["heat"] == 9 and library.is_dirty(A)
    assert (_row(library, A).quality, _row(library, A).heat) == (99, 9)
    assert library.draft(A).article.raw == theirs
    assert not library.scan()  # the row describes the new file: nothing to read again
    library.save(A)
    text = (seeds_copy / A).read_bytes()
    assert text == theirs.replace(b"quality: %d\n" % before["quality"], b"quality: 99\n") and library.on_disk == {}


def test_the_new_files_topics_reach_the_topic_index_and_the_search_texts(seeds_copy):
    library = _open(seeds_copy)
    assert len(library.view) == len(library.rows)  # the table's view, made before the change
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    text = (seeds_copy / A).read_bytes()
    _bump(seeds_copy / A, b"\ntopics:\n", b"\ntopics:\n  - Guides\n")
    assert (seeds_copy / A).read_bytes() != text
    library.refresh()
    assert A in library.with_topic({"Guides"}) and A in library.view.topic_paths("guides", False)
    assert "guides" in library.view.haystack(_row(library, A))


def test_a_change_on_disk_conflicting_with_the_edit_is_not_merged_until_saving(seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    old = library.draft(A).article.raw
    quality = library.draft(A).article.data["quality"]
    _bump(seeds_copy / A, b"quality: %d\n" % quality, b"quality: 5\n")
    done = library.refresh()
    assert done.flagged == [A] and library.on_disk == {A: "changed"} and A not in done.reloaded
    assert library.draft(A).article.raw == old and _row(library, A).quality == 99  # saving asks


def test_the_same_change_made_on_disk_leaves_nothing_unsaved(seeds_copy):
    library = _open(seeds_copy)
    quality = library.draft(A).data["quality"]
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    _bump(seeds_copy / A, b"quality: %d\n" % quality, b"quality: 99\n")
    library.refresh()
    assert not library.is_dirty(A) and library.on_disk == {} and _row(library, A).quality == 99


def test_edited_article_deleted_on_disk_stays_flagged(seeds_copy):
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    (seeds_copy / A).unlink()
    done = library.refresh()
    assert done.flagged == [A] and not done.removed and library.on_disk == {A: "deleted"}
    assert library.draft(A).data["quality"] == 99
    assert [str(p.message) for p in library.save_all()] == ["not saved: the file no longer exists"]


def test_file_that_breaks_moves_to_problems_and_back(seeds_copy):
    library = _open(seeds_copy)
    good = (seeds_copy / B).read_bytes()
    (seeds_copy / B).write_bytes(b"---\ntitle: [unclosed\n---\n")
    done = library.refresh()
    assert done.removed == [B] and [os.path.basename(p.path) for p in library.problems] == [B]
    (seeds_copy / B).write_bytes(good)
    done = library.refresh()
    assert not library.problems and [r.path for r in done.added] == [B]


def test_scan_of_one_subfolder(tmp_path, seeds_copy):
    (seeds_copy / "sub").mkdir()
    shutil.copy(seeds_copy / A, seeds_copy / "sub" / "x.txt")
    library = _open(seeds_copy)
    (seeds_copy / B).unlink()  # outside the scanned folder: not looked at
    shutil.copy(seeds_copy / A, seeds_copy / "sub" / "y.txt")
    changes = library.scan(seeds_copy / "sub")
    assert [r.path for r in changes.rows] == ["sub/y.txt"] and changes.gone == []


def test_one_scan_in_two_steps_flags_a_merged_article_once(seeds_copy):
    """The watcher scans a sub-folder and the article's own file from one snapshot: both
    steps find the file changed; the second finds the draft merged onto it already."""
    library = _open(seeds_copy)
    library.set_data(A, library.preview(A, Set(("quality",), 99)))
    _bump(seeds_copy / A, b"heat: -1", b"heat: 9")
    snapshot = library.snapshot()
    steps = [library.scan_files(library.known(snapshot=snapshot)),
             library.scan_files(library.known(only=[A], snapshot=snapshot), only=[A])]
    assert [[r.path for r in step.rows] for step in steps] == [[A], [A]]
    flagged = [rel for step in steps for rel in library.apply(step).flagged]
    assert flagged == [A] and library.draft(A).data["heat"] == 9 and library.is_dirty(A)


def test_an_article_edited_entry_by_entry_is_merged_too(seeds_copy):
    library = _open(seeds_copy)
    library.set_top(A, {"quality": 99})  # a lazy draft: only that entry read
    _bump(seeds_copy / A, b"heat: -1", b"heat: 9")
    theirs = (seeds_copy / A).read_bytes()
    library.refresh()
    assert (_row(library, A).quality, _row(library, A).heat) == (99, 9) and library.is_dirty(A)
    library.save(A)
    assert b"quality: 99\n" in (seeds_copy / A).read_bytes() and b"heat: 9\n" in (seeds_copy / A).read_bytes()
    assert len((seeds_copy / A).read_bytes()) - len(theirs) == len(b"99") - len(b"%d" % _quality_of(theirs))


def _quality_of(text: bytes) -> int:
    return int(text.split(b"\nquality: ", 1)[1].split(b"\n", 1)[0])


def test_merged_when_seen_or_when_saving_writes_the_same_bytes(tmp_path, seeds_copy):
    """Merging the edits onto a changed file when the scan sees it (entry by entry, or
    whole) writes what merging it when saving wrote."""
    written = {}
    for how in ("at save", "entry by entry", "whole"):
        folder = tmp_path / how.replace(" ", "_")
        shutil.copytree(seeds_copy, folder)
        library = _open(folder)
        if how == "whole":
            library.draft(A).data  # noqa: B018 - read whole, as the panel does
        library.set_top(A, {"quality": 99, "topics": ["AI", "Fresh"]})
        _bump(folder / A, b"published: false", b"published: true")
        _bump(folder / A, b"\ntopics:\n", b"\ntopics:\n  - Guides\n")
        if how != "at save":
            library.refresh()
            assert library.draft(A).article.raw == (folder / A).read_bytes()
            assert (library.draft(A)._data is None) == (how == "entry by entry")
            assert _row(library, A).published is True and "Guides" in _row(library, A).topics
        assert library.save_all() == []
        written[how] = (folder / A).read_bytes()
    assert written["entry by entry"] == written["at save"] == written["whole"]
    assert b"published: true\n" in written["whole"] and b"  - Guides\n" in written["whole"]


def test_a_file_read_half_written_shows_its_final_problem_once_the_write_ends(seeds_copy):
    """A shell's ``printf ... > file`` truncates, then writes: a scan between the two read
    it empty ("no front matter"). Once the write ends the file is still unreadable, but for
    another reason: that is news (the Problems list must show the final file's reason), and
    the row taken out is said to be unreadable, not gone (it is still on disk)."""
    library = _open(seeds_copy)
    (seeds_copy / B).write_bytes(b"")                       # truncated: the write has not come yet
    done = library.refresh()
    assert done.removed == [B] and done.unreadable == [B] and done.problems == [B]
    empty = [p.message for p in library.problems]
    (seeds_copy / B).write_bytes(b"---\ntitle: [unclosed\n---\n")   # the write ends: a YAML error
    done = library.refresh()
    assert done.problems == [B] and not done.removed and not done.added
    assert len(library.problems) == 1 and library.problems[0].message != empty[0]
    assert "no front matter" not in str(library.problems[0])
    done = library.refresh()                                 # nothing new since
    assert not done.problems
    (seeds_copy / B).unlink()                                # an unreadable file deleted: out of Problems
    done = library.refresh()
    assert done.problems == [B] and not library.problems and not done.removed


def test_a_row_that_became_unreadable_is_unreadable_not_gone(seeds_copy):
    library = _open(seeds_copy)
    (seeds_copy / B).write_bytes(b"---\ntitle: [unclosed\n---\n")
    (seeds_copy / A).unlink()
    done = library.refresh()
    assert sorted(done.removed) == [A, B] and done.unreadable == [B]
