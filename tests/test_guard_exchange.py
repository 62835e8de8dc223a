"""The save's atomic swap (Linux's renameat2 RENAME_EXCHANGE, files/guard.py): the compiled
module's call and the ctypes one swap the same way and say the same errors."""
import errno
import os
import sys

import pytest

from newsdesk.core.files import guard
from newsdesk.core.indexing import compiled

LINUX = sys.platform.startswith("linux")


def _compiled_call():
    module = compiled.module()
    return getattr(module, "exchange", None)


def _ctypes_call(monkeypatch):
    monkeypatch.setenv("NEWSDESK_PURE_SCAN", "1")  # the compiled module turned off: ctypes
    call = guard._renameat2()
    monkeypatch.delenv("NEWSDESK_PURE_SCAN")
    return call


CALLS = ["ctypes", pytest.param("compiled", marks=pytest.mark.skipif(
    _compiled_call() is None, reason="the compiled module (_scan) is not built here"))]


@pytest.mark.skipif(not LINUX, reason="renameat2 is Linux's")
@pytest.mark.parametrize("which", CALLS)
def test_each_call_swaps_two_files_and_gives_the_errno(which, tmp_path, monkeypatch):
    call = _compiled_call() if which == "compiled" else _ctypes_call(monkeypatch)
    assert call is not None and (call is _compiled_call()) == (which == "compiled")
    a, b = tmp_path / "a.md", tmp_path / "b é.md"
    a.write_bytes(b"new")
    b.write_bytes(b"old")
    assert call(os.fsencode(a), os.fsencode(b)) == 0
    assert (a.read_bytes(), b.read_bytes()) == (b"old", b"new")
    assert call(os.fsencode(tmp_path / "missing"), os.fsencode(b)) == errno.ENOENT
    assert (a.read_bytes(), b.read_bytes()) == (b"old", b"new")


@pytest.mark.skipif(not LINUX, reason="renameat2 is Linux's")
def test_the_compiled_call_is_used_where_it_is_built_else_ctypes(monkeypatch):
    monkeypatch.delenv("NEWSDESK_PURE_SCAN", raising=False)
    built = _compiled_call()
    if built is not None:
        assert guard._renameat2() is built
    older_build = type(sys)("an older _scan, without exchange")
    monkeypatch.setattr(compiled, "module", lambda: older_build)
    call = guard._renameat2()
    assert call is not None and call is not built and "ctypes" in sys.modules


@pytest.mark.parametrize("err, swapped, kept", [(0, True, True), (errno.EINVAL, False, True),
                                                (errno.EOPNOTSUPP, False, True), (errno.ENOSYS, False, False)])
def test_what_each_answer_of_the_call_means(err, swapped, kept, monkeypatch):
    """0: swapped; the file system cannot (EINVAL, EOPNOTSUPP): replace instead, and ask
    again next time; no such call (ENOSYS): replace, and never ask again."""
    asked = []

    def call(a, b):
        asked.append((a, b))
        return err
    monkeypatch.setattr(guard, "_RENAMEAT2", call)
    assert guard._exchange("t", "n") is swapped
    assert asked == [(b"t", b"n")]
    assert (guard._RENAMEAT2 is call) == kept


def test_any_other_error_is_raised_naming_the_file(monkeypatch):
    monkeypatch.setattr(guard, "_RENAMEAT2", lambda a, b: errno.EACCES)
    with pytest.raises(OSError) as raised:
        guard._exchange("tmp", "article.md")
    assert raised.value.errno == errno.EACCES and raised.value.filename == "article.md"
