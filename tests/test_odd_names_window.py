"""A file name that is not valid UTF-8 (Linux allows any bytes): the window keeps the
name as Python holds it (surrogate escapes) from the folder to the save, never as Qt text,
which drops the escapes and names another file."""
import os
import sys

import pytest
from PySide6.QtCore import Qt

from gui_helpers import activate, open_window, select_title

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="only Linux file names hold any bytes")

BAD = os.fsdecode(b"bytes-\xff\xfe.md")
TEXT = b'---\ntitle: "bytes name"\npublished: false\nquality: 5\n---\n'


@pytest.fixture
def folder(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "good.md").write_bytes(b'---\ntitle: "good one"\npublished: false\n---\n')
    (site / BAD).write_bytes(TEXT)
    return site


def test_an_undecodable_name_opens_edits_and_saves(folder, qtbot, tmp_path):
    window = open_window(qtbot, folder, tmp_path / "config")
    select_title(window, qtbot, "bytes name")
    assert window.current.rel == window.selected_rels()[0] == BAD
    qtbot.waitUntil(lambda: window.detail.rel == BAD, timeout=3000)
    assert window.problems.model.rowCount() == 0
    qtbot.keyClick(window.table, Qt.Key_P)
    assert window.session.library.draft(BAD).data["published"] is True
    activate(window, qtbot)
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    qtbot.waitUntil(lambda: not window.isWindowModified(), timeout=5000)
    assert (folder / BAD).read_bytes() == TEXT.replace(b"published: false", b"published: true")
    assert sorted(os.listdir(os.fsencode(folder))) == [b"bytes-\xff\xfe.md", b"good.md"]
