"""The Qt-free core: reading, indexing, format-preserving editing, saving.

The names below are imported when first used (PEP 562): importing one small module of
the core (``newsdesk.core.files.walk`` for a warm listing) does not import the YAML machinery.
"""
from __future__ import annotations

__all__ = ["Article", "ArticleProblem", "Draft", "SaveConflict", "load_article"]
_HOMES = {"Article": "document.article", "load_article": "document.article", "Draft": "document.draft",
          "ArticleProblem": "problems", "SaveConflict": "problems"}


def __getattr__(name: str):
    if name in _HOMES:
        import importlib
        return getattr(importlib.import_module(f"newsdesk.core.{_HOMES[name]}"), name)
    raise AttributeError(name)
