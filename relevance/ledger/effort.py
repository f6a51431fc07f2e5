"""Effort from the ledger for ``score`` and ``explain``: no hand-written ``effort`` needed.

A group the ledger knows (by id or URL) that the user logged time in gets, when its input record
has no ``effort`` of its own, the totals of its log (up to the scoring day), ``joined`` and
``joined_on``. The input file wins when it gives an ``effort``; :meth:`EffortSource.note` says
which groups took which, for the command line to print.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from relevance.io.formats import PENDING, RawRecord
from relevance.ledger.book import Entry, Ledger, normalize_url
from relevance.ledger.db import ledger_path
from relevance.schema import Effort, Group


@dataclass(frozen=True)
class LoggedEffort:
    """A group's logged totals."""

    hours: float
    connections: int
    replies: int
    posts: int
    comments: int
    joined_on: date | None

    def as_dict(self) -> dict[str, Any]:
        """The input schema's ``effort`` object."""
        return {
            "hours": round(self.hours, 4),
            "connections": self.connections,
            "replies": self.replies,
            "posts": self.posts,
            "comments": self.comments,
        }


def totals(entries: list[Entry], joined_on: date | None) -> LoggedEffort:
    """The sums of a group's entries."""
    return LoggedEffort(
        hours=sum(e.hours for e in entries),
        connections=sum(e.connections for e in entries),
        replies=sum(e.replies for e in entries),
        posts=sum(e.posts for e in entries),
        comments=sum(e.comments for e in entries),
        joined_on=joined_on or (entries[0].day if entries else None),
    )


@dataclass
class EffortSource:
    """The logged effort of every group of a ledger, by id and by URL.

    Parameters
    ----------
    path : Path
        The ledger it came from (named in :meth:`note`).
    by_key : dict of str to LoggedEffort
        Ids and normalized URLs to totals.
    """

    path: Path
    by_key: dict[str, LoggedEffort]
    from_ledger: list[str] = field(default_factory=list)
    from_input: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A JSON Lines line is only parsed here when it could name a ledger group: one
        # substring test per key (C-speed, unlike a regular expression of alternatives).
        self._needles = tuple({json.dumps(k, ensure_ascii=False)[1:-1] for k in self.by_key})

    def _could_match(self, text: str) -> bool:
        return any(needle in text for needle in self._needles)

    def lookup(self, group_id: Any, url: Any) -> LoggedEffort | None:
        """The totals of the group with this id, else this URL."""
        found = self.by_key.get(str(group_id)) if group_id not in (None, "") else None
        if found is None and isinstance(url, str):
            found = self.by_key.get(normalize_url(url) or "")
        return found

    def fill(self, value: Any) -> Any:
        """A group record (a dict in the input schema) with the ledger's effort filled in."""
        if not isinstance(value, Mapping) or value.get("joined") in (False, "false", "no", "0"):
            return value
        logged = self.lookup(value.get("id"), value.get("url"))
        if logged is None:
            return value
        name = str(value.get("id") or value.get("title"))
        own = value.get("effort")
        if isinstance(own, Mapping) and any(v not in (None, "") for v in own.values()):
            self.from_input.append(name)
            return value
        filled = dict(value)
        filled["effort"] = logged.as_dict()
        if filled.get("joined") in (None, ""):
            filled["joined"] = True
        if filled.get("joined_on") in (None, "") and logged.joined_on:
            filled["joined_on"] = logged.joined_on.isoformat()
        self.from_ledger.append(name)
        return filled

    def fill_record(self, record: RawRecord) -> RawRecord:
        """:meth:`fill` for a raw file record (a JSON Lines line is parsed only if it names a
        group the ledger knows)."""
        if record.error is not None:
            return record
        value = record.value
        if value is PENDING:
            text = record.source_text or ""
            if not self._could_match(text):
                return record
            try:
                value = json.loads(text)
            except ValueError:
                return record  # the scoring reports it, located
        filled = self.fill(value)
        if filled is value and record.value is not PENDING:
            return record
        return replace(record, value=filled)  # a CSV's columns kept

    def fill_group(self, group: Group) -> Group:
        """:meth:`fill` for a validated group."""
        if group.joined is False:
            return group
        logged = self.lookup(group.id, group.url)
        if logged is None:
            return group
        if group.effort is not None and group.effort.hours is not None:
            self.from_input.append(group.id)
            return group
        self.from_ledger.append(group.id)
        return replace(
            group,
            effort=Effort(
                logged.hours, logged.posts, logged.comments, logged.connections, logged.replies
            ),
            joined=True,
            joined_on=group.joined_on or logged.joined_on,
        )

    def note(self) -> str | None:
        """Which groups took their effort from the ledger and which from the input file."""
        parts = []
        if self.from_ledger:
            parts.append(
                f"effort of {_count(self.from_ledger)} from the ledger {self.path} "
                f"({_names(self.from_ledger)})"
            )
        if self.from_input:
            parts.append(
                f"the input file's own effort kept for {_count(self.from_input)} "
                f"also in the ledger ({_names(self.from_input)})"
            )
        return "Ledger: " + "; ".join(parts) + "." if parts else None


def effort_source(path: str | Path | None = None, until: date | None = None) -> EffortSource | None:
    """The logged effort of the ledger, or None when there is no ledger (or no log in it).

    Parameters
    ----------
    path : str, Path or None, default=None
        The ledger (``--ledger``); None means ``RELEVANCE_LEDGER`` or the user data folder.
    until : date or None, default=None
        Count entries up to this day (the scoring day), inclusive; None counts all.

    Raises
    ------
    LedgerError
        When a file is there but is not a ledger, or is one from a newer version.
    """
    where = ledger_path(path)
    if not where.exists():
        return None
    by_key: dict[str, LoggedEffort] = {}
    with Ledger(where) as ledger:
        for group in ledger.groups():
            entries = ledger.entries(group.key, until)
            if not entries or group.joined is False:
                continue
            logged = totals(entries, group.joined_on)
            by_key[group.id] = logged
            if group.url:
                by_key.setdefault(group.url, logged)
    return EffortSource(where, by_key) if by_key else None


def _count(names: list[str]) -> str:
    return f"{len(names)} group" + ("" if len(names) == 1 else "s")


def _names(names: list[str], limit: int = 5) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
