"""Saving from the window: every unsaved article, with a progress dialog for big saves,
the conflict dialog when both sides changed the same thing, and the question before
unsaved edits would be left behind."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from newsdesk.ui.conflicts import ConflictDialog
from newsdesk.ui.qtcompat import commit_typed_text

SAVE_PROGRESS_ABOVE = 50  # articles


class Saving:
    def __init__(self, parent, session):
        self.parent = parent      # the window: dialogs over it, messages in its status bar
        self.session = session    # () -> the open Session, or None

    def save(self, rels: list[str] | None = None) -> bool:
        """Save every unsaved article, or those of ``rels``."""
        session = self.session()
        if session is None:
            return True
        commit_typed_text(QApplication.focusWidget())
        problems = session.save_all(settle=self.settle, progress=self.progress(), only=rels)
        if problems:
            text = "\n".join(str(p) for p in problems[:20])
            more = f"\n\u2026and {len(problems) - 20} more" if len(problems) > 20 else ""
            QMessageBox.warning(self.parent, "Some articles were not saved",
                                f"{text}{more}\n\nYour edits are kept; nothing was overwritten.")
            return False
        left = len([r for r in session.library.dirty() if rels is None or r in rels])
        if left:
            plural = "s" if left != 1 else ""
            self.parent.statusBar().showMessage(f"Saving stopped: {left:,} article{plural} still unsaved", 8000)
            return False
        self.parent.statusBar().showMessage("Saved", 4000)
        return True

    def progress(self):
        """A progress dialog for big saves (modal: no edits while files are written)."""
        count = len(self.session().library.dirty())
        if count < SAVE_PROGRESS_ABOVE:
            return None
        dialog = QProgressDialog(f"Saving {count:,} articles\u2026", "Stop", 0, count, self.parent)
        dialog.setWindowTitle("Saving")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(done: int, total: int) -> bool:
            dialog.setValue(done)
            if done + 1 >= total:
                QTimer.singleShot(0, dialog.close)
            return not dialog.wasCanceled()
        return progress

    def settle(self, rel: str, conflict) -> dict | None:
        """Both sides changed the same thing: the editor chooses, or the article stays unsaved."""
        dialog = ConflictDialog(rel, conflict.conflicts, self.parent)
        return dialog.choices_by_place() if dialog.exec() == ConflictDialog.Accepted else None

    def confirm_discard(self, doing: str) -> bool:
        session = self.session()
        if session is None:
            return True
        if not session.library.dirty():
            # a journal write still waiting (Session.JOURNAL_DELAY_MS, when writes are slow) would
            # leave edits reverted or undone just now in it: the next open offered them back
            session.write_journal()
            return True
        n = len(session.library.dirty())
        answer = QMessageBox.question(
            self.parent, "Unsaved Changes",
            f"{n} article{'s have' if n != 1 else ' has'} unsaved changes. Save them before {doing}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        if answer == QMessageBox.Discard:
            session.discard()
            return True
        return False
