"""Reading articles: what is accepted, and the one-line problem for everything else."""
import time

import pytest

from newsdesk.core import Article, ArticleProblem, load_article

GOOD = b'---\ntitle: "A"\nquality: 4\n---\nbody\n'


def problem(raw: bytes, name="bad.md") -> ArticleProblem:
    with pytest.raises(ArticleProblem) as e:
        Article.from_bytes(raw, name)
    text = str(e.value)
    assert "\n" not in text and text.startswith(name), text
    assert "Traceback" not in text
    return e.value


def test_plain_article():
    a = Article.from_bytes(GOOD)
    assert a.data == {"title": "A", "quality": 4}
    assert a.source.body == "body\n"
    assert a.source.encode() == GOOD


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbf" + GOOD,                                         # BOM
    GOOD.replace(b"\n", b"\r\n"),                                   # CRLF
    b'---\ntitle: "A"\n---',                                        # closing line at EOF, no newline
    b'---\ntitle: "A"\n---\n',                                      # empty body
    b'---\ntitle: "A"\n---\n' + b"<p>x</p>\n" * 200_000,            # big HTML body
    b'---\ntitle: "' + b"x" * 4_000_000 + b'"\n---\n',              # a 4 MB line
    b'---\ntitle: "A"\n---\n---\nnot yaml: [\n',                    # later --- lines are body
])
def test_accepted_shapes_round_trip(raw):
    a = Article.from_bytes(raw)
    assert a.source.encode() == raw
    assert isinstance(a.data["title"], str)


@pytest.mark.parametrize("raw, words, line", [
    (b"title: A\n", "no front matter", 1),
    (b"", "no front matter", 1),
    (b"---\ntitle: A\n", "not terminated", 1),
    (b'---\ntitle: "A\n---\n', "invalid YAML", None),
    (b"---\ntitle: A\n\tquality: 3\n---\n", "tab", 3),
    (b"---\ntitle: A\ntitle: B\n---\n", "duplicate key 'title'", 3),
    (b"---\nprovider:\n  name: A\n  name: B\n---\n", "duplicate key 'name'", 4),
    (b"---\ntitle: \xff\xfe\n---\n", "not UTF-8", 2),
    (b"\x00\x01\x02binary", "binary", None),
    (b"---\n- a\n- b\n---\n", "not a list", 2),
    (b"---\njust text\n---\n", "not a single value", 2),
    (b"---\n---\n", "empty", 2),
    (b"---\na: &x 1\nb: *x\n---\n", "anchor", 2),
    (b"---\na: 1\n---\nb: 2\n", None, None),  # the second --- block is body
])
def test_problems_are_one_line(raw, words, line):
    if words is None:
        assert Article.from_bytes(raw).data == {"a": 1}
        return
    p = problem(raw)
    assert words in p.message
    if line is not None:
        assert p.line == line


def test_alias_bomb_is_refused_quickly():
    lines = ["---", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 12):
        prev = chr(ord("a") + n - 1)
        cur = chr(ord("a") + n)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    raw = ("\n".join(lines) + "\n---\n").encode()
    t = time.perf_counter()
    p = problem(raw)
    assert time.perf_counter() - t < 2
    assert "anchor" in p.message


def test_star_in_text_is_not_an_alias():
    a = Article.from_bytes(b'---\ntitle: "Use *bold* & more"\nexcerpt: "a &amp; b"\n---\n')
    assert a.data["title"] == "Use *bold* & more"


def test_load_article_names_file(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes(b"---\na: [\n---\n")
    with pytest.raises(ArticleProblem) as e:
        load_article(path)
    assert str(e.value).startswith(str(path))
    with pytest.raises(ArticleProblem, match="no longer exists"):
        load_article(tmp_path / "missing.md")
    with pytest.raises(ArticleProblem, match="folder"):
        load_article(tmp_path)


@pytest.mark.parametrize("text", [
    "a: 1\nb: 0x1f\nc: 1_000\nd: 1.5\ne: .inf\nf: ~\ng: yes\nh: 2023-10-17\ni: 2023-10-17T00:31:00Z\nj: '1'\n",
    "a: !!str 5\nb: !!int '7'\nc: !!float 1\n",
    "base: &b {x: 1}\n",   # anchors are refused before construction
    "a: [1, [2, {b: c}]]\nd: {e: null}\n",
    "? [complex, key]\n: v\n",
    "a: !!binary aGVsbG8=\nb: !!set {x, y}\n",
])
def test_values_equal_stock_pyyaml(text):
    import yaml

    from newsdesk.core.document import yamlparse
    from newsdesk.core.document.values import same
    stock = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        want = yaml.load(text, Loader=stock)
    except yaml.YAMLError:
        with pytest.raises(ArticleProblem):  # what PyYAML cannot load is a problem here too
            yamlparse.parse(text)
        return
    if "&" in text:
        with pytest.raises(ArticleProblem, match="anchor"):
            yamlparse.parse(text)
        return
    _, data = yamlparse.parse(text)
    assert same(data, want)
