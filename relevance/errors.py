"""Exceptions of the library, each carrying a message a user can act on.

The command line turns every :class:`RelevanceError` into ``Error: <message>`` on standard error
with the exit code the error class names (1 for bad data or model, 2 for bad usage), never a
traceback.
"""

from __future__ import annotations


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
        The field at fault, when one is.
    """

    def __init__(
        self,
        message: str,
        source: str | None = None,
        location: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.detail = message
        self.source = source
        self.location = location
        self.field = field
        prefix = " ".join(part for part in (source, location) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message, hint)

    def located(self, source: str | None, location: str | None) -> InputError:
        """Return the same error with the file and line or record filled in."""
        return InputError(
            self.detail,
            source=source if self.source is None else self.source,
            location=location if self.location is None else self.location,
            field=self.field,
            hint=self.hint,
        )


class ModelError(RelevanceError):
    """A model that is missing, tampered with, truncated or from an incompatible version."""


class UsageError(RelevanceError):
    """Options that contradict each other or are missing (exit code 2)."""

    exit_code = 2
