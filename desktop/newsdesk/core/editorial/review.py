"""Review state: which articles an editor has looked at, kept beside the site, never in it.

An article is NEW until an editor reviews it, REVIEWED once they have (any curation edit, or
"mark reviewed"), or FLAGGED for a second look. The site's files have no such field and must
never get one, so the state lives in one SQLite file per site in the user's data folder
(WAL mode: other windows and ``newsdesk index`` read it while a window writes; every mark is
committed at once, so a crash loses none).

A record remembers what the editor SAW: a short hash of each field that can make an article
"new again" when someone else changes it. The fields that count by default are
``REVIEW_FIELDS``: the title, the excerpt, the article's own addresses and its provider —
what an editor reads to judge an article. Not counted: the related list, images and heat
(a pipeline rewrites them every hour: counting them would reset every review), nor
published, quality and topics (the editor's own curation: setting them must not make their
own article new). Because a hash is kept per field, choosing other fields later (a
preference) does not reset the records made before.

A mark an unsaved edit made (any curation edit marks its article) is PENDING until the edit
is saved: the record it replaced is kept beside it, so discarding the edit (Revert, closing
without saving, the crash restore's Discard) takes back that mark and only that one. An
explicit mark (Enter, F, U on an unpublished article) is the editor's own and is never
taken back so. ``marks`` and ``restore`` read and write the exact state of an article
(record and pending mark), for undo.
"""
from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

REVIEW_FIELDS = ("title", "excerpt", "originalUrl", "webUrl", "provider")
# Every field a record hashes (a superset of what may be chosen to count).
SEEN_FIELDS = ("title", "excerpt", "originalUrl", "webUrl", "provider", "publishedDateTime", "category", "type")
SCHEMA = 1


class ReviewState(enum.Enum):
    NEW = "new"
    REVIEWED = "reviewed"
    FLAGGED = "flagged"

    @property
    def label(self) -> str:
        return {"new": "New", "reviewed": "Reviewed", "flagged": "Flagged"}[self.value]


def _field(source: object, name: str) -> object:
    if isinstance(source, Mapping):
        value = source.get(name)
        if name == "provider" and isinstance(value, Mapping):
            value = value.get("name")
        return value
    return getattr(source, name, None)  # an index row: provider is already its name


def _digest(value: object) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str, sort_keys=True)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def seen(source: object) -> dict[str, str]:
    """What an editor saw of an article (an index row or its data): a hash per field."""
    return {name: _digest(_field(source, name)) for name in SEEN_FIELDS}


def _key(rel: str) -> bytes:
    # Bytes, not text: a file name that is not UTF-8 (kept as surrogates) is a key like any other.
    return os.fsencode(rel)


def store_path(root: Path, data_dir: Path) -> Path:
    """The review file of the site at ``root``: one per folder, named so a user can tell."""
    root = Path(root).resolve()
    tag = hashlib.sha1(os.fsencode(str(root))).hexdigest()[:12]
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in root.name)[:40] or "site"
    return Path(data_dir) / "review" / f"{safe}-{tag}.sqlite3"


class ReviewStore:
    """The review records of one site. Cheap to ask for thousands of states at once."""

    def __init__(self, path: Path, fields: Iterable[str] = REVIEW_FIELDS):
        self.path = Path(path)
        self.fields = tuple(f for f in fields if f in SEEN_FIELDS) or REVIEW_FIELDS
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=10000")
        # seen: a hash per field of SEEN_FIELDS (JSON); sig: one hash over the fields that counted
        # when the record was made (named in sig_fields), so the usual check is one comparison.
        self._db.execute("CREATE TABLE IF NOT EXISTS review (path BLOB PRIMARY KEY, state TEXT NOT NULL, "
                         "seen TEXT NOT NULL, sig TEXT NOT NULL, sig_fields TEXT NOT NULL, at REAL NOT NULL)")
        self._sig_fields = ",".join(self.fields)
        self._db.execute("CREATE INDEX IF NOT EXISTS review_at ON review (at)")  # reviewed today
        # pending: an article whose record an unsaved edit made; before: the record it replaced
        # (JSON of its columns, or null). Gone once the edit is saved, or the mark made explicit.
        self._db.execute("CREATE TABLE IF NOT EXISTS pending (path BLOB PRIMARY KEY, before TEXT NOT NULL)")
        self._db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self._db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))

    def close(self) -> None:
        self._db.close()

    # ---- reading ---------------------------------------------------------------
    def _records(self, rels: list[str] | None = None) -> dict[bytes, tuple]:
        columns = "state, seen, sig, sig_fields"
        if rels is None:
            found = {bytes(path): tuple(rest)
                     for path, *rest in self._db.execute(f"SELECT path, {columns} FROM review").fetchall()}
        else:
            found = self._raw("review", columns, rels)
        return {path: rest for path, rest in found.items() if rest[0] in ("reviewed", "flagged")}

    def _sig(self, article: object) -> str:
        return _digest("\x1f".join(str(_field(article, name)) for name in self.fields))

    def _state(self, record: tuple | None, article: object) -> ReviewState:
        if record is None:
            return ReviewState.NEW  # never reviewed: nothing to hash
        state, seen_text, sig, sig_fields = record
        if sig_fields == self._sig_fields:
            return ReviewState(state) if sig == self._sig(article) else ReviewState.NEW
        try:  # other fields counted when it was made: compare field by field
            was = json.loads(seen_text)
        except ValueError:
            return ReviewState.NEW  # a damaged record is no record
        if not isinstance(was, dict):
            return ReviewState.NEW
        for name in self.fields:
            if was.get(name) != _digest(_field(article, name)):
                return ReviewState.NEW  # someone changed what the editor judged
        return ReviewState(state)

    def states(self, articles: Mapping[str, object]) -> dict[str, ReviewState]:
        """The state of each article: ``{rel: row or data}`` -> ``{rel: ReviewState}``."""
        rels = list(articles)
        records = self._records(None if len(rels) > 2000 else rels)
        return {rel: self._state(records.get(_key(rel)), articles[rel]) for rel in rels}

    def state(self, rel: str, article: object) -> ReviewState:
        return self.states({rel: article})[rel]

    def reviewed_since(self, since: float) -> int:
        """How many articles were marked reviewed at or after ``since`` (POSIX seconds)."""
        (n,) = self._db.execute("SELECT COUNT(*) FROM review WHERE state = 'reviewed' AND at >= ?",
                                (since,)).fetchone()
        return n

    def reviewed_today(self, now: dt.datetime | None = None) -> int:
        now = now or dt.datetime.now().astimezone()
        midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return self.reviewed_since(midnight.timestamp())

    def _raw(self, table: str, columns: str, rels: list[str]) -> dict[bytes, tuple]:
        rows = []
        keys = [_key(r) for r in rels]
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows += self._db.execute(f"SELECT path, {columns} FROM {table} WHERE path IN ({marks})", chunk).fetchall()
        return {bytes(path): tuple(rest) for path, *rest in rows}

    def marks(self, rels: Iterable[str]) -> dict[str, tuple]:
        """The exact mark of each article: (its record's columns or None, its pending mark's
        JSON or None), for ``restore``."""
        rels = list(rels)
        records = self._raw("review", "state, seen, sig, sig_fields, at", rels)
        pending = self._raw("pending", "before", rels)
        return {rel: (records.get(_key(rel)), (pending.get(_key(rel)) or (None,))[0]) for rel in rels}

    # ---- writing ---------------------------------------------------------------
    def restore(self, marks: Mapping[str, tuple]) -> None:
        """Give each article the mark ``marks`` read (undo and redo of a mark)."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            for rel, (record, pending) in marks.items():
                key = _key(rel)
                if record is None:
                    self._db.execute("DELETE FROM review WHERE path = ?", (key,))
                else:
                    self._db.execute("INSERT OR REPLACE INTO review (path, state, seen, sig, sig_fields, at) "
                                     "VALUES (?, ?, ?, ?, ?, ?)", (key, *record))
                if pending is None:
                    self._db.execute("DELETE FROM pending WHERE path = ?", (key,))
                else:
                    self._db.execute("INSERT OR REPLACE INTO pending (path, before) VALUES (?, ?)", (key, pending))

    def mark(self, articles: Mapping[str, object], state: ReviewState, by_edit: bool = False) -> None:
        """Record ``state`` for each article as it is now (NEW forgets the records).
        ``by_edit``: an unsaved edit marks them (pending until saved; the records replaced are
        kept, the first ones where an earlier edit marked them already); else an explicit mark."""
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            keys = [(_key(r),) for r in articles]
            if by_edit:
                old = self._raw("review", "state, seen, sig, sig_fields, at", list(articles))
                self._db.executemany("INSERT OR IGNORE INTO pending (path, before) VALUES (?, ?)",
                                     [(k, json.dumps(old.get(k))) for (k,) in keys])
            else:
                self._db.executemany("DELETE FROM pending WHERE path = ?", keys)
            if state is ReviewState.NEW:
                self._db.executemany("DELETE FROM review WHERE path = ?", keys)
                return
            stamp = time.time()
            self._db.executemany(
                "INSERT OR REPLACE INTO review (path, state, seen, sig, sig_fields, at) VALUES (?, ?, ?, ?, ?, ?)",
                [(_key(rel), state.value, json.dumps(seen(a)), self._sig(a), self._sig_fields, stamp)
                 for rel, a in articles.items()])

    def keep(self, rels: Iterable[str]) -> None:
        """The marks their edits made are the editor's now: the edits were saved, or the
        mark made again explicitly."""
        with self._db:
            self._db.executemany("DELETE FROM pending WHERE path = ?", [(_key(r),) for r in rels])

    def take_back(self, rels: Iterable[str]) -> list[str]:
        """The unsaved edits of these articles are discarded: each mark an edit made goes,
        the record before it comes back. The articles whose mark changed are returned."""
        rels = list(rels)
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            pending = self._raw("pending", "before", rels)
            back = []
            for rel in rels:
                found = pending.get(_key(rel))
                if found is None:
                    continue
                try:
                    before = json.loads(found[0])
                except ValueError:
                    before = None  # a damaged record is no record
                key = _key(rel)
                if isinstance(before, list) and len(before) == 5:
                    self._db.execute("INSERT OR REPLACE INTO review (path, state, seen, sig, sig_fields, at) "
                                     "VALUES (?, ?, ?, ?, ?, ?)", (key, *before))
                else:
                    self._db.execute("DELETE FROM review WHERE path = ?", (key,))
                self._db.execute("DELETE FROM pending WHERE path = ?", (key,))
                back.append(rel)
        return back

    def toggle_flag(self, articles: Mapping[str, object]) -> ReviewState:
        """Flag the articles, or, if all of them are flagged already, mark them reviewed."""
        now = self.states(articles)
        target = (ReviewState.REVIEWED if now and all(s is ReviewState.FLAGGED for s in now.values())
                  else ReviewState.FLAGGED)
        self.mark(articles, target)
        return target

    def moved(self, old: str, new: str) -> None:
        """An article renamed on disk keeps its record."""
        with self._db:
            self._db.execute("UPDATE OR REPLACE review SET path = ? WHERE path = ?", (_key(new), _key(old)))
            self._db.execute("UPDATE OR REPLACE pending SET path = ? WHERE path = ?", (_key(new), _key(old)))
