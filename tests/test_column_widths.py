"""The table's default columns are as wide as what they hold in the font in use, and the
Title takes the rest: at a 1366x768 screen's window the Date showed "20\u2026" while
Published and Review took 76 px for a check box and "New". Once the editor resizes, their
widths are kept (test_window's layout tests)."""
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QStyle

from gui_helpers import select_title
from newsdesk.ui import settings as settings_mod
from newsdesk.ui.columns import DATE, PUBLISHED, QUALITY, REVIEW, TABLE, TITLE, TITLE_MIN, measured_widths
from newsdesk.ui.window import MainWindow


def open_at(qtbot, folder, config_dir, width, height):
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(config_dir))
    window = MainWindow(settings_mod.settings())
    qtbot.addWidget(window)
    window.resize(width, height)
    window.splitter.setSizes([int(width * 0.6), int(width * 0.4)])  # as a new window's
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(folder)
    return window


def reads_whole(view, text: str, width: int) -> bool:
    margin = view.style().pixelMetric(QStyle.PM_FocusFrameHMargin, None, view) + 1
    return view.fontMetrics().elidedText(text, Qt.ElideRight, width - 2 * margin) == text


@pytest.mark.parametrize("size", [(1354, 728), (1012, 660)])
def test_the_narrow_columns_hold_their_header_and_their_text_whole(qtbot, seeds_copy, tmp_path, size):
    window = open_at(qtbot, seeds_copy, tmp_path / "config", *size)
    table, header = window.table, window.table.horizontalHeader()
    header_metrics = header.fontMetrics()
    for col in (PUBLISHED, REVIEW, QUALITY, DATE):
        assert header_metrics.horizontalAdvance(TABLE[col].title) < header.sectionSize(col), TABLE[col].title
        for row in range(window.proxy.rowCount()):
            text = window.proxy.index(row, col).data() or ""
            assert reads_whole(table, text, header.sectionSize(col)), (TABLE[col].title, text)
    for sample in ("Reviewed", "Flagged"):
        assert reads_whole(table, sample, header.sectionSize(REVIEW))
    # no wider than they need: a check box and "Reviewed" took 76 px each at any font
    assert header.sectionSize(PUBLISHED) <= header_metrics.horizontalAdvance("Published") + 24
    assert header.sectionSize(REVIEW) <= max(header_metrics.horizontalAdvance("Review"),
                                             table.fontMetrics().horizontalAdvance("Reviewed")) + 24


def test_at_1366_the_title_takes_the_room_and_the_date_is_in_view(qtbot, seeds_copy, tmp_path):
    window = open_at(qtbot, seeds_copy, tmp_path / "config", 1354, 728)
    table, header = window.table, window.table.horizontalHeader()
    date_end = header.sectionViewportPosition(DATE) + header.sectionSize(DATE)
    assert date_end <= table.viewport().width()                    # the whole date, no scrolling
    assert table.viewport().width() - date_end < 24                 # and the room left went to Title
    assert header.sectionSize(TITLE) > max(header.sectionSize(c) for c in range(len(TABLE)) if c != TITLE)


def test_at_1024_the_view_ends_on_a_whole_column(qtbot, seeds_copy, tmp_path):
    """Where Title, Provider and Date cannot all fit, Date starts past the edge (scrolled to,
    whole) instead of showing "202"; Title keeps at least its least width."""
    window = open_at(qtbot, seeds_copy, tmp_path / "config", 1012, 660)
    table, header = window.table, window.table.horizontalHeader()
    edge = table.viewport().width()
    ends = [header.sectionViewportPosition(c) + header.sectionSize(c) for c in range(TITLE, DATE + 1)]
    assert ends[-1] > edge                                   # not everything fits here
    assert any(0 <= edge - end < 24 for end in ends), (ends, edge)  # the view ends on a column's end
    assert header.sectionSize(TITLE) >= TITLE_MIN


def test_a_smaller_font_makes_smaller_defaults(qtbot, seeds_copy, tmp_path):
    """Measured, not fixed: the same columns in a font half the size are narrower."""
    window = open_at(qtbot, seeds_copy, tmp_path / "config", 1354, 728)
    normal = measured_widths(window.table)
    font = window.table.font()
    font.setPointSizeF(font.pointSizeF() / 2)
    window.table.setFont(font)
    window.table.horizontalHeader().setFont(font)
    small = measured_widths(window.table)
    assert all(small[c] < normal[c] for c in (REVIEW, DATE))


def test_at_1024_the_related_providers_read_whole(qtbot, seeds_copy, tmp_path):
    """The related table's Provider column read "Micros\u2026" in a 1024 px window; a name no
    longer than "Microsoft" now reads whole, and Title is still the widest column."""
    window = open_at(qtbot, seeds_copy, tmp_path / "config", 1012, 660)
    select_title(window, qtbot, "Hybrid")
    view = window.detail.related_view
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    header = view.horizontalHeader()
    longest = view.fontMetrics().horizontalAdvance("Microsoft")
    names = [view.model().index(row, 1).data() for row in range(view.model().rowCount())]
    assert names
    for name in [*names, "Microsoft"]:
        if view.fontMetrics().horizontalAdvance(name) <= longest:
            assert reads_whole(view, name, header.sectionSize(1)), name
    assert header.sectionSize(0) >= max(header.sectionSize(c) for c in (1, 2, 3))
