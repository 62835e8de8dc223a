"""Cheap tests of what the fast index cannot see but the full parse refuses.

The fast index reads only the entries the table shows and counts related items by
their dash lines; a file it accepts must also be one the full parser accepts, or the
table shows a row that every edit then refuses (a bulk publish with it published
none). Each test here is a C-speed scan (~1-25 us for a 25 KB front); any hit sends
the file to the full parse, whose verdict is then the only one.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Bytes YAML never allows: C0 controls but tab, LF and CR, and DEL (NUL is the common one).
_CONTROL_BYTES = bytes(b for b in range(256) if b < 32 and b not in (9, 10, 13) or b == 127)
_KEEP = bytes(b for b in range(256) if bytes([b]) not in _CONTROL_BYTES)
# Each pattern below starts with a literal byte or a small set, which the regex engine
# skips ahead to at C speed (~5-20 us for a 25 KB front; one alternation of them, or a
# str pattern over a non-ASCII front, took 100-600 us).
_C1 = re.compile(rb"\xc2[\x80-\x84\x86-\x9f]")      # C1 controls as UTF-8 (NEL is allowed)
_NONCHAR = re.compile(rb"\xef\xbf[\xbe\xbf]")          # U+FFFE, U+FFFF
# A CR not before an LF is a line break to YAML, but not to the fast index's line cuts:
# "name: a &\rb" gave a row where the full parse finds no ':' (tests/fixtures/hostile).
_LONE_CR = re.compile(rb"\r(?!\n)")
SURROGATE_ESCAPE = re.compile(r"\\(?:u|U0000)[dD][89a-fA-F]")
_SURROGATE_ESCAPE_BYTES = re.compile(SURROGATE_ESCAPE.pattern.encode())
# An anchor or alias where a value, item or flow entry may start; HTML entities (&amp;
# &#8217;, in 4% of real fronts after a space) are not taken for anchors.
_ANCHOR_BEFORE_BYTES = frozenset(b" \t\n\r[{,:-")
_ANCHOR_NOT_AFTER_BYTES = frozenset(b" \t\r\n,]}")
_ENTITY_BYTES = re.compile(rb"&#?\w{1,10};")
_CLOSE = re.compile(rb"[ \t]*(?:\r?\n|\r?\Z)")
_TAG_BEFORE_BYTES = _ANCHOR_BEFORE_BYTES
# A line indented this far is blocks nested far deeper than any site writes, and deeper
# than the full parse may go ("nested too deeply"): the full parse decides.
MAX_INDENT = 200
_DEEP_LINE = b"\n" + b" " * MAX_INDENT
MAX_FLOW = 256          # brackets and braces: past this, deep nesting may hide in a value
MAX_SIMPLE_KEY = 1024   # YAML's limit for an implicit key
_ANCHOR_BEFORE = " \t\r\n[{,:-\x85\u2028\u2029"
_ANCHOR_NOT_AFTER = " \t\r\n,]}"


def has_control_bytes(raw: bytes) -> bool:
    return bool(raw.translate(None, _KEEP))


def anchor_like(front: str) -> bool:
    """Could the text hold a YAML anchor or alias (``&a``, ``*a``)? A superset of what
    yamlparse.MAYBE_ANCHOR finds, by str.find (the regex took ~450 us on 25 KB)."""
    for mark in "&*":
        at = front.find(mark)
        while at >= 0:
            before = front[at - 1] if at else "\n"
            after = front[at + 1:at + 2]
            if before in _ANCHOR_BEFORE and after and after not in _ANCHOR_NOT_AFTER:
                return True
            at = front.find(mark, at + 1)
    return False


def front_bytes(raw: bytes) -> bytes:
    """The bytes up to the closing '---' line (as source.split finds it), or all."""
    at = 0
    while True:
        at = raw.find(b"\n---", at)
        if at < 0:
            return raw
        if _CLOSE.match(raw, at + 4):
            return raw[:at + 1]
        at += 4


def needs_full_parse(raw: bytes) -> bool:
    """True when the front matter may hold something only the full parser judges rightly."""
    front = front_bytes(raw)
    return bool(has_control_bytes(front) or _C1.search(front) or _NONCHAR.search(front) or _LONE_CR.search(front)
                or _SURROGATE_ESCAPE_BYTES.search(front)
                or front.count(b"[") + front.count(b"{") > MAX_FLOW
                or _anchor_bytes(front) or _tag_bytes(front) or _DEEP_LINE in front)


def _tag_bytes(front: bytes) -> bool:
    """A tag may start here (``!!python/name:…``, ``!secret``)? Where a node may start: the
    full parse refuses every tag it does not know, in keys the index does not read too."""
    at = front.find(b"!")
    while at >= 0:
        if at == 0 or front[at - 1] in _TAG_BEFORE_BYTES:
            return True
        at = front.find(b"!", at + 1)
    return False


def _anchor_bytes(front: bytes) -> bool:
    """An anchor or alias may start here? bytes.find from mark to mark (~6 a real front):
    a regex for the same took ~60 us on 25 KB, stepping through every byte."""
    for mark in (0x26, 0x2A):  # & *
        at = front.find(mark)
        while at >= 0:
            after = front[at + 1] if at + 1 < len(front) else None
            if (at == 0 or front[at - 1] in _ANCHOR_BEFORE_BYTES) and after is not None \
                    and after not in _ANCHOR_NOT_AFTER_BYTES and not (mark == 0x26 and _ENTITY_BYTES.match(front, at)):
                return True
            at = front.find(mark, at + 1)
    return False


@lru_cache(maxsize=16)
def _key_lines(dash_indent: int) -> re.Pattern:
    """The key lines of a block list's items, with their indent: at the item's column
    (after its dash or not) and one mapping deeper (provider's keys; a nested list's
    dashed items are left out). The literal newline and spaces first let the regex
    engine skip ahead at C speed."""
    return re.compile(r"\n {" + str(dash_indent) + r"}(?:- |  |    )[A-Za-z_][\w.-]*(?=[ \t]*:(?:[ \t\r\n]|$))")


def block_keys_clean(chunk: str, dash_indent: int) -> bool:
    """No item of this block list (a related list, free of multi-line scalars: see
    entries.risky) repeats a key, nor a mapping one level into it (provider), and no
    such key is longer than YAML allows. One findall for the list, then per item one
    split and a set (a loop over every key line took ~300 us for a 25 KB list). Keys are
    the identifiers the site writes: a quoted key, or one two levels deeper, is not
    looked at; two nested mappings of an item sharing a key send the file to the full
    parse, which then decides."""
    joined = "".join(_key_lines(dash_indent).findall(chunk))
    first = " " * (dash_indent + 2)
    longest = MAX_SIMPLE_KEY + dash_indent + 5
    for item in joined.split("\n" + " " * dash_indent + "- ")[1:]:
        parts = item.split("\n")
        parts[0] = first + parts[0]
        if len(set(parts)) != len(parts) or (len(item) > MAX_SIMPLE_KEY and max(map(len, parts)) > longest):
            return False
    return True


def first_surrogate(value: object) -> str | None:
    """A string of the data holding a lone surrogate (an escape such as ``\\ud800``: no
    character, and no UTF-8 to write it back with), or None."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError:
                return v
        elif isinstance(v, dict):
            stack.extend(v.keys())
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return None
