"""Write output files and model folders all at once or not at all.

A run that fails (bad input, interrupted, disk full) must leave no output file behind and must not
clobber the one an earlier run wrote. So output goes to a temporary file in the target's own
directory and is renamed onto the target only once it is complete and synced: a rename within one
directory is atomic, so readers see the old file or the new one, never half of one. A model folder
is built in a hidden sibling folder and exchanged with the old one in one step
(:func:`atomic_folder`), so that there is no moment without a model in place.

What is not a regular file (``/dev/null``, a FIFO, a terminal, ``/proc/self/fd/1``) is written
directly: replacing it would turn a device or pipe into a plain file. ``-`` stands for standard
output, which is written directly and never closed.

Temporary files are named ``.<target>.<random>.relevance.tmp``. Each is locked (``flock``) while
its writer lives, so that :func:`sweep_stale` can tell one left by a killed run (lock free) from
one another run is writing (locked), and :func:`remove_temporaries_on_signals` removes this
process's own on SIGTERM and SIGHUP.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import IO, Any

from relevance.errors import UsageError

STDOUT = "-"
TEMP_SUFFIX = ".relevance.tmp"
"""The suffix of every temporary file and folder this module makes."""

_STALE = re.compile(r"^\..+\.[A-Za-z0-9_]+" + re.escape(TEMP_SUFFIX) + "$")
_live: set[str] = set()  # temporary paths this process is writing, for the signal handler


def current_umask() -> int:
    """The process's umask (it can only be read by setting it; it is set straight back)."""
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


class AtomicFile:
    """A temporary file that replaces ``path`` on :meth:`commit` and vanishes on :meth:`discard`.

    Parameters
    ----------
    path : str
        The file to write, or ``"-"`` for standard output. A symbolic link to a regular file is
        followed (the file it names is replaced, the link kept); a target that exists and is
        not a regular file (device, FIFO) is opened and written directly.
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
        self._direct = False
        if path == STDOUT:
            self.stream: IO[Any] = sys.stdout.buffer if "b" in mode else sys.stdout
            return
        if os.path.isdir(path):
            raise UsageError(f"{path}: is a directory, not a file")
        if not is_regular_or_absent(path):
            self._direct = True
            self.stream = _open_direct(path, mode, encoding)
            return
        self._target = os.path.realpath(path)
        sweep_stale(os.path.dirname(self._target))  # what a killed run left in this folder
        self.stream = _temporary(path, self._target, mode, encoding)
        self._temp = self.stream.name

    def commit(self) -> None:
        """Flush, sync and move the file into place (flush only, for a direct target)."""
        if self._done:
            return
        self._done = True
        if self._temp is None:
            self.stream.flush()
            if self._direct:
                self.stream.close()
            return
        try:
            self.stream.flush()
            os.fsync(self.stream.fileno())
            os.chmod(self._temp, _mode_for(self._target))
            os.replace(self._temp, self._target)
            self.stream.close()  # after the rename: closing releases the lock sweep_stale tests
        except OSError as error:
            with contextlib.suppress(OSError):
                self.stream.close()
            self._remove()
            raise _named(error, self.path) from None
        except BaseException:
            with contextlib.suppress(OSError):
                self.stream.close()
            self._remove()
            raise
        finally:
            _live.discard(self._temp)

    def discard(self) -> None:
        """Drop what was written; an existing target file is left as it was."""
        if self._done:
            return
        self._done = True
        if self._direct:
            with contextlib.suppress(OSError):
                self.stream.close()
        if self._temp is not None:
            with contextlib.suppress(OSError):
                self.stream.close()
            self._remove()

    def _remove(self) -> None:
        if self._temp is not None:
            _live.discard(self._temp)
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
        target.commit()
    except OSError as error:
        target.discard()
        raise _named(error, path) from None
    except BaseException:
        target.discard()
        raise


_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO}


def _named(error: OSError, path: str) -> OSError:
    """A write error (disk full, quota, read-only) without a file name gets the target's."""
    if error.filename is None and error.errno in _WRITE_ERRORS:
        shown = "<stdout>" if path == STDOUT else path
        return OSError(error.errno, error.strerror, shown)
    return error


def atomic_write_bytes(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, "wb") as stream:
        stream.write(data)


def atomic_write_text(path: str, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically (see :func:`atomic_output`)."""
    with atomic_output(path, "w", encoding) as stream:
        stream.write(text)


def is_regular_or_absent(path: str) -> bool:
    """True when ``path`` (links followed) is a regular file or does not exist yet."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError:
        return True  # let the write itself report it, naming the cause


# --- folders -------------------------------------------------------------------------------


class TargetExists(FileExistsError):
    """The folder :func:`atomic_folder` was to create exists (and ``overwrite`` is False)."""


@contextmanager
def atomic_folder(target: Path, overwrite: bool = False) -> Iterator[Path]:
    """Build a folder in a hidden sibling, then put it in place of ``target`` in one step.

    While the block runs, the parent folder is locked (``flock``), so two processes writing the
    same folder take turns: the second sees the first one's result. The block fills the staging
    folder it is given. On success an old ``target`` is exchanged with it atomically where the
    system can (Linux ``renameat2``), else renamed aside just before; on failure the staging
    folder is removed and ``target`` is left as it was.

    Parameters
    ----------
    target : Path
        The folder to create or replace.
    overwrite : bool, default=False
        Replace an existing ``target``; else :class:`FileExistsError` is raised (under the lock).

    Yields
    ------
    Path
        The staging folder, readable by others per the umask (a model folder is shared).

    Raises
    ------
    TargetExists
        When ``target`` exists and ``overwrite`` is False.
    OSError
        When the parent cannot be created or written.
    """
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _locked(parent):
        if target.exists() and not overwrite:
            raise TargetExists(errno.EEXIST, "exists already", str(target))
        sweep_stale(str(parent))
        _sweep_folders(parent)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=parent))
        try:
            staging.chmod(0o777 & ~current_umask())  # mkdtemp makes it private
            yield staging
            _put_in_place(staging, target)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _put_in_place(staging: Path, target: Path) -> None:
    if not target.exists():
        staging.rename(target)
        return
    if _exchange(staging, target):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old folder
        return
    old = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.old.", suffix=TEMP_SUFFIX, dir=target.parent)
    )
    target.replace(old / target.name)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(one: Path, other: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(one), at_fdcwd, os.fsencode(other), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False  # a file system without exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(other))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


# --- temporary files left behind -----------------------------------------------------------


def sweep_stale(directory: str) -> list[str]:
    """Remove the temporary files a killed run left in ``directory``.

    Only names this module makes (``.*.relevance.tmp``) are considered, and of those only the
    ones no live process holds locked: a run writing into the same folder at this moment keeps
    its file. (Staging folders are swept by :func:`atomic_folder`, under the folder lock.)

    Returns
    -------
    list of str
        The paths removed.
    """
    removed: list[str] = []
    for path in _ours(directory):
        if not os.path.isdir(path) and _unlocked(path):
            with contextlib.suppress(OSError):
                os.unlink(path)
                removed.append(path)
    return removed


def _sweep_folders(directory: Path) -> None:
    # Called with the folder lock held: no staging folder in it belongs to a live writer.
    for path in _ours(str(directory)):
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)


def _ours(directory: str) -> list[str]:
    try:
        names = os.listdir(directory or ".")
    except OSError:
        return []
    return [os.path.join(directory, name) for name in names if _STALE.match(name)]


def _unlocked(path: str) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    finally:
        os.close(fd)
    return True


def remove_temporaries_on_signals(signals: tuple[int, ...] | None = None) -> None:
    """On SIGTERM and SIGHUP, remove this process's temporary files, then go on as before.

    The handler already installed for a signal (another part's cleanup, or the default action)
    runs after the files are removed; with the default action the process then ends by that
    signal, as it would have.

    Parameters
    ----------
    signals : tuple of int or None, default=None
        The signals to handle; None means SIGTERM and SIGHUP (where the platform has it).
    """
    chosen = signals or tuple(
        getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
    )
    for number in chosen:
        previous = signal.getsignal(number)
        signal.signal(number, _handler(previous))


def _handler(previous: Any) -> Any:
    def handle(number: int, frame: FrameType | None) -> None:
        for path in list(_live):
            with contextlib.suppress(OSError):
                os.unlink(path)
        _live.clear()
        if callable(previous):
            previous(number, frame)
            return
        if previous == signal.SIG_IGN:
            return
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)

    return handle


# --- helpers -------------------------------------------------------------------------------


def _open_direct(path: str, mode: str, encoding: str) -> IO[Any]:
    try:
        return open(path, mode, encoding=None if "b" in mode else encoding)
    except OSError as error:
        raise UsageError(f"{path}: cannot write it ({error.strerror or error})") from None


def _temporary(path: str, target: str, mode: str, encoding: str) -> IO[Any]:
    # Same directory as the target: os.replace is only atomic within one file system.
    directory = os.path.dirname(target)
    try:
        stream = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed by commit or discard
            mode,
            encoding=None if "b" in mode else encoding,
            delete=False,
            dir=directory,
            prefix=f".{os.path.basename(target)}.",
            suffix=TEMP_SUFFIX,
        )
    except FileNotFoundError:
        raise UsageError(f"{path}: cannot write it (no such directory)") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot write it ({error.strerror or error})") from None
    _live.add(stream.name)
    fcntl.flock(stream.fileno(), fcntl.LOCK_EX)  # tells sweep_stale this file is alive
    return stream


def _mode_for(path: str) -> int:
    """The permissions the file would get from a plain ``open``: the old file's, or per umask.

    Temporary files are created private (0600), which would make every output unreadable to
    the group and others.
    """
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~current_umask()


# --- outputs that would clobber inputs -----------------------------------------------------


def refuse_same_files(inputs: dict[str, str | None], outputs: dict[str, str | None]) -> None:
    """Refuse an output that is one of the inputs, or two outputs that are one file.

    Files are compared by identity (:func:`os.path.samefile`: links and other spellings of one
    path are caught), or for files not there yet by their resolved path. Standard input and
    output (``-``) and targets that are not regular files (``/dev/null``) are not compared.

    Parameters
    ----------
    inputs : dict of str to str or None
        Option (or argument) name to the path it was given; None when not given.
    outputs : dict of str to str or None
        The same for the files written.

    Raises
    ------
    UsageError
        Naming both options and the file, e.g. ``--output groups.jsonl is also FILE``.
    """
    written: list[tuple[str, str]] = []
    for option, path in outputs.items():
        if path is None or path == STDOUT or not is_regular_or_absent(path):
            continue
        for other, given in [*inputs.items(), *written]:
            if given is not None and given != STDOUT and _same(path, given):
                verb = "written by" if (other, given) in written else "read as"
                raise UsageError(
                    f"{option} {path} is the file {verb} {other}; it would be lost",
                    hint=f"give {option} another file",
                )
        written.append((option, path))


def _same(one: str, other: str) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return os.path.realpath(one) == os.path.realpath(other)
