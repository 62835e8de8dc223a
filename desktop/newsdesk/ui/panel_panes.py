"""The detail panel's Curate tab: a vertical splitter of three panes — the article (its
editors and excerpt, scrolled), its related links, and suggested links — and their
sizes. The first time it is shown the article pane gets what its editors and three lines
of excerpt need (at most 45%), the suggestions their own height, the related list the
rest; unless the editor's own sizes from last time were given (LayoutMemory), which it
puts back instead. With several articles selected the related panes are hidden, and the
sizes from before that are the ones to remember."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QScrollArea, QSplitter, QWidget

ARTICLE_AT_MOST = 0.45  # of the splitter's height, for the article pane at first


class PanelPanes(QSplitter):
    def __init__(self, article: QScrollArea, related: QWidget, suggestions: QWidget, editors: tuple[QWidget, ...]):
        super().__init__(Qt.Vertical)
        self.setObjectName("detailSplitter")
        self.setChildrenCollapsible(False)
        for pane, stretch in ((article, 0), (related, 1), (suggestions, 0)):
            self.addWidget(pane)
            self.setStretchFactor(self.count() - 1, stretch)
        self.article, self.related, self.suggestions = article, related, suggestions
        self.editors = editors     # the article pane's editors, above its excerpt
        self.sized = False
        self._remembered = None    # the panes' sizes the editor left last time
        self._single_sizes = None  # the sizes while one article was shown, kept while several are

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self.sized:
            self.sized = True
            QTimer.singleShot(0, self, self._initial_sizes)

    def remember_sizes(self, state) -> None:
        """The sizes the editor left (a saved QSplitter state): the first sizing puts them
        back instead of making its own."""
        self._remembered = state

    def sizes_state(self):
        """The sizes to remember (a QSplitter state), as they are with one article shown;
        before the first sizing, the ones given to remember_sizes."""
        if not self.sized:
            return self._remembered
        if self.related.isVisibleTo(self):
            return self.saveState()
        return self._single_sizes if self._single_sizes is not None else self._remembered

    def show_related(self, on: bool) -> None:
        """The related panes shown (one article) or hidden (several)."""
        if not on and self.sized and self.related.isVisibleTo(self):
            self._single_sizes = self.saveState()
        self.related.setVisible(on)
        self.suggestions.setVisible(on)

    def _initial_sizes(self) -> None:
        if self._remembered is not None and self.restoreState(self._remembered):
            return
        total = sum(self.sizes())
        # the same whatever this article's excerpt is, so that nothing moves from one
        # article to the next (a longer excerpt scrolls in its pane)
        article = min(self._article_need(), int(total * ARTICLE_AT_MOST))
        suggestions = self.suggestions.sizeHint().height()
        self.setSizes([article, max(total - article - suggestions, 1), suggestions])

    def _article_need(self) -> int:
        """The article pane's height for its editors and three lines of excerpt."""
        spacing = self.article.widget().layout().spacing()
        return (sum(editor.sizeHint().height() for editor in self.editors)
                + self.fontMetrics().lineSpacing() * 3 + (len(self.editors) + 2) * spacing + 8)

    def make_room_for_suggestions(self) -> None:
        """Suggestions came: a third of the height for them, taken from the related list."""
        sizes = self.sizes()
        total = sum(sizes)
        want = max(sizes[2], total // 3)
        self.setSizes([sizes[0], max(total - sizes[0] - want, 1), want])
