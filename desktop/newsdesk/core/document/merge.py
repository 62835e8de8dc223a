"""Three-way merge of article data: the editor's edits onto what is on disk now.

``base`` is the data as loaded, ``mine`` as edited, ``theirs`` as on disk now.
Mappings merge key by key; lists whose items each have an identity (related
links by URL, topics by value) merge item by item; anything else changed on
one side only takes that side. A real conflict — the same key or item changed
differently on both sides — is reported as a :class:`Conflict` and settled by
``choose`` (the theirs side when no choice is given, so nothing of the disk's is
lost silently: the caller asks before writing).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsdesk.core.document.values import canon, identity, same

MISSING = object()  # a key or item absent on one side


@dataclass(frozen=True)
class Conflict:
    where: tuple         # keys, and list item identities, from the top
    base: object         # MISSING where absent
    mine: object
    theirs: object

    def label(self) -> str:
        """The place in words: ``quality``, ``related “Title” › quality``."""
        parts = []
        for step in self.where:
            if isinstance(step, tuple) and step and step[0] in ("item", "value"):
                name = step[2] if len(step) > 2 and step[2] else step[1]
                parts[-1:] = [f"{parts[-1] if parts else ''} \u201c{_clip(name)}\u201d".strip()]
            else:
                parts.append(str(step))
        return " \u203a ".join(parts)


def _clip(text: object, width: int = 48) -> str:
    text = str(text)
    return text if len(text) <= width else text[:width - 1] + "\u2026"


Choose = Callable[[Conflict], str]  # "mine" or "theirs"


def merge3(base: dict, mine: dict, theirs: dict, choose: Choose | None = None) -> tuple[dict, list[Conflict]]:
    """The merged data and every conflict met (each settled by ``choose``)."""
    conflicts: list[Conflict] = []

    def settle(where, b, m, t):
        conflict = Conflict(where, b, m, t)
        conflicts.append(conflict)
        return m if choose is not None and choose(conflict) == "mine" else t

    merged = _value(base, mine, theirs, (), settle)
    return merged, conflicts


def _value(b, m, t, where, settle):
    if same(m, b):
        return t
    if same(t, b) or same(m, t):
        return m
    if isinstance(b, dict) and isinstance(m, dict) and isinstance(t, dict):
        return _mapping(b, m, t, where, settle)
    if isinstance(b, list) and isinstance(m, list) and isinstance(t, list):
        keys = [_keys(x) for x in (b, m, t)]
        if all(k is not None for k in keys):
            return _list(b, m, t, keys, where, settle)
    return settle(where, b, m, t)


def _mapping(b: dict, m: dict, t: dict, where, settle) -> dict:
    merged: dict = {}
    for key in list(t) + [k for k in m if k not in t]:
        merged[key] = _value(b.get(key, MISSING), m.get(key, MISSING), t.get(key, MISSING),
                             where + (key,), settle)
    # deleted on one side and untouched on the other: gone (MISSING results)
    return {key: merged[key] for key in _order(list(b), list(m), list(t))
            if key in merged and merged[key] is not MISSING}


def _keys(items: list) -> list | None:
    """Each item's identity (URL for links, the value for scalars). An identity met again
    is told apart by its occurrence (the second link to one URL is (URL, 2)): 359 of 3,887
    real articles with related links repeat a URL, and any concurrent change of such a
    list was one whole-list conflict. A repeated scalar (topics AI, AI) has no identity:
    None, and the list is merged whole."""
    keys, seen = [], {}
    for item in items:
        key = identity(item)
        key = ("item", key[1]) if key is not None else ("value", canon(item))
        n = seen[key] = seen.get(key, 0) + 1
        keys.append(key if n == 1 or key[0] != "item" else (key[0], (key[1], n)))  # a repeated scalar: no identity
    return keys if len(set(keys)) == len(keys) else None


def _list(b: list, m: list, t: list, keys, where, settle) -> list:
    kb, km, kt = keys
    bb, mm, tt = dict(zip(kb, b, strict=True)), dict(zip(km, m, strict=True)), dict(zip(kt, t, strict=True))
    merged = {}
    for key in kt + [k for k in km if k not in tt]:
        step = (key + (_title(bb, mm, tt, key),)) if key[0] == "item" else ("value", _short(key))
        merged[key] = _value(bb.get(key, MISSING), mm.get(key, MISSING), tt.get(key, MISSING),
                             where + (step,), settle)
    return [merged[key] for key in _order(kb, km, kt) if key in merged and merged[key] is not MISSING]


def _title(*sides_and_key) -> str:
    *sides, key = sides_and_key
    for side in sides:
        item = side.get(key)
        if isinstance(item, dict) and isinstance(item.get("title"), str):
            return item["title"]
    return ""


def _short(key) -> str:
    value = key[1]
    return str(value[1]) if isinstance(value, tuple) and len(value) == 2 else str(value)


def _order(b: list, m: list, t: list) -> list:
    """Keys in merged order: the side that reordered the common keys leads; the other's
    additions go after the key they followed there."""
    sm, st = set(m), set(t)
    common = [k for k in b if k in sm and k in st]
    sc = set(common)
    in_m = [k for k in m if k in sc]
    lead, other = (m, t) if in_m != common else (t, m)
    out = list(lead)
    seen = set(out)
    for n, key in enumerate(other):
        if key in seen:
            continue
        before = next((other[i] for i in range(n - 1, -1, -1) if other[i] in seen), None)
        at = out.index(before) + 1 if before is not None else 0
        out.insert(at, key)
        seen.add(key)
    return out
