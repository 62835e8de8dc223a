"""The table's view of an article, read without parsing what is not shown.

The front matter is cut into top-level entries at column-0 lines; only the
entries the table shows are parsed (one small libyaml parse), and a related
list is counted by its dash lines when no line of it could be part of a
multi-line scalar.  Anything unusual falls back to the full parse, so the
values always equal those of a full YAML parse.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import field, make_dataclass
from pathlib import Path

import yaml

from newsdesk.core import fields
from newsdesk.core.document import emit, yamlparse
from newsdesk.core.document import source as source_mod
from newsdesk.core.document.article import ARTICLE_SUFFIXES, Article
from newsdesk.core.files import saving
from newsdesk.core.files.walk import file_version, iter_article_files  # noqa: F401 - their home is walk.py (imports nothing heavy)
from newsdesk.core.indexing import quickvalues, scan
from newsdesk.core.problems import ArticleProblem


def _row_class(table: fields.FieldTable) -> type:
    """The index row of a table of fields: its path, each field's attributes in the
    table's order (fields.Field.attributes), then the file's size and version."""
    spec = [(name, object, field(default_factory=list) if default is list else field(default=default))
            for name, default, _ in table.row_attributes]
    spec[0] = ("path", str)  # relative to the library root, forward slashes

    def as_json(self) -> dict:
        return {k: getattr(self, k) for k in self.JSON_KEYS}

    cls = make_dataclass("Row", spec, slots=True, namespace={"JSON_KEYS": table.json_keys, "as_json": as_json,
                                                          "__module__": __name__})
    cls.__doc__ = ("The table's view of one article: path, " + ", ".join(n for n, _, _ in table.row_attributes[1:])
                   + " (core/fields.py; publishedDateTime as written, timestamp its POSIX seconds, UTC if no "
                   "zone; version: file_version(), changing with the file's mtime, ctime or inode).")
    return cls


Row = _row_class(fields.TABLE)
# The types a stored row's attributes must have (ANY: whatever YAML gives): the cache's check.
ROW_KINDS = {name: kinds for name, _, kinds in fields.TABLE.row_attributes}
WANTED = tuple(f.key for f in fields.TABLE.read if f.read != "count")  # parsed by the structure pass (scan.py)
# The structure pass (scan.py and its compiled twin) counts one list by its dash lines: related.
_COUNTED = {f.key: f for f in fields.TABLE.read if f.read == "count"}
if list(_COUNTED) != [scan.RELATED]:
    raise ImportError("core/fields.py: the one counted field must be scan.RELATED (core/indexing/scan.py)")
_PLAIN = tuple(f.key for f in fields.TABLE.read if f.read == "value")
_OTHER = tuple(f for f in fields.TABLE.read if f.read in ("list", "provider"))
_DATE = fields.TABLE.date


def parse_date(text: object) -> dt.datetime | None:
    """A date as written ("2023-10-17T00:31:00Z"), UTC when it names no zone; None if not one."""
    if not isinstance(text, str) or not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def timestamp_of(text: object) -> float | None:
    """POSIX seconds of a date as written, for sorting; None if it is not one."""
    value = parse_date(text)
    try:
        return None if value is None else value.timestamp()
    except (OverflowError, ValueError, OSError):  # a zone that moves year 1 or 9999 out of range
        return None


def _read_field(row: Row, f: fields.Field, value: object) -> None:
    """One field's row attributes from its value (None: absent); a date as written."""
    if f.read == "value":
        setattr(row, f.key, value)
    elif f.read == "list":
        setattr(row, f.key, value if isinstance(value, list) else ([] if value is None else [value]))
    elif f.read == "provider":
        if isinstance(value, dict):
            setattr(row, f.key, value.get("name"))
            row.domain = value.get("domain")
        else:  # (a row being filled still holds None here)
            setattr(row, f.key, None)
            row.domain = None
    elif f.read == "count":
        setattr(row, f.key, len(value) if isinstance(value, list) else 0)
    elif f.read == "date":
        setattr(row, f.key, value)
        row.timestamp = timestamp_of(value)


def fill_row(row: Row, data: dict, written_date: str | None) -> Row:
    """The row's fields from an article's top-level data (counted lists aside), with its
    date as written in the file."""
    for key in _PLAIN:
        setattr(row, key, data.get(key))
    for f in _OTHER:
        _read_field(row, f, data.get(f.key))
    if _DATE is not None:
        _read_field(row, _DATE, written_date)
    return row


def _written_date(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else emit.scalar(value)


def refill(row: Row, data: dict, keys=None) -> Row:
    """The row's fields from top-level values as edited (a date as emit writes it): every
    field's, or only those of ``keys`` (a key not in ``data``: the key is gone)."""
    for key in (fields.TABLE.keys if keys is None else keys):
        f = fields.TABLE.by_key.get(key)
        if f is not None and f.read is not None:
            value = data.get(key)
            _read_field(row, f, _written_date(value) if f.read == "date" else value)
    return row


def row_from_article(article: Article, relpath: str, size: int = 0, version: int = 0) -> Row:
    written = None
    for k, v in article.node.value:
        if _DATE is not None and getattr(k, "value", None) == _DATE.key and hasattr(v, "style"):
            written = v.value
    row = Row(relpath, size=size or len(article.raw), version=version)
    for f in _COUNTED.values():
        _read_field(row, f, article.data.get(f.key))
    return fill_row(row, article.data, written)


def _fast(raw: bytes, row: Row) -> Row | None:
    got = scan.scan(raw, WANTED)
    if got is None:
        return None
    data, written, slow, related = got
    if slow:
        text = "".join(chunk if chunk.endswith("\n") else chunk + "\n" for chunk in slow)
        if yamlparse.MAYBE_ANCHOR.search(text):
            return None
        try:  # duplicate keys refused as the full parse does (yaml.load kept the last)
            _, parsed = yamlparse.parse(text, 1)
        except ArticleProblem:
            return None
        if len(parsed) != len(slow):
            return None
        data.update(parsed)
        if _DATE is not None and _DATE.key in parsed:
            written = parsed[_DATE.key]
            if not isinstance(written, str):
                line = next(c for c in slow if c.startswith(_DATE.key))
                written = line.split(":", 1)[1].split("\n", 1)[0].split(" #", 1)[0].strip(" \t\r")
                if written[:1] in "&*!":
                    return None
    for f in _OTHER:
        mapping = data.get(f.key)
        if f.read == "provider" and isinstance(mapping, dict) and any(
                isinstance(mapping.get(k), quickvalues.NestedValue) for k in ("name", "domain")):
            return None
    if isinstance(related, str):
        try:
            _, parsed = yamlparse.parse(related, 1)
        except ArticleProblem:
            return None
        value = parsed.get(scan.RELATED) if isinstance(parsed, dict) else None
        related = len(value) if isinstance(value, list) else 0
    setattr(row, scan.RELATED, related or 0)
    return fill_row(row, data, written)


def index_bytes(raw: bytes, relpath: str, path: Path | None = None, size: int = 0, version: int = 0) -> Row:
    """The row of one article's bytes; an ArticleProblem if it cannot be read."""
    row = Row(relpath, size=size or len(raw), version=version)
    try:
        fast = _fast(raw, row)
    except (ValueError, TypeError, OverflowError, RecursionError, yaml.YAMLError):
        fast = None  # a value the quick reader cannot take: the full parse says why
    if fast is not None:
        return fast
    try:
        source_mod.split(raw)
    except ArticleProblem as p:
        raise p.with_path(path or relpath) from None
    try:
        return row_from_article(Article.from_bytes(raw, path or Path(relpath)), relpath, size, version)
    except ArticleProblem:
        raise
    except Exception as e:  # noqa: BLE001 - one file's surprise is that file's problem, never the folder's
        raise ArticleProblem(f"cannot be read: {type(e).__name__}: {e}", path or relpath) from None


def index_file(path: Path, root: Path) -> Row:
    st = os.stat(path)
    return index_bytes(saving.read_bytes(path), relpath(path, root), path, st.st_size, file_version(st))


def relpath(path: Path, root: Path) -> str:
    if Path(root).is_file():
        return Path(path).name
    return Path(os.path.relpath(path, root)).as_posix()


def relpaths(keys: list[str], root: Path) -> list[str]:
    """``relpath`` of many absolute, normalised paths: one look at the root, and a string
    cut for each file under it (relpath per file was most of a warm index of small files)."""
    root_text = os.path.abspath(root)
    if os.path.isfile(root_text):
        return [os.path.basename(key) for key in keys]
    prefix = os.path.join(root_text, "")
    out = [key[len(prefix):] if key.startswith(prefix) else os.path.relpath(key, root_text) for key in keys]
    return out if os.sep == "/" else [rel.replace(os.sep, "/") for rel in out]


def iter_article_paths(root: Path) -> Iterator[Path]:
    """The same as Path objects."""
    return map(Path, iter_article_files(root))


def _is_dir_link(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False  # a link loop: an article that cannot be read, not a folder


def _stat_entry(entry: os.DirEntry) -> os.stat_result:
    """The file's stat, or the link's own when it leads nowhere (dangling, a loop): such a
    file is still there, with its problem, not gone (the load lists it too)."""
    try:
        return entry.stat()
    except OSError:
        if not entry.is_symlink():
            raise
        return entry.stat(follow_symlinks=False)


def article_stats(folder: Path, root: Path):
    """(relative path, size, file_version) of every article under ``folder`` (a folder of
    ``root``), in no particular order: one scandir and one stat per file, no Path objects
    (100k files: ~0.3 s, against ~3 s through iter_article_paths, relpath and os.stat)."""
    root_text = os.path.join(os.path.abspath(root), "")
    stack_root = os.path.abspath(folder)
    stack = [stack_root]
    while stack:
        current = stack.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            if current != stack_root:  # a folder that cannot be listed stays a problem (walk.py yields it)
                rel = current[len(root_text):]
                yield (rel.replace(os.sep, "/") if os.sep != "/" else rel), -1, 0
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
                elif _is_dir_link(entry):
                    continue  # a link to a folder: the load (os.walk) skips it too (loop -> . grew 6 rows to 246)
                elif name.lower().endswith(ARTICLE_SUFFIXES):
                    st = _stat_entry(entry)
                    rel = entry.path[len(root_text):]
                    yield (rel.replace(os.sep, "/") if os.sep != "/" else rel), st.st_size, file_version(st)
            except OSError:
                continue


def article_paths(root: Path) -> list[Path]:
    return list(iter_article_paths(root))
