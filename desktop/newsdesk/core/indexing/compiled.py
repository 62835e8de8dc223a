"""Whether the compiled module (``_scan``, built from _scan*.c where a C compiler exists)
is used: one answer for the index's structure pass (scan.py), the check's quick proof
(quickcheck.py) and the save's renameat2 (files/guard.py).

NEWSDESK_PURE_SCAN=1 turns it off (each then uses its pure-Python twin); a build check
sets NEWSDESK_REQUIRE_COMPILED_SCAN, and a missing module is then an error: the tests and
the installers' smoke tests fail instead of quietly running the Python. Kept apart from
scan.py so that asking costs no import of the scanner's Python (`newsdesk patch`)."""
from __future__ import annotations

import os


def module():
    """The compiled module, or None (turned off, or not built)."""
    if os.environ.get("NEWSDESK_PURE_SCAN"):
        return None
    try:
        from newsdesk.core.indexing import _scan
    except ImportError:
        if os.environ.get("NEWSDESK_REQUIRE_COMPILED_SCAN"):
            raise
        return None
    return _scan
