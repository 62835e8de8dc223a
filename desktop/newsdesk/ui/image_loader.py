"""Article pictures fetched asynchronously through a disk cache."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkDiskCache, QNetworkReply, QNetworkRequest


def cache_dir() -> Path:
    root = os.environ.get("NEWSDESK_CACHE_DIR") or QStandardPaths.writableLocation(QStandardPaths.CacheLocation)
    return Path(root or Path.home() / ".cache" / "newsdesk")


class ImageLoader(QObject):
    """Loads one picture at a time; a newer request makes the older one moot."""

    loaded = Signal(str, QImage)     # url, image
    failed = Signal(str, str)        # url, reason

    def __init__(self, parent=None):
        super().__init__(parent)
        self.manager = QNetworkAccessManager(self)
        cache = QNetworkDiskCache(self)
        cache.setCacheDirectory(str(cache_dir() / "images"))
        cache.setMaximumCacheSize(200 * 1024 * 1024)
        self.manager.setCache(cache)
        self._reply: QNetworkReply | None = None

    def load(self, url: str) -> None:
        self.cancel()
        qurl = QUrl(url)
        if not qurl.isValid() or qurl.scheme() not in ("http", "https", "file"):
            self.failed.emit(url, "no picture")
            return
        request = QNetworkRequest(qurl)
        request.setAttribute(QNetworkRequest.CacheLoadControlAttribute, QNetworkRequest.PreferCache)
        request.setTransferTimeout(15000)
        reply = self.manager.get(request)
        self._reply = reply
        reply.finished.connect(lambda reply=reply, url=url: self._done(reply, url))

    def cancel(self) -> None:
        if self._reply is not None:
            reply, self._reply = self._reply, None
            reply.abort()

    def _done(self, reply: QNetworkReply, url: str) -> None:
        reply.deleteLater()
        if reply is not self._reply:
            return
        self._reply = None
        if reply.error() != QNetworkReply.NoError:
            self.failed.emit(url, reply.errorString())
            return
        image = QImage.fromData(reply.readAll())
        if image.isNull():
            self.failed.emit(url, "not a picture")
        else:
            self.loaded.emit(url, image)
