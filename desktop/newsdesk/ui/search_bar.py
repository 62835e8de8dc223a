"""The toolbar over the table: the Browse button, the search box (a mistake is marked on
the box and the last good search stays) and the All / Unpublished / Published switch.

A query with a mistake is not applied: the rows of the last good search stay, and the
message says so and names it (typing ``quality>=abc`` went through ``quality``, whose
rows stayed, shown as if they were the answer). Enter on it leaves the keyboard in the
box, at the mistake, as calibre's and Picard's search boxes do: sent to the table, the
correction typed next became the table's single keys (``q`` jumped to Quality and
``60`` made 37 into 3760)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolBar, QToolButton, QWidget

from newsdesk.core.editorial.facets import holds
from newsdesk.ui.qtcompat import debounce

SEARCH_HELP = ("Words and \"phrases\" search titles, excerpts, providers and topics.\n"
               "title:  excerpt:  provider:  url:  topic:AI  topic:\"Azure AI\"  topic:azure*\n"
               "provider=PR  the whole name (provider:PR is also PR Newswire)\n"
               "quality>=60  heat>0  related=0  published:yes / published:no\n"
               "date>=2023-10-01  date:2023-10  date:7d (the last 7 days)\n"
               "-topic:AI or NOT … leaves out;  a OR b;  (parentheses) group")
FILTER_PAUSE_MS = 200


class SearchBar(QToolBar):
    search = Signal(str)   # the text to search for, now
    done = Signal()        # Enter: back to the table

    def __init__(self, browse_action, state_actions, parent=None):
        super().__init__("Filter", parent)
        self.setObjectName("filterBar")
        self.setMovable(False)
        self.addAction(browse_action)
        self.box = QLineEdit(placeholderText="Search: words, \"a phrase\", topic:AI, quality>=60, "
                                             "published:no, date:7d, -provider:x, a OR b  (Ctrl+F)")
        self.box.setObjectName("filter")
        self.box.setToolTip(SEARCH_HELP)
        self.box.setClearButtonEnabled(True)
        self.box.setMinimumWidth(320)
        self.pause = debounce(self, FILTER_PAUSE_MS, self.apply)
        self.wait_for_pause = lambda: False  # set by the window: big libraries wait for a pause
        self.box.textChanged.connect(lambda _: self.pause.start() if self.wait_for_pause() else self.apply())
        self.box.returnPressed.connect(self._enter)
        self.addWidget(self.box)
        self.error = QLabel()
        self.error.setObjectName("searchError")
        self.error.setStyleSheet("color: #d93025; padding: 0 6px;")
        self.error_action = self.addWidget(self.error)  # a toolbar shows it by its action
        self.error_action.setVisible(False)
        self.applied = ""      # the last query applied without a mistake
        self._asked = ""
        self._mistake: int | None = None   # where the query shown has its mistake
        switch = QWidget()
        row = QHBoxLayout(switch)
        row.setContentsMargins(8, 0, 0, 0)
        row.setSpacing(0)
        self.state_buttons = []
        for act in state_actions:
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)  # the label is the action's icon text:
            # a text set here went back to the action's ("All Articles", wider) each time it was checked
            row.addWidget(button)
            self.state_buttons.append(button)
        self.addWidget(switch)

    def apply(self) -> None:
        self.pause.stop()
        self._asked = self.box.text()
        self.search.emit(self._asked)

    def _enter(self) -> None:
        """Enter: search now; back to the table, unless the query has a mistake."""
        self.apply()
        if self._mistake is None:
            self.done.emit()
        else:
            self.box.setCursorPosition(min(self._mistake, len(self.box.text())))

    def show_error(self, error) -> None:
        """A mistake in the query is shown on the box itself; the last good filter stays."""
        self._mistake = None if error is None else error.position
        if error is None:
            self.applied = self._asked.strip()
            self.box.setStyleSheet("")
            self.box.setToolTip(SEARCH_HELP)
            self.error_action.setVisible(False)
            return
        self.box.setStyleSheet("QLineEdit#filter { border: 2px solid #d93025; }")
        self.box.setToolTip(f"{error}\n\n{SEARCH_HELP}")
        shown = f"still showing \u201c{self.applied}\u201d" if self.applied else "still showing every article"
        self.error.setText(f"\u26a0 {error.message} (at character {error.position + 1}): not applied, {shown}")
        self.error_action.setVisible(True)

    def combine(self, term: str, add: bool) -> None:
        """Search for a facet value or a saved search; ``add`` adds it to the search
        (unless it holds it already: topic:AI is not held by topic:AIOps)."""
        current = self.box.text().strip()
        if add and current:
            term = current if holds(current, term) else f"{current} {term}"
        self.box.setText(term)
        self.apply()
