import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Caches of the tests go to a folder of their own, never the user's.
os.environ["NEWSDESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsdesk-test-cache-")
# And the window's log files (the app and the smoke tests' subprocesses).
os.environ["NEWSDESK_LOG_DIR"] = tempfile.mkdtemp(prefix="newsdesk-test-log-")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "desktop" / "newsdesk" / "seeds"  # package data (importlib.resources)
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture
def seeds_copy(tmp_path):
    """A temporary copy of the bundled seed articles."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


def corpus_or_skip(*parts) -> Path:
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the shared corpus is not at {path} (it lives beside the repository, in ../shared)")
    return path
# So do journals of unsaved edits.
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-test-data-")


def _scanners():
    from newsdesk.core.indexing import scan
    compiled = pytest.param("compiled", marks=pytest.mark.skipif(
        scan.scan_compiled is None, reason="the compiled scanner (_scan) is not built here"))
    return ["python", compiled]


@pytest.fixture(params=_scanners())
def scanner(request, monkeypatch):
    """Runs a test once with each structure pass of the index (indexing/scan.py): the
    pure-Python one and the compiled one; index_bytes takes whichever ``scan.scan`` is."""
    from newsdesk.core.indexing import scan
    fn = scan.scan_python if request.param == "python" else scan.scan_compiled
    monkeypatch.setattr(scan, "scan", fn)
    return request.param


# A GUI test never hangs on a modal dialog (tests/modal_guard.py); pytester runs the test of that.
pytest_plugins = ("modal_guard", "pytester")


@pytest.fixture
def discard_when_asked(monkeypatch):
    """Every "save your edits?" question answered Discard (a test's window closes with edits)."""
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Discard)
