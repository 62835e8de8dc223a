"""``Record``: a small value that is compared, hashed and shown by its fields, and never
changed once made: what ``@dataclass(frozen=True)`` gives, for the classes one
``newsdesk patch`` uses (the edits, an article's source, a file's identity).

Not a dataclass because importing dataclasses imports inspect, ast and dis (~5 ms) and
each dataclass compiles its methods when its module is imported (~0.3 ms each): a third
of a patch process's own time. A record's fields are its ``__slots__``, in order.
"""
from __future__ import annotations


class Record:
    __slots__ = ()

    def __init__(self, *args: object, **kwargs: object):
        names = self.__slots__
        if len(args) > len(names):
            raise TypeError(f"{type(self).__name__}() takes {len(names)} values, not {len(args)}")
        given = dict(zip(names, args, strict=False))  # (fewer values: named ones follow)
        for name, value in kwargs.items():
            if name not in names or name in given:
                raise TypeError(f"{type(self).__name__}() got an unexpected or repeated {name!r}")
            given[name] = value
        missing = [name for name in names if name not in given]
        if missing:
            raise TypeError(f"{type(self).__name__}() lacks {', '.join(missing)}")
        for name in names:
            object.__setattr__(self, name, given[name])

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self.__slots__)

    def replace(self, **changes: object) -> Record:
        """A copy with the fields named changed (``dataclasses.replace``)."""
        values = {name: getattr(self, name) for name in self.__slots__}
        return type(self)(**{**values, **changes})  # (a name it does not have is refused)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a {type(self).__name__} is not changed once made ({name})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a {type(self).__name__} is not changed once made ({name})")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self):  # pickled by its values (the window's worker processes, copies)
        return type(self), self._values()
