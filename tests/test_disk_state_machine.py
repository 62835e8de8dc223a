"""Random sequences of editing, saving, changes by another program and reloads:
no edit of the editor is lost, and no change made on disk is lost either (unless the
editor chose, in a conflict, to keep their own value for that very field)."""
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from conftest import SEEDS
from newsdesk.core import Draft, load_article
from newsdesk.core.document.edits import Set
from newsdesk.core.library.library import Library

REL = "003_60f60ea208535f03.txt"
KEYS = ("quality", "heat", "published")
# few values, so that both sides often pick the same one, or the one first loaded
VALUE = {"quality": st.integers(20, 23), "heat": st.integers(-1, 1), "published": st.booleans()}


class EditorAndPipeline(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="newsdesk-sm-"))
        shutil.copy(SEEDS / REL, self.folder / REL)
        self.path = self.folder / REL
        self.library = Library(self.folder)
        self.library.load()
        data = load_article(self.path).data
        self.disk = {k: data[k] for k in KEYS}     # what is on disk now
        self.mine = {}                             # the editor's unsaved values
        self.mtime = os.stat(self.path).st_mtime_ns

    def teardown(self):
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(key=st.sampled_from(KEYS), data=st.data())
    def edit(self, key, data):
        value = data.draw(VALUE[key])
        self.library.set_data(REL, self.library.preview(REL, Set((key,), value)))
        loaded = self.library.draft(REL).article.data
        if value == loaded[key]:
            self.mine.pop(key, None)  # back to the value it was read with: no change to merge
        else:
            self.mine[key] = value

    @rule(key=st.sampled_from(KEYS), data=st.data())
    def pipeline_writes(self, key, data):
        value = data.draw(VALUE[key])
        other = Draft(load_article(self.path))
        other.apply(Set((key,), value))
        other.save()
        self.mtime += 1_000_000_000  # a later time stamp, whatever the clock's grain
        os.utime(self.path, ns=(self.mtime, self.mtime))
        self.disk[key] = value

    @rule()
    def reload(self):
        base = self.library.draft(REL).article.data  # what the unsaved edits were made on
        self.library.refresh()
        # The draft is merged onto the changed file (three-way) unless that conflicts (both
        # sides changed a field, differently: saving then asks). Once merged, a change on
        # disk that gave a field the editor's own value has fulfilled that edit: it is no
        # longer the editor's to save, and a later change on disk to it is a newer one.
        conflict = any(self.disk[k] != base[k] and self.disk[k] != v for k, v in self.mine.items())
        if not conflict:
            self.mine = {k: v for k, v in self.mine.items() if v != self.disk[k]}

    @rule()
    def save(self):
        both = {k for k in self.mine if self.mine[k] != self.disk[k]}
        asked = []
        if self.library.is_dirty(REL):
            self.library.save(REL, choose=lambda c: asked.append(c.where[0]) or "mine")
            self.mtime = os.stat(self.path).st_mtime_ns
        assert set(asked) <= both, "asked about a field only one side changed"
        self.disk.update(self.mine)
        self.mine = {}
        on_disk = load_article(self.path).data
        assert {k: on_disk[k] for k in KEYS} == self.disk

    @invariant()
    def no_edit_lost(self):
        data = self.library.draft(REL).data
        for key, value in self.mine.items():
            assert data[key] == value

    @invariant()
    def clean_article_shows_the_disk(self):
        if not self.library.is_dirty(REL) and not self.mine and self.library.scan().rows == []:
            data = self.library.draft(REL).data
            assert {k: data[k] for k in KEYS} == self.disk


EditorAndPipeline.TestCase.settings = settings(max_examples=150, stateful_step_count=20, deadline=None)
test_editor_and_pipeline = EditorAndPipeline.TestCase
