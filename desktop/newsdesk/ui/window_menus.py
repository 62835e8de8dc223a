"""The window's actions and the bars made from them: the QActions of ui/actions.py's
table (undo and redo from the undo group, the docks' own toggles), the menu bar, the
search toolbar, and the Git menu with its narrow GitHost. The checkable choices kept in
the settings (remote pictures, auto-advance) are shown as the settings say."""
from __future__ import annotations

from PySide6.QtGui import QUndoGroup

from newsdesk.ui import settings as settings_mod
from newsdesk.ui.actions import ACTIONS, build_actions, build_menus, where
from newsdesk.ui.git_menu import GitHost, GitMenu
from newsdesk.ui.preferences import value as preference
from newsdesk.ui.search_bar import SearchBar

FILTER_DEBOUNCE_ABOVE = 20_000  # rows: a filter pass costs ~1 s, so wait for a pause in the typing


class WindowMenus:
    def __init__(self, window):
        self.window = w = window
        self.undo_group = QUndoGroup(w)
        self.undo_action = self.undo_group.createUndoAction(w, "&Undo")  # its text names the edit
        self.redo_action = self.undo_group.createRedoAction(w, "&Redo")
        w.addActions([self.undo_action, self.redo_action])
        given = {"undo": self.undo_action, "redo": self.redo_action,
                 "browse": w.sidebar.toggleViewAction(), "problems": w.problems.toggleViewAction(),
                 "changes": w.changes.toggleViewAction()}
        self.actions = build_actions(w, given)
        self.show_choices()
        self.state_actions = [self.actions[k] for k in ("state_all", "state_unpublished", "state_published")]
        self.search = SearchBar(self.actions["browse"], self.state_actions, w)
        self.search.wait_for_pause = lambda: w.model is not None and w.model.rowCount() > FILTER_DEBOUNCE_ABOVE
        w.addToolBar(self.search)
        menus = self.menus = build_menus(w.menuBar(), self.actions)  # by name: "edit", "recent"...
        self.recent_menu, columns_menu = menus["recent"], menus["columns"]
        self.recent_menu.aboutToShow.connect(lambda: w.opening.fill_recent(self.recent_menu))
        columns_menu.aboutToShow.connect(lambda: w.layout_memory.fill_columns(columns_menu))
        self.git = GitMenu(self._git_host(), menus["git"],
                           {name: action for name, action in self.actions.items() if name.startswith("git_")}, w)

    def _git_host(self) -> GitHost:
        """All the Git menu may ask of the window."""
        w = self.window
        return GitHost(w, lambda: w.session.library.root if w.session else None, w.saving.save,
                       lambda: bool(w.session and w.session.library.dirty()),
                       lambda rel: w.session.library.file(rel),
                       lambda states: w.model is not None and w.model.set_git_states(states),
                       lambda on: w.layout_memory.set_condition("git", on),
                       lambda text: w.statusBar().showMessage(text, 8000),
                       lambda: w.disk is not None and w.disk.check_open())

    def show_choices(self) -> None:
        """The View menu's checkable choices as the settings hold them (after Preferences)."""
        settings = self.window.settings
        self.actions["remote_pictures"].setChecked(settings_mod.remote_pictures(settings))
        self.actions["auto_advance"].setChecked(bool(preference(settings, "review/autoAdvance")))

    def shortcut_actions(self):
        """(where it works, the action) of every action with keys: Help > Keyboard Shortcuts."""
        return [(where(spec), self.actions[spec.id]) for spec in ACTIONS if spec.keys]
