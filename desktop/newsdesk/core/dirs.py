"""Where caches go (cheap to import: a warm `newsdesk index --json` needs only this)."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def default_dir() -> Path:
    """NEWSDESK_CACHE_DIR, else the platform's user cache folder."""
    if os.environ.get("NEWSDESK_CACHE_DIR"):
        return Path(os.environ["NEWSDESK_CACHE_DIR"])
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "Newsdesk" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "Newsdesk"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsdesk"
