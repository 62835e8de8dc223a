"""GUI tests end, whatever state they leave the window in: never a hang on a modal dialog.

pytest-qt closes the windows a test made (``qtbot.addWidget``) after the test. A window
with unsaved edits then asks "Save them before closing?" in a modal QMessageBox, and
nobody is there to click: a test that failed halfway through an edit hung the whole run
there instead of failing. Two guards, loaded by conftest.py:

- while the windows are closed after a test, that question is answered "Discard"
  (what the test's unsaved edits are: its own throwaway state);
- a modal dialog that stays up with no one answering it (MODAL_LIMIT_S while a test runs,
  TEARDOWN_LIMIT_S while its windows close) is closed, and the test fails saying which
  dialog it was, rather than waiting for ever.
"""
from __future__ import annotations

import os
import time

import pytest

# How long a modal dialog may stay up unanswered. Tests answer theirs at once (when_modal
# polls every 20 ms); the limit is only for a dialog nobody is going to answer.
MODAL_LIMIT_S = float(os.environ.get("NEWSDESK_TEST_MODAL_LIMIT_S", "30"))
TEARDOWN_LIMIT_S = min(MODAL_LIMIT_S, 5.0)
POLL_MS = 200


def _app():
    from PySide6.QtWidgets import QApplication
    return QApplication.instance()


class ModalWatch:
    """Polls for a modal dialog left up, from Qt's event loop (a dialog's exec() runs one)."""

    def __init__(self):
        from PySide6.QtCore import QTimer
        self.limit = MODAL_LIMIT_S
        self.left_open: list[str] = []
        self._seen = None
        self._since = 0.0
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        from PySide6.QtWidgets import QApplication, QMessageBox
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is not self._seen:
            self._seen, self._since = dialog, time.monotonic()
            return
        if time.monotonic() - self._since < self.limit:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        self.left_open.append(f"{type(dialog).__name__} \u201c{dialog.windowTitle()}\u201d"
                              + (f" ({text})" if text else "")
                              + f" stayed open {self.limit:g} s with nobody to answer it; closed it")
        self._seen = None
        if hasattr(dialog, "reject"):
            dialog.reject()  # its exec() returns: the test goes on, and fails
        else:
            dialog.close()

    def take(self) -> list[str]:
        found, self.left_open = self.left_open, []
        return found

    def stop(self) -> None:
        self.timer.stop()
        self.timer.deleteLater()


def _failure(found: list[str], when: str) -> str:
    return (f"a modal dialog was left open {when}: " + "; ".join(found)
            + ". Answer it in the test (gui_helpers.when_modal) or patch the prompt.")


class Guard:
    """The hooks (a plugin object: the teardown needs two impls of one hook)."""

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item):
        watch = item.stash[_WATCH] = ModalWatch() if _app() is not None else None
        result = yield
        if watch is not None and (found := watch.take()):
            pytest.fail(_failure(found, "during the test"), pytrace=False)
        return result

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item):
        """Runs around pytest-qt's own teardown wrapper, which closes the test's widgets
        before the fixtures are torn down: the discard question is answered while they
        close, and a dialog left open fails the test."""
        watch = item.stash.get(_WATCH, None)
        if watch is None and _app() is not None:
            watch = ModalWatch()  # a dialog opened while the fixtures were set up
        if watch is not None:
            watch.limit = TEARDOWN_LIMIT_S
        patch = item.stash[_PATCH] = pytest.MonkeyPatch()
        if _app() is not None:
            from PySide6.QtWidgets import QMessageBox

            def discard(*args, **kwargs):
                buttons = args[3] if len(args) > 3 else kwargs.get("buttons", QMessageBox.NoButton)
                if buttons & QMessageBox.Discard:
                    return QMessageBox.Discard  # the test's unsaved edits: thrown away, not saved
                if watch is not None:
                    watch.left_open.append(f"QMessageBox.question \u201c{args[1] if len(args) > 1 else ''}\u201d "
                                           "asked while the test's windows closed; answered No")
                return QMessageBox.No
            patch.setattr(QMessageBox, "question", staticmethod(discard))
        try:
            result = yield
        finally:
            patch.undo()
            if watch is not None:
                watch.stop()
        if watch is not None and (found := watch.take()):
            pytest.fail(_failure(found, "while the test's windows closed"), pytrace=False)
        return result


class Unpatch:
    """The widgets are closed (pytest-qt's wrapper has run its first half) and the fixtures
    are torn down next: the answer is taken away first, so that a test's own monkeypatch of
    the same prompt restores the original and ours does not put the test's back after it."""

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_teardown(self, item):
        patch = item.stash.get(_PATCH, None)
        if patch is not None:
            patch.undo()


def pytest_configure(config):
    config.pluginmanager.register(Guard(), "newsdesk-modal-guard")
    config.pluginmanager.register(Unpatch(), "newsdesk-modal-unpatch")


_WATCH = pytest.StashKey[object]()
_PATCH = pytest.StashKey[object]()
