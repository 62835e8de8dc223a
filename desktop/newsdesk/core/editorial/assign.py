"""``key=value`` edits as scripts write them (``newsdesk set``), made into the edits of
``core.document.edits`` that the window makes too.

    published=true   quality=60   title="A new title"   topics=[AI, Azure]
    topics+=Copilot  (add to a list, once)    topics-=AI  (remove every AI from a list)
    heat=null        (remove the key)

Values are YAML (``true`` is a boolean, ``60`` a number, quote text that could be read
as something else). Every edit is validated by the Draft like one made in the window.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.core.document import yamlparse
from newsdesk.core.document.edits import AddUnique, Delete, Edit, RemoveAll, Set
from newsdesk.core.problems import ArticleProblem

# the key is the shortest that an operator follows: ``topics-=AI`` is a removal from
# ``topics`` (a greedy key read it as ``topics-`` set to AI, refused as an unknown field)
_ASSIGNMENT = re.compile(r"([A-Za-z_][\w.-]*?)(\+=|-=|=)(.*)\Z", re.S)


@dataclass(frozen=True)
class Assignment:
    key: str
    op: str          # "=", "+=" or "-="
    value: object

    @classmethod
    def parse(cls, text: str) -> Assignment:
        m = _ASSIGNMENT.match(text)
        if m is None:
            raise ArticleProblem(f"{text!r} is not key=value, key+=value or key-=value")
        key, op, raw = m.groups()
        try:
            value = yamlparse.load_value(raw) if raw.strip() else ""
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
