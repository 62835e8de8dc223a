"""The Problems panel: every file that could not be read, and why."""
from __future__ import annotations

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
            name = Path(str(problem.path)).name if problem.path is not None else "?"
            where = f"{name}:{problem.line}" if problem.line else name
            return f"{where} \u2014 {problem.message}"
        if role in (Qt.ToolTipRole, Qt.UserRole):
            return str(problem.path) if role == Qt.UserRole else f"{problem}\nDouble-click to open it in your editor."
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

    opened = Signal(str)

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
        path = index.data(Qt.UserRole)
        if path:
            self.opened.emit(path)
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))
