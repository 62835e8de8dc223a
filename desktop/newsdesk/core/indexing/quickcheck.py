"""Proving that an article has nothing for ``newsdesk check`` to say, without a full parse.

A full parse builds libyaml's node tree and then the data, ~0.9 ms for a 14 KB article
(3x what its index row costs), and nearly every article is fine. Here the front is
first checked whole by libyaml's syntax pass (which builds no objects) and the cheap
scans of ``suspect``; then every line must be one of three shapes — ``key: value``,
``- key: value`` or ``- value`` — at indents that make block mappings and lists, each
value a one-line scalar read by ``quickvalues`` (or a nested block on the lines
below). That is the data a full parse gives; if the schema finds nothing in it, the
verdict is "all well". Anything else — a comment line, a multi-line or single-quoted
scalar, a flow collection, a duplicate key, a value the schema refuses — is left to
the full parse, whose verdict is then the only one.
"""
from __future__ import annotations

import datetime as dt
import re

from newsdesk.core.document import source as source_mod
from newsdesk.core.document import yamlparse
from newsdesk.core.document.schema import problems_of
from newsdesk.core.indexing import quickvalues, suspect
from newsdesk.core.problems import ArticleProblem

# One line: indent, a dash, then a plain key and its value as written, or a value.
_LINE = re.compile(r"^( *)(- )?(?:([A-Za-z_][\w.-]*):(?: +(.*))?|(.*))$", re.M)
# What YAML also counts as line breaks, and characters the quick reader leaves alone.
_ODD = re.compile("[\r\t\x85\u2028\u2029\ufeff]")
_NOT_STR_KEYS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF "
                          "null Null NULL".split())
_EMPTY = {"[]": list, "{}": dict}
_UTC = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z")


class _Unsure(Exception):
    pass


_memo: dict[str, object] = {}  # plain scalar -> its value: str, int, bool, None, datetime (never changed)


def _value(text: str) -> object:
    first = text[0]
    if first == '"':
        if text[-1] == '"' and len(text) > 1 and "\\" not in text and text.count('"') == 2:
            return text[1:-1]
    elif first in "123456789" and text.isdigit() and text.isascii() and len(text) < 19:
        return int(text)  # (a leading 0 is octal in YAML 1.1, and other digits are no int)
    elif first == "2" and len(text) == 20:
        m = _UTC.fullmatch(text)
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
    try:
        value = quickvalues.scalar(text)
    except (quickvalues.Unsure, ValueError, OverflowError):
        raise _Unsure() from None
    if len(_memo) < 50_000:
        _memo[text] = value
    return value


def _mapping(lines: list, i: int, col: int) -> tuple[dict, int]:
    """The block mapping whose keys are at ``col``, from line ``i`` (which may be the
    ``- key: value`` line of a list item)."""
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
        if key is None or key in out or key in _NOT_STR_KEYS:
            raise _Unsure()
        i += 1
        if text:
            out[key] = _value(text)
        elif i < n and (lines[i][0] > col or (lines[i][1] and lines[i][0] == col)):
            out[key], i = _block(lines, i)
        else:
            out[key] = None
    return out, i


def _block(lines: list, i: int) -> tuple[object, int]:
    indent, dash = lines[i][0], lines[i][1]
    if not dash:
        return _mapping(lines, i, indent)
    items = []
    n = len(lines)
    while i < n and lines[i][0] == indent and lines[i][1]:
        if lines[i][2] is None:  # ``- value``
            items.append(_value(lines[i][3]))
            i += 1
            if i < n and lines[i][0] > indent:
                raise _Unsure()
        else:
            item, i = _mapping(lines, i, indent + 2)
            items.append(item)
    return items, i


def _lines(front: str) -> list:
    out = []
    for indent, dash, key, text, other in _LINE.findall(front):
        if key:
            out.append((len(indent), bool(dash), key, text.rstrip(" ") if text[-1:] == " " else text))
        elif dash and other.strip(" "):
            out.append((len(indent), True, None, other.rstrip(" ")))
        elif dash or other:
            raise _Unsure()  # a comment, a continuation, a lone dash...
    return out


def data_of(front: str) -> dict | None:
    """The front's data as a full parse gives it, or None when that is not certain here."""
    if _ODD.search(front) or not yamlparse.syntax_ok(front):
        return None
    try:
        lines = _lines(front)
        if not lines or lines[0][0] != 0 or lines[0][1]:
            return None
        data, end = _mapping(lines, 0, 0)
    except (_Unsure, RecursionError):
        return None
    return data if end == len(lines) else None


def all_well(raw: bytes) -> bool:
    """True only if the full parse and the schema would find nothing wrong."""
    if suspect.needs_full_parse(raw):
        return False
    try:
        src = source_mod.split(raw)
    except ArticleProblem:
        return False
    data = data_of(src.front)
    return data is not None and not problems_of(data)
