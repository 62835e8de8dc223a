"""``key=value`` edits as scripts write them (``newsdesk set``), made into the edits of
``core.document.edits`` that the window makes too.

    published=true   quality=60   title="A new title"   topics=[AI, Azure]
    topics+=Copilot  (add to a list, once)    topics-=AI  (remove every AI from a list)
    heat=null        (remove the key)

Values are YAML (``true`` is a boolean, ``60`` a number, quote text that could be read
as something else). Every edit is validated by the Draft like one made in the window.

What a script names is refused before any file is read (``refusals``, and ``key_refusal``
for ``newsdesk patch``): a key that is not a known field unless the script opts in to
adding it, a key Newsdesk never changes (``secured``: the brief), a value of the wrong
kind, and nothing after the ``=`` (``title="$T"`` with T unset wrote empty titles).
"""
from __future__ import annotations

import re

from newsdesk.core import fields
from newsdesk.core.document import yamlparse
from newsdesk.core.document.edits import AddUnique, Delete, Edit, RemoveAll, Set
from newsdesk.core.problems import ArticleProblem
from newsdesk.core.record import Record

# the key is the shortest that an operator follows: ``topics-=AI`` is a removal from
# ``topics`` (a greedy key read it as ``topics-`` set to AI, refused as an unknown field)
_ASSIGNMENT = re.compile(r"([A-Za-z_][\w.-]*?)(\+=|-=|=)(.*)\Z", re.S)

# keys whose values are not the editors' to change: an opaque payload the site's pipeline
# writes (never decoded, re-wrapped or changed); the core's edits can still carry them
# (a replay of the pipeline's own history does), the scripts' commands cannot
NEVER_CHANGED = ("secured",)


class Assignment(Record):
    """(A Record, not a dataclass: ``newsdesk patch`` imports this module for
    ``key_refusal``, and dataclasses costs it ~5 ms: core/record.py.)"""
    __slots__ = ("key", "op", "value")
    key: str
    op: str          # "=", "+=" or "-="
    value: object

    @classmethod
    def parse(cls, text: str) -> Assignment:
        m = _ASSIGNMENT.match(text)
        if m is None:
            raise ArticleProblem(f"{text!r} is not key=value, key+=value or key-=value")
        key, op, raw = m.groups()
        if not raw.strip():
            empty = "" if key in fields.TABLE.not_blank else f", for empty text {key}='\"\"'"
            raise ArticleProblem(f"{key}{op}: no value given; to remove the key write {key}=null{empty}")
        try:
            value = yamlparse.load_value(raw)
        except ArticleProblem as p:
            raise ArticleProblem(f"{key}: the value {raw!r} is not valid YAML ({p.message})") from None
        if op != "=" and isinstance(value, (list, dict)):
            raise ArticleProblem(f"{key}{op} takes one item, not a list or mapping")
        return cls(key, op, value)

    def edit(self) -> Edit:
        """The edit this assignment makes: ``=`` sets (``null``: deletes the key), ``+=``
        adds the item once, ``-=`` removes every occurrence of it."""
        path = (self.key,)
        if self.op == "+=":
            return AddUnique(path, self.value)
        if self.op == "-=":
            return RemoveAll(path, self.value)
        return Delete(path) if self.value is None else Set(path, self.value)


def key_refusal(key: object, new_keys: set[str], payloads: bool = False) -> str | None:
    """Why a script may not change the top-level ``key`` (None: it may): a key that is not
    a known field (a typo would add it to every article) unless ``new_keys`` names it (the
    commands' ``--new-key``), or a key Newsdesk never changes — unless ``payloads``: a
    patch carries the pipeline's own values whole (replaying the sites' history through
    ``newsdesk patch`` changes ``secured`` in 3 of 4 powerapps edits), where ``set`` would
    make one up from what an editor typed."""
    if not isinstance(key, str):
        return f"key {key!r} is not text"  # (the schema's words)
    if key in NEVER_CHANGED and not payloads:
        return f"{key}: an opaque payload that Newsdesk never changes (the site's pipeline writes it)"
    known = fields.TABLE.keys
    if key not in known and key not in new_keys:
        return (f"{key}: not a known field (known: {', '.join(known)}); "
                f"to add a new key, name it with --new-key {key}")
    return None


def refusals(assignments: list[Assignment], new_keys: set[str]) -> list[str]:
    """One message per bad assignment, before any file is read: its key (``key_refusal``),
    or a value of the wrong kind (it would fail in every file alike, with check's words)."""
    from newsdesk.core.document.schema import field_problems

    out = []
    for edit in assignments:
        refused = key_refusal(edit.key, new_keys)
        if refused is not None:
            out.append(refused)
            continue
        if edit.op == "=" and edit.value is None:
            continue  # removing a key
        value = edit.value if edit.op == "=" else [edit.value]
        out.extend(f"{edit.key}{edit.op}{edit.value!r}: {m}" for m in field_problems(edit.key, value))
    return out

