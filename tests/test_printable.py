"""Names and titles as a terminal or a one-line list shows them (core/printable.py): every
character that could move the cursor, clear the screen, break the line, reverse the text
after it or stand for another is escaped, the same way wherever the product prints it."""
import os

import pytest

from newsdesk.core.printable import printable, printable_lines
from newsdesk.core.problems import ArticleProblem


@pytest.mark.parametrize(("raw", "shown"), [
    ("plain name.md", "plain name.md"),
    ("h-ünïcødé-名前 😀.md", "h-ünïcødé-名前 😀.md"),
    ("bad\nfake.md: no front matter", "bad\\nfake.md: no front matter"),
    ("tab\tcr\r", "tab\\tcr\\r"),
    ("esc\x1b[2J\x1b[31mred\x07\x00\x7f", "esc\\x1b[2J\\x1b[31mred\\x07\\x00\\x7f"),
    ("c1\x85\x9b", "c1\\u0085\\u009b"),
    ("bidi-\u202egnp.md", "bidi-\\u202egnp.md"),
    ("\u2066\u2067\u2068\u2069\u202a\u200f\u2028", "\\u2066\\u2067\\u2068\\u2069\\u202a\\u200f\\u2028"),
    (os.fsdecode(b"bytes-\xff\xfe.md"), "bytes-\\xff\\xfe.md"),
    ("lone \ud800 surrogate", "lone \\ud800 surrogate"),
])
def test_what_is_escaped(raw, shown):
    assert printable(raw) == shown
    assert printable(raw).isprintable()


@pytest.mark.skipif(os.sep == "\\", reason="a backslash is the path separator on Windows")
def test_a_backslash_cannot_spell_an_escape():
    assert printable("a\\nb") == "a\\\\nb" != printable("a\nb")


def test_bytes_and_paths_are_shown_alike():
    assert printable(b"x-\xff.md") == printable(os.fsdecode(b"x-\xff.md")) == "x-\\xff.md"


def test_a_problem_names_its_file_escaped_and_keeps_its_lines():
    problem = ArticleProblem("first\nsecond \x1b[2J", "a\nb\u202e.md", 3)
    assert str(problem) == "a\\nb\\u202e.md:3: first\nsecond \\x1b[2J"
    assert printable_lines("one\ntwo\u202e") == "one\ntwo\\u202e"


def test_a_text_with_nothing_to_escape_is_told_by_isprintable_alone():
    """printable() returns a text that str.isprintable() passes as it is (without its
    patterns, which cost every command's start ~0.7 ms to compile): no character the
    patterns escape, the backslash aside, is one isprintable() passes."""
    import re

    from newsdesk.core import printable as module
    for pattern in (module._ESCAPED, module._KEEP_LINES, module._HAS_BIDI):
        compiled = re.compile(pattern)
        assert not [hex(code) for code in range(0x110000) if chr(code).isprintable() and chr(code) != "\\"
                    and compiled.match(chr(code))], pattern
