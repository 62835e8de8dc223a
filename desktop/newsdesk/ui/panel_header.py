"""The top of the detail panel: a small picture (only when there is one; a click shows
it whole, fitted to the screen), the title in at most two lines, the provider, date and
category, and the article's links. Every text is plain and cut to a bounded length, and
the header keeps one height from one article to the next, so nothing below it jumps.
"""
from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QImage, QPixmap, QTextLayout
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from newsdesk.ui.safe_text import TITLE_CHARS, clipped, one_line

THUMB = 64


class TwoLineLabel(QLabel):
    """Plain text in at most ``lines`` lines, the last elided; the whole text (cut to a
    bounded length) in the tooltip."""

    def __init__(self, lines: int = 2, parent=None):
        super().__init__(parent)
        self.lines = lines
        self.full = ""
        self.setTextFormat(Qt.PlainText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)

    def set_full_text(self, text: str) -> None:
        self.full = one_line(text, TITLE_CHARS)
        self.setToolTip(self.full if len(self.full) > 60 else "")
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.lines + 4)
        self._layout_text()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._layout_text()

    def _layout_text(self) -> None:
        width = max(40, self.contentsRect().width())
        fm = self.fontMetrics()
        layout = QTextLayout(self.full, self.font())
        layout.beginLayout()
        out, start = [], 0
        while len(out) < self.lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start, length = line.textStart(), line.textLength()
            out.append(self.full[start:start + length].rstrip())
            start += length
        layout.endLayout()
        if start < len(self.full) and out:
            out[-1] = fm.elidedText(self.full[layout.lineAt(len(out) - 1).textStart():], Qt.ElideRight, width)
        super().setText("\n".join(out))


class PictureDialog(QDialog):
    """The article's picture whole, scaled down to fit the screen when it is larger."""

    def __init__(self, image: QImage, url: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Picture")
        screen = (parent.screen() if parent is not None else QGuiApplication.primaryScreen()).availableGeometry()
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > screen.width() * 0.9 or pixmap.height() > screen.height() * 0.85:
            pixmap = pixmap.scaled(int(screen.width() * 0.9), int(screen.height() * 0.85),
                                   Qt.KeepAspectRatio, Qt.SmoothTransformation)
        self.picture = QLabel()
        self.picture.setObjectName("fullPicture")
        self.picture.setPixmap(pixmap)
        caption = QLabel(one_line(url, 200))
        caption.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture)
        layout.addWidget(caption)


class PanelHeader(QWidget):
    link_activated = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.image_data: QImage | None = None
        self.image_url = ""
        self.image = QLabel()
        self.image.setObjectName("picture")
        self.image.setFixedSize(THUMB, THUMB)
        self.image.setAlignment(Qt.AlignCenter)
        self.image.setCursor(Qt.PointingHandCursor)
        self.image.setToolTip("Click to see the picture whole")
        self.image.installEventFilter(self)
        self.image.hide()
        self.title = TwoLineLabel(2)
        self.title.setObjectName("title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setObjectName("meta")
        self.meta.setTextFormat(Qt.PlainText)
        self.meta.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Fixed)
        self.links = QLabel()
        self.links.setObjectName("links")
        self.links.setTextFormat(Qt.RichText)  # only our own anchors: every value in it is escaped
        self.links.setTextInteractionFlags(Qt.LinksAccessibleByMouse | Qt.LinksAccessibleByKeyboard)
        self.links.linkActivated.connect(self.link_activated)
        self.links.setMinimumHeight(self.fontMetrics().height() + 2)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.image, 0, 0, 2, 1, Qt.AlignTop)
        grid.addWidget(self.title, 0, 1, 1, 2)
        grid.addWidget(self.meta, 1, 1)
        grid.addWidget(self.links, 1, 2)
        grid.setColumnStretch(1, 1)
        # one height, picture or not: what is below never moves from article to article
        text = (self.title.fontMetrics().lineSpacing() * self.title.lines + 4 + grid.verticalSpacing()
                + max(self.meta.sizeHint().height(), self.links.minimumHeight()))
        self.setFixedHeight(max(THUMB, text))

    def set_text(self, title: object, meta_parts: list[str], links: list[tuple[str, str]]) -> None:
        self.title.set_full_text(clipped(title, TITLE_CHARS))
        self.meta.setText(" \u00b7 ".join(one_line(p, 80) for p in meta_parts if p))
        self.links.setText(" \u00a0 ".join(f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'
                                           for label, url in links))

    # ---- the picture -----------------------------------------------------------------
    def clear_picture(self) -> None:
        self.image_data = None
        self.image.setPixmap(QPixmap())
        self.image.hide()

    def show_picture(self, image: QImage) -> None:
        self.image_data = image
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap.fromImage(image.scaled(int(THUMB * ratio), int(THUMB * ratio),
                                                Qt.KeepAspectRatio, Qt.SmoothTransformation))
        pixmap.setDevicePixelRatio(ratio)
        self.image.setPixmap(pixmap)
        self.image.show()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.image and event.type() == QEvent.MouseButtonRelease and self.image_data is not None:
            self.open_picture()
            return True
        return False

    def open_picture(self) -> PictureDialog | None:
        if self.image_data is None:
            return None
        dialog = PictureDialog(self.image_data, self.image_url, self)
        dialog.setAttribute(Qt.WA_DeleteOnClose)
        dialog.show()
        return dialog
