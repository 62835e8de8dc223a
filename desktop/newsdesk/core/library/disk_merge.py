"""Unsaved edits carried onto a file that changed on disk under them, reading only the
top-level entries concerned: the edited entries merged onto the new file's (``merged_entries``)
and an article's values read one entry at a time for the undo history (``TopsOf``).
Qt-free; ``Drafts.rebase`` uses them.
"""
from __future__ import annotations

from newsdesk.core.document import schema
from newsdesk.core.document.article import MISSING, Article
from newsdesk.core.document.draft import Draft
from newsdesk.core.document.merge import merge3


class TopsOf:
    """An article's top-level values, read one entry at a time (``in`` and ``[]``): what
    carrying an undo step onto a file's new values reads, without parsing all of it."""

    def __init__(self, article: Article):
        self.article = article

    def __contains__(self, key: str) -> bool:
        return self.article.top(key) is not MISSING

    def __getitem__(self, key: str):
        value = self.article.top(key)
        if value is MISSING:
            raise KeyError(key)
        return value


def merged_entries(draft: Draft, disk: bytes):
    """(the new file's article, the edited entries merged onto its entries) for a draft edited
    entry by entry, reading only those entries of both files (a whole parse of 300 big
    articles changed by a pull took 7 s); None where they conflict or the merge gives a
    value of the wrong kind. The same merge as saving's: untouched entries are the disk's."""
    new = Article.lazy(disk, draft.path)
    mine = draft.changes()

    def present(values: dict) -> dict:
        return {k: v for k, v in values.items() if v is not MISSING}
    base, theirs = (present({k: a.top(k) for k in mine}) for a in (draft.article, new))
    merged, conflicts = merge3(base, present(mine), theirs)
    if conflicts or (schema.problems_of(merged) and not schema.problems_of(theirs)
                     and not schema.problems_of(present(mine))):
        return None
    return new, {k: merged.get(k, MISSING) for k in mine}
