"""Training corpora: folders and files of texts, read as a stream of documents.

A corpus argument is a file or a folder (walked recursively, in sorted order, so training is
deterministic). By file name:

- ``.txt``, ``.md``: the whole file is one document;
- ``.jsonl``/``.ndjson``: each line is an object with a ``text`` field (one document), or a group
  (title, description, discussions: one document for the group's texts together);
- ``.json``, ``.csv``: group files, in any input format ``relevance score`` reads.

Other files in a folder are skipped (and counted); a file named explicitly must be one of these.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relevance.errors import InputError, UsageError

TEXT_SUFFIXES = {".txt", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
GROUP_SUFFIXES = {".json", ".csv"}
ALL_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | GROUP_SUFFIXES


@dataclass
class Corpus:
    """The files of a corpus, listed once, and their combined SHA-256.

    Parameters
    ----------
    paths : sequence of str or Path
        Files and folders.
    """

    paths: Sequence[str | Path]
    files: list[Path] = field(default_factory=list, init=False)
    names: list[str] = field(default_factory=list, init=False)
    """Each file's name relative to the folder it was found in (its own name if given)."""
    skipped: list[Path] = field(default_factory=list, init=False)

    def __post_init__(self) -> None:
        if not self.paths:
            raise UsageError("give at least one corpus file or folder")
        for given in self.paths:
            path = Path(given)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if child.name.startswith(".") or child.name.lower() == "readme.md":
                        continue
                    if _suffix(child) not in ALL_SUFFIXES:
                        self.skipped.append(child)
                        continue
                    self.files.append(child)
                    self.names.append(child.relative_to(path).as_posix())
            elif path.is_file():
                if _suffix(path) not in ALL_SUFFIXES:
                    raise UsageError(
                        f"{given}: cannot tell what this file holds from its name",
                        hint="use .txt, .md, .jsonl, .json or .csv",
                    )
                self.files.append(path)
                self.names.append(path.name)
            else:
                raise UsageError(f"{given}: no such file or folder")
        if not self.files:
            raise InputError(
                "the corpus is empty: no .txt, .md, .jsonl, .json or .csv file found",
                hint="point 'relevance train' at your texts",
            )

    def sha256(self, extra: Sequence[str] = ()) -> str:
        """SHA-256 over every file's relative name and bytes, in order, then ``extra`` texts
        (the goals and stop words that also shape the model): where the files sit does not
        matter, what they say does."""
        digest = hashlib.sha256()
        for path, name in zip(self.files, self.names, strict=True):
            digest.update(name.encode("utf-8") + b"\0")
            digest.update(_read_bytes(path))
            digest.update(b"\0")
        for text in extra:
            digest.update(text.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def documents(self) -> Iterator[str]:
        """Every document's text, file by file."""
        for path in self.files:
            yield from _documents(path)


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def _documents(path: Path) -> Iterator[str]:
    suffix = _suffix(path)
    if suffix in TEXT_SUFFIXES:
        try:
            yield _read_bytes(path).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{path}: not valid UTF-8 text") from None
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path)
    else:
        from relevance.io.records import read_groups

        for group in read_groups(str(path)):
            yield group_text(group)


def _jsonl_documents(path: Path) -> Iterator[str]:
    from relevance.io.records import iter_records
    from relevance.schema import Group

    for record in iter_records(str(path), "jsonl"):
        value: Any = record.value
        if isinstance(value, dict) and isinstance(value.get("text"), str):
            yield value["text"]
        elif isinstance(value, dict) and "title" in value:
            try:
                yield group_text(Group.from_dict(value))
            except InputError as error:
                raise error.located(str(path), record.location) from None
        else:
            raise InputError(
                "expected an object with a 'text' field or a group with a 'title'",
                str(path),
                record.location,
            )


def group_text(group: Any) -> str:
    """A group's title, description and discussions as one document."""
    parts = [group.title, group.description or ""]
    parts.extend(d.text for d in group.discussions or ())
    return "\n".join(p for p in parts if p)
