"""The review desk in the window: New / Reviewed / Flagged, triage by keyboard, kept across restarts."""

import shutil

import pytest
from PySide6.QtCore import Qt

from gui_helpers import activate, open_window
from newsdesk.ui.table_model import PATH_ROLE, REVIEW

SEEDS_COUNT = 5


@pytest.fixture
def site(tmp_path, seeds_copy):
    """20 new articles (the seeds, four times over, each a file of its own)."""
    folder = tmp_path / "site"
    folder.mkdir()
    for copy in range(4):
        for seed in sorted(seeds_copy.iterdir()):
            text = seed.read_text().replace('title: "', f'title: "Copy {copy}: ', 1)
            (folder / f"{copy}_{seed.name}").write_text(text)
    return folder


def shown_rels(window):
    return [window.proxy.index(r, 0).data(PATH_ROLE) for r in range(window.proxy.rowCount())]


def wait_states(window, qtbot):
    qtbot.waitUntil(lambda: len(window.review.states) == len(window.session.library.rows), timeout=10000)


def test_a_keyboard_pass_over_20_new_articles_leaves_none_new(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config", auto_advance=True)
    wait_states(window, qtbot)
    assert window.review.new_count() == 20
    qtbot.waitUntil(lambda: "20 new \u00b7 0 reviewed today" in window.counts.text(), timeout=3000)
    before = {p.name: p.read_bytes() for p in site.iterdir()}
    order = shown_rels(window)
    assert window.current.rel == order[0]
    keys = [Qt.Key_P, Qt.Key_U, Qt.Key_Return, Qt.Key_P] * 5
    for key in keys:
        qtbot.keyClick(window.table, key)
    assert window.review.new_count() == 0
    assert {window.review.review_of(rel) for rel in order} == {"reviewed"}
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    for rel, key in zip(order, keys, strict=True):
        after = (site / rel).read_bytes()
        if key == Qt.Key_P:
            assert after == before[rel].replace(b"published: false", b"published: true"), rel
        else:  # U on an unpublished article and Enter change nothing in the file
            assert after == before[rel], rel
    qtbot.waitUntil(lambda: "10 unpublished \u00b7 0 unsaved \u00b7 0 new \u00b7 20 reviewed today"
                    in window.counts.text(), timeout=3000)
    # the states are kept beside the site, not in it, and come back with the window
    assert all(b"review" not in (site / rel).read_bytes() for rel in order)
    window.close()
    again = open_window(qtbot, site, tmp_path / "config2")
    wait_states(again, qtbot)
    assert again.review.new_count() == 0
    assert {again.proxy.index(r, REVIEW).data() for r in range(again.proxy.rowCount())} == {"Reviewed"}


def test_flag_next_new_and_the_review_search(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    order = shown_rels(window)
    qtbot.keyClick(window.table, Qt.Key_F)
    assert window.review.review_of(order[0]) == "flagged"
    assert window.proxy.index(0, REVIEW).data() == "\u2691 Flagged"
    qtbot.keyClick(window.table, Qt.Key_N)
    assert window.current.rel == order[1]
    qtbot.keyClick(window.table, Qt.Key_Return)
    qtbot.keyClick(window.table, Qt.Key_N, Qt.ShiftModifier)  # back past the reviewed: wraps to the last
    assert window.current.rel == order[-1]
    window.filter.setText("review:new")
    window.search.apply()
    assert len(shown_rels(window)) == 18
    window.filter.setText("review:flagged")
    window.search.apply()
    assert shown_rels(window) == [order[0]]
    window.filter.setText("")
    window.search.apply()
    activate(window, qtbot)
    window.table.setFocus()
    window.current.select(order[0])
    qtbot.keyClick(window.table, Qt.Key_Plus)  # an edit of a flagged article keeps the flag
    assert window.review.review_of(order[0]) == "flagged"
    qtbot.keyClick(window.table, Qt.Key_Return)  # the second look: reviewed
    assert window.review.review_of(order[0]) == "reviewed"
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    assert not window.session.library.dirty()


def test_someone_elses_new_title_makes_it_new_again_a_related_rewrite_does_not(site, tmp_path, qtbot):
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    a, b = shown_rels(window)[:2]
    window.current.select(a)
    qtbot.keyClick(window.table, Qt.Key_Return)
    window.current.select(b)
    qtbot.keyClick(window.table, Qt.Key_Return)
    assert window.review.review_of(a) == window.review.review_of(b) == "reviewed"
    text_a = (site / a).read_text()
    (site / a).write_text(text_a.replace('title: "', 'title: "Rewritten: ', 1))
    text_b = (site / b).read_text()
    (site / b).write_text(text_b.replace("\nrelated:\n", "\nrelated:\n  - title: \"New link\"\n"
                                         "    webUrl: \"https://example.org/new\"\n", 1))
    window.disk.check_open()
    window.session.library  # noqa: B018 - the rescan runs on a pool thread
    qtbot.waitUntil(lambda: window.review.review_of(a) == "new", timeout=15000)
    assert window.review.review_of(b) == "reviewed"


def test_the_session_comes_back_after_a_restart(site, tmp_path, qtbot):
    config = tmp_path / "config"
    window = open_window(qtbot, site, config)
    window.filter.setText('"Copy 2:"')
    window.search.apply()
    window.set_state(1)
    shown = shown_rels(window)
    assert len(shown) == 5
    window.current.select(shown[3])
    window.detail.tabs.setCurrentIndex(1)
    window.close()
    again = open_window(qtbot, site, config)
    qtbot.waitUntil(lambda: again.current.rel == shown[3], timeout=10000)
    assert again.filter.text() == '"Copy 2:"' and again.state_actions[1].isChecked()
    assert shown_rels(again) == shown and again.detail.tabs.currentIndex() == 1
    assert again.table.selectionModel().isRowSelected(again.table.currentIndex().row())
    again.close()
    other = tmp_path / "other"
    shutil.copytree(site, other)
    third = open_window(qtbot, other, config)  # another folder: nothing of that session
    assert third.filter.text() == "" and third.current.rel == shown_rels(third)[0]


def test_a_second_window_on_the_folder_is_warned_and_keeps_its_own_journal(site, tmp_path, qtbot):
    first = open_window(qtbot, site, tmp_path / "config")
    second = open_window(qtbot, site, tmp_path / "config2")
    assert not first.folder_session.shared and second.folder_session.shared
    assert "open in another Newsdesk window" in second.statusBar().currentMessage()
    assert "also open in another window" in second.windowTitle() and "another" not in first.windowTitle()
    assert first.session.journal.path != second.session.journal.path
    second.close()
    first.close()
    third = open_window(qtbot, site, tmp_path / "config3")  # both gone: this one is alone
    assert not third.folder_session.shared
