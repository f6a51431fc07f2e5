"""The CSV input format: a header line, then one group a row.

Rows are located as ``line N`` where the header is line 1 (a row whose quoted cells span lines is
located at its first line). Cells are strings; empty cells are ``None``; a column named
``effort.hours`` fills ``{"effort": {"hours": ...}}``; the ``members``, ``discussions`` and
``effort`` columns may hold JSON text. A header without commas but with semicolons (or tabs) is
read with that delimiter, as spreadsheets in locales with a decimal comma write it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from itertools import chain
from typing import Any

from relevance.errors import InputError
from relevance.io.columns import field_for
from relevance.io.formats import RawRecord, Started, json_reason

JSON_COLUMNS = ("members", "discussions", "effort")
"""CSV columns whose cells may hold JSON text."""

_CSV_FIELD_LIMIT = 1 << 30


class _Recorder:
    """Pass lines through to the CSV reader, keeping the text of the current row."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._seen: list[str] = []

    def __iter__(self) -> _Recorder:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._seen.append(line)
        return line

    def take(self) -> str:
        """The text read since the last call, without its final line break."""
        text = "".join(self._seen).rstrip("\r\n")
        self._seen.clear()
        return text


def _delimiter(header: str) -> str:
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def csv_records(
    lines: Iterator[str], name: str, started: Started, given: Mapping[str, str] | None = None
) -> Iterator[RawRecord]:
    # Descriptions and discussions in JSON easily exceed the default 128 KiB cell limit.
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    first = next(lines, None)
    if first is None:
        started("csv", None)
        return
    recorder = _Recorder(chain([first], lines))
    reader = csv.reader(recorder, delimiter=_delimiter(first))
    columns = _csv_columns(_next_row(reader, name), name, given)
    started("csv", recorder.take())
    while True:
        # A row with quoted line breaks spans lines: it is located at its first.
        start = reader.line_num + 1
        row = _next_row(reader, name)
        if row is None:
            return
        text = recorder.take()
        if any(cell.strip() for cell in row):  # blank and all-empty rows are not records
            yield _csv_record(row, columns, name, start, text)


def _next_row(reader: Any, name: str) -> list[str] | None:
    try:
        row: list[str] | None = next(reader, None)
    except csv.Error as error:
        raise InputError(f"not valid CSV ({error})", name, f"line {reader.line_num}") from None
    return row


def _csv_columns(
    header: list[str] | None, name: str, given: Mapping[str, str] | None = None
) -> list[str]:
    """The field each column fills (:mod:`relevance.io.columns`); ``""`` for an unnamed one."""
    written = [cell.strip() for cell in header or []]
    columns = [field_for(column, given) if column else "" for column in written]
    seen: dict[str, str] = {}
    for column, field in zip(written, columns, strict=True):
        if not field:
            continue
        if field in seen:
            twice = seen[field] == column
            message = (
                f"column '{column}' appears twice in the header"
                if twice
                else f"columns '{seen[field]}' and '{column}' both name {field!r}"
            )
            hint = None if twice else f'name one otherwise, e.g. --columns "{column}=description"'
            raise InputError(message, name, "line 1", hint=hint)
        seen[field] = column
    if "title" not in seen:
        found = ", ".join(c for c in written if c) or "none"
        raise InputError(
            f"the header has no column for the group's title (found: {found})",
            name,
            "line 1",
            hint='name it with --columns "Your Column=title", or call the column title or name',
        )
    return columns


def _csv_record(row: list[str], columns: list[str], name: str, start: int, text: str) -> RawRecord:
    location = f"line {start}"
    if any(cell.strip() for cell in row[len(columns) :]):
        message = f"has {len(row)} cells but the header has {len(columns)} columns"
        return RawRecord(location, None, text, InputError(message, name, location))
    try:
        return RawRecord(location, _row_dict(row, columns), text)
    except InputError as error:
        return RawRecord(location, None, text, error.located(name, location))


def _row_dict(row: list[str], columns: list[str]) -> dict[str, Any]:
    """The record a row stands for; missing trailing cells are absent."""
    cells = [(column, cell) for column, cell in zip(columns, row, strict=False) if column]
    # Dotted columns last, so that `effort.hours` adds to an `effort` JSON cell.
    cells.sort(key=lambda item: "." in item[0])
    record: dict[str, Any] = {}
    for column, cell in cells:
        if column == "members" and cell.strip()[:1] not in ("[", "{", ""):
            column = "member_count"  # a members column holding a count (1,200; 1.2K)
        value = _cell_value(column, cell)
        if "." not in column:
            record[column] = value
        elif value is not None:
            _put_nested(record, column, value)
    if record.get("joined_on") is not None and "joined" not in columns:
        record["joined"] = True  # an export's "Joined Date" says you joined
    return record


def _cell_value(column: str, cell: str) -> Any:
    if not cell.strip():
        return None
    if column not in JSON_COLUMNS:
        return cell
    try:
        return json.loads(cell)
    except (ValueError, RecursionError) as error:
        raise InputError(
            f"'{column}' is not valid JSON ({json_reason(error)})",
            field=column,
            hint=f'write \'{column}\' as JSON text, e.g. [{{"title": "..."}}]',
        ) from None


def _put_nested(record: dict[str, Any], column: str, value: Any) -> None:
    *parents, leaf = column.split(".")
    target = record
    for depth, key in enumerate(parents, 1):
        child = target.get(key)
        if child is None:
            child = target[key] = {}
        elif not isinstance(child, dict):
            parent = ".".join(parents[:depth])
            message = f"'{parent}' is not an object, so '{column}' cannot go in it"
            raise InputError(message, field=column)
        target = child
    target[leaf] = value
