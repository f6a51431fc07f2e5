"""Setting rejected records aside, untouched, so that they can be fixed and fed back."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from relevance.io.atomic import AtomicFile
from relevance.io.formats import RawRecord, dumps_writable


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
            self._file.stream.write(dumps_writable(self._values, indent=2) + "\n")
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
