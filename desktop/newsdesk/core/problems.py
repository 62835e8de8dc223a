"""The one kind of error the core reports about a file: a human-readable problem."""
from __future__ import annotations

import os

from newsdesk.core.printable import printable, printable_lines


class ArticleProblem(Exception):
    """A file that cannot be read or a value that cannot be written.

    ``str()`` is one line naming the file and, where known, the 1-based line.
    """

    def __init__(self, message: str, path: object = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __reduce__(self):  # keep path and line when sent between processes
        return type(self), (self.message, self.path, self.line)

    def with_path(self, path: object) -> ArticleProblem:
        return type(self)(self.message, path, self.line)

    def __str__(self) -> str:
        """The file's name escaped as every name shown is (core/printable.py: a newline, a
        terminal escape or U+202E in it cannot fake or hide the line), and the message."""
        where = printable(self.path) if self.path is not None else "<article>"
        if self.line is not None:
            where += f":{self.line}"
        return f"{where}: {printable_lines(self.message)}"

    def summary(self) -> str:
        """One line for a list of problems (the window's Problems panel): the file's own name
        (no folder), the line, and the message, escaped so that nothing in the name or the
        message breaks the line, hides the reason or reverses it (U+202E)."""
        name = printable(os.path.basename(os.fspath(self.path))) if self.path is not None else "?"
        where = f"{name}:{self.line}" if self.line else name
        return f"{where} \u2014 {printable_lines(self.message).replace(chr(10), ' ')}"


class PartialEdit(ArticleProblem):
    """An edit of many articles reached only some: the others' ``problems``, each naming
    its file. (A bulk publish that met one unreadable file published none.)"""

    def __init__(self, message: str, path: object = None, line: int | None = None, problems=()):
        super().__init__(message, path, line)
        self.problems = list(problems)

    def __reduce__(self):
        return type(self), (self.message, self.path, self.line, self.problems)

    @classmethod
    def of(cls, problems: list, total: int) -> PartialEdit:
        shown = "\n".join(str(p) for p in problems[:10])
        more = f"\n\u2026and {len(problems) - 10} more" if len(problems) > 10 else ""
        done = total - len(problems)
        edited = "" if not done else " (the other one was)" if done == 1 else f" (the other {done} were)"
        counted = "The article" if total == 1 else f"{len(problems)} of {total} articles"
        return cls(f"{counted} could not be edited{edited}:\n{shown}{more}",
                   problems=problems)

    def __str__(self) -> str:
        return self.message


class SaveConflict(ArticleProblem):
    """The file changed on disk since it was read; nothing was written."""


class MergeConflict(SaveConflict):
    """The file changed on disk and both sides changed the same thing; nothing was written.

    ``conflicts`` lists them (core.merge.Conflict); save again with a ``choose``.
    """

    def __init__(self, message: str, path: object = None, line: int | None = None, conflicts=()):
        super().__init__(message, path, line)
        self.conflicts = list(conflicts)

    def __reduce__(self):
        return type(self), (self.message, self.path, self.line, self.conflicts)
