"""The article fields Newsdesk knows, declared once: one entry per top-level key.

Everything that knows a field reads it from here: the index row's attributes and how
each is read from the YAML (core/indexing/index.py builds ``Row`` from this table), the
types the index cache checks in a stored row, the fields of ``newsdesk index --json``,
the rule its value must follow (core/document/schema.py), its name in the search
language and whether plain words search it (core/editorial/search.py), its Browse
facet (core/editorial/facets.py), the keys ``newsdesk set`` accepts, whether the
table's warning mark checks the index row's value (``note``: schema.row_problems, read
by the table model's notes) and whether the panel shows the row's value while the file
is being read (``reading``: ``FieldTable.reading_values``, read by ui/detail.py).

Adding a field — say a top-level scalar ``region: emea`` shown in a column and
searchable — is one entry here (``Field("region", "text", json=True, search="region")``)
and one ``Column`` in ui/columns.py to show it (``note=True`` too, and the table's mark
warns of a value of the wrong kind in it); tests/test_fields.py proves it in a fresh
interpreter. Where new files write the key is the site's convention
(core/document/conventions.py: a key it does not place goes where the folder's files
put it, else after the others).

The table's order is the row's attribute order and the JSON output's key order.
"""
from __future__ import annotations

# How the index reads a field into the row, and the row attributes each way fills:
#   value     the value as parsed                        (key)
#   list      a list; a lone value becomes [value]       (key)
#   provider  a mapping's name and domain                (key, "domain")
#   date      the date as written, and POSIX seconds     (key, "timestamp")
#   count     how many items a list has                  (key)
READS = ("value", "list", "provider", "date", "count")
# What a value must be (core/document/schema.py says each in words); the rules of
# ITEM_RULES also hold for the same key in a related item.
RULES = ("text", "whole", "bool", "date", "provider", "topics", "images", "related")
ITEM_RULES = ("text", "whole", "date", "provider", "images")
ANY = None  # an attribute that may hold anything YAML gives


class Field:
    """One field. (A plain class, not a dataclass: ``newsdesk index --json`` of an unchanged
    folder reads this table, and importing dataclasses, which imports inspect, was a
    quarter of its start-up.)"""

    __slots__ = ("key", "rule", "read", "json", "search", "words", "facet", "bounds", "note", "reading", "blank")

    def __init__(self, key: str, rule: str, read: str | None = "value", *, json: bool = False,
                 search: str = "", words: bool = False, facet: str = "", bounds: tuple[int, int] | None = None,
                 note: bool = False, reading: bool = False, blank: bool = True):
        self.key = key          # the top-level key in the YAML
        self.rule = rule        # what its value must be: one of RULES
        self.read = read        # how the index reads it: one of READS; None: not read (not in the row)
        self.json = json        # in `newsdesk index --json` (its first row attribute)
        self.search = search    # its name in the search language (several fields may share one)
        self.words = words      # plain words search it (its first row attribute)
        self.facet = facet      # the Browse facet of its values ("": none)
        self.bounds = bounds    # a whole number's lowest and highest value (None: any)
        self.note = note        # the table's mark says when the row's value breaks its rule
        self.reading = reading  # the panel shows the row's value while the file is being read
        self.blank = blank      # text that may be empty or only spaces (False: the title, here and in related items)

    def __repr__(self) -> str:
        return f"Field({self.key!r}, {self.rule!r}, read={self.read!r})"

    def attributes(self) -> tuple[tuple[str, object, tuple | None], ...]:
        """(name, default, the types a stored value must have or ANY) of each row
        attribute the field fills, the first named as the key."""
        if self.read is None:
            return ()
        if self.read == "list":
            return ((self.key, list, (list,)),)
        if self.read == "provider":
            return ((self.key, None, ANY), ("domain", None, ANY))
        if self.read == "date":
            return ((self.key, None, (str, type(None))), ("timestamp", None, (float, int, type(None))))
        if self.read == "count":
            return ((self.key, 0, (int,)),)
        return ((self.key, None, ANY),)

    def value_of_row(self, row) -> object:
        """Its value as the panel reads an article's, from the index row (the file not read
        yet): the read value, a copy of the list, the provider's name (its domain is the
        URL's)."""
        value = getattr(row, self.key)
        if self.read == "list":
            return list(value)
        if self.read == "provider":
            return {"name": value}
        return value

    def search_kind(self) -> str:
        """How the search language compares it: text, topic, number, yesno or date."""
        if self.read == "count" or self.rule == "whole":
            return "number"
        return {"topics": "topic", "bool": "yesno", "date": "date"}.get(self.rule, "text")

    def search_attributes(self) -> tuple[str, ...]:
        """The row attributes its search name looks at."""
        names = tuple(name for name, _, _ in self.attributes())
        return names[1:] if self.read == "date" else names


FIELDS: tuple[Field, ...] = (
    # never empty: a title of nothing (`title: ""`) shows a blank row, a blank link and a page
    # without a heading; no article or related link of the real sites has one
    Field("title", "text", json=True, search="title", words=True, note=True, reading=True, blank=False),
    Field("excerpt", "text", search="excerpt", words=True, reading=True),
    Field("category", "text", reading=True),
    Field("type", "text"),
    Field("webUrl", "text", search="url", reading=True),
    Field("originalUrl", "text", search="url", reading=True),
    Field("ampWebUrl", "text", read=None),
    Field("cdnAmpWebUrl", "text", read=None),
    Field("published", "bool", json=True, search="published", facet="Published", note=True, reading=True),
    # 0 to 999: the real sites hold 0 to 189 (the highest where quality mirrors heat, which
    # reaches 737); a fourth digit is a slip of the keyboard (1000 for 100)
    Field("quality", "whole", json=True, search="quality", bounds=(0, 999), note=True, reading=True),
    Field("heat", "whole", json=True, search="heat", note=True),
    Field("featuredContent", "text", read=None),
    Field("provider", "provider", read="provider", json=True, search="provider", words=True, facet="Providers",
          reading=True),
    Field("publishedDateTime", "date", read="date", json=True, search="date", facet="Month", reading=True),
    Field("topics", "topics", read="list", json=True, search="topic", words=True, facet="Topics", note=True,
          reading=True),
    Field("images", "images", read=None),
    Field("related", "related", read="count", json=True, search="related"),
    Field("secured", "text", read=None),
)


class FieldTable:
    """The views of a table of fields that the rest of Newsdesk reads."""

    def __init__(self, entries: tuple[Field, ...]):
        self.fields = tuple(entries)
        self.keys = tuple(f.key for f in self.fields)
        if len(set(self.keys)) != len(self.keys):
            raise ValueError("a field is declared twice")
        for f in self.fields:
            if f.rule not in RULES or (f.read is not None and f.read not in READS):
                raise ValueError(f"{f.key}: unknown rule {f.rule!r} or read {f.read!r}")
            if (f.note or f.reading) and f.read in (None, "count"):
                raise ValueError(f"{f.key}: a note or the panel's reading needs the value in the row")
        self.by_key = {f.key: f for f in self.fields}
        self.read = tuple(f for f in self.fields if f.read is not None)
        dates = [f for f in self.read if f.read == "date"]
        if len(dates) > 1:
            raise ValueError("one date field (the article's date: row.timestamp sorts and searches it)")
        self.date = dates[0] if dates else None
        # the row: its path, the fields' attributes, then the file's size and version
        self.row_attributes = (("path", "", (str,)),
                               *(a for f in self.fields for a in f.attributes()),
                               ("size", 0, (int,)), ("version", 0, (int,)))
        self.json_keys = ("path", *(f.key for f in self.read if f.json))
        self.rules = {f.key: f.rule for f in self.fields}
        for f in self.fields:
            if f.bounds is not None and (f.rule != "whole" or len(f.bounds) != 2 or f.bounds[0] > f.bounds[1]):
                raise ValueError(f"{f.key}: bounds are a whole number's (low, high)")
        self.bounds = {f.key: tuple(f.bounds) for f in self.fields if f.bounds is not None}
        self.item_rules = {k: r for k, r in self.rules.items() if r in ITEM_RULES}
        self.not_blank = frozenset(f.key for f in self.fields if not f.blank)
        if any(self.rules[k] != "text" for k in self.not_blank):
            raise ValueError("only a text field can refuse an empty value")
        search: dict[str, tuple[str, tuple[str, ...]]] = {}
        for f in self.read:
            if not f.search:
                continue
            kind, attrs = search.get(f.search, (f.search_kind(), ()))
            if kind != f.search_kind():
                raise ValueError(f"search name {f.search!r} names fields of different kinds")
            search[f.search] = (kind, attrs + f.search_attributes())
        self.search = search  # name -> (kind, row attributes)
        self.words = tuple((f.key, f.read == "list") for f in self.read if f.words)
        self.facets = {f.facet: f for f in self.read if f.facet}
        self.noted = tuple(f for f in self.read if f.note)
        self.shown_reading = tuple(f for f in self.read if f.reading)

    def reading_values(self, row) -> dict:
        """What the panel shows of an article from its index row while its file is read."""
        return {f.key: f.value_of_row(row) for f in self.shown_reading}


TABLE = FieldTable(FIELDS)
