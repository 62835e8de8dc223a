"""Opening a link of an article: only http(s) opens without asking.

Addresses come from the files, so they are untrusted: ``javascript:``,
``file:///etc/passwd`` or ``smb://host/run.exe`` as a webUrl must not open a program
with one click. Anything but http(s) is put to the editor first, with the address shown
plainly; one that cannot be opened (no browser) is said in the window's status bar.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

SAFE_SCHEMES = ("http", "https")


def is_safe(url: str) -> bool:
    """A link that opens without asking: http(s) with a host."""
    qurl = QUrl(url.strip())
    return qurl.isValid() and qurl.scheme().lower() in SAFE_SCHEMES and bool(qurl.host())


def ask(parent: QWidget | None, url: str) -> bool:
    """The editor's word on a link that is not http(s). (Tests replace this.)"""
    shown = url if len(url) <= 300 else url[:297] + "\u2026"
    box = QMessageBox(QMessageBox.Warning, "Open This Link?",
                      "This link is not a web address, so opening it may start another program "
                      f"or read a file on this computer:\n\n{shown}", QMessageBox.NoButton, parent)
    box.setTextFormat(Qt.PlainText)  # the address is shown as it is, never as rich text
    open_button = box.addButton("Open", QMessageBox.AcceptRole)
    box.setDefaultButton(box.addButton(QMessageBox.Cancel))
    box.exec()
    return box.clickedButton() is open_button  # closed any other way: not opened


def _say(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else QApplication.activeWindow()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 8000)


def open_link(parent: QWidget | None, url: str) -> bool:
    """Open ``url`` in the browser (or what the system has for it); True if it opened."""
    url = (url or "").strip()
    if not url:
        return False
    if not is_safe(url) and not ask(parent, url):
        return False
    if not QDesktopServices.openUrl(QUrl(url)):
        _say(parent, f"Could not open {url[:120]}: no program to open it with")
        return False
    return True
