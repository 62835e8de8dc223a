"""Saving is atomic, keeps permissions, and never overwrites someone else's change."""
import errno
import os
import stat

import pytest

from newsdesk.core import ArticleProblem, Draft, SaveConflict, load_article
from newsdesk.core.document.edits import Set
from newsdesk.core.files import guard
from newsdesk.core.problems import MergeConflict


def test_save_writes_only_the_change(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    before = path.read_bytes()
    draft = Draft(load_article(path))
    draft.apply(Set(("published",), True))
    draft.save()
    assert path.read_bytes() == before.replace(b"published: false", b"published: true")
    assert not draft.dirty
    assert not [p for p in seeds_copy.iterdir() if p.name.startswith(".")], "temporary file left behind"


@pytest.mark.skipif(os.name != "posix", reason="Windows has no permission bits: chmod only sets read-only")
def test_permissions_are_kept(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    os.chmod(path, 0o640)
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    draft.save()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640


def test_changed_on_disk_is_merged(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    theirs = path.read_bytes().replace(b"heat: -1", b"heat: 7")
    path.write_bytes(theirs)
    draft.save()
    assert path.read_bytes() == theirs.replace(b"quality: 43", b"quality: 1")
    assert not draft.dirty


def test_conflict_on_disk_is_refused_then_settled(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    theirs = path.read_bytes().replace(b"quality: 43", b"quality: 80")
    path.write_bytes(theirs)
    with pytest.raises(MergeConflict, match="quality") as caught:
        draft.save()
    assert path.read_bytes() == theirs
    assert draft.dirty and draft.data["quality"] == 1  # the edit is kept
    [conflict] = caught.value.conflicts
    assert (conflict.base, conflict.mine, conflict.theirs) == (43, 1, 80)
    draft.save(choose=lambda c: "mine")
    assert path.read_bytes() == theirs.replace(b"quality: 80", b"quality: 1")


def test_deleted_file_is_refused(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    path.unlink()
    with pytest.raises(SaveConflict, match="deleted"):
        draft.save()
    assert not path.exists()


@pytest.mark.skipif(os.name == "posix" and os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_file_is_refused(seeds_copy):  # on Windows too: chmod 0o444 sets the read-only attribute
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    os.chmod(path, 0o444)
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    with pytest.raises(ArticleProblem, match="read-only"):
        draft.save()


def test_read_only_file_is_refused_even_for_root(seeds_copy, monkeypatch):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    before = path.read_bytes()
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    monkeypatch.setattr(os, "access", lambda p, mode: False)
    with pytest.raises(ArticleProblem, match="read-only"):
        draft.save()
    assert path.read_bytes() == before and draft.dirty


def test_failed_replace_leaves_the_old_file_and_no_temporary(seeds_copy, monkeypatch):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    before = path.read_bytes()
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))

    def boom(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    monkeypatch.setattr(guard, "_exchange", boom)  # Linux swaps the new file in (renameat2)
    with pytest.raises(ArticleProblem, match="the disk is full"):
        draft.save()
    assert path.read_bytes() == before
    names = sorted(p.name for p in seeds_copy.iterdir())
    assert names == [name for name in names if not name.startswith(".")]


def _edited(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), 1))
    return path, path.read_bytes(), draft


def test_full_disk_while_writing_leaves_the_old_file(seeds_copy, monkeypatch):
    path, before, draft = _edited(seeds_copy)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ArticleProblem, match="not saved: the disk is full"):
        draft.save()
    assert path.read_bytes() == before and draft.dirty and draft.data["quality"] == 1
    assert sorted(p.name for p in seeds_copy.iterdir()) == sorted(p.name for p in seeds_copy.glob("*.txt"))


def test_read_only_folder_is_named(seeds_copy, monkeypatch):
    path, before, draft = _edited(seeds_copy)

    real_open = os.open

    def denied(name, *a, **k):  # the folder refuses new files (as root its mode would not)
        if str(name).endswith(".newsdesk-tmp"):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, *a, **k)
    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ArticleProblem, match="folder .* cannot be written to"):
        draft.save()
    assert path.read_bytes() == before and draft.dirty


def test_file_replaced_by_a_folder_is_refused(seeds_copy):
    path, before, draft = _edited(seeds_copy)
    path.unlink()
    path.mkdir()
    with pytest.raises(SaveConflict, match="folder"):
        draft.save()
    assert path.is_dir() and draft.dirty


def test_renamed_file_is_refused_and_nothing_recreated(seeds_copy):
    path, before, draft = _edited(seeds_copy)
    path.rename(seeds_copy / "renamed.txt")
    with pytest.raises(SaveConflict, match="deleted or renamed|no longer exists"):
        draft.save()
    assert not path.exists() and (seeds_copy / "renamed.txt").read_bytes() == before


def test_a_file_the_disk_cannot_read_is_named_with_the_reason(seeds_copy, monkeypatch):
    path = seeds_copy / "002_191b5a51e1cb795b.txt"
    real_open = os.open

    def failing(name, *a, **k):  # a bad sector (as root, a mode of 000 would not stop it)
        if os.fspath(name) == os.fspath(path):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real_open(name, *a, **k)
    monkeypatch.setattr(os, "open", failing)
    with pytest.raises(ArticleProblem, match=f"cannot read: {os.strerror(errno.EIO)}") as raised:
        load_article(path)
    assert raised.value.path == path
