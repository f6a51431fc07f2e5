"""Opening input: files (gunzipped by extension) or standard input, decoded as text lines.

Text is UTF-8 (with or without a byte-order mark) unless ``--encoding`` names another; a file
whose first 64 KiB are not UTF-8 is read in the encoding charset-normalizer detects, with a
notice, and bad bytes later on are an error whose hint names ``--encoding``.

Every reader goes through :func:`open_lines`, so that a missing file, bad bytes or a broken gzip
stream give the same located error whatever the format.
"""

from __future__ import annotations

import codecs
import gzip
import io
import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from relevance.errors import InputError, RelevanceError, UsageError
from relevance.io.options import ReadOptions

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
def open_lines(
    path: str, stdin: IO[Any] | None, options: ReadOptions | None = None
) -> Iterator[Iterator[str]]:
    """Open a file (gunzipped by extension) or standard input as an iterator of text lines."""
    name = display_name(path)
    if path == STDIN:
        # The binary buffer, when there is one, so that bad bytes are located exactly.
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        yield _decoded_lines(stream, name, options)
        return
    try:
        handle = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise unreadable(path, error) from None
    with handle:
        yield _decoded_lines(handle, name, options)


def _decoded_lines(stream: Any, name: str, options: ReadOptions | None = None) -> Iterator[str]:
    """Yield the lines of a binary or text stream as text, line endings kept, BOM dropped.

    Bytes are decoded a line at a time so that an error names its line: UTF-8 never uses the
    newline byte inside a character, so this decodes exactly as decoding the whole would. (A
    text stream decodes ahead in blocks, so there the line named may come a little early.)
    Without ``options.encoding``, the first :data:`SAMPLE` bytes are checked: when they are
    not UTF-8, the encoding charset-normalizer detects is used, with a notice.
    """
    encoding = options.encoding if options else None
    if isinstance(stream, io.TextIOBase) or not hasattr(stream, "read"):
        yield from _lines(iter(stream), name, "utf-8")
        return
    head = _read(stream, name)
    if encoding is None and not _is_utf8(head):
        encoding = _detected(head, name, options)
    encoding = encoding or "utf-8"
    if "\n".encode(encoding, errors="ignore") != b"\n":  # UTF-16, UTF-32: not line by line
        text = _whole(head + _read(stream, name, -1), name, encoding)
        yield from (t.removeprefix("\ufeff") if i == 0 else t for i, t in enumerate(text))
        return
    yield from _lines(_rejoined(head, stream), name, encoding)


SAMPLE = 1 << 16
"""Bytes looked at to tell whether a file is UTF-8."""


def _read(stream: Any, name: str, size: int = SAMPLE) -> bytes:
    try:
        data: bytes = stream.read(size)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise InputError(f"not a valid gzip file ({error})", name) from None
    return data


def _is_utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _detected(head: bytes, name: str, options: ReadOptions | None) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(head).best()
    if best is None:
        raise InputError(
            "not valid UTF-8 text, and its encoding could not be told",
            name,
            hint="name the encoding with --encoding, e.g. --encoding cp1252",
        )
    if options is not None and options.notice is not None:
        options.notice(
            f"{name} is not UTF-8; read as {best.encoding} (detected); "
            f"pass --encoding to choose another"
        )
    return str(best.encoding)


def _whole(data: bytes, name: str, encoding: str) -> list[str]:
    try:
        return data.decode(encoding).splitlines(keepends=True)
    except (UnicodeDecodeError, LookupError) as error:
        raise _decode_error(name, encoding, None, error) from None


def _rejoined(head: bytes, stream: Any) -> Iterator[bytes]:
    """The lines of ``head`` and then of the rest, the line cut at the sample's end made whole."""
    lines = head.splitlines(keepends=True)
    rest = iter(stream)
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += next(rest, b"")
    yield from lines
    yield from rest


def _lines(lines: Iterator[Any], name: str, encoding: str) -> Iterator[str]:
    number = 0
    while True:
        try:
            line = next(lines, None)
        except UnicodeDecodeError:
            raise _decode_error(name, encoding, number + 1, None) from None
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise InputError(f"not a valid gzip file ({error})", name) from None
        if line is None:
            return
        number += 1
        text = _decode(line, name, number, encoding) if isinstance(line, bytes) else line
        yield text.removeprefix("\ufeff") if number == 1 else text


def _decode(line: bytes, name: str, number: int, encoding: str = "utf-8") -> str:
    try:
        return line.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise _decode_error(name, encoding, number, error) from None


def _decode_error(
    name: str, encoding: str, number: int | None, error: Exception | None
) -> RelevanceError:
    if isinstance(error, LookupError):
        return UsageError(
            f"--encoding: unknown encoding {encoding!r}", hint="e.g. utf-8, cp1252, latin-1"
        )
    label = "UTF-8" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
    return InputError(
        f"not valid {label} text",
        name,
        None if number is None else f"line {number}",
        hint="name the file's encoding with --encoding, e.g. --encoding cp1252",
    )
