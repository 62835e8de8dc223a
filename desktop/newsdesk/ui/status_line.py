"""The status bar's permanent part: reading progress with its Cancel button, the word that
the order is stale after an edit (order_hint), that rows shown no longer match
(stale_hint), and the counts (shown, total, unpublished, unsaved), redrawn at most once
per event-loop turn.

The bar's temporary messages are shown by a label of ours, left of the rest: QStatusBar
paints them itself, cut where the first permanent widget starts, mid-word and touching
it ("...keep to one windo674 shown"). The label elides a long one with "…" and keeps a
gap before the counts; the whole text is its tooltip (and still the bar's
currentMessage(), which every caller's showMessage and timeout keep working on)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy

from newsdesk.ui.order_hint import OrderHint
from newsdesk.ui.qtcompat import STRUCTURE_SIGNALS, connect_in_cpp, debounce
from newsdesk.ui.stale_hint import StaleHint

GAP = 16  # pixels between the message and the counts


class MessageLabel(QLabel):
    """One line of text, elided at the right to the room it is given."""

    def __init__(self):
        super().__init__(objectName="statusMessage")
        self.full = ""
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)  # takes the room left, asks none
        self.setMinimumWidth(0)
        self.setTextFormat(Qt.PlainText)

    def show_message(self, text: str) -> None:
        self.full = text
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.contentsRect().width() - GAP  # the gap is kept empty on the right
        shown = self.fontMetrics().elidedText(self.full, Qt.ElideRight, max(room, 0))
        self.setText(shown)
        self.setToolTip(self.full if shown != self.full else "")


class StatusLine:
    def __init__(self, bar, proxy, session, cancel, review=lambda: ""):
        self.bar, self.proxy, self.session = bar, proxy, session   # session: () -> Session or None
        self.review = review  # () -> "34 new · 120 reviewed today", or ""
        self.counts = QLabel(objectName="counts")
        self.progress = QProgressBar(maximumWidth=220, format="Reading %v of %m")
        self.cancel_button = QPushButton("Cancel", toolTip="Stop reading the folder")
        self.cancel_button.clicked.connect(cancel)
        self.order = OrderHint(proxy, bar)
        self.stale = StaleHint(proxy, parent=bar)   # rows an edit made not match, kept till Refresh
        self.message = MessageLabel()
        bar.addPermanentWidget(self.message, 1)
        bar.messageChanged.connect(self.message.show_message)
        for widget in (self.progress, self.cancel_button, self.order.label, self.stale.label, self.counts):
            bar.addPermanentWidget(widget)
        self.reading(False)
        self.timer = debounce(bar, 0, self.show_counts)
        connect_in_cpp(proxy, STRUCTURE_SIGNALS, self.timer)

    def reading(self, on: bool) -> None:
        if on:
            self.progress.setRange(0, 0)  # busy: the total is known only once the folder is walked
        self.progress.setVisible(on)
        self.cancel_button.setVisible(on)

    def read(self, count: int) -> None:
        self.bar.showMessage(f"Reading\u2026 {count:,} articles")

    def loaded(self, library, complete: bool) -> None:
        self.reading(False)
        n, bad = len(library.rows), len(library.problems)
        note = "" if complete else " (cancelled)"
        if bad:
            note += f"; {bad} file{'s' if bad != 1 else ''} could not be read"
        self.bar.showMessage(f"Loaded {n} article{'s' if n != 1 else ''}{note}", 8000)
        self.timer.start()

    def disk_changed(self, done) -> None:
        # a file made unreadable is still on disk: not "gone" (it is in Problems, with its reason)
        gone = [rel for rel in done.removed if rel not in set(done.unreadable)]
        parts = [f"{len(items)} {what}" for items, what in
                 ((done.changed, "re-read"), (done.added, "new"), (gone, "gone"),
                  (done.unreadable, "unreadable")) if items]
        if done.flagged:
            parts.append(f"{len(done.flagged)} with your unsaved edits kept (marked \u26a0)")
        others = [rel for rel in done.problems if rel not in set(done.unreadable)]
        if others and not parts:  # an unreadable file read again (another reason now) or deleted
            parts.append(f"{len(others)} in Problems updated")
        self.bar.showMessage("Changed on disk: " + ", ".join(parts), 8000)
        self.timer.start()

    def show_counts(self) -> None:
        session = self.session()
        if session is None:
            self.counts.setText("")
            return
        library = session.library
        review = self.review()
        self.counts.setText(f"{self.proxy.rowCount()} shown \u00b7 {len(library.rows)} total \u00b7 "
                            f"{library.unpublished()} unpublished \u00b7 {len(library.dirty())} unsaved"
                            + (f" \u00b7 {review}" if review else ""))
