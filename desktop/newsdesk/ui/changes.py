"""The Changes panel: every unsaved article, and the exact diff Save will write for it.

The diff comes from the core (``Library.change``: the same plan saving writes, merge with
the disk included), computed for the article chosen in the list only, so a bulk edit of
thousands of articles lists at once. Save and Revert act on the articles chosen; Save All
on all of them. The panel holds no file logic: the window hands it four callables.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFontDatabase, QSyntaxHighlighter, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.printable import printable
from newsdesk.ui.qtcompat import carried, carry
from newsdesk.ui.safe_text import one_line

REL_ROLE = Qt.UserRole + 1


class DiffHighlighter(QSyntaxHighlighter):
    """Added lines green, removed red, hunk headers blue: as every git tool shows a diff."""

    def __init__(self, document):
        super().__init__(document)
        self.formats = {}
        for mark, color in (("+", "#1a7f37"), ("-", "#cf222e"), ("@", "#0969da")):
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(color))
            self.formats[mark] = fmt

    def highlightBlock(self, text: str) -> None:  # Qt's name
        if text.startswith(("+++", "---")):
            return
        fmt = self.formats.get(text[:1])
        if fmt is not None:
            self.setFormat(0, len(text), fmt)


class ChangesPanel(QWidget):
    def __init__(self, dirty: Callable[[], list[tuple[str, str]]], change: Callable[[str], object],
                 save: Callable[[list[str]], None], revert: Callable[[list[str]], None],
                 save_all: Callable[[], None], parent=None):
        super().__init__(parent)
        self.setObjectName("changes")
        self._dirty, self._change, self._save, self._revert, self._save_all = dirty, change, save, revert, save_all
        self.summary = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("changesList")
        self.list.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.diff = QPlainTextEdit()
        self.diff.setObjectName("changesDiff")
        self.diff.setReadOnly(True)
        self.diff.setLineWrapMode(QPlainTextEdit.NoWrap)
        # the desktop's fixed-width font, as the Git commit dialog's diff ("monospace" is a
        # fontconfig alias: no family of that name on Windows or macOS)
        fixed = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.diff.setFont(fixed)
        self.diff.document().setDefaultFont(fixed)
        self.highlighter = DiffHighlighter(self.diff.document())
        split = QSplitter(Qt.Vertical)
        split.addWidget(self.list)
        split.addWidget(self.diff)
        split.setStretchFactor(1, 3)
        self.save_button = QPushButton("&Save")
        self.save_button.setToolTip("Write the chosen articles: exactly the diff shown")
        # no Alt+letter: each of its letters is a menu's or the panel's, and it drops edits
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Drop the unsaved edits of the chosen articles")
        self.save_all_button = QPushButton("Save &All")
        self.save_button.clicked.connect(lambda: self._save(self.chosen()))
        self.revert_button.clicked.connect(lambda: self._revert(self.chosen()))
        self.save_all_button.clicked.connect(lambda: self._save_all())
        buttons = QHBoxLayout()
        for b in (self.save_button, self.revert_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.save_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.when_done = self.list.setFocus  # where the keyboard goes once nothing is left to save
        self._refresh_timer = QTimer(self, singleShot=True, interval=150)
        self._refresh_timer.timeout.connect(self.refresh)
        self.refresh()

    def chosen(self) -> list[str]:
        rels = [carried(item.data(REL_ROLE)) for item in self.list.selectedItems()]
        if not rels and self.list.currentItem() is not None:
            rels = [carried(self.list.currentItem().data(REL_ROLE))]
        return rels

    def refresh_soon(self) -> None:
        """Edits come in bursts (a bulk edit, typing): list them once the burst is over."""
        self._refresh_timer.start()

    def refresh(self) -> None:
        current = carried(self.list.currentItem().data(REL_ROLE)) if self.list.currentItem() else None
        entries = self._dirty()
        self.list.blockSignals(True)
        self.list.clear()
        keep = None
        for rel, title in entries:
            item = QListWidgetItem(f"{one_line(title) if title else printable(rel)}\n{printable(rel)}")
            item.setData(REL_ROLE, carry(rel))
            item.setToolTip(printable(rel))
            self.list.addItem(item)
            if rel == current:
                keep = item
        self.list.blockSignals(False)
        n = len(entries)
        self.summary.setText("No unsaved changes" if not n else f"{n:,} unsaved article{'s' if n != 1 else ''}")
        buttons = (self.save_button, self.revert_button, self.save_all_button)
        pressed_here = any(b.hasFocus() for b in buttons)
        for b in buttons:
            b.setEnabled(bool(n))
        if pressed_here and not n:
            # Qt hands a disabled button's focus to the next widget: the window's search box,
            # where the next P or U would have replaced the search (a tester's slip).
            self.when_done()
        if keep is None and self.list.count():
            keep = self.list.item(0)
        if keep is not None:
            self.list.setCurrentItem(keep)
        self._show_current()

    def _show_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.diff.setPlainText("")
            return
        change = self._change(carried(item.data(REL_ROLE)))
        if change.problem:
            self.diff.setPlainText(f"Cannot be saved as it is: {change.problem}")
        else:
            self.diff.setPlainText(change.diff or "Saving would change nothing in this file.")


class ChangesDock(QDockWidget):
    """View ▸ Changes: the panel over the window's open folder (refreshed only while shown)."""

    def __init__(self, window):
        super().__init__("Changes", window)
        self.setObjectName("changesDock")
        self.window = window

        def dirty():
            session = window.session
            if session is None:
                return []
            library = session.library
            return [(rel, library.draft(rel).data.get("title")) for rel in library.dirty()]

        def change(rel):
            return window.session.library.change(rel)

        def save(rels):
            window.saving.save(rels)
            self.panel.refresh()

        def revert(rels):
            window.session.revert(rels)
            self.panel.refresh()

        def save_all():
            window.saving.save()
            self.panel.refresh()
        self.panel = ChangesPanel(dirty, change, save, revert, save_all, self)
        self.panel.when_done = lambda: window.table.setFocus()  # back to the articles
        self.setWidget(self.panel)
        self.visibilityChanged.connect(lambda shown: shown and self.panel.refresh())

    def follow(self, session) -> None:
        """A folder opened: list its edits as they come (while the dock is shown)."""
        session.changed.connect(self._soon)
        session.saved.connect(self._soon)
        self.panel.refresh()

    def _soon(self, _rels=None) -> None:
        if self.isVisible():
            self.panel.refresh_soon()
