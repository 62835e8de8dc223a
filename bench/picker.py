#!/usr/bin/env python3
"""Add from Library: the picker's cost per keystroke, beside the alternative and the floor.

usage: python bench/picker.py SITE [--runs 5]      (SITE: e.g. made by bench/make_site.py)

Each keystroke of a word typed into the picker is timed from setText to the list
repainted (the search over the table model's cached search texts, the model reset,
the view's layout and paint), for:
  - the picker (core.search's language; plain words as one list comprehension each,
    typing on searched within what the last keystroke kept);
  - the alternative: QSortFilterProxyModel over the table's title column (main's
    picker before: "v" stayed on screen ~2 s while "vulnerability" was typed);
  - the floor: the one list comprehension alone, no Qt.
Best of ``--runs`` per keystroke; the worst keystroke is what a typist feels.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = ["vulnerability", "azure openai", "data center"]
QUERIES = ["topic:AI", "quality>=60 published:no", "provider:microsoft date>=2023-01"]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("site", type=Path)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-alternative", action="store_true", help="skip QSortFilterProxyModel (slow at 100k)")
    a = ap.parse_args()
    os.environ.setdefault("NEWSDESK_CACHE_DIR", tempfile.mkdtemp(prefix="newsdesk-bench-"))
    from PySide6.QtCore import QSortFilterProxyModel, Qt
    from PySide6.QtWidgets import QApplication, QListView

    from newsdesk.core.editorial.related import url_of
    from newsdesk.core.indexing.cache import IndexCache
    from newsdesk.core.library.library import Library
    from newsdesk.ui.related_picker import PickArticleDialog
    from newsdesk.ui.session import Session
    from newsdesk.ui.table_model import TITLE, ArticleTableModel

    app = QApplication([])
    start = time.perf_counter()
    library = Library(a.site, IndexCache())
    library.load()
    print(f"{len(library.rows):,} articles loaded in {time.perf_counter() - start:.1f} s")
    session = Session(library)
    model = ArticleTableModel(session)
    model.haystacks()  # the window has these (and the topic index: the view's) from the loader before anyone types
    rel = max(library.rows, key=lambda r: r.related).path
    links = [url_of(i) for i in library.draft(rel).data.get("related", [])]
    print(f"picking for {rel} ({len(links)} related links left out)")

    def paint(widget):
        app.processEvents()
        widget.repaint()

    def best_of(run, texts):
        best = [float("inf")] * len(texts)
        for _ in range(a.runs):
            for n, t in enumerate(run()):
                best[n] = min(best[n], t)
        return best

    paused: dict[str, float] = {}

    def picker_times(text):
        dialog = PickArticleDialog(model, rel, links)
        dialog.show()
        paint(dialog)
        out = []
        for k in range(1, len(text) + 1):
            t = time.perf_counter()
            dialog.filter.setText(text[:k])
            paint(dialog.list.viewport())
            out.append(time.perf_counter() - t)
        if dialog._pause.isActive():  # a query with fields: searched once typing pauses
            dialog._pause.stop()
            t = time.perf_counter()
            dialog.search(dialog.filter.text())
            paint(dialog.list.viewport())
            paused[text] = min(paused.get(text, 1e9), time.perf_counter() - t)
        dialog.close()
        dialog.deleteLater()
        return out

    def proxy_times(text):
        proxy = QSortFilterProxyModel()
        proxy.setSourceModel(model)
        proxy.setFilterKeyColumn(TITLE)
        proxy.setFilterCaseSensitivity(Qt.CaseInsensitive)
        view = QListView()
        view.setModel(proxy)
        view.setModelColumn(TITLE)
        view.resize(900, 420)
        view.show()
        paint(view)
        out = []
        for k in range(1, len(text) + 1):
            t = time.perf_counter()
            proxy.setFilterFixedString(text[:k])
            paint(view.viewport())
            out.append(time.perf_counter() - t)
        view.close()
        return out

    def floor_times(text):
        hays = model.haystacks()
        out = []
        for k in range(1, len(text) + 1):
            t = time.perf_counter()
            word = text[:k].split()[-1].casefold()
            _ = [n for n, h in enumerate(hays) if word in h]
            out.append(time.perf_counter() - t)
        return out

    print(f"\nper keystroke, best of {a.runs} runs, ms (worst keystroke / median)")
    print(f"{'typed':36} {'picker':>10} {'QSortFilterProxyModel':>24} {'floor (one listcomp)':>22}")
    for text in WORDS + QUERIES:
        mine = best_of(lambda text=text: picker_times(text), text)
        floor = best_of(lambda text=text: floor_times(text), text) if text in WORDS else None
        alt = None
        if not a.no_alternative:
            alt = best_of(lambda text=text: proxy_times(text), text) if text in WORDS else None
        def fmt(times):
            if not times:
                return "-"
            s = sorted(times)
            return f"{1000 * s[-1]:.0f} / {1000 * s[len(s) // 2]:.0f}"
        print(f"{text!r:36} {fmt(mine):>10} {fmt(alt):>24} {fmt(floor):>22}")
        if text in paused:
            print(f"{'  ...its search, on the pause':36} {1000 * paused[text]:>7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
