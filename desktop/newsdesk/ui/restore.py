"""After a crash: offer the journaled edits back, as one undoable step; while editing:
say so when the journal cannot be written (a crash would then lose the unsaved edits)."""
from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox


class JournalStatus(QObject):
    """The journal's state for the window: ``changed(text)``, text "" once it works again.
    A permanent status-bar label says it while it lasts; the first failure of a folder
    also shows a warning."""

    changed = Signal(str)

    def __init__(self, window: QMainWindow, session):
        super().__init__(window)
        self.window = window
        self.label = QLabel()
        self.label.setObjectName("journalWarning")
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self._warned = False
        self.changed.connect(self._show)
        self.attach(session)

    def attach(self, session) -> None:
        """Follow this session's journal (a folder opened: its own state, its own warning)."""
        journal = session.journal
        journal.on_error = lambda error: self.changed.emit(error or "")
        self._warned = False
        self.changed.emit(journal.error or "")

    def _show(self, error: str) -> None:
        self.label.setVisible(bool(error))
        if not error:
            self.label.clear()
            return
        self.label.setText("\u26a0 Unsaved edits are not being journaled")
        self.label.setToolTip(f"The journal of unsaved edits cannot be written: {error}\n"
                              "If Newsdesk stops now, unsaved edits are lost. Save, or free the folder.")
        if not self._warned:
            self._warned = True
            QMessageBox.warning(self.window, "Unsaved Edits Not Journaled",
                                f"The journal of unsaved edits cannot be written:\n{error}\n\n"
                                "Editing goes on, but if Newsdesk stops before you save, these edits are lost.")


def offer_restore(parent, session, model) -> int:
    """Ask whether to restore the edits the journal kept for this folder; the number restored."""
    entries, written = session.journal.read()
    if not entries:
        return 0
    n = len(entries)
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(written))
    box = QMessageBox(QMessageBox.Question, "Restore Unsaved Edits",
                      f"Newsdesk closed without saving edits to {n} article{'s' if n != 1 else ''} "
                      f"of this folder (last edit {when}).\n\nRestore them? Nothing is written "
                      "until you save; files changed since then are merged when you do.",
                      QMessageBox.NoButton, parent)
    restore = box.addButton("Restore", QMessageBox.AcceptRole)
    box.addButton("Discard", QMessageBox.DestructiveRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        session.discard(list(entries))  # and the marks those edits made go with them
        return 0
    changes, new_rows, problems = session.library.restore(entries)
    model.append(new_rows, [])
    # not an editor's look: the looks that made these edits were marked when they were made
    # (each mark is committed at once, a crash loses none); one whose article changed since
    # (someone else's new title) is New again, and the restore must not say it was seen
    session.push(f"Restore unsaved edits to {len(changes)} article{'s' if len(changes) != 1 else ''}",
                 changes, review=False)
    session.merge_onto_disk([rel for rel in changes if rel in session.library.on_disk])
    if problems:
        QMessageBox.warning(parent, "Some edits were not restored", "\n".join(str(p) for p in problems[:20]))
    return len(changes)
