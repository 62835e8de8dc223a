"""One read-merge-write of an article file that others may write at the same time.

Three things keep every write: an advisory lock that Newsdesk processes share (another
window or ``newsdesk set`` waits for it; fcntl.flock on the file itself on POSIX,
msvcrt on a lock file on Windows), the file's identity (device, inode, size, mtime,
ctime) checked again just before the replace (a program that takes no lock wrote
meanwhile: read and merge again), and a look afterwards at the file that was replaced
(written in place, or swapped for another, in the microseconds between that check and
the replace: it is read back and merged again). Linux swaps the new file in with
renameat2(RENAME_EXCHANGE), so even a file renamed into place in that gap is found.

A symlinked article is written through its link (the link stays a link; the file it
points to is replaced). Hard links are split: the saved file is a new file, the other
names keep the old text (writing in place would not be atomic). The owner and group
are kept where the system lets the saving user (root, or a group the user is in).
"""
from __future__ import annotations

import errno
import os
import stat
import sys
import time

from newsdesk.core.files.disk import folder_of, read_capped, reason, sync_folder, temp_beside, write_reason
from newsdesk.core.problems import ArticleProblem, SaveConflict
from newsdesk.core.record import Record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

LOCK_WAIT_S = 30.0   # another Newsdesk saving the same file: wait this long at most
ATTEMPTS = 20        # reads and merges again when others keep writing
TEMP_SUFFIX = ".newsdesk-tmp"
_POSIX = os.name == "posix"
_OPEN = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)

if _POSIX:
    import fcntl
else:  # pragma: no cover - Windows
    import msvcrt


class Identity(Record):
    __slots__ = ("dev", "ino", "size", "mtime_ns", "ctime_ns")  # of os.stat_result

    @classmethod
    def of(cls, st: os.stat_result) -> Identity:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def same_file(self, other: Identity) -> bool:
        return (self.dev, self.ino) == (other.dev, other.ino)

    def same_content(self, other: Identity) -> bool:
        """Unchanged as far as a stat tells (ctime is left out: the replace itself changes
        the replaced file's ctime, as its link count drops)."""
        return self.same_file(other) and (self.size, self.mtime_ns) == (other.size, other.mtime_ns)


class Changed(Exception):
    """The file changed between the read and the replace; nothing was written."""


class Displaced(Exception):
    """Our bytes are on disk, but a version written meanwhile was displaced: ``raw``."""

    def __init__(self, raw: bytes):
        super().__init__("displaced")
        self.raw = raw


def _renameat2():
    """Linux's renameat2 as a function (a, b) -> 0 or the errno, or None (other systems, or
    neither the compiled module nor a libc that has it). The compiled scanner's module has
    it (_scan_patch.c), at no cost; ctypes (~3.5 ms to import and look up: a tenth of a
    ``newsdesk patch`` process) is kept for a build without it and NEWSDESK_PURE_SCAN=1."""
    if not sys.platform.startswith("linux"):
        return None
    from newsdesk.core.indexing import compiled
    _scan = compiled.module()
    if getattr(_scan, "exchange", None) is not None:  # (a build older than it has none)
        return _scan.exchange
    try:
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int

    def exchange(a: bytes, b: bytes) -> int:
        return 0 if fn(_AT_FDCWD, a, _AT_FDCWD, b, _RENAME_EXCHANGE) == 0 else ctypes.get_errno()
    return exchange


_RENAMEAT2: object = ...  # looked up on the first save
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _exchange(a: str, b: str) -> bool:
    """Swap two names atomically; False where the system or file system cannot."""
    global _RENAMEAT2
    if _RENAMEAT2 is ...:
        _RENAMEAT2 = _renameat2()
    if _RENAMEAT2 is None:
        return False
    err = _RENAMEAT2(os.fsencode(a), os.fsencode(b))
    if err == 0:
        return True
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP if hasattr(errno, "EOPNOTSUPP") else errno.EINVAL):
        if err == errno.ENOSYS:
            _RENAMEAT2 = None
        return False
    raise OSError(err, os.strerror(err), b)


def _flock(fd: int, deadline: float, path: Path) -> None:
    pause = 0.001
    while True:
        try:
            if _POSIX:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            else:  # pragma: no cover - Windows
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
                if e.errno in (errno.ENOLCK, errno.EOPNOTSUPP if hasattr(errno, "EOPNOTSUPP") else errno.ENOLCK):
                    return  # a file system without locks: the identity checks still hold
                raise
        if time.monotonic() > deadline:
            raise ArticleProblem("not saved: another Newsdesk window or command has been saving this "
                                 f"file for {LOCK_WAIT_S:.0f} s; try again", path)
        time.sleep(pause)
        pause = min(pause * 2, 0.02)


def _lock_file(target: Path) -> Path:  # pragma: no cover - Windows
    """Windows cannot replace a file held open, so the lock is on a file of its own."""
    import hashlib
    import tempfile
    from pathlib import Path
    name = hashlib.sha1(os.path.normcase(str(target)).encode("utf-8", "surrogateescape")).hexdigest()
    folder = Path(tempfile.gettempdir()) / "newsdesk-locks"
    folder.mkdir(exist_ok=True)
    return folder / f"{name}.lock"


class Guarded:
    """``with Guarded(path) as g: raw = g.read(); ...; g.replace(new)`` — the lock held
    from the read to the last replace."""

    def __init__(self, path: Path | str):
        self.path = path  # as given, in messages (a str or a Path: see disk.folder_of)
        self.target = os.path.realpath(path)  # a symlink is written through
        self.fd: int | None = None       # POSIX: the file read, open and locked
        self._lock_fd: int | None = None  # Windows: the lock file
        self.seen: Identity | None = None

    # ---- the lock --------------------------------------------------------------------
    def __enter__(self) -> Guarded:
        deadline = time.monotonic() + LOCK_WAIT_S
        if not _POSIX:  # pragma: no cover - Windows
            self._lock_fd = os.open(_lock_file(self.target), os.O_RDWR | os.O_CREAT | os.O_BINARY)
            _flock(self._lock_fd, deadline, self.path)
            return self
        self._lock_current(deadline)
        return self

    def _lock_current(self, deadline: float) -> None:
        """Lock the file that has the name (POSIX): a holder that replaced it meanwhile
        leaves us its old file, so the name is looked at again once locked."""
        for _ in range(1000):
            fd = self._open()
            try:
                _flock(fd, deadline, self.path)
                if Identity.of(os.fstat(fd)).same_file(self._stat()):
                    self.fd = fd
                    return
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)  # replaced while we waited: lock the file that has the name now
        raise ArticleProblem("not saved: the file keeps being replaced; try again", self.path)

    def __exit__(self, *exc) -> None:
        for fd in (self.fd, self._lock_fd):
            if fd is not None:
                os.close(fd)  # closing releases the lock
        self.fd = self._lock_fd = None

    def _gone(self) -> SaveConflict:
        if os.path.islink(self.path):
            return SaveConflict("not saved: the file the link points to no longer exists", self.path)
        return SaveConflict("not saved: the file no longer exists", self.path)

    def _open(self) -> int:
        try:
            return os.open(self.target, _OPEN)
        except FileNotFoundError:
            raise self._gone() from None
        except IsADirectoryError:
            raise SaveConflict("not saved: the file was replaced by a folder", self.path) from None
        except OSError as e:
            raise ArticleProblem(f"not saved: cannot read the file back: {reason(e)}", self.path) from None

    def _stat(self) -> Identity:
        try:
            return Identity.of(os.stat(self.target))
        except FileNotFoundError:
            raise self._gone() from None
        except OSError as e:
            raise ArticleProblem(f"not saved: {reason(e)}", self.path) from None

    # ---- read, replace -----------------------------------------------------------------
    def read(self) -> bytes:
        """The file's bytes now, and its identity remembered for the replace."""
        if self.fd is not None and not Identity.of(os.fstat(self.fd)).same_file(self._stat()):
            os.close(self.fd)  # replaced by a program that takes no lock: lock the new one
            self.fd = None
            self._lock_current(time.monotonic() + LOCK_WAIT_S)
        fd = self.fd if self.fd is not None else self._open()
        try:
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                raise SaveConflict("not saved: the file was replaced by a folder", self.path)
            if not stat.S_ISREG(st.st_mode):
                raise SaveConflict("not saved: the file was replaced by something that is not a file", self.path)
            os.lseek(fd, 0, os.SEEK_SET)
            with open(fd, "rb", closefd=False) as f:
                raw = read_capped(f, st.st_size)
            self.seen = Identity.of(st)
        except OverflowError as e:
            raise SaveConflict(f"not saved: the file on disk {e}", self.path) from None
        except OSError as e:
            raise ArticleProblem(f"not saved: cannot read the file back: {reason(e)}", self.path) from None
        finally:
            if fd is not self.fd:
                os.close(fd)
        return raw

    def replace(self, data: bytes) -> None:
        """Put ``data`` in the file's place. Changed: it changed since ``read`` (nothing
        written); Displaced: ``data`` is in place but a version written meanwhile was
        replaced by it (merge it and replace again)."""
        seen = self.seen
        mode = stat.S_IMODE(os.stat(self.target).st_mode) if seen is not None else None
        if seen is not None and not os.access(self.target, os.W_OK):
            raise ArticleProblem("not saved: the file is read-only", self.path)
        tmp, tmp_fd = None, None
        try:
            tmp_fd, tmp = temp_beside(self.target, TEMP_SUFFIX)
            if _POSIX:
                fcntl.flock(tmp_fd, fcntl.LOCK_EX)  # locked before it takes the name; fresh: never waits
            _write_all(tmp_fd, data)
            os.fsync(tmp_fd)
            if mode is not None:
                os.chmod(tmp, mode)
                _keep_owner(tmp_fd, self.target)
            if seen is not None and self._stat() != seen:
                raise Changed()
            if _POSIX:
                exchanged = _exchange(tmp, self.target)
                if not exchanged:
                    os.replace(tmp, self.target)
            else:  # pragma: no cover - Windows: no file may be open for the replace
                os.close(tmp_fd)
                tmp_fd = None
                os.replace(tmp, self.target)
                exchanged = False
            displaced = self._displaced(tmp if exchanged else None)
            sync_folder(folder_of(self.target))
            if displaced is None:  # a writer that opened the old file before the replace
                displaced = self._displaced(None)  # may write into it a moment after: look again
            if exchanged:
                os.unlink(tmp)
            tmp = None
        except (Changed, ArticleProblem):
            raise
        except OSError as e:
            raise ArticleProblem(f"not saved: {write_reason(e, folder_of(self.target))}", self.path) from None
        finally:
            if tmp is not None:  # failed or refused: the temporary file goes
                if tmp_fd is not None:
                    os.close(tmp_fd)
                    tmp_fd = None
                try:
                    os.unlink(tmp)
                except OSError:
                    pass
        if _POSIX:  # from now on the new file is the one locked
            if self.fd is not None:
                os.close(self.fd)
            self.fd, tmp_fd = tmp_fd, None
            self.seen = Identity.of(os.fstat(self.fd))
        elif tmp_fd is not None:  # pragma: no cover
            os.close(tmp_fd)
        if displaced is not None:
            raise Displaced(displaced)

    def _displaced(self, old_name: str | None) -> bytes | None:
        """The bytes of a version written meanwhile that the replace took the place of."""
        if not _POSIX or self.seen is None:
            return None
        if old_name is not None:  # exchanged: what had the name is now at old_name
            st = Identity.of(os.lstat(old_name))
            if not st.same_file(self.seen):
                with open(old_name, "rb") as f:
                    return f.read()
        if self.fd is not None and not Identity.of(os.fstat(self.fd)).same_content(self.seen):
            os.lseek(self.fd, 0, os.SEEK_SET)
            with open(self.fd, "rb", closefd=False) as f:
                return f.read()  # written in place after the check
        return None


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _keep_owner(fd: int, target: str) -> None:
    """The replaced file's owner and group, where the system allows it (root can; a user
    can give the file a group they belong to); otherwise the saving user's."""
    if not _POSIX:  # pragma: no cover
        return
    try:
        st = os.stat(target)
        mine = os.fstat(fd)
    except OSError:
        return
    if (st.st_uid, st.st_gid) == (mine.st_uid, mine.st_gid):
        return
    for uid, gid in ((st.st_uid, st.st_gid), (-1, st.st_gid)):
        try:
            os.fchown(fd, uid, gid)
            return
        except OSError:
            continue


def write(path: Path | str, data: bytes, expected: bytes) -> None:
    """Replace the file's bytes ``expected`` by ``data``, or SaveConflict (nothing written)
    if it holds anything else by then — checked under the lock, and again after."""
    with Guarded(path) as g:
        if g.read() != expected:
            raise SaveConflict("not saved: the file changed on disk since it was opened", path)
        try:
            g.replace(data)
        except Changed:
            raise SaveConflict("not saved: the file changed on disk since it was opened", path) from None
        except Displaced as d:
            g.replace(d.raw)  # theirs back: as if this save had come first and lost
            raise SaveConflict("not saved: the file changed on disk since it was opened", path) from None


def remove_stale_temps(folder: Path | str, older_than_s: float = 60.0, only: set | None = None) -> int:
    """Temporary files a crashed save left in ``folder`` (``.NAME.xxxx.newsdesk-tmp``; of
    these names only, if given): removed when no save holds them (POSIX: unlocked) and
    older than ``older_than_s``. Returns how many."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(TEMP_SUFFIX)):
            continue
        if only is not None and entry.name not in only:
            continue
        try:
            if not entry.is_file(follow_symlinks=False) or now - entry.stat().st_mtime < older_than_s:
                continue
            if _POSIX:
                fd = os.open(entry.path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError:
                    continue  # a save is writing it
                finally:
                    os.close(fd)
            os.unlink(entry.path)
            removed += 1
        except OSError:
            continue
    return removed
