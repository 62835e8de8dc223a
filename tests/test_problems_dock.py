"""The Problems panel takes from the table only what its list needs: as tall as its lines
(2 to 8, a third of the window at most), and once the editor drags its edge, the height
they chose, again after a restart."""
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gui_helpers import open_window
from newsdesk.ui.problems import ROWS_AT_MOST


def bad_files(folder, n):
    for k in range(n):
        (folder / f"zz_broken_{k:02}.txt").write_text(f'---\ntitle: "unterminated {k}\n---\n')


def shown_rows(dock) -> int:
    view = dock.view
    height = view.viewport().height()
    return sum(1 for r in range(dock.model.rowCount())
               if view.visualRect(dock.model.index(r)).top() >= 0
               and view.visualRect(dock.model.index(r)).bottom() < height)


def settled(qtbot, window):
    dock = window.problems
    qtbot.waitUntil(dock.isVisible, timeout=5000)
    qtbot.wait(50)
    QApplication.processEvents()
    return dock


def test_a_few_problems_open_a_dock_as_tall_as_their_lines(qtbot, seeds_copy, tmp_path):
    bad_files(seeds_copy, 3)
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    window.resize(1366, 768)
    dock = settled(qtbot, window)
    row = dock.view.sizeHintForRow(0)
    assert dock.model.rowCount() == 3 and shown_rows(dock) == 3           # every line whole...
    assert dock.view.viewport().height() < 4 * row                       # ...and not a line more
    assert window.table.height() > 4 * dock.height()


def test_many_problems_take_at_most_a_third_of_the_window(qtbot, seeds_copy, tmp_path):
    bad_files(seeds_copy, 40)
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    window.resize(1366, 768)
    dock = settled(qtbot, window)
    assert dock.model.rowCount() == 40
    assert dock.height() <= window.height() / 3 + 1
    assert shown_rows(dock) >= min(ROWS_AT_MOST, 5)


def drag_the_dock_edge(qtbot, window, by: int) -> None:
    """The mouse on the edge between the table and the dock (the window's own separator),
    dragged by ``by`` pixels, as a user does (the window moves its separator on a timer
    after each move: the events have turns between them, as a hand's do)."""
    dock = window.problems
    top = dock.mapTo(window, QPoint(dock.width() // 2, 0))
    start = QPoint(top.x(), top.y() - 2)
    for kind, y, buttons in ((QEvent.MouseButtonPress, 0, Qt.LeftButton), (QEvent.MouseMove, by // 2, Qt.LeftButton),
                             (QEvent.MouseMove, by, Qt.LeftButton), (QEvent.MouseButtonRelease, by, Qt.NoButton)):
        where = QPointF(start + QPoint(0, y))
        QApplication.sendEvent(window, QMouseEvent(kind, where, QPointF(window.mapToGlobal(where.toPoint())),
                                                   Qt.LeftButton, buttons, Qt.NoModifier))
        qtbot.wait(30)


def test_the_height_the_editor_drags_it_to_comes_back(qtbot, seeds_copy, tmp_path):
    bad_files(seeds_copy, 3)
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    window.resize(1366, 768)
    dock = settled(qtbot, window)
    fitted = dock.height()
    drag_the_dock_edge(qtbot, window, -120)          # taller by 120 px
    qtbot.wait(300)                                  # (the window animates its docks)
    chosen = dock.height()
    assert chosen >= fitted + 100
    bad_files(seeds_copy, 5)                         # more problems: the chosen height stays
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.reload()
    settled(qtbot, window)
    assert dock.height() == chosen
    window.close()

    again = open_window(qtbot, seeds_copy, tmp_path / "config")
    again.resize(1366, 768)
    assert settled(qtbot, again).height() == chosen


def test_a_problem_that_no_program_can_open_says_so(qtbot, seeds_copy, tmp_path, monkeypatch):
    """Return on a problem with no editor on the system did nothing visible (only the log
    said "Unable to detect a launcher")."""
    bad_files(seeds_copy, 1)
    monkeypatch.setattr("newsdesk.ui.problems.QDesktopServices.openUrl", lambda url: False)
    window = open_window(qtbot, seeds_copy, tmp_path / "config")
    dock = settled(qtbot, window)
    dock.view.setFocus()
    dock.view.setCurrentIndex(dock.model.index(0))
    qtbot.keyClick(dock.view, Qt.Key_Return)
    assert window.statusBar().currentMessage() == "Could not open zz_broken_00.txt: no program to open it with"
