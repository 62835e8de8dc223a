"""Articles that tell the same story (core.similar.duplicate_groups), to review together
and unpublish in one step."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from newsdesk.core.document.edits import Set
from newsdesk.core.editorial.similar import duplicate_groups
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui.table_model import local_date

PATH = Qt.UserRole + 1


class DuplicatesDialog(QDialog):
    def __init__(self, session, parent=None, show_in_table=None):
        super().__init__(parent)
        self.setWindowTitle("Duplicates")
        self.session = session
        self.show_in_table = show_in_table
        self.tree = QTreeWidget()
        self.tree.setObjectName("duplicateGroups")
        self.tree.setHeaderLabels(["Title", "Provider", "Date", "Published", "File"])
        self.tree.setSelectionMode(QAbstractItemView.ExtendedSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemDoubleClicked.connect(self._show)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.unpublish_button = QPushButton("&Unpublish Selected")
        self.unpublish_button.setObjectName("unpublishDuplicates")
        self.unpublish_button.setToolTip("Unpublish the selected articles, as one undoable step")
        self.unpublish_button.clicked.connect(self.unpublish_selected)
        self.keep_first_button = QPushButton("Select All but the &First of Each")
        self.keep_first_button.clicked.connect(self.select_all_but_first)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.keep_first_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.unpublish_button, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(900, 560)
        self.fill()

    def fill(self) -> None:
        groups = duplicate_groups(self.session.library.rows)
        self.tree.clear()
        for group in groups:
            top = QTreeWidgetItem([f"{len(group)} articles: {group[0].title or group[0].path}"])
            top.setFlags(Qt.ItemIsEnabled)
            for row in sorted(group, key=lambda r: (r.published is not True, -(r.quality or 0)
                                                    if isinstance(r.quality, int) else 0)):
                child = QTreeWidgetItem([str(row.title or ""), str(row.provider or ""),
                                         local_date(row.publishedDateTime),
                                         "yes" if row.published is True else "no", row.path])
                child.setData(0, PATH, row.path)
                top.addChild(child)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        articles = sum(len(g) for g in groups)
        self.summary.setText(
            f"{len(groups)} group{'s' if len(groups) != 1 else ''} of articles with the same address or the "
            f"same title ({articles} articles). Published ones and the best rated come first in each group. "
            "Double-click one to show it in the table." if groups else "No duplicates found: no two articles "
            "share an address or a title.")

    def selected_rels(self) -> list[str]:
        return [item.data(0, PATH) for item in self.tree.selectedItems() if item.data(0, PATH)]

    def select_all_but_first(self) -> None:
        self.tree.clearSelection()
        for n in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(n)
            for m in range(1, top.childCount()):
                top.child(m).setSelected(True)

    def unpublish_selected(self) -> None:
        rels = self.selected_rels()
        if not rels:
            return
        try:
            # review=False: a decision about copies, made from a list of titles (often "all but
            # the first of each"), not a look at each article: their review states stay
            self.session.edit(f"Unpublish {len(rels)} duplicate{'s' if len(rels) != 1 else ''}",
                              rels, Set(("published",), False), review=False)
        except ArticleProblem as p:
            self.summary.setText(f"Nothing was changed: {p}")
            return
        self.fill()

    def _show(self, item, _column=0) -> None:
        rel = item.data(0, PATH)
        if rel and self.show_in_table is not None:
            self.show_in_table(rel)
