"""Comparing and addressing plain YAML data (dicts, lists, scalars)."""
from __future__ import annotations

import datetime as dt

_IMMUTABLE = (str, int, float, type(None), dt.date, dt.time)  # (bool is an int, datetime a date)


def copied(value: object) -> object:
    """A deep copy of data; a scalar that cannot change (str, a number, a bool, None, a
    date or time) as it is. (copy, with its weakref, is ~0.5 ms to import: a patch of
    scalars needs none.)"""
    if isinstance(value, _IMMUTABLE):
        return value
    import copy
    return copy.deepcopy(value)


def same(a: object, b: object) -> bool:
    """Equal as YAML data: types must match (true is not 1, 1 is not 1.0)."""
    if a is b and not isinstance(a, float):  # data is never changed in place; NaN is not NaN
        return True
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same, a, b))
    return a == b


def canon(value: object) -> object:
    """A hashable form of a value: equal values, equal forms."""
    if isinstance(value, dict):
        return ("map", frozenset((k, canon(v)) for k, v in value.items()))
    if isinstance(value, list):
        return ("seq", tuple(canon(v) for v in value))
    return (type(value).__name__, value)


IDENTITY_KEYS = ("webUrl", "url", "originalUrl", "id", "title")


def identity(value: object) -> object:
    """What names a list item across edits (its URL), or None."""
    if isinstance(value, dict):
        for key in IDENTITY_KEYS:
            v = value.get(key)
            if isinstance(v, str) and v:
                return (key, v)
    return None


Path = tuple  # of str keys and int list indexes


def get(data: object, path: Path) -> object:
    for p in path:
        data = data[p]
    return data


def has(data: object, path: Path) -> bool:
    try:
        get(data, path)
        return True
    except (KeyError, IndexError, TypeError):
        return False


def with_value(data: dict, path: Path, value: object) -> dict:
    """A copy of data with path set (parents must exist); untouched parts are shared."""
    if not path:
        return copied(value)
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        out = dict(data)
        out[head] = with_value(data[head], rest, value) if rest else copied(value)
        return out
    out = list(data)
    out[head] = with_value(data[head], rest, value) if rest else copied(value)
    return out


def without(data: dict, path: Path) -> dict:
    """A copy of data with the key or list item at path removed."""
    head, rest = path[0], path[1:]
    if rest:
        out = dict(data) if isinstance(data, dict) else list(data)
        out[head] = without(data[head], rest)
        return out
    if isinstance(data, dict):
        return {k: v for k, v in data.items() if k != head}
    return data[:head] + data[head + 1:]


def merge_patch(target: object, patch: object) -> object:
    """RFC 7386 over YAML data: mappings merge, null deletes, anything else replaces."""
    if not isinstance(patch, dict):
        return copied(patch)
    out = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


def patch_between(before: dict, after: dict) -> dict:
    """The merge patch that turns mapping ``before`` into ``after`` (lists replace whole)."""
    patch: dict = {}
    for key in before:
        if key not in after:
            patch[key] = None
    for key, value in after.items():
        if key in before and same(before[key], value):
            continue
        if key in before and isinstance(before[key], dict) and isinstance(value, dict):
            patch[key] = patch_between(before[key], value)
        else:
            patch[key] = value
    return patch
