"""Splitting a file's bytes into BOM, front matter delimiters, YAML text and body.

Nothing is normalised: joining the parts gives back the exact bytes.
"""
from __future__ import annotations

import re

from newsdesk.core.problems import ArticleProblem
from newsdesk.core.record import Record

BOM = "\ufeff"
_OPEN = re.compile(r"---[ \t]*(\r?\n)")
_CLOSE_REST = re.compile(r"[ \t]*(?:\r?\n|\r?\Z)")
_DOC_END = re.compile(r"\.\.\.[ \t]*(?:#[^\n]*)?\r?\n")


def _closing_line(text: str, start: int) -> tuple[int, int] | None:
    """Start and end of the first line at or after ``start`` that is '---' (trailing blanks
    allowed). str.find skips ahead at C speed; a regex with ^ tries every position."""
    at = start - 1
    while True:
        at = text.find("\n---", at)
        if at < 0:
            return None
        rest = _CLOSE_REST.match(text, at + 4)
        if rest:
            return at + 1, rest.end()
        at += 4


class Source(Record):
    __slots__ = (
        "bom",      # "" or the UTF-8 byte order mark
        "head",     # the opening "---" line with its line break
        "front",    # the YAML text between the delimiters
        "tail",     # the closing "---" line (with its line break, if any)
        "body",     # everything after the closing line
        "newline",  # "\n" or "\r\n": the break new lines get
    )

    def text(self) -> str:
        return self.bom + self.head + self.front + self.tail + self.body

    def encode(self) -> bytes:
        return self.text().encode("utf-8")

    def with_front(self, front: str) -> Source:
        return self.replace(front=front)

    @property
    def front_line(self) -> int:
        """1-based line number of the first line of the YAML text."""
        return 2


def decode(raw: bytes) -> str:
    """UTF-8 text of a file, or a problem saying where the bad bytes are."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # a byte order mark: text, of another encoding
        kind = "UTF-32" if raw.startswith(b"\xff\xfe\x00\x00") else "UTF-16"
        raise ArticleProblem(f"{kind} text: Newsdesk reads UTF-8 articles (save it as UTF-8)")
    if raw.startswith(b"\x00\x00\xfe\xff"):
        raise ArticleProblem("UTF-32 text: Newsdesk reads UTF-8 articles (save it as UTF-8)")
    if b"\x00" in raw[:8192]:
        raise ArticleProblem("binary file, not a text article")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        raise ArticleProblem(
            f"not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})", line=line
        ) from None


def split(raw: bytes) -> Source:
    text = decode(raw)
    bom = BOM if text.startswith(BOM) else ""
    text = text[len(bom):]
    m = _OPEN.match(text)
    if not m:
        raise ArticleProblem("no front matter: the file must start with a '---' line", line=1)
    close = _closing_line(text, m.end())
    if not close:
        raise ArticleProblem("front matter is not terminated: no closing '---' line", line=1)
    start, end = m.end(), close[0]
    last = max(start, text.rfind("\n", start, end - 1) + 1)  # the front's last line
    if text.startswith("...", last) and _DOC_END.fullmatch(text, last, end):
        end = last  # a '...' document end just before the closing line: part of the delimiters
    return Source(
        bom=bom,
        head=text[: m.end()],
        front=text[start:end],
        tail=text[end: close[1]],
        body=text[close[1]:],
        newline=m.group(1),
    )
