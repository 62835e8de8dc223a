"""An article whose name is as long as the file system allows (255 bytes) can be saved:
the temporary file written beside it must have a legal name too."""
import os

import pytest

from newsdesk.cli import main

ARTICLE = b"---\ntitle: \"Long\"\npublished: false\n---\nBody\n"


def _max_name_bytes(folder) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


@pytest.mark.parametrize("stem", ["a" * 252, "新" * 78], ids=["255 bytes", "78 CJK characters"])
def test_an_article_with_a_name_at_the_limit_is_saved(tmp_path, capsys, stem):
    name = stem + ".md"
    if len(os.fsencode(name)) > _max_name_bytes(tmp_path):
        pytest.skip("this file system allows shorter names")
    article = tmp_path / name
    article.write_bytes(ARTICLE)
    assert main(["set", str(tmp_path), "published=true", "--all"]) == 0, capsys.readouterr().err
    assert article.read_bytes() == ARTICLE.replace(b"published: false", b"published: true")
    assert sorted(os.listdir(tmp_path)) == [name]  # no temporary file left beside it
