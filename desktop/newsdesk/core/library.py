"""A folder of articles: its index rows, the drafts being edited, saving them.

Qt-free; the window shows a Library through a table model and edits it only
through ``preview`` (what an edit would make of an article) and ``set_data``.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable

from newsdesk.core import emit
from newsdesk.core.article import folder_conventions, load_article
from newsdesk.core.conventions import Conventions
from newsdesk.core.draft import Draft
from newsdesk.core.cache import IndexCache, index_files
from newsdesk.core.index import Row, article_paths, fill_row, iter_article_paths, relpath
from newsdesk.core.problems import ArticleProblem


def _written_date(value: object) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else emit.scalar(value)


class Library:
    def __init__(self, root: Path | str, cache: IndexCache | None = None):
        self.root = Path(root)
        self.cache = cache
        self.rows: list[Row] = []
        self.problems: list[ArticleProblem] = []
        self._drafts: dict[str, Draft] = {}
        self._position: dict[str, int] = {}
        self._folder_style: dict[Path, Conventions | None] = {}
        self._topics: Counter = Counter()  # kept as rows come and change: no pass over 100k rows

    # ---- loading -----------------------------------------------------------
    def paths(self) -> list[Path]:
        return article_paths(self.root)

    def iter_paths(self):
        return iter_article_paths(self.root)

    def read(self, paths: Iterable[Path]) -> tuple[list[Row], list[ArticleProblem]]:
        """Index rows of some files (no state changes: safe off the UI thread)."""
        rows, problems = [], []
        for result in index_files(list(paths), self.root, self.cache):
            (problems if isinstance(result, ArticleProblem) else rows).append(result)
        return rows, problems

    def add(self, rows: list[Row], problems: list[ArticleProblem]) -> range:
        start = len(self.rows)
        for row in rows:
            self._position[row.path] = len(self.rows)
            self.rows.append(row)
            self._count_topics(row, 1)
        self.problems.extend(problems)
        return range(start, len(self.rows))

    def load(self, progress: Callable[[int, int], None] | None = None) -> None:
        paths = self.paths()
        step = 200
        for n in range(0, len(paths), step):
            self.add(*self.read(paths[n:n + step]))
            if progress:
                progress(min(n + step, len(paths)), len(paths))

    # ---- rows and drafts ---------------------------------------------------------
    def position(self, rel: str) -> int:
        return self._position[rel]

    def reorder(self, order: list[int]) -> None:
        """Put the rows in a new order (``order[new] = old``)."""
        self.rows = [self.rows[i] for i in order]
        self._position = {row.path: n for n, row in enumerate(self.rows)}

    def unpublished(self) -> int:
        return sum(1 for row in self.rows if row.published is not True)

    def file(self, rel: str) -> Path:
        return self.root / rel if self.root.is_dir() else self.root

    def draft(self, rel: str) -> Draft:
        """The full article, parsed on first use."""
        draft = self._drafts.get(rel)
        if draft is None:
            draft = self._drafts[rel] = Draft(load_article(self.file(rel)))
        return draft

    def loaded(self, rel: str) -> bool:
        return rel in self._drafts

    def is_dirty(self, rel: str) -> bool:
        draft = self._drafts.get(rel)
        return draft is not None and draft.dirty

    def dirty(self) -> list[str]:
        return [rel for rel, d in self._drafts.items() if d.dirty]

    def preview(self, rel: str, op: str, *args) -> dict:
        """The data an edit would give the article (validated; nothing changes)."""
        draft = self.draft(rel)
        scratch = Draft(draft.article)
        scratch.data = draft.data
        getattr(scratch, op)(*args)
        return scratch.data

    def set_data(self, rel: str, data: dict) -> None:
        self.draft(rel).data = data
        self._refresh_row(rel)

    def _refresh_row(self, rel: str) -> None:
        draft = self._drafts[rel]
        row = self.rows[self._position[rel]]
        self._count_topics(row, -1)
        related = draft.data.get("related")
        row.related = len(related) if isinstance(related, list) else 0
        fill_row(row, draft.data, _written_date(draft.data.get("publishedDateTime")))
        self._count_topics(row, 1)

    # ---- saving --------------------------------------------------------------
    def _folder(self, path: Path):
        folder = path.parent
        if folder not in self._folder_style:
            self._folder_style[folder] = folder_conventions(folder, skip=path)
        return self._folder_style[folder]

    def save(self, rel: str) -> None:
        draft = self._drafts[rel]
        path = self.file(rel)
        draft.save(folder=lambda: self._folder(path))
        row = self.rows[self._position[rel]]
        st = os.stat(path)
        row.size, row.mtime_ns = st.st_size, st.st_mtime_ns
        self._refresh_row(rel)

    def save_all(self) -> list[ArticleProblem]:
        """Save every edited article; the problems of those that could not be saved."""
        failed = []
        for rel in self.dirty():
            try:
                self.save(rel)
            except ArticleProblem as p:
                failed.append(p)
        return failed

    def revert(self, rel: str) -> None:
        if rel in self._drafts:
            self._drafts[rel].revert()
            self._refresh_row(rel)

    # ---- library-wide facts ----------------------------------------------------
    def _count_topics(self, row: Row, sign: int) -> None:
        for topic in row.topics:
            if isinstance(topic, str):
                self._topics[topic] += sign
                if self._topics[topic] <= 0:
                    del self._topics[topic]

    def topics(self) -> Counter:
        """How many articles carry each topic (as edited, saved or not)."""
        return Counter(self._topics)

    def relpath(self, path: Path) -> str:
        return relpath(path, self.root)
