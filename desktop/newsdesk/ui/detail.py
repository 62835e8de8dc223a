"""The detail panel: the current article, its picture, and its editors."""
from __future__ import annotations

import html

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.problems import ArticleProblem
from newsdesk.core.related import item_from_article, url_of
from newsdesk.core.schema import problems_of
from newsdesk.ui.article_reader import ArticleReader
from newsdesk.ui.dialogs import LinkDialog, PickArticleDialog
from newsdesk.ui.image_loader import ImageLoader
from newsdesk.ui.keys import KeyMap
from newsdesk.ui.links import open_link
from newsdesk.ui.related_model import RelatedModel
from newsdesk.ui.session import Session
from newsdesk.ui.suggestions import SuggestionsBox
from newsdesk.ui.table_model import local_date

IMAGE_HEIGHT = 150
READ_HERE_BELOW = 32_000  # bytes: smaller articles are parsed on the spot (a few ms)


def _short(text: object, n: int = 40) -> str:
    text = str(text or "")
    return text if len(text) <= n else text[: n - 1] + "\u2026"


class DetailPanel(QWidget):
    message = Signal(str)   # something the status bar should say

    def __init__(self, session: Session, table_model, parent=None):
        super().__init__(parent)
        self.session = session
        self.table_model = table_model
        self.rel: str | None = None
        self.data: dict = {}
        self._image_url = ""
        self.images = ImageLoader(self)
        self.images.loaded.connect(self._image_loaded)
        self.images.failed.connect(self._image_failed)
        self.reader = ArticleReader(session.library, self)
        self.reader.read.connect(self._read)
        self.reading = False  # showing what the index knows while the article is parsed
        self._build()
        session.changed.connect(self._changed)
        self.show_article(None)

    # ---- layout --------------------------------------------------------------
    def _build(self) -> None:
        self.image = QLabel("No picture")
        self.image.setObjectName("picture")
        self.image.setAlignment(Qt.AlignCenter)
        self.image.setMinimumHeight(IMAGE_HEIGHT)
        self.image.setMaximumHeight(IMAGE_HEIGHT)
        self.image.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.image.setStyleSheet(
            "QLabel#picture { background: palette(alternate-base); color: palette(placeholder-text); }")
        self.title = QLabel()
        self.title.setObjectName("title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.links = QLabel()
        self.links.setObjectName("links")
        self.links.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        self.links.linkActivated.connect(self.open_url)
        self.excerpt = QLabel()
        self.excerpt.setWordWrap(True)
        self.excerpt.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.problem = QLabel()
        self.problem.setObjectName("problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: white; background: #b3261e; padding: 6px;")
        self.notice = QLabel()  # the file moved under unsaved edits; values of the wrong kind
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: black; background: #f9d66b; padding: 6px;")
        self.notice.hide()

        self.published = QCheckBox("&Published")
        self.published.setObjectName("published")
        self.published.toggled.connect(self._published_toggled)
        self.quality = QSpinBox()
        self.quality.setObjectName("quality")
        self.quality.setRange(-1, 100000)
        self.quality.setKeyboardTracking(False)
        self.quality.setAccelerated(True)
        self.quality.setMaximumWidth(120)
        self.quality.valueChanged.connect(self._quality_changed)
        curation = QGroupBox("Curation")
        form = QFormLayout(curation)
        form.addRow(self.published)
        quality_label = QLabel("&Quality:")
        quality_label.setBuddy(self.quality)
        form.addRow(quality_label, self.quality)

        self.topics_model = QStringListModel(self)
        self.topic_list = QListView()
        self.topic_list.setObjectName("topicList")
        self.topic_list.setModel(self.topics_model)
        self.topic_list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.topic_list.setMaximumHeight(self.fontMetrics().height() * 5 + 12)
        self.topic_input = QLineEdit(placeholderText="Add a topic\u2026 (Enter)")
        self.topic_input.setObjectName("topicInput")
        self.topic_input.setClearButtonEnabled(True)
        self.completer_model = QStringListModel(self)
        completer = QCompleter(self.completer_model, self)
        completer.setCaseSensitivity(Qt.CaseInsensitive)
        completer.setFilterMode(Qt.MatchContains)
        self.topic_input.setCompleter(completer)
        self.topic_input.returnPressed.connect(self.add_topic)
        self.topic_buttons = self._buttons([
            ("Add", "Add the typed topic (Enter)", self.add_topic),
            None,
            ("Remove", "Remove the selected topic (Delete)", self.remove_topic),
            ("\u2191", "Move the selected topic up (Alt+Up)", lambda: self.move_topic(-1)),
            ("\u2193", "Move the selected topic down (Alt+Down)", lambda: self.move_topic(1)),
        ])
        topics = QGroupBox("&Topics")
        topics.setObjectName("topicsBox")
        box = QVBoxLayout(topics)
        box.addWidget(self.topic_list)
        box.addWidget(self.topic_input)
        box.addLayout(self.topic_buttons[0])
        self._keys(self.topic_list, self.remove_topic, lambda: self.move_topic(-1), lambda: self.move_topic(1))

        self.related_model = RelatedModel(self.session, self)
        self.related_view = QTableView()
        self.related_view.setObjectName("relatedView")
        self.related_view.setModel(self.related_model)
        self.related_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.related_view.setSelectionMode(QAbstractItemView.SingleSelection)
        self.related_view.setDragDropMode(QAbstractItemView.InternalMove)
        self.related_view.setDragEnabled(True)
        self.related_view.setAcceptDrops(True)
        self.related_view.setDropIndicatorShown(True)
        self.related_view.setDefaultDropAction(Qt.MoveAction)
        self.related_view.setEditTriggers(QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed)
        self.related_view.setWordWrap(False)
        self.related_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.related_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 260)
        header.resizeSection(1, 110)
        header.resizeSection(2, 120)
        self.related_view.setMinimumHeight(200)
        self.related_buttons = self._buttons([
            ("Add &Link\u2026", "Add a related link by URL and title", self.add_link),
            ("Add from &Library\u2026", "Add another article of the library as a related link", self.add_from_library),
            None,
            ("Remove", "Remove the selected link (Delete)", self.remove_related),
            ("\u2191", "Move the selected link up (Alt+Up)", lambda: self.move_related(-1)),
            ("\u2193", "Move the selected link down (Alt+Down)", lambda: self.move_related(1)),
            ("Open", "Open the selected link in the browser (Ctrl+Enter)", self.open_related),
        ])
        self.related_box = QGroupBox("&Related links")
        box = QVBoxLayout(self.related_box)
        box.addWidget(self.related_view)
        box.addLayout(self.related_buttons[0])
        self._keys(self.related_view, self.remove_related, lambda: self.move_related(-1),
                   lambda: self.move_related(1),
                   {(Qt.Key_Return, Qt.ControlModifier): self.open_related,
                    (Qt.Key_Enter, Qt.ControlModifier | Qt.KeypadModifier): self.open_related})

        layout = QVBoxLayout(self)
        layout.addWidget(self.image)
        layout.addWidget(self.problem)
        layout.addWidget(self.notice)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.links)
        layout.addWidget(self.excerpt)
        layout.addWidget(curation)
        layout.addWidget(topics)
        layout.addWidget(self.related_box, 1)
        self.suggestions = SuggestionsBox(self.session.library)
        self.suggestions.add.connect(self.add_related_article)
        layout.addWidget(self.suggestions)
        self.editors = [curation, topics, self.related_box, self.suggestions]

    def _buttons(self, specs):
        """Compact tool buttons; ``None`` in specs starts a stretch (the rest go right)."""
        row = QHBoxLayout()
        row.setSpacing(4)
        buttons = []
        for spec in specs:
            if spec is None:
                row.addStretch(1)
                continue
            text, tip, slot = spec
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            button.clicked.connect(slot)
            row.addWidget(button)
            buttons.append(button)
        if specs and specs[-1] is not None and None not in specs:
            row.addStretch(1)
        return row, buttons

    def _keys(self, view, remove, up, down, extra=None) -> None:
        bindings = {(Qt.Key_Delete, Qt.NoModifier): remove, (Qt.Key_Backspace, Qt.NoModifier): remove,
                    (Qt.Key_Up, Qt.AltModifier): up, (Qt.Key_Down, Qt.AltModifier): down}
        bindings.update(extra or {})
        KeyMap(view, bindings)

    # ---- showing ---------------------------------------------------------------
    def show_article(self, rel: str | None, row=None) -> None:
        """Show an article. Given its index ``row``, a big one not parsed yet shows what
        the index knows at once, editors off, and the rest when a worker has parsed it."""
        self.rel = rel
        self.problem.hide()
        library = self.session.library
        if (rel is not None and row is not None and not library.loaded(rel)
                and (getattr(row, "size", 0) or 0) >= READ_HERE_BELOW and self.reader.start(rel)):
            self._show_reading(row)
            return
        self.reading = False
        if rel is None:
            self.data = {}
            self._fill()
            self.title.setText("No article selected")
            self._set_enabled(False)
            return
        try:
            self.data = self.session.library.draft(rel).data
        except ArticleProblem as p:
            self.data = {}
            self._fill()
            self.problem.setText(f"This article cannot be read: {p}")
            self.problem.show()
            self._set_enabled(False)
            return
        self._set_enabled(True)
        self._fill()

    def _show_reading(self, row) -> None:
        self.reading = True
        self.data = {"title": row.title, "excerpt": row.excerpt, "category": row.category,
                     "provider": {"name": row.provider}, "publishedDateTime": row.publishedDateTime,
                     "webUrl": row.webUrl, "originalUrl": row.originalUrl, "published": row.published,
                     "quality": row.quality, "topics": list(row.topics)}
        self._set_enabled(False)
        self._fill(partial=True)
        self.related_model.show(self.rel, [], {})
        self.related_box.setTitle(f"&Related links ({row.related}) \u2014 reading\u2026")

    def _read(self, rel: str) -> None:
        if self.reading and rel == self.rel:
            self.show_article(rel)

    def _set_enabled(self, on: bool) -> None:
        for widget in self.editors:
            widget.setEnabled(on)

    def _fill(self, partial: bool = False) -> None:
        d = self.data
        notes = []
        state = self.session.library.on_disk.get(self.rel) if self.rel else None
        if state == "changed":
            notes.append("This file changed on disk. Your edits are kept; saving merges them into it.")
        elif state == "deleted":
            notes.append("This file was deleted or renamed on disk. Your edits are kept here; "
                         "they cannot be saved to it.")
        found = problems_of(d) if d and not partial else []  # the index holds dates as written
        if found:
            notes.append("Values of the wrong kind (fix them here or in an editor):\n\u2022 "
                         + "\n\u2022 ".join(found[:8]) + ("\n\u2026" if len(found) > 8 else ""))
        self.notice.setText("\n\n".join(notes))
        self.notice.setVisible(bool(notes))
        self.title.setText(str(d.get("title") or ""))
        provider = d.get("provider") if isinstance(d.get("provider"), dict) else {}
        when = d.get("publishedDateTime")
        when_text = local_date(when.isoformat() if hasattr(when, "isoformat") else when)
        parts = [str(provider.get("name") or ""), when_text, str(d.get("category") or "")]
        self.meta.setText(" \u00b7 ".join(p for p in parts if p))
        links = []
        for key, label in (("webUrl", "Open article"), ("originalUrl", "Original")):
            url = d.get(key)
            if isinstance(url, str) and url and (key == "webUrl" or url != d.get("webUrl")):
                links.append(f'<a href="{html.escape(url, quote=True)}">{label}</a>')
        self.links.setText(" \u00a0 ".join(links))
        self.excerpt.setText(str(d.get("excerpt") or ""))
        for widget, value in ((self.published, d.get("published") is True),):
            widget.blockSignals(True)
            widget.setChecked(value)
            widget.blockSignals(False)
        self.quality.blockSignals(True)
        self.quality.setValue(d.get("quality") if isinstance(d.get("quality"), int) else -1)
        self.quality.blockSignals(False)
        topics = d.get("topics") if isinstance(d.get("topics"), list) else []
        current = self.topic_list.currentIndex().row()
        self.topics_model.setStringList([str(t) for t in topics])
        if 0 <= current < len(topics):
            self.topic_list.setCurrentIndex(self.topics_model.index(current))
        if partial:  # the related links, suggestions and picture come with the parsed article
            return
        related = d.get("related") if isinstance(d.get("related"), list) else []
        current = self.related_view.currentIndex()
        self.related_model.show(self.rel, related, d)
        if current.isValid() and current.row() < len(related):
            self.related_view.setCurrentIndex(self.related_model.index(current.row(), current.column()))
        flagged = len(self.related_model.problems)
        check = f" \u2014 \u26a0 {flagged} to check" if flagged else ""
        self.related_box.setTitle(f"&Related links ({len(related)})" + check)
        self.suggestions.show_for(self.rel, d)
        self._show_image(d)

    def _show_image(self, d: dict) -> None:
        images = d.get("images") if isinstance(d.get("images"), list) else []
        url = next((img.get("url") for img in images if isinstance(img, dict) and isinstance(img.get("url"), str)), "")
        if url == self._image_url:
            return
        self._image_url = url
        self.image.setPixmap(QPixmap())
        if not url:
            self.images.cancel()
            self.image.setText("No picture")
            return
        self.image.setText("Loading picture\u2026")
        # After the panel is drawn; tied to the panel, so a panel replaced meanwhile asks nothing.
        QTimer.singleShot(0, self, lambda: self._image_url == url and self.images.load(url))

    def _image_loaded(self, url: str, image: QImage) -> None:
        if url != self._image_url:
            return
        ratio = self.devicePixelRatioF()
        size = self.image.size() * ratio
        pixmap = QPixmap.fromImage(image).scaled(size, Qt.KeepAspectRatio, Qt.SmoothTransformation)
        pixmap.setDevicePixelRatio(ratio)
        self.image.setPixmap(pixmap)

    def _image_failed(self, url: str, reason: str) -> None:
        if url == self._image_url:
            self.image.setText("Picture unavailable")
            self.image.setToolTip(f"{url}\n{reason}")

    def set_topic_choices(self, topics: list[str]) -> None:
        self.completer_model.setStringList(topics)

    def _changed(self, rels: list[str]) -> None:
        if self.rel in rels:
            if self.reading:  # edited from the table meanwhile: parsed for that, so shown whole
                self.show_article(self.rel)
                return
            self.data = self.session.library.draft(self.rel).data
            self._fill()

    # ---- edits -----------------------------------------------------------------
    def _edit(self, label: str, op: str, *args) -> bool:
        if self.rel is None:
            return False
        try:
            self.session.edit(label, [self.rel], op, *args)
        except ArticleProblem as p:
            self.message.emit(p.message)
            self._fill()
            return False
        return True

    def _published_toggled(self, on: bool) -> None:
        self._edit(("Publish" if on else "Unpublish") + f" \u201c{_short(self.data.get('title'))}\u201d",
                   "set", ("published",), on)

    def _quality_changed(self, value: int) -> None:
        self._edit(f"Set quality {value} on \u201c{_short(self.data.get('title'))}\u201d", "set", ("quality",), value)

    def _topics(self) -> list:
        return self.data.get("topics") if isinstance(self.data.get("topics"), list) else []

    def add_topic(self) -> None:
        text = " ".join(self.topic_input.text().split())
        if not text:
            return
        if text in self._topics():
            self.message.emit(f"\u201c{text}\u201d is already a topic of this article")
            return
        if self._edit(f"Add topic \u201c{text}\u201d", "insert", ("topics",), len(self._topics()), text):
            self.topic_input.clear()

    def remove_topic(self) -> None:
        row = self.topic_list.currentIndex().row()
        topics = self._topics()
        if 0 <= row < len(topics):
            self._edit(f"Remove topic \u201c{topics[row]}\u201d", "remove", ("topics",), row)

    def move_topic(self, step: int) -> None:
        row = self.topic_list.currentIndex().row()
        topics = self._topics()
        dest = row + step
        if 0 <= row < len(topics) and 0 <= dest < len(topics):
            if self._edit(f"Move topic \u201c{topics[row]}\u201d", "move", ("topics",), row, dest):
                self.topic_list.setCurrentIndex(self.topics_model.index(dest))

    def _related(self) -> list:
        return self.data.get("related") if isinstance(self.data.get("related"), list) else []

    def add_related(self, item: dict, label: str) -> None:
        if any(url_of(item) and url_of(item) == url_of(other) for other in self._related()):
            self.message.emit("That link is already among the related links")
            return
        n = len(self._related())
        if self._edit(label, "insert", ("related",), n, item):
            self.related_view.setCurrentIndex(self.related_model.index(n, 0))

    def add_link(self) -> None:
        dialog = LinkDialog(self)
        if dialog.exec() and dialog.item:
            self.add_related(dialog.item, f"Add related link \u201c{_short(dialog.item['title'])}\u201d")

    def add_from_library(self) -> None:
        dialog = PickArticleDialog(self.table_model, self.rel, self)
        if dialog.exec():
            self.add_related_article(dialog.chosen())

    def add_related_article(self, other: str | None) -> None:
        if other is None or self.rel is None:
            return
        try:
            item = item_from_article(self.session.library.draft(other).data)
        except ArticleProblem as p:
            self.message.emit(str(p))
            return
        self.add_related(item, f"Add related article \u201c{_short(item.get('title'))}\u201d")

    def remove_related(self) -> None:
        row = self.related_view.currentIndex().row()
        if 0 <= row < len(self._related()):
            title = self._related()[row].get("title") if isinstance(self._related()[row], dict) else ""
            self._edit(f"Remove related link \u201c{_short(title)}\u201d", "remove", ("related",), row)

    def move_related(self, step: int) -> None:
        index = self.related_view.currentIndex()
        row, dest = index.row(), index.row() + step
        if 0 <= row < len(self._related()) and 0 <= dest < len(self._related()):
            if self.related_model.move(row, dest):
                self.related_view.setCurrentIndex(self.related_model.index(dest, max(0, index.column())))

    def open_related(self) -> None:
        row = self.related_view.currentIndex().row()
        if 0 <= row < len(self._related()):
            self.open_url(url_of(self._related()[row]))

    def open_url(self, url: str) -> None:
        open_link(self, url)
