"""Atomic, conflict-checked writes: a file is always either old or new."""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from newsdesk.core.problems import ArticleProblem, SaveConflict

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}


def _reason(e: OSError) -> str:
    return _PLAIN.get(e.errno) or e.strerror or str(e)


def _write_reason(e: OSError, folder: Path) -> str:
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"the folder {folder} cannot be written to (permission denied)"
    return _reason(e)


def read_bytes(path: Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise ArticleProblem("is a folder, not a file", path) from None
    except FileNotFoundError:
        raise ArticleProblem("the file no longer exists", path) from None
    except OSError as e:
        raise ArticleProblem(f"cannot read: {_reason(e)}", path) from None


def atomic_write(path: Path, data: bytes, expected: bytes | None = None) -> None:
    """Write ``data`` to ``path`` atomically.

    With ``expected`` (the bytes the file had when it was read), refuse with
    SaveConflict if the file on disk is no longer exactly that.
    """
    path = Path(path)
    if expected is not None:
        try:
            current = path.read_bytes()
        except FileNotFoundError:
            raise SaveConflict("not saved: the file was deleted or renamed on disk", path) from None
        except IsADirectoryError:
            raise SaveConflict("not saved: the file was replaced by a folder", path) from None
        except OSError as e:
            raise ArticleProblem(f"not saved: cannot read the file back: {_reason(e)}", path) from None
        if current != expected:
            raise SaveConflict("not saved: the file changed on disk since it was opened", path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    if mode is not None and not os.access(path, os.W_OK):
        raise ArticleProblem("not saved: the file is read-only", path)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".newsdesk-tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
        tmp = None
        _sync_folder(path.parent)
    except OSError as e:
        raise ArticleProblem(f"not saved: {_write_reason(e, path.parent)}", path) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _sync_folder(folder: Path) -> None:
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
