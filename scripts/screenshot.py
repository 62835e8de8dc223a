#!/usr/bin/env python3
"""Screenshot of the real window on a copy of the bundled seeds (for the README).

usage: python scripts/screenshot.py [--out docs/screenshot.png] [--dark] [--size 1366x768]
                                    [--select WORDS] [--many N] [--all-related] [--picture]
                                    [--search Q] [--browse]
Runs offscreen (no display needed); nothing of the user's settings or seeds is touched.

The README's pictures:
    python scripts/screenshot.py --all-related --picture             # docs/screenshot.png, 1366x768
    python scripts/screenshot.py --all-related --picture --size 1920x1080 --out docs/screenshot-1920.png
    python scripts/screenshot.py --many 3 --out docs/screenshot-bulk.png
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))


def gather_related(folder: Path, words: str) -> None:
    """Give the article titled ``words`` the related links of every seed (through the
    core's own editing and saving), to show a long list."""
    from newsdesk.core.document.edits import Set
    from newsdesk.core.editorial.related import url_of
    from newsdesk.core.library.library import Library

    library = Library(folder)
    library.load()
    items, seen, target = [], set(), None
    for row in library.rows:
        if words in str(row.title):
            target = row.path
        for item in library.draft(row.path).data.get("related") or []:
            if url_of(item) not in seen:
                seen.add(url_of(item))
                items.append(item)
    library.set_data(target, library.preview(target, Set(("related",), items)))
    library.save(target)


def serve_picture() -> str:
    """A picture drawn here, served on localhost (the seeds' pictures are on the web,
    which a build machine may not reach): the address to give an article."""
    import http.server
    import threading

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QLinearGradient, QPainter

    image = QImage(750, 422, QImage.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, 750, 422)
    gradient.setColorAt(0, QColor("#1b4f72"))
    gradient.setColorAt(1, QColor("#48c9b0"))
    painter.fillRect(image.rect(), gradient)
    painter.setPen(QColor("white"))
    painter.setFont(QFont("Sans", 40, QFont.Bold))
    painter.drawText(QRect(0, 0, 750, 422), Qt.AlignCenter, "data center")
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    image.save(buffer, "PNG")
    png = bytes(data)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/picture.png"


def set_picture(folder: Path, words: str, url: str) -> None:
    from newsdesk.core.document.edits import Set
    from newsdesk.core.library.library import Library

    library = Library(folder)
    library.load()
    target = next(row.path for row in library.rows if words in str(row.title))
    library.set_data(target, library.preview(target, Set(("images",), [{"url": url, "width": 750, "height": 422}])))
    library.save(target)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    ap.add_argument("--dark", action="store_true", help="use the dark palette (as with a dark system theme)")
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--select", default="Reimagining", help="title words of the article to show")
    ap.add_argument("--search", default="", help="text to type into the search box first")
    ap.add_argument("--browse", action="store_true", help="show the Browse panel (facets, saved searches)")
    ap.add_argument("--many", type=int, default=0, help="select this many rows from the top (the bulk editor)")
    ap.add_argument("--picture", action="store_true", help="give the selected article a picture served here")
    ap.add_argument("--all-related", action="store_true",
                    help="give the selected article every related link of the seeds (a long list)")
    a = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="newsdesk-shot-"))
    try:
        shutil.copytree(ROOT / "desktop" / "newsdesk" / "seeds", work / "seeds")
        if a.all_related:
            gather_related(work / "seeds", a.select)
        from PySide6.QtCore import QItemSelectionModel, QSettings, QTimer
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "config"))
        os.environ["NEWSDESK_CACHE_DIR"] = str(work / "cache")
        if a.dark:
            os.environ["NEWSDESK_DARK"] = "1"
        from newsdesk.ui.app import make_app
        app = make_app([])
        if a.picture:
            set_picture(work / "seeds", a.select, serve_picture())
        from newsdesk.ui import settings
        from newsdesk.ui.table_model import TITLE
        from newsdesk.ui.window import MainWindow
        width, height = (int(v) for v in a.size.split("x"))
        window = MainWindow(settings.settings())
        window.resize(width, height)
        window.show()

        def shoot():
            if a.browse:
                window.sidebar.show()
            if a.search:
                window.filter.setText(a.search)
                window._apply_filter()
            proxy = window.proxy
            if a.many:
                window.table.selectRow(0)
                for row in range(1, min(a.many, proxy.rowCount())):
                    window.table.selectionModel().select(
                        proxy.index(row, TITLE), QItemSelectionModel.Select | QItemSelectionModel.Rows)
            else:
                for row in range(proxy.rowCount()):
                    if a.select in proxy.index(row, TITLE).data():
                        window.table.selectRow(row)
            QTimer.singleShot(700, lambda: (a.out.parent.mkdir(parents=True, exist_ok=True),
                                            window.grab().save(str(a.out)), app.quit()))
        window.loaded.connect(lambda n: QTimer.singleShot(200, shoot))
        window.open_path(work / "seeds")
        app.exec()
        print(f"wrote {a.out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
