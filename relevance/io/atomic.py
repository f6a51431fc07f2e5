"""Write output files all at once or not at all.

A run that fails (bad input, interrupted, disk full) must leave no output file behind and must not
clobber the one an earlier run wrote. So output goes to a temporary file in the target's own
directory and is renamed onto the target only once it is complete and synced: a rename within one
directory is atomic, so readers see the old file or the new one, never half of one.

``-`` stands for standard output, which is written directly and never closed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from relevance.errors import UsageError

STDOUT = "-"


class AtomicFile:
    """A temporary file that replaces ``path`` on :meth:`commit` and vanishes on :meth:`discard`.

    Parameters
    ----------
    path : str
        The file to write, or ``"-"`` for standard output.
    mode : str, default="w"
        ``"w"`` for text, ``"wb"`` for bytes.
    encoding : str, default="utf-8"
        The text encoding (ignored in binary mode).

    Raises
    ------
    UsageError
        When ``path`` is a directory or its directory does not exist or is not writable.

    Notes
    -----
    Prefer :func:`atomic_output`; this class serves writers whose commit comes later than the
    block that opened them (e.g. the rejects file, committed when the reader is done).
    """

    def __init__(self, path: str, mode: str = "w", encoding: str = "utf-8") -> None:
        self.path = path
        self._temp: str | None = None
        self._done = False
        if path == STDOUT:
            self.stream: IO[Any] = sys.stdout.buffer if "b" in mode else sys.stdout
            return
        if os.path.isdir(path):
            raise UsageError(f"{path}: is a directory, not a file")
        self.stream = _temporary(path, mode, encoding)
        self._temp = self.stream.name

    def commit(self) -> None:
        """Flush, sync and move the file into place (flush only, for standard output)."""
        if self._done:
            return
        self._done = True
        if self._temp is None:
            self.stream.flush()
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            self.stream.close()
            os.chmod(self._temp, _mode_for(self.path))
            os.replace(self._temp, self.path)
        except BaseException:
            self._remove()
            raise

    def discard(self) -> None:
        """Drop what was written; an existing target file is left as it was."""
        if self._done:
            return
        self._done = True
        if self._temp is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
            self._remove()

    def _remove(self) -> None:
        if self._temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(self._temp)


@contextmanager
def atomic_output(path: str, mode: str = "w", encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """Open ``path`` for writing so that it appears only if the block completes.

    Parameters
    ----------
    path : str
        The file to write, or ``"-"`` for standard output (yielded as is, not closed).
    mode : str, default="w"
        ``"w"`` for text, ``"wb"`` for bytes.
    encoding : str, default="utf-8"
        The text encoding (ignored in binary mode).

    Yields
    ------
    IO
        The stream to write to.

    Raises
    ------
    UsageError
        When ``path`` cannot be written (missing directory, a directory, no permission).
    """
    target = AtomicFile(path, mode, encoding)
    try:
        yield target.stream
    except BaseException:
        target.discard()
        raise
    target.commit()


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, "wb") as stream:
        stream.write(data)


def atomic_write_text(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, "w", encoding) as stream:
        stream.write(text)


def _temporary(path: str, mode: str, encoding: str) -> IO[Any]:
    # Same directory as the target: os.replace is only atomic within one file system.
    directory = os.path.dirname(os.path.abspath(path))
    try:
        return tempfile.NamedTemporaryFile(  # closed by commit or discard
            mode,
            encoding=None if "b" in mode else encoding,
            delete=False,
            dir=directory,
            prefix=f".{os.path.basename(path)}.",
            suffix=".tmp",
        )
    except FileNotFoundError:
        raise UsageError(f"{path}: cannot write it (no such directory)") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot write it ({error.strerror or error})") from None


def _mode_for(path: str) -> int:
    """The permissions the file would get from a plain ``open``: the old file's, or per umask.

    Temporary files are created private (0600), which would make every output unreadable to
    the group and others.
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        pass
    # os.umask can only be read by setting it; set it straight back.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
