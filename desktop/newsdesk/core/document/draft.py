"""An article being edited: its saved state and the data the editor made of it."""
from __future__ import annotations

from newsdesk.core.document import schema, values
from newsdesk.core.document.article import MISSING, Article
from newsdesk.core.document.values import Path
from newsdesk.core.files import guard, saving
from newsdesk.core.problems import ArticleProblem, MergeConflict, SaveConflict

TYPE_CHECKING = False  # typing (~2 ms to import) for annotations only
if TYPE_CHECKING:
    from newsdesk.core.document.article import FolderStyle
    from newsdesk.core.document.edits import Edit
    from newsdesk.core.document.merge import Choose


class TopValues(dict):
    """Some top-level values of an article (key -> value, MISSING where absent): what
    an edit changed, without the rest of the article (undo steps hold these)."""

    @classmethod
    def between(cls, before: dict, after: dict) -> tuple[TopValues, TopValues]:
        """The keys two whole datas differ in, as (before, after)."""
        old, new = cls(), cls()
        for key in list(before) + [k for k in after if k not in before]:
            b, a = before.get(key, MISSING), after.get(key, MISSING)
            if b is not a and (b is MISSING or a is MISSING or not values.same(b, a)):
                old[key], new[key] = b, a
        return old, new


class Draft:
    """Edits are validated when made; ``save`` writes only what differs.

    Until the whole data is asked for (``data``), the edits are kept as new top-level
    values (``changes``) over the article's entries, so an article opened lazily
    (``Article.lazy``) is read and written one entry at a time: a bulk publish parses
    one line of each file, not its related list."""

    def __init__(self, article: Article):
        self.article = article
        self._data: dict | None = article._data  # the whole edited data, once known
        self._changes: dict = {}                  # else: key -> new top-level value (MISSING: removed)
        self._compared: tuple[dict, dict, bool] | None = None

    @property
    def path(self):
        return self.article.path

    @property
    def data(self) -> dict:
        """The whole edited data (a lazy article is parsed whole when first asked)."""
        if self._data is None:
            base = self.article.data
            if not self._changes:
                self._data = base
            else:
                out = {k: self._changes.get(k, v) for k, v in base.items()}
                out.update((k, v) for k, v in self._changes.items() if k not in out)
                self._data = {k: v for k, v in out.items() if v is not MISSING}
            self._changes = {}
        return self._data

    @data.setter
    def data(self, value: dict) -> None:
        self._data, self._changes = value, {}

    def changes(self) -> dict:
        """The edited top-level values that differ from the file's (key -> value, MISSING
        for removed keys): all that an undo step needs to keep."""
        if self._data is None:
            return {k: v for k, v in self._changes.items() if not values.same(v, self.article.top(k))}
        saved = self.article.data
        out = {k: v for k, v in self._data.items() if k not in saved or not values.same(v, saved[k])}
        out.update((k, MISSING) for k in saved if k not in self._data)
        return out

    def top(self, key: str) -> object:
        """One top-level value as edited (MISSING when absent)."""
        if self._data is not None:
            return self._data.get(key, MISSING)
        return self._changes[key] if key in self._changes else self.article.top(key)

    def set_top(self, changes: dict) -> None:
        """Replace top-level values (key -> value, MISSING to remove), unvalidated: for
        undo and redo, which put back values that were validated when first made."""
        if self._data is None:
            self._changes = {**self._changes, **changes}
            return
        out = {k: changes.get(k, v) for k, v in self._data.items()}
        out.update((k, v) for k, v in changes.items() if k not in out)
        self._data = {k: v for k, v in out.items() if v is not MISSING}

    @property
    def dirty(self) -> bool:
        """Data differs from the file's. Data is never changed in place (edits make new
        dicts), so the answer is kept for as long as both objects are the same ones."""
        if self._data is None:
            return bool(self.changes())
        data, saved = self._data, self.article.data
        if data is saved:
            return False
        if self._compared is None or self._compared[0] is not data or self._compared[1] is not saved:
            self._compared = (data, saved, not values.same(data, saved))
        return self._compared[2]

    def get(self, path: Path, default: object = None) -> object:
        path = tuple(path)
        if not path:
            return self.data
        value = self.top(path[0])
        if value is MISSING or not values.has(value, path[1:]):
            return default
        return values.get(value, path[1:])

    def has(self, path: Path) -> bool:
        """There is a value at ``path`` (reads only its top-level entry)."""
        value = self.top(path[0])
        return value is not MISSING and values.has(value, path[1:])

    # ---- edits (each validated; a refused edit changes nothing) -------------
    def apply(self, edit: Edit) -> None:
        """Make one edit (``core.document.edits``): ArticleProblem, nothing changed, when
        it does not fit this article or gives a value of the wrong kind."""
        edit.apply_to(self)

    def replace(self, key: str, value: object) -> None:
        """Replace one top-level value (MISSING: remove the key), validated: what every
        edit comes down to."""
        self.replace_many({key: value})

    def replace_many(self, changes: dict) -> None:
        """Replace top-level values (key -> value, MISSING to remove) all or none, validated."""
        problems = schema.problems_of({k: v for k, v in changes.items() if v is not MISSING})
        if problems:
            raise ArticleProblem(problems[0], self.path)
        self.set_top(changes)

    def revert(self) -> None:
        self._data, self._changes = self.article._data, {}

    # ---- output --------------------------------------------------------------
    def render(self, folder: FolderStyle = None) -> bytes:
        if self._data is None:
            return self.article.edited_top(self._changes, folder).raw
        return self.article.render(self._data, folder)

    def save(self, folder: FolderStyle = None, choose: Choose | None = None) -> dict | None:
        """Write the edits atomically. If the file changed on disk since it was read, the
        edits are merged onto it (three-way, key by key, related items by URL); a real
        conflict raises MergeConflict and writes nothing unless ``choose`` settles it.
        Returns the disk's data the edits were merged onto, or None if there was no merge.

        The read, merge and replace happen under core.guard's lock; a write by a program
        that takes no lock, landing between the read and the replace, is read and merged
        again (never lost)."""
        if self.path is None:
            raise ArticleProblem("this article has no file to save to")
        theirs = None
        with guard.Guarded(self.path) as held:
            displaced = None
            for _ in range(guard.ATTEMPTS):
                try:
                    disk = displaced if displaced is not None else held.read()
                except SaveConflict:
                    raise
                except ArticleProblem as p:
                    raise SaveConflict(f"not saved: {p.message.removeprefix('not saved: ')}", self.path) from None
                if disk == self.article.raw and self._data is None:
                    base = None  # a lazy article unchanged on disk: its edited entries only
                    new = self.article.edited_top(self._changes, folder)
                else:
                    try:
                        base, data, merged_onto = self._onto(disk, choose)
                    except MergeConflict:
                        if displaced is not None:  # what we wrote goes; theirs comes back, as if we never wrote
                            held.replace(displaced)
                        raise
                    theirs = merged_onto if merged_onto is not None else theirs
                    new = base.edited(data, folder)
                if new.raw == disk and displaced is None:
                    self.article = new
                    self._data, self._changes = new._data, {}
                    return theirs
                try:
                    held.replace(new.raw)
                except guard.Changed:
                    displaced = None
                    continue  # written meanwhile by a program that takes no lock: again
                except guard.Displaced as d:
                    if base is not None:
                        self.article, self.data = base, data  # theirs is merged onto what we had merged
                    displaced = d.raw
                    continue
                self.article = new
                self._data, self._changes = new._data, {}
                return theirs
        raise SaveConflict("not saved: the file kept changing on disk while saving; try again", self.path)

    def pending(self, folder: FolderStyle = None) -> tuple[bytes, bytes]:
        """The bytes on disk now and the bytes ``save`` would write in their place, made by
        the same steps as save (lazy entries, or the merge onto a file changed on disk), so
        the diff shown before saving is the change saving makes. MergeConflict or
        SaveConflict when it could not be saved as things are."""
        if self.path is None:
            raise ArticleProblem("this article has no file to save to")
        try:
            disk = saving.read_bytes(self.path)
        except ArticleProblem as p:
            raise SaveConflict(f"not saved: {p.message.removeprefix('not saved: ')}", self.path) from None
        if disk == self.article.raw and self._data is None:
            return disk, self.article.edited_top(self._changes, folder).raw
        base, data, _ = self._onto(disk, None)
        return disk, base.edited(data, folder).raw

    def _onto(self, disk: bytes, choose: Choose | None):
        """(the article the edits go onto, the data to write, the disk's data if merged)."""
        if disk == self.article.raw:
            return self.article, self.data, None
        try:
            base = Article.from_bytes(disk, self.path)
        except ArticleProblem as p:
            raise SaveConflict("not saved: the file changed on disk and can no longer be read "
                               f"({p.message})", self.path, p.line) from None
        from newsdesk.core.document.merge import merge3  # only when the disk changed under the edit

        data, conflicts = merge3(self.article.data, self.data, base.data, choose)
        if conflicts and choose is None:
            n = len(conflicts)
            raise MergeConflict(f"not saved: the file changed on disk, and {n} of your change"
                                f"{'s' if n != 1 else ''} conflict{'s' if n == 1 else ''} with it: "
                                + ", ".join(c.label() for c in conflicts), self.path, conflicts=conflicts)
        problems = schema.problems_of(data)
        if problems and not schema.problems_of(base.data) and not schema.problems_of(self.data):
            raise SaveConflict(f"not saved: merging with the file on disk gives {problems[0]}", self.path)
        return base, data, base.data
