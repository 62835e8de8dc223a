"""Big articles are parsed in a worker process, so selecting one never holds the window.

A 140 KB article with 150 related links takes ~80 ms to parse; on the UI thread that
was a visible freeze on every first selection of one. The library adopts what comes
back (unless the article was parsed meanwhile, for an edit) and ``read`` says so.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal

from newsdesk.core.library.library import Library


class ArticleReader(QObject):
    # rels go as objects: a Signal(str) makes a QString, which drops a name's surrogate escapes
    read = Signal(object)            # an article the library now holds parsed (or found unreadable)
    _arrived = Signal(object, object)  # a finished Future, from the pool's result thread

    def __init__(self, library: Library, parent=None):
        super().__init__(parent)
        self.library = library
        self._pending: dict[str, tuple[int, int]] = {}  # rel -> the file's size and version then
        self._arrived.connect(self._adopt, Qt.QueuedConnection)

    def start(self, rel: str) -> bool:
        """Start parsing ``rel`` elsewhere; False when that cannot be done (parse it here)."""
        if rel in self._pending:
            return True
        stamp = self.library.stamp(rel)  # a file that changes meanwhile is not adopted
        future = self.library.parse_elsewhere(rel) if stamp is not None else None
        if future is None:
            return False
        self._pending[rel] = stamp
        future.add_done_callback(lambda done, rel=rel: self._hand_back(rel, done))
        return True

    def pending(self, rel: str) -> bool:
        return rel in self._pending

    def _hand_back(self, rel: str, done) -> None:
        try:
            self._arrived.emit(rel, done)
        except RuntimeError:  # the reader went with its panel meanwhile
            pass

    def _adopt(self, rel: str, done) -> None:
        stamp = self._pending.pop(rel, None)
        try:
            result = done.result()
        except Exception:  # noqa: BLE001 - a worker that broke: draft() reads it here when asked
            result = None
        self.library.adopt(rel, result, stamp)
        self.read.emit(rel)
