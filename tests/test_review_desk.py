"""The review desk in the window: New / Reviewed / Flagged, triage by keyboard, kept across restarts."""

import shutil

import pytest
from PySide6.QtCore import Qt

from gui_helpers import activate, open_window, seeds_four_times, shown_rels, wait_states
from newsdesk.ui.table_model import REVIEW

SEEDS_COUNT = 5


@pytest.fixture
def site(tmp_path, seeds_copy):
    """20 new articles (the seeds, four times over, each a file of its own)."""
    return seeds_four_times(tmp_path, seeds_copy)


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
    assert window.statusBar().currentMessage() == "Wrapped around to the last new article"
    qtbot.keyClick(window.table, Qt.Key_N)  # forward from the last: wraps to the first new one
    assert window.current.rel == order[2]  # (0 is flagged, 1 reviewed)
    assert window.statusBar().currentMessage() == "Wrapped around to the first new article"
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


def test_a_topic_renamed_across_the_library_marks_no_article_reviewed(site, tmp_path, qtbot, monkeypatch):
    """The tester renamed "Containers" in Tools > Manage Topics: five articles went Reviewed
    that no editor had looked at, and "reviewed today" went up by five."""
    from newsdesk.ui.topics import TopicManager
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    manager = TopicManager(window.session, window)
    qtbot.addWidget(manager)
    rows = {manager.table.item(r, 0).text(): r for r in range(manager.table.rowCount())}
    qtbot.mouseClick(manager.table.viewport(), Qt.LeftButton,
                     pos=manager.table.visualItemRect(manager.table.item(rows["AI"], 0)).center())
    monkeypatch.setattr(manager, "_ask_name", lambda *a: "Machine learning")
    qtbot.mouseClick(manager.rename_button, Qt.LeftButton)
    renamed = window.session.library.dirty()
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)
    assert len(renamed) == 20  # every copy of the seeds has the topic
    assert all(b"  - Machine learning\n" in (site / rel).read_bytes() for rel in renamed)
    assert window.review.new_count() == 20 and window.review.reviewed_today() == 0
    assert {window.review.review_of(rel) for rel in renamed} == {"new"}


def test_undoing_an_edit_puts_back_the_review_state_it_set(site, tmp_path, qtbot):
    """Quality set to 1000 in the panel made the article Reviewed; Ctrl+Z took the 1000
    back but left it Reviewed. (1000 is out of range now: 900.)"""
    window = open_window(qtbot, site, tmp_path / "config")
    wait_states(window, qtbot)
    order = shown_rels(window)
    first, second = order[0], order[1]
    qtbot.keyClick(window.table, Qt.Key_F)   # a flag survives the edit and its undo
    quality = window.detail.quality
    quality.setFocus()
    quality.selectAll()
    qtbot.keyClicks(quality, "900")
    qtbot.keyClick(quality, Qt.Key_Return)
    assert window.session.library.draft(first).data["quality"] == 900
    assert window.review.review_of(first) == "flagged"
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.review.review_of(first) == "flagged"
    window.current.select(second)
    quality.setFocus()
    quality.selectAll()
    qtbot.keyClicks(quality, "900")
    qtbot.keyClick(quality, Qt.Key_Return)
    assert window.review.review_of(second) == "reviewed" and window.review.reviewed_today() == 1
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert "quality" not in window.session.library.draft(second).changes()
    assert window.review.review_of(second) == "new"
    assert window.review.reviewed_today() == 0 and window.review.new_count() == 19
    qtbot.waitUntil(lambda: "19 new \u00b7 0 reviewed today" in window.counts.text(), timeout=3000)
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier | Qt.ShiftModifier)  # redo: reviewed again
    assert window.review.review_of(second) == "reviewed" and window.review.reviewed_today() == 1
    # an article reviewed before the edit stays reviewed when the edit is undone
    qtbot.keyClick(window.table, Qt.Key_Return)
    window.current.select(order[2])
    qtbot.keyClick(window.table, Qt.Key_Return)   # mark reviewed, then edit it
    quality.setFocus()
    quality.selectAll()
    qtbot.keyClicks(quality, "7")
    qtbot.keyClick(quality, Qt.Key_Return)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key_Z, Qt.ControlModifier)
    assert window.review.review_of(order[2]) == "reviewed"
    before = {rel: (site / rel).read_bytes() for rel in order[:3]}
    qtbot.keyClick(window.table, Qt.Key_S, Qt.ControlModifier)   # only the redone edit is written
    assert (site / first).read_bytes() == before[first] and (site / order[2]).read_bytes() == before[order[2]]
    assert b"\nquality: 900\n" in (site / second).read_bytes()
