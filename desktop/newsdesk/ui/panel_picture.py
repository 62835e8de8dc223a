"""The detail panel's picture: the article's first image, asked for once the panel is
drawn, shown in the header and on the Preview tab; when it cannot be had, the header
shows no box for it and says why on hover."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QImage

from newsdesk.ui.image_loader import ImageLoader
from newsdesk.ui.safe_text import one_line


def first_image_url(data: dict) -> str:
    images = data.get("images") if isinstance(data.get("images"), list) else []
    return next((img.get("url") for img in images if isinstance(img, dict) and isinstance(img.get("url"), str)), "")


class PanelPicture(QObject):
    def __init__(self, header, preview, parent: QObject):
        super().__init__(parent)
        self.header, self.preview = header, preview
        self.url = ""  # the picture asked for ("" for none)
        self.images = ImageLoader(self)
        self.images.loaded.connect(self._loaded)
        self.images.failed.connect(self._failed)

    def show_for(self, data: dict) -> None:
        """The picture of the article whose data this is (nothing new if it is the same)."""
        url = first_image_url(data)
        if url == self.url:
            return
        self.url = url
        self.header.clear_picture()
        self.header.image_url = url
        self.header.image.setToolTip("Click to see the picture whole")
        if not url:
            self.images.cancel()
            return
        # After the panel is drawn; tied to the panel, so a panel replaced meanwhile asks nothing.
        QTimer.singleShot(0, self, lambda: self.url == url and self.images.load(url))

    def clear(self) -> None:
        """No picture (several articles shown): one still on its way is not shown either."""
        self.header.clear_picture()
        self.url = ""

    def _loaded(self, url: str, image: QImage) -> None:
        if url == self.url:
            self.header.show_picture(image)
            self.preview.set_picture(image)

    def _failed(self, url: str, reason: str) -> None:
        if url == self.url:  # no box for a picture that is not there: the reason on hover
            self.header.clear_picture()
            self.header.image.setToolTip(f"Picture unavailable: {one_line(url, 200)}\n{one_line(reason, 200)}")
