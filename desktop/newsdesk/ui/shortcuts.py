"""Help > Keyboard Shortcuts: made from the window's own actions, so it cannot drift."""
from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

from newsdesk.ui.platform_keys import DEDICATED

# Keys handled inside the detail panel's editors (not window actions).
PANEL_KEYS = [
    ("Topics list", "Delete", "Remove the selected topic"),
    ("Topics list / Related links", "Alt+Up / Alt+Down", "Move the selected item up or down"),
    ("Topic box", "Enter", "Add the typed topic (with completion from the library)"),
    ("Related links", "F2 or double-click", "Edit the title or URL of a link"),
    ("Related links", "Insert or Alt+L", "Add a related link by URL and title"),
    ("Related links", "Alt+B", "Add another article of the library as a related link"),
    ("Related links", "Delete", "Remove the selected link"),
    ("Related links", "Ctrl+Enter", "Open the selected link in the browser"),
    ("Article table", "Up / Down / Page Up / Page Down / Home / End", "Move through the articles"),
    ("Search box", "Enter", "Search now and go back to the table (a search with a mistake keeps the "
                            "keyboard, at the mistake)"),
    ("Text fields", "Ctrl+Z", "Undo the typing in the field; with none, the last edit (as Edit > Undo)"),
]


def shortcut_rows(actions) -> list[tuple[str, str, str]]:
    rows = []
    for where, action in actions:
        keys = " or ".join(s.toString(QKeySequence.NativeText) for s in action.shortcuts()
                           if s.toString(QKeySequence.PortableText) not in DEDICATED)
        if keys:
            rows.append((where, keys, action.text().replace("&", "").rstrip(".\u2026")))
    return rows + PANEL_KEYS


class ShortcutsDialog(QDialog):
    def __init__(self, actions, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = shortcut_rows(actions)
        table = QTableWidget(len(rows), 3)
        table.setObjectName("shortcutTable")
        table.setHorizontalHeaderLabels(["Where", "Keys", "Does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.NoEditTriggers)
        for r, values in enumerate(rows):
            for c, text in enumerate(values):
                table.setItem(r, c, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(720, 560)
