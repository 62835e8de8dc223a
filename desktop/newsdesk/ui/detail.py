"""The detail panel: the selected article (or articles), its picture, and its editors.

At the top, a header of one height (picture thumbnail, title, provider and date, links);
below, a vertical splitter of three panes: the article (excerpt, Published and Quality,
topics), its related links, and suggested related links. The related list takes the
room the others leave (>= 15 rows at 1366x768); the panes and their sizes are
ui/panel_panes', the picture is ui/panel_picture's. With several articles selected the
panel says how many and edits them all at once (Published, Quality, topics), each
change one undo step; the related panes are for one article and are hidden then.
"""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from newsdesk.core.document.schema import problems_of
from newsdesk.core.fields import TABLE
from newsdesk.core.indexing.pool import READ_HERE_BELOW
from newsdesk.core.library.disk_sync import DiskState
from newsdesk.core.problems import ArticleProblem
from newsdesk.core.reader_text import as_read
from newsdesk.ui.article_reader import ArticleReader
from newsdesk.ui.curation import CurationRow
from newsdesk.ui.links import open_link
from newsdesk.ui.panel_header import PanelHeader
from newsdesk.ui.panel_panes import PanelPanes
from newsdesk.ui.panel_picture import PanelPicture
from newsdesk.ui.preview import ArticlePreview
from newsdesk.ui.related_pane import RelatedPane
from newsdesk.ui.safe_text import EXCERPT_CHARS, local_date, one_line
from newsdesk.ui.session import Session
from newsdesk.ui.suggestions import SuggestionsBox
from newsdesk.ui.topics_editor import TopicsEditor
from newsdesk.ui.wheel_guard import guard_wheel

TITLES_LISTED = 12        # titles named when several articles are selected


def _short(text: object, n: int = 40) -> str:
    return one_line(text, n)


def _label(name: str, style: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.hide()
    return label


class DetailPanel(QWidget):
    message = Signal(str)   # something the status bar should say

    def __init__(self, session: Session, table_model, parent=None):
        super().__init__(parent)
        self.session = session
        self.table_model = table_model
        self.rel: str | None = None
        self.rels: list[str] = []      # several articles selected: them, in view order
        self.data: dict = {}
        self._shown = None             # (rel, data, disk state) last filled whole
        self.reader = ArticleReader(session.library, self)
        self.reader.read.connect(self._read)
        self.reading = False  # showing what the index knows while the article is parsed
        self._build()
        self.picture = PanelPicture(self.header, self.preview, self)
        session.changed.connect(self._changed)
        self.show_article(None)

    # ---- layout --------------------------------------------------------------
    def _build(self) -> None:
        self.header = PanelHeader()
        self.header.link_activated.connect(self.open_url)
        self.title, self.image, self.meta, self.links = (self.header.title, self.header.image,
                                                        self.header.meta, self.header.links)
        self.problem = _label("problem", "color: white; background: #b3261e; padding: 6px;")
        self.notice = _label("notice", "color: black; background: #f9d66b; padding: 6px;")
        self.excerpt = QLabel()
        self.excerpt.setObjectName("excerpt")
        self.excerpt.setTextFormat(Qt.PlainText)  # never rich text: no HTML, no file:/// pictures
        self.excerpt.setWordWrap(True)
        self.excerpt.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.excerpt.setAlignment(Qt.AlignTop | Qt.AlignLeft)

        self.curation = CurationRow(self.session)
        self.curation.message.connect(self.message)
        self.curation.refused.connect(self._refill)
        self.published, self.quality = self.curation.published, self.curation.quality
        self.completer_model = QStringListModel(self)
        self.topics_box = TopicsEditor(self.session, self.completer_model)
        self.topics_box.message.connect(self.message)
        self.topic_list, self.topics_model = self.topics_box.view, self.topics_box.model
        self.topic_input = self.topics_box.input

        # the editors stay whole at the top of the pane; only a long excerpt scrolls, under them
        # (the whole pane scrolled before: a five-line excerpt at 1366x768 put the editors in a
        # scroll area 8 px short, and Q could focus a Quality box scrolled out of sight)
        self.excerpt_scroll = QScrollArea(objectName="excerptScroll", widgetResizable=True)
        self.excerpt_scroll.setWidget(self.excerpt)
        self.excerpt_scroll.setFrameShape(QFrame.NoFrame)
        self.excerpt_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.excerpt_scroll.setMinimumHeight(self.fontMetrics().lineSpacing() * 2)
        self.article_pane = QWidget(objectName="articlePane")
        box = QVBoxLayout(self.article_pane)
        box.setContentsMargins(0, 0, 4, 0)
        box.addWidget(self.curation)     # the editors first: an excerpt of any length moves nothing
        box.addWidget(self.topics_box)
        box.addWidget(self.excerpt_scroll, 1)

        self.related_pane = RelatedPane(self.session, self.table_model)
        self.related_pane.message.connect(self.message)
        self.related_pane.open_requested.connect(self.open_url)
        self.related_box = self.related_pane
        self.related_model, self.related_view = self.related_pane.model, self.related_pane.view
        self.related_buttons = (self.related_pane.buttons_row, self.related_pane.buttons)
        self.suggestions = SuggestionsBox(self.session.library)
        self.suggestions.add.connect(self.add_related_article)
        self.splitter = PanelPanes(self.article_pane, self.related_pane, self.suggestions,
                                   (self.curation, self.topics_box))
        self.suggestions.started.connect(self.splitter.make_room_for_suggestions)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.problem)
        layout.addWidget(self.notice)
        # Curate (the editors) and Preview (the article as a reader sees it), one tab each
        self.preview = ArticlePreview()
        self.preview.link_activated.connect(lambda url: self.open_url(url.toString()))
        # on the side: the related list keeps its height (>= 15 rows at 1366x768)
        self.tabs = QTabWidget(objectName="detailTabs", documentMode=True, tabPosition=QTabWidget.West)
        self.tabs.addTab(self.splitter, "C&urate")
        self.tabs.addTab(self.preview, "Previe&w")  # (Alt+V is the View menu)
        self.tabs.currentChanged.connect(lambda _n: self._fill_preview())
        layout.addWidget(self.tabs, 1)
        self.editors = [self.curation, self.topics_box, self.related_pane, self.suggestions]
        guard_wheel(self)

    # ---- showing ---------------------------------------------------------------
    def show_selection(self, rels: list[str]) -> None:
        """Show what the table has selected, in view order: one article as show_article
        does, several as one bulk editor over them all."""
        rels = [rel for rel in dict.fromkeys(rels) if rel is not None]
        if len(rels) > 1:
            self._show_many(rels)
            return
        if not rels:  # for a moment, while rows go or come: the current article decides
            if self.rels:
                self.rels = []
                self.show_article(None)
            return
        rel = rels[0]
        if self.rels or rel != self.rel:
            self.rels = []
            self.show_article(rel, self._row(rel))

    def _row(self, rel: str | None):
        library = self.session.library
        try:
            return library.rows[library.position(rel)] if rel is not None else None
        except (KeyError, IndexError):
            return None

    def show_article(self, rel: str | None, row=None) -> None:
        """Show an article. Given its index ``row``, a big one not parsed yet shows what
        the index knows at once, editors off, and the rest when a worker has parsed it.
        With several articles selected, the current row changing changes nothing."""
        if self.rels and rel is not None:
            return
        self.rels = []
        library = self.session.library
        if rel is not None and self._shown is not None and self._shown[0] == rel and library.loaded(rel) \
                and self._shown[1] is library.draft(rel).data and self._shown[2] == library.on_disk.get(rel):
            return  # shown as it is already (selection and current row both said so)
        self.rel = rel
        self._shown = None
        self.problem.hide()
        self._set_panes(single=True)
        if (rel is not None and row is not None and not library.loaded(rel)
                and (getattr(row, "size", 0) or 0) >= READ_HERE_BELOW and self.reader.start(rel)):
            self._show_reading(row)
            return
        self.reading = False
        if rel is None:
            self._blank("No article selected")
            return
        try:
            self.data = library.draft(rel).data
        except ArticleProblem as p:
            self._blank("", f"This article cannot be read: {p}")
            return
        self._set_enabled(True)
        self._fill()

    def _blank(self, title: str, problem: str = "") -> None:
        """Nothing of any article shown: the editors empty and off."""
        self.data = {}
        self._shown = None
        self._fill_safely(self._fill_article)
        self.header.set_text(title, [], [])
        if problem:
            self.problem.setText(problem)
            self.problem.show()
        self._set_enabled(False)

    def _set_panes(self, single: bool) -> None:
        self.splitter.show_related(single)

    def _show_reading(self, row) -> None:
        self.reading = True
        self.data = TABLE.reading_values(row)  # the fields the panel shows from the index (core/fields.py)
        self._set_enabled(False)
        self._fill(partial=True)
        self.related_pane.show_reading(self.rel, row.related)

    def _read(self, rel: str) -> None:
        if self.reading and rel == self.rel and not self.rels:
            self.show_article(rel)

    def _set_enabled(self, on: bool) -> None:
        for widget in self.editors:
            widget.setEnabled(on)

    def _fill(self, partial: bool = False) -> None:
        if self._fill_safely(lambda: self._fill_article(partial)) and not partial and self.rel is not None:
            library = self.session.library
            self._shown = (self.rel, self.data, library.on_disk.get(self.rel))

    def _fill_safely(self, fill) -> bool:
        """Fill, or — should any value defeat a widget — show nothing of the article rather
        than this article's title over the last one's values."""
        try:
            fill()
            return True
        except Exception as e:  # noqa: BLE001 - whatever it is, the panel must not mix two articles
            self.data = {}
            for reset in (lambda: self.header.set_text("", [], []), self.header.clear_picture, self.excerpt.clear,
                          lambda: self.curation.show_values([], "", [], []), self.quality.lineEdit().clear,
                          lambda: self.topics_box.show_topics([], []), lambda: self.related_pane.show_items(None, {}),
                          lambda: self.suggestions.show_for(None, {})):
                try:
                    reset()
                except Exception:  # noqa: BLE001, S110 - the same value again: the next one still runs
                    pass
            self.problem.setText(f"This article cannot be shown here ({type(e).__name__}: {one_line(e, 200)}); "
                                 "its file is unchanged.")
            self.problem.show()
            self._set_enabled(False)
            return False

    def _fill_article(self, partial: bool = False, blank: bool = False) -> None:
        d = {} if blank else self.data
        notes = []
        state = self.session.library.on_disk.get(self.rel) if self.rel and not blank else None
        if state is DiskState.CHANGED:
            notes.append("This file changed on disk. Your edits are kept; saving merges them into it.")
        elif state is DiskState.UNREADABLE:  # (it said "saving merges them into it": saving refused)
            notes.append("This file on disk can no longer be read (another program changed it). Your edits "
                         "are kept; saving waits until the file is fixed.")
        elif state is DiskState.DELETED:
            notes.append("This file was deleted or renamed on disk. Your edits are kept here; "
                         "they cannot be saved to it.")
        found = problems_of(d) if d and not partial else []  # the index holds dates as written
        provider = d.get("provider") if isinstance(d.get("provider"), dict) else {}
        links = [(label, d.get(key)) for key, label in (("webUrl", "Open article"), ("originalUrl", "Original"))
                 if isinstance(d.get(key), str) and d.get(key) and (key == "webUrl" or d.get(key) != d.get("webUrl"))]
        when = local_date(d.get("publishedDateTime")) if d.get("publishedDateTime") else ""
        self.header.set_text(d.get("title") or "", [provider.get("name") or "", when, d.get("category") or ""], links)
        # as the site shows it (&amp; reads &), without the blank lines around it
        # ("...granularity.\n\n" scrolled two empty lines)
        excerpt = as_read(d.get("excerpt"), EXCERPT_CHARS).strip()
        self.excerpt.setText(excerpt)
        self.excerpt_scroll.setVisible(bool(excerpt))
        rels = [self.rel] if self.rel is not None and not blank else []
        self.curation.show_values(rels, f"\u201c{_short(d.get('title'))}\u201d",
                                  [d.get("published")], [d.get("quality")])
        if found:
            listed = "\n\u2022 ".join(one_line(f, 300) for f in found[:8]) + ("\n\u2026" if len(found) > 8 else "")
            notes.append("Values of the wrong kind or out of range (fix them here or in an editor):\n\u2022 " + listed)
        self.notice.setText("\n\n".join(notes))
        self.notice.setVisible(bool(notes))
        self.topics_box.show_topics(rels, [d.get("topics")])
        if partial:  # the related links, suggestions and picture come with the parsed article
            return
        self._fill_preview()
        self.related_pane.show_items(self.rel if not blank else None, d)
        self.suggestions.show_for(self.rel if not blank else None, d)
        self.picture.show_for(d)

    def _show_many(self, rels: list[str]) -> None:
        """Several articles: what they share, from the index rows (nothing is parsed to
        show them; an edit parses them, in the workers when there are many)."""
        self.rels, self.rel, self.reading, self._shown, self.data = rels, None, False, None, {}
        rows = [row for row in (self._row(rel) for rel in rels) if row is not None]
        self.problem.hide()
        self._set_panes(single=False)
        self._set_enabled(True)
        n = len(rels)
        published = sum(1 for row in rows if row.published is True)
        qualities = sorted({row.quality for row in rows if isinstance(row.quality, int)
                            and not isinstance(row.quality, bool)})
        quality = (f"quality {qualities[0]}" if len(qualities) == 1 else
                   f"quality {qualities[0]}\u2013{qualities[-1]}" if qualities else "")
        self.header.set_text(f"{n:,} articles selected", [f"{published:,} of {n:,} published", quality], [])
        self.picture.clear()
        names = [one_line(row.title or row.path, 120) for row in rows[:TITLES_LISTED]]
        more = f"\n\u2026 and {n - len(names):,} more" if n > len(names) else ""
        self.excerpt.setText("Every change here applies to all of them, as one undo step:\n\u2022 "
                             + "\n\u2022 ".join(names) + more)
        self.excerpt_scroll.show()
        self.curation.show_values(rels, f"{n:,} articles", [row.published for row in rows],
                                  [row.quality for row in rows])
        self.notice.hide()
        self.topics_box.show_topics(rels, [row.topics for row in rows])

    def _refill(self) -> None:
        if self.rels:
            self._show_many(self.rels)
        else:
            self._shown = None
            self._fill()

    def _fill_preview(self) -> None:
        """The Preview tab, rendered only while it is the tab shown (a big body costs)."""
        if self.tabs.currentWidget() is not self.preview:
            return
        body = ""
        if self.rel is not None and not self.rels:
            try:
                body = self.session.library.draft(self.rel).article.source.body
            except (ArticleProblem, AttributeError, KeyError):
                body = ""
        self.preview.show_article(self.data if not self.rels else {}, body)
        self.preview.set_picture(self.header.image_data if not self.rels else None)

    def set_topic_choices(self, topics: list[str]) -> None:
        self.completer_model.setStringList(topics)

    def _changed(self, rels: list[str]) -> None:
        if self.rels:
            if any(rel in rels for rel in self.rels):
                self._show_many(self.rels)
            return
        if self.rel in rels:
            if self.reading:  # edited from the table meanwhile: parsed for that, so shown whole
                self.show_article(self.rel)
                return
            try:
                self.data = self.session.library.draft(self.rel).data
            except ArticleProblem as p:
                self._blank("", f"This article cannot be read: {p}")
                return
            self._fill()

    # ---- edits -----------------------------------------------------------------
    def add_related_article(self, other: str | None) -> None:
        self.related_pane.add_article(other)

    def open_url(self, url: str) -> None:
        open_link(self, url)
