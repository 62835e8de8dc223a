"""Opening a folder in the window: the rows of a folder read at once go into the table in
its sort order, with no reordering after them; a folder opened again comes from the
snapshot of its rows and shows what changed on disk meanwhile."""
from PySide6.QtCore import QSettings, Qt, QThreadPool

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


def test_a_folder_let_go_after_a_sort_in_steps_leaves_no_row_behind(qtbot, seeds_copy, tmp_path):
    """The sort in steps that ends a big folder's load kept the rows' list from before
    the sort in a cycle the collector reaches rarely: opening another folder left the
    whole first one in memory (+80 MB at 50k). The five seeds sort in steps of two, and
    the table's model lets the folder go as the window does when it opens another."""
    import gc
    import sys

    from newsdesk.core.editorial.journal import Journal
    from newsdesk.core.library.library import Library
    from newsdesk.ui.columns import DATE
    from newsdesk.ui.session import Session
    from newsdesk.ui.table_model import ArticleTableModel

    library = Library(seeds_copy)
    session = Session(library, journal=Journal(seeds_copy, tmp_path / "journal"))
    model = ArticleTableModel(session)
    model.append(*library.read(library.paths()))
    model.sort_column, model.sort_order = DATE, Qt.AscendingOrder
    gc.disable()  # as a cycle promoted to the oldest generation is: not collected for a long while
    try:
        model.resort_in_steps(chunk=2)
        qtbot.waitUntil(lambda: model._sorting is None, timeout=5000)
        probe = model.view.rows[1]
        assert [r.timestamp for r in model.view.rows] == sorted(r.timestamp for r in model.view.rows)
        model.release()
        library.close()
        qtbot.wait(20)
        assert sys.getrefcount(probe) == 2, "only this test holds the folder's row (the probe, this call)"
    finally:
        gc.enable()
