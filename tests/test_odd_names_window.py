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


def test_problems_name_odd_files_escaped_and_open_the_real_file(tmp_path, qtbot, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "ok.md").write_bytes(b'---\ntitle: "ok"\npublished: false\n---\n')
    (site / "bad\nfake.md: no front matter but i am fine.md").write_bytes(b"no front matter\n")
    (site / "bidi-\u202egnp.md").write_bytes(b'---\ntitle: "bidi"\npublished: false\n')  # no closing ---
    (site / os.fsdecode(b"bytes-\xff\xfe.md")).write_bytes(b"---\ntitle: [\n---\n")
    window = open_window(qtbot, site, tmp_path / "config")
    model = window.problems.model
    shown = sorted(model.index(n, 0).data() for n in range(model.rowCount()))
    assert len(shown) == 3
    assert shown[0].startswith("bad\\nfake.md: no front matter but i am fine.md:1 \u2014 no front matter")
    assert shown[1].startswith("bidi-\\u202egnp.md:1 \u2014 front matter is not terminated")
    assert shown[2].startswith("bytes-\\xff\\xfe.md:2 \u2014 invalid YAML")
    assert all(line.isprintable() for line in shown)  # no line break, no bidi control
    opened = []
    monkeypatch.setattr("newsdesk.ui.problems.QDesktopServices.openUrl", lambda url: opened.append(url) or True)
    row = next(n for n in range(model.rowCount()) if model.index(n, 0).data().startswith("bytes-"))
    with qtbot.waitSignal(window.problems.opened) as said:
        window.problems.view.activated.emit(model.index(row, 0))
    assert said.args[0] == str(site / BAD)
    assert bytes(opened[0].toEncoded()).endswith(b"/bytes-%FF%FE.md")


def test_a_title_cannot_reverse_the_rest_of_its_row(tmp_path, qtbot):
    from newsdesk.ui.columns import FILE, TITLE
    site = tmp_path / "site"
    site.mkdir()
    (site / "bidi-title.md").write_bytes('---\ntitle: "bidi \u202e gnp.exe"\npublished: false\n---\n'.encode())
    (site / "new\nline.md").write_bytes(b'---\ntitle: "newline name"\npublished: false\n---\n')
    window = open_window(qtbot, site, tmp_path / "config")
    cells = {window.proxy.index(r, FILE).data(): window.proxy.index(r, TITLE).data()
             for r in range(window.proxy.rowCount())}
    assert cells == {"bidi-title.md": "\u2068bidi \u202e gnp.exe\u2069", "new\\nline.md": "newline name"}


def test_an_undecodable_folder_and_article_come_back_after_a_restart(tmp_path, qtbot):
    """QSettings keeps text: the name's bytes became U+FFFD, and the restarted window
    looked for a folder and an article that do not exist."""
    from newsdesk.ui import settings as settings_mod
    site = tmp_path / os.fsdecode(b"site-\xe9")  # Latin-1 bytes, not UTF-8
    site.mkdir()
    (site / "good.md").write_bytes(b'---\ntitle: "good one"\npublished: false\n---\n')
    (site / BAD).write_bytes(TEXT)
    config = tmp_path / "config"
    window = open_window(qtbot, site, config)
    select_title(window, qtbot, "bytes name")
    window.close()
    again = open_window(qtbot, site, config)
    qtbot.waitUntil(lambda: again.current.rel == BAD, timeout=10000)
    assert settings_mod.recent_folders(again.settings)[0] == str(site)
    assert settings_mod.path_from(again.settings.value("lastFolder")) == str(site)
    again.recent_menu.aboutToShow.emit()  # File > Open Recent names it escaped, and opens it
    first = again.recent_menu.actions()[0]
    assert first.text().endswith("site-\\xe9")
    with qtbot.waitSignal(again.loaded, timeout=20000):
        first.trigger()
    assert again.session.library.root == site
