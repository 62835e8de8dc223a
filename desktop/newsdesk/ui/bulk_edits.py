"""The Edit menu's edits of the selected articles: publish, unpublish, toggle, quality
steps, set quality, add and remove a topic, revert. Each applies to every selected
article (the table's selection, all shown) as one undo step."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from newsdesk.core.document.edits import AddUnique, Increment, RemoveAll, Set
from newsdesk.core.problems import ArticleProblem


def count(rels) -> str:
    return f"{len(rels)} article{'s' if len(rels) != 1 else ''}"


def _topics(draft) -> list:
    topics = draft.data.get("topics")
    return topics if isinstance(topics, list) else []


class BulkEdits:
    def __init__(self, parent, session, selected):
        self.parent = parent          # the window: dialogs and messages go over it
        self.session = session        # () -> the open Session, or None
        self.selected = selected      # () -> the selected articles' paths

    def _run(self, label: str, rels, edit) -> None:
        if not rels or self.session() is None:
            return
        try:
            self.session().edit(label, rels, edit)
        except ArticleProblem as p:
            QMessageBox.warning(self.parent, "Newsdesk", str(p))

    def set_published(self, on: bool) -> None:
        rels = self.selected()
        self._run(f"{'Publish' if on else 'Unpublish'} {count(rels)}", rels, Set(("published",), on))

    def toggle_published(self) -> None:
        rels = self.selected()
        if rels:
            self.set_published(self.session().library.draft(rels[0]).data.get("published") is not True)

    def bump_quality(self, step: int) -> None:
        rels = self.selected()
        self._run(f"Quality {step:+d} on {count(rels)}", rels, Increment(("quality",), step))

    def ask_quality(self) -> None:
        rels = self.selected()
        if not rels:
            return
        first = self.session().library.draft(rels[0]).data.get("quality")
        value, ok = QInputDialog.getInt(self.parent, "Set Quality", f"Quality of {count(rels)}:",
                                        first if isinstance(first, int) else 50, -1, 100000)
        if ok:
            self._run(f"Set quality {value} on {count(rels)}", rels, Set(("quality",), value))

    def ask_add_topic(self) -> None:
        rels = self.selected()
        if not rels:
            return
        topics = self.session().library.topics()
        choices = sorted(topics, key=lambda t: (-topics[t], t.casefold()))
        topic, ok = QInputDialog.getItem(self.parent, "Add Topic", f"Topic to add to {count(rels)}:",
                                         choices, 0, True)
        topic = " ".join(topic.split())
        if not ok or not topic:
            return
        self._run(f"Add topic \u201c{topic}\u201d to {count(rels)}", rels, AddUnique(("topics",), topic))

    def ask_remove_topic(self) -> None:
        rels = self.selected()
        if not rels:
            return
        library = self.session().library
        present = sorted({t for rel in rels for t in _topics(library.draft(rel)) if isinstance(t, str)},
                         key=str.casefold)
        if not present:
            self.parent.statusBar().showMessage("The selected articles have no topics", 5000)
            return
        topic, ok = QInputDialog.getItem(self.parent, "Remove Topic", f"Topic to remove from {count(rels)}:",
                                         present, 0, False)
        if not ok:
            return
        self._run(f"Remove topic \u201c{topic}\u201d from {count(rels)}", rels, RemoveAll(("topics",), topic))

    def revert(self) -> None:
        if self.session() is not None:
            self.session().revert(self.selected())
