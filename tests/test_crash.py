"""Killing the process at any moment of a save leaves each file old or new, never partial."""
import random
import signal
import subprocess
import sys
import time

import pytest

from newsdesk.core import load_article
from newsdesk.core.library.library import Library

SAVER = r"""
import sys
from newsdesk.core import Draft, load_article
from newsdesk.core.document.edits import Set
path = sys.argv[1]
print("ready", flush=True)
n = 0
while True:
    n += 1
    draft = Draft(load_article(path))
    draft.apply(Set(("quality",), n))
    draft.apply(Set(("related",), draft.data["related"][1:] + draft.data["related"][:1]))
    draft.save()
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_during_saves_leaves_old_or_new(seeds_copy):
    path = seeds_copy / "000_6e2a0c9c78a5bcbb.txt"
    original = load_article(path).data
    urls = sorted(r["webUrl"] for r in original["related"])
    rng = random.Random(1234)
    saves_seen = set()
    for _ in range(12):
        with subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE) as child:
            assert child.stdout.readline().strip() == b"ready"
            time.sleep(rng.uniform(0.0, 0.25))
            child.send_signal(signal.SIGKILL)
        article = load_article(path)  # parses: a whole file, old or new
        data = article.data
        assert sorted(r["webUrl"] for r in data["related"]) == urls
        assert {k: v for k, v in data.items() if k not in ("quality", "related")} == \
            {k: v for k, v in original.items() if k not in ("quality", "related")}
        saves_seen.add(data["quality"])
    assert len(saves_seen) > 3, "the child should have saved many times between kills"
    # left-over temporary files are hidden: the library sees only the articles
    library = Library(seeds_copy)
    library.load()
    assert sorted(r.path for r in library.rows) == sorted(p.name for p in seeds_copy.glob("[!.]*"))
    assert not library.problems
