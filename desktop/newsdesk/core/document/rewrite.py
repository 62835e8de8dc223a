"""Writing changed data back into the original YAML text, touching only what changed.

The text of a block collection is cut into pieces, one per entry or item:
  [prefix] body0 (sep1 body1) (sep2 body2) ... [tail]
where a body runs from its key (or dash) to the end of its last non-blank,
non-comment line, and a sep holds the blank/comment lines and indentation in
front of the next body.  New text is the old pieces, in the new order, with
changed bodies rebuilt recursively; unchanged pieces are copied verbatim, so
every byte outside the changed values stays as it was.
"""
from __future__ import annotations

from collections import Counter

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from newsdesk.core.document import yamlparse
from newsdesk.core.document.conventions import STR_TAG, Conventions, context_of
from newsdesk.core.document.emit import Emitter, is_scalar, scalar, single_quoted_ok, string
from newsdesk.core.document.values import canon, identity, same


class _Rerender(Exception):
    """The old text has a shape the splicer does not handle: write the entry anew."""


def _block(node: Node) -> bool:
    return isinstance(node, (MappingNode, SequenceNode)) and not node.flow_style and bool(node.value)


class Rewriter:
    def __init__(self, front: str, node: MappingNode, conventions, newline: str = "\n"):
        """``conventions``: a Conventions, or a function making one; it is called only
        if new text has to be written (a value replaced in place needs none)."""
        self.text = front
        self.node = node
        self._conventions = conventions
        self._emit: Emitter | None = None
        self.newline = newline

    @property
    def conv(self) -> Conventions:
        if callable(self._conventions):
            self._conventions = self._conventions()
        return self._conventions

    @property
    def emit(self) -> Emitter:
        if self._emit is None:
            self._emit = Emitter(self.conv, self.newline)
        return self._emit

    # ---- text geometry ----------------------------------------------------
    def _line_start(self, i: int) -> int:
        return self.text.rfind("\n", 0, i) + 1

    def _column(self, i: int) -> int:
        return i - self._line_start(i)

    def _trim(self, lo: int, end: int) -> int:
        """Move ``end`` back over whole blank or comment-only lines, never before ``lo``'s line."""
        text = self.text
        first_line_end = text.find("\n", lo)
        floor = len(text) if first_line_end < 0 else first_line_end + 1
        while end > floor:
            start = text.rfind("\n", 0, end - 1) + 1
            line = text[start:end].strip()
            if line and not line.startswith("#"):
                break
            end = start
        return end

    def _pieces(self, starts: list[int], end: int) -> list[tuple[int, int]]:
        """(body_start, body_end) for children starting at ``starts``; seps lie between."""
        out = []
        for n, s in enumerate(starts):
            stop = self._line_start(starts[n + 1]) if n + 1 < len(starts) else end
            out.append((s, self._trim(s, stop)))
        return out

    def _dash(self, item: Node) -> int:
        i = item.start_mark.index - 1
        while i >= 0 and self.text[i] in " \t\r\n":
            i -= 1
        if i < 0 or self.text[i] != "-":
            raise _Rerender()
        return i

    # ---- entry points -----------------------------------------------------
    def render(self, old: dict, new: dict) -> str:
        if same(old, new):
            return self.text
        node = self.node
        if node.flow_style or not node.value:
            return "".join(self.emit.entry(k, v, 0) for k, v in new.items())
        start = node.value[0][0].start_mark.index
        return self.text[:start] + self._mapping(node, start, len(self.text), old, new, (), 0)

    # ---- mappings ---------------------------------------------------------
    def _key(self, knode: Node) -> object:
        if isinstance(knode, ScalarNode) and knode.tag == STR_TAG:
            return knode.value
        return yamlparse.load_value(self.text[knode.start_mark.index:knode.end_mark.index])

    def _mapping(self, node: MappingNode, start: int, end: int, old: dict, new: dict,
                 path: tuple, col: int) -> str:
        text = self.text
        entries = node.value
        keys = [self._key(k) for k, _ in entries]
        pieces = self._pieces([k.start_mark.index for k, _ in entries], end)
        out: list[list] = []  # [key, sep, body]
        for n, ((knode, vnode), key, (b0, b1)) in enumerate(zip(entries, keys, pieces, strict=True)):
            if key not in new:
                continue
            sep = text[pieces[n - 1][1]:b0] if n else None
            if key in old and same(old[key], new[key]):
                body = text[b0:b1]
            else:
                body = self._entry_body(knode, vnode, b0, b1, old.get(key), new[key], path + (key,), col)
            out.append([key, sep, body])
        if out:
            out[0][1] = None
        existing = set(keys)
        ctx = context_of(path)
        for key, value in new.items():
            if key in existing:
                continue
            order = self.conv.order(ctx, key)
            rank = {k: i for i, k in enumerate(order)}
            body = self.emit.entry(key, value, col)
            r = rank.get(key)
            pos = len(out)
            if r is not None:
                pos = next((i for i, e in enumerate(out) if rank.get(e[0], len(order)) > r), len(out))
            sep = " " * col
            if not path and self.conv.blank_line_before(key, not is_scalar(value) and bool(value)):
                sep = self.emit.nl + sep
            if pos == 0:
                if out:
                    out[0][1] = self._sep_for_first_moved(out[0][0], col, path)
                out.insert(0, [key, None, body])
            else:
                out.insert(pos, [key, sep, body])
        if not out:
            return "{}" + self.emit.nl if start == 0 else "{}"
        tail = text[pieces[-1][1]:end]
        return "".join((e[1] or "") + e[2] for e in out) + tail

    def _sep_for_first_moved(self, key: object, col: int, path: tuple) -> str:
        sep = " " * col
        if not path and self.conv.blank_line_before(key, False):
            sep = self.emit.nl + sep
        return sep

    def _entry_body(self, knode: Node, vnode: Node, b0: int, b1: int, old: object, new: object,
                    path: tuple, col: int) -> str:
        text = self.text
        try:
            if isinstance(vnode, ScalarNode) and is_scalar(new) and vnode.style not in ("|", ">") \
                    and vnode.end_mark.index > vnode.start_mark.index:
                return text[b0:vnode.start_mark.index] + self._scalar(vnode, new, path[-1]) \
                    + text[vnode.end_mark.index:b1]
            if _block(vnode) and isinstance(vnode, MappingNode) and isinstance(new, dict) and new \
                    and isinstance(old, dict):
                v0 = vnode.start_mark.index
                return text[b0:v0] + self._mapping(vnode, v0, b1, old, new, path, self._column(v0))
            if _block(vnode) and isinstance(vnode, SequenceNode) and isinstance(new, list) and new \
                    and isinstance(old, list):
                v0 = vnode.start_mark.index
                return text[b0:v0] + self._sequence(vnode, v0, b1, old, new, path, self._column(v0))
        except _Rerender:
            pass
        key_text = text[knode.start_mark.index:knode.end_mark.index]
        return key_text + self.emit.value_after_key(new, path[-1], col)

    def _scalar(self, vnode: ScalarNode, new: object, key: object) -> str:
        """A changed scalar, keeping its quoting where the new value allows."""
        if not isinstance(new, str):
            return scalar(new)
        style = vnode.style or ""
        if style == "" and vnode.tag != STR_TAG:  # was a number/bool/date: use the key's style
            return self.emit.scalar_for(new, key)
        if style == "'" and not single_quoted_ok(new):
            style = '"'
        return string(new, style)

    # ---- sequences ----------------------------------------------------------
    def _sequence(self, node: SequenceNode, start: int, end: int, old: list, new: list,
                  path: tuple, col: int) -> str:
        text = self.text
        items = node.value
        dashes = [self._dash(item) for item in items]
        if dashes[0] != start:
            raise _Rerender()
        pieces = self._pieces(dashes, end)
        seps = [text[pieces[n - 1][1]:dashes[n]] for n in range(1, len(items))]
        default_sep = Counter(seps).most_common(1)[0][0] if seps else " " * col
        if "#" in default_sep:
            default_sep = " " * col

        assign = self._match_items(old, new)
        parts = []
        prev = None
        for j, (kind, i) in enumerate(assign):
            if kind == "keep":
                body = text[pieces[i][0]:pieces[i][1]]
            elif kind == "edit":
                body = self._item_body(items[i], pieces[i], old[i], new[j], path + (j,), col)
            else:
                body = self.emit.item(new[j], col, path[-1] if path else None)
            if j:
                same_neighbour = i is not None and prev is not None and i == prev + 1 and i > 0
                parts.append(seps[i - 1] if same_neighbour else default_sep)
            parts.append(body)
            prev = i
        return "".join(parts) + text[pieces[-1][1]:end]

    @staticmethod
    def _match_items(old: list, new: list) -> list[tuple[str, int | None]]:
        """For each new item: ("keep", i) verbatim old item i, ("edit", i) rebuilt from it, or ("new", None)."""
        from difflib import SequenceMatcher  # (~1 ms to import: only when a list is edited)

        okeys = [canon(v) for v in old]
        nkeys = [canon(v) for v in new]
        assign: list = [None] * len(new)
        used: set[int] = set()
        blocks = []
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, okeys, nkeys, autojunk=False).get_opcodes():
            if tag == "equal":
                for d in range(i2 - i1):
                    assign[j1 + d] = ("keep", i1 + d)
                    used.add(i1 + d)
            else:
                blocks.append((i1, i2, j1, j2))
        free: dict = {}
        for i, k in enumerate(okeys):
            if i not in used:
                free.setdefault(k, []).append(i)
        for j, k in enumerate(nkeys):  # moved items: same text elsewhere
            if assign[j] is None and free.get(k):
                i = free[k].pop(0)
                assign[j] = ("keep", i)
                used.add(i)
        by_identity: dict = {}
        for i, v in enumerate(old):
            ident = identity(v)
            if i not in used and ident is not None:
                by_identity.setdefault(ident, []).append(i)
        for j, v in enumerate(new):  # changed items: same URL
            ident = identity(v)
            if assign[j] is None and by_identity.get(ident):
                i = by_identity[ident].pop(0)
                if i not in used:
                    assign[j] = ("edit", i)
                    used.add(i)
        for i1, i2, j1, j2 in blocks:  # replaced in place, one for one
            olds = [i for i in range(i1, i2) if i not in used and isinstance(old[i], dict)]
            news = [j for j in range(j1, j2) if assign[j] is None and isinstance(new[j], dict)]
            if olds and len(olds) == len(news):
                for i, j in zip(olds, news, strict=True):
                    assign[j] = ("edit", i)
                    used.add(i)
        return [a if a is not None else ("new", None) for a in assign]

    def _item_body(self, inode: Node, piece: tuple[int, int], old: object, new: object,
                   path: tuple, col: int) -> str:
        text = self.text
        b0, b1 = piece
        v0 = inode.start_mark.index
        try:
            if isinstance(inode, ScalarNode) and is_scalar(new) and inode.style not in ("|", ">") \
                    and inode.end_mark.index > v0:
                return text[b0:v0] + self._scalar(inode, new, f"{path[-2]}[]") + text[inode.end_mark.index:b1]
            if _block(inode) and isinstance(inode, MappingNode) and isinstance(new, dict) and new \
                    and isinstance(old, dict):
                return text[b0:v0] + self._mapping(inode, v0, b1, old, new, path, self._column(v0))
        except _Rerender:
            pass
        return self.emit.item(new, col, path[-2] if len(path) > 1 else None)
