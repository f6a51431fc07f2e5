"""The CSV input format: a header line, then one group a row.

Rows are located as ``line N`` where the header is line 1 (a row whose quoted cells span lines is
located at its first line). A row has a cell for each column of the header, empty ones too: a
row with more cells, or with fewer (a stray quote that joined cells, a lost comma), is a bad
record naming both counts, as RFC 4180 has it and as spreadsheets and exports write every cell
(``Ports,,1200``); only trailing columns the header leaves unnamed need no cell.

Cells are strings; empty cells are ``None``; a column named ``effort.hours`` fills
``{"effort": {"hours": ...}}``; the ``members``, ``discussions`` and ``effort`` columns may hold
JSON text. A header without commas but with semicolons (or tabs) is read with that delimiter, as
spreadsheets in locales with a decimal comma write it.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from itertools import chain
from typing import Any

from relevance.display import counted
from relevance.errors import InputError, UsageError
from relevance.io.columns import LEFT_OUT, field_for, ignored_notice, is_field, key
from relevance.io.formats import RawRecord, Started, json_reason, surrogate_error
from relevance.io.options import ReadOptions
from relevance.io.source import max_record_size, size_hint, too_large
from relevance.io.values import parse_count

JSON_COLUMNS = ("members", "discussions", "effort")
"""CSV columns whose cells may hold JSON text."""


class _Recorder:
    """Pass lines through to the CSV reader, keeping the text of the current row, bounded.

    A row may span lines (quoted line breaks); its text counts against the record size limit,
    so that an unterminated quote cannot gather the rest of a large file into one row.
    """

    def __init__(self, lines: Iterator[str], name: str, limit: int) -> None:
        self._lines = lines
        self._seen: list[str] = []
        self._size = 0
        self._name = name
        self._limit = limit
        self.start = 1  # the line the current row starts on, for the size error

    def __iter__(self) -> _Recorder:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._size += len(line)
        if self._size > self._limit:
            raise InputError(
                too_large(self._limit, "row") + "; is a closing quote missing?",
                self._name,
                f"line {self.start}",
                hint=size_hint(),
            )
        self._seen.append(line)
        return line

    def take(self) -> list[str]:
        """The lines read since the last call."""
        seen, self._seen, self._size = self._seen, [], 0
        return seen

    def rest(self) -> Iterator[str]:
        """The lines not read yet."""
        return self._lines


def _delimiter(header: str) -> str:
    if "," in header:
        return ","
    return next((d for d in (";", "\t") if d in header), ",")


def csv_records(
    lines: Iterator[str], name: str, started: Started, options: ReadOptions | None = None
) -> Iterator[RawRecord]:
    """The rows of a CSV file as records; ``options`` gives ``--columns`` and the notice that
    warns of columns that name no field (:func:`_csv_columns`)."""
    limit = max_record_size()
    # Descriptions and discussions in JSON easily exceed the default 128 KiB cell limit.
    csv.field_size_limit(max(csv.field_size_limit(), limit))
    first = next(lines, None)
    if first is None:
        started("csv", None)
        return
    delimiter = _delimiter(first)
    recorder = _Recorder(chain([first], lines), name, limit)
    reader = csv.reader(recorder, delimiter=delimiter)
    header = _csv_columns(_next_row(reader, name, 0), name, options)
    started("csv", _text(recorder.take()))
    base = 0  # lines read by earlier readers (a new one starts after a runaway quote)
    while True:
        # A row with quoted line breaks spans lines: it is located at its first.
        start = base + reader.line_num + 1
        recorder.start = start
        row = _next_row(reader, name, base)
        if row is None:
            return
        seen = recorder.take()
        if not any(cell.strip() for cell in row):  # blank and all-empty rows are not records
            continue
        runaway = _runaway_quote(row, seen, len(header.fields), delimiter)
        if runaway is None:
            yield _csv_record(row, header, name, start, _text(seen), delimiter)
            continue
        # The row is its first line only; the lines the quote swallowed are read again.
        location = f"line {start}"
        message = (
            f"a quoted cell opened on this line {runaway} (lines {start}-{start + len(seen) - 1})"
        )
        hint = 'close the quote, or double a quote that is part of the text ("")'
        error = InputError(message, name, location, hint=hint)
        yield RawRecord(location, None, _text(seen[:1]), error)
        recorder = _Recorder(chain(seen[1:], recorder.rest()), name, limit)
        reader = csv.reader(recorder, delimiter=delimiter)
        base = start


def _text(lines: list[str]) -> str:
    return "".join(lines).rstrip("\r\n")


_ROWS_THAT_TELL = 2


def _runaway_quote(row: list[str], seen: list[str], columns: int, delimiter: str) -> str | None:
    """How an unterminated quote shows in a row, or None for a row that looks sound.

    Either the quote runs to the end of the file (a strict parse of the row's text finds the
    data ending inside it), or a cell holds line breaks followed by lines that have exactly a
    row's number of separators, at least two of them: rows swallowed until another quote closed
    the cell. Only rows that span lines, or have an odd number of quotes, are looked at again.
    """
    text = "".join(seen)
    if '"' not in text or (len(seen) == 1 and text.count('"') % 2 == 0):
        return None
    try:
        for _ in csv.reader(io.StringIO(text), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            return "is never closed: it runs to the end of the file"
    if columns < 3:
        return None
    for cell in row:
        inner = cell.split("\n")[1:]
        rows = sum(1 for line in inner if line.count(delimiter) == columns - 1)
        if rows >= _ROWS_THAT_TELL:
            return f"holds {rows} lines that look like rows: is a closing quote missing?"
    return None


def _next_row(reader: Any, name: str, base: int) -> list[str] | None:
    try:
        row: list[str] | None = next(reader, None)
    except csv.Error as error:
        location = f"line {base + reader.line_num}"
        raise InputError(f"not valid CSV ({error})", name, location) from None
    return row


@dataclass(frozen=True, slots=True)
class _Header:
    """A CSV header: each column as written, the field it fills (``""`` for an unnamed one),
    and the columns ``--columns`` named (by :func:`~relevance.io.columns.key`)."""

    names: list[str]
    fields: list[str]
    mapped: frozenset[str]
    renamed: Mapping[str, str]
    """Field -> column, for the columns named otherwise than their field ("Hours" fills
    ``effort.hours``): an error in one names the column the user sees, not only the field."""


def _csv_columns(header: list[str] | None, name: str, options: ReadOptions | None) -> _Header:
    """The field each column fills (:mod:`relevance.io.columns`).

    Raises
    ------
    UsageError
        When ``--columns`` names a column the header does not have.
    InputError
        For two columns naming one field, or no title column.
    """
    given = options.columns if options else None
    written = [cell.strip() for cell in header or []]
    _check_given(written, name, given)
    columns = [field_for(column, given) if column else "" for column in written]
    seen: dict[str, str] = {}
    for column, field in zip(written, columns, strict=True):
        if not field or field == LEFT_OUT:
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
    ignored = [
        c for c, f in zip(written, columns, strict=True) if c and not is_field(f) and f != LEFT_OUT
    ]
    if ignored and options is not None and options.notice is not None:
        # A column read as nothing would leave the reasons judging a group on less than the
        # user gave (a description under "Blurb"): said once, before any row.
        options.notice(ignored_notice(name, ignored, set(seen)))
    renamed = {
        f: c for c, f in zip(written, columns, strict=True) if is_field(f) and key(f) != key(c)
    }
    return _Header(written, columns, frozenset(given or ()), renamed)


def _check_given(written: list[str], name: str, given: Mapping[str, str] | None) -> None:
    """Refuse a ``--columns`` column this header lacks: a typo would be lost without a word."""
    keys = {key(column) for column in written if column}
    for wanted in given or ():
        if wanted in keys:
            continue
        shown = getattr(given, "written", {}).get(wanted, wanted)
        close = difflib.get_close_matches(wanted, list(keys), n=1, cutoff=0.8)
        match = next((c for c in written if close and key(c) == close[0]), None)
        hint = (
            f"did you mean '{match}'?"
            if match
            else "name a column of the header (case, spaces, _ and - do not matter)"
        )
        raise UsageError(
            f"{name}: --columns names the column '{shown}', but the header has no such column "
            f"(its columns: {', '.join(c for c in written if c) or 'none'})",
            hint=hint,
        )


def _csv_record(
    row: list[str], header: _Header, name: str, start: int, text: str, delimiter: str
) -> RawRecord:
    location = f"line {start}"
    columns = header.fields
    # Trailing unnamed columns (a header ending in a comma) need no cell.
    named = len(columns) - next((i for i, f in enumerate(reversed(columns)) if f), len(columns))
    if any(cell.strip() for cell in row[len(columns) :]) or len(row) < named:
        message = (
            f"has {counted(len(row), 'cell')} but the header has {counted(len(columns), 'column')}"
        )
        hint = _cells_hint(len(row), len(columns), text, delimiter)
        return RawRecord(location, None, text, InputError(message, name, location, hint=hint))
    renamed = header.renamed or None
    try:
        return RawRecord(location, _row_dict(row, header), text, columns=renamed)
    except InputError as error:
        found = RawRecord(location, None, text, columns=renamed).in_columns(error)
        return RawRecord(location, None, text, found.located(name, location))


def _cells_hint(row: int, columns: int, text: str, delimiter: str) -> str:
    """Why a row's cells do not match the header, as such rows come about."""
    if row > columns:
        return 'a cell with a comma in it goes in double quotes: "Ports, Shipping and Logistics"'
    if '"' in text:  # "Unclosed,"desc is one cell: a quote that is not closed where it should be
        return (
            "a quote joins the cells up to where it closes: close it after its cell, or double "
            'a quote that is part of the text ("")'
        )
    missing = columns - row
    cells = counted(missing, "missing cell")
    return (
        f"give every row a cell for each column, empty ones too: end this row with "
        f'"{delimiter * missing}" for its {cells}, or put them where they belong'
    )


def _row_dict(row: list[str], header: _Header) -> dict[str, Any]:
    """The record a row stands for (a cell for each named column: :func:`_csv_record`)."""
    named = zip(header.fields, header.names, row, strict=False)
    cells = [(field, column, cell) for field, column, cell in named if field not in ("", LEFT_OUT)]
    # Dotted columns last, so that `effort.hours` adds to an `effort` JSON cell.
    cells.sort(key=lambda item: "." in item[0])
    record: dict[str, Any] = {}
    for field, column, cell in cells:
        if field == "members" and cell.strip()[:1] not in ("[", "{", ""):
            # A members column holding a count (1,200; 1.2K), as exports write it.
            record["member_count"] = _members_count(cell, column, key(column) in header.mapped)
            continue
        value = _cell_value(field, cell)
        if "." not in field:
            record[field] = value
        elif value is not None:
            _put_nested(record, field, value)
    if record.get("joined_on") is not None and "joined" not in header.fields:
        record["joined"] = True  # an export's "Joined Date" says you joined
    return record


def _members_count(cell: str, column: str, mapped: bool) -> int:
    """A ``members`` cell that is not JSON: a count, or an error that says what a CSV's
    ``members`` takes (a column of names mapped to it is the likely mistake)."""
    try:
        return parse_count(cell, "members")
    except InputError:
        by = ", named so by --columns" if mapped else ""
        leave = (
            f"; a column of names matches no field: leave '{column}' out of --columns"
            if mapped
            else ""
        )
        raise InputError(
            f"'members' (column '{column}'{by}) must be a member count or a JSON list of "
            f"members, got {cell!r}",
            field="members",
            hint=f'in a CSV, members is the count (1,200) or JSON ([{{"name": "{cell.strip()}"}}])'
            + leave,
        ) from None


def _cell_value(column: str, cell: str) -> Any:
    if not cell.strip():
        return None
    if column not in JSON_COLUMNS:
        return cell
    try:
        value = json.loads(cell)
    except (ValueError, RecursionError) as error:
        raise InputError(
            f"'{column}' is not valid JSON ({json_reason(error)})",
            field=column,
            hint=f'write \'{column}\' as JSON text, e.g. [{{"title": "..."}}]',
        ) from None
    invalid = surrogate_error(value, column) if "\\u" in cell else None
    if invalid is not None:
        raise invalid
    return value


def _put_nested(record: dict[str, Any], column: str, value: Any) -> None:
    *parents, leaf = column.split(".")
    target = record
    for depth, part in enumerate(parents, 1):
        child = target.get(part)
        if child is None:
            child = target[part] = {}
        elif not isinstance(child, dict):
            parent = ".".join(parents[:depth])
            message = f"'{parent}' is not an object, so '{column}' cannot go in it"
            raise InputError(message, field=column)
        target = child
    target[leaf] = value
