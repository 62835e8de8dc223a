"""The panel's Topics box: chips, and a box to add one with completion from the library.

For one article the chips are its topics in order. For several, the chips are the
topics all of them carry, then (faint) those only some carry: removing a chip removes
that topic from every selected article, adding puts it on every one that lacks it
(Enter on a faint chip does that for it); each is one undo step. Removing a topic
removes every occurrence of it (``edits.RemoveAll``), as everywhere else.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout

from newsdesk.core.document.edits import AddUnique, Move, RemoveAll
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.topic_chips import ChipsModel, ChipsView


def new_topic(topic: str, counts) -> tuple[bool, str | None]:
    """Whether no article of the library carries ``topic`` (a typo makes a new topic
    silently otherwise), and the topic it differs from only in case, if one does.
    ``counts``: topic -> articles (Library.topics)."""
    if not topic or counts.get(topic):
        return False, None
    folded = topic.casefold()
    return True, next((t for t in counts if t.casefold() == folded), None)


def added_note(topic: str, like: str | None) -> str:
    """The status bar's word once a new topic is added."""
    if like is not None:
        return f"Added a new topic, \u201c{topic}\u201d (the library has \u201c{like}\u201d)"
    return f"Added a new topic, \u201c{topic}\u201d: no other article has it"


class TopicInput(QLineEdit):
    """Enter or a completion picked adds the topic (and clears the box); Backspace in an
    empty box takes the last chip."""

    picked = Signal(str)
    backspace_on_empty = Signal()

    def __init__(self, choices: QStringListModel, parent=None):
        super().__init__(parent)
        self.setPlaceholderText("Add a topic\u2026 (Enter)")
        self.setClearButtonEnabled(True)
        completer = QCompleter(choices, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.setCompleter(completer)
        # after the line edit's own connection, which puts the completion into the box
        completer.activated[str].connect(self._pick)
        self.returnPressed.connect(lambda: self._pick(self.text()))
        self._picked_now = ""

    def _pick(self, text: str) -> None:
        text = " ".join(text.split())
        if not text or text == self._picked_now:   # Enter on the popup: activated, then returnPressed
            return
        self._picked_now = text
        QTimer.singleShot(0, self, lambda: setattr(self, "_picked_now", ""))
        self.picked.emit(text)

    def interpretText(self) -> None:
        """Before a save (qtcompat.commit_typed_text): a topic typed in the box counts, as
        a number typed in the Quality box does (Ctrl+S said "Saved" and the topic was gone)."""
        self._pick(self.text())

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_Backspace and not self.text() and event.modifiers() == Qt.NoModifier:
            self.backspace_on_empty.emit()
            return
        super().keyPressEvent(event)


class TopicsEditor(QGroupBox):
    message = Signal(str)

    def __init__(self, session, choices: QStringListModel, parent=None):
        super().__init__("T&opics", parent)  # (Alt+T is the Tools menu)
        self.setObjectName("topicsBox")
        self.setFlat(True)
        self.session = session
        self.rels: list[str] = []
        self.topics: list[str] = []     # one article: its topics; several: those all carry
        self.partial: list[str] = []    # several: those only some carry
        self.model = ChipsModel(self)
        self.model.removeRequested.connect(self.remove)
        self.model.moveRequested.connect(self.move)
        self.view = ChipsView(self.model)
        self.view.setObjectName("topicList")
        self.view.activated.connect(self._chip_activated)
        self.input = TopicInput(choices)
        self.input.setObjectName("topicInput")
        self.input.picked.connect(self.add)
        self.input.backspace_on_empty.connect(self._remove_last)
        self.input.textChanged.connect(self._say_if_new)
        self.new_hint = QLabel(objectName="newTopicHint", wordWrap=True)  # while a new topic is typed
        self.new_hint.setStyleSheet("color: palette(placeholder-text);")
        self.new_hint.hide()
        self.hint = QLabel()
        self.hint.setObjectName("topicsHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.setSpacing(3)
        box.addWidget(self.view)
        row = QHBoxLayout()
        row.addWidget(self.input, 1)
        box.addLayout(row)
        box.addWidget(self.new_hint)
        box.addWidget(self.hint)
        self.hint.hide()

    # ---- showing -----------------------------------------------------------------
    def show_topics(self, rels: list[str], topic_lists: list[list]) -> None:
        same_articles = list(rels) == self.rels
        self.rels = list(rels)
        lists = [[str(t) for t in topics] if isinstance(topics, list) else [] for topics in topic_lists]
        if len(lists) <= 1:
            self.topics, self.partial = (lists[0] if lists else []), []
        else:
            common = set(lists[0]).intersection(*lists[1:])
            self.topics = [t for t in lists[0] if t in common]
            seen = set(common)
            self.partial = []
            for topics in lists:
                for t in topics:
                    if t not in seen:
                        seen.add(t)
                        self.partial.append(t)
        current = self.view.currentIndex().row()
        counts = self.session.library.topics() if self.topics else {}
        alone = [t for t in self.topics if counts.get(t, 0) <= len(self.rels)]  # on these articles only
        self.model.show(self.topics + self.partial, self.partial, alone)
        if not same_articles:
            # another article: no chip of it is chosen (the row chosen on the last one was
            # chosen again here, drawn highlighted on an article nobody had touched), and
            # text typed for the last one is not left to be added to this one
            self.view.selectionModel().clear()
            self.input.clear()
        elif 0 <= current < self.model.rowCount():  # the same one, edited: the chip stays chosen
            self.view.setCurrentIndex(self.model.index(current))
        several = len(self.rels) > 1
        self.view.setDragEnabled(not several)
        self.input.setPlaceholderText("Add a topic to every selected article\u2026 (Enter)" if several
                                      else "Add a topic\u2026 (Enter)")
        self.hint.setText("Faint: on some of the selected articles (Enter adds it to all). "
                          "\u00d7 removes a topic from all." if self.partial else "")
        self.hint.setVisible(bool(self.partial))

    def _names(self) -> str:
        n = len(self.rels)
        return f"{n} articles" if n > 1 else ""

    def _all_topics(self) -> list[str]:
        return self.topics + self.partial

    # ---- edits ---------------------------------------------------------------------
    def _run(self, label: str, edit) -> bool:
        if not self.rels:
            return False
        try:
            self.session.edit(label, self.rels, edit)
        except ArticleProblem as p:
            self.message.emit(p.message)
            return False
        return True

    def add(self, text: str) -> None:
        if len(self.rels) <= 1 and text in self.topics:
            self.message.emit(f"\u201c{text}\u201d is already a topic of this article")
            return
        if len(self.rels) > 1 and text in self.topics:
            self.message.emit(f"\u201c{text}\u201d is already a topic of every selected article")
            return
        where = f" to {self._names()}" if len(self.rels) > 1 else ""
        new, like = new_topic(text, self.session.library.topics())
        if self._run(f"Add topic \u201c{text}\u201d{where}", AddUnique(("topics",), text)):
            if new:
                self.message.emit(added_note(text, like))
            self.input.clear()
            # a completion picked: QCompleter puts its text into the box after telling us
            QTimer.singleShot(0, self.input, self.input.clear)

    def remove(self, row: int) -> None:
        topics = self._all_topics()
        if not 0 <= row < len(topics):
            return
        text = topics[row]
        where = f" from {self._names()}" if len(self.rels) > 1 else ""
        if self._run(f"Remove topic \u201c{text}\u201d{where}", RemoveAll(("topics",), text)):
            if self.model.rowCount():
                self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1)))

    def _remove_last(self) -> None:
        if len(self.rels) == 1 and self.topics:
            self.remove(len(self.topics) - 1)

    def move(self, source: int, dest: int) -> None:
        if len(self.rels) != 1 or not (0 <= source < len(self.topics) and 0 <= dest < len(self.topics)):
            return
        text = self.topics[source]
        if self._run(f"Move topic \u201c{text}\u201d", Move(("topics",), source, dest)):
            self.view.setCurrentIndex(self.model.index(dest))

    def _say_if_new(self, typed: str) -> None:
        """Under the box, while what is typed is no topic of the library and the completer
        offers none like it (a case-only difference is said at once: the likeliest typo)."""
        topic = " ".join(typed.split())
        counts = self.session.library.topics() if topic and self.rels else {}
        new, like = new_topic(topic, counts)
        if like is not None:
            note = f"New topic: the library has \u201c{like}\u201d, not \u201c{topic}\u201d"
        elif new and not any(topic.casefold() in t.casefold() for t in counts):  # else the completer lists some
            note = f"New topic: no article has \u201c{topic}\u201d yet (Enter adds it)"
        else:
            note = ""
        self.new_hint.setText(note)
        self.new_hint.setVisible(bool(note))

    def _chip_activated(self, index) -> None:
        topics = self._all_topics()
        if len(self.rels) > 1 and 0 <= index.row() < len(topics) and topics[index.row()] in self.partial:
            self.add(topics[index.row()])
