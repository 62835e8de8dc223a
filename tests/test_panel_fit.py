"""The Curate tab fits its window: at 1366x768 the editors are whole and an excerpt as long
as the sites' pipeline writes shows whole under them; a longer one scrolls alone, the
editors staying where they are; narrower, the article pane takes the lines the excerpt
needs there (up to its share) and nothing is cut at the sides. Relations, not pixels:
the offscreen fonts are not a desktop's."""
import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QApplication, QLabel

from gui_helpers import select_title
from newsdesk.core.document.edits import Set
from panel_helpers import data_of, panel_window

# 350 characters of an excerpt, as the sites' pipeline writes them (at most ~350)
EXCERPT = ("Microsoft is rolling out a preview of new data center capacity for AI workloads across "
           "three regions, with Azure customers able to reserve clusters of accelerators for training "
           "and inference, and to move existing virtual machines without downtime; pricing follows "
           "the pay-as-you-go model and reserved instances come at a discount for one or three years.")


@pytest.fixture
def window(qtbot, monkeypatch, seeds_copy, tmp_path):
    return panel_window(qtbot, monkeypatch, seeds_copy, tmp_path / "config")


def settle(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: window.detail.splitter.sized and window.size().toTuple() == size, timeout=5000)
    qtbot.wait(50)
    QApplication.processEvents()


def show_excerpt(window, qtbot, text):
    rel = select_title(window, qtbot, "Hybrid")
    window.session.edit("excerpt", [rel], Set(("excerpt",), text))
    QApplication.processEvents()
    assert window.detail.excerpt.text() == text
    return rel


def whole(widget) -> bool:
    """Drawn whole: not squeezed below what it asks for (or the fixed height it was given),
    nothing of it cut by a parent."""
    asks = min(widget.minimumSizeHint().height(), widget.maximumHeight())
    return widget.height() >= asks and widget.visibleRegion().boundingRect() == widget.rect()


def excerpt_fits(detail) -> bool:
    area = detail.excerpt_scroll
    return (detail.excerpt.heightForWidth(area.viewport().width()) <= area.viewport().height()
            and not area.verticalScrollBar().isVisible())


def test_at_1366x768_the_editors_are_whole_and_a_350_character_excerpt_shows_whole(window, qtbot):
    settle(qtbot, window, (1366, 768))
    show_excerpt(window, qtbot, EXCERPT)
    detail = window.detail
    assert excerpt_fits(detail)
    for editor in (detail.published, detail.quality, detail.topic_list, detail.topic_input):
        assert whole(editor), editor.objectName()
    assert detail.curation.height() >= detail.curation.sizeHint().height()
    assert detail.topics_box.height() >= detail.topics_box.sizeHint().height()


def test_a_longer_excerpt_scrolls_alone_and_the_editors_stay_whole_and_in_place(window, qtbot):
    settle(qtbot, window, (1366, 768))
    show_excerpt(window, qtbot, EXCERPT)
    detail = window.detail
    places = [w.mapTo(window, QPoint(0, 0)) for w in (detail.quality, detail.topic_input, detail.related_view)]
    show_excerpt(window, qtbot, " ".join([EXCERPT] * 4))
    assert detail.excerpt_scroll.verticalScrollBar().isVisible()        # the excerpt scrolls...
    assert [w.mapTo(window, QPoint(0, 0)) for w in (detail.quality, detail.topic_input,
                                                    detail.related_view)] == places
    detail.excerpt_scroll.verticalScrollBar().setValue(detail.excerpt_scroll.verticalScrollBar().maximum())
    QApplication.processEvents()
    assert whole(detail.quality) and whole(detail.topic_input)       # ...the editors do not


def test_narrower_the_article_pane_takes_more_lines_and_nothing_is_cut_at_the_sides(window, qtbot):
    settle(qtbot, window, (1366, 768))
    show_excerpt(window, qtbot, EXCERPT)
    detail = window.detail
    wide = detail.splitter.sizes()[0]
    settle(qtbot, window, (1024, 700))
    article, related, _suggestions = detail.splitter.sizes()
    assert article > wide                                  # the excerpt wraps to more lines here
    assert article <= 0.45 * sum(detail.splitter.sizes()) + 1 and related > article
    assert excerpt_fits(detail) or article >= int(0.45 * sum(detail.splitter.sizes()))
    tab = detail.splitter
    shown = [w for kind in (QAbstractButton, QLabel, QAbstractSpinBox) for w in tab.findChildren(kind)]
    assert len(shown) > 10
    for widget in shown:
        if widget.isVisibleTo(tab) and widget is not detail.excerpt and not isinstance(widget.parent(), QLabel):
            assert widget.width() >= widget.minimumSizeHint().width(), (widget.objectName(), widget.text()
                                                                        if hasattr(widget, "text") else "")
    assert not window.detail_scroll.horizontalScrollBar().maximum()


def test_fitted_sizes_are_not_remembered_so_the_next_start_fits_its_own_window(window, qtbot):
    settle(qtbot, window, (1366, 768))
    window.close()
    assert window.settings.value("panel/splitter") is None


def test_blank_lines_around_an_excerpt_are_not_shown_to_scroll(window, qtbot):
    """A real article's excerpt ends "...flexibility and granularity.\\n\\n": its four lines
    scrolled in a five-line pane, the two blank ones past the end."""
    settle(qtbot, window, (1366, 768))
    rel = select_title(window, qtbot, "Hybrid")
    window.session.edit("excerpt", [rel], Set(("excerpt",), "\n" + EXCERPT + "\n\n\n\n\n\n"))
    QApplication.processEvents()
    assert window.detail.excerpt.text() == EXCERPT and excerpt_fits(window.detail)
    assert data_of(window, rel)["excerpt"].endswith("\n\n\n")           # the article's value is left alone
