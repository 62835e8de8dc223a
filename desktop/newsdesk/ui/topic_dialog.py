"""Edit > Add Topic to Selected (Ctrl+T): the name of a topic, typed with completion.

It opens empty: the most used topic, written in and selected, was one Return away from
being added to every selected article (Ctrl+T, Enter by habit did it). Typing completes
from the library's topics (any part of a name, any case, the most used first; Down in the
empty box lists them all), a completion picked is taken at once, and a name no article
has yet is said to be new before it is added, as the panel's topic box says it.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout

from newsdesk.ui.topics_editor import new_topic


class AddTopicDialog(QDialog):
    def __init__(self, prompt: str, counts: dict, parent=None):
        """``prompt``: what the box is for ("Topic to add to 3 articles:"); ``counts``:
        topic -> articles (Library.topics)."""
        super().__init__(parent)
        self.setWindowTitle("Add Topic")
        self.counts = counts
        self.name = QLineEdit(objectName="topicName", placeholderText="Topic name")
        self.name.setClearButtonEnabled(True)
        choices = sorted(counts, key=lambda t: (-counts[t], t.casefold()))
        completer = QCompleter(QStringListModel(choices, self), self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        completer.setMaxVisibleItems(12)
        self.name.setCompleter(completer)
        # Return on the completion list takes it and the dialog with it (else a second
        # Return was needed, as in the topic manager's rename)
        completer.activated[str].connect(self._picked)
        self.name.installEventFilter(self)
        label = QLabel(prompt)
        label.setBuddy(self.name)
        self.note = QLabel(objectName="newTopicNote", wordWrap=True)
        self.note.setTextFormat(Qt.PlainText)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        self.note.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (label, self.name, self.note, self.buttons):
            layout.addWidget(widget)
        self.name.textChanged.connect(self._changed)
        self._changed("")
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)

    def topic(self) -> str:
        return " ".join(self.name.text().split())

    def _picked(self, text: str) -> None:
        self.name.setText(text)
        QTimer.singleShot(0, self, self.accept)  # after the completer has put it into the box

    def _changed(self, _text: str) -> None:
        topic = self.topic()
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(topic))
        new, like = new_topic(topic, self.counts)
        if like is not None:
            note = f"New topic: the library has \u201c{like}\u201d, not \u201c{topic}\u201d"
        elif new and not any(topic.casefold() in t.casefold() for t in self.counts):  # else some are offered
            note = f"New topic: no article has \u201c{topic}\u201d yet"
        else:
            note = ""
        self.note.setText(note)
        self.note.setVisible(bool(note))

    def eventFilter(self, watched, event) -> bool:
        if (watched is self.name and event.type() == event.Type.KeyPress and event.key() == Qt.Key_Down
                and not self.name.text()):
            completer = self.name.completer()
            completer.setCompletionPrefix("")
            completer.complete()   # every topic, the most used first
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.topic():
            super().accept()


def ask_topic(parent, prompt: str, counts: dict) -> str | None:
    """The topic typed (spaces tidied), or None when cancelled."""
    dialog = AddTopicDialog(prompt, counts, parent)
    return dialog.topic() if dialog.exec() == QDialog.Accepted else None
