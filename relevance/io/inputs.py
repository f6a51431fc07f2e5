"""Several group files read as one input: a folder, or a glob such as ``data/*.jsonl.gz``.

``FILE`` may name a folder (its group files, found in all its subfolders: ``.json``,
``.jsonl``, ``.ndjson``, ``.csv``, each maybe gzipped; hidden names are left out) or a glob
(``*``, ``?``, ``[...]``; ``**`` crosses folders). The files are read one after another in the
order of their paths, sorted, as if they were one file: the run's chunks run across them, so
the results are those of the files concatenated, whichever engine scores them. Each record
keeps its own file, so an error names the file and line it came from.

A file's records are read by a :class:`~relevance.io.records.GroupReader` of their own; this
module only chains them. With ``--rejects``, the set-aside records of every file go to the
one rejects file, which holds one format (and, for CSV, one header): files of several formats
are refused before anything is read.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from relevance.errors import InputError, UsageError
from relevance.io.formats import RawRecord, detect_format
from relevance.io.source import STDIN

if TYPE_CHECKING:
    from relevance.io.options import ReadOptions
    from relevance.io.records import GroupReader
    from relevance.io.rejects import RejectsWriter

GROUP_SUFFIXES = (".json", ".jsonl", ".ndjson", ".csv")
"""The extensions of the files a folder is read for (each also gzipped: ``.jsonl.gz``)."""


def is_several(path: str) -> bool:
    """True when ``path`` names a folder or is a glob (and not an existing file's name)."""
    if path == STDIN or os.path.isfile(path):
        return False
    return os.path.isdir(path) or glob.has_magic(path)


def expand(path: str) -> list[str]:
    """The files ``path`` names, in the order they are read.

    Parameters
    ----------
    path : str
        A file, ``"-"`` (standard input), a folder or a glob.

    Returns
    -------
    list of str
        ``[path]`` for a file or ``-`` (even one not there: reading it says so); for a folder,
        its group files at any depth, sorted by path; for a glob, the files it matches, sorted.

    Raises
    ------
    UsageError
        When a folder holds no group file, or a glob matches no file.
    """
    if not is_several(path):
        return [path]
    if os.path.isdir(path):
        found = sorted(_group_files(path))
        if not found:
            raise UsageError(
                f"{path}: a folder with no group files",
                hint="it is read for .json, .jsonl, .ndjson and .csv files (or gzipped), "
                "in any subfolder",
            )
        return found
    matched = sorted(p for p in glob.glob(path, recursive=True) if os.path.isfile(p))
    if not matched:
        raise UsageError(
            f"{path}: no file matches",
            hint="check the pattern; ** matches any number of folders: 'data/**/*.jsonl'",
        )
    return matched


def _group_files(folder: str) -> Iterator[str]:
    for root, folders, files in os.walk(folder):
        folders[:] = [f for f in folders if not f.startswith(".")]  # no .git, no .cache
        for name in files:
            stem = name[:-3] if name.lower().endswith(".gz") else name
            if not name.startswith(".") and stem.lower().endswith(GROUP_SUFFIXES):
                yield os.path.join(root, name)


@dataclass(frozen=True, slots=True)
class FileRecord:
    """A record with the file it came from: validated where it is scored, which may be a
    worker, against its own file's name (:func:`relevance.io.records.to_group`)."""

    source: str
    record: RawRecord


class FilesReader:
    """The records of several files, one after the other, with the counts of all of them.

    The counterpart of :class:`~relevance.io.records.GroupReader` for a folder or a glob (see
    the module docstring); the runner validates its records (:class:`FileRecord`) where it
    scores them and reports each back with :meth:`settle`, in input order.

    Parameters
    ----------
    name : str
        The folder or glob as given: what the run's summary names.
    paths : list of str
        The files, in reading order (:func:`expand`).
    input_format, on_error, rejects, on_reject, fill, options
        As for :func:`relevance.io.records.read_groups`, for every file.

    Raises
    ------
    UsageError
        At once, when a file cannot be read or its format cannot be told, or when ``rejects``
        is given and the files are of more than one format.
    """

    def __init__(
        self,
        name: str,
        paths: list[str],
        input_format: str | None = None,
        on_error: str = "fail",
        rejects: RejectsWriter | None = None,
        on_reject: Callable[[InputError], None] | None = None,
        fill: Callable[[RawRecord], RawRecord] | None = None,
        options: ReadOptions | None = None,
    ) -> None:
        from relevance.io.records import read_groups

        self.source = name
        formats = {p: detect_format(p, input_format) for p in paths}
        if rejects is not None and len(set(formats.values())) > 1:
            first, other = paths[0], next(p for p in paths if formats[p] != formats[paths[0]])
            raise UsageError(
                f"--rejects keeps one format, but {first} is {formats[first]} and "
                f"{other} is {formats[other]}",
                hint="score the files of each format apart, or leave out --rejects",
            )
        begun: list[tuple[str, str | None]] = []  # the rejects file's format and header
        self._readers: list[GroupReader] = [
            read_groups(
                p,
                input_format,
                on_error,
                _rejects_of(rejects, p, begun),
                on_reject=on_reject,
                fill=fill,
                options=options,
            )
            for p in paths
        ]
        self._by_source = {r.source: r for r in self._readers}

    @property
    def read(self) -> int:
        """Records read so far, rejected ones included."""
        return sum(r.read for r in self._readers)

    @property
    def rejected(self) -> int:
        """Records set aside so far."""
        return sum(r.rejected for r in self._readers)

    def records(self) -> Iterator[FileRecord]:
        """Every file's records, unvalidated, each with its file, in reading order."""
        for reader in self._readers:
            for record in reader.records():
                yield FileRecord(reader.source, record)

    def settle(self, item: FileRecord, error: InputError | None) -> bool:
        """Count a record validated elsewhere against its file's reader; True when it is kept."""
        return self._by_source[item.source].settle(item.record, error)


def _rejects_of(
    writer: RejectsWriter | None, path: str, begun: list[tuple[str, str | None]]
) -> RejectsWriter | None:
    """What one file's reader sets its rejects aside in: the run's one rejects file."""
    return None if writer is None else cast("RejectsWriter", _OneRejectsFile(writer, path, begun))


class _OneRejectsFile:
    """The run's rejects file as one file's reader sees it: begun by the first file read, with
    that file's format and CSV header, which every later file must have too."""

    def __init__(
        self, writer: RejectsWriter, path: str, begun: list[tuple[str, str | None]]
    ) -> None:
        self._writer = writer
        self._path = path
        self._begun = begun

    def start(self, input_format: str, header: str | None = None) -> None:
        if not self._begun:
            self._begun.append((input_format, header))
            self._writer.start(input_format, header)
        elif self._begun[0] != (input_format, header):
            raise InputError(
                "its CSV header is not the first file's, and the rejects file holds one header",
                self._path,
                hint="score files of one header together, or leave out --rejects",
            )

    def write(self, record: RawRecord) -> None:
        self._writer.write(record)
