"""An article being edited: its saved state and the data the editor made of it."""
from __future__ import annotations

from newsdesk.core import guard, schema, values
from newsdesk.core.article import Article, FolderStyle
from newsdesk.core.merge import Choose, merge3
from newsdesk.core.problems import ArticleProblem, MergeConflict, SaveConflict
from newsdesk.core.values import Path


class Draft:
    """Edits are validated when made; ``save`` writes only what differs."""

    def __init__(self, article: Article):
        self.article = article
        self.data: dict = article.data
        self._compared: tuple[dict, dict, bool] | None = None

    @property
    def path(self):
        return self.article.path

    @property
    def dirty(self) -> bool:
        """Data differs from the file's. Data is never changed in place (edits make new
        dicts), so the answer is kept for as long as both objects are the same ones."""
        data, saved = self.data, self.article.data
        if data is saved:
            return False
        if self._compared is None or self._compared[0] is not data or self._compared[1] is not saved:
            self._compared = (data, saved, not values.same(data, saved))
        return self._compared[2]

    def get(self, path: Path, default: object = None) -> object:
        return values.get(self.data, path) if values.has(self.data, path) else default

    # ---- edits (each validated; a refused edit changes nothing) -------------
    def _replace(self, data: dict, key: object) -> None:
        if key in data:
            problems = schema.field_problems(key, data[key]) if isinstance(key, str) else []
            if problems:
                raise ArticleProblem(problems[0], self.path)
        self.data = data

    def set(self, path: Path, value: object) -> None:
        path = tuple(path)
        if len(path) > 1 and not values.has(self.data, path[:-1]):
            raise ArticleProblem(f"there is no {'.'.join(map(str, path[:-1]))} to change", self.path)
        parent = values.get(self.data, path[:-1])
        if isinstance(parent, list) and not 0 <= path[-1] < len(parent):
            raise ArticleProblem(f"there is no item {path[-1]} in {path[-2]}", self.path)
        self._replace(values.with_value(self.data, path, value), path[0])

    def delete(self, path: Path) -> None:
        path = tuple(path)
        if not values.has(self.data, path):
            return
        self._replace(values.without(self.data, path), path[0])

    def _list(self, path: Path) -> list:
        current = self.get(tuple(path), [])
        if not isinstance(current, list):
            raise ArticleProblem(f"{path[-1]} is not a list", self.path)
        return list(current)

    def insert(self, path: Path, index: int, value: object) -> None:
        items = self._list(path)
        items.insert(index, value)
        self.set(tuple(path), items)

    def remove(self, path: Path, index: int) -> object:
        items = self._list(path)
        removed = items.pop(index)
        if items:
            self.set(tuple(path), items)
        else:
            self.delete(tuple(path))
        return removed

    def move(self, path: Path, source: int, dest: int) -> None:
        items = self._list(path)
        items.insert(dest, items.pop(source))
        self.set(tuple(path), items)

    def apply_patch(self, patch: dict) -> None:
        if not isinstance(patch, dict):
            raise ArticleProblem("a patch must be a mapping of keys to values")
        data = values.merge_patch(self.data, patch)
        problems = schema.problems_of({k: data[k] for k in patch if k in data})
        if problems:
            raise ArticleProblem(problems[0], self.path)
        self.data = data

    def revert(self) -> None:
        self.data = self.article.data

    # ---- output --------------------------------------------------------------
    def render(self, folder: FolderStyle = None) -> bytes:
        return self.article.render(self.data, folder)

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
                try:
                    base, data, merged_onto = self._onto(disk, choose)
                except MergeConflict:
                    if displaced is not None:  # what we wrote goes; theirs comes back, as if we never wrote
                        held.replace(displaced)
                    raise
                theirs = merged_onto if merged_onto is not None else theirs
                new = base.edited(data, folder)
                if new.raw == disk and displaced is None:
                    self.article, self.data = new, new.data
                    return theirs
                try:
                    held.replace(new.raw)
                except guard.Changed:
                    displaced = None
                    continue  # written meanwhile by a program that takes no lock: again
                except guard.Displaced as d:
                    self.article, self.data = base, data  # merge theirs onto what we had merged
                    displaced = d.raw
                    continue
                self.article, self.data = new, new.data
                return theirs
        raise SaveConflict("not saved: the file kept changing on disk while saving; try again", self.path)

    def _onto(self, disk: bytes, choose: Choose | None):
        """(the article the edits go onto, the data to write, the disk's data if merged)."""
        if disk == self.article.raw:
            return self.article, self.data, None
        try:
            base = Article.from_bytes(disk, self.path)
        except ArticleProblem as p:
            raise SaveConflict("not saved: the file changed on disk and can no longer be read "
                               f"({p.message})", self.path, p.line) from None
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
