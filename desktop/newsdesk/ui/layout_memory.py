"""What the window remembers of its layout (QSettings): the table's columns — widths,
order, visibility, sort — the window's size, the splitter and the docks; and the
column chooser (View > Columns and the header's right-click menu). The detail panel's
panes (Article / Related / Suggestions) are remembered too: a new panel comes with each
folder opened, and takes the sizes the last one had."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from newsdesk.ui.columns import COLUMNS, DEFAULT_SORT, DEFAULT_WIDTHS, TABLE, shown_when

HEADER_STATE_VERSION = 2  # 2: the Git column
# The columns a saved header state of version 2 was made with, when it does not say.
VERSION_2_COLUMNS = "published,quality,title,provider,date,topics,related,heat,file,git"
DOCK_STATE_VERSION = 1


class LayoutMemory:
    def __init__(self, window, settings):
        self.window, self.settings = window, settings
        self.table = window.table
        self._hidden_by_us: set[int] = set()
        header = self.table.horizontalHeader()
        header.setContextMenuPolicy(Qt.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)

    def _header_menu(self, pos) -> None:
        menu = QMenu(self.window)
        self.fill_columns(menu)
        menu.exec(self.table.horizontalHeader().mapToGlobal(pos))

    def fill_columns(self, menu) -> None:
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
            return  # the last column stays
        header.setSectionHidden(col, not visible)

    def set_condition(self, condition: str, on: bool) -> None:
        """Show or hide the columns that exist only under ``condition`` ("git": inside a
        work tree); a column the editor hid stays hidden."""
        header = self.table.horizontalHeader()
        for col in shown_when(condition):
            if not on and not header.isSectionHidden(col):
                header.setSectionHidden(col, True)
                self._hidden_by_us.add(col)
            elif on and col in self._hidden_by_us:
                header.setSectionHidden(col, False)
                self._hidden_by_us.discard(col)

    def restore_header(self, proxy) -> None:
        header = self.table.horizontalHeader()
        state = self.settings.value("table/header")
        version = int(self.settings.value("table/headerVersion", 0) or 0)
        made_with = self.settings.value("table/headerColumns", VERSION_2_COLUMNS)
        same = version == HEADER_STATE_VERSION and made_with == column_keys()  # a column added: defaults
        if state is not None and same and header.restoreState(state):
            proxy.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            return
        for col, width in DEFAULT_WIDTHS.items():
            header.resizeSection(col, width)
        self.table.sortByColumn(*DEFAULT_SORT)

    def save_header(self) -> None:
        if self.table.model() is not None:
            self.settings.setValue("table/header", self.table.horizontalHeader().saveState())
            self.settings.setValue("table/headerVersion", HEADER_STATE_VERSION)
            self.settings.setValue("table/headerColumns", column_keys())

    def restore_window(self, splitter) -> None:
        window = self.window
        geometry = self.settings.value("window/geometry")
        if geometry is None or not window.restoreGeometry(geometry):
            screen = QApplication.primaryScreen()
            area = screen.availableGeometry() if screen else None
            if area is not None:
                # a laptop's screen (1366x768) gets nearly all of it: at 92% only five columns fit
                small = area.width() < 1500
                window.resize(area.width() - 12 if small else min(1400, int(area.width() * 0.92)),
                              area.height() - 40 if small else min(900, int(area.height() * 0.9)))
            else:
                window.resize(1280, 760)
        docks = self.settings.value("window/docks")
        if docks is not None:
            window.restoreState(docks, DOCK_STATE_VERSION)
        state = self.settings.value("window/splitter")
        if state is None or not splitter.restoreState(state):
            splitter.setSizes([int(window.width() * 0.6), int(window.width() * 0.4)])

    def restore_panel(self, detail) -> None:
        """The detail panel's panes (Article / Related / Suggestions) as the editor left them."""
        state = self.settings.value("panel/splitter")
        if state is not None:
            detail.splitter.remember_sizes(state)

    def save_panel(self, detail) -> None:
        if detail is None:
            return
        state = detail.splitter.sizes_state()
        if state is not None:
            self.settings.setValue("panel/splitter", state)
        else:  # fitted, not chosen: the next start fits them again, to its own window
            self.settings.remove("panel/splitter")

    def save_window(self, splitter) -> None:
        self.save_header()
        self.save_panel(self.window.detail)
        self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.settings.setValue("window/splitter", splitter.saveState())
        self.settings.setValue("window/docks", self.window.saveState(DOCK_STATE_VERSION))
        self.settings.sync()


def column_keys() -> str:
    return ",".join(column.key for column in TABLE)
