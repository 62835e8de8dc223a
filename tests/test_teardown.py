"""The test suite's own promise (tests/modal_guard.py): a GUI test ends, pass or fail, whatever
it leaves open. Each case runs a small test file in a pytest of its own and times it: before
the guard, a test that failed with unsaved edits waited for ever on the "discard changes?"
question while pytest-qt closed its window."""
import time
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
LIMIT_S = 90  # a whole pytest process, a window opened on five articles, on a loaded machine

CONFTEST = f"""
import os, shutil, sys, tempfile
import pytest
sys.path.insert(0, {str(TESTS)!r})
from modal_guard import pytest_configure  # noqa: F401 - the guard, as the suite loads it
os.environ["NEWSDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="newsdesk-test-data-")

@pytest.fixture
def seeds_copy(tmp_path):
    return shutil.copytree({str(TESTS.parent / "desktop" / "newsdesk" / "seeds")!r}, tmp_path / "seeds")
"""

TESTS_FILE = """
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from gui_helpers import open_window

QTS_OWN = QMessageBox.__dict__["question"]


def edited(qtbot, seeds_copy, tmp_path):
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    qtbot.keyClick(window.table, Qt.Key_P)
    assert window.session.library.dirty() and window.isWindowModified()
    return window


def test_fails_with_unsaved_edits(qtbot, seeds_copy, tmp_path):
    edited(qtbot, seeds_copy, tmp_path)
    assert False, "failed halfway through an edit"


def test_passes_with_unsaved_edits(qtbot, seeds_copy, tmp_path):
    window = edited(qtbot, seeds_copy, tmp_path)
    rel = window.session.library.dirty()[0]
    (tmp_path / "edited").write_text(rel)


def test_leaves_a_question_unanswered(qtbot, seeds_copy, tmp_path):
    window = edited(qtbot, seeds_copy, tmp_path)
    window.close()  # asks "Save them before closing?", and nobody answers


def test_its_own_patch_of_the_question_is_kept_to_the_end(qtbot, seeds_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Cancel)
    window = edited(qtbot, seeds_copy, tmp_path)
    window.close()
    assert window.isVisible()  # Cancel: the window stays


def test_the_prompt_is_qts_own_again():
    assert QMessageBox.__dict__["question"] is QTS_OWN
"""


@pytest.fixture
def run(pytester, monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_MODAL_LIMIT_S", "3")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_inner=TESTS_FILE)

    def run(*names):
        started = time.monotonic()
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA",
                                               *(f"test_inner.py::{n}" for n in names), timeout=LIMIT_S)
        return result, time.monotonic() - started
    return run


def test_a_test_failing_with_unsaved_edits_fails_and_does_not_hang(run):
    result, took = run("test_fails_with_unsaved_edits", "test_passes_with_unsaved_edits")
    result.assert_outcomes(failed=1, passed=1)
    result.stdout.fnmatch_lines(["*failed halfway through an edit*"])
    assert "Unsaved Changes" not in result.stdout.str()
    assert took < LIMIT_S


def test_a_modal_dialog_left_open_fails_its_test_with_a_clear_message(run):
    result, took = run("test_leaves_a_question_unanswered", "test_its_own_patch_of_the_question_is_kept_to_the_end",
                       "test_the_prompt_is_qts_own_again")
    result.assert_outcomes(failed=1, passed=2)
    result.stdout.fnmatch_lines(["a modal dialog was left open during the test: QMessageBox \u201cUnsaved Changes\u201d"
                                 " (1 article has unsaved changes. Save them before closing?) stayed open 3 s with "
                                 "nobody to answer it; closed it.*",
                                 "FAILED test_inner.py::test_leaves_a_question_unanswered*"])
    assert took < LIMIT_S
