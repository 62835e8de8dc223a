"""``key=value`` edits as scripts write them (``newsdesk set``), applied through Draft.

    published=true   quality=60   title="A new title"   topics=[AI, Azure]
    topics+=Copilot  (add to a list, once)    topics-=AI  (remove from a list)
    heat=null        (remove the key)

Values are YAML (``true`` is a boolean, ``60`` a number, quote text that could be read
as something else). Every edit is validated by the Draft like one made in the window.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.core.document import yamlparse
from newsdesk.core.document.draft import Draft
from newsdesk.core.document.values import same
from newsdesk.core.problems import ArticleProblem

_ASSIGNMENT = re.compile(r"([A-Za-z_][\w.-]*)(\+=|-=|=)(.*)\Z", re.S)


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

    def apply(self, draft: Draft) -> None:
        path = (self.key,)
        if self.op == "=":
            if self.value is None:
                draft.delete(path)
            else:
                draft.set(path, self.value)
            return
        current = draft.get(path, [])
        if not isinstance(current, list):
            raise ArticleProblem(f"{self.key} is not a list", draft.path)
        present = [n for n, item in enumerate(current) if same(item, self.value)]
        if self.op == "+=" and not present:
            draft.insert(path, len(current), self.value)
        elif self.op == "-=":
            for n in reversed(present):
                draft.remove(path, n)
