"""The Problems panel: every file that could not be read, and why.

The list is usually short, and every line of it is taken from the table: the dock opens
as tall as its lines (at least 2, at most 8, never more than a third of the window), and
grows as problems come in while a folder loads; once the editor drags its edge, the
height they chose is kept from then on, in this window and the next (QSettings).
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDockWidget, QListView, QMainWindow

from newsdesk.core.printable import printable
from newsdesk.core.problems import ArticleProblem

ROWS_AT_LEAST, ROWS_AT_MOST = 2, 8
WINDOW_AT_MOST = 1 / 3       # of the window's height
HEIGHT_KEY = "window/problemsHeight"  # the height the editor gave the dock, once they did


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

    def __init__(self, parent=None, settings=None):
        super().__init__("Problems", parent)
        self.setObjectName("problemsDock")
        self.settings = settings
        self._pressed: int | None = None  # the dock's height when a mouse button went down on the window
        self.model = ProblemsModel(self)
        self.view = QListView()
        self.view.setObjectName("problemList")
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.activated.connect(self.open)
        # a list view asks for ~70 px at least: the dock could not be as short as two lines
        self.view.setMinimumHeight(self.view.fontMetrics().height() * ROWS_AT_LEAST + 2 * self.view.frameWidth())
        self.setWidget(self.view)
        self.model.rowsInserted.connect(self._show)
        self.hide()
        if parent is not None:  # the dock's edge is the window's: its drags are the window's mouse events
            parent.installEventFilter(self)

    def _show(self, *_):
        self.setWindowTitle(f"Problems ({self.model.rowCount()})")
        self.show()
        QTimer.singleShot(0, self, self.fit)  # once laid out: the title bar's height is known then

    # ---- its height --------------------------------------------------------------------
    def chosen_height(self) -> int | None:
        value = self.settings.value(HEIGHT_KEY) if self.settings is not None else None
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def wanted_height(self) -> int:
        """As tall as its lines (ROWS_AT_LEAST to ROWS_AT_MOST) and its title bar."""
        view = self.view
        rows = max(ROWS_AT_LEAST, min(self.model.rowCount(), ROWS_AT_MOST))
        row = view.sizeHintForRow(0) if self.model.rowCount() else view.fontMetrics().height() + 2
        scroll = view.horizontalScrollBar()
        below = scroll.sizeHint().height() if scroll.isVisible() else 0
        chrome = max(self.height() - view.height(), 0)  # the dock's title bar and margins
        return chrome + rows * row + 2 * view.frameWidth() + below

    def fit(self) -> None:
        window = self.parentWidget()
        if not self.isVisible() or self.isFloating() or window is None or not hasattr(window, "resizeDocks"):
            return
        height = self.chosen_height() or min(self.wanted_height(), int(window.height() * WINDOW_AT_MOST))
        if height != self.height():
            window.resizeDocks([self], [height], Qt.Vertical)

    def eventFilter(self, watched, event) -> bool:
        """A drag of the dock's edge (on the window: the separator is no widget of its own)
        that changed its height: that height is the editor's choice, kept from now on."""
        kind = event.type()
        if watched is self.parentWidget() and self.isVisible() and not self.isFloating():
            if kind == QEvent.MouseButtonPress:
                self._pressed = self.height()
            elif kind == QEvent.MouseButtonRelease and self._pressed is not None:
                if self.height() != self._pressed and self.settings is not None:
                    self.settings.setValue(HEIGHT_KEY, self.height())
                self._pressed = None
        return False

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
            if not QDesktopServices.openUrl(QUrl.fromEncoded(Path(path).as_uri().encode("ascii"))):
                # (nothing happened on screen: only the log said "Unable to detect a launcher")
                said = f"Could not open {printable(os.path.basename(path))}: no program to open it with"
                window = self.window()
                if isinstance(window, QMainWindow):
                    window.statusBar().showMessage(said, 8000)
