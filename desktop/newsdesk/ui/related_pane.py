"""The related links of the current article: a table that can fill the panel (title,
provider, date, URL), its buttons, and the edits made from it (each one undo step).
Empty, the list says so and how to add one (Insert, as Delete removes one)."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QToolButton, QVBoxLayout

from newsdesk.core.document.edits import Insert, Remove
from newsdesk.core.editorial.related import article_with_url, item_from_article, url_of
from newsdesk.core.editorial.similar import normalized_url
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.dialogs import LinkDialog
from newsdesk.ui.keys import KeyMap
from newsdesk.ui.related_model import RelatedModel
from newsdesk.ui.related_picker import PickArticleDialog
from newsdesk.ui.related_view import RelatedView
from newsdesk.ui.safe_text import one_line

EMPTY = "No related links \u00b7 Insert or Alt+L adds one"


def tool_buttons(specs):
    """Compact tool buttons; ``None`` in specs starts a stretch (the rest go right)."""
    row = QHBoxLayout()
    row.setSpacing(4)
    buttons = []
    for spec in specs:
        if spec is None:
            row.addStretch(1)
            continue
        text, tip, slot = spec
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        button.clicked.connect(slot)
        row.addWidget(button)
        buttons.append(button)
    return row, buttons


class RelatedPane(QGroupBox):
    message = Signal(str)
    open_requested = Signal(str)

    def __init__(self, session, table_model, parent=None):
        super().__init__("&Related links", parent)
        self.setObjectName("relatedBox")
        self.setFlat(True)
        self.session = session
        self.table_model = table_model
        self.data: dict = {}
        self.model = RelatedModel(session, self)
        self.model.refused.connect(self.message)
        self.model.moved.connect(lambda dest: QTimer.singleShot(0, self, lambda: self._select(dest)))
        view = self.view = RelatedView()
        view.setObjectName("relatedView")
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectRows)
        view.setSelectionMode(QAbstractItemView.SingleSelection)
        view.setDragDropMode(QAbstractItemView.InternalMove)
        view.setDragEnabled(True)
        view.setAcceptDrops(True)
        view.setDropIndicatorShown(True)
        view.setDefaultDropAction(Qt.MoveAction)
        view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.ElideRight)
        view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        view.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(0, QHeaderView.Stretch)  # the title takes what the others leave
        header.setStretchLastSection(False)
        header.resizeSection(2, self.fontMetrics().horizontalAdvance("2024-12-31") + 16)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        view.viewport().installEventFilter(self)  # provider and URL take a share of the width
        view.setMinimumHeight(self.fontMetrics().height() * 6)
        self.buttons_row, self.buttons = tool_buttons([
            ("Add &Link\u2026", "Add a related link by URL and title", self.add_link),
            # Alt+B: "&Library" made Alt+L ambiguous, so Alt+L only moved the focus between the two
            ("Add from Li&brary\u2026", "Add another article of the library as a related link", self.add_from_library),
            None,
            # small ones: at the panel's narrowest (380 px) the row must still fit
            ("\u2212", "Remove the selected link (Delete)", self.remove),
            ("\u2191", "Move the selected link up (Alt+Up)", lambda: self.move(-1)),
            ("\u2193", "Move the selected link down (Alt+Down)", lambda: self.move(1)),
            ("\u2197", "Open the selected link in the browser (Ctrl+Enter)", self.open_selected),
        ])
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 0)
        box.addWidget(view, 1)
        box.addLayout(self.buttons_row)
        KeyMap(view, {(Qt.Key_Insert, Qt.NoModifier): self.add_link,
                      (Qt.Key_Delete, Qt.NoModifier): self.remove, (Qt.Key_Backspace, Qt.NoModifier): self.remove,
                      (Qt.Key_Up, Qt.AltModifier): lambda: self.move(-1),
                      (Qt.Key_Down, Qt.AltModifier): lambda: self.move(1),
                      (Qt.Key_Return, Qt.ControlModifier): self.open_selected,
                      (Qt.Key_Enter, Qt.ControlModifier | Qt.KeypadModifier): self.open_selected})

    def eventFilter(self, watched, event) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Resize:
            width = event.size().width()
            header = self.view.horizontalHeader()
            header.resizeSection(1, max(60, min(130, width * 18 // 100)))
            header.resizeSection(3, max(70, min(260, width * 24 // 100)))
        return False

    # ---- showing -----------------------------------------------------------------
    def items(self) -> list:
        related = self.data.get("related")
        return related if isinstance(related, list) else []

    def show_items(self, rel: str | None, data: dict) -> None:
        self.data = data
        related = self.items()
        current = self.view.currentIndex()
        self.model.show(rel, related, data)
        self.view.set_placeholder(EMPTY if rel is not None else "")
        if current.isValid() and current.row() < len(related):
            self.view.setCurrentIndex(self.model.index(current.row(), current.column()))
        flagged = len(self.model.problems)
        check = f" \u2014 \u26a0 {flagged} to check" if flagged else ""
        self.setTitle(f"&Related links ({len(related)})" + check)

    def show_reading(self, rel: str, count: int) -> None:
        self.data = {}
        self.model.show(rel, [], {})
        self.view.set_placeholder("Reading the related links\u2026")
        self.setTitle(f"&Related links ({count}) \u2014 reading\u2026")

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            column = max(0, self.view.currentIndex().column())
            self.view.setCurrentIndex(self.model.index(row, column))

    # ---- edits -----------------------------------------------------------------------
    def _edit(self, label: str, edit) -> bool:
        if self.model.rel is None:
            return False
        try:
            self.session.edit(label, [self.model.rel], edit)
        except ArticleProblem as p:
            self.message.emit(p.message)
            return False
        return True

    def add(self, item: dict, label: str) -> bool:
        url = normalized_url(url_of(item))
        if url and any(url == normalized_url(url_of(other)) for other in self.items()):
            self.message.emit("That link is already among the related links")
            return False
        n = len(self.items())
        if self._edit(label, Insert(("related",), n, item)):
            self._select(n)
            return True
        return False

    def article_at(self, url: str) -> dict | None:
        """The data of the library's article at ``url`` (not this one), or None."""
        library = self.session.library
        other = article_with_url(library.rows, url)
        if other is None or other == self.model.rel:
            return None
        try:
            return library.draft(other).data
        except ArticleProblem:
            return None

    def add_link(self) -> None:
        dialog = LinkDialog([url_of(i) for i in self.items()], self.article_at, self)
        if dialog.exec() and dialog.item:
            self.add(dialog.item, f"Add related link \u201c{one_line(dialog.item.get('title'), 40)}\u201d")

    def add_from_library(self) -> None:
        dialog = PickArticleDialog(self.table_model, self.model.rel, [url_of(i) for i in self.items()], self)
        if dialog.exec():
            self.add_article(dialog.chosen())

    def add_article(self, other: str | None) -> None:
        if other is None or self.model.rel is None:
            return
        try:
            item = item_from_article(self.session.library.draft(other).data)
        except ArticleProblem as p:
            self.message.emit(str(p))
            return
        self.add(item, f"Add related article \u201c{one_line(item.get('title'), 40)}\u201d")

    def remove(self) -> None:
        row = self.view.currentIndex().row()
        items = self.items()
        if 0 <= row < len(items):
            title = items[row].get("title") if isinstance(items[row], dict) else ""
            if self._edit(f"Remove related link \u201c{one_line(title, 40)}\u201d", Remove(("related",), row)):
                self._select(min(row, self.model.rowCount() - 1))

    def move(self, step: int) -> None:
        row = self.view.currentIndex().row()
        dest = row + step
        if 0 <= row < len(self.items()) and 0 <= dest < len(self.items()):
            self.model.move(row, dest)

    def open_selected(self) -> None:
        row = self.view.currentIndex().row()
        if 0 <= row < len(self.items()):
            self.open_requested.emit(url_of(self.items()[row]))
