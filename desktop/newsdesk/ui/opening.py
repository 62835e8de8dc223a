"""Where a folder comes from: File > Open Folder, Open File and Open Recent."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from newsdesk.core.printable import printable
from newsdesk.ui import settings as settings_mod

ARTICLE_FILES = "Articles (*.md *.markdown *.txt *.html);;All files (*)"


class Opening:
    def __init__(self, parent, settings, root, open_path):
        self.parent, self.settings = parent, settings
        self.root = root              # () -> the open folder, or None
        self.open_path = open_path    # (path) -> opens it

    def _start(self) -> str:
        root = self.root()
        return str(root) if root is not None else str(Path.home())

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.parent, "Open Folder of Articles", self._start())
        if folder:
            self.open_path(folder)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.parent, "Open Article", self._start(), ARTICLE_FILES)
        if name:
            self.open_path(name)

    def fill_recent(self, menu) -> None:
        menu.clear()
        for folder in settings_mod.recent_folders(self.settings):
            menu.addAction(printable(folder)).triggered.connect(lambda _=False, f=folder: self.open_path(f))
        if not menu.actions():
            menu.addAction("No recent folders").setEnabled(False)
