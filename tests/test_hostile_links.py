"""Links are treated the same by the load, the watcher and the save: a link to an article
is read through and written through (it stays a link); a link to a folder is never
followed (``loop -> .`` must not multiply rows); a hard link is split by the atomic save."""
import os

import pytest

from newsdesk.core import Draft, load_article
from newsdesk.core.document.edits import Set
from newsdesk.core.library.library import Library

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="POSIX links")

ARTICLE = b"---\ntitle: \"%s\"\nquality: 1\n---\n"


def site(tmp_path):
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    for n in range(3):
        (folder / f"a{n}.md").write_bytes(ARTICLE % b"A")
        (folder / "sub" / f"b{n}.md").write_bytes(ARTICLE % b"B")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.md").write_bytes(ARTICLE % b"O")
    return folder, outside


def test_folder_links_are_skipped_by_load_and_watcher_alike(tmp_path):
    folder, outside = site(tmp_path)
    os.symlink(".", folder / "loop")
    os.symlink(folder, folder / "sub" / "up")
    os.symlink(outside, folder / "elsewhere")
    library = Library(folder)
    library.load()
    loaded = sorted(r.path for r in library.rows)
    assert loaded == ["a0.md", "a1.md", "a2.md", "sub/b0.md", "sub/b1.md", "sub/b2.md"]
    for _ in range(3):  # rescans neither grow nor shrink the rows
        done = library.refresh()
        assert not done.added and not done.removed
    assert sorted(r.path for r in library.rows) == loaded


def test_a_linked_article_is_read_and_saved_through_its_link(tmp_path):
    folder, outside = site(tmp_path)
    os.symlink(outside / "o.md", folder / "linked.md")
    library = Library(folder)
    library.load()
    assert "linked.md" in {r.path for r in library.rows}
    draft = Draft(load_article(folder / "linked.md"))
    draft.apply(Set(("quality",), 9))
    draft.save()
    assert (folder / "linked.md").is_symlink()
    assert (outside / "o.md").read_bytes() == b"---\ntitle: \"O\"\nquality: 9\n---\n"
    assert not [p for p in outside.iterdir() if p.name.endswith(".newsdesk-tmp")]
    done = library.refresh()
    assert done.changed == ["linked.md"]


def test_a_hard_link_is_split_by_the_save(tmp_path):
    folder, _ = site(tmp_path)
    os.link(folder / "a0.md", folder / "twin.md")
    draft = Draft(load_article(folder / "a0.md"))
    draft.apply(Set(("quality",), 5))
    draft.save()
    assert b"quality: 5" in (folder / "a0.md").read_bytes()
    assert (folder / "twin.md").read_bytes() == ARTICLE % b"A"  # the other name keeps the old text
    assert os.stat(folder / "a0.md").st_nlink == 1


def test_the_save_keeps_the_mode(tmp_path):
    folder, _ = site(tmp_path)
    os.chmod(folder / "a1.md", 0o640)
    draft = Draft(load_article(folder / "a1.md"))
    draft.apply(Set(("quality",), 5))
    draft.save()
    assert os.stat(folder / "a1.md").st_mode & 0o777 == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file away needs root")
def test_the_save_keeps_the_owner_where_the_system_allows(tmp_path):
    folder, _ = site(tmp_path)
    os.chown(folder / "a2.md", 12345, 54321)
    draft = Draft(load_article(folder / "a2.md"))
    draft.apply(Set(("quality",), 5))
    draft.save()
    st = os.stat(folder / "a2.md")
    assert (st.st_uid, st.st_gid) == (12345, 54321)


def test_links_that_lead_nowhere_stay_listed_with_their_problem_after_a_rescan(tmp_path):
    folder, _ = site(tmp_path)
    os.symlink(tmp_path / "nowhere" / "x.md", folder / "dangling.md")
    os.symlink("self.md", folder / "self.md")
    library = Library(folder)
    library.load()

    def bad():
        return sorted(os.path.basename(str(p.path)) for p in library.problems)
    assert bad() == ["dangling.md", "self.md"]
    (folder / "new.md").write_bytes(ARTICLE % b"N")  # another program adds an article
    done = library.refresh()
    assert "new.md" in [row.path for row in library.rows]
    assert bad() == ["dangling.md", "self.md"]
    assert not {"dangling.md", "self.md"} & set(done.problems)  # nothing new to say of them
