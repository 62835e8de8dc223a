"""The main window: the article table beside the detail panel, the docks, the status bar,
and the handlers its actions name. The parts live in rooms of their own: the actions,
menus and toolbar (window_menus, from actions), opening a folder into the window
(folder_open; the folder's objects are folder_session's), the current article
(current_article), the Edit menu's edits (bulk_edits), saving (saving), the remembered
layout and session (layout_memory, session_memory)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QMainWindow, QScrollArea, QSplitter

from newsdesk.ui import settings as settings_mod
from newsdesk.ui.article_table import ArticleTable
from newsdesk.ui.bulk_edits import BulkEdits
from newsdesk.ui.changes import ChangesDock
from newsdesk.ui.current_article import CurrentArticle
from newsdesk.ui.detail import DetailPanel
from newsdesk.ui.duplicates import DuplicatesDialog
from newsdesk.ui.filter_proxy import ALL, ArticleFilter
from newsdesk.ui.folder_open import FolderOpen
from newsdesk.ui.folder_session import FolderSession
from newsdesk.ui.keys import FieldUndo
from newsdesk.ui.layout_memory import LayoutMemory
from newsdesk.ui.opening import Opening
from newsdesk.ui.preferences import PreferencesDialog
from newsdesk.ui.problems import ProblemsDock
from newsdesk.ui.review_desk import ReviewDesk
from newsdesk.ui.saving import Saving
from newsdesk.ui.session_memory import SessionMemory
from newsdesk.ui.shortcuts import ShortcutsDialog
from newsdesk.ui.sidebar import Sidebar
from newsdesk.ui.status_line import StatusLine
from newsdesk.ui.topics import TopicManager
from newsdesk.ui.triage import Triage
from newsdesk.ui.undo_selection import UndoSelection
from newsdesk.ui.window_menus import WindowMenus


class MainWindow(QMainWindow):
    loaded = Signal(int)   # every file of the folder was read: number of articles

    def __init__(self, settings=None, remember: bool = True):
        super().__init__()
        self.settings = settings or settings_mod.settings()
        self.remember = remember  # False for --smoke: leave the user's recent folders alone
        self.folder_session = FolderSession(self)
        self.detail: DetailPanel | None = None
        self.journal_status = None  # the journal's failures, in the status bar (once a folder is open)
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
        self._add_docks()
        self.edits = BulkEdits(self, lambda: self.session, self.selected_rels)
        self.desk, self.triage = ReviewDesk(self), Triage(self)
        self.saving = Saving(self, lambda: self.session)
        self.layout_memory = LayoutMemory(self, self.settings)
        self.memory = SessionMemory(self, self.settings)
        self.opening = Opening(self, self.settings, lambda: self.session.library.root if self.session else None,
                               self.open_path)
        menus = self.menus = WindowMenus(self)
        self.undo_group, self.undo_action, self.redo_action = menus.undo_group, menus.undo_action, menus.redo_action
        self.named_actions, self.state_actions, self.recent_menu = menus.actions, menus.state_actions, menus.recent_menu
        self.search, self.git = menus.search, menus.git
        self.filter, self.state_buttons = self.search.box, self.search.state_buttons
        self.search.search.connect(self._apply_search)
        self.search.search.connect(lambda _text: self.sidebar.refresh_soon(library=False))  # its marks
        self.search.done.connect(self.focus_table)
        self.sidebar.done.connect(self.focus_table)
        self.status = StatusLine(self.statusBar(), self.proxy, lambda: self.session, self.folder_session.cancel_load,
                                 self.desk.status_text)
        self.counts = self.status.counts
        self.folder_open = FolderOpen(self)
        self.layout_memory.restore_window(self.splitter)
        self.field_undo = FieldUndo(self)
        self.undo_selection = UndoSelection(self)   # an undo selects the rows it put back

    def _add_docks(self) -> None:
        """Problems below, Browse on the left (shown when asked for, then remembered),
        Changes on the right (Ctrl+Shift+D)."""
        self.problems = ProblemsDock(self, self.settings)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems)
        self.sidebar = Sidebar(self.settings, self)
        self.sidebar.follow(self.proxy, lambda: self.filter.text())
        self.sidebar.search.connect(self.search_for)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.sidebar)
        self.sidebar.hide()
        self.changes = ChangesDock(self)
        self.addDockWidget(Qt.RightDockWidgetArea, self.changes)
        self.changes.hide()

    # the open folder's parts, as the rest of the app knows them
    session = property(lambda self: self.folder_session.session,
                       lambda self, value: setattr(self.folder_session, "session", value))
    model = property(lambda self: self.folder_session.model)
    loader = property(lambda self: self.folder_session.loader)
    disk = property(lambda self: self.folder_session.disk)
    review = property(lambda self: self.desk.book)

    # ---- opening --------------------------------------------------------------------
    def open_path(self, path: Path | str) -> None:
        self.folder_open.open(path)

    def reload(self) -> None:
        """Read the folder again. With unsaved edits it is looked at as the watcher does,
        the edits kept (it asked "Save them before opening another folder?", of this folder);
        without, it is opened afresh."""
        if self.session is None:
            return
        unsaved = len(self.session.library.dirty())
        if unsaved and self.disk is not None:
            self.disk.read_again()
            self.statusBar().showMessage(
                f"Reading the folder again; your {unsaved} unsaved edit{'s are' if unsaved != 1 else ' is'} kept", 5000)
            return
        self.open_path(self.session.library.root)

    # ---- the current article and the selection ----------------------------------------
    def _current_changed(self, rel, row) -> None:
        """The one place the current article reaches the panel (and the watcher)."""
        if self.detail is not None:
            self.detail.show_article(rel, row)
        if rel is not None and self.disk is not None:
            self.disk.watch_file(rel)

    def selection_changed(self, *_args) -> None:
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
        self.table.show_current()  # Escape: back to the row the keys act on, in sight
        if self.current.rel is None and self.proxy.rowCount():
            self.current.settle(first=True, force=True)

    def focus_detail(self, which: str) -> None:
        """Q, T, R: the keyboard to a field of the panel, in sight (the Curate tab to the
        front: behind Preview, the edit happened out of sight), its content selected as
        Tab selects it (typing 41 after Q made 37 into 4137)."""
        if self.detail is None:
            return
        widget = {"quality": self.detail.quality, "topics": self.detail.topic_input,
                  "related": self.detail.related_view}[which]
        if not widget.isEnabled():
            return
        self.detail.tabs.setCurrentWidget(self.detail.splitter)
        if widget.isVisible():  # not the related links of several articles: they are hidden
            self.detail_scroll.ensureWidgetVisible(widget)
            widget.setFocus(Qt.ShortcutFocusReason)
            if which == "related" and not widget.currentIndex().isValid() and self.detail.related_model.rowCount():
                widget.setCurrentIndex(self.detail.related_model.index(0, 0))

    # ---- menus' other work ------------------------------------------------------------------
    def set_column_visible(self, col: int, visible: bool) -> None:
        self.layout_memory.set_column_visible(col, visible)

    def set_remote_pictures(self, on: bool) -> None:
        settings_mod.set_remote_pictures(self.settings, on)

    def show_preferences(self) -> None:
        if PreferencesDialog(self.settings, self).exec():
            self.menus.show_choices()

    def manage_topics(self) -> None:
        if self.session is not None:
            TopicManager(self.session, self).exec()
            self.topics_changed()

    def topics_changed(self) -> None:
        if self.detail is not None:
            topics = self.session.library.topics()
            self.detail.set_topic_choices(sorted(topics, key=lambda t: (-topics[t], t.casefold())))

    def find_duplicates(self) -> None:
        if self.session is not None:
            DuplicatesDialog(self.session, self, show_in_table=self.show_article).exec()

    def shortcut_actions(self):
        return self.menus.shortcut_actions()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_actions(), self).exec()

    # ---- closing --------------------------------------------------------------------------
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
