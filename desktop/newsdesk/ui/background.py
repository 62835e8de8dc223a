"""Work on Qt's global thread pool, its result handed to a callback (usually a signal's
emit, which Qt queues to the receiver's thread)."""
from __future__ import annotations

from PySide6.QtCore import QRunnable, QThreadPool


class _Task(QRunnable):
    def __init__(self, fn, done, errors: tuple):
        super().__init__()
        self.fn, self.done, self.errors = fn, done, errors

    def run(self) -> None:
        try:
            result = self.fn()
        except self.errors as e:  # an expected failure is the result, for the receiver to show
            result = e
        try:
            self.done(result)
        except RuntimeError:  # the receiver went meanwhile (its window closed)
            pass


def run_in_pool(fn, done, errors: tuple = ()) -> None:
    """Run ``fn()`` on a pool thread, then ``done(result)`` there too; an exception of
    ``errors`` is passed to ``done`` as the result."""
    QThreadPool.globalInstance().start(_Task(fn, done, errors))
