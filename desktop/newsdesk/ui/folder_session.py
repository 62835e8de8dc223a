"""The open folder's life: its library, editing session, table model, loader and disk
watcher, made together when a folder is opened and let go together when another one
is (or the window closes), with the garbage collector's policy around a big load."""
from __future__ import annotations

import gc
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

from newsdesk.core.editorial.journal import Journal
from newsdesk.core.files.paths import data_dir
from newsdesk.core.indexing.cache import IndexCache
from newsdesk.core.library.library import Library
from newsdesk.ui.disk_watch import DiskWatcher
from newsdesk.ui.loader import FolderLoader
from newsdesk.ui.qtcompat import disconnect_receiver
from newsdesk.ui.session import Session
from newsdesk.ui.table_model import ArticleTableModel


class FolderSession(QObject):
    """One folder at a time. ``open`` makes the new folder's objects and keeps the last
    one's until ``release_previous`` (after the views have let go of them); ``start``
    reads the folder, in batches (``batch``), to the end (``finished``)."""

    batch = Signal(list)      # problems of the rows just added to the model
    finished = Signal(bool)   # every file read (False: cancelled)

    def __init__(self, owner: QObject):
        super().__init__(owner)
        self.owner = owner  # parent of the session and model; its slots are cut on detach
        self.session: Session | None = None
        self.model: ArticleTableModel | None = None
        self.loader: FolderLoader | None = None
        self.disk: DiskWatcher | None = None
        self._previous: tuple = (None, None, None)
        self._claim: QLockFile | None = None
        self.shared = False   # the folder is open in another Newsdesk window too

    @property
    def loading(self) -> bool:
        return bool(self.loader and self.loader.running)

    def open(self, path: Path) -> Session:
        self.detach()
        self._previous = (self.session, self.model, self.loader)
        library = Library(path, IndexCache())
        self.shared = not self._claim_folder(path)
        journal = Journal(path, instance=str(os.getpid()) if self.shared else "")
        self.session = Session(library, self.owner, journal=journal)
        self.model = ArticleTableModel(self.session, self.owner)
        self.disk = DiskWatcher(self.model, self.session, self.owner)
        self.loader = None
        return self.session

    def start(self) -> None:
        self.loader = FolderLoader(self.session.library, self.owner)
        self.loader.signals.batch.connect(self._batch)
        self.loader.signals.finished.connect(self._finished)
        self.loader.start()

    def _batch(self, rows: list, problems: list, haystacks: list) -> None:
        if self.sender() is not (self.loader.signals if self.loader else None):
            return  # a batch of a folder let go
        self.model.append(rows, problems, haystacks)
        # The rows live as long as the library: keep the cyclic GC from scanning them again
        # and again (full collections over 1M+ objects stalled the window ~0.5 s at 100k).
        gc.freeze()
        self.batch.emit(problems)

    def _finished(self, complete: bool) -> None:
        if self.loader is not None and self.sender() is self.loader.signals:
            self.finished.emit(complete)

    def cancel_load(self) -> None:
        if self.loading:
            self.loader.cancel()

    def detach(self) -> None:
        """Stop loading and watching, and cut the session's signals to the owner: Qt
        destroys it later, and its undo stack says "clean changed" as it goes."""
        self.cancel_load()
        if self.session is not None:
            disconnect_receiver((self.session.undo_stack, self.session), self.owner)
        if self.disk is not None:
            self.disk.stop()
            self.disk.deleteLater()
            self.disk = None

    def release_previous(self) -> None:
        release(*self._previous)
        self._previous = (None, None, None)

    def _claim_folder(self, path: Path) -> bool:
        """Say this window has the folder open (a lock file in the data folder, which
        another window sees; a crashed window's lock is stale and taken over)."""
        if self._claim is not None:
            self._claim.unlock()
        tag = hashlib.sha1(os.fsencode(str(path))).hexdigest()[:16]
        folder = data_dir() / "open"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            self._claim = None
            return True  # cannot tell: as if alone
        self._claim = QLockFile(str(folder / f"{tag}.lock"))
        self._claim.setStaleLockTime(0)  # stale only when its process is gone
        return self._claim.tryLock(0)

    def release_claim(self) -> None:
        """Another window may have the folder to itself now (a crash releases it too)."""
        if self._claim is not None:
            self._claim.unlock()
            self._claim = None

    def close(self) -> None:
        """The window closed: it holds no folder."""
        self.release_claim()
        self.detach()
        release(self.session, self.model, self.loader)
        self.session = self.model = self.loader = None


def release(session, model, loader) -> None:
    """Let a folder go: its session, model and loader were the window's children and
    lived as long as it did, holding every row (hundreds of MB at 100k, on every switch
    of folder). The rows are dropped at once."""
    if loader is not None:
        if loader.running:  # its job may still be on a pool thread: gone once it has ended
            loader.signals.finished.connect(loader.deleteLater)
        else:
            loader.deleteLater()
    if model is not None:
        model.release()
        model.deleteLater()
    if session is not None:
        session.library.close()
        session.deleteLater()
        # what is left in cycles was frozen out of the collector while loading (a
        # collection here took ~0.5 s at 100k; the next one the collector makes, ~150 ms)
        gc.unfreeze()
