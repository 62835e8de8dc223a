"""What both writers (saving.py and guard.py) say of the disk: an OSError in words, and
the folder's fsync that makes a rename durable; and what they write with: the
temporary file beside the article, the folder a path is in.

The writers take str paths as well as Paths and import neither pathlib nor tempfile:
with urllib.parse, shutil and random they were ~5.5 ms of a ``newsdesk patch`` process
of ~60 (see tests/test_cli_start.py)."""
from __future__ import annotations

import errno
import os

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
}


def reason(e: OSError) -> str:
    return _PLAIN.get(e.errno) or e.strerror or str(e)


def write_reason(e: OSError, folder: Path | str) -> str:
    if e.errno in (errno.EACCES, errno.EPERM):
        return f"the folder {folder} cannot be written to (permission denied)"
    return reason(e)


def folder_of(path: Path | str) -> str:
    """The folder a file is in, as ``Path(path).parent`` gives it ("." for a bare name)."""
    return os.path.dirname(os.fspath(path)) or "."


MAX_ARTICLE_BYTES = 128 * 1024 * 1024  # read whole, never more: real articles are kilobytes; 50 MB ones work


def too_large(size: int) -> str | None:
    """The problem with a file of ``size`` bytes, if it is more than an article can be."""
    if size <= MAX_ARTICLE_BYTES:
        return None
    shown = f"{size / 2**30:.1f} GB" if size >= 2**30 else f"{size / 2**20:.0f} MB"
    return f"is too large to be an article ({shown}; Newsdesk reads articles up to " \
           f"{MAX_ARTICLE_BYTES // 2**20} MB): not read"


def read_capped(f, size: int) -> bytes:
    """All of an open binary file whose stat said ``size`` bytes, or OverflowError past
    MAX_ARTICLE_BYTES (a file that grew since its stat is not read whole either). Asks
    for the size it expects (+1, to see the end): asking for the cap itself made every
    read allocate 128 MB first (~12% of a bulk save's time)."""
    data = f.read(min(size, MAX_ARTICLE_BYTES) + 1)
    if len(data) > size:  # it grew since its stat: the rest, up to the cap
        data += f.read(MAX_ARTICLE_BYTES + 1 - len(data))
        if len(data) > MAX_ARTICLE_BYTES:
            raise OverflowError(too_large(len(data)))
    return data


NAME_HEAD_BYTES = 64  # of the article's name in its temporary file's: 64 + 27 bytes is far below 255


def _short(name: str, limit: int) -> str:
    """``name`` cut to at most ``limit`` bytes on disk, never inside a character."""
    if len(os.fsencode(name)) <= limit:
        return name
    while len(os.fsencode(name)) > limit:
        name = name[:-1]
    return name


def temp_beside(path: Path | str, suffix: str = ".newsdesk-tmp") -> tuple[int, str]:
    """(descriptor, name) of a new file ``.NAME.RANDOM.newsdesk-tmp`` beside ``path``, which
    no other process has opened: what ``tempfile.mkstemp`` gives (created with O_EXCL,
    mode 0600, not through a link). NAME is the article's name cut to NAME_HEAD_BYTES, so
    that a legal name of up to 255 bytes still has a legal temporary name beside it."""
    folder, name = os.path.split(os.fspath(path))
    name = _short(name, NAME_HEAD_BYTES)
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):  # a name taken by now is tried again with other random letters
        tmp = os.path.join(folder, f".{name}.{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", folder)


def sync_folder(folder: Path | str) -> None:
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
