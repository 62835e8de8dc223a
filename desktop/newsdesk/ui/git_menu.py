"""The Git menu and the Git column: shown only when the folder is inside a git work
tree. Status, pull and push run off the UI thread; results come back as signals."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
)

from newsdesk.core.git import GitError, GitRepo, Outcome
from newsdesk.ui.background import run_in_pool
from newsdesk.ui.table_model import GIT


class _Signals(QObject):
    found = Signal(object, object)     # repo (or None), states
    states = Signal(object)            # dict rel -> state
    outcome = Signal(str, object)      # "pull" / "push", Outcome


class CommitDialog(QDialog):
    def __init__(self, states: dict[str, str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Commit")
        self.message = QPlainTextEdit()
        self.message.setObjectName("commitMessage")
        self.message.setPlaceholderText("What changed, for the site's history (the first line is the summary)")
        self.message.setMaximumHeight(self.fontMetrics().height() * 6)
        self.files = QListWidget()
        self.files.setObjectName("commitFiles")
        for rel, state in sorted(states.items()):
            item = QListWidgetItem(f"{rel}  ({state})")
            item.setData(Qt.UserRole, rel)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Unchecked if state == "conflict" else Qt.Checked)
            self.files.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.commit_button = self.buttons.addButton("Commit", QDialogButtonBox.AcceptRole)
        self.commit_button.setObjectName("commitButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("&Message:", buddy=self.message))
        layout.addWidget(self.message)
        layout.addWidget(QLabel("Files (unchecked ones stay out of this commit):"))
        layout.addWidget(self.files)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

    def chosen(self) -> list[str]:
        return [self.files.item(n).data(Qt.UserRole) for n in range(self.files.count())
                if self.files.item(n).checkState() == Qt.Checked]


class GitMenu(QObject):
    def __init__(self, window, menu, parent=None):
        super().__init__(parent)
        self.window = window
        self.menu = menu
        self.repo: GitRepo | None = None
        self.states: dict[str, str] = {}
        self.signals = _Signals(self)
        self.signals.found.connect(self._found)
        self.signals.states.connect(self._states)
        self.signals.outcome.connect(self._outcome)
        self.commit_action = QAction("&Commit\u2026", self)
        self.commit_action.setShortcut("Ctrl+Shift+K")
        self.commit_action.triggered.connect(lambda: self.commit())
        self.pull_action = QAction("&Pull", self)
        self.pull_action.triggered.connect(self.pull)
        self.push_action = QAction("P&ush", self)
        self.push_action.triggered.connect(self.push)
        self.refresh_action = QAction("&Refresh Status", self)
        self.refresh_action.triggered.connect(self.refresh)
        menu.addActions([self.commit_action, self.pull_action, self.push_action])
        menu.addSeparator()
        menu.addAction(self.refresh_action)
        self._timer = QTimer(self)  # saves come in bursts: one status per burst
        self._timer.setSingleShot(True)
        self._timer.setInterval(500)
        self._timer.timeout.connect(self.refresh)
        self._column_hidden_by_us = False
        self._set_available(False)

    def _set_available(self, on: bool) -> None:
        """The menu and the column exist only inside a work tree (a column the editor
        hid stays hidden)."""
        self.menu.menuAction().setVisible(on)
        for action in (self.commit_action, self.pull_action, self.push_action, self.refresh_action):
            action.setEnabled(on)
        header = self.window.table.horizontalHeader()
        if not on and not header.isSectionHidden(GIT):
            header.setSectionHidden(GIT, True)
            self._column_hidden_by_us = True
        elif on and getattr(self, "_column_hidden_by_us", False):
            header.setSectionHidden(GIT, False)
            self._column_hidden_by_us = False

    # ---- status ----------------------------------------------------------------
    def open(self, root) -> None:
        """Look for a work tree around ``root`` (in a thread), then its status."""
        self.repo, self.states = None, {}
        self._set_available(False)

        def find():
            repo = GitRepo.find(root)
            return repo, (repo.status(root) if repo is not None else {})
        run_in_pool(find, lambda r: self.signals.found.emit(*r) if isinstance(r, tuple)
                    else self.signals.found.emit(None, {}), errors=(GitError,))

    def _found(self, repo, states) -> None:
        self.repo = repo
        self._set_available(repo is not None)
        self._states(states)

    def refresh_soon(self) -> None:
        if self.repo is not None:
            self._timer.start()

    def refresh(self) -> None:
        repo, session = self.repo, self.window.session
        if repo is None or session is None:
            return
        root = session.library.root
        run_in_pool(lambda: repo.status(root), lambda r: self.signals.states.emit(r if isinstance(r, dict) else {}),
                    errors=(GitError,))

    def _states(self, states) -> None:
        self.states = dict(states or {})
        if self.window.model is not None:
            self.window.model.set_git_states(self.states)

    # ---- actions -------------------------------------------------------------------
    def commit(self, message: str | None = None, rels: list[str] | None = None) -> bool:
        if self.repo is None or self.window.session is None:
            return False
        if self.window.session.library.dirty():
            answer = QMessageBox.question(self.window, "Commit", "Some articles have unsaved edits. Save them "
                                          "first, so the commit holds them?", QMessageBox.Save | QMessageBox.Cancel,
                                          QMessageBox.Save)
            if answer != QMessageBox.Save or not self.window.save():
                return False
        try:
            self.states = self.repo.status(self.window.session.library.root)
        except GitError as e:
            QMessageBox.warning(self.window, "Commit", str(e))
            return False
        if not self.states:
            QMessageBox.information(self.window, "Commit", "Nothing to commit: every article is as committed.")
            return False
        if message is None or rels is None:
            dialog = CommitDialog(self.states, self.window)
            if dialog.exec() != QDialog.Accepted:
                return False
            message, rels = dialog.message.toPlainText(), dialog.chosen()
        library = self.window.session.library
        try:
            summary = self.repo.commit([library.file(rel) for rel in rels], message)
        except GitError as e:
            QMessageBox.warning(self.window, "Commit", f"Nothing was committed: {e}")
            return False
        self.window.statusBar().showMessage(f"Committed: {summary}", 8000)
        self.refresh()
        return True

    def pull(self) -> None:
        self._remote("pull", self.repo.pull if self.repo else None)

    def push(self) -> None:
        self._remote("push", self.repo.push if self.repo else None)

    def _remote(self, what: str, fn) -> None:
        if fn is None:
            return
        self.window.statusBar().showMessage(f"git {what}\u2026")
        def done(r):
            self.signals.outcome.emit(what, r if isinstance(r, Outcome) else Outcome(False, str(r), []))
        run_in_pool(fn, done,
                    errors=(GitError,))

    def _outcome(self, what: str, outcome: Outcome) -> None:
        if outcome.ok:
            self.window.statusBar().showMessage(f"git {what}: {outcome.message}", 8000)
        else:
            files = "".join(f"\n  {name}" for name in outcome.conflicts[:30])
            QMessageBox.warning(self.window, f"git {what}", outcome.message + files)
        self.refresh()
        if what == "pull" and self.window.disk is not None:
            self.window.disk.check_open()  # files pulled are re-read (the watcher sees the rest)
