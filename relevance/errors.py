"""Exceptions of the library, each carrying a message a user can act on.

The command line turns every :class:`RelevanceError` into ``Error: <message>`` on standard error
with the exit code the error class names (1 for bad data or model, 2 for bad usage), never a
traceback.
"""

from __future__ import annotations

import re


class RelevanceError(Exception):
    """Base class of the errors the library raises on purpose.

    Parameters
    ----------
    message : str
        What went wrong, naming the file, record and field where there is one.
    hint : str or None, default=None
        How to fix it; the command line prints it on a second line.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(RelevanceError):
    """A group, goal or profile record that does not follow the input contract.

    Parameters
    ----------
    message : str
        What is wrong with the record, e.g. ``"'title' is required"``.
    source : str or None, default=None
        The file name (``"<stdin>"`` for standard input).
    location : str or None, default=None
        ``"line 3"`` (JSON Lines, CSV) or ``"record 2"`` (JSON), 1-based.
    field : str or None, default=None
        The field at fault, when one is: its JSON path (``discussions[1].date``).
    hint_on_skip : bool, default=False
        Whether the hint still helps when the record is skipped (``--on-error skip`` shows it
        too): an option that reads every such record, as ``--date-order`` does.
    """

    def __init__(
        self,
        message: str,
        source: str | None = None,
        location: str | None = None,
        field: str | None = None,
        hint: str | None = None,
        hint_on_skip: bool = False,
    ) -> None:
        self.detail = message
        self.source = source
        self.location = location
        self.field = field
        self.hint_on_skip = hint_on_skip
        prefix = " ".join(part for part in (source, location) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message, hint)

    def located(self, source: str | None, location: str | None) -> InputError:
        """Return the same error with the file and line or record filled in."""
        return self._with(
            self.detail,
            source if self.source is None else self.source,
            location if self.location is None else self.location,
        )

    def in_column(self, column: str) -> InputError:
        """The same error with its field said with the CSV column it came from, when the
        column has another name (``'effort.hours' (column 'Hours')``)."""
        if self.field is None or f"(column '{column}'" in self.detail:
            return self
        named, said = field_name(self.field), field_name(self.field, column)
        if named not in self.detail:
            return self
        return self._with(self.detail.replace(named, said, 1), self.source, self.location)

    def _with(self, detail: str, source: str | None, location: str | None) -> InputError:
        return InputError(detail, source, location, self.field, self.hint, self.hint_on_skip)


_INDEX = re.compile(r"(\w+)\[(\d+)\]")
# What one item of a list of the input is called, for "the 2nd discussion".
_ITEM = {"discussions": "discussion", "members": "member"}


def field_name(path: str, column: str | None = None) -> str:
    """A field as messages name it: its JSON path, quoted, and in words what a path's index
    counts from 0 (a reader takes ``discussions[1]`` for the first), and the CSV column it
    came from when that has another name. The one place messages name a nested field.

    Parameters
    ----------
    path : str
        The field's path in its record, e.g. ``"discussions[1].date"``.
    column : str or None, default=None
        The CSV column it came from.

    Examples
    --------
    >>> field_name("discussions[1].date")
    "'discussions[1].date' (the 2nd discussion)"
    >>> field_name("effort.hours", "Hours")
    "'effort.hours' (column 'Hours')"
    """
    notes = [
        f"the {_ordinal(int(index) + 1)} {_ITEM.get(name, f'item of {name!r}')}"
        for name, index in _INDEX.findall(path)
    ]
    if column is not None:
        notes.append(f"column {column!r}")
    return f"'{path}'" + (f" ({', '.join(notes)})" if notes else "")


def _ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``12th``, ``21st``."""
    teen = 10 <= number % 100 <= 20
    return f"{number}{'th' if teen else {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


class ModelError(RelevanceError):
    """A model that is missing, tampered with, truncated or from an incompatible version."""


class UsageError(RelevanceError):
    """Options that contradict each other or are missing (exit code 2)."""

    exit_code = 2


class WantedError(UsageError):
    """A wanted industry or place that names nothing, said (``message``) of the option that
    gave it; ``key`` (``"industries"``, ``"locations"``) and ``detail`` let a caller say it of
    a profile's key instead."""

    def __init__(self, key: str, detail: str, message: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.key = key
        self.detail = detail
