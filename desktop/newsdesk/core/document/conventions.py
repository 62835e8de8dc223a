"""How a site writes its YAML: key order, blank lines, quoting, indentation.

Defaults describe the sites Newsdesk was built for (checked against the
corpus); whatever a file itself shows wins over them, so new text follows
the file's own style.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

STR_TAG = "tag:yaml.org,2002:str"

# Key order per context: () is the top level, "[]" a list item.
DEFAULT_ORDERS: dict[tuple, list[str]] = {
    (): ["category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl",
         "ampWebUrl", "cdnAmpWebUrl", "type", "quality", "heat", "published",
         "featuredContent", "provider", "topics", "images", "related", "secured"],
    ("related", "[]"): ["title", "excerpt", "publishedDateTime", "originalUrl", "webUrl",
                        "ampWebUrl", "cdnAmpWebUrl", "type", "provider", "quality", "heat",
                        "images"],
}
ORDER_BY_LAST_KEY = {
    "provider": ["name", "domain", "images"],
    "images": ["url", "width", "height", "isCached", "title"],
}
# Top-level keys written after one blank line.
BLANK_LINE_KEYS = {"featuredContent", "provider", "topics", "images", "related", "secured"}
# Keys whose string values the sites always double-quote; others are plain when YAML allows.
QUOTED_KEYS = {"title", "excerpt", "originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl",
               "featuredContent", "url", "secured"}


def context_of(path: tuple) -> tuple:
    """The context of a mapping at a data path: list indexes become "[]"."""
    return tuple("[]" if isinstance(p, int) else p for p in path)


def _default_order(ctx: tuple) -> list[str]:
    if ctx in DEFAULT_ORDERS:
        return DEFAULT_ORDERS[ctx]
    keys = [k for k in ctx if k != "[]"]
    return ORDER_BY_LAST_KEY.get(keys[-1], []) if keys else []


def merge_orders(sequences: list[list[str]]) -> list[str]:
    """One order consistent with the sequences, earlier ones taking precedence."""
    merged: list[str] = []
    for seq in sequences:
        for i, key in enumerate(seq):
            if key in merged:
                continue
            before = next((seq[j] for j in range(i - 1, -1, -1) if seq[j] in merged), None)
            after = next((seq[j] for j in range(i + 1, len(seq)) if seq[j] in merged), None)
            if before is not None:
                merged.insert(merged.index(before) + 1, key)
            elif after is not None:
                merged.insert(merged.index(after), key)
            else:
                merged.append(key)
    return merged


class Conventions:
    """The conventions of one file (learned from its nodes), over a fallback."""

    def __init__(self, fallback: Conventions | None = None, fallback_loader=None):
        self._fallback = fallback
        self._fallback_loader = fallback_loader  # called once, only if the file says nothing
        self.orders: dict[tuple, list[list[str]]] = defaultdict(list)
        self.quoting: dict[str, Counter] = defaultdict(Counter)
        self.blank_before: dict[str, bool] = {}
        self.seq_offsets: Counter = Counter()
        self.map_steps: Counter = Counter()
        self._merged: dict[tuple, list[str]] = {}

    @property
    def fallback(self) -> Conventions | None:
        if self._fallback is None and self._fallback_loader is not None:
            loader, self._fallback_loader = self._fallback_loader, None
            self._fallback = loader()
        return self._fallback

    # ---- learning -------------------------------------------------------
    @classmethod
    def learn(cls, front: str, node: MappingNode, fallback: Conventions | None = None,
              fallback_loader=None):
        conv = cls(fallback, fallback_loader)
        for i, (k, _) in enumerate(node.value):
            if i and isinstance(k, ScalarNode):
                line = front.rfind("\n", 0, k.start_mark.index)
                previous = front[front.rfind("\n", 0, line) + 1: line]
                conv.blank_before[k.value] = previous.strip() == ""
        conv._walk(front, node, ())
        return conv

    def _column(self, front: str, index: int) -> int:
        return index - (front.rfind("\n", 0, index) + 1)

    def _walk(self, front: str, node: Node, ctx: tuple) -> None:
        stack = [(node, ctx)]
        while stack:
            n, c = stack.pop()
            if isinstance(n, MappingNode):
                keys = [k.value for k, _ in n.value if isinstance(k, ScalarNode)]
                if keys and keys not in self.orders[c] and len(self.orders[c]) < 50:
                    self.orders[c].append(keys)
                for k, v in n.value:
                    if not isinstance(k, ScalarNode):
                        continue
                    if isinstance(v, ScalarNode) and v.tag == STR_TAG and v.value:
                        self.quoting[k.value][v.style or ""] += 1
                    elif isinstance(v, (MappingNode, SequenceNode)) and not v.flow_style and v.value:
                        step = self._column(front, v.start_mark.index) - self._column(front, k.start_mark.index)
                        (self.seq_offsets if isinstance(v, SequenceNode) else self.map_steps)[step] += 1
                        if isinstance(v, SequenceNode):
                            for item in v.value:
                                if isinstance(item, ScalarNode) and item.tag == STR_TAG and item.value:
                                    self.quoting[k.value + "[]"][item.style or ""] += 1
                    stack.append((v, c + (k.value,)))
            elif isinstance(n, SequenceNode):
                for item in n.value:
                    stack.append((item, c + ("[]",)))

    # ---- answers --------------------------------------------------------
    def order(self, ctx: tuple, key: str | None = None) -> list[str]:
        """The key order of a context; the folder is asked only about keys the file lacks."""
        if ctx not in self._merged:
            self._merged[ctx] = merge_orders(list(self.orders.get(ctx, [])) + [_default_order(ctx)])
        own = self._merged[ctx]
        if key is None or key in own or self.fallback is None:
            return own
        return merge_orders([own, self.fallback.order(ctx, key)])

    @classmethod
    def merged(cls, many: list[Conventions]) -> Conventions:
        """The conventions of a folder: what its files show, most common first."""
        out = cls()
        for conv in many:
            for ctx, seqs in conv.orders.items():
                out.orders[ctx].extend(s for s in seqs if s not in out.orders[ctx])
            for key, counts in conv.quoting.items():
                out.quoting[key].update(counts)
            for key, blank in conv.blank_before.items():
                out.blank_before.setdefault(key, blank)
            out.seq_offsets.update(conv.seq_offsets)
            out.map_steps.update(conv.map_steps)
        return out

    def string_style(self, key: str | None) -> str:
        """'"', "'" or "" (plain, when the value allows it) for a new string under key."""
        conv: Conventions | None = self
        while conv is not None:
            if key is not None and conv.quoting.get(key):
                return conv.quoting[key].most_common(1)[0][0]
            conv = conv.fallback
        base = key[:-2] if key and key.endswith("[]") else key
        return '"' if base in QUOTED_KEYS else ""

    def blank_line_before(self, key: str, block_value: bool) -> bool:
        conv: Conventions | None = self
        while conv is not None:
            if key in conv.blank_before:
                return conv.blank_before[key]
            conv = conv.fallback
        return key in BLANK_LINE_KEYS or (block_value and key not in DEFAULT_ORDERS[()])

    def _step(self, attr: str) -> int:
        conv: Conventions | None = self
        while conv is not None:
            counts = getattr(conv, attr)
            if counts:
                return counts.most_common(1)[0][0]
            conv = conv.fallback
        return 2

    @property
    def seq_offset(self) -> int:
        """Columns from a key to the dashes of its list (0 for "key:\\n- item")."""
        return self._step("seq_offsets")

    @property
    def map_step(self) -> int:
        return max(1, self._step("map_steps"))
