"""Opening a folder in the window: the rows of a folder read at once go into the table in
its sort order, with no reordering after them; a folder opened again comes from the
snapshot of its rows and shows what changed on disk meanwhile."""
from PySide6.QtCore import QEvent, QSettings, Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from gui_helpers import shown_rels
from newsdesk.ui import settings as settings_mod
from newsdesk.ui.window import MainWindow

SEED = "000_6e2a0c9c78a5bcbb.txt"


def open_counting(qtbot, folder, config_dir):
    """The window on ``folder``, and what the table's model said while the folder was read."""
    QSettings.setPath(QSettings.IniFormat, QSettings.UserScope, str(config_dir))
    window = MainWindow(settings_mod.settings(), remember=False)
    qtbot.addWidget(window)
    window.show()
    said = []
    with qtbot.waitSignal(window.loaded, timeout=20000):
        window.open_path(folder)
        window.model.rowsInserted.connect(lambda *_: said.append(("inserted", shown_rels(window))))
        window.model.layoutChanged.connect(lambda *_: said.append(("layout", shown_rels(window))))
    assert QThreadPool.globalInstance().waitForDone(20000)  # the snapshot written after the rows
    return window, said


def newest_first(folder):
    from newsdesk.core.indexing.index import article_paths
    from newsdesk.core.indexing.pipeline import index_files
    rows = index_files(article_paths(folder), folder, None)
    return [r.path for r in sorted(rows, key=lambda r: r.timestamp, reverse=True)]


def test_the_rows_go_in_newest_first_with_no_reorder_after(qtbot, seeds_copy, tmp_path):
    window, said = open_counting(qtbot, seeds_copy, tmp_path / "config")
    wanted = newest_first(seeds_copy)
    assert wanted != sorted(wanted), "the seeds' files are not in date order: the test shows the sort"
    assert said == [("inserted", wanted)]
    assert shown_rels(window) == wanted


def test_opened_again_it_shows_a_file_changed_while_it_was_closed(qtbot, seeds_copy, tmp_path):
    window, _ = open_counting(qtbot, seeds_copy, tmp_path / "config")
    window.close()
    target = seeds_copy / SEED
    target.write_bytes(target.read_bytes().replace(b"title: \"", b"title: \"Changed: ", 1))
    (seeds_copy / "001_f48116ce7d4fff05.txt").unlink()
    window, said = open_counting(qtbot, seeds_copy, tmp_path / "config")
    assert shown_rels(window) == newest_first(seeds_copy) and len(said) == 1
    assert window.model.view.rows[window.model.row_of(SEED)].title.startswith("Changed: ")


def test_a_folder_let_go_after_a_sort_in_steps_leaves_no_row_behind(qtbot, seeds_copy, tmp_path, monkeypatch):
    """The sort in steps that ends a big folder's load kept the rows' list from before
    the sort in a cycle the collector reaches rarely: opening another folder left the
    whole first one in memory (+80 MB at 50k). The five seeds sort in steps of two."""
    import gc
    import sys

    from newsdesk.ui import table_model
    monkeypatch.setattr(table_model, "SORT_STEP", 2)
    gc.disable()  # as a cycle promoted to the oldest generation is: not collected for a long while
    try:
        window, _ = open_counting(qtbot, seeds_copy, tmp_path / "config")
        probe = window.model.view.rows[2]
        window.model.sort_order = Qt.AscendingOrder  # oldest first now: the rows move
        window.model.resort_in_steps()
        qtbot.waitUntil(lambda: window.model._sorting is None, timeout=5000)
        assert window.model.view.rows[-3] is probe
        other = tmp_path / "other"
        other.mkdir()
        (other / "one.md").write_bytes((seeds_copy / SEED).read_bytes())
        with qtbot.waitSignal(window.loaded, timeout=20000):
            window.open_path(other)
        qtbot.wait(50)
        QApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # the first folder's panel and views
        assert sys.getrefcount(probe) == 2, "only this test holds the first folder's row"
    finally:
        gc.enable()
