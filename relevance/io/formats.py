"""Input formats: telling them apart, and the JSON and JSON Lines parsers.

- **JSON**: an array of groups, or an object with a ``groups`` array. Parsed whole; records are
  located as ``record N`` (1-based).
- **JSON Lines** (``.jsonl``, ``.ndjson``): one group a line, streamed line by line in constant
  memory. Blank lines are skipped but counted; records are located as ``line N``.
- **CSV**: see :mod:`relevance.io.csvformat`.

The format comes from ``input_format``, else the extension; standard input (``-``) without a
format is sniffed (:func:`sniff_format`). A parser turns decoded lines into :class:`RawRecord`
objects: parsed, not yet validated.
"""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from relevance.errors import InputError, UsageError
from relevance.io.source import STDIN, STDIN_NAME

INPUT_FORMATS = ("json", "jsonl", "csv")
"""The group file formats."""

_EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_ALIASES = {"ndjson": "jsonl", "reddit": "json", "meetup": "json"}  # sources are JSON
_FORMAT_HINT = "use --input-format json|jsonl|csv|reddit|meetup"

Started = Callable[[str, "str | None"], None]
"""Called once per file, before its first record, with the format and (CSV) the header text."""


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


class _Pending(enum.Enum):
    """An Enum, so that the marker stays itself when pickled to a worker process."""

    PENDING = "pending"


PENDING = _Pending.PENDING
"""The ``value`` of a JSON Lines record not parsed yet."""


# --- telling the format --------------------------------------------------------------------


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
        raise UsageError(
            f"unknown input format {input_format!r}; use json, jsonl, csv, reddit or meetup"
        )
    return name


def _is_record_line(line: str) -> bool:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return False
    if not isinstance(value, dict):
        return False
    return not (isinstance(value.get("groups"), list) and "title" not in value)


def is_jsonl_name(path: str) -> bool:
    """Whether the file name says JSON Lines (``.jsonl``, ``.ndjson``, gzipped or not)."""
    stem = path[:-3] if path.lower().endswith(".gz") else path
    return os.path.splitext(stem)[1].lower() in (".jsonl", ".ndjson")


# --- JSON and JSON Lines -------------------------------------------------------------------


def json_error(error: ValueError | RecursionError, source: str, line: int) -> InputError:
    return InputError(f"not valid JSON ({json_reason(error)})", source, f"line {line}")


def json_reason(error: ValueError | RecursionError) -> str:
    """json's own message; its other failures are numbers too long or nesting too deep."""
    if isinstance(error, json.JSONDecodeError):
        return f"{error.msg} at column {error.colno}"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).split(";")[0]


def json_records(
    lines: Iterator[str], name: str, started: Started, source: str | None = None
) -> Iterator[RawRecord]:
    """The records of a JSON document; a Reddit or Meetup API document (``source``, or
    recognised by its shape) is read as the groups it describes (:mod:`relevance.io.sources`)."""
    try:
        document = json.loads("".join(lines))
    except json.JSONDecodeError as error:
        raise json_error(error, name, error.lineno) from None
    except (ValueError, RecursionError) as error:
        raise InputError(f"not valid JSON ({json_reason(error)})", name) from None
    from relevance.io import sources

    source = source or sources.recognise(document)
    if source is not None:
        document = sources.to_groups(document, source, name)
    if isinstance(document, dict) and isinstance(document.get("groups"), list):
        document = document["groups"]
    if not isinstance(document, list):
        raise InputError("expected an array of groups or an object with a 'groups' array", name)
    started("json", None)
    for number, value in enumerate(document, 1):
        yield RawRecord(f"record {number}", value)


def jsonl_records(lines: Iterator[str], name: str, started: Started) -> Iterator[RawRecord]:
    started("jsonl", None)
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield jsonl_record(line, name, number)


def jsonl_record(line: str, name: str, number: int) -> RawRecord:
    location, text = f"line {number}", line.rstrip("\r\n")
    try:
        return RawRecord(location, json.loads(line), text)
    except (ValueError, RecursionError) as error:
        return RawRecord(location, None, text, json_error(error, name, number))
