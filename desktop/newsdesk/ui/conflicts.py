"""The one question a save may ask: both you and the disk changed the same thing."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from newsdesk.core.document.merge import MISSING, Conflict
from newsdesk.ui.wheel_guard import guard_wheel

MINE, THEIRS = "mine", "theirs"


def describe(value: object) -> str:
    if value is MISSING:
        return "(removed)"
    if isinstance(value, dict):
        title, url = value.get("title"), value.get("webUrl") or value.get("url")
        if title or url:
            return " \u2014 ".join(str(x) for x in (title, url) if x)
        return ", ".join(f"{k}: {describe(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(describe(v) for v in value) or "(empty list)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return "(empty)" if value is None else str(value)


class ConflictDialog(QDialog):
    """Each conflict with your value and the disk's; choose which to keep, then save."""

    def __init__(self, name: str, conflicts: list[Conflict], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Changed on Disk")
        self.conflicts = conflicts
        intro = QLabel(f"<b>{name}</b> was changed on disk while you edited it. Your other changes "
                       "and the disk's are kept; these were changed on both sides. Choose which "
                       "value to keep for each.")
        intro.setWordWrap(True)
        self.table = QTableWidget(len(conflicts), 4)
        self.table.setObjectName("conflictTable")
        self.table.setHorizontalHeaderLabels(["Field", "Yours", "On disk", "Keep"])
        self.table.verticalHeader().hide()
        self.choices: list[QComboBox] = []
        for n, conflict in enumerate(conflicts):
            for col, text in enumerate((conflict.label(), describe(conflict.mine), describe(conflict.theirs))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(n, col, item)
            combo = QComboBox()
            combo.addItem("Yours", MINE)
            combo.addItem("On disk", THEIRS)
            self.table.setCellWidget(n, 3, combo)
            self.choices.append(combo)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        self.table.setWordWrap(True)
        self.table.setColumnWidth(0, 220)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        buttons = QDialogButtonBox()
        save = buttons.addButton("Save", QDialogButtonBox.AcceptRole)
        save.setObjectName("saveMerged")
        buttons.addButton("Don\u2019t Save", QDialogButtonBox.RejectRole)
        all_mine = QPushButton("All Yours")
        all_mine.clicked.connect(lambda: self.choose_all(MINE))
        all_theirs = QPushButton("All On Disk")
        all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        buttons.addButton(all_mine, QDialogButtonBox.ActionRole)
        buttons.addButton(all_theirs, QDialogButtonBox.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.table.resizeRowsToContents()
        guard_wheel(self)  # scrolling the table must not change a choice
        self.resize(820, 200 + 40 * min(len(conflicts), 10))

    def choose_all(self, side: str) -> None:
        for combo in self.choices:
            combo.setCurrentIndex(combo.findData(side))

    def choices_by_place(self) -> dict:
        return {c.where: combo.currentData() for c, combo in zip(self.conflicts, self.choices, strict=True)}
