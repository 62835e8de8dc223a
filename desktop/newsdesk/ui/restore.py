"""After a crash: offer the journaled edits back, as one undoable step."""
from __future__ import annotations

import time

from PySide6.QtWidgets import QMessageBox


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
        session.journal.clear()
        return 0
    changes, new_rows, problems = session.library.restore(entries)
    model.append(new_rows, [])
    session.push(f"Restore unsaved edits to {len(changes)} article{'s' if len(changes) != 1 else ''}", changes)
    if problems:
        QMessageBox.warning(parent, "Some edits were not restored", "\n".join(str(p) for p in problems[:20]))
    return len(changes)
