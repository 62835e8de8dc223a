"""Top-level entries of front matter, and checking an edit one entry at a time.

After an edit the new text must read back as the intended data. Parsing all of it
again is most of the cost of a save (a 150-item related list is parsed for a changed
``published``). When neither text holds anything that could put a column-0 line
inside a value (block scalars, quoted scalars left open at a line end, flow
collections, tabs: ``risky``), each top-level entry is independent: an
entry whose text did not change keeps its value, and only the changed ones are parsed.
Anything else falls back to the full parse.
"""
from __future__ import annotations

import re
from functools import lru_cache

from newsdesk.core.document import emit, yamlparse
from newsdesk.core.document.values import same
from newsdesk.core.problems import ArticleProblem

TOP_LINE = re.compile(r"\n(?=[^\s#])")
KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?=[ \t\r\n]|$)")
# A line that may continue on the next one: an open quote, a block scalar, a flow collection
# or a single-quoted scalar, after "key: ", "- " or at the start of a line. Each pattern
# starts with literal text, so the regex engine skips ahead at C speed (~0.4 s for 70 MB).
_UNCLOSED_DQ = r'[ ]*+"[^"\\\n]*+(?:\\.[^"\\\n]*+)*+\r?$'
_OTHER_START = r"[ ]*+[|>'\[{]"
_RISKS = [re.compile(prefix + rest, re.M) for prefix in (": ", "- ", "\n") for rest in (_UNCLOSED_DQ, _OTHER_START)]


def risky(chunk: str) -> bool:
    return "\t" in chunk or any(p.search(chunk) for p in _RISKS)




def split_entries(front: str) -> dict[str, str] | None:
    """key -> the entry's text (trailing blank lines dropped), or None when unsure."""
    spans = _spans(front)
    return None if spans is None else {key: front[start:end].rstrip() for key, (start, end) in spans.items()}


def reads_back(old_front: str, new_front: str, old_data: dict, new_data: dict) -> bool:
    """True if ``new_front`` certainly parses to ``new_data``, checked entry by entry.
    False means "not shown this way": parse the whole text to know."""
    old, new = split_entries(old_front), split_entries(new_front)
    if old is None or new is None or set(new) != set(new_data):
        return False
    for key, text in new.items():
        if old.get(key) == text and key in old_data:
            value = old_data[key]
        else:
            if yamlparse.MAYBE_ANCHOR.search(text):
                return False
            try:
                _, parsed = yamlparse.parse(text + "\n", 1)
            except ArticleProblem:
                return False
            if list(parsed) != [key]:
                return False
            value = parsed[key]
        if not same(value, new_data[key]):
            return False
    return True


class _WholeTextNeeded(Exception):
    """The edit writes new text, whose style is learned from the whole file."""


class _EntryConventions:
    """The conventions of one entry, standing for the whole file's where they are the
    same: the quoting of a new string under a key that no other entry mentions (a
    renamed or added topic: the file's ``topics[]`` quoting is learned from the topics
    entry alone). Any other question (key order, blank lines, indentation steps, which
    the whole file answers) raises _WholeTextNeeded."""

    def __init__(self, chunk: str, node, rest: str, folder):
        from newsdesk.core.document.conventions import Conventions
        self._rest = rest
        loader = folder if callable(folder) else (lambda: folder)
        self._conv = Conventions.learn(chunk, node, fallback_loader=loader)

    def string_style(self, key: str | None) -> str:
        base = key[:-2] if key and key.endswith("[]") else key
        if not base or base in self._rest:
            raise _WholeTextNeeded
        return self._conv.string_style(key)

    def __getattr__(self, name: str):
        raise _WholeTextNeeded


def _spans(front: str) -> dict[str, tuple[int, int]] | None:
    """key -> (start, end) of each top-level entry, from its key to the end of its last
    non-blank line (newline included), or None when unsure."""
    found = _spans_of(front)
    return None if found is None else dict(found)


@lru_cache(maxsize=8)
def _spans_of(front: str) -> tuple[tuple[str, tuple[int, int]], ...] | None:
    """_spans, remembered for the last few texts: an edit and its checks ask for the
    same front three times and the edited one twice, and the risk scan over a 20 KB
    front is most of a bulk save's CPU."""
    if risky(front) or front[:1].isspace():
        return None
    starts = [0] + [m.start() + 1 for m in TOP_LINE.finditer(front)]
    out: dict[str, tuple[int, int]] = {}
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(front)
        chunk = front[start:stop]
        if chunk.startswith("#"):
            if n == 0:
                continue
            return None
        m = KEY.match(chunk)
        if m is None or m.group(1) in out:
            return None
        end = start + len(chunk.rstrip())
        end += 2 if front.startswith("\r\n", end) else 1 if front.startswith("\n", end) else 0
        out[m.group(1)] = (start, end)
    return tuple(out.items())


def edit_by_entries(front: str, old_data: dict, new_data: dict, rewriter, newline: str) -> str | None:
    """The front with changed top-level values rewritten one entry at a time, each entry
    parsed alone; None when this cannot be done so (keys added, removed or moved, new text
    whose style needs the whole file, or a text ``_spans`` is unsure of)."""
    if list(new_data) != list(old_data):
        return None
    spans = _spans(front)
    if spans is None or list(spans) != list(old_data):
        return None

    changes = {key: (old_data[key], new_data[key]) for key in spans if not same(old_data[key], new_data[key])}
    return rewrite_entries(front, spans, changes, rewriter, newline, check=False)


def rewrite_entries(front: str, spans: dict[str, tuple[int, int]], changes: dict[str, tuple[object, object]],
                    rewriter, newline: str, check: bool = True) -> str | None:
    """See ``rewrite_entries_and_spans``: the new front only."""
    done = rewrite_entries_and_spans(front, spans, changes, rewriter, newline, check)
    return None if done is None else done[0]


def rewrite_entries_and_spans(front: str, spans: dict[str, tuple[int, int]],
                              changes: dict[str, tuple[object, object]], rewriter, newline: str,
                              check: bool = True, folder=None, entry_style: bool = False,
                              ) -> tuple[str, dict[str, tuple[int, int]]] | None:
    """The front with each changed top-level entry (key -> (old value, new value), keys
    present in ``spans``) rewritten alone; None when it cannot be done so. With ``check``
    each new entry is proven to read back as its new value *inside the whole text*: it
    parses alone to that value, holds no line that could run into another entry
    (``risky``) and no other column-0 line, so the untouched entries keep their values
    (the old text was cut into entries the same way)."""

    def whole_text_needed():
        raise _WholeTextNeeded

    out = front
    lengths = {}
    for key in sorted(changes, key=lambda k: spans[k][0], reverse=True):
        old, new = changes[key]
        start, end = spans[key]
        chunk = front[start:end]
        text = _scalar_replaced(chunk, key, old, new)
        if text is None:
            try:
                node, parsed = yamlparse.parse(chunk, 1)
                if list(parsed) != [key] or not same(parsed[key], old):
                    return None
                conventions = whole_text_needed if not entry_style else \
                    (lambda chunk=chunk, node=node, start=start, end=end:
                     _EntryConventions(chunk, node, front[:start] + front[end:], folder))
                text = rewriter(chunk, node, conventions, newline).render(parsed, {key: new})
            except (_WholeTextNeeded, ArticleProblem):
                return None
        if check and not _reads_alone(text, key, new):
            return None
        out = out[:start] + text + out[end:]
        lengths[key] = len(text)
    return out, _shifted(spans, lengths)


def _scalar_replaced(chunk: str, key: str, old: object, new: object) -> str | None:
    """The text the Rewriter makes of a one-line entry ``key: value`` whose scalar value
    ``old`` becomes the scalar ``new``, made without PyYAML: the entry's text with the
    value's text replaced, as Rewriter._entry_body does, its new text as Rewriter._scalar
    writes it (double quotes kept, a plain string kept plain where it reads back so).
    The old text must be one the quick proof reads as ``{key: old}`` (yamlparse.proven:
    a plain or double-quoted scalar, no comment, no tag). None for anything else (a new
    string where a number was needs the key's style; a list, a mapping, a removal), which
    the Rewriter then writes from the entry's node tree."""
    if isinstance(new, (dict, list)) or new is None or isinstance(old, (dict, list)) or old is None:
        return None
    if chunk.count("\n") != 1 or not chunk.endswith("\n") or "\r" in chunk or "\t" in chunk:
        return None
    m = KEY.match(chunk)
    if m is None or m.group(1) != key:
        return None
    begin, stop = m.end(), len(chunk) - 1  # the value: after the blanks, before the line's end
    while begin < stop and chunk[begin] == " ":
        begin += 1
    while stop > begin and chunk[stop - 1] == " ":
        stop -= 1
    if begin == stop or chunk[begin] in "'|>":
        return None
    found = yamlparse.proven(chunk)
    if found is None or list(found) != [key] or not same(found[key], old):
        return None
    if not isinstance(new, str):
        text = emit.scalar(new)
    elif chunk[begin] == '"':
        text = emit.double_quoted(new)
    elif isinstance(old, str):
        text = emit.string(new, "")
    else:
        return None
    return chunk[:begin] + text + chunk[stop:]


def _shifted(spans: dict[str, tuple[int, int]], lengths: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The spans (in text order, as ``_spans`` makes them) after the entries of
    ``lengths`` got new texts of those lengths: no new scan of the text."""
    out, delta = {}, 0
    for key, (start, end) in spans.items():
        new_start = start + delta
        if key in lengths:
            delta += lengths[key] - (end - start)
        out[key] = (new_start, end + delta)
    return out


def _reads_alone(text: str, key: str, value: object) -> bool:
    if not text.endswith("\n") or risky(text) or TOP_LINE.search(text.rstrip()) or yamlparse.MAYBE_ANCHOR.search(text):
        return False
    m = KEY.match(text)
    if m is None or m.group(1) != key:
        return False
    parsed = yamlparse.proven(text)  # (the full parse's data, where the quick proof is sure)
    if parsed is None:
        try:
            _, parsed = yamlparse.parse(text, 1)
        except ArticleProblem:
            return False
    return list(parsed) == [key] and same(parsed[key], value)


def entry_spans(front: str) -> dict[str, tuple[int, int]] | None:
    """``_spans`` for callers that edit entries: the text must end with a line break."""
    return _spans(front) if front.endswith("\n") else None


def clear_entries(front: str, raw: bytes | None = None) -> tuple[dict[str, tuple[int, int]], dict | None] | None:
    """The spans of a front that can be edited entry by entry without parsing it whole:
    the whole is proven to parse, it has no anchors or aliases, and it cuts into distinct
    top-level entries; with the data the proof read, or None. None otherwise (then parse
    it whole). The proof: the check's compiled quick proof of the file (``raw``, its bytes:
    ~0.3 ms for 130 KB, without PyYAML), else libyaml's own parser passing over all of it
    (its syntax pass, building no objects: ~20x cheaper than a parse, ~1.2 ms for 130 KB;
    the quick proof's Python twin is slower than that)."""
    spans = entry_spans(front)
    if not spans or yamlparse.MAYBE_ANCHOR.search(front):
        return None
    if raw is not None:
        from newsdesk.core.indexing import quickcheck
        if quickcheck.data_compiled is not None:
            try:
                data = quickcheck.data_compiled(raw)
            except Exception:  # noqa: BLE001 - a surprise in the shortcut: libyaml's pass decides
                data = None
            if data is not None:
                return spans, data
    return (spans, None) if yamlparse.syntax_ok(front) else None
