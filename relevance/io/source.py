"""Opening input: files (gunzipped by extension) or standard input, decoded as UTF-8 lines.

Every reader goes through :func:`open_lines`, so that a missing file, bad bytes or a broken gzip
stream give the same located error whatever the format.
"""

from __future__ import annotations

import gzip
import sys
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from relevance.errors import InputError, UsageError

STDIN = "-"
"""The path that stands for standard input."""
STDIN_NAME = "<stdin>"
"""The name errors give standard input."""


def display_name(path: str) -> str:
    return STDIN_NAME if path == STDIN else path


def unreadable(path: str, error: OSError) -> UsageError:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return UsageError(f"{path}: no such file")
    if isinstance(error, IsADirectoryError):
        return UsageError(f"{path}: is a directory, not a file")
    if isinstance(error, PermissionError):
        return UsageError(f"{path}: cannot read it (permission denied)")
    return UsageError(f"{path}: cannot read it ({error.strerror or error})")


def check_readable(path: str) -> None:
    """Fail now, not at the first record, when the file cannot be opened."""
    if path == STDIN:
        return
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise unreadable(path, error) from None


@contextmanager
def open_lines(path: str, stdin: IO[Any] | None) -> Iterator[Iterator[str]]:
    """Open a file (gunzipped by extension) or standard input as an iterator of text lines."""
    name = display_name(path)
    if path == STDIN:
        # The binary buffer, when there is one, so that bad bytes are located exactly.
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        yield _decoded_lines(stream, name)
        return
    try:
        handle = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise unreadable(path, error) from None
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
