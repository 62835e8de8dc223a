"""The Problems panel: every file that could not be read, and why."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDockWidget, QListView

from newsdesk.core.problems import ArticleProblem


class ProblemsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.problems: list[ArticleProblem] = []

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.problems)

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.problems):
            return None
        problem = self.problems[index.row()]
        if role == Qt.DisplayRole:
            return problem.summary()  # the core's one line: names escaped, nothing reversed or hidden
        if role == Qt.ToolTipRole:
            return f"{problem}\nDouble-click to open it in your editor."
        return None

    def add(self, problems: list[ArticleProblem]) -> None:
        if problems:
            first = len(self.problems)
            self.beginInsertRows(QModelIndex(), first, first + len(problems) - 1)
            self.problems.extend(problems)
            self.endInsertRows()

    def set(self, problems: list[ArticleProblem]) -> None:
        self.beginResetModel()
        self.problems = list(problems)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.problems = []
        self.endResetModel()


class ProblemsDock(QDockWidget):
    """Hidden while there is nothing to show; opens a file in the system's editor."""

    opened = Signal(object)  # the file's path as Python holds it (a QString drops a name's undecodable bytes)

    def __init__(self, parent=None):
        super().__init__("Problems", parent)
        self.setObjectName("problemsDock")
        self.model = ProblemsModel(self)
        self.view = QListView()
        self.view.setObjectName("problemList")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.activated.connect(self.open)
        self.setWidget(self.view)
        self.model.rowsInserted.connect(self._show)
        self.hide()

    def _show(self, *_):
        self.setWindowTitle(f"Problems ({self.model.rowCount()})")
        self.show()

    def set(self, problems: list[ArticleProblem]) -> None:
        self.model.set(problems)
        if problems:
            self._show()
        else:
            self.reset()

    def reset(self) -> None:
        self.model.clear()
        self.setWindowTitle("Problems")
        self.hide()

    def open(self, index) -> None:
        if not index.isValid() or not 0 <= index.row() < len(self.model.problems):
            return
        path = self.model.problems[index.row()].path
        if path is not None:
            path = os.path.abspath(os.fspath(path))
            self.opened.emit(path)
            # as percent-encoded bytes: QUrl.fromLocalFile takes text, which loses a byte that is not UTF-8
            QDesktopServices.openUrl(QUrl.fromEncoded(Path(path).as_uri().encode("ascii")))
