"""Help > Keyboard Shortcuts: made from the window's own actions, so it cannot drift; the
keys that belong to one widget of the panel (a KeyMap's) are declared here with the
widget whose KeyMap holds them, and tests/test_shortcuts.py checks each list against
that KeyMap, both ways (Help said topics moved with Alt+Up/Down while the chips were
shown moving with Alt+Left/Right). The panel's tabs are listed from their own mnemonics."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from newsdesk.ui.platform_keys import DEDICATED
from newsdesk.ui.qtcompat import enum_int

ALT, CTRL, NONE = Qt.AltModifier, Qt.ControlModifier, Qt.NoModifier


@dataclass(frozen=True)
class PanelKey:
    where: str
    does: str
    keys: tuple = ()   # (key, modifiers) pairs, as the widget's KeyMap binds them
    widget: str = ""   # the detail panel's attribute holding that KeyMap ("" : Qt's own keys)
    text: str = ""     # the keys as words, where they are not a KeyMap's (a button's mnemonic, Qt's own)

    def key_text(self) -> str:
        names = []
        for key, mods in self.keys:  # the keypad's Enter has its own name: Ctrl+Enter beside Ctrl+Return
            name = QKeySequence(enum_int(key) | (enum_int(mods) & ~enum_int(Qt.KeypadModifier))).toString(
                QKeySequence.NativeText)
            if name not in names:
                names.append(name)
        return " or ".join(names + [self.text] * bool(self.text))

    def bindings(self) -> set[tuple[int, int]]:
        return {(enum_int(key), enum_int(mods)) for key, mods in self.keys}


PANEL_KEYS = (
    PanelKey("Article table", "Move through the articles (with Shift: select the rows on the way); "
             "Home and End: the first and last article", text="Up/Down, Page Up/Down, Home/End"),
    PanelKey("Article table", "Move the current cell across the columns, the table following (F2 in Quality "
             "edits it)",
             text="Left / Right"),
    PanelKey("Topics (the chips)", "Move the selected topic earlier or later (or drag it)",
             ((Qt.Key_Left, ALT), (Qt.Key_Right, ALT), (Qt.Key_Up, ALT), (Qt.Key_Down, ALT)), "topic_list"),
    PanelKey("Topics (the chips)", "Remove the selected topic (or click its \u00d7)",
             ((Qt.Key_Delete, NONE), (Qt.Key_Backspace, NONE)), "topic_list"),
    PanelKey("Topic box", "Add the typed topic (with completion from the library)", text="Enter"),
    PanelKey("Topic box", "In the empty box: remove the last topic", text="Backspace"),
    PanelKey("Related links", "Move the selected link up or down (or drag it)",
             ((Qt.Key_Up, ALT), (Qt.Key_Down, ALT)), "related_view"),
    PanelKey("Related links", "Add a related link by URL and title", ((Qt.Key_Insert, NONE),), "related_view",
             text="Alt+L"),
    PanelKey("Related links", "Add another article of the library as a related link", text="Alt+B"),
    PanelKey("Related links", "Remove the selected link", ((Qt.Key_Delete, NONE), (Qt.Key_Backspace, NONE)),
             "related_view"),
    PanelKey("Related links", "Open the selected link in the browser",
             ((Qt.Key_Return, CTRL), (Qt.Key_Enter, CTRL | Qt.KeypadModifier)), "related_view"),
    PanelKey("Related links", "Edit the title or URL of a link", text="F2 or double-click"),
    PanelKey("Search box", "Search now and go back to the table (a search with a mistake keeps the "
             "keyboard, at the mistake)", text="Enter"),
    PanelKey("Text fields", "Undo the typing in the field; with none, the last edit (as Edit > Undo)",
             text="Ctrl+Z"),
)


def tab_rows(tabs) -> list[tuple[str, str, str]]:
    """The panel's tabs by their mnemonics, read from the tabs themselves."""
    rows = []
    for n in range(tabs.count() if tabs is not None else 0):
        text = tabs.tabText(n)
        key = QKeySequence.mnemonic(text).toString(QKeySequence.NativeText)
        if key:
            rows.append(("Anywhere", key, f"The panel's {text.replace('&', '')} tab"))
    return rows


def shortcut_rows(actions, tabs=None) -> list[tuple[str, str, str]]:
    rows = []
    for where, action in actions:
        keys = " or ".join(s.toString(QKeySequence.NativeText) for s in action.shortcuts()
                           if s.toString(QKeySequence.PortableText) not in DEDICATED)
        if keys:
            rows.append((where, keys, action.text().replace("&", "").rstrip(".\u2026")))
    return rows + [(k.where, k.key_text(), k.does) for k in PANEL_KEYS] + tab_rows(tabs)


class ShortcutsDialog(QDialog):
    def __init__(self, actions, parent=None, tabs=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        detail = getattr(parent, "detail", None)
        rows = shortcut_rows(actions, tabs if tabs is not None else getattr(detail, "tabs", None))
        table = QTableWidget(len(rows), 3)
        table.setObjectName("shortcutTable")
        table.setHorizontalHeaderLabels(["Where", "Keys", "Does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectRows)
        table.setWordWrap(True)            # a long "Does" wraps to more lines, never cut with "..."
        table.setTextElideMode(Qt.ElideNone)
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                table.setItem(r, c, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # rows as tall as their text
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(860, 600)
