"""`newsdesk index --json` of a folder that did not change, without building its rows.

A warm index spent ~50 µs a file past the read floor: a Path, a stat, a cache row
decoded from JSON into a Row, the Row turned back into a dict (dataclasses.asdict
copies deeply) and encoded again. The lines themselves do not change while the file
does not, so each folder's last listing is kept — file -> (size, mtime, ctime, inode,
its JSON line) — in one marshal file beside the index cache, and a warm listing is a
walk, a stat per file and a join. Files that changed, are new, or could not be read
go through the index (and its cache) as before; the listing is then written again.
It is only an optimisation: one that cannot be read or written is ignored.
"""
from __future__ import annotations

import hashlib
import json
import marshal
import math
import os
from collections.abc import Iterator
from pathlib import Path

from newsdesk.core import fields
from newsdesk.core.files.dirs import default_dir
from newsdesk.core.files.walk import iter_article_files
from newsdesk.core.problems import ArticleProblem

VERSION = 2  # bump with the line's format; a change of the JSON's fields (core/fields.py) names another file
_FIELDS = hashlib.sha1(",".join(fields.TABLE.json_keys).encode()).hexdigest()[:8]


def _json_default(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _json_value(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "nan", "inf", "-inf": as `check` names them (JSON has no such number)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def json_record(row, **extra) -> dict:
    """What `newsdesk index --json` says of a row, as values JSON can hold (README, "index
    --json"): a number JSON has no spelling for (``quality: .nan``, ``heat: .inf``) is the
    string `check` names it by, "nan", "inf" or "-inf"; a file name that is not UTF-8 has
    "path" with U+FFFD for each byte that is not, and "path_bytes", the name's bytes in hex
    (``bytes.fromhex``), the only key that names that file exactly."""
    record = {key: _json_value(value) for key, value in row.as_json().items()}
    path = record.get("path")
    if isinstance(path, str):
        try:
            path.encode("utf-8")
        except UnicodeEncodeError:
            raw = os.fsencode(path)
            record["path"] = raw.decode("utf-8", "replace")
            record["path_bytes"] = raw.hex()
    record.update(extra)
    return record


def json_line(row, **extra) -> str:
    """The line `newsdesk index --json` prints for a row: always valid JSON (allow_nan=False
    holds) and UTF-8 (a lone surrogate a file's escape made, ``"\\ud800"``, is written as
    that escape)."""
    line = json.dumps(json_record(row, **extra), ensure_ascii=False, allow_nan=False, default=_json_default)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(json_record(row, **extra), allow_nan=False, default=_json_default)
    return line


def listing_file(root: Path, cache_dir: Path) -> Path:
    name = hashlib.sha1(os.path.abspath(root).encode("utf-8", "surrogateescape")).hexdigest()[:20]
    return cache_dir / "listings" / f"{name}-v{VERSION}-{_FIELDS}.marshal"


def _load(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            found = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return found if isinstance(found, dict) else {}


def _save(path: Path, listing: dict) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            marshal.dump(listing, f)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def json_lines(root: Path) -> Iterator[str | ArticleProblem]:
    """Every article's JSON line (or its problem), in the order of ``index_all``, through
    the index cache. Only when files changed is the index (and YAML) imported."""
    given = list(iter_article_files(root))  # as the user named them: problems say so
    keys = [os.path.abspath(p) for p in given]
    store = listing_file(root, default_dir())
    listing = _load(store)
    out: list = []
    misses: list[int] = []
    stamps: list = []
    for key in keys:
        try:
            st = os.stat(key)
            stamp = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
        except OSError:
            stamp = None
        stamps.append(stamp)
        known = listing.get(key)
        if stamp is not None and known is not None and known[:4] == stamp and isinstance(known[4], str):
            out.append(known[4])
        else:
            misses.append(len(out))
            out.append(None)
    if misses:
        from newsdesk.core.indexing.cache import IndexCache
        from newsdesk.core.indexing.pipeline import index_all
        cache = IndexCache()
        fresh = {}
        for n, result in zip(misses, index_all([Path(given[n]) for n in misses], root, cache), strict=True):
            if isinstance(result, ArticleProblem):
                out[n] = result
                continue
            out[n] = json_line(result)
            if stamps[n] is not None:
                fresh[keys[n]] = (*stamps[n], out[n])
        if not cache.disabled:
            kept = {key: listing[key] for key in keys if key in listing and key not in fresh}
            _save(store, {**kept, **fresh})
    return iter(out)
