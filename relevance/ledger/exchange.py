"""Export and import of a whole ledger, as JSON Lines or CSV.

A record a line (a row), each with a ``kind``: ``group`` (``id``, ``url``, ``title``,
``joined``, ``joined_on``), ``snapshot`` (``group``, ``day`` and the snapshot's fields) and
``effort`` (``group``, ``entry``, ``day``, ``hours``, ``connections``, ``replies``, ``posts``,
``comments``, ``note``). In CSV a snapshot's fields other than ``title`` are one JSON cell,
``snapshot``. Import is one transaction (a bad record anywhere imports nothing) and idempotent:
groups are matched by id or URL, snapshots by group and day, effort entries by ``entry``.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterator, Mapping
from datetime import date
from typing import IO, Any

from relevance.errors import InputError, UsageError
from relevance.ledger.book import Entry, Ledger, Snapshot, new_entry_id
from relevance.schema import Group

FORMATS = ("jsonl", "csv")
CSV_COLUMNS = (
    "kind", "group", "url", "title", "joined", "joined_on", "day", "entry", "hours",
    "connections", "replies", "posts", "comments", "note", "snapshot",
)  # fmt: skip
_SNAPSHOT_FIELDS = ("description", "member_count", "members", "discussions", "scores", "topics")


def export_records(ledger: Ledger) -> Iterator[dict[str, Any]]:
    """Every group, then its snapshots and effort entries, oldest first."""
    for group in ledger.groups():
        yield {
            "kind": "group",
            "group": group.id,
            "url": group.url,
            "title": group.title,
            "joined": group.joined,
            "joined_on": None if group.joined_on is None else group.joined_on.isoformat(),
        }
        for s in ledger.snapshots(group.key):
            yield {
                "kind": "snapshot",
                "group": group.id,
                "day": s.day.isoformat(),
                "title": s.title,
                "description": s.description,
                "member_count": s.member_count,
                "members": s.members,
                "discussions": s.discussions,
                "scores": s.scores,
                "topics": [list(t) for t in s.topics],
            }
        for e in ledger.entries(group.key):
            yield {
                "kind": "effort",
                "group": group.id,
                "entry": e.entry,
                "day": e.day.isoformat(),
                "hours": e.hours,
                "connections": e.connections,
                "replies": e.replies,
                "posts": e.posts,
                "comments": e.comments,
                "note": e.note,
            }


def write_export(records: Iterator[dict[str, Any]], stream: IO[str], fmt: str) -> int:
    """Write records as ``jsonl`` or ``csv``; returns how many."""
    count = 0
    if fmt == "jsonl":
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
        return count
    writer = csv.DictWriter(stream, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records:
        row = {k: _cell(v) for k, v in record.items() if k not in _SNAPSHOT_FIELDS}
        if record["kind"] == "snapshot":
            row["snapshot"] = json.dumps(
                {k: record[k] for k in _SNAPSHOT_FIELDS}, ensure_ascii=False
            )
        writer.writerow(row)
        count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def read_import(stream: IO[str], fmt: str, source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The records of an export file, with their location (``line N``)."""
    if fmt == "jsonl":
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as error:
                raise InputError(
                    f"not valid JSON ({error})", source=source, location=f"line {number}"
                ) from None
            if not isinstance(value, dict):
                raise InputError("a record must be a JSON object", source, f"line {number}")
            yield f"line {number}", value
        return
    reader = csv.DictReader(stream)
    missing = [c for c in ("kind", "group") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(
            f"not a ledger export: no {' or '.join(missing)} column", source, "line 1",
            hint="export one with 'relevance ledger export --format csv'",
        )  # fmt: skip
    for row in reader:
        record: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items() if k}
        if record.get("snapshot"):
            try:
                record.update(json.loads(record.pop("snapshot")))
            except ValueError as error:
                raise InputError(
                    f"'snapshot' is not valid JSON ({error})",
                    source,
                    f"line {reader.line_num}",
                    field="snapshot",
                ) from None
        yield f"line {reader.line_num}", record


def import_records(
    ledger: Ledger,
    records: Iterator[tuple[str, dict[str, Any]]],
    source: str,
    today: date | None = None,
) -> dict[str, int]:
    """Import export records in one transaction; returns counts added per kind.

    Parameters
    ----------
    ledger : Ledger
        The ledger to add to.
    records : iterator of (str, dict)
        The records with their locations (:func:`read_import`).
    source : str
        The file, for errors.
    today : date or None, default=None
        The day of the import (None: the computer's date). A ``day`` or ``joined_on`` after it
        is bad data, as ``log --date`` refuses one: it is a typo or a clock that was wrong, and
        would count effort in weeks to come.

    Raises
    ------
    InputError
        At the first bad record, naming its line and field; nothing is imported then.
    """
    today = today or date.today()
    before = ledger.counts()
    with ledger.writing():
        for location, record in records:
            try:
                _import_one(ledger, record, today)
            except InputError as error:
                raise error.located(source, location) from None
    after = ledger.counts()
    return {k: after[k] - before[k] for k in after}


def _import_one(ledger: Ledger, record: Mapping[str, Any], today: date) -> None:
    kind = record.get("kind")
    group_id = _text(record, "group", required=True)
    if kind == "group":
        group = Group.from_dict(
            {
                "id": group_id,
                "title": _text(record, "title", required=True),
                "url": record.get("url"),
                "joined": record.get("joined"),
                "joined_on": record.get("joined_on"),
            },
            today=today,  # a joined_on after it is refused, as in a group file
        )
        ledger.upsert_group(group, group.joined_on or today)
        return
    row = ledger.group_by_id_or_url(str(group_id), None)
    if row is None:
        raise InputError(
            f"group {group_id!r} has no 'group' record before it", field="group",
            hint="a ledger export lists each group before its snapshots and effort",
        )  # fmt: skip
    day = _day(record.get("day"))
    if day is None:
        raise InputError("'day' is required (an ISO date such as 2026-11-29)", field="day")
    if day > today:
        raise InputError(
            f"'day' {day.isoformat()} is after today ({today.isoformat()})",
            field="day",
            hint="check the year and the month: snapshots and effort are dated on or before "
            "the day of the import",
        )
    if kind == "snapshot":
        ledger.add_snapshot(row.key, day, _snapshot(record, day))
    elif kind == "effort":
        ledger.log(row.key, _entry(record, day))
    else:
        raise InputError(f"'kind' must be group, snapshot or effort, got {kind!r}", field="kind")


def _snapshot(record: Mapping[str, Any], day: date) -> Snapshot:
    topics = record.get("topics") or []
    try:
        parsed = [(str(t), str(w), float(v)) for t, w, v in topics]
    except (TypeError, ValueError):
        raise InputError(
            "'topics' must be a list of [term, word, weight]", field="topics"
        ) from None
    for name in ("members", "scores"):
        if not isinstance(record.get(name) or [], list):
            raise InputError(f"'{name}' must be a list", field=name)
    count = record.get("member_count")
    return Snapshot(
        day=day,
        title=_text(record, "title", required=True) or "",
        description=_text(record, "description"),
        member_count=None if count is None else _whole(count, "member_count"),
        members=list(record.get("members") or []),
        discussions=record.get("discussions"),
        scores=list(record.get("scores") or []),
        topics=parsed,
    )


def _entry(record: Mapping[str, Any], day: date) -> Entry:
    hours = record.get("hours")
    try:
        value = float(hours) if hours is not None and not isinstance(hours, bool) else math.nan
    except (TypeError, ValueError):
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise InputError(f"'hours' must be a number >= 0, got {hours!r}", field="hours")
    return Entry(
        entry=_text(record, "entry") or new_entry_id(),
        day=day,
        hours=value,
        **{
            k: _whole(record.get(k) or 0, k)
            for k in ("connections", "replies", "posts", "comments")
        },
        note=_text(record, "note"),
    )


def _text(record: Mapping[str, Any], name: str, required: bool = False) -> str | None:
    value = record.get(name)
    if value is None or value == "":
        if required:
            raise InputError(f"'{name}' is required", field=name)
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise InputError(f"'{name}' must be a string", field=name)
    return str(value)


def _whole(value: Any, name: str) -> int:
    try:
        number = float(value) if not isinstance(value, bool) else math.nan
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0 or not number.is_integer():
        raise InputError(f"'{name}' must be a whole number >= 0, got {value!r}", field=name)
    return int(number)


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"'day' must be an ISO date such as 2026-11-29, got {value!r}", field="day"
        ) from None


def export_format(path: str, fmt: str | None) -> str:
    """The format: given, else from the extension (``.csv``, ``.jsonl``), else JSON Lines."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r}", hint="use --format jsonl or csv")
        return fmt
    return "csv" if path.lower().endswith(".csv") else "jsonl"
