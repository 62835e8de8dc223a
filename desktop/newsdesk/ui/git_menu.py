"""The Git menu and the Git column: shown only when the folder is inside a git work
tree. Status, pull and push run off the UI thread; results come back as signals."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.editorial.git import NO_REMOTE, NOTE, GitError, GitRepo, Outcome
from newsdesk.core.printable import printable
from newsdesk.ui.background import run_in_pool
from newsdesk.ui.changes import DiffHighlighter
from newsdesk.ui.qtcompat import debounce

STATUS_PAUSE_MS = 500  # saves come in bursts: one status per burst


@dataclass
class GitHost:
    """All the Git menu may ask of the window, and nothing more."""
    parent: QWidget                          # dialogs go over it
    root: Callable[[], Path | None]          # the open folder (None: none)
    save: Callable[[], bool]                 # save every unsaved article; False: not all saved
    unsaved: Callable[[], bool]              # are there unsaved edits?
    file: Callable[[str], Path]              # an article's file
    show_states: Callable[[dict], None]      # rel -> git state, for the Git column
    available: Callable[[bool], None]        # inside a work tree or not (the Git column's shown-when)
    message: Callable[[str], None]           # a line in the status bar
    pulled: Callable[[], None]               # files may have changed: re-read the open ones


REMOTE_ACTIONS = ("git_pull", "git_push")  # they need a remote


class _Signals(QObject):
    found = Signal(object, object)     # repo (or None), (states, remotes)
    states = Signal(object)            # (dict rel -> state, remote names)
    outcome = Signal(str, object)      # "pull" / "push", Outcome


class CommitDialog(QDialog):
    """The message, the files (each can stay out), and the diff of the file chosen: what the
    commit records, as the Changes panel showed it before saving."""

    def __init__(self, states: dict[str, str], parent=None, diff=None, message: str = ""):
        super().__init__(parent)
        self._diff = diff  # rel -> its diff against HEAD
        self.setWindowTitle("Commit")
        self.message = QPlainTextEdit()
        self.message.setObjectName("commitMessage")
        self.message.setPlaceholderText("What changed, for the site's history (the first line is the summary)")
        self.message.setMaximumHeight(self.fontMetrics().height() * 6)
        self.message.setPlainText(message)  # one a failed or cancelled commit left
        self.files = QListWidget()
        self.files.setObjectName("commitFiles")
        self._rels = sorted(states)  # the names as Python holds them (Qt text drops a non-UTF-8 name's bytes)
        for n, rel in enumerate(self._rels):
            state = states[rel]
            item = QListWidgetItem(f"{printable(rel)}  ({state})")
            item.setData(Qt.UserRole, n)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked if state == "conflict" else Qt.Checked)
            self.files.addItem(item)
        self.diff = QPlainTextEdit(objectName="commitDiff", readOnly=True)
        self.diff.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.diff.setFont(QFontDatabase.systemFont(QFontDatabase.FixedFont))
        self.highlighter = DiffHighlighter(self.diff.document())
        self.files.currentItemChanged.connect(lambda item, _old: self._show_diff(item))
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.commit_button = self.buttons.addButton("Commit", QDialogButtonBox.AcceptRole)
        self.commit_button.setObjectName("commitButton")
        self.commit_button.setToolTip("Commit the checked files (Ctrl+Return in the message)")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Ctrl+Return commits, as in git GUIs (Return alone is a new line of the message)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        self.problem = QLabel(objectName="commitProblem")  # why Commit did not close the dialog
        self.problem.setTextFormat(Qt.PlainText)
        self.problem.setStyleSheet("color: palette(highlight); font-weight: bold")
        self.problem.hide()
        self.message.textChanged.connect(self._message_typed)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("&Message:", buddy=self.message))
        layout.addWidget(self.message)
        layout.addWidget(self.problem)
        layout.addWidget(QLabel("Files (unchecked ones stay out of this commit):"))
        layout.addWidget(self.files)
        layout.addWidget(self.diff, 2)
        layout.addWidget(self.buttons)
        self.resize(760, 640)
        if self.files.count():
            self.files.setCurrentRow(0)

    def _show_diff(self, item) -> None:
        if item is None or self._diff is None:
            self.diff.setPlainText("")
            return
        try:
            text = self._diff(self._rels[item.data(Qt.UserRole)])
        except GitError as e:
            text = f"git could not show the diff: {e}"
        self.diff.setPlainText(text or "No change to commit in this file.")

    def accept(self) -> None:
        """Commit only with a message: without one the dialog stays, the field is marked
        and has the keyboard, and the files chosen stay chosen (it closed, then said
        "Nothing was committed", and the choices were gone)."""
        if not self.message.toPlainText().strip():
            self.problem.setText("Write a message: the commit needs one.")
            self.problem.show()
            self.message.setStyleSheet("QPlainTextEdit { border: 2px solid palette(highlight) }")
            self.message.setFocus(Qt.OtherFocusReason)
            return
        super().accept()

    def _message_typed(self) -> None:
        if self.problem.isVisible() and self.message.toPlainText().strip():
            self.problem.hide()
            self.message.setStyleSheet("")

    def chosen(self) -> list[str]:
        return [self._rels[self.files.item(n).data(Qt.UserRole)] for n in range(self.files.count())
                if self.files.item(n).checkState() == Qt.Checked]


class GitMenu(QObject):
    """The Git menu's work over a host (GitHost) and the actions made for it (ui/actions.py:
    git_commit, git_pull, git_push, git_refresh, by name)."""

    def __init__(self, host: GitHost, menu, actions: dict, parent=None):
        super().__init__(parent)
        self.host = host
        self.menu = menu
        self.menu.setToolTipsVisible(True)  # a disabled Pull says why
        self.actions = dict(actions)
        self._tips = {name: action.toolTip() for name, action in self.actions.items()}
        self.remotes: list[str] = []
        self.repo: GitRepo | None = None
        self.states: dict[str, str] = {}
        self.draft = ""  # the commit message typed, until a commit takes it
        self.signals = _Signals(self)
        self.signals.found.connect(self._found)
        self.signals.states.connect(self._states)
        self.signals.outcome.connect(self._outcome)
        self._timer = debounce(self, STATUS_PAUSE_MS, self.refresh)
        self._set_available(False)

    def _set_available(self, on: bool) -> None:
        """The menu and the column exist only inside a work tree."""
        self.menu.menuAction().setVisible(on)
        for action in self.actions.values():
            action.setEnabled(on)
        self._show_remotes()
        self.host.available(on)

    def _show_remotes(self) -> None:
        """Pull and Push only with a remote to go to; disabled, their tooltip says why."""
        reachable = self.repo is not None and bool(self.remotes)
        for name in REMOTE_ACTIONS:
            action = self.actions.get(name)
            if action is None:
                continue
            action.setEnabled(reachable)
            tip = self._tips[name] if reachable or self.repo is None else NO_REMOTE
            action.setToolTip(tip)
            action.setStatusTip(tip)

    # ---- status ----------------------------------------------------------------
    def open(self, root) -> None:
        """Look for a work tree around ``root`` (in a thread), then its status."""
        self.repo, self.states, self.remotes = None, {}, []
        self._set_available(False)

        def find():
            repo = GitRepo.find(root)
            return repo, ((repo.status(root), repo.remotes()) if repo is not None else ({}, []))
        run_in_pool(find, lambda r: self.signals.found.emit(*r) if isinstance(r, tuple)
                    else self.signals.found.emit(None, ({}, [])), errors=(GitError,))

    def _found(self, repo, found) -> None:
        self.repo = repo
        self.remotes = list(found[1])
        self._set_available(repo is not None)
        self._states(found)

    def refresh_soon(self) -> None:
        if self.repo is not None:
            self._timer.start()

    def refresh(self) -> None:
        repo, root = self.repo, self.host.root()
        if repo is None or root is None:
            return
        run_in_pool(lambda: (repo.status(root), repo.remotes()),  # (a remote added since: Pull works)
                    lambda r: self.signals.states.emit(r if isinstance(r, tuple) else ({}, self.remotes)),
                    errors=(GitError,))

    def _states(self, found) -> None:
        states, self.remotes = found
        self.states = dict(states or {})
        self._show_remotes()
        self.host.show_states(self.states)

    # ---- actions -------------------------------------------------------------------
    def commit(self, message: str | None = None, rels: list[str] | None = None) -> bool:
        host = self.host
        if self.repo is None or host.root() is None:
            return False
        if host.unsaved():
            answer = QMessageBox.question(host.parent, "Commit", "Some articles have unsaved edits. Save them "
                                          "first, so the commit holds them?", QMessageBox.Save | QMessageBox.Cancel,
                                          QMessageBox.Save)
            if answer != QMessageBox.Save or not host.save():
                return False
        try:
            self.states = self.repo.status(host.root())
        except GitError as e:
            QMessageBox.warning(host.parent, "Commit", str(e))
            return False
        if not self.states:
            QMessageBox.information(host.parent, "Commit", "Nothing to commit: every article is as committed.")
            return False
        if message is None or rels is None:
            dialog = CommitDialog(self.states, host.parent, diff=lambda rel: self.repo.diff(host.file(rel)),
                                  message=self.draft)
            accepted = dialog.exec() == QDialog.Accepted
            self.draft = dialog.message.toPlainText()  # kept until a commit takes it (it was lost)
            if not accepted:
                return False
            message, rels = self.draft, dialog.chosen()
        try:
            summary = self.repo.commit([host.file(rel) for rel in rels], message)
        except GitError as e:
            QMessageBox.warning(host.parent, "Commit", f"Nothing was committed: {e}")
            return False
        self.draft = ""
        host.message(f"Committed: {summary}")
        if NOTE in summary:  # a hook of the repository's did not run: said where it is read
            QMessageBox.information(host.parent, "Commit", f"Committed: {summary}")
        self.refresh()
        return True

    def pull(self) -> None:
        self._remote("pull", self.repo.pull if self.repo else None)

    def push(self) -> None:
        self._remote("push", self.repo.push if self.repo else None)

    def _remote(self, what: str, fn) -> None:
        if fn is None:
            return
        self.host.message(f"git {what}\u2026")
        def done(r):
            self.signals.outcome.emit(what, r if isinstance(r, Outcome) else Outcome(False, str(r), []))
        run_in_pool(fn, done,
                    errors=(GitError,))

    def _outcome(self, what: str, outcome: Outcome) -> None:
        if outcome.ok and NOTE not in outcome.message:
            self.host.message(f"git {what}: {outcome.message}")
        else:
            files = "".join(f"\n  {name}" for name in outcome.conflicts[:30])
            QMessageBox.warning(self.host.parent, f"git {what}", outcome.message + files)
        self.refresh()
        if what == "pull":
            self.host.pulled()  # files pulled are re-read (the watcher sees the rest)
