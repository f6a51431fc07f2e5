"""Opening input: files (gunzipped by extension) or standard input, decoded as text lines.

Text is UTF-8 (with or without a byte-order mark) unless ``--encoding`` names another (one
that writes a line break as the byte ``\n``: cp1252, latin-1, ...). When a line is not UTF-8
and no encoding was named, the encoding charset-normalizer detects in that line and the next
64 KiB is used from there on, with a notice (lines before it were ASCII or UTF-8 alike); when
none is detected, the error's hint names ``--encoding``.

Every reader goes through :func:`open_lines`, so that a missing file, bad bytes or a broken gzip
stream give the same located error whatever the format.
"""

from __future__ import annotations

import gzip
import os
import sys
import zlib
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from relevance.errors import InputError, UsageError
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


DEFAULT_MAX_RECORD_SIZE = 16 << 20
"""16 MiB: the largest record (JSON Lines line, CSV row, goal) read, unless set otherwise."""
DOCUMENT_FACTOR = 16
"""A JSON file is parsed whole, so it may hold this many records' worth (256 MiB by default)."""
MAX_RECORD_SIZE_VARIABLE = "RELEVANCE_MAX_RECORD_SIZE"
_UNITS = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def max_record_size() -> int:
    """The largest record read, in bytes: ``$RELEVANCE_MAX_RECORD_SIZE`` or 16 MiB.

    The variable takes a whole number of bytes with an optional ``K``, ``M`` or ``G`` (binary
    units): ``64M``. A record over it stops the read with an error naming its line, before it
    is held in memory: a compressed file cannot expand into more than this a record.

    Raises
    ------
    UsageError
        When the variable is set to something else.
    """
    text = os.environ.get(MAX_RECORD_SIZE_VARIABLE, "").strip().upper().removesuffix("B")
    if not text:
        return DEFAULT_MAX_RECORD_SIZE
    digits, unit = (text[:-1], text[-1]) if text[-1] in _UNITS else (text, "")
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 15 or int(digits) < 1:
        raise UsageError(
            f"{MAX_RECORD_SIZE_VARIABLE}={os.environ[MAX_RECORD_SIZE_VARIABLE]!r} is not a size",
            hint=f"give bytes, or K, M or G: {MAX_RECORD_SIZE_VARIABLE}=64M",
        )
    return int(digits) * _UNITS[unit]


def too_large(limit: int, what: str = "record") -> str:
    """The message for a record (or document) over ``limit`` bytes."""
    return f"the {what} is over the limit of {_size(limit)}"


def size_hint() -> str:
    return f"if the input is right, raise the limit: {MAX_RECORD_SIZE_VARIABLE}=64M"


def _size(count: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= factor and count % factor == 0:
            return f"{count // factor} {unit}"
    return f"{count:,} bytes"


class Lines:
    """The decoded lines of a stream, each read with a bound, so that no line can exhaust memory.

    Iterate to get each line as text (line ending kept, byte-order mark dropped). ``limit`` may
    be raised once the format is known (a JSON document is read whole). ``number`` is the line
    last read.

    Parameters
    ----------
    stream : iterable
        A binary or text stream, or any iterable of lines.
    name : str
        The file name errors show.
    limit : int
        The longest line read, in bytes (characters, for a text stream).
    options : ReadOptions or None, default=None
        ``encoding`` (else UTF-8, or detected) and ``notice`` (told of a detected encoding).
    """

    def __init__(
        self, stream: Iterable[Any], name: str, limit: int, options: ReadOptions | None = None
    ) -> None:
        self.name = name
        self.path: str | None = None  # the file, when it is one: a zip's entries tell its kind
        self.limit = limit
        self.encoding = options.encoding if options else None
        self._notice = options.notice if options else None
        self._ahead: deque[str | bytes] = deque()  # read to detect an encoding, not yet given
        self.whole = False  # the lines make one document (JSON): the limit is the document's
        self.number = 0
        self._readline = getattr(stream, "readline", None)
        self._lines = iter(stream) if self._readline is None else None

    def __iter__(self) -> Lines:
        return self

    def __next__(self) -> str:
        try:
            line = self._next()
        except UnicodeDecodeError:
            raise _not_text(self.name, "UTF-8", self.number + 1) from None
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise InputError(f"not a valid gzip file ({error})", self.name) from None
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > self.limit:
            if self.whole:
                raise InputError(
                    too_large(self.limit, "JSON document"), self.name, hint=size_hint()
                )
            raise InputError(
                too_large(self.limit), self.name, f"line {self.number}", hint=size_hint()
            )
        if self.number == 1 and isinstance(line, bytes):
            kind = binary_kind(line, self.path)
            if kind is not None:  # whatever the extension or --input-format say
                raise not_a_text_file(self.name, kind)
        text = self._decode(line) if isinstance(line, bytes) else line
        return text.removeprefix("\ufeff") if self.number == 1 else text

    def _decode(self, line: bytes) -> str:
        if self.encoding is None:
            try:
                return line.decode("utf-8")
            except UnicodeDecodeError:
                self.encoding = self._detect(line)
        try:
            return line.decode(self.encoding)
        except UnicodeDecodeError:
            raise _not_text(self.name, self.encoding, self.number) from None

    def _detect(self, line: bytes) -> str:
        """The encoding of this line and the next 64 KiB (kept to be read), with a notice."""
        from charset_normalizer import from_bytes

        from relevance.display import listed

        sample = [line]
        size = len(line)
        while size < SAMPLE and (more := self._read()):
            self._ahead.append(more)
            if isinstance(more, bytes):
                sample.append(more)
                size += len(more)
        encoding, others = pick_encoding(from_bytes(b"".join(sample)))
        if encoding is None:
            raise _not_text(self.name, "UTF-8", self.number)
        if self._notice is not None:
            also = f"; {listed(others, 'or')} would fit as well" if others else ""
            self._notice(
                f"{self.name} is not UTF-8; read as {encoding} (detected{also}); "
                "pass --encoding to choose another"
            )
        return encoding

    def _next(self) -> str | bytes:
        return self._ahead.popleft() if self._ahead else self._read()

    def _read(self) -> str | bytes:
        if self._readline is not None:
            line: str | bytes = self._readline(self.limit + 1)
            return line
        return next(self._lines or iter(()), "")


SAMPLE = 1 << 16
"""Bytes after a line that is not UTF-8 that its encoding is detected from."""

WESTERN = "cp1252"
"""The Windows code page of Western European text (Excel's CSV on a US, Spanish, French, German
... Windows): by far the most common single-byte encoding of the files people export."""
CLOSE_CHAOS = 0.02
CLOSE_COHERENCE = 0.05
"""How near charset-normalizer's best guess (its mess ratio, its language coherence) another
reading must be to count as fitting as well."""


def pick_encoding(results: Any) -> tuple[str | None, list[str]]:
    """The encoding to read a sample in, from charset-normalizer's readings of it, and the
    others that fit it as well.

    A few accented letters (``Dueños``, ``café``) read as well in cp1250, cp1257 or a DOS code
    page as in cp1252, and the detector then often picks one of those (``Dueńos``): when
    :data:`WESTERN` is among the readings that fit as well as the best, it is taken. Text whose
    letters tell another code page (Polish, Russian, Greek) leaves cp1252 far behind and is
    read as detected. The limit: Czech or Hungarian text whose letters all exist in cp1252 too
    reads as cp1252; the warning names the others so that ``--encoding cp1250`` can be given.

    Parameters
    ----------
    results : charset_normalizer.CharsetMatches
        ``from_bytes(sample)``.

    Returns
    -------
    (str or None, list of str)
        The encoding (None when nothing fits) and the other close readings, best first.
    """
    best = results.best()
    if best is None:
        return None, []
    close = [
        match
        for match in results
        if match.chaos <= best.chaos + CLOSE_CHAOS
        and match.coherence >= best.coherence - CLOSE_COHERENCE
    ]
    names = [str(match.encoding) for match in close]
    if str(best.encoding) not in names:
        names.insert(0, str(best.encoding))
    chosen = str(best.encoding)
    if any(WESTERN in match.could_be_from_charset for match in close):
        chosen = WESTERN
    others = [name for name in names if name != chosen][:3]
    return chosen, others


@contextmanager
def open_lines(
    path: str,
    stdin: IO[Any] | None,
    limit: int | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Lines]:
    """Open a file (gunzipped by extension) or standard input as bounded lines of text.

    Parameters
    ----------
    path : str
        The file; ``"-"`` for standard input.
    stdin : IO or None
        What ``-`` reads; default ``sys.stdin`` (its binary buffer).
    limit : int or None, default=None
        The longest line, in bytes; None means :func:`max_record_size`.
    options : ReadOptions or None, default=None
        The encoding to read, and where to tell of a detected one.
    """
    name = display_name(path)
    bound = max_record_size() if limit is None else limit
    if path == STDIN:
        # The binary buffer, when there is one, so that bad bytes are located exactly.
        stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", sys.stdin)
        yield Lines(stream, name, bound, options)
        return
    try:
        handle = gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")  # noqa: SIM115
    except OSError as error:
        raise unreadable(path, error) from None
    with handle:
        lines = Lines(handle, name, bound, options)
        lines.path = path
        yield lines


_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "an old Office file (an Excel .xls workbook, or a Word .doc)",
    ),
    (b"SQLite format 3\x00", "an SQLite database (a relevance ledger?)"),
    (b"\x1f\x8b", "gzip-compressed"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
)
"""The first bytes of files people pick by mistake, and what each is."""
_ZIP = b"PK\x03\x04"
SPREADSHEET = "a spreadsheet workbook"
_SAVE_AS_CSV = "save it as CSV (in Excel: File > Save As > CSV UTF-8) and score that"


def binary_kind(head: bytes, path: str | None = None) -> str | None:
    """What a file whose first bytes are ``head`` is, when it is not text (a workbook, a PDF);
    None for text. A zip archive is told by its entries when ``path`` can be opened."""
    if head.startswith(_ZIP):
        return _zip_kind(path)
    return next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)


def _zip_kind(path: str | None) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path or "") as archive:
            names = archive.namelist()
            mimetype = archive.read("mimetype")[:80] if "mimetype" in names else b""
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return f"{SPREADSHEET} or another zip archive"
    if any(n.startswith("xl/") for n in names):
        return f"{SPREADSHEET} (Excel .xlsx)"
    if b"spreadsheet" in mimetype:
        return f"{SPREADSHEET} (OpenDocument .ods)"
    if any(n.startswith("Index/") for n in names):
        return f"{SPREADSHEET} (Numbers)"
    if any(n.startswith("word/") for n in names) or b"text" in mimetype:
        return "a word-processor document (.docx, .odt)"
    return "a zip archive"


def not_a_text_file(name: str, kind: str) -> UsageError:
    """The error for a file that is not text: what it is, and how to get a file that is."""
    if kind.startswith(SPREADSHEET):
        hint = _SAVE_AS_CSV
    elif kind == "gzip-compressed":
        hint = "name it with .gz at the end (groups.jsonl.gz), so that it is gunzipped"
    else:
        hint = "export the groups as CSV, JSON or JSON Lines and score that file"
    return UsageError(f"{name}: the file is {kind}, not text", hint=hint)


def _not_text(name: str, encoding: str, number: int) -> InputError:
    label = "UTF-8" if encoding.replace("_", "-").lower() in ("utf-8", "utf8") else encoding
    return InputError(
        f"not valid {label} text",
        name,
        f"line {number}",
        hint="name the file's encoding with --encoding, e.g. --encoding cp1252",
    )
