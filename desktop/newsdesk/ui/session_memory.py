"""The session comes back: on closing, the window remembers its folder's search, the
All / Unpublished / Published switch, the current article, the scroll position and the
panel's tab; reopening that folder (at start-up or from the menu) puts them back. The
header (sort, columns) and the docks are kept by layout_memory."""
from __future__ import annotations

from PySide6.QtCore import QTimer

from newsdesk.ui.settings import path_from, path_value

KEYS = ("folder", "search", "state", "current", "scroll", "tab")


class SessionMemory:
    def __init__(self, window, settings):
        self.window, self.settings = window, settings
        self._scroll: int | None = None

    def save(self) -> None:
        w = self.window
        if w.session is None:
            return
        s = self.settings
        s.setValue("session/folder", path_value(str(w.session.library.root)))
        s.setValue("session/search", w.filter.text())
        s.setValue("session/state", next((n for n, a in enumerate(w.state_actions) if a.isChecked()), 0))
        s.setValue("session/current", path_value(w.current.rel or ""))
        s.setValue("session/scroll", w.table.verticalScrollBar().value())
        s.setValue("session/tab", w.detail.tabs.currentIndex() if w.detail is not None else 0)

    def wanted(self, folder) -> str | None:
        """Opening ``folder``: the article to make current, if it is the folder last closed."""
        if str(folder) != path_from(self.settings.value("session/folder", "")):
            self._scroll = None
            return None
        self._scroll = int(self.settings.value("session/scroll", 0) or 0)
        return path_from(self.settings.value("session/current", "")) or None

    def restore_view(self) -> None:
        """Before the rows come: the search, the switch and the tab (restored once)."""
        if self._scroll is None:
            return
        w = self.window
        text = str(self.settings.value("session/search", "") or "")
        if text:
            w.filter.setText(text)
            w.search.apply()
        state = int(self.settings.value("session/state", 0) or 0)
        if 0 <= state < len(w.state_actions) and state:
            w.set_state(state)
        tab = int(self.settings.value("session/tab", 0) or 0)
        if w.detail is not None and 0 <= tab < w.detail.tabs.count():
            w.detail.tabs.setCurrentIndex(tab)

    def loaded(self) -> None:
        """Every row read and the current article found: the scroll position as it was."""
        scroll, self._scroll = self._scroll, None
        if scroll is not None:
            bar = self.window.table.verticalScrollBar()
            QTimer.singleShot(0, self.window, lambda: bar.setValue(min(scroll, bar.maximum())))
