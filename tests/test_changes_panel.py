"""The Changes panel lists unsaved articles with the diff Save writes; Save, Revert, Save All act."""
from PySide6.QtCore import Qt

from newsdesk.core.document.edits import Set
from newsdesk.core.library.library import Library
from newsdesk.ui.changes import REL_ROLE, ChangesPanel
from newsdesk.ui.qtcompat import carried


def panel_over(library, qtbot):
    def dirty():
        return [(rel, library.draft(rel).data.get("title")) for rel in library.dirty()]

    def save(rels):
        for rel in rels:
            library.save(rel)
        panel.refresh()

    def revert(rels):
        for rel in rels:
            library.revert(rel)
        panel.refresh()

    def save_all():
        library.save_all()
        panel.refresh()
    panel = ChangesPanel(dirty, library.change, save, revert, save_all)
    qtbot.addWidget(panel)
    panel.resize(700, 500)
    panel.show()
    return panel


def test_lists_edits_and_saves_exactly_the_diff_shown(seeds_copy, qtbot):
    library = Library(seeds_copy)
    library.load()
    a, b = library.rows[0].path, library.rows[1].path
    panel = panel_over(library, qtbot)
    assert panel.list.count() == 0 and "No unsaved" in panel.summary.text()
    assert not panel.save_all_button.isEnabled()
    library.set_data(a, library.preview(a, Set(("published",), True)))
    library.set_data(b, library.preview(b, Set(("quality",), 77)))
    panel.refresh()
    assert panel.list.count() == 2 and panel.summary.text() == "2 unsaved articles"
    rows = {carried(panel.list.item(i).data(REL_ROLE)): i for i in range(panel.list.count())}
    panel.list.setCurrentRow(rows[b])
    shown = panel.diff.toPlainText()
    assert "-quality: " in shown and "+quality: 77" in shown
    before_a = (seeds_copy / a).read_bytes()
    qtbot.mouseClick(panel.save_button, Qt.LeftButton)
    written = (seeds_copy / b).read_text()
    assert "quality: 77\n" in written and (seeds_copy / a).read_bytes() == before_a
    assert panel.list.count() == 1 and library.dirty() == [a]
    qtbot.mouseClick(panel.revert_button, Qt.LeftButton)
    assert library.dirty() == [] and (seeds_copy / a).read_bytes() == before_a
    assert panel.list.count() == 0 and panel.diff.toPlainText() == ""


def test_save_all_from_the_panel(seeds_copy, qtbot):
    library = Library(seeds_copy)
    library.load()
    rels = [row.path for row in library.rows]
    for rel in rels:
        library.set_data(rel, library.preview(rel, Set(("published",), True)))
    panel = panel_over(library, qtbot)
    assert panel.summary.text() == f"{len(rels)} unsaved articles"
    qtbot.mouseClick(panel.save_all_button, Qt.LeftButton)
    assert all(b"published: true\n" in (seeds_copy / rel).read_bytes() for rel in rels)
    assert panel.list.count() == 0


def test_saving_the_last_change_from_the_dock_gives_the_keyboard_back_to_the_table(qtbot, seeds_copy, tmp_path):
    from gui_helpers import activate, open_window, select_title
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    window.filter.setText("")
    rel = select_title(window, qtbot, "Hybrid")
    window.changes.show()
    activate(window, qtbot)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Plus)
    window.changes.panel.refresh()
    button = window.changes.panel.save_button
    button.setFocus()
    qtbot.waitUntil(button.hasFocus, timeout=5000)
    qtbot.keyClick(button, Qt.Key_Space)  # Save, by keyboard
    assert not window.session.library.dirty()
    assert window.table.hasFocus() and not window.filter.hasFocus()
    before = (seeds_copy / rel).read_bytes()
    qtbot.keyClick(window.table, Qt.Key_Plus)  # the next key acts on the article, not the search
    assert window.filter.text() == "" and window.session.library.is_dirty(rel)
    window.session.undo_stack.undo()
    assert (seeds_copy / rel).read_bytes() == before


def test_the_diff_is_in_the_fixed_font_and_long_lines_scroll_not_wrap(seeds_copy, qtbot):
    """A diff viewer's habits: columns line up (the system's fixed-width font, as the Git
    commit dialog has: "monospace" is no family on Windows or macOS) and a long line stays
    one line, reached by scrolling sideways."""
    from PySide6.QtGui import QFontDatabase, QFontMetricsF
    from PySide6.QtWidgets import QPlainTextEdit
    library = Library(seeds_copy)
    library.load()
    rel = library.rows[0].path
    long_title = "A title far longer than the panel is wide " * 8
    library.set_data(rel, library.preview(rel, Set(("title",), long_title)))
    panel = panel_over(library, qtbot)
    diff = panel.diff
    qtbot.waitUntil(lambda: long_title.strip() in diff.toPlainText())
    fixed = QFontDatabase.systemFont(QFontDatabase.FixedFont)
    assert diff.font() == fixed                                   # family, size and hints, as the desktop says
    metrics = QFontMetricsF(diff.font())   # fixed pitch measured (QFontInfo.fixedPitch() says no for Noto Mono)
    assert metrics.horizontalAdvance("iiii") == metrics.horizontalAdvance("MMMM") > 0
    assert diff.lineWrapMode() == QPlainTextEdit.NoWrap
    line = next(n for n, text in enumerate(diff.toPlainText().splitlines()) if long_title.strip() in text)
    assert diff.document().findBlockByNumber(line).layout().lineCount() == 1   # one line on screen
    bar = diff.horizontalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum())                     # scrolled to its end: the line's end is there
    assert bar.value() == bar.maximum()
