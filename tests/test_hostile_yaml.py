"""YAML that is valid but unusual is edited with the untouched text kept, or refused with
a message saying what is not supported — never an "internal error"."""
import pytest

from newsdesk.core import Draft
from newsdesk.core.document.article import Article
from newsdesk.core.document.edits import Set
from newsdesk.core.problems import ArticleProblem

CASES = {
    "keep-chomp-at-end": b"---\ntitle: a\nexcerpt: |+\n  line\n\n---\nbody\n",
    "keep-chomp-folded": b"---\ntitle: a\nexcerpt: >+\n  line\n\n\n---\n",
    "strip-chomp-at-end": b"---\ntitle: a\nexcerpt: >-\n  line\n  more\n---\nbody\n",
    "document-end-marker": b"---\ntitle: a\n...\n---\nbody\n",
    "flow-mapping-front": b"---\n{title: a, topics: [x, y]}\n---\n",
    "merge-key": b"---\ntitle: a\nprovider:\n  <<: {name: x}\n  domain: y\n---\n",
}
EDITS = {
    "add a key": lambda d: d.apply(Set(("quality",), 5)),
    "change the title": lambda d: d.apply(Set(("title",), "b")),
    "change the provider": lambda d: d.apply(Set(("provider",), {"name": "z", "domain": "y"})),
}


@pytest.mark.parametrize("edit", list(EDITS))
@pytest.mark.parametrize("case", list(CASES))
def test_edit_keeps_the_text_or_says_what_is_unsupported(case, edit):
    raw = CASES[case]
    draft = Draft(Article.from_bytes(raw))
    EDITS[edit](draft)
    try:
        out = draft.render()
    except ArticleProblem as p:
        assert "internal error" not in p.message
        assert "not changed:" in p.message and ("'|+'" in p.message or "'<<'" in p.message or "flow" in p.message)
        return
    assert Article.from_bytes(out).data == draft.data
    old, new = raw.decode().splitlines(), out.decode().splitlines()
    kept = [line for line in old if line in new]
    changed = [line for line in old if line not in new]
    assert len(changed) <= 1 and len(kept) >= len(old) - 1  # only the edited line went
    assert out.endswith(raw[raw.rindex(b"---"):])  # the closing line and the body as they were


def test_what_is_refused_and_what_is_kept():
    keep = Draft(Article.from_bytes(CASES["keep-chomp-at-end"]))
    keep.apply(Set(("quality",), 5))
    with pytest.raises(ArticleProblem, match=r"line 3 is a block scalar that keeps its trailing blank lines"):
        keep.render()
    end = Draft(Article.from_bytes(CASES["document-end-marker"]))
    end.apply(Set(("quality",), 5))
    assert end.render() == b"---\ntitle: a\nquality: 5\n...\n---\nbody\n"
    flow = Draft(Article.from_bytes(CASES["flow-mapping-front"]))
    flow.apply(Set(("title",), "b"))
    with pytest.raises(ArticleProblem, match="flow mapping"):
        flow.render()


def test_a_patch_with_duplicate_keys_is_refused(tmp_path):
    import subprocess
    import sys
    article = tmp_path / "a.md"
    article.write_bytes(b"---\ntitle: a\nquality: 1\n---\n")
    patch = tmp_path / "p.yaml"
    patch.write_text("quality: 5\nquality: 7\n")
    out = subprocess.run([sys.executable, "-m", "newsdesk", "patch", str(article), "--patch", str(patch)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2 and "duplicate key 'quality'" in out.stderr and "Traceback" not in out.stderr
    assert article.read_bytes() == b"---\ntitle: a\nquality: 1\n---\n"
