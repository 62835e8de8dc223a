"""The main window: article table, filter, detail panel, menus, status bar."""
from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import SIGNAL, SLOT, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QWidget,
)

from newsdesk.core.cache import IndexCache
from newsdesk.core.library import Library
from newsdesk.core.problems import ArticleProblem
from newsdesk.ui import settings as settings_mod
from newsdesk.ui.conflicts import ConflictDialog
from newsdesk.ui.detail import DetailPanel
from newsdesk.ui.disk_watch import DiskWatcher
from newsdesk.ui.duplicates import DuplicatesDialog
from newsdesk.ui.filter_proxy import ALL, PUBLISHED_ONLY, UNPUBLISHED, ArticleFilter
from newsdesk.ui.git_menu import GitMenu
from newsdesk.ui.loader import FolderLoader
from newsdesk.ui.problems import ProblemsDock
from newsdesk.ui.restore import JournalStatus, offer_restore
from newsdesk.ui.session import Session
from newsdesk.ui.shortcuts import ShortcutsDialog
from newsdesk.ui.sidebar import Sidebar
from newsdesk.ui.table_model import (
    COLUMNS,
    DATE,
    FILE,
    GIT,
    HEAT,
    PATH_ROLE,
    PROVIDER,
    PUBLISHED,
    QUALITY,
    RELATED,
    ROW_ROLE,
    TITLE,
    TOPICS,
    ArticleTableModel,
)
from newsdesk.ui.topics import TopicManager

DEFAULT_WIDTHS = {PUBLISHED: 76, QUALITY: 58, TITLE: 380, PROVIDER: 130, DATE: 128, TOPICS: 200, GIT: 80,
                  RELATED: 60, HEAT: 48, FILE: 220}
HEADER_STATE_VERSION = 2  # 2: the Git column
SEARCH_HELP = ("Words and \"phrases\" search titles, excerpts, providers and topics.\n"
               "title:  excerpt:  provider:  url:  topic:AI  topic:\"Azure AI\"  topic:azure*\n"
               "quality>=60  heat>0  related=0  published:yes / published:no\n"
               "date>=2023-10-01  date:2023-10  date:7d (the last 7 days)\n"
               "-topic:AI or NOT … leaves out;  a OR b;  (parentheses) group")
FILTER_DEBOUNCE_ABOVE = 20_000  # rows
SAVE_PROGRESS_ABOVE = 50        # articles
DOCK_STATE_VERSION = 1
FILTER_PAUSE_MS = 200
FIRST_SELECTION_MS = 30  # after the first rows of a load: the first article is shown then


class MainWindow(QMainWindow):
    loaded = Signal(int)   # every file of the folder was read: number of articles

    def __init__(self, settings=None, remember: bool = True):
        super().__init__()
        self.settings = settings or settings_mod.settings()
        self.remember = remember  # False for --smoke: leave the user's recent folders alone
        self.session: Session | None = None
        self.loader: FolderLoader | None = None
        self.disk: DiskWatcher | None = None
        self.undo_group = QUndoGroup(self)
        self.table = QTableView()
        self.table.setObjectName("articleTable")
        self._setup_table()
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setObjectName("detailScroll")
        self.detail_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.detail_scroll.setMinimumWidth(380)
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        self.detail: DetailPanel | None = None
        self.model: ArticleTableModel | None = None
        self.proxy = ArticleFilter(self)
        self._counts_timer = QTimer(self)  # counts are redrawn once per event-loop turn
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(0)
        self._counts_timer.timeout.connect(self._show_counts)
        # C++ to C++: a filter change at 100k rows emits thousands of these, and Python slots
        # on them crashed PySide 6.12 on Python 3.11 (a None reference count ran out).
        for signature in ("rowsInserted(QModelIndex,int,int)", "rowsRemoved(QModelIndex,int,int)",
                          "modelReset()", "layoutChanged()"):
            QObject.connect(self.proxy, SIGNAL(signature), self._counts_timer, SLOT("start()"))
        self.problems = ProblemsDock(self)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.problems)
        self.sidebar = Sidebar(self.settings, self)
        self.sidebar.rows_of = self.proxy.shown_rows
        self.sidebar.current_text = lambda: self.filter.text()
        self.sidebar.search.connect(self.search_for)
        self.addDockWidget(Qt.LeftDockWidgetArea, self.sidebar)
        self.sidebar.hide()  # until asked for (View > Browse, Ctrl+B, the toolbar); then remembered
        for signature in ("rowsInserted(QModelIndex,int,int)", "rowsRemoved(QModelIndex,int,int)",
                          "modelReset()", "layoutChanged()", "dataChanged(QModelIndex,QModelIndex,QList<int>)"):
            QObject.connect(self.proxy, SIGNAL(signature), self.sidebar._timer, SLOT("start()"))
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_statusbar()
        QApplication.instance().applicationStateChanged.connect(self._app_state)
        self._restore_window()

    # ---- construction ------------------------------------------------------------
    def _setup_table(self) -> None:
        t = self.table
        t.setSelectionBehavior(QAbstractItemView.SelectRows)
        t.setSelectionMode(QAbstractItemView.ExtendedSelection)
        t.setSortingEnabled(True)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        t.verticalHeader().hide()
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
        header = t.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        t.setContextMenuPolicy(Qt.ActionsContextMenu)

    def _action(self, text, slot, keys=(), tip=None, table_only=False) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        if table_only:  # single keys must not fire while typing in a text field
            action.setShortcutContext(Qt.WidgetShortcut)
            self.table.addAction(action)
        else:
            self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a("&Open Folder\u2026", self.choose_folder, [QKeySequence.Open], "Open a folder of articles")
        self.open_file_action = a("Open &File\u2026", self.choose_file, [], "Open one article file")
        self.reload_action = a("&Reload", self.reload, [QKeySequence.Refresh, "Ctrl+R"],
                               "Read the folder again from disk")
        self.save_action = a("&Save", self.save, [QKeySequence.Save], "Write every unsaved article")
        self.revert_action = a("Re&vert Selected", self.revert_selected, [],
                               "Drop the unsaved edits of the selected articles")
        self.quit_action = a("&Quit", self.close, [QKeySequence.Quit, "Ctrl+Q"])
        self.undo_action = self.undo_group.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = self.undo_group.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.publish_action = a("&Publish", lambda: self.set_published(True), ["P"],
                                "Publish the selected articles", table_only=True)
        self.unpublish_action = a("&Unpublish", lambda: self.set_published(False), ["U"],
                                  "Unpublish the selected articles", table_only=True)
        self.toggle_action = a("&Toggle Published", self.toggle_published, ["Space"],
                               "Publish or unpublish the current article", table_only=True)
        self.quality_up_action = a("Quality +1", lambda: self.bump_quality(1), ["+", "="], table_only=True)
        self.quality_down_action = a("Quality \u22121", lambda: self.bump_quality(-1), ["-"], table_only=True)
        self.quality_up10_action = a("Quality +10", lambda: self.bump_quality(10), ["Shift++", "]"], table_only=True)
        self.quality_down10_action = a("Quality \u221210", lambda: self.bump_quality(-10), ["Shift+_", "["],
                                       table_only=True)
        self.set_quality_action = a("Set &Quality\u2026", self.ask_quality, ["Ctrl+Shift+Q"],
                                    "Set the quality of the selected articles")
        self.add_topic_action = a("&Add Topic to Selected\u2026", self.ask_add_topic, ["Ctrl+Shift+T"])
        self.remove_topic_action = a("Re&move Topic from Selected\u2026", self.ask_remove_topic, ["Ctrl+Shift+R"])
        self.find_action = a("&Find", self.focus_filter, [QKeySequence.Find, "/"])
        self.topics_action = a("&Manage Topics\u2026", self.manage_topics, ["Ctrl+Shift+T"],
                               "Rename, merge or delete topics across the library")
        self.duplicates_action = a("Find &Duplicates\u2026", self.find_duplicates, [],
                                   "Articles with the same address or title, to unpublish in one place")
        self.browse_action = self.sidebar.toggleViewAction()
        self.browse_action.setText("&Browse: Facets and Saved Searches")
        self.browse_action.setIconText("Browse")
        self.browse_action.setShortcut(QKeySequence("Ctrl+B"))
        self.browse_action.setToolTip("Show topics, providers, months and saved searches (Ctrl+B)")
        self.focus_table_action = a("Article &Table", self.focus_table, ["Escape"])
        self.focus_quality_action = a("&Quality Editor", lambda: self._focus_detail("quality"), ["Q"], table_only=True)
        self.focus_topics_action = a("&Topics Editor", lambda: self._focus_detail("topics"), ["T"], table_only=True)
        self.focus_related_action = a("&Related Links", lambda: self._focus_detail("related"), ["R"], table_only=True)
        self.help_keys_action = a("&Keyboard Shortcuts", self.show_shortcuts, [QKeySequence.HelpContents, "F1"])
        self.about_action = a("&About Newsdesk", self.about)
        self.state_group = QActionGroup(self)
        self.state_actions = []
        for state, text, key in ((ALL, "&All Articles", "Ctrl+1"), (UNPUBLISHED, "&Unpublished", "Ctrl+2"),
                                 (PUBLISHED_ONLY, "&Published", "Ctrl+3")):
            act = a(text, lambda checked=False, s=state: self.set_state(s), [key])
            act.setCheckable(True)
            act.setChecked(state == ALL)
            self.state_group.addAction(act)
            self.state_actions.append(act)
        self.table.addActions([self.publish_action, self.unpublish_action, self.set_quality_action,
                               self.add_topic_action, self.remove_topic_action, self.revert_action])

    def _build_toolbar(self) -> None:
        bar = QToolBar("Filter")
        bar.setObjectName("filterBar")
        bar.setMovable(False)
        bar.addAction(self.browse_action)
        self.filter = QLineEdit(placeholderText="Search: words, \"a phrase\", topic:AI, quality>=60, "
                                                "published:no, date:7d, -provider:x, a OR b  (Ctrl+F)")
        self.filter.setObjectName("filter")
        self.filter.setToolTip(SEARCH_HELP)
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(320)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._apply_filter)
        self.filter.returnPressed.connect(self.focus_table)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_PAUSE_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        bar.addWidget(self.filter)
        self.search_error = QLabel()
        self.search_error.setObjectName("searchError")
        self.search_error.setStyleSheet("color: #d93025; padding: 0 6px;")
        self._search_error_action = bar.addWidget(self.search_error)  # a toolbar shows it by its action
        self._search_error_action.setVisible(False)
        switch = QWidget()
        row = QHBoxLayout(switch)
        row.setContentsMargins(8, 0, 0, 0)
        row.setSpacing(0)
        self.state_buttons = []
        for act in self.state_actions:
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            button.setText(act.text().replace("&", "").replace(" Articles", ""))
            row.addWidget(button)
            self.state_buttons.append(button)
        bar.addWidget(switch)
        self.addToolBar(bar)

    def _build_menus(self) -> None:
        m = self.menuBar()
        file = m.addMenu("&File")
        file.addActions([self.open_action, self.open_file_action])
        self.recent_menu = file.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file.addSeparator()
        file.addActions([self.reload_action, self.save_action, self.revert_action])
        file.addSeparator()
        file.addAction(self.quit_action)
        edit = m.addMenu("&Edit")
        edit.addActions([self.undo_action, self.redo_action])
        edit.addSeparator()
        edit.addActions([self.publish_action, self.unpublish_action, self.toggle_action])
        edit.addSeparator()
        edit.addActions([self.quality_up_action, self.quality_down_action, self.quality_up10_action,
                         self.quality_down10_action, self.set_quality_action])
        edit.addSeparator()
        edit.addActions([self.add_topic_action, self.remove_topic_action])
        edit.addSeparator()
        edit.addAction(self.find_action)
        view = m.addMenu("&View")
        view.addActions(self.state_actions)
        view.addSeparator()
        view.addAction(self.browse_action)
        view.addAction(self.problems.toggleViewAction())
        self.columns_menu = view.addMenu("&Columns")
        self.columns_menu.aboutToShow.connect(lambda: self._fill_columns(self.columns_menu))
        self.git = GitMenu(self, m.addMenu("&Git"), self)
        tools = m.addMenu("&Tools")
        tools.addActions([self.topics_action, self.duplicates_action])
        go = m.addMenu("&Go")
        go.addActions([self.focus_table_action, self.focus_quality_action, self.focus_topics_action,
                       self.focus_related_action])
        help_menu = m.addMenu("&Help")
        help_menu.addActions([self.help_keys_action, self.about_action])

    def _build_statusbar(self) -> None:
        bar = self.statusBar()
        self.counts = QLabel()
        self.counts.setObjectName("counts")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setFormat("Reading %v of %m")
        self.progress.hide()
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop reading the folder")
        self.cancel_button.clicked.connect(self.cancel_load)
        self.cancel_button.hide()
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.counts)

    # ---- opening -----------------------------------------------------------------
    def open_path(self, path: Path | str) -> None:
        path = Path(path).expanduser().resolve()
        if not path.exists():
            QMessageBox.warning(self, "Newsdesk", f"{path} does not exist.")
            return
        if self.session is not None and not self._confirm_discard("opening another folder"):
            return
        if self.remember:
            self._save_header()
        previous = (self.session, self.model, self.loader)
        self._detach_session()
        self.problems.reset()
        library = Library(path, IndexCache())
        session = Session(library, self)
        self.session = session
        if getattr(self, "journal_status", None) is None:  # the journal's failures, in the status bar
            self.journal_status = JournalStatus(self, session)
        else:
            self.journal_status.attach(session)
        self.undo_group.addStack(session.undo_stack)
        self.undo_group.setActiveStack(session.undo_stack)
        session.undo_stack.cleanChanged.connect(self._update_title)
        session.dirtyChanged.connect(self._update_title)
        session.changed.connect(self._update_counts)
        session.saved.connect(lambda _rels: self.git.refresh_soon())
        self.model = ArticleTableModel(session, self)
        self.proxy.setSourceModel(self.model)
        self.table.setModel(self.proxy)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        old = self.detail_scroll.takeWidget()  # setWidget() would delete it at once, mid-signal
        if old is not None:
            old.deleteLater()
        self.detail = DetailPanel(session, self.model)
        self.detail.message.connect(self._show_message)
        self.detail_scroll.setWidget(self.detail)
        self._restore_header()
        self.disk = DiskWatcher(self.model, session, self)
        self.disk.applied.connect(self._disk_applied)
        if path.is_dir() and self.remember:
            settings_mod.remember_folder(self.settings, str(path))
        self._update_title()
        self._release(*previous)
        self._start_load(library)

    def _release(self, session, model, loader) -> None:
        """Let the last folder go: its session, model and loader were this window's
        children and lived as long as it did, holding every row (hundreds of MB at 100k,
        on every switch of folder). The rows are dropped at once."""
        if loader is not None:
            if loader.running:  # its job may still be on a pool thread: gone once it has ended
                loader.signals.finished.connect(loader.deleteLater)
            else:
                loader.deleteLater()
        if model is not None:
            model.release()
            model.deleteLater()
        if session is not None:
            session.library.close()
            session.deleteLater()
            # what is left in cycles was frozen out of the collector while loading (a
            # collection here took ~0.5 s at 100k; the next one the collector makes, ~150 ms)
            gc.unfreeze()

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _detach_session(self) -> None:
        """Stop loading and disconnect the old session: Qt destroys it later, and its
        undo stack says "clean changed" as it goes."""
        self.cancel_load()
        if self.session is None:
            return
        for sender in (self.session.undo_stack, self.session):
            sender.disconnect(self)  # every signal of theirs to this window
        self.undo_group.removeStack(self.session.undo_stack)
        if self.disk is not None:
            self.disk.stop()
            self.disk.deleteLater()
            self.disk = None

    def _start_load(self, library: Library) -> None:
        self.loader = FolderLoader(library, self)
        self._load_started()
        self.loader.signals.batch.connect(self._load_batch)
        self.loader.signals.finished.connect(self._load_finished)
        self.loader.start()

    def _load_started(self) -> None:
        self.progress.setRange(0, 0)  # busy: the total is known only once the folder is walked
        self.progress.setValue(0)
        self._read = 0
        self._selecting_first = False
        self.progress.show()
        self.cancel_button.show()

    def _load_batch(self, rows: list, problems: list, haystacks: list) -> None:
        if self.sender() is not (self.loader.signals if self.loader else None):
            return
        self.model.append(rows, problems, haystacks)
        # The rows live as long as the library: keep the cyclic GC from scanning them again
        # and again (full collections over 1M+ objects stalled the window ~0.5 s at 100k).
        gc.freeze()
        self.problems.model.add(problems)
        self._read += len(rows) + len(problems)
        self.statusBar().showMessage(f"Reading\u2026 {self._read:,} articles")
        if rows and not self.table.currentIndex().isValid() and not self._selecting_first:
            # a moment later: the first rows paint in one turn, the detail panel in the next
            self._selecting_first = True
            QTimer.singleShot(FIRST_SELECTION_MS, self, self._select_first)

    def _select_first(self) -> None:
        self._selecting_first = False
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
            self.table.setCurrentIndex(self.proxy.index(0, TITLE))

    def _load_finished(self, complete: bool) -> None:
        if self.sender() is not (self.loader.signals if self.loader else None):
            return
        self.progress.hide()
        self.cancel_button.hide()
        if self._selecting_first:
            self._select_first()
        library = self.session.library
        if self.detail is not None:
            topics = library.topics()
            self.detail.set_topic_choices(sorted(topics, key=lambda t: (-topics[t], t.casefold())))
        self.model.resort_in_steps()  # rows came in file order; now in the table's sort order
        n = len(library.rows)
        note = "" if complete else " (cancelled)"
        if library.problems:
            note += f"; {len(library.problems)} file{'s' if len(library.problems) != 1 else ''} could not be read"
        self.statusBar().showMessage(f"Loaded {n} article{'s' if n != 1 else ''}{note}", 8000)
        self._update_counts()
        self.disk.start()
        self.git.open(library.root)
        if complete:
            if self.remember:
                offer_restore(self, self.session, self.model)
            self.loaded.emit(n)

    def cancel_load(self) -> None:
        if self.loader is not None and self.loader.running:
            self.loader.cancel()

    def reload(self) -> None:
        if self.session is not None:
            self.open_path(self.session.library.root)

    def choose_folder(self) -> None:
        start = str(self.session.library.root) if self.session else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Open Folder of Articles", start)
        if folder:
            self.open_path(folder)

    def choose_file(self) -> None:
        start = str(self.session.library.root) if self.session else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self, "Open Article", start,
                                              "Articles (*.md *.markdown *.txt *.html);;All files (*)")
        if name:
            self.open_path(name)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for folder in settings_mod.recent_folders(self.settings):
            act = self.recent_menu.addAction(folder)
            act.triggered.connect(lambda checked=False, f=folder: self.open_path(f))
        self.recent_menu.setEnabled(True)
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent folders").setEnabled(False)

    # ---- selection -----------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rel = current.data(PATH_ROLE) if current.isValid() else None
        if self.detail is not None:
            self.detail.show_article(rel, current.data(ROW_ROLE) if rel is not None else None)
        if rel is not None and self.disk is not None:
            self.disk.watch_file(rel)

    def _app_state(self, state) -> None:
        if state == Qt.ApplicationActive and self.disk is not None and not (self.loader and self.loader.running):
            self.disk.check_open()

    def _disk_applied(self, done) -> None:
        self.problems.set(self.session.library.problems)
        parts = []
        for items, what in ((done.changed, "re-read"), (done.added, "new"), (done.removed, "gone")):
            if items:
                parts.append(f"{len(items)} {what}")
        if done.flagged:
            parts.append(f"{len(done.flagged)} with your unsaved edits kept (marked \u26a0)")
        self.statusBar().showMessage("Changed on disk: " + ", ".join(parts), 8000)
        self.git.refresh_soon()
        self._update_counts()

    def selected_rels(self) -> list[str]:
        model = self.table.selectionModel()
        if model is None:
            return []
        rows = model.selectedRows()
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex()]
        return [index.data(PATH_ROLE) for index in sorted(rows, key=lambda i: i.row())]

    # ---- edits -------------------------------------------------------------------------
    def _run(self, label: str, rels, op: str, *args) -> None:
        if not rels or self.session is None:
            return
        try:
            self.session.edit(label, rels, op, *args)
        except ArticleProblem as p:
            QMessageBox.warning(self, "Newsdesk", str(p))

    def _count(self, rels) -> str:
        return f"{len(rels)} article{'s' if len(rels) != 1 else ''}"

    def set_published(self, on: bool) -> None:
        rels = self.selected_rels()
        self._run(f"{'Publish' if on else 'Unpublish'} {self._count(rels)}", rels, "set", ("published",), on)

    def toggle_published(self) -> None:
        rels = self.selected_rels()
        if not rels:
            return
        on = self.session.library.draft(rels[0]).data.get("published") is not True
        self.set_published(on)

    def bump_quality(self, step: int) -> None:
        rels = self.selected_rels()
        if not rels or self.session is None:
            return

        def make(rel, draft):
            q = draft.data.get("quality")
            return ("set", (("quality",), (q if isinstance(q, int) and not isinstance(q, bool) else 0) + step))
        try:
            self.session.edit_each(f"Quality {step:+d} on {self._count(rels)}", rels, make)
        except ArticleProblem as p:
            QMessageBox.warning(self, "Newsdesk", str(p))

    def ask_quality(self) -> None:
        rels = self.selected_rels()
        if not rels:
            return
        first = self.session.library.draft(rels[0]).data.get("quality")
        value, ok = QInputDialog.getInt(self, "Set Quality", f"Quality of {self._count(rels)}:",
                                        first if isinstance(first, int) else 50, -1, 100000)
        if ok:
            self._run(f"Set quality {value} on {self._count(rels)}", rels, "set", ("quality",), value)

    def ask_add_topic(self) -> None:
        rels = self.selected_rels()
        if not rels:
            return
        topics = self.session.library.topics()
        choices = sorted(topics, key=lambda t: (-topics[t], t.casefold()))
        topic, ok = QInputDialog.getItem(self, "Add Topic", f"Topic to add to {self._count(rels)}:", choices, 0, True)
        topic = " ".join(topic.split())
        if not ok or not topic:
            return

        def make(rel, draft):
            current = draft.data.get("topics") if isinstance(draft.data.get("topics"), list) else []
            return None if topic in current else ("insert", (("topics",), len(current), topic))
        try:
            self.session.edit_each(f"Add topic \u201c{topic}\u201d to {self._count(rels)}", rels, make)
        except ArticleProblem as p:
            QMessageBox.warning(self, "Newsdesk", str(p))

    def ask_remove_topic(self) -> None:
        rels = self.selected_rels()
        if not rels:
            return
        present = sorted({t for rel in rels for t in (self.session.library.draft(rel).data.get("topics") or [])
                          if isinstance(t, str)}, key=str.casefold)
        if not present:
            self.statusBar().showMessage("The selected articles have no topics", 5000)
            return
        topic, ok = QInputDialog.getItem(self, "Remove Topic", f"Topic to remove from {self._count(rels)}:",
                                         present, 0, False)
        if not ok:
            return

        def make(rel, draft):
            current = draft.data.get("topics") if isinstance(draft.data.get("topics"), list) else []
            return ("remove", (("topics",), current.index(topic))) if topic in current else None
        self.session.edit_each(f"Remove topic \u201c{topic}\u201d from {self._count(rels)}", rels, make)

    def revert_selected(self) -> None:
        if self.session is not None:
            self.session.revert(self.selected_rels())

    # ---- saving -----------------------------------------------------------------------
    def save(self) -> bool:
        if self.session is None:
            return True
        focus = QApplication.focusWidget()
        if focus is not None and hasattr(focus, "interpretText"):
            focus.interpretText()  # a spin box being typed in counts as edited
        problems = self.session.save_all(settle=self._settle, progress=self._save_progress())
        if problems:
            text = "\n".join(str(p) for p in problems[:20])
            more = f"\n\u2026and {len(problems) - 20} more" if len(problems) > 20 else ""
            QMessageBox.warning(self, "Some articles were not saved",
                                f"{text}{more}\n\nYour edits are kept; nothing was overwritten.")
            return False
        left = len(self.session.library.dirty())
        if left:
            plural = "s" if left != 1 else ""
            self.statusBar().showMessage(f"Saving stopped: {left:,} article{plural} still unsaved", 8000)
            return False
        self.statusBar().showMessage("Saved", 4000)
        return True

    def _save_progress(self):
        """A progress dialog for big saves (modal: no edits while files are written)."""
        count = len(self.session.library.dirty())
        if count < SAVE_PROGRESS_ABOVE:
            return None
        dialog = QProgressDialog(f"Saving {count:,} articles\u2026", "Stop", 0, count, self)
        dialog.setWindowTitle("Saving")
        dialog.setWindowModality(Qt.WindowModal)
        dialog.setMinimumDuration(300)

        def progress(done: int, total: int) -> bool:
            dialog.setValue(done)
            if done + 1 >= total:
                QTimer.singleShot(0, dialog.close)
            return not dialog.wasCanceled()
        return progress

    def _settle(self, rel: str, conflict) -> dict | None:
        """Both sides changed the same thing: the editor chooses, or the article stays unsaved."""
        dialog = ConflictDialog(rel, conflict.conflicts, self)
        return dialog.choices_by_place() if dialog.exec() == ConflictDialog.Accepted else None

    def _confirm_discard(self, doing: str) -> bool:
        if self.session is None or not self.session.library.dirty():
            return True
        n = len(self.session.library.dirty())
        answer = QMessageBox.question(
            self, "Unsaved Changes",
            f"{n} article{'s have' if n != 1 else ' has'} unsaved changes. Save them before {doing}?",
            QMessageBox.Save | QMessageBox.Discard | QMessageBox.Cancel, QMessageBox.Save)
        if answer == QMessageBox.Save:
            return self.save()
        if answer == QMessageBox.Discard:
            self.session.journal.clear()
            return True
        return False

    def closeEvent(self, event) -> None:
        if not self._confirm_discard("closing"):
            event.ignore()
            return
        self._detach_session()
        if self.remember:
            self._save_header()
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
            self.settings.setValue("window/docks", self.saveState(DOCK_STATE_VERSION))
            self.settings.sync()
        event.accept()
        if self.session is not None:  # a closed window holds no folder
            self.proxy.setSourceModel(None)
            self._release(self.session, self.model, self.loader)
            self.session = self.model = self.loader = None

    # ---- filter, focus, help ---------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        # On big libraries a filter pass costs ~1 s: wait for a pause in the typing.
        if self.model is not None and self.model.rowCount() > FILTER_DEBOUNCE_ABOVE:
            self._filter_timer.start()
        else:
            self._apply_filter()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        text = self.filter.text()
        error = []
        self._keeping_current(lambda: error.append(self.proxy.set_text(text)))
        self._show_search_error(error[0] if error else None)

    def manage_topics(self) -> None:
        if self.session is None:
            return
        TopicManager(self.session, self).exec()
        if self.detail is not None:
            topics = self.session.library.topics()
            self.detail.set_topic_choices(sorted(topics, key=lambda t: (-topics[t], t.casefold())))

    def find_duplicates(self) -> None:
        if self.session is not None:
            DuplicatesDialog(self.session, self, show_in_table=self.show_article).exec()

    def show_article(self, rel: str) -> None:
        """Make an article current in the table, clearing the search if it hides it."""
        index = self.proxy.mapFromSource(self.model.index(self.session.library.position(rel), TITLE))
        if not index.isValid():
            self.filter.setText("")
            self._apply_filter()
            self.set_state(ALL)
            index = self.proxy.mapFromSource(self.model.index(self.session.library.position(rel), TITLE))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def search_for(self, term: str, combine: bool = False) -> None:
        """Search for a facet value or a saved search; ``combine`` adds it to the search."""
        current = self.filter.text().strip()
        if combine and current and term not in current:
            term = f"{current} {term}"
        elif combine and term in current:
            term = current
        self.filter.setText(term)
        self._apply_filter()

    def _show_search_error(self, error) -> None:
        """A mistake in the query is shown on the box itself; the last good filter stays."""
        if error is None:
            self.filter.setStyleSheet("")
            self.filter.setToolTip(SEARCH_HELP)
            self._search_error_action.setVisible(False)
            return
        self.filter.setStyleSheet("QLineEdit#filter { border: 2px solid #d93025; }")
        self.filter.setToolTip(f"{error}\n\n{SEARCH_HELP}")
        self.search_error.setText(f"\u26a0 {error.message} (at character {error.position + 1})")
        self._search_error_action.setVisible(True)

    def set_state(self, state: int) -> None:
        self.state_actions[state].setChecked(True)
        self._keeping_current(lambda: self.proxy.set_state(state))

    def _keeping_current(self, change) -> None:
        """Apply a filter change; the current article stays current if it is still shown."""
        current = self.table.currentIndex()
        rel = current.data(PATH_ROLE) if current.isValid() else None
        column = current.column() if current.isValid() else TITLE
        change()
        if self.model is not None and not self.table.currentIndex().isValid():
            index = self.proxy.index(-1, -1)
            if rel is not None:
                index = self.proxy.mapFromSource(self.model.index(self.session.library.position(rel), column))
            if not index.isValid() and self.proxy.rowCount():
                index = self.proxy.index(0, column)  # the current article was filtered out
            if index.isValid():
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index)
            elif self.detail is not None:
                self.detail.show_article(None)
        self._show_counts()

    def focus_filter(self) -> None:
        self.filter.setFocus()
        self.filter.selectAll()

    def focus_table(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.proxy.rowCount():
            self.table.setCurrentIndex(self.proxy.index(0, TITLE))

    def _focus_detail(self, which: str) -> None:
        if self.detail is None:
            return
        widget = {"quality": self.detail.quality, "topics": self.detail.topic_input,
                  "related": self.detail.related_view}[which]
        if widget.isEnabled():
            self.detail_scroll.ensureWidgetVisible(widget)
            widget.setFocus()
            if which == "related" and not widget.currentIndex().isValid() and self.detail.related_model.rowCount():
                widget.setCurrentIndex(self.detail.related_model.index(0, 0))

    def shortcut_actions(self):
        table = "Article table"
        return [("Anywhere", self.open_action), ("Anywhere", self.reload_action), ("Anywhere", self.save_action),
                ("Anywhere", self.undo_action), ("Anywhere", self.redo_action), ("Anywhere", self.find_action),
                ("Anywhere", self.focus_table_action), (table, self.publish_action), (table, self.unpublish_action),
                (table, self.toggle_action), (table, self.quality_up_action), (table, self.quality_down_action),
                (table, self.quality_up10_action), (table, self.quality_down10_action),
                ("Anywhere", self.set_quality_action), ("Anywhere", self.add_topic_action),
                ("Anywhere", self.remove_topic_action), (table, self.focus_quality_action),
                (table, self.focus_topics_action), (table, self.focus_related_action),
                *[("Anywhere", a) for a in self.state_actions], ("Anywhere", self.help_keys_action),
                ("Anywhere", self.quit_action)]

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.shortcut_actions(), self).exec()

    def about(self) -> None:
        from newsdesk import __version__
        QMessageBox.about(self, "About Newsdesk",
                          f"<b>Newsdesk {__version__}</b><p>Review and curate front-matter articles; "
                          "every byte you did not touch stays as it was.</p>")

    # ---- state shown -------------------------------------------------------------------------
    def _update_title(self, *_) -> None:
        name = self.session.library.root.name if self.session else ""
        self.setWindowTitle(f"{name}[*] \u2014 Newsdesk" if name else "Newsdesk")
        self.setWindowModified(bool(self.session and self.session.library.dirty()))
        self._update_counts()

    def _update_counts(self, *_) -> None:
        self._counts_timer.start()

    def _show_counts(self) -> None:
        if self.session is None:
            self.counts.setText("")
            return
        library = self.session.library
        total = len(library.rows)
        unpublished = library.unpublished()
        unsaved = len(library.dirty())
        self.counts.setText(f"{self.proxy.rowCount()} shown \u00b7 {total} total \u00b7 "
                            f"{unpublished} unpublished \u00b7 {unsaved} unsaved")

    # ---- columns and remembered layout ------------------------------------------------------------
    def _header_menu(self, pos) -> None:
        from PySide6.QtWidgets import QMenu
        menu = QMenu(self)
        self._fill_columns(menu)
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _fill_columns(self, menu) -> None:
        menu.clear()
        header = self.table.horizontalHeader()
        for col, name in enumerate(COLUMNS):
            act = menu.addAction(name)
            act.setCheckable(True)
            act.setChecked(not header.isSectionHidden(col))
            act.toggled.connect(lambda on, c=col: self.set_column_visible(c, on))

    def set_column_visible(self, col: int, visible: bool) -> None:
        header = self.table.horizontalHeader()
        if not visible and header.count() - header.hiddenSectionCount() <= 1:
            return
        header.setSectionHidden(col, not visible)

    def _restore_header(self) -> None:
        header = self.table.horizontalHeader()
        state = self.settings.value("table/header")
        version = int(self.settings.value("table/headerVersion", 0) or 0)
        if state is not None and version == HEADER_STATE_VERSION and header.restoreState(state):
            self.proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            return
        for col, width in DEFAULT_WIDTHS.items():
            header.resizeSection(col, width)
        self.table.sortByColumn(DATE, Qt.DescendingOrder)

    def _save_header(self) -> None:
        if self.table.model() is not None:
            self.settings.setValue("table/header", self.table.horizontalHeader().saveState())
            self.settings.setValue("table/headerVersion", HEADER_STATE_VERSION)

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            area = screen.availableGeometry() if screen else None
            if area is not None:
                self.resize(min(1400, int(area.width() * 0.92)), min(900, int(area.height() * 0.9)))
            else:
                self.resize(1280, 760)
        docks = self.settings.value("window/docks")
        if docks is not None:
            self.restoreState(docks, DOCK_STATE_VERSION)
        splitter = self.settings.value("window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([int(self.width() * 0.6), int(self.width() * 0.4)])
