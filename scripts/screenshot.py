#!/usr/bin/env python3
"""Screenshot of the real window on a copy of the bundled seeds (for the README).

usage: python scripts/screenshot.py [--out docs/screenshot.png] [--dark] [--size 1366x768]
Runs offscreen (no display needed); nothing of the user's settings or seeds is touched.
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    ap.add_argument("--dark", action="store_true", help="use the dark palette (as with a dark system theme)")
    ap.add_argument("--size", default="1366x768")
    ap.add_argument("--select", default="Reimagining", help="title words of the article to show")
    ap.add_argument("--search", default="", help="text to type into the search box first")
    ap.add_argument("--browse", action="store_true", help="show the Browse panel (facets, saved searches)")
    a = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="newsdesk-shot-"))
    try:
        shutil.copytree(ROOT / "desktop" / "newsdesk" / "seeds", work / "seeds")
        from PySide6.QtCore import QSettings, QTimer
        QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(work / "config"))
        os.environ["NEWSDESK_CACHE_DIR"] = str(work / "cache")
        if a.dark:
            os.environ["NEWSDESK_DARK"] = "1"
        from newsdesk.ui.app import make_app
        app = make_app([])
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
