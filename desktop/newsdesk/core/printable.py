"""A file name or a title as a terminal line (or a one-line list entry) may show it:
nothing in it can move the cursor, clear the screen, start a new line, reverse the text
after it or pass for a character it is not.

Names and titles come from a pipeline, the web and other people's folders. Printed raw, a
title holding ``\\e[2J`` cleared the editor's terminal, a file named
``bad\\nfake.md: no front matter but i am fine.md`` printed a line that read as a report about
another file, U+202E reversed the rest of the Problems panel's line, and a name that is not
UTF-8 was spelled three ways by three commands. Every such character is written as an
escape instead, the same in the CLI and the window:

- C0 controls and DEL: ``\\n`` ``\\t`` ``\\r``, the others ``\\x1b`` (two hex digits);
- C1 controls (U+0080-U+009F), bidirectional controls (U+202A-U+202E, U+2066-U+2069,
  U+200E, U+200F, U+061C), the line and paragraph separators U+2028/U+2029 and lone
  surrogates read from a file: ``\\u202e`` (four hex digits);
- a byte of a file name that is not UTF-8 (Python holds it as a surrogate escape,
  ``os.fsdecode``): ``\\xff``, the byte itself — so ``\\x..`` above 7f is always a raw byte,
  ``\\u00..`` always a character;
- a backslash, where it is not the path separator (everywhere but Windows): ``\\\\``, so that
  no name can spell an escape that the other names get.

Everything else (accents, CJK, emoji) is shown as it is.
"""
from __future__ import annotations

import os
import re

_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
_BIDI = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_BACKSLASH = "\\\\" if os.sep != "\\" else ""
# Compiled when first used, by re's own cache (~0.7 ms for the three, in every command's
# start); a text with nothing to escape never needs them: every character these classes
# hold but the backslash is one str.isprintable() calls unprintable (Unicode's Other
# and Separator categories: Cc, Cf, Cs, Zl, Zp).
_ESCAPED = f"[\\x00-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff{_BACKSLASH}]"
_KEEP_LINES = f"[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f{_BIDI}\\ud800-\\udfff]"


def _escape(match: re.Match) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if char == "\\":
        return "\\\\"
    if code < 0x80 or 0xDC80 <= code <= 0xDCFF:  # ASCII control, or an undecodable byte
        return f"\\x{code & 0xFF:02x}"
    return f"\\u{code:04x}"


def printable(value: object) -> str:
    """``value`` (a path, a title) as one line of plain text that shows what it holds."""
    text = value if isinstance(value, str) else os.fsdecode(value) if isinstance(value, bytes) else str(value)
    if text.isprintable() and not (_BACKSLASH and "\\" in text):
        return text
    return re.sub(_ESCAPED, _escape, text)


def printable_lines(text: str) -> str:
    """A message of the product's own, which may quote a file's text: like ``printable``
    but its line breaks stay line breaks (and a backslash a backslash)."""
    if text.isprintable():
        return text
    return re.sub(_KEEP_LINES, _escape, text)


_ISOLATES = "\u2066\u2067\u2068"
_PDI = "\u2069"
_HAS_BIDI = f"[{_BIDI}]"  # (compiled when first used)


def isolated(text: str) -> str:
    """``text`` (a title) to be shown as it reads, inside a longer line of text: when it holds
    a bidirectional control it is wrapped in FSI ... PDI (U+2068, U+2069), so that a U+202E in
    it reverses at most itself, never the text after it (a provider, a message, the cells of a
    list). A PDI of its own with no opening one before it, which would close the wrapper
    early, is dropped; isolates it leaves open are closed. Text without such a control is
    returned as it is."""
    if text.isprintable() or not re.search(_HAS_BIDI, text):
        return text
    kept, depth = [], 0
    for char in text:
        if char in _ISOLATES:
            depth += 1
        elif char == _PDI:
            if not depth:
                continue
            depth -= 1
        kept.append(char)
    return "\u2068" + "".join(kept) + _PDI * depth + _PDI
