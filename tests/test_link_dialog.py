"""The Add Link dialog says a duplicate as soon as it is typed or pasted (OK disabled, the
reason shown), and shows its hint whole, at 1366x768 and with larger fonts."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from gui_helpers import select_title, when_modal
from newsdesk.core.editorial.related import url_of
from panel_helpers import OPTICAL, data_of, panel_window


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    window = panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")
    window.resize(1366, 768)
    return window


def run_dialog(window, qtbot, steps) -> dict:
    """Open Add Link with its button, run ``steps(dialog, url, title, ok, seen)``, cancel."""
    seen = {}

    def in_dialog(dialog):
        url, title = dialog.findChild(QLineEdit, "linkUrl"), dialog.findChild(QLineEdit, "linkTitle")
        try:
            steps(dialog, url, title, dialog.buttons.button(QDialogButtonBox.Ok), seen)
        finally:
            if dialog.isVisible():
                dialog.reject()
    when_modal(in_dialog)
    window.detail.related_buttons[1][0].click()
    return seen


def shown_whole(dialog, label) -> bool:
    """The label is laid out at its full height (every line) inside the dialog, above the buttons."""
    QApplication.processEvents()
    geometry = label.geometry()
    return (label.isVisible() and label.height() >= label.heightForWidth(label.width())
            and dialog.rect().contains(geometry) and geometry.bottom() < dialog.buttons.geometry().top())


def test_a_duplicate_is_said_as_it_is_typed_or_pasted_and_still_refused_on_enter(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    related = data_of(window, rel)["related"]
    existing = url_of(related[1])

    def steps(dialog, url, title, ok, seen):
        qtbot.keyClicks(url, existing[:-3])
        seen["partial"] = (ok.isEnabled(), dialog.error.isVisible())
        qtbot.keyClicks(url, existing[-3:] + "/")  # the same page, spelled with a slash
        seen["typed"] = (ok.isEnabled(), dialog.error.isVisible(), dialog.error.text(), dialog.found.isVisible(),
                         shown_whole(dialog, dialog.error))
        qtbot.keyClicks(title, "My own words")
        qtbot.keyClick(url, Qt.Key_Return)
        seen["after_enter"] = (dialog.isVisible(), url.text(), title.text())
        url.clear()
        seen["cleared"] = (ok.isEnabled(), dialog.error.isVisible())
        QGuiApplication.clipboard().setText(existing)
        qtbot.keyClick(url, Qt.Key_V, Qt.ControlModifier)
        seen["pasted"] = (url.text(), ok.isEnabled(), dialog.error.text())
    seen = run_dialog(window, qtbot, steps)
    assert seen["partial"] == (True, False)
    assert seen["typed"] == (False, True, "That link is already among the related links (item 2).", False, True)
    assert seen["after_enter"] == (True, existing + "/", "My own words")  # refused, nothing typed lost
    assert seen["cleared"] == (True, False)
    assert seen["pasted"] == (existing, False, "That link is already among the related links (item 2).")
    assert data_of(window, rel)["related"] == related
    assert window.session.library.dirty() == []
    assert {p.name: p.read_bytes() for p in window.folder.iterdir() if p.is_file()} == window.before


@pytest.mark.parametrize("points", [None, 16])
def test_the_library_hint_is_shown_whole(window, qtbot, points):
    rel = select_title(window, qtbot, "Hybrid")
    font = QApplication.font()
    if points:
        bigger = QFont(font)
        bigger.setPointSize(points)
        QApplication.setFont(bigger)

    def steps(dialog, url, title, ok, seen):
        qtbot.keyClicks(url, data_of(window, OPTICAL)["webUrl"])
        qtbot.waitUntil(lambda: dialog.found.isVisible(), timeout=3000)
        seen["lines"] = dialog.found.heightForWidth(dialog.found.width()) // dialog.found.fontMetrics().lineSpacing()
        seen["whole"] = shown_whole(dialog, dialog.found)
        seen["ok"] = ok.isEnabled()
        dialog.resize(380, dialog.height())  # narrower: more lines, still whole
        qtbot.waitUntil(lambda: shown_whole(dialog, dialog.found), timeout=3000)
        seen["narrow"] = dialog.found.heightForWidth(dialog.found.width()) // dialog.found.fontMetrics().lineSpacing()
    try:
        seen = run_dialog(window, qtbot, steps)
    finally:
        QApplication.setFont(font)
    assert seen["lines"] >= 2 and seen["whole"] and seen["ok"]
    assert seen["narrow"] > seen["lines"]
    assert len(data_of(window, rel)["related"]) == 3  # cancelled: nothing added
