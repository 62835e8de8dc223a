"""Preferences: chosen with the keyboard or the mouse, kept across restarts, read with their types."""
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from newsdesk.core.editorial.review import REVIEW_FIELDS
from newsdesk.ui.preferences import PreferencesDialog, review_fields, value


def ini(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


def test_defaults_before_anything_is_chosen(tmp_path):
    s = ini(tmp_path)
    assert value(s, "review/autoAdvance") is True and value(s, "pictures/remote") is True
    assert value(s, "defaultFolder") == "" and review_fields(s) == REVIEW_FIELDS


def test_choices_are_kept_across_a_restart(qtbot, tmp_path):
    dialog = PreferencesDialog(ini(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.remote_pictures, Qt.LeftButton, pos=dialog.remote_pictures.rect().bottomLeft() / 2)
    dialog.auto_advance.setFocus()
    qtbot.keyClick(dialog.auto_advance, Qt.Key_Space)
    dialog.fields["publishedDateTime"].setChecked(True)
    dialog.fields["excerpt"].setChecked(False)
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(tmp_path))
    dialog.buttons.button(QDialogButtonBox.Ok).click()
    again = ini(tmp_path)  # what a new process reads
    assert value(again, "pictures/remote") is False and value(again, "review/autoAdvance") is False
    assert value(again, "defaultFolder") == str(tmp_path)
    assert "publishedDateTime" in review_fields(again) and "excerpt" not in review_fields(again)


def test_cancel_keeps_everything(qtbot, tmp_path):
    dialog = PreferencesDialog(ini(tmp_path))
    qtbot.addWidget(dialog)
    dialog.remote_pictures.setChecked(False)
    dialog.buttons.button(QDialogButtonBox.Cancel).click()
    assert value(ini(tmp_path), "pictures/remote") is True


def test_no_field_chosen_falls_back_to_the_defaults(qtbot, tmp_path):
    dialog = PreferencesDialog(ini(tmp_path))
    qtbot.addWidget(dialog)
    for box in dialog.fields.values():
        box.setChecked(False)
    dialog.accept()
    assert review_fields(ini(tmp_path)) == REVIEW_FIELDS


def test_the_default_folder_is_opened_when_none_is_given(tmp_path):
    from pathlib import Path

    from newsdesk.ui.app import start_path
    s = ini(tmp_path)
    site, last = tmp_path / "site", tmp_path / "last"
    site.mkdir()
    last.mkdir()
    s.setValue("lastFolder", str(last))
    assert start_path(None, s) == last
    s.setValue("defaultFolder", str(site))
    assert start_path(None, s) == site and start_path("given", s) == Path("given")
    s.setValue("defaultFolder", str(tmp_path / "gone"))
    assert start_path(None, s) == last
