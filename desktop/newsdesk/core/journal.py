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
from dataclasses import dataclass
from pathlib import Path

from newsdesk.core import saving
from newsdesk.core.problems import ArticleProblem

FORMAT = 1


def data_dir() -> Path:
    from newsdesk.core.paths import data_dir as user_data
    return user_data()


class _DataOnly(pickle.Unpickler):
    """Plain YAML data only: a journal file can never run code."""
    ALLOWED = {("datetime", "datetime"), ("datetime", "date"), ("datetime", "timezone"),
               ("datetime", "timedelta")}

    def find_class(self, module, name):
        if (module, name) in self.ALLOWED:
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a journal")


@dataclass
class Entry:
    base: bytes   # the file's bytes the edits were made on
    data: dict    # the edited data


class Journal:
    def __init__(self, root: Path | str, folder: Path | None = None):
        self.root = str(Path(root).resolve())
        name = hashlib.sha1(self.root.encode("utf-8", "surrogateescape")).hexdigest()[:16]
        self.path = Path(folder or data_dir() / "journal") / f"{name}.journal"

    def write(self, entries: dict[str, Entry]) -> None:
        """Keep these unsaved edits (all of them: the journal is replaced whole)."""
        if not entries:
            self.clear()
            return
        blob = pickle.dumps({"format": FORMAT, "root": self.root, "written": time.time(),
                             "entries": {rel: (e.base, e.data) for rel, e in entries.items()}},
                            protocol=4)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            saving.atomic_write(self.path, blob)
        except (OSError, ArticleProblem):
            pass  # a journal that cannot be written must not stop the editing

    def read(self) -> tuple[dict[str, Entry], float]:
        """The journaled edits and when they were written ({} if none or unreadable)."""
        try:
            blob = self.path.read_bytes()
            obj = _DataOnly(io.BytesIO(blob)).load()
            if obj.get("format") != FORMAT or obj.get("root") != self.root:
                return {}, 0.0
            return {rel: Entry(base, data) for rel, (base, data) in obj["entries"].items()}, obj["written"]
        except FileNotFoundError:
            return {}, 0.0
        except Exception:  # a damaged journal is of no use; say nothing
            return {}, 0.0

    def clear(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass
