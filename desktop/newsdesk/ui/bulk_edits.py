"""The Edit menu's edits of the selected articles: publish, unpublish, toggle, quality
steps, set quality, add and remove a topic, revert. Each applies to every selected
article (the table's selection, all shown) as one undo step."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox

from newsdesk.core.document.edits import AddUnique, Increment, RemoveAll, Set
from newsdesk.core.document.schema import bounds
from newsdesk.core.problems import ArticleProblem, PartialEdit
from newsdesk.ui.topic_dialog import ask_topic
from newsdesk.ui.topics_editor import added_note, new_topic


def count(rels) -> str:
    return f"{len(rels)} article{'s' if len(rels) != 1 else ''}"


def toggled_note(on: bool, n: int, off: int) -> str:
    """What Space did, for the status bar: with a mixed selection, that all were published."""
    if not on:
        return f"Unpublished {count(range(n))}"
    if n > 1 and off < n:
        return f"Published all {n} selected articles ({off} of them {'was' if off == 1 else 'were'} unpublished)"
    return f"Published {count(range(n))}"


def _as_list(value) -> list:
    return value if isinstance(value, list) else []


class BulkEdits:
    def __init__(self, parent, session, selected):
        self.parent = parent          # the window: dialogs and messages go over it
        self.session = session        # () -> the open Session, or None
        self.selected = selected      # () -> the selected articles' paths

    def _run(self, label: str, rels, edit) -> bool:
        if not rels or self.session() is None:
            return False
        try:
            self.session().edit(label, rels, edit)
        except ArticleProblem as p:
            QMessageBox.warning(self.parent, "Newsdesk", str(p))
            return False
        return True

    def _tops(self, rels, key: str) -> list:
        """The top-level ``key`` of each selected article whose file can be read (that one
        entry, not the whole file). A file gone bad on disk since it was listed is left
        out; when none can be read, the editor is told which and [] comes back."""
        library, found, problems = self.session().library, [], []
        for rel in rels:
            try:
                found.append(library.draft(rel).top(key))
            except ArticleProblem as p:
                problems.append(p)
        if problems and not found:
            QMessageBox.warning(self.parent, "Newsdesk", str(PartialEdit.of(problems, len(rels))))
        return found

    def set_published(self, on: bool) -> None:
        rels = self.selected()
        self._run(f"{'Publish' if on else 'Unpublish'} {count(rels)}", rels, Set(("published",), on))

    def toggle_published(self) -> None:
        """Space: every selected article, one undo step, the selection kept. A mixed
        selection is published, all of it: as the panel's mixed Published box does when
        clicked, and a file manager's or calibre's mixed check box. Flipping each would
        leave it as mixed as before, and the first row deciding (as before) made the same
        three rows publish or unpublish depending on which was on top."""
        rels = self.selected()
        found = self._tops(rels, "published") if rels else []
        if not found:
            return
        off = sum(1 for value in found if value is not True)
        on = off > 0
        if self._run(f"{'Publish' if on else 'Unpublish'} {count(rels)}", rels, Set(("published",), on)):
            self.parent.statusBar().showMessage(toggled_note(on, len(rels), off), 8000)

    def bump_quality(self, step: int) -> None:
        """Quality up or down by ``step``, stopping at the ends of its range (Increment)."""
        rels = self.selected()
        self._run(f"Quality {step:+d} on {count(rels)}", rels, Increment(("quality",), step))

    def ask_quality(self) -> None:
        rels = self.selected()
        if not rels:
            return
        found = self._tops(rels, "quality")
        if not found:
            return
        first = found[0]
        low, high = bounds("quality")
        shown = first if type(first) is int and low <= first <= high else 50
        value, ok = QInputDialog.getInt(self.parent, "Set Quality", f"Quality of {count(rels)} ({low} to {high}):",
                                        shown, low, high)
        if ok:
            self._run(f"Set quality {value} on {count(rels)}", rels, Set(("quality",), value))

    def ask_add_topic(self) -> None:
        rels = self.selected()
        if not rels:
            return
        topics = self.session().library.topics()
        topic = ask_topic(self.parent, f"&Topic to add to {count(rels)}:", topics)
        if not topic:
            return
        new, like = new_topic(topic, topics)
        if self._run(f"Add topic \u201c{topic}\u201d to {count(rels)}", rels, AddUnique(("topics",), topic)) and new:
            self.parent.statusBar().showMessage(added_note(topic, like), 8000)

    def ask_remove_topic(self) -> None:
        rels = self.selected()
        if not rels:
            return
        found = self._tops(rels, "topics")
        present = sorted({t for topics in found for t in _as_list(topics) if isinstance(t, str)}, key=str.casefold)
        if not found:
            return
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
