"""The search language of the filter box and of ``newsdesk set --where``.

    azure "open ai"                 words and phrases: title, excerpt, provider, topics
    title:copilot  excerpt:"data center"  provider:verge  url:microsoft.com
    provider=PR                     the whole value (provider:PR is also PR Newswire)
    topic:AI  topic:"Azure AI"  topic:azure*     a topic (whole name; * for any text)
    published:yes  published:no
    review:new  review:reviewed  review:flagged      the editor's review state (core.review)
    quality>=60  heat>0  related=0  quality:60   numbers: = != < <= > >=
    date>=2023-10-01  date<2024  date:2023-10  date:7d  (within the last 7 days)
    -topic:AI  NOT provider:x       negation
    a OR b   (a OR b) c             OR binds looser than the implicit AND

Everything is case-insensitive. A query is compiled once into a predicate over index
rows (core.index.Row); a mistake raises SearchError with the position to show.
"""
from __future__ import annotations

import datetime as dt
import fnmatch
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from newsdesk.core import fields

Predicate = Callable[[object], bool]

# The names of the fields (core/fields.py): name -> (how it compares, the row attributes it reads)
_NAMES = fields.TABLE.search
TEXT_FIELDS = tuple(name for name, (kind, _) in _NAMES.items() if kind in ("text", "topic"))
NUMBER_FIELDS = tuple(name for name, (kind, _) in _NAMES.items() if kind == "number")
FIELDS = (*_NAMES, "review")  # review: the editor's state, kept outside the article (core.review)
REVIEW_STATES = ("new", "reviewed", "flagged")
OPS = (">=", "<=", "!=", ">", "<", "=", ":")


class SearchError(ValueError):
    def __init__(self, message: str, position: int):
        super().__init__(message)
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} (at character {self.position + 1})"


@dataclass
class Token:
    kind: str        # "(" ")" "OR" "NOT" "-" "term"
    text: str
    position: int
    field: str = ""
    op: str = ""
    quoted: bool = False


_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<minus>-)(?=[A-Za-z]+(?:[<>!]=|[<>=:]))
  | (?P<field>[A-Za-z]+)(?P<op>>=|<=|!=|>|<|=|:)(?P<fvalue>"[^"]*"?|[^\s()"]*)
  | (?P<phrase>"[^"]*"?)
  | (?P<word>[^\s()"]+)
""", re.X)


def tokenize(text: str) -> list[Token]:
    tokens, pos = [], 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:  # pragma: no cover - the word alternative matches anything else
            raise SearchError("cannot read this", pos)
        if m.group("open"):
            tokens.append(Token("(", "(", pos))
        elif m.group("close"):
            tokens.append(Token(")", ")", pos))
        elif m.group("minus"):  # -topic:"Azure AI": the word alternative stopped at the quote
            tokens.append(Token("-", "-", pos))
        elif m.group("field") and m.group("field").lower() in FIELDS:
            value = m.group("fvalue")
            quoted = value.startswith('"')
            if quoted and (len(value) < 2 or not value.endswith('"')):
                raise SearchError("a quote is not closed", pos + len(m.group("field")) + len(m.group("op")))
            tokens.append(Token("term", value[1:-1] if quoted else value, pos,
                                m.group("field").lower(), m.group("op"), quoted))
        elif m.group("phrase") is not None:
            phrase = m.group("phrase")
            if len(phrase) < 2 or not phrase.endswith('"'):
                raise SearchError("a quote is not closed", pos)
            tokens.append(Token("term", phrase[1:-1], pos, quoted=True))
        elif m.group("word") or m.group("field"):
            word = m.group(0)
            if word == "OR":
                tokens.append(Token("OR", word, pos))
            elif word in ("NOT", "AND"):
                tokens.append(Token(word, word, pos))
            elif word == "-" and text[m.end():m.end() + 1] in ('"', "("):
                tokens.append(Token("-", "-", pos))  # -"a phrase", -(a OR b)
            elif word.startswith("-") and len(word) > 1:
                # each leading dash negates; counted, not recursed into (1,000 raised RecursionError)
                dashes = len(word) - len(word.lstrip("-"))
                if dashes == len(word):  # dashes only: the last one is the word ("--" is NOT "-")
                    dashes -= 1
                tokens.extend(Token("-", "-", pos + n) for n in range(dashes))
                rest = tokenize(word[dashes:])
                for t in rest:
                    t.position += pos + dashes
                tokens.extend(rest)
            else:
                tokens.append(Token("term", word, pos))
        pos = m.end()
    return tokens


MAX_NESTING = 50  # levels of parentheses: far more than anyone types, far below Python's recursion limit


class _Parser:
    def __init__(self, tokens: list[Token], text: str, today: dt.date, haystack, topic_paths=None,
                 review_of=None):
        self.tokens, self.text, self.today, self.i, self.depth = tokens, text, today, 0, 0
        self.haystack, self.topic_paths, self.review_of = haystack, topic_paths, review_of

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def parse(self) -> Predicate:
        if not self.tokens:
            return lambda row: True
        pred = self.or_expr()
        extra = self.peek()
        if extra is not None:
            raise SearchError("a closing parenthesis has no opening one" if extra.kind == ")"
                              else "unexpected text", extra.position)
        return pred

    def or_expr(self) -> Predicate:
        parts = [self.and_expr()]
        while self.peek() is not None and self.peek().kind == "OR":
            token = self.take()
            if self.peek() is None or self.peek().kind in (")", "OR"):
                raise SearchError("OR needs something on both sides", token.position)
            parts.append(self.and_expr())
        return _joined(parts, either=True)

    def and_expr(self) -> Predicate:
        parts = []
        while self.peek() is not None and self.peek().kind not in (")", "OR"):
            if self.peek().kind == "AND":
                self.take()
                continue
            parts.append(self.unary())
        if not parts:
            token = self.peek()
            raise SearchError("something is missing here", token.position if token else len(self.text))
        return _joined(parts, either=False)

    def unary(self) -> Predicate:
        negations = 0
        while self.peek().kind in ("-", "NOT"):  # a chain of them, read without recursing
            token = self.take()
            if self.peek() is None or self.peek().kind in (")", "OR"):
                raise SearchError(f"{token.text} needs something to leave out", token.position)
            negations += 1
        inner = self.primary()
        if negations % 2:
            return lambda row: not inner(row)
        return inner

    def primary(self) -> Predicate:
        token = self.take()
        if token.kind == "(":
            if self.peek() is None:
                raise SearchError("a parenthesis is not closed", token.position)
            if self.peek().kind == ")":
                raise SearchError("empty parentheses", token.position)
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise SearchError(f"parentheses nest too deeply here (at most {MAX_NESTING} levels)",
                                  token.position)
            inner = self.or_expr()
            self.depth -= 1
            close = self.peek()
            if close is None or close.kind != ")":
                raise SearchError("a parenthesis is not closed", token.position)
            self.take()
            return inner
        if token.kind == ")":
            raise SearchError("a closing parenthesis has no opening one", token.position)
        return _term(token, self.today, self.haystack, self.topic_paths, self.review_of)


def _joined(parts: list[Predicate], either: bool) -> Predicate:
    """OR (``either``) or AND of predicates; two of them without a generator (the usual
    case, run once per article on every search)."""
    if len(parts) == 1:
        return parts[0]
    if len(parts) == 2:
        a, b = parts
        return (lambda row: a(row) or b(row)) if either else (lambda row: a(row) and b(row))
    return (lambda row: any(p(row) for p in parts)) if either else (lambda row: all(p(row) for p in parts))


# Apostrophes as one: the sites write "Microsoft's" and "Microsoft’s" both, and an editor
# types ' (a search for what's new found none of the 20 "what’s new").
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def _folded(text: str) -> str:
    """Casefolded, apostrophes as one: how searched text and the words searched compare."""
    return text.casefold().translate(_APOSTROPHES)


def _text(value: object) -> str:
    return _folded(str(value)) if value is not None else ""


def _read_text(value: object) -> str:
    """The text as written and, where it holds a character reference, as the site's reader
    sees it (core/reader_text.py): "Query & Dataflows" finds an excerpt stored with
    ``&amp;``, as the panel shows it, and ``&amp;`` still finds it too."""
    if value is None:
        return ""
    raw = str(value)
    if "&" not in raw:
        return _folded(raw)
    return f"{_folded(raw)}\n{_folded(html.unescape(raw))}"


def _values(names: list[str]) -> Callable[[object], tuple]:
    """row -> the tuple of these attributes (attrgetter gives a bare value for one name)."""
    if len(names) >= 2:
        return attrgetter(*names)
    return lambda row: tuple(getattr(row, n) for n in names)


# What plain words search (the fields of core/fields.py with words=True: title, excerpt,
# provider, topics): the scalars, then the items of the lists, one line each.
_WORD_SCALARS = _values([attr for attr, is_list in fields.TABLE.words if not is_list])
_lists = [attrgetter(attr) for attr, is_list in fields.TABLE.words if is_list]
_WORD_ITEMS = _lists[0] if len(_lists) == 1 else (lambda row: [item for items in _lists for item in items(row)])


def haystack_of(row) -> str:
    """What words and phrases search, casefolded."""
    return "\n".join(_read_text(x) for x in (*_WORD_SCALARS(row), *_WORD_ITEMS(row)) if x)


def _term(token: Token, today: dt.date, haystack, topic_paths=None, review_of=None) -> Predicate:
    value, field, op = token.text, token.field, token.op
    if not field:
        needle = _folded(value)
        if not needle:
            return lambda row: True
        return lambda row: needle in haystack(row)
    if field == "review":
        return _review_term(op, value.lower(), token, review_of)
    kind, attrs = _NAMES[field]
    if kind in ("text", "topic"):
        if op not in (":", "="):
            raise SearchError(f"{field} takes {field}:text (or {field}=text, the whole of it), not {op}",
                              token.position)
        if op == "=" and kind == "text":
            return _whole_text_term(field, attrs, _folded(value), token)
        return _text_term(field, kind, attrs, _folded(value) if kind == "text" else value.casefold(), token,
                          topic_paths)
    if kind == "number":
        return _number_term(field, attrs, "=" if op == ":" else op, value, token)
    if kind == "yesno":
        if op not in (":", "="):
            raise SearchError(f"{field} takes {field}:yes or {field}:no", token.position)
        wanted = {"yes": True, "true": True, "y": True, "no": False, "false": False, "n": False}.get(value.lower())
        if wanted is None:
            raise SearchError(f"{field} takes yes or no", token.position)
        get = attrgetter(attrs[0])
        return lambda row: (get(row) is True) == wanted
    return _date_term(attrs[0], op, value, token, today)


def _review_term(op: str, wanted: str, token: Token, review_of) -> Predicate:
    if op not in (":", "=") or wanted not in REVIEW_STATES:
        raise SearchError("review takes review:new, review:reviewed or review:flagged", token.position)
    if review_of is None:
        raise SearchError("review: needs the site's review records, which this search has not", token.position)
    return lambda row: review_of(row.path) == wanted


def _text_term(field: str, kind: str, attrs: tuple[str, ...], needle: str, token: Token,
               topic_paths=None) -> Predicate:
    if not needle:
        raise SearchError(f"{field}: needs some text", token.position)
    # Plain loops, not generators: run once per article on every search (100k: ~3x faster).
    if kind == "topic":  # a list of names: a whole name, or a * pattern
        wild = "*" in needle or "?" in needle
        if topic_paths is not None and attrs == ("topics",):  # the caller's index of row.topics: a set lookup
            if wild:
                return lambda row: row.path in topic_paths(needle, True)
            paths = topic_paths(needle, False)  # live: the caller keeps it up to date
            return lambda row: row.path in paths

        topics = attrgetter(attrs[0])

        def has_topic(row) -> bool:
            for t in topics(row):
                if isinstance(t, str) and (
                        fnmatch.fnmatchcase(t.casefold(), needle) if wild else t.casefold() == needle):
                    return True
            return False
        return has_topic
    if len(attrs) == 2:  # provider (name, domain), url (webUrl, originalUrl)
        first, second = attrgetter(attrs[0]), attrgetter(attrs[1])
        return lambda row: needle in _read_text(first(row)) or needle in _read_text(second(row))
    if len(attrs) == 1:
        get = attrgetter(attrs[0])
        return lambda row: needle in _read_text(get(row))
    return lambda row: any(needle in _read_text(getattr(row, a)) for a in attrs)


def _whole_text_term(field: str, attrs: tuple[str, ...], needle: str, token: Token) -> Predicate:
    """``provider=PR``: the whole value, as the Browse panel's entry for it counts it
    (``provider:PR`` also finds PR Newswire: 18 articles behind an entry that said 1)."""
    if not needle:
        raise SearchError(f"{field}= needs some text", token.position)
    gets = [attrgetter(a) for a in attrs]

    def whole(value: object) -> bool:
        return _text(value) == needle or (value is not None and "&" in str(value)
                                          and _folded(html.unescape(str(value))) == needle)
    return lambda row: any(whole(get(row)) for get in gets)


_COMPARE = {"=": lambda a, b: a == b, "!=": lambda a, b: a != b, ">": lambda a, b: a > b,
            "<": lambda a, b: a < b, ">=": lambda a, b: a >= b, "<=": lambda a, b: a <= b}


def _number_term(field: str, attrs: tuple[str, ...], op: str, value: str, token: Token) -> Predicate:
    try:
        number = float(value)
    except ValueError:
        raise SearchError(f"{field} needs a number, like {field}>=60", token.position) from None
    compare, get = _COMPARE[op], attrgetter(attrs[0])

    def pred(row) -> bool:
        have = get(row)
        if isinstance(have, bool) or not isinstance(have, (int, float)):
            return False
        return compare(have, number)
    return pred


_RELATIVE = re.compile(r"(\d+)([dwmy])$")


def _date_range(value: str, token: Token, today: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The half-open UTC interval a date value names: a day, a month, a year, or N days back."""
    utc = dt.timezone.utc
    m = _RELATIVE.match(value.lower())
    if m:
        days = int(m.group(1)) * {"d": 1, "w": 7, "m": 30, "y": 365}[m.group(2)]
        end = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), utc)
        try:
            return end - dt.timedelta(days=days), end
        except OverflowError:  # further back than the year 1 (date:3000000d raised): every date
            return dt.datetime.min.replace(tzinfo=utc), end
    if value.lower() == "today":
        start = dt.datetime.combine(today, dt.time(), utc)
        return start, start + dt.timedelta(days=1)
    try:
        if re.fullmatch(r"\d{4}", value):
            start = dt.datetime(int(value), 1, 1, tzinfo=utc)
            return start, start.replace(year=start.year + 1)
        if re.fullmatch(r"\d{4}-\d{1,2}", value):
            year, month = map(int, value.split("-"))
            start = dt.datetime(year, month, 1, tzinfo=utc)
            return start, (start.replace(year=year + 1, month=1) if month == 12 else start.replace(month=month + 1))
        day = dt.date.fromisoformat(value)
        start = dt.datetime.combine(day, dt.time(), utc)
        return start, start + dt.timedelta(days=1)
    except ValueError:
        raise SearchError("a date is written 2023-10-01, 2023-10, 2023, today or 7d", token.position) from None


def _date_term(attr: str, op: str, value: str, token: Token, today: dt.date) -> Predicate:
    start, end = _date_range(value, token, today)
    lo, hi = start.timestamp(), end.timestamp()
    tests = {":": lambda t: lo <= t < hi, "=": lambda t: lo <= t < hi, "!=": lambda t: not lo <= t < hi,
             ">=": lambda t: t >= lo, ">": lambda t: t >= hi, "<": lambda t: t < lo, "<=": lambda t: t < hi}
    if _RELATIVE.match(value.lower()) and op in (">=", ">"):
        test = tests[":"]  # date>=7d reads as "in the last 7 days"
    else:
        test = tests[op]
    get = attrgetter(attr)

    def pred(row) -> bool:
        seconds = get(row)
        return seconds is not None and test(seconds)
    return pred


def compile_query(text: str, today: dt.date | None = None, haystack: Callable[[object], str] = haystack_of,
                  topic_paths: Callable[[str, bool], set] | None = None,
                  review_of: Callable[[str], str] | None = None) -> Predicate:
    """A predicate over index rows; raises SearchError on a mistake. ``haystack`` gives a
    row's searchable text, casefolded (the window passes its cached one);
    ``topic_paths(name, wildcard)``, if given, the paths of the rows carrying a topic
    (casefolded name, or a * pattern): for a name, a set the caller keeps up to date as
    rows change (asked once); for a pattern, asked at each test. ``review_of(path)``, if
    given, an article's review state ("new", "reviewed" or "flagged") for review: terms."""
    return _Parser(tokenize(text), text, today or dt.date.today(), haystack, topic_paths, review_of).parse()


def paths_with_topic(index: dict[str, set], needle: str, wild: bool) -> set:
    """From an index casefolded topic -> paths: the paths for a name or a * pattern."""
    if not wild:
        return index.get(needle, set())
    out: set = set()
    for topic, paths in index.items():
        if fnmatch.fnmatchcase(topic, needle):
            out |= paths
    return out


def is_plain(text: str) -> bool:
    """Just words (no fields, quotes, operators): the quick path is enough."""
    try:
        tokens = tokenize(text)
    except SearchError:
        return False
    return all(t.kind == "term" and not t.field and not t.quoted for t in tokens)
