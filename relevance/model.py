"""The vectorizer model: document frequencies of terms over a background corpus.

A model is a folder with two files:

``vocabulary.tsv``
    One ``term<TAB>document frequency`` line per term, sorted by term; UTF-8, ``\\n`` line ends.
``manifest.json``
    Name, creation time, versions, the text-analysis parameters, document count, average
    document length, vocabulary size, and the SHA-256 of the corpus and of ``vocabulary.tsv``.

Plain text and JSON rather than a pickle (joblib) file: loading a pickle can run arbitrary code,
so a model shared between users would be a security hole; a TSV of terms and counts cannot, and
it diffs, greps and stays readable by any future version. The SHA-256 in the manifest is checked
before the vocabulary is read, so a modified or truncated file is refused.
"""

from __future__ import annotations

import errno
import hashlib
import importlib.metadata
import json
import math
import os
import platform
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from relevance.errors import ModelError
from relevance.text import TextAnalyzer

FORMAT_VERSION = 1
VOCABULARY_FILE = "vocabulary.tsv"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class TextParams:
    """How texts become terms; fixed when a model is trained and reused when it scores.

    Parameters
    ----------
    stem : bool, default=True
        Snowball (English) stemming.
    ngram_max : {1, 2}, default=2
        Longest n-gram.
    extra_stop_words : tuple of str, default=()
        Stop words on top of the built-in English list.
    """

    stem: bool = True
    ngram_max: int = 2
    extra_stop_words: tuple[str, ...] = ()

    def analyzer(self) -> TextAnalyzer:
        """A fresh :class:`TextAnalyzer` with these parameters."""
        return TextAnalyzer(
            stem=self.stem, ngram_max=self.ngram_max, extra_stop_words=self.extra_stop_words
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "stem": self.stem,
            "ngram_max": self.ngram_max,
            "extra_stop_words": list(self.extra_stop_words),
        }


@dataclass
class Model:
    """Document frequencies over a background corpus, and how its texts were analysed.

    Attributes
    ----------
    name : str
        The model's name (``default`` for the shipped one).
    params : TextParams
        Text analysis the model was trained with; scoring uses the same.
    df : dict of str to int
        Document frequency of every kept term.
    n_docs : int
        Number of training documents.
    avg_len : float
        Average number of unigram terms in a training document.
    manifest : dict
        The manifest as read or written.
    """

    name: str
    params: TextParams
    df: dict[str, int]
    n_docs: int
    avg_len: float
    manifest: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None

    @property
    def vocabulary_size(self) -> int:
        return len(self.df)


def train(
    texts: Iterable[str],
    name: str,
    params: TextParams | None = None,
    min_df: int = 1,
    max_df: float = 1.0,
) -> Model:
    """Count document frequencies over ``texts``.

    Parameters
    ----------
    texts : iterable of str
        Training documents (streamed; each is read once).
    name : str
        Name of the model.
    params : TextParams or None, default=None
        Text analysis; None means the defaults.
    min_df : int, default=1
        Drop terms in fewer documents than this (>= 1).
    max_df : float, default=1.0
        Drop terms in more than this fraction of documents, in (0, 1].

    Raises
    ------
    ModelError
        When no document has a usable word.
    """
    params = params or TextParams()
    if min_df < 1:
        raise ValueError(f"min_df must be >= 1, got {min_df}")
    if not 0.0 < max_df <= 1.0:
        raise ValueError(f"max_df must be in (0, 1], got {max_df}")
    import numpy as np

    from relevance.terms import SHIFT, TermCounts, encode, term_of

    analyzer = params.analyzer()
    counts = TermCounts()
    n_docs = total_len = 0
    for batch in _batches(texts):
        # Term codes of a batch of documents (unigram ids, bigrams as pairs of ids: no
        # strings), each document's distinct ones counted with sorts of whole arrays.
        codes, rows, n_rows = encode(analyzer, batch, params.ngram_max == 2)
        lengths = np.bincount(rows[codes < SHIFT], minlength=n_rows)
        n_docs += int(np.count_nonzero(lengths))
        total_len += int(lengths.sum())
        counts.add(codes, rows)
    if n_docs == 0:
        raise ModelError(
            "empty vocabulary; perhaps the corpus is empty or only contains stop words",
            hint="give text files, JSON Lines with a 'text' field, or group files",
        )
    ceiling = max_df * n_docs
    keep = (counts.df >= min_df) & (counts.df <= ceiling)
    kept = {
        term_of(c, analyzer): n
        for c, n in zip(counts.codes[keep].tolist(), counts.df[keep].tolist(), strict=True)
    }
    if not kept:
        raise ModelError(
            f"empty vocabulary after min_df={min_df} and max_df={max_df}",
            hint="lower --min-df or raise --max-df",
        )
    return Model(name, params, kept, n_docs, total_len / n_docs)


TRAIN_BATCH_CHARS = 4_000_000
"""Characters of text counted together (a few documents or thousands): bounds the arrays."""


def _batches(texts: Iterable[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text) if text else 0
        if size >= TRAIN_BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def vocabulary_bytes(model: Model) -> bytes:
    """The vocabulary file's exact content: deterministic for the same counts."""
    lines = (f"{term}\t{model.df[term]}\n" for term in sorted(model.df))
    return "".join(lines).encode("utf-8")


def build_manifest(
    model: Model, vocabulary: bytes, corpus_sha256: str | None, extra: Mapping[str, Any]
) -> dict[str, Any]:
    """The manifest of a model about to be written."""
    from relevance import __version__

    return {
        "format_version": FORMAT_VERSION,
        "name": model.name,
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "versions": {
            "relevance": __version__,
            "python": platform.python_version(),
            "scikit-learn": _installed("scikit-learn"),
            "nltk": _installed("nltk"),
        },
        "text_params": model.params.to_dict(),
        **dict(extra),
        "documents": model.n_docs,
        "average_length": round(model.avg_len, 6),
        "vocabulary_size": model.vocabulary_size,
        "corpus_sha256": corpus_sha256,
        "model_file": VOCABULARY_FILE,
        "model_sha256": hashlib.sha256(vocabulary).hexdigest(),
    }


def _installed(distribution: str) -> str | None:
    """A package's version from its metadata, without importing it (scikit-learn and NLTK
    take a second to import)."""
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


MAX_MANIFEST_BYTES = 1 << 20
"""A manifest is a page of JSON; anything larger is not one."""
MAX_VOCABULARY_BYTES = 1 << 31
"""2 GiB: a hundred times the largest vocabulary a corpus of millions of documents gives."""
_COUNT = re.compile(r"[0-9]{1,15}")  # ASCII digits only: str.isdigit() also takes '²'
_SHA256 = re.compile(r"[0-9a-f]{64}")


def load(path: Path, name: str | None = None) -> Model:
    """Read a model folder, checking the vocabulary's SHA-256 against the manifest first.

    Only two plain files inside the folder are opened, each of a bounded size
    (:data:`MAX_MANIFEST_BYTES`, :data:`MAX_VOCABULARY_BYTES`): the manifest cannot point the
    reader at a device, another folder's file or a symbolic link. The manifest is checked against
    one schema before the vocabulary is read, and the vocabulary's hash before it is parsed.

    Raises
    ------
    ModelError
        When the folder, manifest or vocabulary is missing, the manifest is not valid (naming
        the key), the vocabulary's hash differs from the manifest's (modified or truncated), or
        the format version is newer than this version understands.
    """
    manifest_path = path / MANIFEST_FILE
    manifest = read_manifest(path)
    version = manifest.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise ModelError(
            f"{path}: model format {version} is not format {FORMAT_VERSION} that this version "
            "reads",
            hint="retrain it with 'relevance train' using this version",
        )
    n_docs, avg_len, params, model_file = _checked_manifest(manifest, manifest_path)
    vocab_path = path / model_file
    data = _read_plain_file(vocab_path, MAX_VOCABULARY_BYTES, "the model file")
    digest = hashlib.sha256(data).hexdigest()
    if digest != manifest["model_sha256"]:
        raise ModelError(
            f"{vocab_path}: refused: its SHA-256 {digest[:12]}... differs from the manifest's "
            f"{str(manifest['model_sha256'])[:12]}...; the file was modified or truncated",
            hint="retrain the model, or restore the file",
        )
    df = _parse_vocabulary(data, vocab_path, n_docs)
    return Model(
        name=name or str(manifest.get("name", path.name)),
        params=params,
        df=df,
        n_docs=n_docs,
        avg_len=avg_len,
        manifest=manifest,
        path=path,
    )


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest of a model folder as a JSON object, read as a bounded plain file.

    Raises
    ------
    ModelError
        When there is no manifest, or it is not a plain file holding a JSON object with a
        ``model_sha256``.
    """
    manifest_path = path / MANIFEST_FILE
    if not os.path.lexists(manifest_path):
        raise ModelError(
            f"{path}: not a model (no {MANIFEST_FILE})", hint="list models with 'relevance models'"
        )
    data = _read_plain_file(manifest_path, MAX_MANIFEST_BYTES, "the manifest")
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as error:
        raise ModelError(f"{manifest_path}: not a valid manifest ({error})") from None
    if not isinstance(manifest, dict) or "model_sha256" not in manifest:
        raise ModelError(f"{manifest_path}: not a valid manifest (no model_sha256)")
    return manifest


def _read_plain_file(path: Path, limit: int, what: str) -> bytes:
    """A regular file's bytes, refusing links, devices, FIFOs and files over ``limit``."""
    try:
        fd = os.open(
            path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        )
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ModelError(f"{path}: refused: {what} is a symbolic link") from None
        raise ModelError(f"{path}: cannot read {what} ({error.strerror})") from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ModelError(f"{path}: refused: {what} is not a regular file")
        if info.st_size > limit:
            raise ModelError(
                f"{path}: refused: {what} holds {info.st_size:,} bytes, over the limit of {limit:,}"
            )
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise ModelError(f"{path}: cannot read {what} ({error.strerror})") from None
    if len(data) > limit:
        raise ModelError(f"{path}: refused: {what} is over the limit of {limit:,} bytes")
    return data


def _checked_manifest(
    manifest: Mapping[str, Any], where: Path
) -> tuple[int, float, TextParams, str]:
    """The manifest's values the loader uses, each checked; a :class:`ModelError` names the key."""

    def bad(key: str, expected: str) -> ModelError:
        shown = json.dumps(manifest.get(key), ensure_ascii=False, default=str)
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return ModelError(
            f"{where}: not a valid manifest ('{key}' must be {expected}, got {shown})",
            hint="retrain the model with 'relevance train'",
        )

    if not isinstance(manifest.get("model_sha256"), str) or not _SHA256.fullmatch(
        manifest["model_sha256"]
    ):
        raise bad("model_sha256", "64 hexadecimal digits")
    model_file = manifest.get("model_file", VOCABULARY_FILE)
    if (
        not isinstance(model_file, str)
        or model_file in ("", ".", "..", MANIFEST_FILE)
        or "/" in model_file
        or "\\" in model_file
        or "\0" in model_file
    ):
        raise bad("model_file", "a file name inside the model folder")
    documents = manifest.get("documents")
    if type(documents) is not int or documents < 1:
        raise bad("documents", "a whole number of at least 1")
    average = manifest.get("average_length")
    if not isinstance(average, int | float) or isinstance(average, bool):
        raise bad("average_length", "a positive number")
    if not math.isfinite(average) or average <= 0:
        raise bad("average_length", "a positive number")
    return documents, float(average), _checked_params(manifest, bad), model_file


def _checked_params(manifest: Mapping[str, Any], bad: Any) -> TextParams:
    params = manifest.get("text_params", {})
    if not isinstance(params, dict):
        raise bad("text_params", "an object")
    stem = params.get("stem", True)
    if not isinstance(stem, bool):
        raise bad("text_params", "an object whose 'stem' is true or false")
    ngram_max = params.get("ngram_max", 2)
    if type(ngram_max) is not int or ngram_max not in (1, 2):
        raise bad("text_params", "an object whose 'ngram_max' is 1 or 2")
    extra = params.get("extra_stop_words", [])
    if not isinstance(extra, list) or not all(isinstance(word, str) for word in extra):
        raise bad("text_params", "an object whose 'extra_stop_words' is a list of words")
    return TextParams(stem=stem, ngram_max=ngram_max, extra_stop_words=tuple(extra))


def _parse_vocabulary(data: bytes, where: Path, n_docs: int) -> dict[str, int]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        bad_line = data.count(b"\n", 0, error.start) + 1
        raise ModelError(f"{where} line {bad_line}: not valid UTF-8 text") from None
    df: dict[str, int] = {}
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # after the last line break
    for number, line in enumerate(lines, 1):
        term, _, digits = line.rpartition("\t")
        if not term or not _COUNT.fullmatch(digits):
            raise ModelError(f"{where} line {number}: not 'term<TAB>count'")
        value = int(digits)
        if not 1 <= value <= n_docs:
            raise ModelError(
                f"{where} line {number}: a document count of {value} for {n_docs} documents"
            )
        df[term] = value
    return df
