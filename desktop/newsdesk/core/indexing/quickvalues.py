"""Reading the simple YAML shapes the table shows without building a parser's objects.

One-line scalars, a mapping of one-line scalars (provider) and a list of one-line
scalars (topics) cover nearly every article. Anything else raises Unsure and the
caller parses that text with libyaml, so results always equal a full parse.
"""
from __future__ import annotations

import datetime as dt
import json
import re

_resolver = None  # PyYAML's implicit resolver, imported on first use (yaml costs ~10 ms)
_STR, _INT, _BOOL, _NULL, _TS = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null", "timestamp"))
_DQ = re.compile(r'"([^"\\\n]*+(?:\\.[^"\\\n]*+)*+)"[ \t]*\r?')
# Control characters, and what YAML 1.1 also counts as line breaks (NEL, LS, PS).
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_JSON_SAFE_ESCAPES = re.compile(r'\\(?![\\"nrtbf]|u[0-9a-fA-F]{4})')
_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_UTC = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z")
_PLAIN_BAD_START = set("&*!|>'\"%@`[]{},# \t")
_TRUE = {"yes", "true", "on"}
_ENTRY = re.compile(r"([A-Za-z_][\w.-]*):(?:[ \t]+(.*?))?[ \t]*\r?$")


class Unsure(Exception):
    """Not a shape read here: parse it properly."""


def scalar(text: str) -> object:
    """The value of a one-line scalar as written after ``key: `` (no line break)."""
    if not text:
        return None
    first = text[0]
    if first == '"':
        m = _DQ.fullmatch(text)
        if not m or _JSON_SAFE_ESCAPES.search(m.group(1)):
            raise Unsure()
        body = m.group(1)
        if _CONTROL.search(body):
            raise Unsure()
        if "\\" not in body:
            return body
        try:
            return json.loads(text[: m.end(1) + 1])
        except ValueError:
            raise Unsure() from None
    text = text.rstrip(" \t\r")  # YAML's white space only: str.rstrip() would eat U+00A0
    if not text:
        return None
    if first in _PLAIN_BAD_START or ": " in text or " #" in text or "\t#" in text or text.endswith(":") \
            or _CONTROL.search(text):
        raise Unsure()
    if first in "-?:" and (len(text) == 1 or text[1] == " "):
        raise Unsure()
    tag = resolve(text)
    if tag == _STR:
        return text
    if tag == _INT and _DECIMAL.fullmatch(text):
        return int(text)
    if tag == _BOOL:
        return text.lower() in _TRUE
    if tag == _NULL:
        return None
    if tag == _TS:
        m = _UTC.fullmatch(text)
        if m:
            return dt.datetime(*map(int, m.groups()), tzinfo=dt.timezone.utc)
    raise Unsure()


def resolve(text: str) -> str:
    """The tag PyYAML's YAML 1.1 resolver gives a plain scalar."""
    global _resolver
    if _resolver is None:
        from yaml.nodes import ScalarNode
        from yaml.resolver import Resolver
        resolve = Resolver().resolve
        _resolver = lambda text: resolve(ScalarNode, text, (True, False))  # noqa: E731
    return _resolver(text)


def entry(chunk: str) -> tuple[str, object, str | None]:
    """(key, value, scalar text as written) of one top-level entry's text."""
    lines = chunk.split("\n")
    while lines and not lines[-1].strip(" \t\r"):
        lines.pop()
    if not lines:
        raise Unsure()
    m = _ENTRY.fullmatch(lines[0])
    if not m:
        raise Unsure()
    key, text = m.group(1), m.group(2) or ""
    if len(lines) == 1:
        return key, scalar(text), text
    if text and not text.startswith("#"):
        raise Unsure()  # a value on the key line and more lines: multi-line scalar
    return key, _block(lines[1:]), None


def _block(lines: list[str]) -> object:
    indent = len(lines[0]) - len(lines[0].lstrip(" "))
    if indent == 0:
        raise Unsure()
    if lines[0][indent:].startswith("- ") or lines[0][indent:].rstrip(" \t\r") == "-":
        items = []
        for line in lines:
            rest = line[indent:]
            if line[:indent] != " " * indent or not (rest.startswith("- ") or rest.rstrip(" \t\r") == "-"):
                raise Unsure()
            items.append(scalar(rest[2:].rstrip("\r")))
        return items
    mapping: dict = {}
    skipping = False
    for line in lines:
        if not line.strip(" \t\r"):
            raise Unsure()
        depth = len(line) - len(line.lstrip(" "))
        if depth > indent:
            if not skipping:
                raise Unsure()  # more lines for a value on the line above
            continue
        if depth < indent:
            raise Unsure()
        m = _ENTRY.fullmatch(line[indent:])
        if not m or m.group(1) in mapping:
            raise Unsure()
        text = m.group(2) or ""
        skipping = not text
        mapping[m.group(1)] = _Nested if skipping else scalar(text)
    return mapping


class NestedValue:
    """A nested block the table does not show (provider.images): its value is not read."""

    def __repr__(self) -> str:
        return "<nested>"


_Nested = NestedValue()
