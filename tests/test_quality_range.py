"""Quality is a whole number from 0 to 999 (core/fields.py), and every way in agrees: the
panel's box (one article or a selection), a table cell, the Edit menu's steps and Set
Quality, ``newsdesk set`` and ``patch``; ``newsdesk check`` reports a file outside it.

Found by the tester: quality 1000 (and 5000, -5) went in without a word. Why 999 and not
the 126 seen on one site: the real sites hold 0 to 189 (the powerapps articles above 126 are
published and hold quality == heat, and heat reaches 737); a fourth digit is a slip."""
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QSpinBox, QToolTip

from conftest import corpus_or_skip
from gui_helpers import select_title, when_modal
from newsdesk.cli import main
from newsdesk.core import Article
from newsdesk.core.document.schema import bounds, field_problems, problems_of
from newsdesk.ui.quality_box import QualityBox
from newsdesk.ui.table_model import QUALITY, TITLE
from panel_helpers import data_of, panel_window

HYBRID, OPTICAL = "003_60f60ea208535f03.txt", "004_75c43cb57c59ee6c.txt"  # quality 21 and 19


def with_quality(folder, name: str, title: str, quality: str) -> None:
    text = (folder / HYBRID).read_text().replace("quality: 21", f"quality: {quality}", 1)
    (folder / name).write_text(text.replace('title: "', f'title: "{title} ', 1))


@pytest.fixture
def folder(seeds_copy):
    with_quality(seeds_copy, "high.md", "Near the top", "995")
    with_quality(seeds_copy, "low.md", "Near the bottom", "5")
    with_quality(seeds_copy, "over.md", "Over the top", "1500")
    return seeds_copy


@pytest.fixture
def window(qtbot, monkeypatch, folder, tmp_path):
    return panel_window(qtbot, monkeypatch, folder, tmp_path / "config")


def save(window, qtbot):
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    assert not window.session.library.dirty()


def data_of_file(path) -> dict:
    return Article.from_bytes(path.read_bytes(), path).data


def quality_on_disk(folder, name):
    return data_of_file(folder / name)["quality"]


def test_the_range_is_declared_once(qapp):
    assert bounds("quality") == (0, 999) and bounds("heat") is None and bounds("title") is None
    assert field_problems("quality", 0) == field_problems("quality", 999) == []
    for value, shown in ((1000, "1000"), (-1, "-1"), (43.5, "43.5"), ("high", "'high'"), (True, "True"),
                         (10 ** 5000, "a number of about 5001 digits")):
        assert field_problems("quality", value) == [f"quality must be a whole number from 0 to 999, not {shown}"]
    assert problems_of({"related": [{"title": "x", "quality": 1200}]}) == [
        "related[0].quality must be a whole number from 0 to 999, not 1200"]
    box = QualityBox()  # its lowest value is "none", one below the range
    assert (box.minimum(), box.maximum()) == (-1, 999) and box.specialValueText() == "none"


def test_the_panels_box_takes_no_value_outside_the_range(window, qtbot):
    rel = select_title(window, qtbot, "Hybrid")
    spin = window.detail.quality
    assert "from 0 to 999" in spin.toolTip()
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "1000")      # the fourth digit is not taken, and that is said
    assert QToolTip.isVisible() and QToolTip.text() == "Quality: a whole number from 0 to 999: 1000 is too large"
    qtbot.keyClick(spin, Qt.Key_Return)
    assert data_of(window, rel)["quality"] == 100
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "-5")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert data_of(window, rel)["quality"] == 100 and spin.text() == "100"
    qtbot.keyClick(spin, Qt.Key_Up)
    qtbot.keyClick(spin, Qt.Key_PageUp)  # +10 a page
    assert data_of(window, rel)["quality"] == 111
    save(window, qtbot)
    assert quality_on_disk(window.folder, rel) == 111


def test_a_selections_box_sets_the_range_on_all(window, qtbot):
    select_title(window, qtbot, "Hybrid")
    rect = window.table.visualRect(window.proxy.index(
        next(r for r in range(window.proxy.rowCount()) if "Optical" in window.proxy.index(r, TITLE).data()), TITLE))
    qtbot.mouseClick(window.table.viewport(), Qt.LeftButton, Qt.ControlModifier, rect.center())
    assert sorted(window.selected_rels()) == [HYBRID, OPTICAL]
    spin = window.detail.quality
    assert spin.text() == "mixed"
    spin.setFocus()
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "9999")
    qtbot.keyClick(spin, Qt.Key_Return)
    assert data_of(window, HYBRID)["quality"] == data_of(window, OPTICAL)["quality"] == 999
    save(window, qtbot)
    assert quality_on_disk(window.folder, HYBRID) == quality_on_disk(window.folder, OPTICAL) == 999


def _edit_cell(window, qtbot, title: str, typed: str | None):
    rel = select_title(window, qtbot, title)
    window.table.setCurrentIndex(window.table.currentIndex().siblingAtColumn(QUALITY))
    qtbot.keyClick(window.table, Qt.Key_F2)
    editor = QApplication.focusWidget()
    box = editor if isinstance(editor, QSpinBox) else editor.parent()
    assert isinstance(box, QSpinBox) and (box.minimum(), box.maximum()) == (0, 999)
    opened = box.text()
    if typed is not None:
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), typed)
    qtbot.keyClick(box.lineEdit(), Qt.Key_Return)  # the delegate commits on the next turn
    qtbot.waitUntil(lambda: window.table.state() != window.table.State.EditingState, timeout=3000)
    QApplication.processEvents()
    return rel, opened


def test_a_table_cell_takes_no_value_outside_the_range_and_leaves_one_on_disk_alone(window, qtbot):
    rel, opened = _edit_cell(window, qtbot, "Optical", "1000")
    assert opened == "19" and data_of(window, rel)["quality"] == 100
    # a file holding 1500: its cell opens empty, and Return without typing changes nothing
    over, opened = _edit_cell(window, qtbot, "Over the top", None)
    assert opened == "" and not window.session.library.is_dirty(over)
    assert "from 0 to 999, not 1500" in window.table.currentIndex().siblingAtColumn(TITLE).data(Qt.ToolTipRole)
    over, _ = _edit_cell(window, qtbot, "Over the top", "70")
    assert data_of(window, over)["quality"] == 70
    save(window, qtbot)
    assert quality_on_disk(window.folder, rel) == 100 and quality_on_disk(window.folder, over) == 70
    assert (window.folder / HYBRID).read_bytes() == window.before[HYBRID]


def test_the_edit_menus_steps_stop_at_the_ends_of_the_range(window, qtbot):
    stack = window.session.undo_stack
    top = select_title(window, qtbot, "Near the top")
    qtbot.keyClick(window.table, Qt.Key_BracketRight)   # 995 + 10: 999
    assert data_of(window, top)["quality"] == 999 and stack.count() == 1
    qtbot.keyClick(window.table, Qt.Key_BracketRight)   # at the top: nothing changes, no step
    qtbot.keyClick(window.table, Qt.Key_Plus)
    assert data_of(window, top)["quality"] == 999 and stack.count() == 1
    bottom = select_title(window, qtbot, "Near the bottom")
    qtbot.keyClick(window.table, Qt.Key_BracketLeft)    # 5 - 10: 0
    qtbot.keyClick(window.table, Qt.Key_Minus)
    assert data_of(window, bottom)["quality"] == 0 and stack.count() == 2
    over = select_title(window, qtbot, "Over the top")
    qtbot.keyClick(window.table, Qt.Key_BracketLeft)    # 1500 - 10: into the range, at its top
    assert data_of(window, over)["quality"] == 999
    save(window, qtbot)
    assert [quality_on_disk(window.folder, r) for r in (top, bottom, over)] == [999, 0, 999]


def test_set_quality_asks_within_the_range(window, qtbot):
    select_title(window, qtbot, "Hybrid")
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, QInputDialog)
        seen["range"] = (dialog.intMinimum(), dialog.intMaximum())
        seen["label"] = dialog.labelText()
        box = dialog.findChild(QSpinBox)
        box.lineEdit().selectAll()
        qtbot.keyClicks(box.lineEdit(), "5000")
        dialog.accept()
    when_modal(answer)
    qtbot.keyClick(window.table, Qt.Key_Q, Qt.ControlModifier | Qt.ShiftModifier)
    assert seen["range"] == (0, 999) and "0 to 999" in seen["label"]
    assert data_of(window, HYBRID)["quality"] == 500


def _run(*args):
    return subprocess.run([sys.executable, "-m", "newsdesk", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env=dict(os.environ), encoding="utf-8", errors="replace")


@pytest.mark.parametrize("value, said", [("1000", "1000"), ("-1", "-1"), ("43.5", "43.5"), ("high", "'high'")])
def test_newsdesk_set_refuses_a_quality_outside_the_range_and_leaves_every_file(folder, value, said):
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    done = _run("set", folder, f"quality={value}", "--all")
    assert done.returncode == 2
    assert done.stderr.strip() == f"newsdesk: quality={said}: quality must be a whole number from 0 to 999, not {said}"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_newsdesk_set_takes_the_ends_of_the_range(folder):
    assert main(["set", str(folder), "quality=999", "--where", "title:Hybrid"]) == 0
    assert quality_on_disk(folder, HYBRID) == 999
    assert main(["set", str(folder), "quality=0", "--where", "title:Hybrid"]) == 0
    assert quality_on_disk(folder, HYBRID) == 0


def test_newsdesk_patch_refuses_a_quality_outside_the_range_naming_the_file(folder, tmp_path):
    patch = tmp_path / "p.yaml"
    patch.write_text("quality: 1000\npublished: true\n")
    before = (folder / HYBRID).read_bytes()
    done = _run("patch", folder / HYBRID, "--patch", patch)
    assert done.returncode == 1
    assert done.stderr.strip() == f"{folder / HYBRID}: quality must be a whole number from 0 to 999, not 1000"
    assert (folder / HYBRID).read_bytes() == before


def test_newsdesk_check_reports_a_quality_outside_the_range(folder, capsys):
    text = (folder / HYBRID).read_text()
    (folder / "negative.md").write_text(text.replace("quality: 21", "quality: -3", 1))
    (folder / "related.md").write_text(text.replace("    quality: ", "    quality: 2000", 1))
    def at(name, key):  # the file and the line of its key, as check names a field's problem
        lines = (folder / name).read_text().split("\n")
        return f"{folder / name}:{next(n + 1 for n, line in enumerate(lines) if line.startswith(key + ':'))}"
    for _ in range(2):  # the second time from the verdicts remembered
        assert main(["check", str(folder)]) == 1
        out = sorted(capsys.readouterr().out.splitlines())
        assert out == [f"{at('negative.md', 'quality')}: quality must be a whole number from 0 to 999, not -3",
                       f"{at('over.md', 'quality')}: quality must be a whole number from 0 to 999, not 1500",
                       f"{at('related.md', 'related')}: related[0].quality must be a whole number from 0 to 999, "
                       f"not 2000{data_of_file(folder / HYBRID)['related'][0]['quality']}"]


def test_every_real_articles_quality_is_in_the_range():
    """The range refuses nothing the real sites hold (their highest: 189)."""
    highest = 0
    for site in ("azure", "powerapps"):
        for path in sorted(corpus_or_skip(site, "site", "_news").iterdir()):
            data = data_of_file(path)
            values = [data.get("quality")] + [item.get("quality") for item in data.get("related") or []]
            for value in values:
                if value is not None:
                    assert field_problems("quality", value) == [], (path.name, value)
                    highest = max(highest, value)
    assert highest == 189
