"""Small dialogs of the detail panel: add a related link, pick an article."""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListView, QVBoxLayout

from newsdesk.core.related import item_from_link
from newsdesk.ui.table_model import PATH_ROLE, TITLE


class LinkDialog(QDialog):
    """A related link typed in: its URL and title."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add Related Link")
        self.url = QLineEdit(placeholderText="https://…")
        self.url.setObjectName("linkUrl")
        self.title = QLineEdit()
        self.title.setObjectName("linkTitle")
        self.error = QLabel()
        self.error.setStyleSheet("color: palette(highlighted-text); background: #b3261e; padding: 2px;")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("&URL:", self.url)
        form.addRow("&Title:", self.title)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.item: dict | None = None
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        try:
            self.item = item_from_link(self.url.text(), self.title.text())
        except ValueError as e:
            self.error.setText(str(e).capitalize() + ".")
            self.error.show()
            return
        super().accept()


class PickArticleDialog(QDialog):
    """One article of the library, found by typing part of its title."""

    def __init__(self, table_model, exclude: str | None, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Add Related Article from Library")
        self.exclude = exclude
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(table_model)
        self.proxy.setFilterKeyColumn(TITLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        self.filter = QLineEdit(placeholderText="Type part of a title…")
        self.filter.setObjectName("pickFilter")
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.list.setObjectName("pickList")
        self.list.setModel(self.proxy)
        self.list.setModelColumn(TITLE)
        self.list.doubleClicked.connect(lambda _: self.accept())
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        self.filter.returnPressed.connect(self._first)
        self.resize(640, 420)

    def _first(self) -> None:
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, TITLE))
            self.list.setFocus()

    def chosen(self) -> str | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        rel = index.data(PATH_ROLE)
        return None if rel == self.exclude else rel

    def accept(self) -> None:
        if self.chosen() is not None:
            super().accept()
