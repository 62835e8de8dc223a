"""Memory a large step freed, given back to the system.

glibc's malloc keeps the heap's freed chunks for the process: after a bulk edit of 1,000
articles was undone, the window measured +66 MB over its loaded size, of which +40 MB
was still in use (bench/bulk.py, with and without a trim). What an editor's task manager
shows is the first figure. ``give_back`` asks malloc to return what is free after a step
that touched many articles, as KDE's Akonadi does on a timer (its "Braveheart"). Elsewhere
(macOS, Windows, musl) it does nothing: their allocators return memory themselves, or
have no such call.
"""
from __future__ import annotations

import sys

MANY = 200  # articles a step touches before its freed memory is worth giving back (~1 ms)

_TRIM: object = ...  # looked up on first use: ctypes is ~10 ms to import


def _malloc_trim():
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # no glibc (musl)
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def give_back(articles: int) -> None:
    """After a step over ``articles`` articles: free heap memory back to the system."""
    global _TRIM
    if articles < MANY:
        return
    if _TRIM is ...:
        _TRIM = _malloc_trim()
    if _TRIM is not None:
        _TRIM(0)
