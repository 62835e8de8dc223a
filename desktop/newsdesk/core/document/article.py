"""One article file: its exact source, its node tree and its data."""
from __future__ import annotations

import re

from newsdesk.core.document import source as source_mod
from newsdesk.core.document import yamlparse
from newsdesk.core.document.entries import clear_entries, edit_by_entries, reads_back, rewrite_entries_and_spans
from newsdesk.core.document.source import Source
from newsdesk.core.document.values import same
from newsdesk.core.files import saving
from newsdesk.core.files.walk import ARTICLE_SUFFIXES
from newsdesk.core.problems import ArticleProblem

MISSING = type("Missing", (), {"__repr__": lambda self: "<missing>"})()  # a top-level key that is absent
TYPE_CHECKING = False  # typing (~2 ms to import) for annotations only
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path  # (pathlib: ~3 ms of a patch, which gives paths as str)

    from yaml.nodes import MappingNode

    from newsdesk.core.document.conventions import Conventions

    # Conventions of the article's folder, or a function that learns them when first needed.
    FolderStyle = Conventions | Callable[[], Conventions | None] | None


class Article:
    """One article as read: its path, bytes and parts, and its YAML parsed as far as asked.
    (A plain class, not a dataclass: see core/record.py.)"""

    __slots__ = ("path", "_raw", "source", "tree", "_data", "_conventions", "_spans", "_values")

    def __init__(self, path: Path | None, raw: bytes | None, source: Source, tree: MappingNode | None,
                 data: dict | None, conventions: Conventions | None = None, spans: dict | None = None):
        self.path = path
        self._raw = raw            # None: the source's text encoded (see ``raw``)
        self.source = source
        self.tree = tree           # None until needed: see ``node``
        self._data = data          # None until needed: see ``data``
        self._conventions = conventions
        # An article opened with ``lazy``: its top-level entries (key -> (start, end)) and
        # the values of those read so far, each parsed alone.
        self._spans = spans
        self._values: dict = {}

    def __repr__(self) -> str:
        return f"Article({str(self.path)!r})"

    @property
    def raw(self) -> bytes:
        """The file's exact bytes. A lazy article keeps only its decoded text (an edit of
        1,000 articles held each file twice); UTF-8 encodes it back to the same bytes."""
        return self._raw if self._raw is not None else self.source.encode()

    @property
    def data(self) -> dict:
        """The whole front matter's data (a lazy article parses it whole when first asked)."""
        if self._data is None:
            try:
                self.tree, self._data = yamlparse.parse(self.source.front, self.source.front_line)
            except ArticleProblem as p:
                raise p.with_path(self.path) from None
            self._spans = None
        return self._data

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

    @classmethod
    def lazy(cls, raw: bytes, path: Path | None = None) -> Article:
        """An article whose YAML is parsed only as far as asked: one top-level entry at a
        time (``top``), whole when ``data`` is asked. Only a front that cuts cleanly into
        entries and is proven to parse whole (the check's quick proof, which also reads its
        values, or libyaml's syntax pass: entries.clear_entries) is left unparsed; any other
        is parsed whole here, so its problems are raised here as by ``from_bytes``. (What
        only building the values finds, a duplicate key or an impossible date inside an
        entry that is never read, is found when that entry or the whole is read.)"""
        try:
            src = source_mod.split(raw)
        except ArticleProblem as p:
            raise p.with_path(path) from None
        clear = clear_entries(src.front, raw)
        spans = None if clear is None else clear[0]
        article = cls(path, None if spans is not None else raw, src, None, None, None, spans)
        if clear is None:
            article.data  # noqa: B018 - parsed whole now: its problems are raised here
        elif clear[1] is not None:  # the quick proof read every value: the scalars are kept (a few dozen bytes)
            article._values = {k: v for k, v in clear[1].items() if k in spans and not isinstance(v, (dict, list))}
        return article

    @property
    def parsed(self) -> bool:
        return self._data is not None

    def top(self, key: str) -> object:
        """One top-level value (MISSING when absent), parsing only its entry if it can."""
        if self._data is not None:
            return self._data.get(key, MISSING)
        if key in self._values:
            return self._values[key]
        if key not in self._spans:
            return MISSING
        start, end = self._spans[key]
        front = self.source.front
        parsed = yamlparse.proven(front[start:end])  # without PyYAML where the quick proof is sure
        if parsed is None:
            try:
                _, parsed = yamlparse.parse(front[start:end], self.source.front_line + front.count("\n", 0, start))
            except ArticleProblem as p:
                raise p.with_path(self.path) from None
        if list(parsed) != [key]:
            return self.data.get(key, MISSING)
        self._values[key] = parsed[key]
        return parsed[key]

    def keys(self) -> list:
        return list(self._spans) if self._data is None else list(self._data)

    def edited_top(self, changes: dict, folder: FolderStyle = None) -> Article:
        """The article with some top-level values replaced (key -> new value, MISSING to
        remove), writing only their entries when it can: a lazy article is not parsed
        whole when each changed entry is only rewritten (no key added or removed, no new
        text whose style the whole file shows). The same bytes as ``edited``."""
        if self._data is None and all(k in self._spans and v is not MISSING for k, v in changes.items()):
            olds = {key: self.top(key) for key in changes}
            diff = {key: (olds[key], new) for key, new in changes.items() if not same(olds[key], new)}
            if not diff:
                return self
            try:
                done = rewrite_entries_and_spans(self.source.front, self._spans, diff, _rewriter,
                                                 self.source.newline, folder=folder, entry_style=True)
            except ValueError as e:
                raise ArticleProblem(f"cannot write this value: {e}", self.path) from None
            if done is not None:
                front, spans = done
                src = self.source.with_front(front)
                new = Article(self.path, None, src, None, None, None, spans)
                new._values = {k: v for k, v in self._values.items() if k not in diff}
                new._values.update({k: v for k, (_, v) in diff.items()})
                return new
        data = {k: changes.get(k, v) for k, v in self.data.items()}
        data.update((k, v) for k, v in changes.items() if k not in data)
        return self.edited({k: v for k, v in data.items() if v is not MISSING}, folder)

    def conventions(self, folder: FolderStyle = None) -> Conventions:
        """The file's own conventions; ``folder`` is asked only for what the file lacks."""
        if self._conventions is None:
            from newsdesk.core.document.conventions import Conventions
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
                front = edit_by_entries(self.source.front, self.data, data, _rewriter, self.source.newline)
                if front is not None and not reads_back(self.source.front, front, self.data, data):
                    front = None
            if front is None:
                front = _rewriter(self.source.front, self.node, lambda: self.conventions(folder),
                                  self.source.newline).render(self.data, data)
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



def _rewriter(*args):
    """rewrite.Rewriter(*args), imported when first needed: an edit that replaces one-line
    scalars writes them without it (entries._scalar_replaced), and it imports PyYAML."""
    from newsdesk.core.document.rewrite import Rewriter
    return Rewriter(*args)


# Patterns compiled when first used, by re's own cache: only a refused edit asks (~0.15 ms).
_KEEP_CHOMP = r"(?m)(?:^|[:\-][ \t]+)[|>][1-9]?\+[1-9]?[ \t]*(?:#[^\n]*)?$"
_MERGE_KEY = r"(?m)^[ \t]*(?:-[ \t]+)?<<[ \t]*:"


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
    m = re.search(_KEEP_CHOMP, front)
    if m:
        return (f"not changed: line {_line(front, m.start())} is a block scalar that keeps its trailing "
                "blank lines ('|+' or '>+'); Newsdesk cannot write next to it without changing that value. "
                "Edit this file in a text editor, or use '|' instead")
    m = re.search(_MERGE_KEY, front)
    if m:
        return (f"not changed: line {_line(front, m.start())} uses a YAML merge key ('<<'), which Newsdesk "
                "does not edit around; edit this file in a text editor")
    return None


def load_article(path: Path | str) -> Article:
    from pathlib import Path

    path = Path(path)
    return Article.from_bytes(saving.read_bytes(path), path)


def open_article(path: Path | str) -> Article:
    """``load_article`` for an edit of a few top-level entries: see ``Article.lazy``. The
    path is kept as given (``newsdesk patch`` gives its argument's str: no pathlib)."""
    return Article.lazy(saving.read_bytes(path), path)


def folder_conventions(folder: Path, skip: Path | None = None, limit: int = 12) -> Conventions | None:
    """Conventions shown by up to ``limit`` readable articles of a folder."""
    from pathlib import Path

    from newsdesk.core.document.conventions import Conventions

    learned = []
    try:
        names = sorted(p for p in Path(folder).iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES)
    except OSError:
        return None
    for path in names:
        if len(learned) >= limit:
            break
        if skip is not None and path == Path(skip):
            continue
        try:
            article = load_article(path)
        except ArticleProblem:
            continue
        learned.append(article.conventions())
    return Conventions.merged(learned) if learned else None
