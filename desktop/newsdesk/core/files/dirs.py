"""Where caches go (cheap to import: a warm `newsdesk index --json` needs only this).
The folders themselves are named in core.paths, the one module for the user's folders."""
from __future__ import annotations

from pathlib import Path

from newsdesk.core.files.paths import cache_dir


def default_dir() -> Path:
    """NEWSDESK_CACHE_DIR, else the platform's user cache folder."""
    return cache_dir()
