"""Atomic, conflict-checked writes: a file is always either old or new."""
from __future__ import annotations

import os
import stat

from newsdesk.core.files.disk import folder_of, read_capped, reason, sync_folder, temp_beside, too_large, write_reason
from newsdesk.core.problems import ArticleProblem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path  # (paths may be str: see disk.folder_of)

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None: a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"is {kind}, not an article file: not read"


def _is_folder(path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _folder_problem(path) -> str:
    """What a folder where an article was looked for is: one named like an article, or
    one the walk could not list (iter_article_files yields those, to be said)."""
    try:
        with os.scandir(path):
            return "is a folder, not a file"
    except OSError as e:
        return f"is a folder that cannot be listed ({reason(e)}): the articles in it are not read"


def read_bytes(path: Path | str) -> bytes:
    """A regular file's bytes (a symlink is followed). A FIFO, device or socket is refused
    without waiting: opened non-blocking, looked at, closed (reading a FIFO hung the load);
    so is a file larger than any article (a 3 GB sparse file took 3.2 GB of memory)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise ArticleProblem(_folder_problem(path), path) from None
    except FileNotFoundError:
        gone = "is a link to a file that does not exist" if os.path.islink(path) else "the file no longer exists"
        raise ArticleProblem(gone, path) from None
    except OSError as e:
        if _is_folder(path):
            raise ArticleProblem(_folder_problem(path), path) from None
        raise ArticleProblem(f"cannot read: {reason(e)}", path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ArticleProblem(_folder_problem(path), path)
        kind = _kind(st.st_mode) or too_large(st.st_size)
        if kind is not None:
            raise ArticleProblem(kind, path)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return read_capped(f, st.st_size)
    except OverflowError as e:
        raise ArticleProblem(str(e), path) from None
    except OSError as e:
        raise ArticleProblem(f"cannot read: {reason(e)}", path) from None
    finally:
        os.close(fd)


def atomic_write(path: Path | str, data: bytes, expected: bytes | None = None) -> None:
    """Write ``data`` to ``path`` atomically.

    With ``expected`` (the bytes the file had when it was read), refuse with
    SaveConflict if the file on disk is no longer exactly that.
    """
    if expected is not None:  # under the lock Newsdesk processes share, checked up to the replace
        from newsdesk.core.files import guard
        return guard.write(path, data, expected)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    if mode is not None and not os.access(path, os.W_OK):
        raise ArticleProblem("not saved: the file is read-only", path)
    tmp = None
    try:
        fd, tmp = temp_beside(path)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
        sync_folder(folder_of(path))
    except OSError as e:
        raise ArticleProblem(f"not saved: {write_reason(e, folder_of(path))}", path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
