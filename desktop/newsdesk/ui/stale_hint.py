"""The status bar's quiet word that rows shown no longer match the search or the switch:
an edit (or another program, on disk) made them not match, and the filter keeps them,
greyed, so that nothing the editor just worked on vanishes (as calibre keeps a book
edited out of its search). "2 shown no longer match · Refresh" shows while there are
such rows; Refresh (or clicking the switch again, or another search) lets them go.
The same kind of word as order_hint's "Order as before your edits · Re-sort"."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

TIP = ("An edit or a change on disk made these rows no longer match the search or the switch;\n"
       "they stay (greyed) so that nothing jumps away while you work. Refresh, search again or\n"
       "press the switch (Ctrl+1, Ctrl+2, Ctrl+3) again to let them go.")


def hint_text(count: int) -> str:
    return (f"{count:,} shown no longer match{'es' if count == 1 else ''} \u00b7 "
            "<a href='refresh' style='text-decoration:none'>Refresh</a>")


class StaleHint(QObject):
    def __init__(self, proxy, refresh=None, parent=None):
        super().__init__(parent)
        self.proxy = proxy
        self.refresh = refresh or proxy.refresh   # the window's keeps the current article in view
        self.label = QLabel(objectName="staleHint", toolTip=TIP)
        self.label.setTextFormat(Qt.RichText)
        self.label.setStyleSheet("color: palette(placeholder-text);")
        self.label.setContentsMargins(0, 0, 12, 0)   # apart from the counts
        self.label.linkActivated.connect(lambda _link: self.refresh())
        self.label.hide()
        proxy.stale_changed.connect(self._show)

    def _show(self, count: int) -> None:
        if count:
            self.label.setText(hint_text(count))
        self.label.setVisible(count > 0)
