"""Writing new YAML text in a site's style (only for values that changed).

Double-quoted strings use the sites' JSON-like escapes (\\" \\\\ \\n \\r \\t
\\uXXXX for other control, line- and paragraph-separator characters) and keep
every other character literal; timestamps are YYYY-MM-DDTHH:MM:SSZ.
"""
from __future__ import annotations

import datetime as dt
import math
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from newsdesk.core.document.conventions import Conventions

_SIMPLE = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
# Patterns compiled on first use, by re's own cache: the two classes take ~0.75 ms to
# compile, and a patch that writes no text (``published: true``) needs neither.
_NEEDS_ESCAPE = '["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]'
_PLAIN_BAD_START = set("-?:,[]{}#&*!|>'\"%@` \t")
_NOT_PRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]"


def _escape(ch: str) -> str:
    if ch in _SIMPLE:
        return _SIMPLE[ch]
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF:
        raise ValueError("text contains an unpaired surrogate character")
    return f"\\u{code:04x}"


def double_quoted(text: str) -> str:
    return '"' + re.sub(_NEEDS_ESCAPE, lambda m: _escape(m.group()), text) + '"'


def single_quoted_ok(text: str) -> bool:
    return not re.search(_NOT_PRINTABLE, text) and "\n" not in text


def plain_ok(text: str) -> bool:
    """True when ``text`` written plain reads back as the same string."""
    if not text or text[0] in _PLAIN_BAD_START or text[-1] in " \t:":
        return False
    if ": " in text or " #" in text or re.search(_NOT_PRINTABLE, text):
        return False
    if text.startswith(("---", "...")):
        return False
    from newsdesk.core.document.yamlparse import proven
    found = proven("k: " + text)  # the full parse's value, without PyYAML where the proof is sure
    if found is not None:  # (a str equal to the text only where the resolver says str, as below)
        value = found.get("k")
        return type(value) is str and value == text
    import yaml

    from newsdesk.core.indexing.quickvalues import resolve
    if resolve(text) != "tag:yaml.org,2002:str":
        return False
    try:
        return yaml.load("k: " + text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) == {"k": text}
    except yaml.YAMLError:
        return False


def string(text: str, style: str) -> str:
    if style == "" and plain_ok(text):
        return text
    if style == "'" and single_quoted_ok(text):
        return "'" + text.replace("'", "''") + "'"
    return double_quoted(text)


def timestamp(value: dt.datetime | dt.date) -> str:
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    text = value.strftime("%Y-%m-%dT%H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset()
    if offset is None:
        return text
    if offset == dt.timedelta(0):
        return text + "Z"
    return value.isoformat()


def scalar(value: object, style: str = "") -> str:
    """Inline YAML text of a scalar; ``style`` applies to strings."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        return text if ("." in text or "e" in text or "n" in text) else text + ".0"
    if isinstance(value, (dt.date, dt.datetime)):
        return timestamp(value)
    if isinstance(value, str):
        return string(value, style)
    raise ValueError(f"cannot write a value of type {type(value).__name__}")


def is_scalar(value: object) -> bool:
    return not isinstance(value, (dict, list))


class Emitter:
    """Block-style YAML for new values, in the conventions of one file."""

    def __init__(self, conv: Conventions, newline: str = "\n"):
        self.conv = conv
        self.nl = newline

    def key(self, key: object) -> str:
        return scalar(key, "")

    def value_after_key(self, value: object, key: object, col: int) -> str:
        """What follows ``key:`` for a key at column ``col``, through the last line break."""
        nl = self.nl
        if isinstance(value, dict) and value:
            inner = col + self.conv.map_step
            return ":" + nl + "".join(" " * inner + self.entry(k, v, inner) for k, v in value.items())
        if isinstance(value, list) and value:
            dash = col + self.conv.seq_offset
            return ":" + nl + "".join(" " * dash + self.item(v, dash, key) for v in value)
        if isinstance(value, (dict, list)):
            return ": " + ("{}" if isinstance(value, dict) else "[]") + nl
        return ": " + self.scalar_for(value, key) + nl

    def entry(self, key: object, value: object, col: int) -> str:
        """``key: value`` lines; the first line's indentation is the caller's."""
        return self.key(key) + self.value_after_key(value, key, col)

    def item(self, value: object, dash: int, key: object) -> str:
        """``- value`` lines for a list item whose dash is at column ``dash``."""
        inner = dash + 2
        if isinstance(value, dict) and value:
            items = iter(value.items())
            k0, v0 = next(items)
            return "- " + self.entry(k0, v0, inner) + "".join(" " * inner + self.entry(k, v, inner) for k, v in items)
        if isinstance(value, list) and value:
            rest = "".join(" " * inner + self.item(v, inner, key) for v in value[1:])
            return "- " + self.item(value[0], inner, key) + rest
        if isinstance(value, (dict, list)):
            return "- " + ("{}" if isinstance(value, dict) else "[]") + self.nl
        item_key = f"{key}[]" if isinstance(key, str) else None
        return "- " + self.scalar_for(value, item_key) + self.nl

    def scalar_for(self, value: object, key: object) -> str:
        style = self.conv.string_style(key if isinstance(key, str) else None) if isinstance(value, str) else ""
        return scalar(value, style)
