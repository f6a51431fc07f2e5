"""Read groups and goals from JSON, JSON Lines or CSV, plain or gzipped, or standard input.

Formats (DESIGN.md section 2):

- **JSON**: an array of groups, or an object with a ``groups`` array. Parsed whole; records are
  located as ``record N`` (1-based).
- **JSON Lines** (``.jsonl``, ``.ndjson``): one group a line, streamed line by line in constant
  memory. Blank lines are skipped but counted; records are located as ``line N``.
- **CSV**: a header line, then one group a row, located as ``line N`` where the header is line 1
  (a row whose quoted cells span lines is located at its first line). Cells are strings; empty
  cells are ``None``; a column named ``effort.hours`` fills ``{"effort": {"hours": ...}}``; the
  ``members``, ``discussions`` and ``effort`` columns may hold JSON text. A header without commas
  but with semicolons (or tabs) is read with that delimiter, as spreadsheets in locales with a
  decimal comma write it.

Any of these may be gzipped (``groups.jsonl.gz``). Text is UTF-8, with or without a byte-order
mark. The format comes from ``input_format``, else the extension; standard input (``-``) without
a format is sniffed (:func:`sniff_format`).

A group without an ``id`` gets its location as id, ``"line-3"`` or ``"record-2"``, so that a
person can find it in the file.

Errors: a missing or unreadable file is a :class:`~relevance.errors.UsageError`; bad content is an
:class:`~relevance.errors.InputError` naming the file, the line or record, and the field. A file
that cannot be parsed at all (JSON syntax, bad UTF-8, broken gzip) always stops the read; a bad
record (a JSON Lines line, a CSV row, a group that fails validation) can be skipped with
``on_error="skip"`` and set aside untouched by a :class:`RejectsWriter`.
"""

from __future__ import annotations

import csv
import enum
import gzip
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain
from types import TracebackType
from typing import IO, Any

from relevance.errors import InputError, UsageError
from relevance.io.atomic import AtomicFile
from relevance.schema import Goal, Group

INPUT_FORMATS = ("json", "jsonl", "csv")
"""The group file formats."""

ON_ERROR = ("fail", "skip")
"""What :func:`read_groups` does with a bad record."""

STDIN = "-"
STDIN_NAME = "<stdin>"
JSON_COLUMNS = ("members", "discussions", "effort")
"""CSV columns whose cells may hold JSON text."""

_EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_ALIASES = {"ndjson": "jsonl"}
_FORMAT_HINT = "use --input-format json|jsonl|csv"
_CSV_FIELD_LIMIT = 1 << 30

# Called once per file, before its first record, with the format and (CSV) the header text.
_Started = Callable[[str, "str | None"], None]


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record of an input file, parsed but not yet validated.

    Attributes
    ----------
    location : str
        ``"line 3"`` (JSON Lines, CSV) or ``"record 2"`` (JSON), 1-based.
    value : Any
        The parsed record: a JSON value, or a dict built from a CSV row; ``None`` when ``error``.
    source_text : str or None
        The record's original text (JSON Lines line, CSV row); ``None`` for JSON records.
    error : InputError or None
        Why the record could not be parsed, located; ``None`` for a parsed record.
    """

    location: str
    value: Any
    source_text: str | None = None
    error: InputError | None = None

    @property
    def raw(self) -> str:
        """The record's original text, for the rejects file.

        JSON records are re-serialized (``ensure_ascii=False``), lazily: a JSON file is parsed
        whole, so its records' text is only needed when one is rejected.
        """
        if self.source_text is not None:
            return self.source_text
        return json.dumps(self.value, ensure_ascii=False)


# --- formats -------------------------------------------------------------------------------


def detect_format(path: str, input_format: str | None = None, head: str | None = None) -> str:
    """Tell the format of a group file.

    Parameters
    ----------
    path : str
        The file as the user gave it; ``"-"`` for standard input.
    input_format : str or None, default=None
        ``json``, ``jsonl`` (or ``ndjson``) or ``csv``; when given it wins.
    head : str or None, default=None
        For standard input without a format: its first non-blank line, to sniff
        (:func:`iter_records` and :func:`read_groups` pass it themselves).

    Returns
    -------
    str
        ``"json"``, ``"jsonl"`` or ``"csv"``.

    Raises
    ------
    UsageError
        For an unknown ``input_format`` or extension, or standard input with neither a format
        nor a ``head``.
    """
    if input_format is not None:
        return _checked_format(input_format)
    if path == STDIN:
        if head is None:
            raise UsageError(f"{STDIN_NAME}: cannot tell the input format; {_FORMAT_HINT}")
        return sniff_format(head)
    stem = path[:-3] if path.lower().endswith(".gz") else path
    found = _EXTENSIONS.get(os.path.splitext(stem)[1].lower())
    if found is None:
        raise UsageError(f"{path}: cannot tell the input format from the extension; {_FORMAT_HINT}")
    return found


def sniff_format(head: str) -> str:
    """Guess the format from the first non-blank line of the input.

    ``[`` starts JSON; ``{`` starts JSON Lines when that line alone is a whole JSON object (and
    not a one-line ``{"groups": [...]}`` document), else JSON; anything else is CSV.
    """
    text = head.lstrip()
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl" if _is_record_line(text.splitlines()[0]) else "json"
    return "csv"


def _checked_format(input_format: str) -> str:
    name = input_format.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; use json, jsonl or csv")
    return name


def _is_record_line(line: str) -> bool:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return False
    if not isinstance(value, dict):
        return False
    return not (isinstance(value.get("groups"), list) and "title" not in value)


# --- opening and decoding ------------------------------------------------------------------


def _display_name(path: str) -> str:
    return STDIN_NAME if path == STDIN else path


def _unreadable(path: str, error: OSError) -> UsageError:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return UsageError(f"{path}: no such file")
    if isinstance(error, IsADirectoryError):
        return UsageError(f"{path}: is a directory, not a file")
    if isinstance(error, PermissionError):
        return UsageError(f"{path}: cannot read it (permission denied)")
    return UsageError(f"{path}: cannot read it ({error.strerror or error})")


def _check_readable(path: str) -> None:
    """Fail now, not at the first record, when the file cannot be opened."""
    if path == STDIN:
        return
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise _unreadable(path, error) from None


@contextmanager
def _open_lines(path: str, stdin: IO[Any] | None) -> Iterator[Iterator[str]]:
    """Open a file (gunzipped by extension) or standard input as an iterator of text lines."""
    name = _display_name(path)
    if path == STDIN:
        # The binary buffer, when there is one, so that bad bytes are located exactly.
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        yield _decoded_lines(stream, name)
        return
    try:
        handle = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise _unreadable(path, error) from None
    with handle:
        yield _decoded_lines(handle, name)


def _decoded_lines(stream: Iterable[Any], name: str) -> Iterator[str]:
    """Yield the lines of a binary or text stream as text, line endings kept, BOM dropped.

    Bytes are decoded a line at a time so that an error names its line: UTF-8 never uses the
    newline byte inside a character, so this decodes exactly as decoding the whole would. (A
    text stream decodes ahead in blocks, so there the line named may come a little early.)
    """
    lines = iter(stream)
    number = 0
    while True:
        try:
            line = next(lines, None)
        except UnicodeDecodeError:
            raise InputError("not valid UTF-8 text", name, f"line {number + 1}") from None
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise InputError(f"not a valid gzip file ({error})", name) from None
        if line is None:
            return
        number += 1
        text = _decode(line, name, number) if isinstance(line, bytes) else line
        yield text.removeprefix("\ufeff") if number == 1 else text


def _decode(line: bytes, name: str, number: int) -> str:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not valid UTF-8 text", name, f"line {number}") from None


# --- records -------------------------------------------------------------------------------


def iter_records(
    path: str, input_format: str | None = None, stdin: IO[Any] | None = None
) -> Iterator[RawRecord]:
    """Iterate over the records of a group file, parsed but not validated.

    Parameters
    ----------
    path : str
        The file as the user gave it (the name errors show); ``"-"`` for standard input.
    input_format : str or None, default=None
        ``json``, ``jsonl`` or ``csv``; else from the extension, or sniffed for ``-``.
    stdin : IO or None, default=None
        What ``-`` reads, text or binary; default ``sys.stdin``.

    Yields
    ------
    RawRecord
        Each record with its location and original text.

    Raises
    ------
    UsageError
        At the call, when the file cannot be read or its format cannot be told.
    InputError
        While iterating, at the first record that cannot be parsed (records before it are
        yielded first).
    """
    if path != STDIN or input_format is not None:
        detect_format(path, input_format)
    _check_readable(path)
    return _raising(_raw_records(path, input_format, stdin, _ignore_start))


def _ignore_start(input_format: str, header: str | None) -> None:
    """A :data:`_Started` callback for callers that need neither."""


def _raising(records: Iterable[RawRecord]) -> Iterator[RawRecord]:
    for record in records:
        if record.error is not None:
            raise record.error
        yield record


def _raw_records(
    path: str,
    input_format: str | None,
    stdin: IO[Any] | None,
    started: _Started,
    lazy: bool = False,
) -> Iterator[RawRecord]:
    """Yield every record, a record that cannot be parsed carrying its error.

    ``lazy`` leaves JSON Lines unparsed (``value`` is :data:`PENDING`): :func:`to_group` parses
    them where they are validated, which may be a worker process.
    """
    name = _display_name(path)
    with _open_lines(path, stdin) as lines:
        found, lines = _resolve_format(path, input_format, lines)
        if found == "jsonl" and lazy:
            started("jsonl", None)
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield RawRecord(f"line {number}", PENDING, line.rstrip("\r\n"))
            return
        parse = {"json": _json_records, "jsonl": _jsonl_records, "csv": _csv_records}[found]
        yield from parse(lines, name, started)


class _Pending(enum.Enum):
    """An Enum, so that the marker stays itself when pickled to a worker process."""

    PENDING = "pending"


PENDING = _Pending.PENDING
"""The ``value`` of a JSON Lines record not parsed yet."""


def to_group(record: RawRecord, source: str) -> Group | InputError:
    """Parse (if still pending) and validate one record: its group, or its located error.

    A plain function of the record, so that it can run in a worker process.
    """
    if record.error is not None:
        return record.error
    value = record.value
    if value is PENDING:
        number = int(record.location.rpartition(" ")[2])
        parsed = _jsonl_record(record.source_text or "", source, number)
        if parsed.error is not None:
            return parsed.error
        value = parsed.value
    try:
        return Group.from_dict(value, default_id=_default_id(record.location))
    except InputError as invalid:
        return invalid.located(source, record.location)


def _resolve_format(
    path: str, input_format: str | None, lines: Iterator[str]
) -> tuple[str, Iterator[str]]:
    """The format, sniffing standard input from its first non-blank line (then put back)."""
    if path != STDIN or input_format is not None:
        return detect_format(path, input_format), lines
    seen: list[str] = []
    for line in lines:
        seen.append(line)
        if line.strip():
            break
    return detect_format(path, None, seen[-1] if seen else ""), chain(seen, lines)


def _json_error(error: ValueError | RecursionError, source: str, line: int) -> InputError:
    return InputError(f"not valid JSON ({_json_reason(error)})", source, f"line {line}")


def _json_reason(error: ValueError | RecursionError) -> str:
    """json's own message; its other failures are numbers too long or nesting too deep."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at column {error.colno}"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).split(";")[0]


def _json_records(lines: Iterator[str], name: str, started: _Started) -> Iterator[RawRecord]:
    try:
        document = json.loads("".join(lines))
    except json.JSONDecodeError as error:
        raise _json_error(error, name, error.lineno) from None
    except (ValueError, RecursionError) as error:
        raise InputError(f"not valid JSON ({_json_reason(error)})", name) from None
    if isinstance(document, dict) and isinstance(document.get("groups"), list):
        document = document["groups"]
    if not isinstance(document, list):
        raise InputError("expected an array of groups or an object with a 'groups' array", name)
    started("json", None)
    for number, value in enumerate(document, 1):
        yield RawRecord(f"record {number}", value)


def _jsonl_records(lines: Iterator[str], name: str, started: _Started) -> Iterator[RawRecord]:
    started("jsonl", None)
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield _jsonl_record(line, name, number)


def _jsonl_record(line: str, name: str, number: int) -> RawRecord:
    location, text = f"line {number}", line.rstrip("\r\n")
    try:
        return RawRecord(location, json.loads(line), text)
    except (ValueError, RecursionError) as error:
        return RawRecord(location, None, text, _json_error(error, name, number))


# --- CSV -----------------------------------------------------------------------------------


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


def _csv_records(lines: Iterator[str], name: str, started: _Started) -> Iterator[RawRecord]:
    # Descriptions and discussions in JSON easily exceed the default 128 KiB cell limit.
    csv.field_size_limit(max(csv.field_size_limit(), _CSV_FIELD_LIMIT))
    first = next(lines, None)
    if first is None:
        started("csv", None)
        return
    recorder = _Recorder(chain([first], lines))
    reader = csv.reader(recorder, delimiter=_delimiter(first))
    columns = _csv_columns(_next_row(reader, name), name)
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


def _csv_columns(header: list[str] | None, name: str) -> list[str]:
    columns = [cell.strip() for cell in header or []]
    named = [column for column in columns if column]
    for column in named:
        if named.count(column) > 1:
            raise InputError(f"column '{column}' appears twice in the header", name, "line 1")
    if "title" not in named:
        raise InputError(
            f"the header has no 'title' column (found: {', '.join(named) or 'none'})",
            name,
            "line 1",
            hint="the first line of a CSV file names the columns, e.g. id,title,description",
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
        value = _cell_value(column, cell)
        if "." not in column:
            record[column] = value
        elif value is not None:
            _put_nested(record, column, value)
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
            f"'{column}' is not valid JSON ({_json_reason(error)})",
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


# --- groups --------------------------------------------------------------------------------


def _default_id(location: str) -> str:
    """``"line 3"`` -> ``"line-3"``: an id that tells a person where the group came from."""
    return location.replace(" ", "-")


class GroupReader:
    """The valid groups of a file, with counts of the records read and rejected.

    Iterate over it (once) to get :class:`~relevance.schema.Group` objects; see
    :func:`read_groups`.

    Attributes
    ----------
    source : str
        The file name errors show (``"<stdin>"`` for ``-``).
    format : str or None
        ``"json"``, ``"jsonl"`` or ``"csv"``; ``None`` until standard input has been sniffed.
    read : int
        Records read so far, rejected ones included (blank lines are not records).
    rejected : int
        Records skipped so far (``on_error="skip"``).
    """

    def __init__(
        self,
        path: str,
        input_format: str | None = None,
        on_error: str = "fail",
        rejects: RejectsWriter | None = None,
        stdin: IO[Any] | None = None,
        on_reject: Callable[[InputError], None] | None = None,
    ) -> None:
        if on_error not in ON_ERROR:
            raise UsageError(f"unknown on_error {on_error!r}; use fail or skip")
        self.source = _display_name(path)
        self.format: str | None = None
        if path != STDIN or input_format is not None:
            self.format = detect_format(path, input_format)
        _check_readable(path)
        self.read = 0
        self.rejected = 0
        self._skip = on_error == "skip"
        self._rejects = rejects
        self._on_reject = on_reject
        self._groups = self._generate(_raw_records(path, input_format, stdin, self._started))
        self._lazy: Iterator[RawRecord] | None = _raw_records(
            path, input_format, stdin, self._started, lazy=True
        )
        self._map: Callable[[RawRecord], RawRecord] | None = None

    def map_records(self, function: Callable[[RawRecord], RawRecord]) -> None:
        """Pass every record through ``function`` before it is validated (the ledger fills in
        a group's effort this way); call it before reading."""
        self._map = function

    @property
    def accepted(self) -> int:
        """Records read and found valid so far."""
        return self.read - self.rejected

    def __iter__(self) -> GroupReader:
        return self

    def __next__(self) -> Group:
        self._lazy = None  # iterating and records() read the same input: one or the other
        return next(self._groups)

    def _started(self, input_format: str, header: str | None) -> None:
        self.format = input_format
        if self._rejects is not None:
            self._rejects.start(input_format, header)

    def _generate(self, records: Iterator[RawRecord]) -> Iterator[Group]:
        for record in records:
            self.read += 1
            group = self._validate(self._map(record) if self._map else record)
            if group is not None:
                yield group

    def records(self) -> Iterator[RawRecord]:
        """The records, unvalidated (JSON Lines not even parsed), for callers that validate
        elsewhere with :func:`to_group` and report back with :meth:`settle`, in order."""
        if self._lazy is None:
            raise RuntimeError("records() and iteration cannot be mixed")
        records, self._lazy = self._lazy, None
        return map(self._map, records) if self._map else records

    def settle(self, record: RawRecord, error: InputError | None) -> bool:
        """Count a record validated elsewhere (:func:`to_group`); True when it is kept.

        A rejected record is raised (``on_error="fail"``) or set aside as iteration would.
        """
        self.read += 1
        if error is None:
            return True
        self._reject(record, error)
        return False

    def _reject(self, record: RawRecord, error: InputError) -> None:
        if not self._skip:
            raise error
        self.rejected += 1
        if self._on_reject is not None:
            self._on_reject(error)
        if self._rejects is not None:
            self._rejects.write(record)

    def _validate(self, record: RawRecord) -> Group | None:
        outcome = to_group(record, self.source)
        if isinstance(outcome, InputError):
            self._reject(record, outcome)
            return None
        return outcome


def read_groups(
    path: str,
    input_format: str | None = None,
    on_error: str = "fail",
    rejects: RejectsWriter | None = None,
    stdin: IO[Any] | None = None,
    on_reject: Callable[[InputError], None] | None = None,
) -> GroupReader:
    """Read and validate the groups of a file, lazily (JSON Lines in constant memory).

    Parameters
    ----------
    path : str
        The file as the user gave it; ``"-"`` for standard input.
    input_format : str or None, default=None
        ``json``, ``jsonl`` or ``csv``; else from the extension, or sniffed for ``-``.
    on_error : {"fail", "skip"}, default="fail"
        ``"fail"`` raises the first bad record's error; ``"skip"`` counts it, reports it to
        ``on_reject``, writes it to ``rejects`` and goes on.
    rejects : RejectsWriter or None, default=None
        Where skipped records go, untouched.
    stdin : IO or None, default=None
        What ``-`` reads, text or binary; default ``sys.stdin``.
    on_reject : callable or None, default=None
        Called with each skipped record's located error (the command line prints a warning).

    Returns
    -------
    GroupReader
        An iterator over the valid groups, with ``read`` and ``rejected`` counters. A group
        without an id gets its location as id: ``"line-3"``, ``"record-2"``.

    Raises
    ------
    UsageError
        At the call, when the file cannot be read or its format cannot be told.
    InputError
        While iterating: a file that cannot be parsed at all, or (``"fail"``) a bad record.
        Duplicate ids are not an error.
    """
    return GroupReader(path, input_format, on_error, rejects, stdin, on_reject)


class RejectsWriter:
    """Set aside rejected records, untouched, in the format of the input they came from.

    JSON Lines: the original lines. CSV: the original header, then the original rows. JSON: an
    array of the rejected records, written at close. Nothing else goes in the file (the reasons go
    to :func:`read_groups`' ``on_reject``), so it can be fixed and fed back as it is. The file is
    written atomically when the writer is closed, and not at all if it is left by an exception.

    Parameters
    ----------
    path : str
        The rejects file, or ``"-"`` for standard output.

    Raises
    ------
    UsageError
        When the file cannot be written (raised at once, before any input is read).
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.count = 0
        self._format: str | None = None
        self._values: list[Any] = []
        self._file = AtomicFile(path)

    def start(self, input_format: str, header: str | None = None) -> None:
        """Begin the file; the reader calls this once it knows the format and CSV header."""
        self._format = input_format
        if input_format == "csv" and header is not None:
            self._file.stream.write(header + "\n")

    def write(self, record: RawRecord) -> None:
        """Add one rejected record."""
        if self._format is None:
            raise RuntimeError("RejectsWriter.start() must be called before write()")
        self.count += 1
        if self._format == "json":
            self._values.append(record.value)
        else:
            self._file.stream.write(record.raw + "\n")

    def close(self) -> None:
        """Finish the file and move it into place."""
        if self._format == "json":
            self._file.stream.write(json.dumps(self._values, ensure_ascii=False, indent=2) + "\n")
            self._values = []
        self._file.commit()

    def discard(self) -> None:
        """Drop the file (an older one at the same path is kept)."""
        self._file.discard()

    def __enter__(self) -> RejectsWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()


# --- goals and text ------------------------------------------------------------------------


def read_goals(path: str, stdin: IO[Any] | None = None) -> list[Goal]:
    """Read several goals: a text file with a goal a line, or JSON Lines of ``{"id", "text"}``.

    Blank lines and lines starting with ``#`` are skipped. JSON Lines is recognized by the
    extension (``.jsonl``, ``.ndjson``) or by a first goal line starting with ``{``. A goal
    without an id gets ``goal-N``, N counting goals (not lines) from 1.

    Parameters
    ----------
    path : str
        The goals file; ``"-"`` for standard input.
    stdin : IO or None, default=None
        What ``-`` reads; default ``sys.stdin``.

    Returns
    -------
    list of Goal
        In file order.

    Raises
    ------
    UsageError
        When the file cannot be read.
    InputError
        For a bad line (located ``goals.txt line 4``), a repeated id, or no goals at all.
    """
    name = _display_name(path)
    _check_readable(path)
    # Goal files are small: read whole, so the format can be told from the first goal line.
    with _open_lines(path, stdin) as lines:
        entries = [(n, line.strip()) for n, line in enumerate(lines, 1)]
    entries = [(n, text) for n, text in entries if text and not text.startswith("#")]
    if not entries:
        raise InputError("no goals found", name)
    as_json = _is_jsonl_name(path) or entries[0][1].startswith("{")
    goals = [_goal(text, n, k, name, as_json) for k, (n, text) in enumerate(entries, 1)]
    _check_unique_goals(goals, [n for n, _ in entries], name)
    return goals


def _is_jsonl_name(path: str) -> bool:
    stem = path[:-3] if path.lower().endswith(".gz") else path
    return os.path.splitext(stem)[1].lower() in (".jsonl", ".ndjson")


def _goal(text: str, line: int, position: int, name: str, as_json: bool) -> Goal:
    value: Any = text
    if as_json:
        try:
            value = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise _json_error(error, name, line) from None
    try:
        return Goal.from_value(value, f"goal-{position}")
    except InputError as error:
        raise error.located(name, f"line {line}") from None


def _check_unique_goals(goals: list[Goal], lines: list[int], name: str) -> None:
    # Results are told apart by goal id, so two goals with one id would mix their rankings.
    first_line: dict[str, int] = {}
    for goal, line in zip(goals, lines, strict=True):
        if goal.id in first_line:
            message = f"goal id '{goal.id}' is already used on line {first_line[goal.id]}"
            raise InputError(message, name, f"line {line}", field="id")
        first_line[goal.id] = line


def read_text_file(path: str, stdin: IO[Any] | None = None) -> str:
    """Read a whole text file (``--goal-file``), stripped.

    Parameters
    ----------
    path : str
        The file; ``"-"`` for standard input.
    stdin : IO or None, default=None
        What ``-`` reads; default ``sys.stdin``.

    Raises
    ------
    UsageError
        When the file cannot be read.
    InputError
        When it is not UTF-8 text or holds nothing but white space.
    """
    _check_readable(path)
    with _open_lines(path, stdin) as lines:
        text = "".join(lines).strip()
    if not text:
        raise InputError("the file is empty", _display_name(path))
    return text
