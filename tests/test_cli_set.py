"""`newsdesk set` refuses what would damage a whole site in one typo (issue #13.8)."""
import pytest

from newsdesk.cli import main


def _bytes(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir()}


def test_unknown_key_is_refused_with_the_known_fields_listed(seeds_copy, capsys):
    before = _bytes(seeds_copy)
    assert main(["set", str(seeds_copy), "publised=true", "--all"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err   # one line, before any file is read
    assert "publised: not a known field" in err and "published" in err and "--new-key publised" in err
    assert _bytes(seeds_copy) == before


def test_new_key_names_the_key_that_may_be_added(seeds_copy, capsys):
    before = _bytes(seeds_copy)
    assert main(["set", str(seeds_copy), "reviewer=dana", "--new-key", "reviewer", "--where", "title:hybrid"]) == 0
    changed = [name for name, data in _bytes(seeds_copy).items() if data != before[name]]
    assert len(changed) == 1
    assert b"\nreviewer: dana\n" in (seeds_copy / changed[0]).read_bytes()


def test_without_where_all_must_be_said(seeds_copy, capsys):
    before = _bytes(seeds_copy)
    with pytest.raises(SystemExit) as stop:
        main(["set", str(seeds_copy), "published=true"])
    assert stop.value.code == 2
    assert "one of the arguments --where --all is required" in capsys.readouterr().err
    assert _bytes(seeds_copy) == before
    assert main(["set", str(seeds_copy), "published=true", "--all"]) == 0
    assert all(b"published: true" in data for data in _bytes(seeds_copy).values())


def test_a_bad_value_is_one_message_not_one_per_file(seeds_copy, capsys):
    for n in range(20):
        (seeds_copy / f"copy{n}.txt").write_bytes((seeds_copy / "000_6e2a0c9c78a5bcbb.txt").read_bytes())
    before = _bytes(seeds_copy)
    assert main(["set", str(seeds_copy), "published=maybe", "--all"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == ["newsdesk: published='maybe': published must be true or false, not 'maybe'"]
    assert main(["set", str(seeds_copy), "topics+=[1]", "--all"]) == 2   # a list where one item goes
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert main(["set", str(seeds_copy), "quality=high", "--all"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1
    assert _bytes(seeds_copy) == before


def test_removing_a_key_is_allowed(seeds_copy):
    assert main(["set", str(seeds_copy), "heat=null", "--where", "title:hybrid"]) == 0
