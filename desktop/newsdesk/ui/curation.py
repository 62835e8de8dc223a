"""Published and Quality, for one article or for every selected one at once.

With several articles, Published is tri-state when they differ (a click publishes them
all) and Quality reads "mixed" until a value is set for all; each change is one undo
step over all of them, as calibre's bulk metadata editor does.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from newsdesk.core.document.edits import Set
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.quality_box import RANGE, QualityBox


class TriStateBox(QCheckBox):
    """A check box whose mixed state is only ever shown: a click from it checks."""

    def nextCheckState(self) -> None:
        if self.checkState() == Qt.PartiallyChecked:
            self.setCheckState(Qt.Checked)
        else:
            super().nextCheckState()


class CurationRow(QWidget):
    message = Signal(str)
    refused = Signal()   # an edit was refused: show the values as they are again

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.rels: list[str] = []
        self.names = ""  # what the undo step names: one title, or "3 articles"
        self.published = TriStateBox("&Published")
        self.published.setObjectName("published")
        self.published.clicked.connect(self._published_clicked)
        self.quality = QualityBox()
        self.quality.setObjectName("quality")
        self.quality.setMaximumWidth(150)
        self.quality.edited.connect(self._quality_edited)
        label = QLabel("&Quality:")
        label.setBuddy(self.quality)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.published)
        row.addSpacing(16)
        row.addWidget(label)
        row.addWidget(self.quality)
        row.addStretch(1)

    def show_values(self, rels: list[str], names: str, published: list, quality: list) -> None:
        """Show the values of ``rels`` (one article or several)."""
        self.rels, self.names = list(rels), names
        states = {p is True for p in published}
        self.published.blockSignals(True)
        self.published.setTristate(len(states) > 1)
        self.published.setCheckState(Qt.PartiallyChecked if len(states) > 1
                                     else Qt.Checked if states == {True} else Qt.Unchecked)
        self.published.blockSignals(False)
        distinct = {(type(q), q) for q in quality}
        if len(distinct) > 1:
            self.quality.show_value(None, "mixed")
        else:
            self.quality.show_value(quality[0] if quality else None)
        tip = "A value here is set on every selected article" if len(rels) > 1 else ""
        self.quality.setToolTip("\n".join(filter(None, [RANGE, tip])))
        self.published.setToolTip(tip)

    def _edit(self, label: str, path: tuple, value: object) -> None:
        if not self.rels:
            return
        try:
            self.session.edit(label, self.rels, Set(path, value))
        except ArticleProblem as p:
            self.message.emit(p.message)
            self.refused.emit()

    def _published_clicked(self) -> None:
        on = self.published.checkState() == Qt.Checked
        self._edit(("Publish" if on else "Unpublish") + f" {self.names}", ("published",), on)

    def _quality_edited(self, value: int) -> None:
        self._edit(f"Set quality {value} on {self.names}", ("quality",), value)
