"""Every action of the window declared as data: its text, keys, handler, menu and tip.
Menus, the table's context menu, the toolbar's switch and Help > Keyboard Shortcuts
are made from this table, and the window refuses to start when two actions share a key
on any platform (Qt would only log "Ambiguous shortcut overload" and run neither).
Adding an action is one entry in ACTIONS (and its id in MENUS)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from newsdesk.ui.about import show_about
from newsdesk.ui.platform_keys import PLATFORMS, expand, portable

SK = QKeySequence.StandardKey
TABLE_ONLY = "Article table"
ANYWHERE = "Anywhere"


class ShortcutClash(RuntimeError):
    """Two actions share a key sequence: Qt would run neither."""


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    handler: str | Callable | None   # a dotted name on the window ("git.commit"), or f(window);
    keys: tuple = ()                 # None: the action is made elsewhere (undo, redo, docks)
    tip: str = ""
    args: tuple = ()                 # passed to the handler
    table_only: bool = False         # single keys must not fire while typing in a text field
    context: bool = False            # in the table's right-click menu
    checkable: bool = False          # the handler gets the new state
    checked: bool = False
    group: str | None = None         # exclusive group (the All / Unpublished / Published switch)
    icon_text: str = ""


A = ActionSpec
ACTIONS: tuple[ActionSpec, ...] = (
    A("open", "&Open Folder\u2026", "opening.choose_folder", (SK.Open,), "Open a folder of articles"),
    A("open_file", "Open &File\u2026", "opening.choose_file", (), "Open one article file"),
    A("reload", "&Reload", "reload", (SK.Refresh, "Ctrl+R"), "Read the folder again from disk (unsaved edits kept)"),
    A("save", "&Save", "saving.save", (SK.Save,), "Write every unsaved article"),
    A("revert", "Re&vert Selected", "edits.revert", (), "Drop the unsaved edits of the selected articles",
      context=True),
    A("quit", "&Quit", "close", (SK.Quit, "Ctrl+Q")),
    A("undo", "&Undo", None, ("Ctrl+Z",)),
    A("redo", "&Redo", None, ("Ctrl+Shift+Z", "Ctrl+Y")),
    A("publish", "&Publish", "triage.publish", ("P",), "Publish the selected articles", (True,),
      table_only=True, context=True),
    A("unpublish", "U&npublish", "triage.publish", ("U",), "Unpublish the selected articles", (False,),
      table_only=True, context=True),
    A("toggle", "&Toggle Published", "edits.toggle_published", ("Space",),
      "Publish the selected articles, or unpublish them when all are published", table_only=True),
    A("mark_reviewed", "Mark Re&viewed", "triage.mark_reviewed", ("Return", "Enter"),
      "Mark the selected articles reviewed (and go on to the next)", table_only=True, context=True),
    A("flag", "&Flag for a Second Look", "triage.toggle_flag", ("F",),
      "Flag the selected articles, or clear their flag", table_only=True, context=True),
    A("quality_up", "Quality +1", "edits.bump_quality", ("+", "="), args=(1,), table_only=True),
    A("quality_down", "Quality \u22121", "edits.bump_quality", ("-",), args=(-1,), table_only=True),
    # ] and [, not Shift++ / Shift+_: the menu showed "Shift++", and on X11 pressing Shift with
    # the + key arrives as "+" (Quality +1); Shift+_ fired nothing at all (tests/test_menu_keys.py)
    A("quality_up10", "Quality +10", "edits.bump_quality", ("]",), args=(10,), table_only=True),
    A("quality_down10", "Quality \u221210", "edits.bump_quality", ("[",), args=(-10,), table_only=True),
    A("set_quality", "Set &Quality\u2026", "edits.ask_quality", ("Ctrl+Shift+Q",),
      "Set the quality of the selected articles", context=True),
    A("add_topic", "&Add Topic to Selected\u2026", "edits.ask_add_topic", ("Ctrl+T",),
      "Add a topic to every selected article", context=True),
    A("remove_topic", "Re&move Topic from Selected\u2026", "edits.ask_remove_topic", ("Ctrl+Shift+R",),
      "Remove a topic from every selected article", context=True),
    A("find", "F&ind", "focus_filter", (SK.Find, "/"), "Go to the search box"),
    A("preferences", "Pr&eferences\u2026", "show_preferences", ("Ctrl+,",),
      "Auto-advance, pictures, the default folder, what makes an article new again"),
    A("state_all", "&All Articles", "set_state", ("Ctrl+1",), args=(0,), checked=True, group="state",
      icon_text="All"),  # the switch's button: its label, kept as the switch is used (tests/test_browse.py)
    A("state_unpublished", "&Unpublished", "set_state", ("Ctrl+2",), args=(1,), group="state"),
    A("state_published", "&Published", "set_state", ("Ctrl+3",), args=(2,), group="state"),
    A("browse", "&Browse: Facets and Saved Searches", None, ("Ctrl+B",),
      "Show topics, providers, months and saved searches (Ctrl+B)", icon_text="Browse"),
    A("problems", "Problems", None),
    A("changes", "&Changes: What Save Will Write", None, ("Ctrl+Shift+D",),
      "Every unsaved article with the exact diff Save will write"),
    A("auto_advance", "Auto-Ad&vance After Triage", "triage.set_auto_advance", (),
      "After publish, unpublish or mark reviewed, go on to the next article", checkable=True),
    A("remote_pictures", "Load Remote Pic&tures", "set_remote_pictures", (),
      "Fetch article pictures from the web (off: only pictures already cached or on disk)", checkable=True),
    A("git_commit", "&Commit\u2026", "git.commit", ("Ctrl+Shift+K",), "Commit chosen files with a message"),
    A("git_pull", "&Pull", "git.pull", (), "git pull: a conflict is named file by file"),
    A("git_push", "P&ush", "git.push", (), "git push"),
    A("git_refresh", "&Refresh Status", "git.refresh", (), "Read git's status of the folder again"),
    A("topics", "&Manage Topics\u2026", "manage_topics", ("Ctrl+Shift+T",),
      "Rename, merge or delete topics across the library"),
    A("duplicates", "Find &Duplicates\u2026", "find_duplicates", (),
      "Articles with the same address or title, to unpublish in one place"),
    A("next_new", "Next &New", "triage.next_new", ("N",), "The next article nobody has reviewed", (1,),
      table_only=True),
    A("prev_new", "Previous Ne&w", "triage.next_new", ("Shift+N",), "The previous article nobody has reviewed",
      (-1,), table_only=True),
    A("focus_table", "Article &Table", "focus_table", ("Escape",), "Back to the article table"),
    A("focus_quality", "&Quality Editor", "focus_detail", ("Q",), args=("quality",), table_only=True),
    A("focus_topics", "T&opics Editor", "focus_detail", ("T",), args=("topics",), table_only=True),
    A("focus_related", "&Related Links", "focus_detail", ("R",), args=("related",), table_only=True),
    A("help_keys", "&Keyboard Shortcuts", "show_shortcuts", (SK.HelpContents, "F1")),
    A("about", "&About Newsdesk", lambda window: show_about(window), tip="Versions, the log, the licences"),
)
# Menus in order: action ids, "|" a separator, "@name" a submenu or widget the window fills.
MENUS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("file", "&File", ("open", "open_file", "@recent", "|", "reload", "save", "revert", "|", "quit")),
    ("edit", "&Edit", ("undo", "redo", "|", "publish", "unpublish", "toggle", "|", "quality_up", "quality_down",
                       "quality_up10", "quality_down10", "set_quality", "|", "add_topic", "remove_topic", "|",
                       "mark_reviewed", "flag", "|", "find", "|", "preferences")),
    ("view", "&View", ("state_all", "state_unpublished", "state_published", "|", "browse", "problems", "changes",
                       "@columns", "|", "remote_pictures", "auto_advance")),
    ("git", "G&it", ("git_commit", "git_pull", "git_push", "|", "git_refresh")),
    ("tools", "&Tools", ("topics", "duplicates")),
    ("go", "&Go", ("next_new", "prev_new", "|", "focus_table", "focus_quality", "focus_topics", "focus_related")),
    ("help", "&Help", ("help_keys", "about")),
)
SUBMENUS = {"recent": "Open Rece&nt", "columns": "Colu&mns"}
BY_ID = {spec.id: spec for spec in ACTIONS}


def check_unique(specs=ACTIONS) -> None:
    """Refuse two actions sharing a key sequence, on any platform's expansion of the
    standard keys (QKeySequence.Quit is Ctrl+Q on macOS and Linux, nothing on Windows)."""
    ids = [spec.id for spec in specs]
    if len(ids) != len(set(ids)):
        raise ShortcutClash(f"two actions have the same id: {sorted({i for i in ids if ids.count(i) > 1})}")
    clashes = []
    for platform in PLATFORMS:
        owner: dict[str, str] = {}
        for spec in specs:
            for key in {portable(k) for k in expand(spec.keys, platform)}:
                if key in owner and owner[key] != spec.id:
                    clashes.append(f"{key} on {platform}: {owner[key]} and {spec.id}")
                owner.setdefault(key, spec.id)
    if clashes:
        raise ShortcutClash("Two actions share a key (Qt would run neither): " + "; ".join(clashes))


def resolve(window, handler):
    if callable(handler):
        return lambda *args: handler(window, *args)
    target = window
    for name in handler.split("."):
        target = getattr(target, name)
    return target


def build_actions(window, given: dict[str, QAction], specs=ACTIONS) -> dict[str, QAction]:
    """QActions for ``specs`` on ``window`` (given ones are dressed, not made); the table's
    keys go to the table alone. The handlers are looked up when triggered: the objects
    they belong to (the Git menu, the edits) may come after the actions."""
    check_unique(specs)
    actions, groups = {}, {}
    for spec in specs:
        action = given.get(spec.id)
        if action is None:
            if spec.handler is None:
                raise ShortcutClash(f"action {spec.id!r} has no handler and was not given")
            action = QAction(spec.text, window)
            action.setCheckable(spec.checkable or spec.group is not None)
            action.setChecked(spec.checked)
            if spec.checkable:
                action.triggered.connect(lambda on, s=spec: resolve(window, s.handler)(on))
            else:
                action.triggered.connect(lambda _=False, s=spec: resolve(window, s.handler)(*s.args))
        action.setText(spec.text)
        if spec.icon_text:
            action.setIconText(spec.icon_text)
        if spec.keys:
            action.setShortcuts(platform_shortcuts(spec.keys))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.group is not None:
            groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
        if spec.table_only:
            action.setShortcutContext(Qt.WidgetShortcut)
            window.table.addAction(action)
        elif spec.id not in given:
            window.addAction(action)
        actions[spec.id] = action
    window.table.addActions([actions[s.id] for s in specs if s.context])
    return actions


def platform_shortcuts(keys) -> list[QKeySequence]:
    """The sequences for this platform, each once: a standard key and a literal naming the
    same sequence must not both be bound (that was Ctrl+Q and F1 doing nothing)."""
    seen, out = set(), []
    for key in keys:
        for sequence in QKeySequence.keyBindings(key) if isinstance(key, SK) else [QKeySequence(key)]:
            text = sequence.toString(QKeySequence.PortableText)
            if text and text not in seen:
                seen.add(text)
                out.append(sequence)
    return out


def build_menus(menubar, actions: dict[str, QAction], menus=MENUS) -> dict[str, object]:
    """The menu bar from MENUS; returns the menus and submenus by name."""
    made = {}
    for name, title, items in menus:
        menu = made[name] = menubar.addMenu(title)
        for item in items:
            if item == "|":
                menu.addSeparator()
            elif item.startswith("@"):
                made[item[1:]] = menu.addMenu(SUBMENUS[item[1:]])
            else:
                menu.addAction(actions[item])
    return made


def where(spec: ActionSpec) -> str:
    return TABLE_ONLY if spec.table_only else ANYWHERE
