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

import hashlib
import importlib.metadata
import json
import platform
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import pairwise
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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TextParams:
        return cls(
            stem=bool(data.get("stem", True)),
            ngram_max=int(data.get("ngram_max", 2)),
            extra_stop_words=tuple(data.get("extra_stop_words", ())),
        )


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
    analyzer = params.analyzer()
    df: Counter[str] = Counter()
    n_docs = total_len = 0
    for text in texts:
        words = analyzer.unigrams(text)
        if not words:
            continue
        n_docs += 1
        total_len += len(words)
        terms = set(words)
        if params.ngram_max == 2:
            terms.update(f"{a} {b}" for a, b in pairwise(words))
        df.update(terms)
    if n_docs == 0:
        raise ModelError(
            "empty vocabulary; perhaps the corpus is empty or only contains stop words",
            hint="give text files, JSON Lines with a 'text' field, or group files",
        )
    ceiling = max_df * n_docs
    kept = {t: c for t, c in df.items() if min_df <= c <= ceiling}
    if not kept:
        raise ModelError(
            f"empty vocabulary after min_df={min_df} and max_df={max_df}",
            hint="lower --min-df or raise --max-df",
        )
    return Model(name, params, kept, n_docs, total_len / n_docs)


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


def load(path: Path, name: str | None = None) -> Model:
    """Read a model folder, checking the vocabulary's SHA-256 against the manifest first.

    Raises
    ------
    ModelError
        When the folder, manifest or vocabulary is missing, the manifest is not valid, the
        vocabulary's hash differs from the manifest's (modified or truncated), or the format
        version is newer than this version understands.
    """
    manifest_path = path / MANIFEST_FILE
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(
            f"{path}: not a model (no {MANIFEST_FILE})", hint="list models with 'relevance models'"
        ) from None
    except (OSError, ValueError) as error:
        raise ModelError(f"{manifest_path}: not a valid manifest ({error})") from None
    if not isinstance(manifest, dict) or "model_sha256" not in manifest:
        raise ModelError(f"{manifest_path}: not a valid manifest (no model_sha256)")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise ModelError(
            f"{path}: model format {version} is not format {FORMAT_VERSION} that this version "
            "reads",
            hint="retrain it with 'relevance train' using this version",
        )
    vocab_path = path / str(manifest.get("model_file", VOCABULARY_FILE))
    try:
        data = vocab_path.read_bytes()
    except OSError as error:
        raise ModelError(f"{vocab_path}: cannot read the model file ({error.strerror})") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != manifest["model_sha256"]:
        raise ModelError(
            f"{vocab_path}: refused: its SHA-256 {digest[:12]}... differs from the manifest's "
            f"{str(manifest['model_sha256'])[:12]}...; the file was modified or truncated",
            hint="retrain the model, or restore the file",
        )
    df = _parse_vocabulary(data, vocab_path)
    try:
        n_docs = int(manifest["documents"])
        avg_len = float(manifest["average_length"])
        params = TextParams.from_dict(manifest.get("text_params", {}))
    except (KeyError, TypeError, ValueError) as error:
        raise ModelError(
            f"{manifest_path}: not a valid manifest (bad or missing {error})",
            hint="retrain the model with 'relevance train'",
        ) from None
    return Model(
        name=name or str(manifest.get("name", path.name)),
        params=params,
        df=df,
        n_docs=n_docs,
        avg_len=avg_len,
        manifest=manifest,
        path=path,
    )


def _parse_vocabulary(data: bytes, where: Path) -> dict[str, int]:
    df: dict[str, int] = {}
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        term, _, count = line.rpartition("\t")
        if not term or not count.isdigit():
            raise ModelError(f"{where} line {number}: not 'term<TAB>count'")
        df[term] = int(count)
    return df
