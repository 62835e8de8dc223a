"""Proving that an article has nothing for ``newsdesk check`` to say, without a full parse.

A full parse builds libyaml's node tree and then the data, ~0.9 ms for a 14 KB article
(3x what its index row costs), and nearly every article is fine. Here the file is first
refused where ``source.split`` or ``suspect`` would send it to the full parse, or where
its front holds a tab, a CR or a Unicode line break (``ODD``); then every non-blank line
must be one of three shapes — ``key: value``, ``- key: value`` or ``- value`` — at
indents that make block mappings and lists, each value a one-line scalar read by
``value`` (or a nested block on the lines below). That is the data a full parse gives;
if the schema finds nothing in it, the verdict is "all well". Anything else — a comment
line, a multi-line or single-quoted scalar, a flow collection, a duplicate key, a key
YAML takes for a bool, a value the schema refuses — is left to the full parse, whose
verdict is then the only one.

No YAML parser looks at the text first: a front made only of those shapes, with those
scalars, is valid YAML (a key is short, no line holds ": " or " #" in a plain value, a
double-quoted one closes on its line, nesting goes by indent alone). tests/test_quickcheck.py
proves it against the full parse on every corpus article and version and on generated
fronts; libyaml's syntax pass had cost a third of the proof.

Two implementations with the same inputs and outputs: ``data_python`` below and the
compiled ``_scan.check`` (_scan_check.c, in the index's scanner module); ``data`` is the
compiled one when scan.py uses its compiled scanner, else the Python one.
"""
from __future__ import annotations

import datetime as dt
import os
import re

from newsdesk.core.document import source as source_mod
from newsdesk.core.document.schema import problems_of
from newsdesk.core.indexing import compiled
from newsdesk.core.problems import ArticleProblem

MAX_DEPTH = 32      # nested blocks (a deeper front is left to the full parse)
MAX_KEY = 128       # characters of a key (YAML's own limit for an implicit key is 1024)
MAX_LINES = 100_000  # non-blank lines of a front

# The patterns are compiled when first used, by re's own cache: the compiled proof needs
# none of them (~0.6 ms of every `newsdesk patch` process), the Python twin all.
# One line: indent, a dash, then a plain key and its value as written, or a value.
_LINE = r"(?m)^( *)(- )?(?:([A-Za-z_][A-Za-z0-9_.-]*):(?: +(.*))?|(.*))$"
# What YAML also counts as line breaks, and characters the line pass leaves alone.
ODD = "[\r\t\x85\u2028\u2029\ufeff]"
NOT_STR_KEYS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                         "~ null Null NULL".split())
_EMPTY = {"[]": list, "{}": dict}
_UTC = r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z"
# A double-quoted scalar with the escapes read here: \\ \" \/ \n \r \t \b \f \uXXXX
_QUOTED = r'"((?:[^"\\]|\\(?:[\\"/nrtbf]|u[0-9a-fA-F]{4}))*)"'
_ESCAPE = r"\\(u[0-9a-fA-F]{4}|.)"
_SURROGATE_START = frozenset("89abcdefABCDEF")
UNSURE = object()  # what ``plain`` says of a scalar not read here


class _Unsure(Exception):
    pass


_memo: dict[str, object] = {}  # plain scalar -> its value: str, int, bool, None, datetime (never changed)


def _quoted(text: str) -> str:
    m = re.fullmatch(_QUOTED, text)
    if not m:
        raise _Unsure()
    body = m.group(1)
    if "\\" not in body:
        return body
    for escape in re.findall(_ESCAPE, body):
        if escape[0] == "u" and escape[1] in "dD" and escape[2] in _SURROGATE_START:
            raise _Unsure()  # a surrogate: no character
    import json  # (~1 ms to import: only for an escape, and only in this Python twin)
    return json.loads(text)  # JSON's escapes are these ones, read the same


def value(text: str) -> object:
    """The value of a one-line scalar (no line break, no trailing space) as a full parse
    reads it; _Unsure when that is not certain here."""
    first = text[0]
    if first == '"':
        return _quoted(text)
    if first in "123456789" and len(text) < 19 and text.isdigit() and text.isascii():
        return int(text)  # (a leading 0 is octal in YAML 1.1, and other digits are no int)
    if len(text) == 20:
        m = re.fullmatch(_UTC, text)
        if m:
            try:
                return dt.datetime(*map(int, m.groups()), tzinfo=dt.timezone.utc)
            except ValueError:
                raise _Unsure() from None  # no such date: the full parse says so
    make = _EMPTY.get(text)
    if make is not None:
        return make()
    if text in _memo:
        return _memo[text]
    from newsdesk.core.indexing import quickvalues  # (imports yaml's resolver: rarely needed)
    try:
        found = quickvalues.scalar(text)
    except (quickvalues.Unsure, ValueError, OverflowError):
        raise _Unsure() from None
    if len(_memo) < 50_000:
        _memo[text] = found
    return found


def plain(text: str) -> object:
    """``value`` of a plain scalar, or UNSURE: what the compiled proof asks of the few
    that a YAML 1.1 resolver may take for a number or a date."""
    try:
        return value(text)
    except _Unsure:
        return UNSURE


def _mapping(lines: list, i: int, col: int, depth: int) -> tuple[dict, int]:
    """The block mapping whose keys are at ``col``, from line ``i`` (which may be the
    ``- key: value`` line of a list item)."""
    if depth > MAX_DEPTH:
        raise _Unsure()
    out: dict = {}
    first = True
    n = len(lines)
    while i < n:
        indent, dash, key, text = lines[i]
        if dash and not (first and indent + 2 == col):
            if indent >= col:
                raise _Unsure()
            break  # the next item of the list this mapping is in
        if not dash and indent != col:
            if indent > col:
                raise _Unsure()
            break
        first = False
        if key is None or key in NOT_STR_KEYS or key in out:
            raise _Unsure()
        i += 1
        if text:
            out[key] = value(text)
        elif i < n and (lines[i][0] > col or (lines[i][1] and lines[i][0] == col)):
            out[key], i = _block(lines, i, depth + 1)
        else:
            out[key] = None
    return out, i


def _block(lines: list, i: int, depth: int) -> tuple[object, int]:
    """The nested block from line ``i``: a mapping, or a list."""
    if depth > MAX_DEPTH:
        raise _Unsure()
    indent, dash = lines[i][0], lines[i][1]
    if not dash:
        return _mapping(lines, i, indent, depth + 1)
    items = []
    n = len(lines)
    while i < n and lines[i][0] == indent and lines[i][1]:
        if lines[i][2] is None:  # ``- value``
            items.append(value(lines[i][3]))
            i += 1
            if i < n and lines[i][0] > indent:
                raise _Unsure()
        else:
            item, i = _mapping(lines, i, indent + 2, depth + 1)
            items.append(item)
    return items, i


def _lines(front: str) -> list:
    """(indent, dash, key or None, value text) of each non-blank line."""
    out = []
    for indent, dash, key, text, other in re.findall(_LINE, front):
        if key:
            if len(key) > MAX_KEY:
                raise _Unsure()
            out.append((len(indent), bool(dash), key, text.rstrip(" ") if text[-1:] == " " else text))
        elif dash and other[:1] not in ("", " "):
            out.append((len(indent), True, None, other.rstrip(" ")))
        elif dash or other:
            raise _Unsure()  # a comment, a continuation, a lone dash...
        if len(out) > MAX_LINES:
            raise _Unsure()
    return out


def data_of(front: str) -> dict | None:
    """The front's data as a full parse gives it, or None when that is not certain here."""
    if re.search(ODD, front):
        return None
    try:
        lines = _lines(front)
        if not lines or lines[0][0] != 0 or lines[0][1]:
            return None
        data, end = _mapping(lines, 0, 0, 0)
    except _Unsure:
        return None
    return data if end == len(lines) else None


def data_python(raw: bytes) -> dict | None:
    """The data of a file's front as a full parse gives it, or None when not certain."""
    from newsdesk.core.indexing import suspect  # (its patterns: ~0.6 ms to compile, for this twin only)
    if suspect.needs_full_parse(raw):
        return None
    try:
        src = source_mod.split(raw)
    except ArticleProblem:
        return None
    if not src.tail.startswith("---"):
        return None  # a '...' line ended the front (the compiled proof leaves those alone too)
    return data_of(src.front)


def _compiled():
    """The compiled proof where the compiled scanner is used (the same module, compiled.py).
    A build of that module older than the proof has none: the Python one then, or an error
    where a build check wants the compiled one (NEWSDESK_REQUIRE_COMPILED_SCAN)."""
    _scan = compiled.module()
    if _scan is None:
        return None
    if not hasattr(_scan, "check"):
        if os.environ.get("NEWSDESK_REQUIRE_COMPILED_SCAN"):
            raise ImportError("the compiled scanner (_scan) was built before the check's proof: build it again")
        return None
    _scan.configure_check(plain, UNSURE)
    return _scan.check


data_compiled = _compiled()
data = data_compiled or data_python


def all_well(raw: bytes) -> bool:
    """True only if the full parse and the schema would find nothing wrong."""
    found = data(raw)
    return found is not None and not problems_of(found)
