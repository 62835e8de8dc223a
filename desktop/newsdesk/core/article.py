"""One article file: its exact source, its node tree and its data."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from yaml.nodes import MappingNode

from newsdesk.core import saving, yamlparse
from newsdesk.core import source as source_mod
from newsdesk.core.conventions import Conventions
from newsdesk.core.entries import edit_by_entries, reads_back
from newsdesk.core.problems import ArticleProblem
from newsdesk.core.rewrite import Rewriter
from newsdesk.core.source import Source
from newsdesk.core.values import same

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html")
# Conventions of the article's folder, or a function that learns them when first needed.
FolderStyle = Union[Conventions, Callable[[], Conventions | None], None]  # noqa: UP007 (a runtime alias: 3.10 has no | on Callable[...])


@dataclass
class Article:
    path: Path | None
    raw: bytes
    source: Source
    tree: MappingNode | None = field(repr=False)  # None until needed: see ``node``
    data: dict = field(repr=False)
    _conventions: Conventions | None = field(default=None, repr=False)

    @property
    def node(self) -> MappingNode:
        """The node tree with positions, for the next edit. A saved article that was
        checked entry by entry has none yet: it is parsed when first needed."""
        if self.tree is None:
            self.tree, _ = yamlparse.parse(self.source.front, self.source.front_line)
        return self.tree

    @classmethod
    def from_bytes(cls, raw: bytes, path: Path | None = None) -> Article:
        try:
            src = source_mod.split(raw)
            node, data = yamlparse.parse(src.front, src.front_line)
        except ArticleProblem as p:
            raise p.with_path(path) from None
        return cls(path, raw, src, node, data)

    def conventions(self, folder: FolderStyle = None) -> Conventions:
        """The file's own conventions; ``folder`` is asked only for what the file lacks."""
        if self._conventions is None:
            loader = folder if callable(folder) else (lambda: folder)
            self._conventions = Conventions.learn(self.source.front, self.node, fallback_loader=loader)
        return self._conventions

    def edited(self, data: dict, folder: FolderStyle = None) -> Article:
        """The article as it would be with ``data`` written in (nothing is saved).

        Only the text of what differs changes; the new text is parsed back and
        must equal ``data``, else nothing is produced.
        """
        if same(data, self.data):
            return self
        flow = _flow_front(self.source.front)
        if flow is not None:
            raise ArticleProblem(flow, self.path)
        try:
            front = None
            if self.tree is None:  # read elsewhere or saved before: try without the whole node tree
                front = edit_by_entries(self.source.front, self.data, data, Rewriter, self.source.newline)
                if front is not None and not reads_back(self.source.front, front, self.data, data):
                    front = None
            if front is None:
                rewriter = Rewriter(self.source.front, self.node, lambda: self.conventions(folder), self.source.newline)
                front = rewriter.render(self.data, data)
        except ValueError as e:
            raise ArticleProblem(f"cannot write this value: {e}", self.path) from None
        src = self.source.with_front(front)
        if reads_back(self.source.front, front, self.data, data):
            return Article(self.path, src.encode(), src, None, data)
        try:
            node, check = yamlparse.parse(front, self.source.front_line)
        except ArticleProblem as p:
            raise ArticleProblem(unsupported(self.source.front) or "internal error, nothing written: the new "
                                 f"text does not parse ({p.message})", self.path, p.line) from None
        if not same(check, data):
            raise ArticleProblem(unsupported(self.source.front) or "internal error, nothing written: the new "
                                 "text does not read back as the edit", self.path)
        return Article(self.path, src.encode(), src, node, check)

    def render(self, data: dict, folder: FolderStyle = None) -> bytes:
        """The file's bytes with ``data`` written in."""
        return self.edited(data, folder).raw

    def save(self, data: dict, folder: FolderStyle = None) -> Article:
        """Write ``data`` atomically unless the file changed on disk; the saved article."""
        if self.path is None:
            raise ArticleProblem("this article has no file to save to")
        new = self.edited(data, folder)
        if new.raw != self.raw:
            saving.atomic_write(self.path, new.raw, expected=self.raw)
        return new


_KEEP_CHOMP = re.compile(r"(?:^|[:\-][ \t]+)[|>][1-9]?\+[1-9]?[ \t]*(?:#[^\n]*)?$", re.M)
_MERGE_KEY = re.compile(r"^[ \t]*(?:-[ \t]+)?<<[ \t]*:", re.M)


def _line(front: str, at: int) -> int:
    return front.count("\n", 0, at) + 2  # the front starts on the file's line 2


def _flow_front(front: str) -> str | None:
    """Front matter written as one flow mapping (``{title: a, topics: [x, y]}``) cannot be
    edited keeping its text: any edit re-wrote all of it in block style. Refused, saying so."""
    text = "\n".join(line for line in front.split("\n") if not line.lstrip().startswith("#")).lstrip()
    if text.startswith("{"):
        return ("not changed: the front matter is written as one flow mapping ('{...}'); Newsdesk edits "
                "only front matter written one key per line, so it would have to rewrite all of it")
    return None


def unsupported(front: str) -> str | None:
    """What in this front matter an edit could not write around, in words (an edit that
    does not read back as intended is refused with this, not an "internal error")."""
    m = _KEEP_CHOMP.search(front)
    if m:
        return (f"not changed: line {_line(front, m.start())} is a block scalar that keeps its trailing "
                "blank lines ('|+' or '>+'); Newsdesk cannot write next to it without changing that value. "
                "Edit this file in a text editor, or use '|' instead")
    m = _MERGE_KEY.search(front)
    if m:
        return (f"not changed: line {_line(front, m.start())} uses a YAML merge key ('<<'), which Newsdesk "
                "does not edit around; edit this file in a text editor")
    return None


def load_article(path: Path | str) -> Article:
    path = Path(path)
    return Article.from_bytes(saving.read_bytes(path), path)


def folder_conventions(folder: Path, skip: Path | None = None, limit: int = 12) -> Conventions | None:
    """Conventions shown by up to ``limit`` readable articles of a folder."""
    learned = []
    try:
        names = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    except OSError:
        return None
    for path in names:
        if len(learned) >= limit:
            break
        if skip is not None and path == skip:
            continue
        try:
            article = load_article(path)
        except ArticleProblem:
            continue
        learned.append(article.conventions())
    return Conventions.merged(learned) if learned else None
