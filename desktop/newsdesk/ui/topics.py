"""The topic manager: every topic with its count; rename, merge, delete across the
library, each as one undoable edit that changes only the topics of the files."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from newsdesk.core.document.edits import RenameItems
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.keys import KeyMap, ListKeys

PROGRESS_ABOVE = 50  # articles to read before a change is shown


class TopicManager(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Topics")
        self.session = session
        self.library = session.library
        self.filter = QLineEdit(placeholderText="Filter topics")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("topicTable")
        self.table.setHorizontalHeaderLabels(["Topic", "Articles"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        self.rename_button = QPushButton("&Rename\u2026")
        self.rename_button.setObjectName("renameTopic")
        self.rename_button.setToolTip("Give the selected topic another name in every article")
        self.rename_button.clicked.connect(lambda: self.rename())
        self.merge_button = QPushButton("&Merge\u2026")
        self.merge_button.setObjectName("mergeTopics")
        self.merge_button.setToolTip("Replace the selected topics by one name in every article")
        self.merge_button.clicked.connect(lambda: self.merge())
        self.delete_button = QPushButton("&Delete")
        self.delete_button.setObjectName("deleteTopics")
        self.delete_button.setToolTip("Remove the selected topics from every article")
        self.delete_button.clicked.connect(lambda: self.delete())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        # the keyboard, as in the related-article picker: arrows typed in the filter move the
        # list's row; Return or F2 there or in the list renames the topic of that row
        ListKeys(self.filter, self.table)
        keys = {(key, Qt.NoModifier): self._rename_current for key in (Qt.Key_Return, Qt.Key_Enter, Qt.Key_F2)}
        keys[(Qt.Key_Enter, Qt.KeypadModifier)] = self._rename_current
        KeyMap(self.filter, keys)
        KeyMap(self.table, keys)
        buttons = QHBoxLayout()
        for b in (self.rename_button, self.merge_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.Close)
        close.rejected.connect(self.reject)
        self.note = QLabel("Each change is one step of Edit \u203a Undo; nothing is written until you save.")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.note)
        layout.addWidget(close)
        self.resize(520, 560)
        self.fill()
        self.table.sortByColumn(1, Qt.DescendingOrder)  # the most used first

    # ---- list ------------------------------------------------------------------
    def fill(self) -> None:
        counts = self.library.topics()
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(counts))
        for n, (topic, count) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))):
            self.table.setItem(n, 0, QTableWidgetItem(topic))
            number = QTableWidgetItem()
            number.setData(Qt.DisplayRole, count)
            number.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            self.table.setItem(n, 1, number)
        self.table.setSortingEnabled(True)
        self._apply_filter(self.filter.text())
        self._update_buttons()

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for n in range(self.table.rowCount()):
            self.table.setRowHidden(n, bool(needle) and needle not in self.table.item(n, 0).text().casefold())
        current = self.table.currentRow()
        if current >= 0 and self.table.isRowHidden(current):  # a topic out of sight is not acted on
            self.table.clearSelection()
            self.table.setCurrentItem(None)

    def _visible_rows(self) -> list[int]:
        return [n for n in range(self.table.rowCount()) if not self.table.isRowHidden(n)]

    def _rename_current(self) -> None:
        """Return or F2: rename the topic of the list's row; with none chosen, the first shown
        (the filter left one: Return renames it)."""
        if not self.selected():
            shown = self._visible_rows()
            if not shown:
                return
            self.table.selectRow(shown[0])
        if len(self.selected()) == 1:
            self.rename()

    def selected(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        return [self.table.item(r, 0).text() for r in rows]

    def _update_buttons(self) -> None:
        n = len(self.selected())
        self.rename_button.setEnabled(n == 1)
        self.merge_button.setEnabled(n >= 2)
        self.delete_button.setEnabled(n >= 1)

    def _ask_name(self, title: str, label: str, text: str) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle(title)
        dialog.setLabelText(label)
        dialog.setTextValue(text)
        edit = dialog.findChild(QLineEdit)
        if edit is not None:
            completer = QCompleter(sorted(self.library.topics()), dialog)
            completer.setCaseSensitivity(Qt.CaseInsensitive)
            edit.setCompleter(completer)
            # Return on the completion list takes it and the dialog with it: the list
            # swallows that Return, and a second one was needed (a tester's slip).
            completer.activated.connect(lambda name: (dialog.setTextValue(name), dialog.accept()))
        if dialog.exec() != QDialog.Accepted:
            return None
        name = dialog.textValue().strip()
        return name or None

    # ---- changes -----------------------------------------------------------------
    def rename(self, new: str | None = None) -> None:
        [old] = self.selected()
        new = new if new is not None else self._ask_name("Rename Topic", f"New name for \u201c{old}\u201d:", old)
        if new and new != old:
            self._apply({old: new}, f"Rename topic \u201c{old}\u201d to \u201c{new}\u201d", then=new)

    def merge(self, into: str | None = None) -> None:
        topics = self.selected()
        into = into if into is not None else self._ask_name(
            "Merge Topics", f"Merge {len(topics)} topics into one named:", topics[0])
        if into:
            self._apply({t: into for t in topics if t != into}, f"Merge {len(topics)} topics into \u201c{into}\u201d",
                        then=into)

    def delete(self) -> None:
        topics = self.selected()
        self._apply({t: None for t in topics},
                    f"Delete topic{'s' if len(topics) != 1 else ''} " + ", ".join(f"\u201c{t}\u201d" for t in topics))

    def _apply(self, mapping: dict, label: str, then: str | None = None) -> None:
        """``then``: the topic chosen afterwards (the renamed or merged one), so the next
        Rename or Merge needs no new pick (the list is filled again: the choice was lost)."""
        rels = self.library.with_topic(set(mapping))
        count = len(rels)
        progress = None
        if count >= PROGRESS_ABOVE:
            dialog = QProgressDialog(f"Reading {count:,} articles\u2026", "Stop", 0, count, self)
            dialog.setWindowModality(Qt.WindowModal)
            dialog.setMinimumDuration(300)

            def progress(done, total):
                dialog.setValue(done)
                return not dialog.wasCanceled()
        try:
            self.session.edit(f"{label} ({count} article{'s' if count != 1 else ''})", rels,
                              RenameItems(("topics",), mapping), progress, review=False)
        except ArticleProblem as p:
            QMessageBox.warning(self, "Topics", str(p))
        self.fill()
        self._choose(then)

    def _choose(self, topic: str | None) -> None:
        row = next((n for n in self._visible_rows() if self.table.item(n, 0).text() == topic), None)
        if row is None:
            return
        self.table.setCurrentCell(row, 0)
        self.table.selectRow(row)
        self.table.scrollToItem(self.table.item(row, 0))
        self._update_buttons()
