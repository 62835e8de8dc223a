"""Edit ▸ Preferences: the few choices an editor makes once, kept in QSettings.

Each preference is declared once in ``PREFERENCES`` (key, default, kind); the rest of the
window reads them through ``value(settings, key)`` so a default is never spelled twice.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.editorial.review import REVIEW_FIELDS, SEEN_FIELDS


@dataclass(frozen=True)
class Preference:
    key: str
    default: object
    label: str
    tip: str = ""


PREFERENCES = {p.key: p for p in (
    Preference("review/autoAdvance", True, "Go to the next article after publish, unpublish or mark reviewed",
               "Lightroom-style triage: the table moves on by itself."),
    Preference("pictures/remote", True, "Load pictures from the web",
               "Off: no network request is made for any picture (privacy); cached ones are not shown either."),
    Preference("defaultFolder", "", "Folder to open when none is given",
               "Empty: the last folder opened, or the bundled sample articles."),
    Preference("review/fields", ",".join(REVIEW_FIELDS), "Fields whose change makes an article new again",
               "An article an editor reviewed becomes New again when someone else changes one of these."),
)}

FIELD_LABELS = {"title": "Title", "excerpt": "Excerpt", "originalUrl": "Original address", "webUrl": "Address",
                "provider": "Provider", "publishedDateTime": "Date", "category": "Category", "type": "Type"}


def value(settings: QSettings, key: str) -> object:
    """A preference's value, of its default's type (QSettings' INI files give strings back)."""
    pref = PREFERENCES[key]
    raw = settings.value(key, pref.default)
    if isinstance(pref.default, bool):
        return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1", "yes")
    return "" if raw is None else str(raw)


def review_fields(settings: QSettings) -> tuple[str, ...]:
    chosen = tuple(f for f in str(value(settings, "review/fields")).split(",") if f in SEEN_FIELDS)
    return chosen or REVIEW_FIELDS


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.settings = settings
        form = QFormLayout()
        self.auto_advance = self._check("review/autoAdvance")
        self.remote_pictures = self._check("pictures/remote")
        form.addRow(self.auto_advance)
        form.addRow(self.remote_pictures)

        self.folder = QLineEdit(str(value(settings, "defaultFolder")))
        self.folder.setObjectName("defaultFolder")
        self.folder.setPlaceholderText("the last folder opened")
        self.folder.setToolTip(PREFERENCES["defaultFolder"].tip)
        browse = QPushButton("Choose\u2026")
        browse.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        label = QLabel(PREFERENCES["defaultFolder"].label + ":")
        label.setBuddy(self.folder)
        form.addRow(label, row)

        chosen = review_fields(settings)
        self.fields: dict[str, QCheckBox] = {}
        fields_box = QVBoxLayout()
        for name in SEEN_FIELDS:
            box = QCheckBox(FIELD_LABELS.get(name, name))
            box.setObjectName(f"reviewField_{name}")
            box.setChecked(name in chosen)
            self.fields[name] = box
            fields_box.addWidget(box)
        heading = QLabel(PREFERENCES["review/fields"].label + ":")
        heading.setToolTip(PREFERENCES["review/fields"].tip)
        heading.setWordWrap(True)
        form.addRow(heading)
        form.addRow(fields_box)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _check(self, key: str) -> QCheckBox:
        pref = PREFERENCES[key]
        box = QCheckBox(pref.label)
        box.setObjectName(key.replace("/", "_"))
        box.setToolTip(pref.tip)
        box.setChecked(bool(value(self.settings, key)))
        return box

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder to open when none is given", self.folder.text())
        if folder:
            self.folder.setText(folder)

    def accept(self) -> None:
        s = self.settings
        s.setValue("review/autoAdvance", self.auto_advance.isChecked())
        s.setValue("pictures/remote", self.remote_pictures.isChecked())
        s.setValue("defaultFolder", self.folder.text().strip())
        fields = [name for name, box in self.fields.items() if box.isChecked()] or list(REVIEW_FIELDS)
        s.setValue("review/fields", ",".join(fields))
        s.sync()
        super().accept()
