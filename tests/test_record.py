"""Edits, an article's source and a file's identity are values (core/record.py): one edit
given to ten thousand articles cannot be changed by any of them, and equal ones compare
equal (the undo stack, the window's pending edits), as frozen dataclasses did."""
import copy
import pickle

import pytest

from newsdesk.core.document.edits import Insert, Patch, Set
from newsdesk.core.document.source import split


def test_an_edit_is_a_value_compared_by_its_fields_and_never_changed():
    edit = Set(("published",), True)
    assert edit == Set(path=("published",), value=True) and hash(edit) == hash(Set(("published",), True))
    assert edit != Set(("published",), False) and edit != Insert(("published",), 0, True)
    assert repr(edit) == "Set(path=('published',), value=True)"
    with pytest.raises(AttributeError):
        edit.value = False
    assert edit.value is True
    for made in (copy.deepcopy(edit), pickle.loads(pickle.dumps(edit))):
        assert made == edit and made is not edit
    with pytest.raises(TypeError):
        Set(("published",))  # a value missing
    with pytest.raises(TypeError):
        Patch({"a": 1}, path=("a",))  # a field it does not have


def test_a_source_with_another_front_keeps_the_rest():
    src = split(b"\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nBody\r\n")
    other = src.with_front("title: b\r\n")
    assert other.text() == "\ufeff---\r\ntitle: b\r\n---\r\nBody\r\n" and src.front == "title: a\r\n"
    assert other == src.with_front("title: b\r\n") and other != src
