"""The main window: the article table, the search bar, the detail panel, menus made
from ui/actions.py, the status bar. The parts live in rooms of their own: the open
folder (folder_session), the current article (current_article), the Edit menu's edits
(bulk_edits), saving (saving), the remembered layout (layout_memory)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
)

from newsdesk.ui import settings as settings_mod
from newsdesk.ui.actions import ACTIONS, build_actions, build_menus, where
from newsdesk.ui.article_table import ArticleTable
from newsdesk.ui.bulk_edits import BulkEdits
from newsdesk.ui.changes import ChangesDock
from newsdesk.ui.current_article import CurrentArticle
from newsdesk.ui.detail import DetailPanel
from newsdesk.ui.duplicates import DuplicatesDialog
from newsdesk.ui.filter_proxy import ALL, ArticleFilter
from newsdesk.ui.folder_session import FolderSession
from newsdesk.ui.git_menu import GitHost, GitMenu
from newsdesk.ui.layout_memory import LayoutMemory
from newsdesk.ui.opening import Opening
from newsdesk.ui.preferences import PreferencesDialog
from newsdesk.ui.preferences import value as preference
from newsdesk.ui.problems import ProblemsDock
from newsdesk.ui.qtcompat import swap_scroll_widget
from newsdesk.ui.restore import JournalStatus, offer_restore
from newsdesk.ui.review_desk import ReviewDesk
from newsdesk.ui.saving import Saving
from newsdesk.ui.search_bar import SearchBar
from newsdesk.ui.session_memory import SessionMemory
from newsdesk.ui.shortcuts import ShortcutsDialog
from newsdesk.ui.sidebar import Sidebar
from newsdesk.ui.status_line import StatusLine
from newsdesk.ui.topics import TopicManager
from newsdesk.ui.triage import Triage

SHARED_FOLDER = ("This folder is open in another Newsdesk window too: edits made in both are merged when "
                 "saved, but keep to one window if you can.")
FILTER_DEBOUNCE_ABOVE = 20_000  # rows: a filter pass costs ~1 s, so wait for a pause in the typing


class MainWindow(QMainWindow):
    loaded = Signal(int)   # every file of the folder was read: number of articles

    def __init__(self, settings=None, remember: bool = True):
        super().__init__()
        self.settings = settings or settings_mod.settings()
        self.remember = remember  # False for --smoke: leave the user's recent folders alone
        self.folder_session = FolderSession(self)
        self.folder_session.batch.connect(self._load_batch)
        self.folder_session.finished.connect(self._load_finished)
        self.detail: DetailPanel | None = None
        self.table = ArticleTable()
        self.detail_scroll = QScrollArea(objectName="detailScroll", widgetResizable=True, minimumWidth=410)
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        self.proxy = ArticleFilter(self)
        self.current = CurrentArticle(self.table, self.proxy, self)
        self.current.changed.connect(self._current_changed)
        self.problems = ProblemsDock(self)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems)
        self.sidebar = Sidebar(self.settings, self)
        self.sidebar.follow(self.proxy, lambda: self.filter.text())
        self.sidebar.search.connect(self.search_for)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.sidebar)
        self.sidebar.hide()  # until asked for (View > Browse, Ctrl+B, the toolbar); then remembered
        self.changes = ChangesDock(self)
        self.addDockWidget(Qt.RightDockWidgetArea, self.changes)
        self.changes.hide()
        self.edits = BulkEdits(self, lambda: self.session, self.selected_rels)
        self.desk, self.triage = ReviewDesk(self), Triage(self)
        self.saving = Saving(self, lambda: self.session)
        self.layout_memory = LayoutMemory(self, self.settings)
        self.memory = SessionMemory(self, self.settings)
        self.opening = Opening(self, self.settings, lambda: self.session.library.root if self.session else None,
                               self.open_path)
        self._build_actions()
        self.status = StatusLine(self.statusBar(), self.proxy, lambda: self.session, self.folder_session.cancel_load,
                                 self.desk.status_text)
        self.counts = self.status.counts
        QApplication.instance().applicationStateChanged.connect(self._app_state)
        self.layout_memory.restore_window(self.splitter)

    # the open folder's parts, as the rest of the app knows them
    session = property(lambda self: self.folder_session.session,
                       lambda self, value: setattr(self.folder_session, "session", value))
    model = property(lambda self: self.folder_session.model)
    loader = property(lambda self: self.folder_session.loader)
    disk = property(lambda self: self.folder_session.disk)
    review = property(lambda self: self.desk.book)

    # ---- construction ------------------------------------------------------------
    def _build_actions(self) -> None:
        self.undo_group = QUndoGroup(self)
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")  # its text names the edit
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.addActions([self.undo_action, self.redo_action])
        given = {"undo": self.undo_action, "redo": self.redo_action,
                 "browse": self.sidebar.toggleViewAction(), "problems": self.problems.toggleViewAction(),
                 "changes": self.changes.toggleViewAction()}
        self.named_actions = build_actions(self, given)
        self.named_actions["remote_pictures"].setChecked(settings_mod.remote_pictures(self.settings))
        self.named_actions["auto_advance"].setChecked(bool(preference(self.settings, "review/autoAdvance")))
        self.state_actions = [self.named_actions[k] for k in ("state_all", "state_unpublished", "state_published")]
        self.search = SearchBar(self.named_actions["browse"], self.state_actions, self)
        self.search.search.connect(self._apply_search)
        self.search.done.connect(self.focus_table)
        self.search.wait_for_pause = lambda: self.model is not None and self.model.rowCount() > FILTER_DEBOUNCE_ABOVE
        self.filter, self.state_buttons = self.search.box, self.search.state_buttons
        self.addToolBar(self.search)
        menus = build_menus(self.menuBar(), self.named_actions)
        self.recent_menu, columns_menu = menus["recent"], menus["columns"]
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        columns_menu.aboutToShow.connect(lambda: self.layout_memory.fill_columns(columns_menu))
        host = GitHost(self, lambda: self.session.library.root if self.session else None, self.saving.save,
                       lambda: bool(self.session and self.session.library.dirty()),
                       lambda rel: self.session.library.file(rel),
                       lambda states: self.model is not None and self.model.set_git_states(states),
                       lambda on: self.layout_memory.set_condition("git", on),
                       lambda text: self.statusBar().showMessage(text, 8000),
                       lambda: self.disk is not None and self.disk.check_open())
        git_actions = [action for name, action in self.named_actions.items() if name.startswith("git_")]
        self.git = GitMenu(host, menus["git"], git_actions, self)

    # ---- opening -----------------------------------------------------------------
    def open_path(self, path: Path | str) -> None:
        path = Path(path).expanduser().resolve()
        if not path.exists():
            QMessageBox.warning(self, "Newsdesk", f"{path} does not exist.")
            return
        if self.session is not None and not self.saving.confirm_discard("opening another folder"):
            return
        again = self.current.rel if self.session is not None and self.session.library.root == path else None
        if self.session is None and self.remember:
            again = self.memory.wanted(path)  # the folder last closed: its session comes back
        if self.remember:
            self.layout_memory.save_header()
            self.layout_memory.save_panel(self.detail)
        self.problems.reset()
        if self.session is not None:
            self.undo_group.removeStack(self.session.undo_stack)
        session = self.folder_session.open(path)
        if getattr(self, "journal_status", None) is None:  # the journal's failures, in the status bar
            self.journal_status = JournalStatus(self, session)
        else:
            self.journal_status.attach(session)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.undo_stack.cleanChanged.connect(self._update_title)
        session.dirtyChanged.connect(self._update_title)
        session.changed.connect(lambda _rels: self.status.timer.start())
        session.saved.connect(lambda _rels: self.git.refresh_soon())
        self.desk.open(session, self.model)
        self.changes.follow(session)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.current.attach(wanted=again)  # a reload finds the current article again
        self.table.selectionModel().selectionChanged.connect(self._selection_changed, Qt.UniqueConnection)
        self.detail = DetailPanel(session, self.model)
        self.layout_memory.restore_panel(self.detail)
        self.detail.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        swap_scroll_widget(self.detail_scroll, self.detail)
        self.layout_memory.restore_header(self.proxy)
        self.memory.restore_view()
        self.disk.applied.connect(self._disk_applied)
        if path.is_dir() and self.remember:
            settings_mod.remember_folder(self.settings, str(path))
        self._update_title()
        self.folder_session.release_previous()
        self.status.reading(True)
        self.folder_session.start()

    def _load_batch(self, problems: list) -> None:
        self.problems.model.add(problems)
        self.status.read(self.model.rowCount() + len(self.session.library.problems))

    def _load_finished(self, complete: bool) -> None:
        library = self.session.library
        self.status.loaded(library, complete)
        if self.folder_session.shared:
            self.statusBar().showMessage(SHARED_FOLDER, 20000)
        self._topics_changed()
        self.desk.loaded()
        self.model.resort_in_steps(then=lambda: (self.current.loaded(), self.memory.loaded()))
        self.disk.start()
        self.git.open(library.root)
        if complete:
            if self.remember:
                offer_restore(self, self.session, self.model)
            self.loaded.emit(len(library.rows))

    def reload(self) -> None:
        if self.session is not None:
            self.open_path(self.session.library.root)

    def _fill_recent(self) -> None:
        self.opening.fill_recent(self.recent_menu)

    # ---- the current article and the selection ----------------------------------------
    def _current_changed(self, rel, row) -> None:
        """The one place the current article reaches the panel (and the watcher)."""
        if self.detail is not None:
            self.detail.show_article(rel, row)
        if rel is not None and self.disk is not None:
            self.disk.watch_file(rel)

    def _selection_changed(self, *_args) -> None:
        if self.detail is not None:  # several rows: the panel edits them all
            self.detail.show_selection(self.selected_rels())

    def selected_rels(self) -> list[str]:
        return self.current.selected_rels()

    def show_article(self, rel: str) -> None:
        """Make an article current in the table, clearing the search if it hides it."""
        if not self.current.select(rel):
            self.filter.setText("")
            self.search.apply()
            self.set_state(ALL)
            self.current.select(rel)

    def _app_state(self, state) -> None:
        if state == Qt.ApplicationActive and self.disk is not None and not self.folder_session.loading:
            self.disk.check_open()

    def _disk_applied(self, done) -> None:
        self.problems.set(self.session.library.problems)
        self.status.disk_changed(done)
        self.current.settle(first=True)  # a current article gone from disk: the first row
        self.git.refresh_soon()

    # ---- search, switch, focus -----------------------------------------------------------
    def _apply_search(self, text: str) -> None:
        error = []
        self.current.keep(lambda: error.append(self.proxy.set_text(text)))
        self.search.show_error(error[0] if error else None)
        self.status.show_counts()

    def _apply_filter(self) -> None:
        self.search.apply()

    def search_for(self, term: str, combine: bool = False) -> None:
        self.search.combine(term, combine)

    def set_state(self, state: int) -> None:
        self.state_actions[state].setChecked(True)
        self.current.keep(lambda: self.proxy.set_state(state))
        self.status.show_counts()

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus()
        if self.current.rel is None and self.proxy.rowCount():
            self.current.settle(first=True, force=True)

    def focus_detail(self, which: str) -> None:
        if self.detail is None:
            return
        widget = {"quality": self.detail.quality, "topics": self.detail.topic_input,
                  "related": self.detail.related_view}[which]
        if widget.isEnabled():
            self.detail_scroll.ensureWidgetVisible(widget)
            widget.setFocus()
            if which == "related" and not widget.currentIndex().isValid() and self.detail.related_model.rowCount():
                widget.setCurrentIndex(self.detail.related_model.index(0, 0))

    # ---- menus' other work ------------------------------------------------------------------
    def set_column_visible(self, col: int, visible: bool) -> None:
        self.layout_memory.set_column_visible(col, visible)

    def set_remote_pictures(self, on: bool) -> None:
        settings_mod.set_remote_pictures(self.settings, on)

    def show_preferences(self) -> None:
        if PreferencesDialog(self.settings, self).exec():
            self.named_actions["auto_advance"].setChecked(bool(preference(self.settings, "review/autoAdvance")))
            self.named_actions["remote_pictures"].setChecked(settings_mod.remote_pictures(self.settings))

    def manage_topics(self) -> None:
        if self.session is not None:
            TopicManager(self.session, self).exec()
            self._topics_changed()

    def _topics_changed(self) -> None:
        if self.detail is not None:
            topics = self.session.library.topics()
            self.detail.set_topic_choices(sorted(topics, key=lambda t: (-topics[t], t.casefold())))

    def find_duplicates(self) -> None:
        if self.session is not None:
            DuplicatesDialog(self.session, self, show_in_table=self.show_article).exec()

    def shortcut_actions(self):
        return [(where(spec), self.named_actions[spec.id]) for spec in ACTIONS if spec.keys]

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_actions(), self).exec()

    # ---- state shown -------------------------------------------------------------------------
    def _update_title(self, *_) -> None:
        name = self.session.library.root.name if self.session else ""
        also = " (also open in another window)" if self.folder_session.shared else ""
        self.setWindowTitle(f"{name}[*]{also} \u2014 Newsdesk" if name else "Newsdesk")
        self.setWindowModified(bool(self.session and self.session.library.dirty()))
        self.status.timer.start()

    def closeEvent(self, event) -> None:
        if not self.saving.confirm_discard("closing"):
            event.ignore()
            return
        self.folder_session.detach()
        self.desk.close()
        if self.remember:
            self.memory.save()
            self.layout_memory.save_window(self.splitter)
        event.accept()
        if self.session is not None:  # a closed window holds no folder
            self.proxy.setSourceModel(None)
            self.folder_session.close()
