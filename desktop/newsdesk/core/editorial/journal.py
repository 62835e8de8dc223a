"""The journal of unsaved edits: what a crash must not take away.

One file per library folder in the user's data folder (NEWSDESK_DATA_DIR when
set). For each edited article it keeps the bytes the edits were made on and
the edited data, so a restored edit is saved the usual way: merged onto the
file as it is by then. Written atomically; removed when nothing is unsaved.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from newsdesk.core.files import saving
from newsdesk.core.problems import ArticleProblem

FORMAT = 1


def data_dir() -> Path:
    from newsdesk.core.files.paths import data_dir as user_data
    return user_data()


class _DataOnly(pickle.Unpickler):
    """Plain YAML data only: a journal file can never run code."""
    ALLOWED = {("datetime", "datetime"), ("datetime", "date"), ("datetime", "timezone"),
               ("datetime", "timedelta")}

    def find_class(self, module, name):
        if (module, name) in self.ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a journal")


def inside(rel: object) -> bool:
    """A journal key names a file inside the folder: a relative path, forward slashes, no
    '..', no drive, no NUL (a planted '../victim/v.md' was offered back and saved outside)."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
        return False
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).drive or PureWindowsPath(rel).root:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


@dataclass
class Entry:
    base: bytes               # the file's bytes the edits were made on
    data: dict | None         # the edited data; or None, and then:
    changes: dict | None = None  # the edited top-level values (an article edited entry by entry)
    removed: tuple = ()          # and the top-level keys it removed

    def edited(self, base_data: dict) -> dict:
        """The edited data, given the data of ``base``."""
        if self.data is not None:
            return self.data
        out = {k: v for k, v in base_data.items() if k not in self.removed}
        out.update(self.changes or {})
        return out


class Journal:
    """``error`` is why the last write failed (None when it worked); ``on_error(error)`` is
    called when that changes, for the window to say so. ``last_write_s``: how long the
    last write took (the session writes at once when that is short)."""

    def __init__(self, root: Path | str, folder: Path | None = None, instance: str = ""):
        self.root = str(Path(root).resolve())
        name = hashlib.sha1(self.root.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        # a second window on the folder keeps a journal of its own (``instance``): it never
        # overwrites the first window's, and is not offered back for the folder
        name += f"-{instance}" if instance else ""
        self.path = Path(folder or data_dir() / "journal") / f"{name}.journal"
        self.error: str | None = None
        self.on_error: Callable[[str | None], None] | None = None
        self.last_write_s = 0.0

    def write(self, entries: dict[str, Entry]) -> bool:
        """Keep these unsaved edits (all of them: the journal is replaced whole). False if
        they could not be kept: ``error`` says why; the editing goes on."""
        start = time.perf_counter()
        try:
            if not entries:
                self.path.unlink(missing_ok=True)
            else:
                blob = pickle.dumps({"format": FORMAT, "root": self.root, "written": time.time(),
                                     "entries": {rel: (e.base, e.data, e.changes, list(e.removed))
                                                 for rel, e in entries.items()}},
                                    protocol=4)
                self.path.parent.mkdir(parents=True, exist_ok=True)
                saving.atomic_write(self.path, blob)
            error = None
        except ArticleProblem as p:
            error = f"{self.path.parent}: {p.message.removeprefix('not saved: ')}"
        except OSError as e:
            error = f"{e.filename or self.path.parent}: {e.strerror or e}"
        except (pickle.PicklingError, TypeError, ValueError) as e:  # a value pickle cannot take
            error = f"an edit could not be kept ({e})"
        self.last_write_s = time.perf_counter() - start
        if error != self.error:
            self.error = error
            if self.on_error is not None:
                self.on_error(error)
        return error is None

    def read(self) -> tuple[dict[str, Entry], float]:
        """The journaled edits and when they were written ({} if none or unreadable)."""
        try:
            blob = self.path.read_bytes()
            obj = _DataOnly(io.BytesIO(blob)).load()
            if obj.get("format") != FORMAT or obj.get("root") != self.root:
                return {}, 0.0
            entries = {rel: Entry(*fields[:3], tuple(fields[3]) if len(fields) > 3 else ())
                       for rel, fields in obj["entries"].items()
                       if inside(rel) and isinstance(fields, (tuple, list)) and len(fields) >= 2
                       and isinstance(fields[0], bytes) and isinstance(fields[1], (dict, type(None)))
                       and (len(fields) < 3 or isinstance(fields[2], (dict, type(None))))}
            return entries, obj["written"]
        except FileNotFoundError:
            return {}, 0.0
        except Exception:  # a damaged journal is of no use; say nothing
            return {}, 0.0

    def clear(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
