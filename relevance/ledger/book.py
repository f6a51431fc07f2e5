"""The ledger's contents: groups, their dated snapshots and the effort log.

:class:`Ledger` is the only code that reads or writes the tables (see :mod:`relevance.ledger.db`
for how the file is opened and kept safe). A group is one row however often it is recorded:
a new snapshot of a group is matched to it by ``id``, else by ``url``.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from relevance.display import first_of
from relevance.errors import UsageError
from relevance.ledger.db import connect, ledger_path, transaction, translate
from relevance.schema import Group
from relevance.text import fold


@dataclass(frozen=True)
class GroupRow:
    """A group in the ledger."""

    key: int
    id: str
    url: str | None
    title: str
    joined: bool | None
    joined_on: date | None


@dataclass(frozen=True)
class Snapshot:
    """A group as it was recorded on one day, with that day's scores."""

    day: date
    title: str
    description: str | None
    member_count: int | None
    members: list[dict[str, Any]]
    discussions: list[dict[str, Any]] | None
    scores: list[dict[str, Any]]
    topics: list[tuple[str, str, float]]
    """The discussions' heaviest terms: (term, the word shown for it, weight)."""

    @property
    def score(self) -> dict[str, Any]:
        """The result for the first goal it was scored against (empty when none)."""
        return self.scores[0] if self.scores else {}


@dataclass(frozen=True)
class Entry:
    """One logged stretch of effort in a group."""

    entry: str
    day: date
    hours: float
    connections: int = 0
    replies: int = 0
    posts: int = 0
    comments: int = 0
    note: str | None = None


def normalize_url(url: str | None) -> str | None:
    """A URL as compared: no surrounding space, scheme and host in lower case, no final ``/``."""
    if not url or not url.strip():
        return None
    text = url.strip()
    scheme, sep, rest = text.partition("://")
    if sep:
        host, slash, path = rest.partition("/")
        text = f"{scheme.lower()}://{host.lower()}{slash}{path}"
    return text.rstrip("/")


class Ledger:
    """An open ledger file.

    Parameters
    ----------
    path : str, Path or None, default=None
        The ledger; None means ``RELEVANCE_LEDGER`` or the user data folder.
    create : bool, default=False
        Create the file when it does not exist; else a missing ledger is an error.
    write : bool, default=False
        The caller will write: a read-only ledger is refused when opened, not half-way.

    Examples
    --------
    >>> with Ledger("my.ledger", create=True) as ledger:  # doctest: +SKIP
    ...     with ledger.writing():
    ...         ledger.log(ledger.find("fintech").key, date.today(), hours=1.5)
    """

    def __init__(
        self, path: str | Path | None = None, create: bool = False, write: bool = False
    ) -> None:
        self.path = ledger_path(path)
        self.conn = connect(self.path, create, write)

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file."""
        self.conn.close()

    @contextmanager
    def writing(self) -> Iterator[Ledger]:
        """The command's one transaction: everything in the block lands, or nothing does."""
        with transaction(self.conn, self.path):
            yield self

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        try:
            cursor = self.conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    def _run(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.Error as error:
            raise translate(error, self.path) from None

    # -- groups ---------------------------------------------------------------------------

    def groups(self) -> list[GroupRow]:
        """Every group, in the order first recorded."""
        return [_group(row) for row in self._rows("SELECT * FROM groups ORDER BY key")]

    def group_by_id_or_url(self, group_id: str, url: str | None) -> GroupRow | None:
        """The group with this id, else with this URL, else None."""
        rows = self._rows("SELECT * FROM groups WHERE id = ?", (group_id,))
        if not rows and normalize_url(url):
            rows = self._rows("SELECT * FROM groups WHERE url = ?", (normalize_url(url),))
        return _group(rows[0]) if rows else None

    def find(self, query: str) -> GroupRow:
        """The group named by ``query``: an id, a URL, or an unambiguous part of a title
        (accents and case folded: ``"oleicolas"`` finds "Oleícolas").

        Raises
        ------
        UsageError
            When no group or more than one matches.
        """
        text = query.strip()
        if not text:
            raise UsageError("the group is empty", hint="give an id, a URL or part of a title")
        found = self.group_by_id_or_url(text, text)
        if found:
            return found
        # Folded as the reasons print words: "oleicolas" finds "Oleícolas".
        needle = fold(text)
        matches = [g for g in self.groups() if needle in fold(g.title)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise UsageError(
                f"no group in the ledger {self.path} matches {query!r}",
                hint="see the groups with 'relevance review'; record new ones with "
                "'relevance record FILE'",
            )
        names = first_of([f"{g.id} ({g.title})" for g in matches])
        raise UsageError(
            f"{query!r} matches {len(matches)} groups: {names}",
            hint="give the group's id or more of its title",
        )

    def upsert_group(self, group: Group, day: date) -> tuple[GroupRow, bool]:
        """The ledger's row for ``group`` (matched by id, else URL), added or updated; and
        whether it is new. Membership given in the input wins over what the ledger knew."""
        found = self.group_by_id_or_url(group.id, group.url)
        url = normalize_url(group.url)
        if found is None:
            cursor = self._run(
                "INSERT INTO groups (id, url, title, joined, joined_on, created) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    group.id,
                    url,
                    group.title,
                    None if group.joined is None else int(group.joined),
                    _iso(group.joined_on),
                    day.isoformat(),
                ),
            )
            key = int(cursor.lastrowid or 0)
            new = True
        else:
            key = found.key
            joined = found.joined if group.joined is None else group.joined
            joined_on = group.joined_on or found.joined_on
            self._run(
                "UPDATE groups SET url = coalesce(?, url), title = ?, joined = ?, joined_on = ? "
                "WHERE key = ?",
                (
                    url,
                    group.title,
                    None if joined is None else int(joined),
                    _iso(joined_on),
                    key,
                ),
            )
            new = False
        row = self._rows("SELECT * FROM groups WHERE key = ?", (key,))[0]
        return _group(row), new

    def mark_joined(self, group: GroupRow, day: date) -> None:
        """Logging effort in a group means belonging to it; the first log day is the joining
        day when none was recorded."""
        if group.joined and group.joined_on:
            return
        self._run(
            "UPDATE groups SET joined = 1, joined_on = coalesce(joined_on, ?) WHERE key = ?",
            (day.isoformat(), group.key),
        )

    # -- snapshots ------------------------------------------------------------------------

    def add_snapshot(self, group_key: int, day: date, snapshot: Snapshot) -> None:
        """Keep a snapshot; a second one of the same group on the same day replaces the first."""
        self._run(
            "INSERT INTO snapshots (group_key, day, title, description, member_count, members, "
            "discussions, scores, topics) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (group_key, day) DO UPDATE SET title = excluded.title, "
            "description = excluded.description, member_count = excluded.member_count, "
            "members = excluded.members, discussions = excluded.discussions, "
            "scores = excluded.scores, topics = excluded.topics",
            (
                group_key,
                day.isoformat(),
                snapshot.title,
                snapshot.description,
                snapshot.member_count,
                _json(snapshot.members),
                None if snapshot.discussions is None else _json(snapshot.discussions),
                _json(snapshot.scores),
                _json([list(t) for t in snapshot.topics]),
            ),
        )

    def snapshots(self, group_key: int) -> list[Snapshot]:
        """A group's snapshots, oldest first."""
        rows = self._rows("SELECT * FROM snapshots WHERE group_key = ? ORDER BY day", (group_key,))
        return [_snapshot(row) for row in rows]

    # -- effort ---------------------------------------------------------------------------

    def log(self, group_key: int, entry: Entry) -> None:
        """Add one effort entry (an entry already in the ledger, by its id, is skipped)."""
        self._run(
            "INSERT INTO effort (entry, group_key, day, hours, connections, replies, posts, "
            "comments, note, logged_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (entry) DO NOTHING",
            (
                entry.entry,
                group_key,
                entry.day.isoformat(),
                entry.hours,
                entry.connections,
                entry.replies,
                entry.posts,
                entry.comments,
                entry.note,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )

    def entries(self, group_key: int, until: date | None = None) -> list[Entry]:
        """A group's effort entries, oldest first; up to ``until`` (inclusive) when given."""
        sql = "SELECT * FROM effort WHERE group_key = ?"
        params: list[Any] = [group_key]
        if until is not None:
            sql += " AND day <= ?"
            params.append(until.isoformat())
        rows = self._rows(sql + " ORDER BY day, key", params)
        return [_entry(row) for row in rows]

    def counts(self) -> dict[str, int]:
        """How many groups, snapshots and effort entries the ledger holds."""
        return {
            table: int(self._rows(f"SELECT count(*) AS n FROM {table}")[0]["n"])
            for table in ("groups", "snapshots", "effort")
        }


def new_entry_id() -> str:
    """A fresh effort entry id: export and import keep it, so importing twice adds nothing."""
    return uuid.uuid4().hex


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _group(row: sqlite3.Row) -> GroupRow:
    return GroupRow(
        key=row["key"],
        id=row["id"],
        url=row["url"],
        title=row["title"],
        joined=None if row["joined"] is None else bool(row["joined"]),
        joined_on=_day(row["joined_on"]),
    )


def _snapshot(row: sqlite3.Row) -> Snapshot:
    return Snapshot(
        day=date.fromisoformat(row["day"]),
        title=row["title"],
        description=row["description"],
        member_count=row["member_count"],
        members=json.loads(row["members"]),
        discussions=None if row["discussions"] is None else json.loads(row["discussions"]),
        scores=json.loads(row["scores"]),
        topics=[(str(t), str(w), float(v)) for t, w, v in json.loads(row["topics"])],
    )


def _entry(row: sqlite3.Row) -> Entry:
    return Entry(
        entry=row["entry"],
        day=date.fromisoformat(row["day"]),
        hours=float(row["hours"]),
        connections=int(row["connections"]),
        replies=int(row["replies"]),
        posts=int(row["posts"]),
        comments=int(row["comments"]),
        note=row["note"],
    )
