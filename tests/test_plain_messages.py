"""Problems said in the product's words, not Python's: an out-of-range time zone offset,
a UTF-16 article (which is text, not a binary file)."""
import pytest

from newsdesk.cli import main


@pytest.fixture
def folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    return site


@pytest.mark.parametrize(("offset", "said"), [("+25:00", "+25:00"), ("-24:30", "-24:30"), ("+99:59", "+99:59")])
@pytest.mark.parametrize("command", ["check", "index"])
def test_an_offset_out_of_range_is_named(folder, capsys, offset, said, command):
    (folder / "tz.md").write_bytes(
        f'---\ntitle: "tz"\npublished: false\npublishedDateTime: 2023-01-01T00:00:00{offset}\n---\n'.encode())
    assert main([command, str(folder), "--no-cache"]) == 1
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert f"tz.md: invalid date: the time zone offset {said} is out of range" in text
    assert "timedelta" not in text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("command", ["check", "index"])
def test_a_utf16_article_is_called_utf16(folder, capsys, encoding, command):
    text = '---\ntitle: "utf16"\npublished: false\n---\n'
    (folder / "u16.md").write_bytes((text if encoding == "utf-16" else "\ufeff" + text).encode(encoding))  # a BOM
    assert main([command, str(folder), "--no-cache"]) == 1
    captured = capsys.readouterr()
    said = captured.out + captured.err
    assert "u16.md: UTF-16 text: Newsdesk reads UTF-8 articles (save it as UTF-8)" in said
    assert "binary" not in said
