"""Parsing front matter with libyaml: the node tree (with positions) and the data.

Refused as problems, never raised as tracebacks: invalid YAML, tabs used for
indentation, several documents, a non-mapping, duplicate keys, and anchors or
aliases (an alias bomb is stopped before anything is expanded).

PyYAML is imported when first needed (~10 ms, a third of a ``newsdesk patch``
process): ``proven`` reads the common text without it, by the check's quick proof.
"""
from __future__ import annotations

import re

from newsdesk.core.problems import ArticleProblem

TYPE_CHECKING = False
if TYPE_CHECKING:
    import yaml

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_loader_class = None
MappingNode = Node = ScalarNode = SequenceNode = None  # yaml.nodes' classes, bound by _loader()


def _loader() -> type:
    """``Loader``: libyaml's parser with the safe constructor; plain scalars' tags are
    memoised (the same few thousand values recur: "article", "true", "1080"...). Called
    before anything here uses PyYAML: it imports it, and binds the node classes."""
    global _loader_class, MappingNode, Node, ScalarNode, SequenceNode
    if _loader_class is None:
        import yaml
        from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

        class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            _tags: dict[str, str] = {}

            def resolve(self, kind, value, implicit):
                if kind is ScalarNode:
                    if not implicit[0]:
                        return _STR  # quoted: always a string
                    tag = self._tags.get(value)
                    if tag is None:
                        tag = super().resolve(kind, value, implicit)
                        if len(self._tags) < 100_000:
                            self._tags[value] = tag
                    return tag
                return super().resolve(kind, value, implicit)
        _loader_class = Loader
    return _loader_class


# "&" or "*" at the start of the text or after white space or [ { , : -, then a name.
# (Written with the character first: the engine then skips to each & or * instead of
# trying the alternatives at every position, 4x faster on a 20 KB front.)
MAYBE_ANCHOR = re.compile(r"[&*](?<![^\s\[{,:-][&*])[^\s,\]}]")
_TAB_INDENT = r"(?m)^[ ]*\t"  # (compiled when first used, by re's cache: for a message only)


def proven(text: str) -> dict | None:
    """The data of a YAML text that is a block mapping, as ``parse`` gives it, read without
    PyYAML by the check's quick proof (core/indexing/quickcheck.py: the compiled one where
    it is built, else its Python twin); None when the proof is unsure (then parse it). The
    text is given to the proof as a file's front matter, so it must hold no line that
    the delimiters would take for theirs ('---', '...')."""
    if text.startswith(("---", "...")) or "\n---" in text or "\n..." in text:
        return None
    from newsdesk.core.indexing import quickcheck
    try:
        raw = ("---\n" + text + ("" if text.endswith("\n") else "\n") + "---\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: no character
        return None
    try:
        return quickcheck.data(raw)
    except Exception:  # noqa: BLE001 - the proof is only a shortcut: a surprise in it leaves the text to PyYAML
        return None


def syntax_ok(text: str) -> bool:
    """True if libyaml's parser accepts the whole text (no Python objects are built)."""
    try:
        import yaml
        from yaml._yaml import CParser
    except ImportError:  # PyYAML without libyaml: say "unsure"
        return False
    parser = CParser(text)
    try:
        parser.raw_parse()
        return True
    except yaml.YAMLError:
        return False
    finally:
        parser.dispose()


def _line_of(error, first_line: int) -> int | None:
    mark = error.problem_mark or error.context_mark
    return None if mark is None else mark.line + first_line


def _yaml_problem(e: yaml.YAMLError, front: str, first_line: int) -> ArticleProblem:
    import yaml
    if isinstance(e, yaml.MarkedYAMLError):
        line = _line_of(e, first_line)
        if line is not None:  # an error at the end of the text belongs to its last line
            line = min(line, first_line + max(0, front.count("\n") - 1))
        what = " ".join(p for p in (e.context, e.problem) if p)
        tab = re.search(_TAB_INDENT, front)
        if tab and ("\t" in str(e) or "cannot start any token" in what):
            line = front.count("\n", 0, tab.start()) + first_line
            what = "a tab is used for indentation (YAML allows only spaces)"
        return ArticleProblem(f"invalid YAML: {what}", line=line)
    if isinstance(e, yaml.reader.ReaderError):
        line = front.count("\n", 0, e.position) + first_line
        return ArticleProblem(f"invalid YAML: character 0x{e.character:x} is not allowed", line=line)
    return ArticleProblem(f"invalid YAML: {e}")


def _refuse_anchors(front: str, first_line: int) -> None:
    """Anchors and aliases are refused; the cheap regex usually rules them out."""
    from newsdesk.core.indexing import suspect
    if not suspect.anchor_like(front):  # a superset of MAYBE_ANCHOR's finds, ~50x faster
        return
    import yaml
    for event in yaml.parse(front, Loader=_loader()):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            kind = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            raise ArticleProblem(
                f"YAML {kind}s are not supported in articles ('{event.anchor}')",
                line=event.start_mark.line + first_line,
            )


class _Unusual(Exception):
    """A tag the quick constructor leaves to PyYAML's (merge keys, sets, binary...)."""


def _construct(node: Node, loader, first_line: int) -> object:
    """Plain data of a node tree, refusing duplicate keys; strings (most scalars) are
    taken as they are and other scalars go through PyYAML's own constructors."""
    if isinstance(node, ScalarNode):
        if node.tag == _STR:
            return node.value
        if node.tag in loader.yaml_constructors and node.tag.startswith("tag:yaml.org,2002:") \
                and node.tag not in ("tag:yaml.org,2002:binary", "tag:yaml.org,2002:value"):
            return loader.yaml_constructors[node.tag](loader, node)
        raise _Unusual()
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            raise _Unusual()
        return [_construct(item, loader, first_line) for item in node.value]
    if not isinstance(node, MappingNode) or node.tag != _MAP:
        raise _Unusual()
    out: dict = {}
    for k, v in node.value:
        if not isinstance(k, ScalarNode) or k.tag == "tag:yaml.org,2002:merge":
            raise _Unusual()
        key = _construct(k, loader, first_line)
        if key in out:
            raise ArticleProblem(f"duplicate key '{k.value}'", line=k.start_mark.line + first_line)
        out[key] = _construct(v, loader, first_line)
    return out


def _refuse_duplicates(node: Node, first_line: int) -> None:
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, MappingNode):
            seen = set()
            for k, v in n.value:
                ident = (k.tag, k.value) if isinstance(k, ScalarNode) else id(k)
                if ident in seen:
                    raise ArticleProblem(
                        f"duplicate key '{k.value}'", line=k.start_mark.line + first_line
                    )
                seen.add(ident)
                stack.append(v)
        elif isinstance(n, SequenceNode):
            stack.extend(n.value)


def parse(front: str, first_line: int = 2) -> tuple[MappingNode, dict]:
    """The mapping node and its data. ``first_line`` is the file line of front[0]."""
    import yaml

    from newsdesk.core.indexing import suspect
    try:
        _refuse_anchors(front, first_line)
        loader = _loader()(front)
        try:
            node = loader.get_single_node()
            if node is None:
                raise ArticleProblem("the front matter is empty", line=first_line)
            if not isinstance(node, MappingNode):
                kind = "a list" if isinstance(node, SequenceNode) else "a single value"
                raise ArticleProblem(
                    f"the front matter must be a mapping of keys to values, not {kind}",
                    line=first_line,
                )
            try:
                data = _construct(node, loader, first_line)
            except _Unusual:
                _refuse_duplicates(node, first_line)
                data = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        raise _yaml_problem(e, front, first_line) from None
    except RecursionError:
        raise ArticleProblem("the front matter is nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as e:  # constructor failures (bad dates...)
        raise ArticleProblem(_value_error(e)) from None
    if ("\\u" in front or "\\U" in front) and suspect.SURROGATE_ESCAPE.search(front):
        bad = suspect.first_surrogate(data)
        if bad is not None:
            raise ArticleProblem(f"invalid value: {_clip(bad)!r} holds a lone surrogate escape "
                                 "(\\ud800-\\udfff), which is no character")
    return node, data


_OFFSET = r"not datetime\.timedelta\((?:days=(-?\d+))?,? ?(?:seconds=(\d+))?"  # (compiled when first used)


def _value_error(e: Exception) -> str:
    """A constructor's failure in the product's words: Python's own text (its advice on
    int_max_str_digits, ``offset must be a timedelta strictly between -timedelta(hours=24)
    ...``) would mean nothing to an editor."""
    text = str(e)
    if "integer string conversion" in text:
        return "invalid value: a number with more than 4,300 digits"
    if text.startswith("offset must be a timedelta"):  # a date's zone beyond +-24:00 (+25:00)
        found = re.search(_OFFSET, text)
        if found is not None:
            seconds = int(found.group(1) or 0) * 86400 + int(found.group(2) or 0)
            minutes = abs(seconds) // 60
            offset = f"{'-' if seconds < 0 else '+'}{minutes // 60:02d}:{minutes % 60:02d}"
            return f"invalid date: the time zone offset {offset} is out of range (-23:59 to +23:59)"
        return "invalid date: a time zone offset out of range (-23:59 to +23:59)"
    return f"invalid value: {text}"


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def load_value(text: str) -> object:
    """Plain data of a small YAML text (a patch, a fragment); problems as above, duplicate
    keys included (a patch with two values for one key was taken with the last). A block
    mapping that the quick proof reads (``proven``: ``published: true``) needs no PyYAML."""
    if ":" in text:
        found = proven(text)
        if found is not None:
            return found
    import yaml
    try:
        _refuse_anchors(text, 1)
        loader = _loader()(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            try:
                return _construct(node, loader, 1)
            except _Unusual:
                _refuse_duplicates(node, 1)
                return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        raise _yaml_problem(e, text, 1) from None
    except RecursionError:
        raise ArticleProblem("the YAML is nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as e:
        raise ArticleProblem(_value_error(e)) from None
