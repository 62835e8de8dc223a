"""Article pictures fetched asynchronously through a disk cache — from http(s) only.

A picture address comes from the file, so it is untrusted: ``file://`` (a FIFO froze the
window; a local path says what the editor has), ``ftp:``, ``data:`` and the rest are
refused; redirects may not go to a less safe scheme; a picture larger than MAX_BYTES or
MAX_PIXELS is not decoded. With the setting ``pictures/remote`` false (View menu) no
request is made at all (a picture URL can tell its server who looked at what). One
picture at a time: a newer request makes the older one moot, so only the current
article's picture is ever asked for.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSettings, QUrl, Signal
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkDiskCache, QNetworkReply, QNetworkRequest

from newsdesk.core.files.paths import images_dir

REMOTE_KEY = "pictures/remote"  # bool, default true; the View menu's toggle sets it
SCHEMES = ("http", "https")
MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000   # a 60,000 px picture drew into the panel
MAX_SIDE = 2048           # decoded at most this big: the panel shows it smaller still


def remote_allowed(settings: QSettings | None = None) -> bool:
    from newsdesk.ui import settings as settings_mod
    value = (settings or settings_mod.settings()).value(REMOTE_KEY, True)
    return value not in (False, "false", "0", 0)


class ImageLoader(QObject):
    """Loads one picture at a time; a newer request makes the older one moot."""

    loaded = Signal(str, QImage)     # url, image
    failed = Signal(str, str)        # url, reason
    requests = 0                     # network requests made, all loaders (for tests)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.manager = QNetworkAccessManager(self)
        self.manager.setRedirectPolicy(QNetworkRequest.NoLessSafeRedirectPolicy)
        cache = QNetworkDiskCache(self)
        cache.setCacheDirectory(str(images_dir()))
        cache.setMaximumCacheSize(200 * 1024 * 1024)
        self.manager.setCache(cache)
        self._reply: QNetworkReply | None = None

    def load(self, url: str) -> None:
        self.cancel()
        qurl = QUrl(url)
        if not qurl.isValid() or qurl.scheme().lower() not in SCHEMES or not qurl.host():
            self.failed.emit(url, "pictures are shown only from http(s) addresses")
            return
        if not remote_allowed():
            self.failed.emit(url, "remote pictures are turned off")
            return
        request = QNetworkRequest(qurl)
        request.setAttribute(QNetworkRequest.CacheLoadControlAttribute, QNetworkRequest.PreferCache)
        request.setTransferTimeout(15000)
        ImageLoader.requests += 1
        reply = self.manager.get(request)
        self._reply = reply
        reply.downloadProgress.connect(lambda got, _total, reply=reply: got > MAX_BYTES and reply.abort())
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
            too_big = reply.error() == QNetworkReply.OperationCanceledError
            self.failed.emit(url, "the picture is too large" if too_big else reply.errorString())
            return
        image, reason = decode(reply.readAll())
        if image is None:
            self.failed.emit(url, reason)
        else:
            self.loaded.emit(url, image)


def decode(data: QByteArray) -> tuple[QImage | None, str]:
    """The picture, at most MAX_SIDE on its longer side, or None and why not."""
    buffer = QBuffer()
    buffer.setData(data)
    buffer.open(QIODevice.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()
    if not size.isValid():
        return None, "not a picture"
    if size.width() * size.height() > MAX_PIXELS:
        return None, f"the picture is too large ({size.width():,} \u00d7 {size.height():,} pixels)"
    longest = max(size.width(), size.height())
    if longest > MAX_SIDE:
        reader.setScaledSize(size * (MAX_SIDE / longest))
    image = reader.read()
    return (None, "not a picture") if image.isNull() else (image, "")
