"""The detail panel's Curate tab: a vertical splitter of three panes — the article (its
editors, whole, over its excerpt, which scrolls when long), its related links, and
suggested links — and their sizes. Until the editor moves a handle, the article pane is
fitted to what its editors and an excerpt of EXCERPT_CHARS_SHOWN characters need at the
pane's width (at most 45%; more lines when the panel is narrower, refitted as the window
or the panel is resized), the suggestions get their own height and the related list the
rest. Sizes the editor chose (a handle moved, now or last time: LayoutMemory) are kept
and remembered instead; fitted ones are not remembered, so the next start fits again.
With several articles selected the related panes are hidden, and the sizes from before
that are the ones to remember."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QWidget

ARTICLE_AT_MOST = 0.45  # of the splitter's height, for the article pane at first
# The article pane's first height shows a whole excerpt of this many characters at the
# pane's width (more lines when narrower): the sites' pipeline writes excerpts of at most
# ~350 (357 the longest of the azure corpus). Three lines were planned for before: at
# 1366x768 17 of its 344 articles scrolled, most by 8 px.
EXCERPT_CHARS_SHOWN = 360
_SAMPLE = ("Data center options for the age of generative AI: fine-tune existing open-source models "
           "or create your own? Cloud or on premises? ")


class PanelPanes(QSplitter):
    def __init__(self, article: QWidget, related: QWidget, suggestions: QWidget, editors: tuple[QWidget, ...]):
        super().__init__(Qt.Vertical)
        self.setObjectName("detailSplitter")
        self.setChildrenCollapsible(False)
        for pane, stretch in ((article, 0), (related, 1), (suggestions, 0)):
            self.addWidget(pane)
            self.setStretchFactor(self.count() - 1, stretch)
        self.article, self.related, self.suggestions = article, related, suggestions
        self.editors = editors     # the article pane's editors, above its excerpt
        self.sized = False
        self.chosen = False        # the editor moved a handle (now or last time): no more fitting
        self._remembered = None    # the panes' sizes the editor left last time
        self._single_sizes = None  # the sizes while one article was shown, kept while several are
        self.splitterMoved.connect(self._moved)  # by the mouse only (setSizes says nothing)

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
        before the first sizing, the ones given to remember_sizes; None while they are
        fitted (nothing the editor chose)."""
        if not self.sized:
            return self._remembered
        if not self.chosen:
            return None
        if self.related.isVisibleTo(self):
            return self.saveState()
        return self._single_sizes if self._single_sizes is not None else self._remembered

    def show_related(self, on: bool) -> None:
        """The related panes shown (one article) or hidden (several)."""
        if not on and self.sized and self.related.isVisibleTo(self):
            self._single_sizes = self.saveState()
        self.related.setVisible(on)
        self.suggestions.setVisible(on)

    def _moved(self, _pos: int, _index: int) -> None:
        self.chosen = True

    def _initial_sizes(self) -> None:
        if self._remembered is not None and self.restoreState(self._remembered):
            self.chosen = True
            return
        self._fit(self.suggestions.sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.sized and not self.chosen and self.related.isVisibleTo(self) and self.count() == 3:
            self._fit(self.sizes()[2])  # narrower: the excerpt needs more lines; taller: the list gets it

    def _fit(self, suggestions: int) -> None:
        total = sum(self.sizes())
        # the same whatever this article's excerpt is, so that nothing moves from one
        # article to the next (a longer excerpt scrolls in its pane)
        article = min(self._article_need(), int(total * ARTICLE_AT_MOST))
        self.setSizes([article, max(total - article - suggestions, 1), suggestions])

    def _article_need(self) -> int:
        """The article pane's height for its editors and a whole excerpt of
        EXCERPT_CHARS_SHOWN characters at the pane's width."""
        layout = self.article.layout()
        margins = layout.contentsMargins()
        width = max(self.article.width() - margins.left() - margins.right(), 100)
        sample = (_SAMPLE * (EXCERPT_CHARS_SHOWN // len(_SAMPLE) + 1))[:EXCERPT_CHARS_SHOWN]
        metrics = self.fontMetrics()
        lines = -(-metrics.boundingRect(0, 0, width, 10 ** 6, Qt.TextWordWrap, sample).height()
                  // metrics.lineSpacing())  # whole lines, as a label lays them out
        excerpt = lines * metrics.lineSpacing()
        return (sum(editor.sizeHint().height() for editor in self.editors)
                + layout.spacing() * len(self.editors) + margins.top() + margins.bottom() + excerpt)

    def make_room_for_suggestions(self) -> None:
        """Suggestions came: a third of the height for them, taken from the related list."""
        sizes = self.sizes()
        total = sum(sizes)
        want = max(sizes[2], total // 3)
        self.setSizes([sizes[0], max(total - sizes[0] - want, 1), want])
