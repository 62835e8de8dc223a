"""Atomic, conflict-checked writes: a file is always either old or new."""
from __future__ import annotations

import errno
import os
import stat

from newsdesk.core.problems import ArticleProblem

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}


def _reason(e: OSError) -> str:
    return _PLAIN.get(e.errno) or e.strerror or str(e)


def _write_reason(e: OSError, folder: Path | str) -> str:
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"the folder {folder} cannot be written to (permission denied)"
    return _reason(e)


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


def read_bytes(path: Path | str) -> bytes:
    """A regular file's bytes (a symlink is followed). A FIFO, device or socket is refused
    without waiting: opened non-blocking, looked at, closed (reading a FIFO hung the load)."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except IsADirectoryError:
        raise ArticleProblem("is a folder, not a file", path) from None
    except FileNotFoundError:
        reason = "is a link to a file that does not exist" if os.path.islink(path) else "the file no longer exists"
        raise ArticleProblem(reason, path) from None
    except OSError as e:
        raise ArticleProblem(f"cannot read: {_reason(e)}", path) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise ArticleProblem(kind, path)
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError as e:
        raise ArticleProblem(f"cannot read: {_reason(e)}", path) from None
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
        _sync_folder(folder_of(path))
    except OSError as e:
        raise ArticleProblem(f"not saved: {_write_reason(e, folder_of(path))}", path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def folder_of(path: Path | str) -> str:
    """The folder a file is in, as ``Path(path).parent`` gives it ("." for a bare name). The
    save path takes str paths as well as Paths: pathlib and its urllib.parse are ~3 ms
    of a ``newsdesk patch`` process."""
    return os.path.dirname(os.fspath(path)) or "."


def temp_beside(path: Path | str, suffix: str = ".newsdesk-tmp") -> tuple[int, str]:
    """(descriptor, name) of a new file ``.NAME.RANDOM.newsdesk-tmp`` beside ``path``, which
    no other process has opened: what ``tempfile.mkstemp`` gives (created with O_EXCL,
    mode 0600, not through a link), without importing tempfile, whose shutil and random
    are ~2.5 ms of a ``newsdesk patch`` process."""
    folder, name = os.path.split(os.fspath(path))
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):  # a name taken by now is tried again with other random letters
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", folder)


def _sync_folder(folder: Path | str) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
