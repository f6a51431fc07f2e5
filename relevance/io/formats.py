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
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from relevance.errors import InputError, UsageError, field_name
from relevance.io.source import (
    DOCUMENT_FACTOR,
    STDIN,
    STDIN_NAME,
    max_record_size,
    size_hint,
    too_large,
)

INPUT_FORMATS = ("json", "jsonl", "csv")
"""The group file formats."""

_EXTENSIONS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_ALIASES = {"ndjson": "jsonl", "reddit": "json", "meetup": "json"}  # sources are JSON
_FORMAT_HINT = "use --input-format json|jsonl|csv|reddit|meetup"
_SPREADSHEETS = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".numbers"})

# The top field of a path: "discussions" of "discussions[0].date", "effort" of "effort.hours".
_LEADING = re.compile(r"[.\[]")

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
    columns : mapping of str to str or None
        A CSV's columns named otherwise than the field they fill (field -> column as written,
        ``{"effort.hours": "Hours"}``), so that an error names the column the user sees.
    """

    location: str
    value: Any
    source_text: str | None = None
    error: InputError | None = None
    columns: Mapping[str, str] | None = None

    def in_columns(self, error: InputError) -> InputError:
        """``error`` with its field said with the column it came from (see ``columns``)."""
        if not self.columns or error.field is None:
            return error
        column = self.columns.get(error.field) or self.columns.get(_LEADING.split(error.field)[0])
        return error if column is None else error.in_column(column)

    @property
    def raw(self) -> str:
        """The record's original text, for the rejects file.

        JSON records are re-serialized (``ensure_ascii=False``), lazily: a JSON file is parsed
        whole, so its records' text is only needed when one is rejected.
        """
        if self.source_text is not None:
            return self.source_text
        return dumps_writable(self.value)


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
    extension = os.path.splitext(stem)[1].lower()
    found = _EXTENSIONS.get(extension)
    if found is None:
        if extension in _SPREADSHEETS:  # a binary workbook: no --input-format reads it
            raise UsageError(
                f"{path}: a spreadsheet workbook ({extension}), not a text file; save it as CSV "
                "(in Excel: File > Save As > CSV UTF-8) and score that"
            )
        raise _unknown_format(path, extension)
    return found


def _unknown_format(path: str, extension: str) -> UsageError:
    """What a file of an unknown extension is, from its first bytes: not text (a PDF), or text
    that reads as JSON, JSON Lines or CSV, which --input-format then names."""
    from relevance.io.source import binary_kind, not_a_text_file

    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        head = b""
    kind = binary_kind(head, path)
    if kind is not None:
        return not_a_text_file(path, kind)
    named = f"its extension ({extension})" if extension else "a name without an extension"
    message = (
        f"{path}: cannot tell the input format from {named}; the group files read are .json, "
        ".jsonl (or .ndjson) and .csv, each maybe gzipped (.gz)"
    )
    text = head.decode("utf-8", errors="replace")
    lines = [line for line in text.splitlines() if line.strip()][:2]
    guess = sniff_format("\n".join(lines)) if lines else None
    if guess == "csv" and not any(d in lines[0] for d in (",", ";", "\t")):
        guess = None  # prose, not a header
    if guess is None:
        return UsageError(
            message, hint="say which it is: --input-format json, jsonl, csv, reddit or meetup"
        )
    return UsageError(message, hint=f"it reads as {_NAMES[guess]}: add --input-format {guess}")


_NAMES = {"json": "JSON", "jsonl": "JSON Lines", "csv": "CSV"}


def sniff_format(head: str) -> str:
    """Guess the format from the first non-blank lines of the input.

    ``{`` starts JSON Lines when that line alone is a whole JSON object (and not a one-line
    ``{"groups": [...]}`` document), else JSON. ``[`` starts JSON, unless that line alone is a
    whole JSON value and another line follows: then it is JSON Lines whose first record is bad
    (so that ``on_error="skip"`` can set it aside). Anything else is CSV.

    Parameters
    ----------
    head : str
        The first non-blank line, and for a line starting with ``[`` the next non-blank one.
    """
    lines = [line for line in head.lstrip().splitlines() if line.strip()]
    text = lines[0] if lines else ""
    if text.startswith("["):
        return "jsonl" if len(lines) > 1 and _is_json_value(text) else "json"
    if text.startswith("{"):
        return "jsonl" if _is_record_line(text) else "json"
    return "csv"


def _is_json_value(line: str) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


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
        # Some of json's messages end in "at" already: "Invalid control character at".
        return f"{error.msg.removesuffix(' at')} at column {error.colno}"
    if isinstance(error, RecursionError):
        return "nested too deeply"
    return str(error).split(";")[0]


def json_records(
    lines: Iterator[str], name: str, started: Started, source: str | None = None
) -> Iterator[RawRecord]:
    """The records of a JSON document; a Reddit or Meetup API document (``source``, or
    recognised by its shape) is read as the groups it describes (:mod:`relevance.io.sources`)."""
    limit = max_record_size() * DOCUMENT_FACTOR
    parts: list[str] = []
    size = 0
    for line in lines:  # each line is bounded already; the whole must be too
        size += len(line)
        if size > limit:
            raise InputError(too_large(limit, "JSON document"), name, hint=_document_hint())
        parts.append(line)
    text = "".join(parts)
    del parts
    if not text.strip():
        raise InputError("the file is empty: no JSON document in it", name)
    try:
        document = json.loads(text)
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
    escaped = "\\u" in text  # lone surrogates can only come from backslash-u escapes
    del text
    for number, value in enumerate(document, 1):
        location = f"record {number}"
        invalid = surrogate_error(value) if escaped else None
        if invalid is not None:
            invalid = invalid.located(name, location)
        yield RawRecord(location, value, error=invalid)


def _document_hint() -> str:
    return f"give the groups as JSON Lines, which are streamed; or {size_hint()}"


def jsonl_records(lines: Iterator[str], name: str, started: Started) -> Iterator[RawRecord]:
    started("jsonl", None)
    for number, line in enumerate(lines, 1):
        if line.strip():
            yield jsonl_record(line, name, number)


def jsonl_record(line: str, name: str, number: int) -> RawRecord:
    location, text = f"line {number}", line.rstrip("\r\n")
    try:
        value = json.loads(line)
    except (ValueError, RecursionError) as error:
        return RawRecord(location, None, text, json_error(error, name, number))
    invalid = surrogate_error(value) if "\\u" in line else None
    if invalid is not None:
        return RawRecord(location, None, text, invalid.located(name, location))
    return RawRecord(location, value, text)


def dumps_writable(value: Any, indent: int | None = None) -> str:
    """``json.dumps`` keeping non-ASCII text as it is, unless it holds lone surrogates: those
    are escaped (``\\ud800``), as the source had them, so the text can be written as UTF-8."""
    text = json.dumps(value, ensure_ascii=False, indent=indent)
    if _surrogate_at(text) is None:
        return text
    return json.dumps(value, ensure_ascii=True, indent=indent)


# --- text that is not text -----------------------------------------------------------------


def surrogate_error(value: Any, field: str = "") -> InputError | None:
    """An error naming the first string in ``value`` holding a lone surrogate, else None.

    JSON may escape UTF-16 halves (``"\\ud800"``) that stand for no character; Python keeps
    them as they are, and no UTF-8 writer can write them. Such a record is refused (it can be
    skipped and set aside) rather than changed behind the user's back.

    Parameters
    ----------
    value : Any
        A parsed JSON value.
    field : str, default=""
        The path of ``value`` in its record, for the message (``discussions[2].text``).
    """
    stack: list[tuple[str, Any]] = [(field, value)]
    while stack:
        where, item = stack.pop()
        if isinstance(item, str):
            index = _surrogate_at(item)
            if index is not None:
                code = f"\\u{ord(item[index]):04x}"
                named = field_name(where) if where else "the text"
                return InputError(
                    f"{named} holds {code}, half of a UTF-16 pair that stands for no character",
                    field=where or None,
                    hint="fix the escape in the source, or drop the record (--on-error skip)",
                )
        elif isinstance(item, dict):
            for key, inner in reversed(item.items()):
                if _surrogate_at(key) is not None:
                    return InputError(f"a key of '{where or 'the record'}' holds a lone surrogate")
                stack.append((f"{where}.{key}" if where else key, inner))
        elif isinstance(item, list):
            stack.extend((f"{where}[{i}]", inner) for i, inner in reversed(list(enumerate(item))))
    return None


def _surrogate_at(text: str) -> int | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return error.start
    return None
