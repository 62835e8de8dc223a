"""The structure pass of the fast index: one article's bytes to the values the table shows.

``scan(raw, wanted)`` finds the front matter (as source.split does), refuses what only
the full parser judges rightly (suspect.needs_full_parse), cuts the front into
top-level entries at column-0 lines, reads the wanted entries' simple values
(quickvalues) and counts the related list by its dash lines. It returns None when the
file must go to the full parse, else ``(values, written date, entries unsure of,
related)``: ``related`` is the item count, the related entry's text when the count is
unsure, or None without one. index.py parses the unsure entries with libyaml.

Two implementations with the same inputs and outputs: ``scan_python`` below, and the
compiled ``_scan.scan`` (C, built where a compiler exists); ``scan`` is the compiled
one when it is importable and NEWSDESK_PURE_SCAN is not set, else the Python one.
"""
from __future__ import annotations

import re

from newsdesk.core.document import source as source_mod
from newsdesk.core.document.entries import KEY, TOP_LINE, risky
from newsdesk.core.indexing import compiled, quickvalues, suspect
from newsdesk.core.problems import ArticleProblem

RELATED = "related"
_FIRST_ITEM = re.compile(r"[^\n]*\n((?:[ \t]*(?:#[^\n]*)?\r?\n)*)( *)-(?:[ \t]|\r?\n)")


def _count_items(chunk: str) -> int | None:
    """Items of a block list entry by its dash lines, or None when unsure."""
    after_key = chunk[KEY.match(chunk).end():].split("\n", 1)[0].strip(" \t\r")
    if after_key and not after_key.startswith("#"):
        return None
    m = _FIRST_ITEM.match(chunk)
    if not m or risky(chunk) or not suspect.block_keys_clean(chunk, len(m.group(2))):
        return None
    dash = "\n" + " " * len(m.group(2)) + "-"
    return chunk.count(dash + " ") + chunk.count(dash + "\n") + chunk.count(dash + "\r\n")


def scan_python(raw: bytes, wanted) -> tuple[dict, str | None, list[str], int | str | None] | None:
    if suspect.needs_full_parse(raw):
        return None
    try:
        front = source_mod.split(raw).front
    except ArticleProblem:
        return None
    if front[:1].isspace() or front[:1] == "#":
        return None
    starts = [0] + [m.start() + 1 for m in TOP_LINE.finditer(front)]
    chunks, seen, related = [], set(), None
    for n, s in enumerate(starts):
        chunk = front[s:starts[n + 1] if n + 1 < len(starts) else len(front)]
        m = KEY.match(chunk)
        if not m or m.group(1) in seen or m.end() > suspect.MAX_SIMPLE_KEY:
            return None
        key = m.group(1)
        seen.add(key)
        if key in wanted:
            chunks.append(chunk)
        elif key == RELATED:
            related = chunk
    data, written, slow = {}, None, []
    for chunk in chunks:
        try:
            key, value, as_written = quickvalues.entry(chunk)
        except quickvalues.Unsure:
            slow.append(chunk)
            continue
        data[key] = value
        if key == "publishedDateTime":
            written = value if isinstance(value, str) else as_written
    if related is not None:
        count = _count_items(related)
        related = related if count is None else count
    return data, written, slow, related


UNSURE = object()


def plain_scalar(text: str) -> object:
    """quickvalues.scalar's value of a plain scalar, or UNSURE: what the compiled scanner
    asks for the few plain scalars a YAML 1.1 resolver may take for a number or a date."""
    try:
        return quickvalues.scalar(text)
    except quickvalues.Unsure:
        return UNSURE


def _compiled():
    """The compiled scan, or None: turned off (NEWSDESK_PURE_SCAN), or not built (see
    compiled.py; with NEWSDESK_REQUIRE_COMPILED_SCAN a missing build is an error)."""
    _scan = compiled.module()
    if _scan is None:
        return None
    _scan.configure(plain_scalar, UNSURE, quickvalues._Nested)
    return _scan.scan


scan_compiled = _compiled()
COMPILED = scan_compiled is not None
scan = scan_compiled or scan_python
