"""Reading a group file: its records, validated into groups, with counts of what was rejected.

A group without an ``id`` gets its location as id, ``"line-3"`` or ``"record-2"``, so that a
person can find it in the file.

Errors: a missing or unreadable file is a :class:`~relevance.errors.UsageError`; bad content is an
:class:`~relevance.errors.InputError` naming the file, the line or record, and the field. A file
that cannot be parsed at all (JSON syntax, bad UTF-8, broken gzip) always stops the read; a bad
record (a JSON Lines line, a CSV row, a group that fails validation) can be skipped with
``on_error="skip"`` and set aside untouched by a :class:`~relevance.io.rejects.RejectsWriter`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import chain
from typing import IO, TYPE_CHECKING, Any

from relevance.errors import InputError, UsageError
from relevance.io.columns import rename_keys
from relevance.io.csvformat import csv_records
from relevance.io.formats import (
    PENDING,
    RawRecord,
    Started,
    detect_format,
    json_records,
    jsonl_record,
    jsonl_records,
)
from relevance.io.options import ReadOptions
from relevance.io.source import (
    DOCUMENT_FACTOR,
    STDIN,
    Lines,
    check_readable,
    display_name,
    max_record_size,
    open_lines,
)
from relevance.io.sources import SOURCES
from relevance.io.values import with_date_order
from relevance.schema import Group

if TYPE_CHECKING:
    from relevance.io.rejects import RejectsWriter

ON_ERROR = ("fail", "skip")
"""What :func:`read_groups` does with a bad record."""


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
    check_readable(path)
    return _raising(_raw_records(path, input_format, stdin, _ignore_start))


def _ignore_start(input_format: str, header: str | None) -> None:
    """A :data:`Started` callback for callers that need neither."""


def _raising(records: Iterable[RawRecord]) -> Iterator[RawRecord]:
    for record in records:
        if record.error is not None:
            raise record.error
        yield record


def _raw_records(
    path: str,
    input_format: str | None,
    stdin: IO[Any] | None,
    started: Started,
    lazy: bool = False,
    options: ReadOptions | None = None,
) -> Iterator[RawRecord]:
    """Yield every record, a record that cannot be parsed carrying its error.

    ``lazy`` leaves JSON Lines unparsed (``value`` is :data:`PENDING`): :func:`to_group` parses
    them where they are validated, which may be a worker process.
    """
    name = display_name(path)
    limit = max_record_size()
    known = None if path == STDIN and input_format is None else detect_format(path, input_format)
    # A JSON file is parsed whole: its lines may be as long as the document may be.
    bound = limit * DOCUMENT_FACTOR if known == "json" else limit
    with open_lines(path, stdin, bound, options) as source:
        found, lines = _resolve_format(path, input_format, source)
        source.whole = found == "json"
        if found == "jsonl" and lazy:
            started("jsonl", None)
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield RawRecord(f"line {number}", PENDING, line.rstrip("\r\n"))
            return
        if found == "csv":
            yield from csv_records(lines, name, started, options)
            return
        if found == "json":
            forced = (input_format or "").strip().lower()
            yield from json_records(lines, name, started, forced if forced in SOURCES else None)
            return
        yield from jsonl_records(lines, name, started)


def to_group(record: RawRecord, source: str, today: date | None = None) -> Group | InputError:
    """Parse (if still pending) and validate one record: its group, or its located error.

    A plain function of the record, so that it can run in a worker process. ``today`` is the
    run's day (a later ``joined_on`` is an error; None checks nothing).
    """
    if record.error is not None:
        return record.error
    value = record.value
    if value is PENDING:
        number = int(record.location.rpartition(" ")[2])
        parsed = jsonl_record(record.source_text or "", source, number)
        if parsed.error is not None:
            return parsed.error
        value = parsed.value
    try:
        return Group.from_dict(value, default_id=_default_id(record.location), today=today)
    except InputError as invalid:
        return record.in_columns(invalid).located(source, record.location)


def _resolve_format(path: str, input_format: str | None, lines: Lines) -> tuple[str, Iterator[str]]:
    """The format, sniffing standard input from its first non-blank lines (then put back).

    A first line starting with ``[`` needs the next non-blank line too (:func:`sniff_format`).
    A sniffed JSON document may then have lines as long as a document may be.
    """
    if path != STDIN or input_format is not None:
        return detect_format(path, input_format), lines
    seen: list[str] = []
    head: list[str] = []
    for line in lines:
        seen.append(line)
        if line.strip():
            head.append(line)
            if len(head) == 2 or not line.lstrip().startswith("["):
                break
    found = detect_format(path, None, "".join(head))
    if found == "json":
        lines.limit *= DOCUMENT_FACTOR
    return found, chain(seen, lines)


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
        fill: Callable[[RawRecord], RawRecord] | None = None,
        options: ReadOptions | None = None,
        today: date | None = None,
    ) -> None:
        if on_error not in ON_ERROR:
            raise UsageError(f"unknown on_error {on_error!r}; use fail or skip")
        self.source = display_name(path)
        self.format: str | None = None
        if path != STDIN or input_format is not None:
            self.format = detect_format(path, input_format)
        check_readable(path)
        self.read = 0
        self.rejected = 0
        self._skip = on_error == "skip"
        self._today = today
        self._rejects = rejects
        self._on_reject = on_reject
        self._fill = _with_options(fill, options, self.source)
        self._groups = self._generate(
            _raw_records(path, input_format, stdin, self._started, options=options)
        )
        self._lazy: Iterator[RawRecord] | None = _raw_records(
            path, input_format, stdin, self._started, lazy=True, options=options
        )

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
            group = self._validate(self._fill(record) if self._fill else record)
            if group is not None:
                yield group

    def records(self) -> Iterator[RawRecord]:
        """The records, unvalidated (JSON Lines not even parsed), for callers that validate
        elsewhere with :func:`to_group` and report back with :meth:`settle`, in order."""
        if self._lazy is None:
            raise RuntimeError("records() and iteration cannot be mixed")
        records, self._lazy = self._lazy, None
        return map(self._fill, records) if self._fill else records

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
        outcome = to_group(record, self.source, self._today)
        if isinstance(outcome, InputError):
            self._reject(record, outcome)
            return None
        return outcome


def _with_options(
    fill: Callable[[RawRecord], RawRecord] | None, options: ReadOptions | None, source: str
) -> Callable[[RawRecord], RawRecord] | None:
    """``fill``, after the rewrites ``options`` ask for (JSON keys by --columns, dates in order)."""
    if options is None or not options.rewrites:
        return fill

    def rewrite(record: RawRecord) -> RawRecord:
        if record.error is None and record.value is PENDING:  # parsed here, to be rewritten
            number = int(record.location.rpartition(" ")[2])
            record = jsonl_record(record.source_text or "", source, number)
        if record.error is None:
            value = record.value
            if options.columns:  # CSV headers are named already; this is for JSON keys
                value = rename_keys(value, options.columns)
            if options.date_order is not None:
                value = with_date_order(value, options.date_order)
            record = dataclasses.replace(record, value=value)  # a CSV's columns kept
        return fill(record) if fill else record

    return rewrite


def read_groups(
    path: str,
    input_format: str | None = None,
    on_error: str = "fail",
    rejects: RejectsWriter | None = None,
    stdin: IO[Any] | None = None,
    on_reject: Callable[[InputError], None] | None = None,
    fill: Callable[[RawRecord], RawRecord] | None = None,
    options: ReadOptions | None = None,
    today: date | None = None,
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
    fill : callable or None, default=None
        Applied to every record before it is validated: the ledger fills in a recorded group's
        effort this way (:meth:`relevance.ledger.EffortSource.fill_record`).
    options : ReadOptions or None, default=None
        How the file is written: ``--columns``, ``--date-order``, ``--encoding``
        (:class:`~relevance.io.options.ReadOptions`).
    today : date or None, default=None
        The run's day: a group joined after it is a bad record (None checks nothing). Records
        validated elsewhere (:meth:`GroupReader.records`) are checked against the scoring run's
        day there.

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
    return GroupReader(
        path, input_format, on_error, rejects, stdin, on_reject, fill, options, today
    )
