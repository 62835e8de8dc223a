"""A folder opened in the window, step by step: its new session joined to the undo
group, the table, the panel, the docks, the review desk and the title; then read, each
batch and the end handed to the parts that show them; then watched. (Which folder comes
from ui/opening.py; the folder's own objects are ui/folder_session.py's.)"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from newsdesk.ui import settings as settings_mod
from newsdesk.ui.detail import DetailPanel
from newsdesk.ui.qtcompat import swap_scroll_widget
from newsdesk.ui.restore import JournalStatus, offer_restore

SHARED_FOLDER = ("This folder is open in another Newsdesk window too: edits made in both are merged when "
                 "saved, but keep to one window if you can.")
SAY_MS = 10_000  # how long a word from the panel stays in the status bar


class FolderOpen(QObject):
    """A child of the window: its connections go with it."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        window.folder_session.batch.connect(self._batch)
        window.folder_session.finished.connect(self._finished)
        QApplication.instance().applicationStateChanged.connect(self._app_state)

    def open(self, path: Path | str) -> None:
        w = self.window
        path = Path(path).expanduser().resolve()
        if not path.exists():
            QMessageBox.warning(w, "Newsdesk", f"{path} does not exist.")
            return
        if w.session is not None and not w.saving.confirm_discard("opening another folder"):
            return
        again = w.current.rel if w.session is not None and w.session.library.root == path else None
        if w.session is None and w.remember:
            again = w.memory.wanted(path)  # the folder last closed: its session comes back
        if w.remember:
            w.layout_memory.save_header()
            w.layout_memory.save_panel(w.detail)
        w.problems.reset()
        if w.session is not None:
            w.undo_group.removeStack(w.session.undo_stack)
        session = w.folder_session.open(path)
        # Reading starts now, before the window's setup of the folder below (~15-20 ms of
        # panel, docks and table): what the loader sends waits in the event queue until
        # this returns, so no row reaches a half-made window.
        w.status.reading(True)
        w.folder_session.start()
        if w.journal_status is None:  # the journal's failures, in the status bar
            w.journal_status = JournalStatus(w, session)
        else:
            w.journal_status.attach(session)
        w.undo_group.addStack(session.undo_stack)
        w.undo_group.setActiveStack(session.undo_stack)
        session.undo_stack.cleanChanged.connect(self.show_title)
        session.dirtyChanged.connect(self.show_title)
        session.changed.connect(lambda _rels: w.status.timer.start())
        session.saved.connect(lambda _rels: w.git.refresh_soon())
        w.desk.open(session, w.model)
        w.changes.follow(session)
        w.proxy.setSourceModel(w.model)
        w.table.setModel(w.proxy)
        w.current.attach(wanted=again)  # a reload finds the current article again
        w.table.selectionModel().selectionChanged.connect(w.selection_changed, Qt.UniqueConnection)
        w.detail = DetailPanel(session, w.model)
        w.layout_memory.restore_panel(w.detail)
        w.detail.message.connect(self.say)
        swap_scroll_widget(w.detail_scroll, w.detail)
        w.layout_memory.restore_header(w.proxy)
        w.memory.restore_view()
        w.disk.applied.connect(self._disk_applied)
        if path.is_dir() and w.remember:
            settings_mod.remember_folder(w.settings, str(path))
        self.show_title()
        w.folder_session.release_previous()

    def say(self, text: str) -> None:
        """A word from the panel in the status bar: on one line, files named inside the
        folder (a refused edit named the whole path over several lines, and the status
        bar showed it cut under its counts)."""
        w = self.window
        if w.session is not None:
            root = str(w.session.library.root)
            text = text.replace(root.rstrip(os.sep) + os.sep, "")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        one = "".join(f"{line} " if line.endswith(":") or n == len(lines) - 1 else f"{line} \u2014 "
                      for n, line in enumerate(lines))
        w.statusBar().showMessage(one.strip(), SAY_MS)

    def _batch(self, problems: list) -> None:
        w = self.window
        w.problems.model.add(problems)
        w.status.read(w.model.rowCount() + len(w.session.library.problems))

    def _finished(self, complete: bool) -> None:
        w = self.window
        library = w.session.library
        w.status.loaded(library, complete)
        if w.folder_session.shared:
            w.statusBar().showMessage(SHARED_FOLDER, 20000)
        w.topics_changed()
        w.desk.loaded()
        w.model.resort_in_steps(then=lambda: (w.current.loaded(), w.memory.loaded()))
        w.model.make_texts_in_steps()  # the search texts the loading thread left, in the next turns
        # The watcher's first listing and git's status start a turn later: both go to
        # threads, and starting them (~7 ms) held back the last rows' "loaded".
        disk = w.disk
        QTimer.singleShot(0, self, lambda: self._watch(disk, library))
        if complete:
            if w.remember:
                offer_restore(w, w.session, w.model)
            w.loaded.emit(len(library.rows))

    def _watch(self, disk, library) -> None:
        w = self.window
        if w.disk is disk and w.session is not None and w.session.library is library:  # not let go meanwhile
            disk.start()
            w.git.open(library.root)

    def _app_state(self, state) -> None:
        """Back in front: another program may have written the articles open here."""
        w = self.window
        if state == Qt.ApplicationActive and w.disk is not None and not w.folder_session.loading:
            w.disk.check_open()

    def _disk_applied(self, done) -> None:
        w = self.window
        w.problems.set(w.session.library.problems)
        w.status.disk_changed(done)
        w.current.settle(first=True)  # a current article gone from disk: another selected one, or the first row
        w.git.refresh_soon()

    def show_title(self, *_) -> None:
        """The folder's name, ● while unsaved ([*]), and a word when another window has it too."""
        w = self.window
        name = w.session.library.root.name if w.session else ""
        also = " (also open in another window)" if w.folder_session.shared else ""
        w.setWindowTitle(f"{name}[*]{also} \u2014 Newsdesk" if name else "Newsdesk")
        w.setWindowModified(bool(w.session and w.session.library.dirty()))
        w.status.timer.start()
