"""The edits an article can be given: one small class each, applied by ``Draft.apply``.

Every producer — the window's table, detail panel, Edit menu and topic manager,
``newsdesk set`` and ``newsdesk patch`` — builds these and hands them over; the same
edit is given to one article or to ten thousand (calibre's ``set_field``). An edit is
checked against the article it is applied to: one that does not fit (no such item, a
list that is not a list, a value of the wrong kind) raises ArticleProblem naming the
file, and changes nothing.

A path is a tuple of keys and list indexes from the top of the front matter:
``("published",)``, ``("related", 2, "title")``. A list emptied by a removal loses its
key (``topics:`` with no items is never written).

Removing a topic means removing every occurrence of it (``RemoveAll``), wherever the
removal comes from: a chip, the Edit menu, the topic manager or ``topics-=``.
"""
from __future__ import annotations

from newsdesk.core.document import values
from newsdesk.core.document.article import MISSING
from newsdesk.core.document.schema import bounds
from newsdesk.core.problems import ArticleProblem
from newsdesk.core.record import Record

TYPE_CHECKING = False  # (typing costs ~2 ms to import, for annotations only)
if TYPE_CHECKING:
    from newsdesk.core.document.draft import Draft

Path = tuple  # of str keys and int list indexes


def _name(path: Path) -> str:
    return ".".join(map(str, path))


def _is_index(n: object) -> bool:
    return isinstance(n, int) and not isinstance(n, bool)


class Edit(Record):
    """One edit of one article, a value compared and hashed by its fields (its
    ``__slots__``; ``path`` first where it has one). ``apply_to`` reads the draft's values
    and replaces the top-level values it changes through ``Draft.replace`` (validated
    there); it raises ArticleProblem before replacing anything when the edit does not fit."""

    __slots__ = ()
    path: Path

    def keys(self) -> tuple[str, ...]:
        """The top-level keys this edit may change."""
        return (self.path[0],) if self.path else ()

    def apply_to(self, draft: Draft) -> None:
        raise NotImplementedError

    def _problem(self, draft: Draft, message: str) -> ArticleProblem:
        return ArticleProblem(message, draft.path)

    def _checked_path(self, draft: Draft) -> Path:
        path = self.path
        if not isinstance(path, tuple) or not path or not isinstance(path[0], str) \
                or not all(isinstance(p, str) or _is_index(p) for p in path):
            raise self._problem(draft, f"{path!r} is not a path of keys and item numbers")
        return path

    def _list(self, draft: Draft) -> list:
        """The list at ``path`` as a new list (empty when absent)."""
        path = self._checked_path(draft)
        current = draft.get(path, MISSING)
        if current is MISSING:
            if len(path) > 1 and not draft.has(path[:-1]):
                raise self._problem(draft, f"there is no {_name(path[:-1])} to change")
            return []
        if not isinstance(current, list):
            raise self._problem(draft, f"{_name(path)} is not a list")
        return list(current)

    def _put_list(self, draft: Draft, items: list) -> None:
        """The list at ``path`` replaced; an empty one takes its key away."""
        if items:
            _set(draft, self.path, items, copied=True)
        else:
            Delete(self.path).apply_to(draft)

    def _place(self, draft: Draft, n: object, size: int, what: str = "item") -> int:
        if not _is_index(n) or not 0 <= n < size:
            raise self._problem(draft, f"there is no {what} {n!r} in {_name(self.path)}")
        return n


def _set(draft: Draft, path: Path, value: object, copied: bool = False) -> None:
    value = value if copied else values.copied(value)
    if len(path) == 1:
        draft.replace(path[0], value)
        return
    if not draft.has(path[:-1]):
        raise ArticleProblem(f"there is no {_name(path[:-1])} to change", draft.path)
    top = draft.top(path[0])
    parent = values.get(top, path[1:-1])
    last = path[-1]
    if isinstance(parent, list):
        if not _is_index(last) or not 0 <= last < len(parent):
            raise ArticleProblem(f"there is no item {last!r} in {_name(path[:-1])}", draft.path)
    elif not isinstance(parent, dict) or not isinstance(last, str):
        raise ArticleProblem(f"{_name(path[:-1])} has no {last!r} to set", draft.path)
    draft.replace(path[0], values.with_value(top, path[1:], value))


class Set(Edit):
    """Give the value at ``path`` (a new key, or a new key of a mapping, is added)."""
    __slots__ = ("path", "value")

    def apply_to(self, draft: Draft) -> None:
        _set(draft, self._checked_path(draft), self.value)


class Delete(Edit):
    """Take away the key or list item at ``path`` (nothing happens if it is not there)."""
    __slots__ = ("path",)

    def apply_to(self, draft: Draft) -> None:
        path = self._checked_path(draft)
        if not draft.has(path):
            return
        draft.replace(path[0], MISSING if len(path) == 1 else values.without(draft.top(path[0]), path[1:]))


class Insert(Edit):
    """Put ``value`` into the list at ``path`` before item ``index`` (its length: at the end)."""
    __slots__ = ("path", "index", "value")

    def apply_to(self, draft: Draft) -> None:
        items = self._list(draft)
        if not _is_index(self.index) or not 0 <= self.index <= len(items):
            raise self._problem(draft, f"there is no place {self.index!r} in {_name(self.path)}")
        items.insert(self.index, values.copied(self.value))
        self._put_list(draft, items)


class Remove(Edit):
    """Take item ``index`` out of the list at ``path`` (one item: a related link)."""
    __slots__ = ("path", "index")

    def apply_to(self, draft: Draft) -> None:
        items = self._list(draft)
        items.pop(self._place(draft, self.index, len(items)))
        self._put_list(draft, items)


class Move(Edit):
    """Move item ``source`` of the list at ``path`` to place ``dest``."""
    __slots__ = ("path", "source", "dest")

    def apply_to(self, draft: Draft) -> None:
        items = self._list(draft)
        source = self._place(draft, self.source, len(items))
        dest = self._place(draft, self.dest, len(items), "place")
        items.insert(dest, items.pop(source))
        self._put_list(draft, items)


class AddUnique(Edit):
    """Add ``value`` at the end of the list at ``path``, unless an equal item is there."""
    __slots__ = ("path", "value")

    def apply_to(self, draft: Draft) -> None:
        items = self._list(draft)
        if not any(values.same(item, self.value) for item in items):
            self._put_list(draft, items + [values.copied(self.value)])


class RemoveAll(Edit):
    """Take every item equal to ``value`` out of the list at ``path`` (none there: nothing)."""
    __slots__ = ("path", "value")

    def apply_to(self, draft: Draft) -> None:
        items = self._list(draft)
        kept = [item for item in items if not values.same(item, self.value)]
        if len(kept) != len(items):
            self._put_list(draft, kept)


class RenameItems(Edit):
    """Rename, merge (several names to one) or drop (to None) text items of the list at
    ``path``: the order is kept and no item is listed twice afterwards (the topic manager)."""
    __slots__ = ("path", "mapping")

    def apply_to(self, draft: Draft) -> None:
        items = self._list(draft)
        new: list = []
        for item in items:
            item = self.mapping.get(item, item) if isinstance(item, str) else item
            if item is not None and not any(values.same(item, other) for other in new):
                new.append(item)
        if not values.same(new, items):
            self._put_list(draft, new)


class Increment(Edit):
    """Add ``by`` to the whole number at ``path`` (a missing or non-number value counts as 0),
    kept within its field's range (core/fields.py: quality 0 to 999): a step past the end
    stops at it, as a spin box's does."""
    __slots__ = ("path", "by")

    def apply_to(self, draft: Draft) -> None:
        path = self._checked_path(draft)
        current = draft.get(path)
        value = (current if _is_index(current) else 0) + self.by
        limits = bounds(path[-1]) if isinstance(path[-1], str) else None
        if limits is not None:
            value = min(max(value, limits[0]), limits[1])
        _set(draft, path, value)


class Patch(Edit):
    """A YAML merge patch of the top level (RFC 7386: mappings merge, null deletes,
    anything else replaces), checked whole before any of it is made."""
    __slots__ = ("patch",)

    def keys(self) -> tuple[str, ...]:
        return tuple(self.patch) if isinstance(self.patch, dict) else ()

    def apply_to(self, draft: Draft) -> None:
        if not isinstance(self.patch, dict):
            raise self._problem(draft, "a patch must be a mapping of keys to values")
        new = {}
        for key, value in self.patch.items():
            current = draft.top(key)
            new[key] = MISSING if value is None else values.merge_patch(None if current is MISSING else current, value)
        draft.replace_many({k: v for k, v in new.items() if v is not MISSING or draft.top(k) is not MISSING})
