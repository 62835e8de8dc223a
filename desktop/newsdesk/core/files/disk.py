"""What both writers (saving.py and guard.py) say of the disk: an OSError in words, and
the folder's fsync that makes a rename durable."""
from __future__ import annotations

import errno
import os
from pathlib import Path

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}


def reason(e: OSError) -> str:
    return _PLAIN.get(e.errno) or e.strerror or str(e)


def write_reason(e: OSError, folder: Path) -> str:
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"the folder {folder} cannot be written to (permission denied)"
    return reason(e)


def sync_folder(folder: Path) -> None:
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
