"""Help ▸ About: versions, where the log is, and the licence of everything shipped.

The installers carry the licence texts in the bundle's ``licences/`` folder
(packaging/collect_licences.py); a pip install shows Newsdesk's own licence and names
the packages it runs on, whose texts come with them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from newsdesk import diagnostics, environment

MIT = ("Newsdesk is free software under the MIT licence: use, copy, change and share it, "
       "keeping the copyright notice. It comes with no warranty.")
PIP_NOTE = ("This copy runs on the Python packages installed beside it: PySide6 and Qt 6 "
            "(LGPL-3.0), shiboken6 (LGPL-3.0) and PyYAML (MIT), each with its licence in its "
            "package's metadata. The installers carry every text in a licences folder.")


def licence_texts() -> dict[str, str]:
    """Title -> text: the bundle's licences folder, or Newsdesk's own licence and a note."""
    bundle = environment.bundle_dir()
    folder = Path(bundle) / "licences" if bundle else None
    if folder is not None and folder.is_dir():
        texts = {}
        index = folder / "THIRD-PARTY.txt"
        if index.is_file():
            texts["Everything shipped"] = index.read_text(encoding="utf-8")
        for path in sorted(folder.glob("*.txt")):
            if path != index:
                texts[path.stem] = path.read_text(encoding="utf-8", errors="replace")
        return texts
    root = Path(__file__).resolve().parents[3] / "LICENSE"  # a source checkout
    own = root.read_text(encoding="utf-8") if root.is_file() else MIT
    return {"Newsdesk (MIT)": own, "Third-party packages": PIP_NOTE}


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Newsdesk")
        versions = dict(diagnostics.versions())
        log = diagnostics.current_log() or diagnostics.log_dir() / diagnostics.LOG_NAME
        header = QLabel(f"<h3>Newsdesk {versions['Newsdesk']}</h3>"
                        "<p>Review and curate front-matter articles; every byte you did not touch "
                        f"stays as it was.</p><p>{MIT}</p>"
                        f"<p>Python {versions['Python']}<br>Qt {versions['Qt']}, "
                        f"PySide6 {versions['PySide6']}</p>"
                        f"<p>Log file: <code>{log}</code></p>", self)
        header.setWordWrap(True)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.texts = licence_texts()
        self.choice = QListWidget(self)
        self.choice.addItems(list(self.texts))
        self.choice.setMaximumWidth(220)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the texts are wrapped already
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.choice.currentTextChanged.connect(lambda title: self.text.setPlainText(self.texts.get(title, "")))
        self.choice.setCurrentRow(0)
        body = QHBoxLayout()
        body.addWidget(self.choice)
        body.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addWidget(QLabel("Licences:", self))
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)


def show_about(parent: QWidget | None = None) -> None:
    AboutDialog(parent).exec()
