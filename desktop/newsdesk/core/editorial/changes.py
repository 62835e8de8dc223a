"""What Save will write, as the unified diff an editor reviews before saving.

The new bytes come from ``Draft.pending`` — the same plan ``Draft.save`` writes — so the
diff shown is exactly the change made to the file, merge with the disk included.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from newsdesk.core.document.draft import Draft
from newsdesk.core.problems import ArticleProblem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from newsdesk.core.document.article import FolderStyle


@dataclass(frozen=True)
class Change:
    rel: str
    diff: str          # unified diff, "" when saving would change nothing
    added: int = 0     # lines
    removed: int = 0
    problem: str = ""  # why it cannot be saved now (a conflict, an unreadable file)


def _lines(raw: bytes) -> list[str]:
    return raw.decode("utf-8", "surrogateescape").splitlines(keepends=True)


def unified(rel: str, old: bytes, new: bytes, context: int = 3) -> str:
    """A git-style unified diff of one file; a last line without a break is marked as git does."""
    out = []
    for line in difflib.unified_diff(_lines(old), _lines(new), f"a/{rel}", f"b/{rel}", n=context):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def change_of(rel: str, draft: Draft, folder: FolderStyle = None) -> Change:
    try:
        old, new = draft.pending(folder)
    except ArticleProblem as p:
        return Change(rel, "", problem=p.message)
    diff = unified(rel, old, new)
    body = [line for line in diff.splitlines() if not line.startswith(("+++", "---"))]
    return Change(rel, diff, sum(line.startswith("+") for line in body), sum(line.startswith("-") for line in body))
