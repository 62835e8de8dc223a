"""The library as the table shows it: its rows in the sort order, the search box's filter
over them, and the search texts and topic index the filter reads. Qt-free, like
calibre's ``db/view.py``: the table model maps its rows to this order and the filter
proxy asks it what is shown; neither reorders nor changes the library's rows.

Speed at 100k rows is the point of most of what is here: sort keys are made once per
sort (in chunks, for a caller that spreads the work over event-loop turns), searches
of plain words are one list comprehension per word over the kept search texts, and a
query that narrows the last one (typing on) looks only at the rows that one kept.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import itemgetter

from newsdesk.core.editorial.search import compile_query, haystack_of, is_plain, paths_with_topic
from newsdesk.core.indexing.index import Row
from newsdesk.core.library.positions import PositionMap

ALL, UNPUBLISHED, PUBLISHED_ONLY = range(3)
MORE, AGAIN, DONE = "more", "again", "done"  # what a step of a sort in steps says


class SortInSteps:
    """A sort whose keys are made ``chunk`` rows per ``step`` (then one step for the order):
    the caller runs a step per event-loop turn, then ``view.reorder(self.order)``. Rows
    edited meanwhile (``touched``) get their keys again."""

    def __init__(self, view: LibraryView, key: Callable[[Row], object], reverse: bool, chunk: int):
        self.view, self.key, self.reverse, self.chunk = view, key, reverse, chunk
        self.rows, self.count = view.rows, len(view.rows)
        self.keys: list = []
        self.touched: set[str] = set()
        self.order: list[int] | None = None

    def let_go(self) -> None:
        """The sort is over: drop the rows it sorted and their keys. (A caller's steps may
        keep this object in a cycle until the collector's next full pass, and the rows were
        the list from before the sort: a 50k folder let go stayed whole in memory, +80 MB
        after opening another one.)"""
        self.rows, self.keys, self.order, self.touched = [], [], None, set()

    def step(self) -> str:
        """MORE: call again; AGAIN: rows came, went or moved, start a new sort; DONE:
        ``order`` is ready."""
        rows, keys = self.rows, self.keys
        if self.view.rows is not rows or len(rows) != self.count:
            return AGAIN
        if len(keys) < len(rows):
            keys.extend(map(self.key, rows[len(keys):len(keys) + self.chunk]))
            return MORE
        if self.touched or self.order is None:
            for rel in self.touched:
                n = self.view.position(rel)
                keys[n] = self.key(rows[n])
            self.touched = set()
            self.order = order_of(keys, self.reverse)
            return MORE
        return DONE


def order_of(keys: list, reverse: bool = False) -> list[int]:
    """The order (``order[new] = old``) that sorts ``keys``: Python's sort over made keys."""
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=reverse)


def moved_to(order: list[int], olds: Iterable[int]) -> dict[int, int] | list[int]:
    """Where each of the positions ``olds`` goes in ``order`` (old -> new)."""
    olds = set(olds)
    if len(olds) <= 64:  # the usual few (current row, selection corners): a C scan each
        return {old: order.index(old) for old in olds}
    new_position = [0] * len(order)
    for new, old in enumerate(order):
        new_position[old] = new
    return new_position


def _new(rel: str) -> str:
    return "new"


class LibraryView:
    def __init__(self) -> None:
        self.rows: list[Row] = []  # the library's rows (the same objects), in this view's order
        self._places = PositionMap()  # rel -> place here
        self._search: dict[str, str] = {}       # search text by path
        self._hays: list[str] | None = []       # the same in row order, kept up; None: rebuild
        self._topic_index: dict[str, set] = {}  # casefolded topic -> paths, kept up to date
        self._row_topics: dict[str, tuple] = {}  # path -> its casefolded topics, to undo them
        self._unindexed: list[Row] = []  # rows added whose topics are not indexed yet...
        self._indexed = 0                # ...of which this many are (see index_topics)
        self._live = False               # a search has the index: rows added are indexed as they come
        self.review_of: Callable[[str], str] = _new  # the review desk's, once there
        self.sorting: SortInSteps | None = None

    def __len__(self) -> int:
        return len(self.rows)

    # ---- rows come, change and go ---------------------------------------------------
    def add(self, rows: list[Row], texts: list[str | None] | None = None) -> None:
        """Rows added to the library, shown at the end; ``texts``, their search texts as
        made already (by the worker processes), an item None for a row whose text is
        made later (``make_texts`` after a load, or the first search that needs it);
        None: all made now. Their topics are indexed when the index is first needed, or
        by ``make_texts`` after a load (~5 ms of the ~8 ms a warm 4,614-row folder's rows
        took to reach the table)."""
        if not rows:
            return
        first = len(self.rows)
        texts = texts or [haystack_of(row) for row in rows]
        search = self._search
        for row, text in zip(rows, texts, strict=True):  # one loop, no call per row: 100k rows come this way
            if text is not None:
                search[row.path] = text  # ready before the first search
            else:
                search.pop(row.path, None)  # (a row read again: not its old text)
        self._unindexed.extend(rows)
        if self._live:  # a search holds the index: it is kept up at once
            self.index_topics()
        if self._hays is not None and len(self._hays) == first and None not in texts:
            self._hays.extend(texts)
        else:
            self._hays = None
        self.rows.extend(rows)

    def index_topics(self, count: int | None = None) -> bool:
        """Put ``count`` (None: all) of the rows added since into the topic index; True
        once none is left."""
        pending = self._unindexed
        if not pending:
            return True
        stop = len(pending) if count is None else min(len(pending), self._indexed + count)
        index, row_topics = self._topic_index, self._row_topics
        for row in pending[self._indexed:stop]:
            path = row.path
            if path in row_topics:
                self._index_topics(row)
                continue
            topics = tuple({t.casefold() for t in row.topics if isinstance(t, str)})
            row_topics[path] = topics
            for topic in topics:
                paths = index.get(topic)
                if paths is None:
                    index[topic] = {path}
                else:
                    paths.add(path)
        if stop < len(pending):
            self._indexed = stop
            return False
        self._unindexed, self._indexed = [], 0
        return True

    def move_tail(self, count: int, position: int) -> None:
        """Move the last ``count`` rows (just added) to ``position``: a file new on disk
        goes where the sort puts it (core.library.placing), not at the bottom."""
        rows = self.rows
        if count <= 0 or position >= len(rows) - count:
            return
        for kept in (rows, self._hays if self._hays is not None and len(self._hays) == len(rows) else None):
            if kept is not None:
                tail = kept[-count:]
                del kept[-count:]
                kept[position:position] = tail
        if self._hays is not None and len(self._hays) != len(rows):
            self._hays = None
        self._places.forget()

    def changed(self, rels: Iterable[str]) -> list[int]:
        """These rows' values changed (an edit, a save): their places here."""
        rels = list(rels)
        if self.sorting is not None:
            self.sorting.touched.update(rels)
        out = []
        self.index_topics()
        rows, hays = self.rows, self._hays
        for rel in rels:
            n = self.position(rel)
            self._index_topics(rows[n])
            self._search.pop(rel, None)
            if hays is not None and len(hays) == len(rows):
                hays[n] = self.haystack(rows[n])
            out.append(n)
        return out

    def replace(self, rows: list[Row]) -> list[int]:
        """Rows read again (a file changed on disk) in the places of those of their paths."""
        for row in rows:
            self.rows[self.position(row.path)] = row
        return self.changed([row.path for row in rows])

    def drop(self, position: int) -> None:
        """Take one row out (the library let it go)."""
        row = self.rows.pop(position)
        if self._hays is not None and len(self._hays) == len(self.rows) + 1:
            del self._hays[position]
        else:
            self._hays = None
        self._search.pop(row.path, None)
        self._unindex_topics(row.path)
        self._places.forget()

    def discard(self, rels: Iterable[str]) -> None:
        """Take out the rows of these paths that are still here (one pass)."""
        self.index_topics()
        gone = {rel for rel in rels if rel in self._row_topics}  # every row's path is a key there
        if not gone:
            return
        self.rows[:] = [row for row in self.rows if row.path not in gone]
        for rel in gone:
            self._search.pop(rel, None)
            self._unindex_topics(rel)
        self._hays = None
        self._places.forget()

    def clear(self) -> None:
        """Let go of every row, search text and topic (the folder is let go)."""
        self.rows.clear()
        self._search, self._hays = {}, None
        self._places.clear()
        self._topic_index, self._row_topics = {}, {}
        self._unindexed, self._indexed, self._live = [], 0, False
        self.sorting = None
        self.review_of = _new  # and of the review desk's function (it holds the library: a cycle)

    # ---- where each row is ------------------------------------------------------------
    def positions(self) -> dict[str, int]:
        return self._places.of(self.rows)

    def map_positions(self, count: int) -> bool:
        """Map ``count`` more rows' paths to their places (after a reorder the map is made
        anew); True once every row is mapped (for a caller that spreads the work out)."""
        return self._places.make(self.rows, count)

    def position(self, rel: str) -> int:
        return self.positions()[rel]

    # ---- sort order ------------------------------------------------------------------
    def order_for(self, key: Callable[[Row], object], reverse: bool = False) -> list[int] | None:
        """The order that sorts the rows by ``key`` (None: they are in it already)."""
        if len(self.rows) < 2:
            return None
        order = order_of([key(row) for row in self.rows], reverse)
        return None if order == list(range(len(order))) else order

    def sort_in_steps(self, key: Callable[[Row], object], reverse: bool, chunk: int) -> SortInSteps:
        self.sorting = SortInSteps(self, key, reverse, chunk)
        return self.sorting

    def reorder(self, order: list[int]) -> None:
        """Put the rows in a new order (``order[new] = old``); what is kept in row order
        follows, at C speed."""
        many = len(order) > 1
        self.rows = list(itemgetter(*order)(self.rows)) if many else [self.rows[i] for i in order]
        if self._hays is not None and len(self._hays) == len(order):
            self._hays = list(itemgetter(*order)(self._hays)) if many else [self._hays[i] for i in order]
        else:
            self._hays = None
        self._places.forget()

    # ---- search texts and topics --------------------------------------------------
    def haystack(self, row: Row) -> str:
        """What words search: title, excerpt, provider, topics, casefolded (cached)."""
        text = self._search.get(row.path)
        if text is None:
            text = self._search[row.path] = haystack_of(row)
        return text

    def make_texts(self, start: int, count: int) -> int:
        """Make the search texts that rows ``start`` to ``start + count`` lack (a caller
        spreads them over event-loop turns after a load: the loading thread leaves them,
        ~6 ms of its ~50 for a warm 4,614-row folder); the row to go on from, ``len(self)``
        once done, when the texts in row order are kept too. Rows reordered meanwhile
        lose nothing: what is still lacking is made when a search needs it."""
        self.index_topics(count)
        rows, search = self.rows, self._search
        stop = min(len(rows), start + count)
        for row in rows[start:stop]:
            if row.path not in search:
                search[row.path] = haystack_of(row)
        if stop >= len(rows):
            self.haystacks()
        return stop

    def haystacks(self) -> list[str]:
        """Every row's search text, in row order: kept between searches, made again after a change."""
        if self._hays is None or len(self._hays) != len(self.rows):
            get = self._search.get
            out = [get(row.path) for row in self.rows]
            if None in out:
                out = [self.haystack(row) for row in self.rows]
            self._hays = out
        return self._hays

    def topic_paths(self, needle: str, wild: bool) -> set:
        """The paths of the rows carrying a topic (topic: searches become a set lookup per
        row). For a whole name the set is live: edits, and the rows added from now on,
        go on updating it."""
        self._live = True
        self.index_topics()
        if wild:
            return paths_with_topic(self._topic_index, needle, True)
        return self._topic_index.setdefault(needle, set())

    def _index_topics(self, row: Row) -> None:
        old = self._row_topics.get(row.path, ())
        new = tuple({t.casefold() for t in row.topics if isinstance(t, str)})
        if old == new:
            return
        for topic in old:
            self._topic_index.get(topic, set()).discard(row.path)
        for topic in new:
            self._topic_index.setdefault(topic, set()).add(row.path)
        self._row_topics[row.path] = new

    def _unindex_topics(self, rel: str) -> None:
        self.index_topics()
        for topic in self._row_topics.pop(rel, ()):
            self._topic_index.get(topic, set()).discard(rel)

    def paths_at(self, positions: Iterable[int]) -> set[str]:
        rows = self.rows
        return {rows[n].path for n in positions}

    def places_of(self, paths: set[str]) -> list[int]:
        """The places of the rows of these paths, ascending."""
        return [n for n, row in enumerate(self.rows) if row.path in paths]

    def rows_at(self, positions: Iterable[int] | None) -> list[Row]:
        """The rows at these places (None: every row), in order: a copy."""
        rows = self.rows
        return list(rows) if positions is None else [rows[n] for n in positions]


class Filter:
    """The search box's query and the All / Unpublished / Published switch, over a view:
    which of its rows are shown. One per proxy (two proxies may filter one view apart)."""

    def __init__(self, view: LibraryView, text: str = "", state: int = ALL):
        self.view = view
        self.text, self.state = "", state
        self._match = None                   # the compiled query; None: everything
        self.words: list[str] | None = None  # the query, when it is plain words: a faster pass
        self.set_text(text)

    def over(self, view: LibraryView) -> Filter:
        """The same filter over another view (another folder's: the search box keeps its text)."""
        return Filter(view, self.text, self.state)

    def set_text(self, text: str) -> bool | None:
        """Filter by a query of the search language (core.editorial.search); a mistake
        raises SearchError and leaves the filter as it was. None: the query is the one
        in force; else whether it narrows that one (typing on: each old word is within a
        new one), so that only the rows it kept need a look."""
        text = text.strip()
        if text == self.text:
            return None
        match = self._compile(text)
        words = text.casefold().split() if text and is_plain(text) else None
        narrower = (words is not None and self.words is not None
                    and all(any(old in new for new in words) for old in self.words))
        self.text, self._match, self.words = text, match, words
        return narrower

    def set_state(self, state: int) -> bool:
        """All / unpublished / published only; whether that changed anything."""
        changed, self.state = state != self.state, state
        return changed

    def _compile(self, text: str):
        if not text:
            return None
        view = self.view
        return compile_query(text, haystack=view.haystack, topic_paths=view.topic_paths,
                             review_of=lambda rel: view.review_of(rel))

    def active(self) -> bool:
        return self.state != ALL or self._match is not None

    def accepts(self, row: Row) -> bool:
        if self.state != ALL and (row.published is True) != (self.state == PUBLISHED_ONLY):
            return False
        return self._match is None or self._match(row)

    def accepts_at(self, position: int) -> bool:
        return self.accepts(self.view.rows[position])

    def filtered(self, within: list[int] | None = None, known: Iterable[str] = ()) -> list[int] | None:
        """The places of the rows the filter lets through, ascending (None: all). Given
        ``within``, only those are looked at: the rows a query that this one narrows
        kept, which hold the ``known`` words already (and passed the same switch)."""
        if not self.active():
            return None
        rows = self.view.rows
        if self.words is not None:
            # Plain words: a list comprehension per word over the kept texts, no call per
            # row into the query (100k rows: ~30 ms against ~150 ms).
            hays = self.view.haystacks()
            words = self.words
            # typing on: only the rows the last words kept, for the words that are new
            # (100k rows, "data" after "dat": 32 ms against 76 over every row)
            if within is not None:
                known = set(known)
                keep, words = within, [w for w in words if w not in known]
            else:
                keep = range(len(rows))
                if self.state != ALL:
                    wanted = self.state == PUBLISHED_ONLY
                    keep = [n for n in keep if (rows[n].published is True) == wanted]
            for word in words:
                keep = ([n for n, h in enumerate(hays) if word in h] if isinstance(keep, range)
                        else [n for n in keep if word in hays[n]])
            return list(keep)
        candidates = range(len(rows)) if within is None or len(within) > len(rows) // 3 else within
        if self.state == ALL:
            match = self._match
            return [n for n in candidates if match(rows[n])]
        accepts = self.accepts
        return [n for n in candidates if accepts(rows[n])]

    def accepted_in(self, first: int, last: int) -> list[int]:
        """Of the places first..last, those the filter lets through."""
        accepts, rows = self.accepts, self.view.rows
        return [n for n in range(first, last + 1) if accepts(rows[n])]

