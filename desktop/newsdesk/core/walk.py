"""Which files of a folder are articles, walked in order (no YAML, no Qt: cheap to import)."""
from __future__ import annotations

import os
from collections.abc import Iterator

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".html")


def iter_article_files(root) -> Iterator[str]:
    """Every article file under root (or root itself) as a path string, hidden folders
    skipped, in sorted order, yielded as the folders are walked (no Path objects: 100k
    files in ~0.25 s, against ~0.8 s making a Path of each)."""
    root = os.fspath(root)
    if os.path.isfile(root):
        yield root
        return
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(ARTICLE_SUFFIXES):
                yield os.path.join(folder, name)
