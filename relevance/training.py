"""``relevance train``: a corpus and goals in, a verified model folder out.

What a corpus is (its files, documents and hash) is :mod:`relevance.corpus`'s; counting is
:func:`relevance.model.train`; writing is :func:`relevance.store.write_model`. This module checks
the request and runs the three in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from relevance.corpus import Corpus
from relevance.errors import UsageError
from relevance.model import Model, TextParams, train
from relevance.progress import Progress
from relevance.store import DEFAULT_MODEL, ModelStore, write_model

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
MIN_DOCUMENTS = 500
"""Documents under which a model is trained with a warning (and trained all the same). A term's
weight is how few documents have it, which tells a field's common words from its rare ones only
over enough texts: the shipped model reads 630 over 46 fields; in 30, a word of one text weighs
as the rarest whether or not the field uses it every day."""


@dataclass
class TrainRequest:
    """Everything ``relevance train`` was asked (see its --help)."""

    corpus: Sequence[str]
    name: str
    goals_file: str | None = None
    from_model: str | None = None
    models_dir: str | None = None
    output_dir: str | None = None
    min_df: int = 1
    max_df: float = 1.0
    ngram_max: int | None = None
    """None: the ``from_model``'s (or 2)."""
    stem: bool | None = None
    """None: the ``from_model``'s (or True)."""
    stop_words_file: str | None = None
    force: bool = False
    progress: bool = False


@dataclass
class TrainResult:
    name: str
    path: Path
    documents: int
    vocabulary_size: int
    warnings: tuple[str, ...] = ()
    """What the user should know of the model, e.g. that it was trained on too few documents."""


def check_name(name: str) -> str:
    """A model name is a plain folder name: letters, digits, ``.``, ``_``, ``-``."""
    if not NAME.match(name) or name in {".", ".."}:
        raise UsageError(
            f"model name {name!r} is not allowed: use letters, digits, '.', '_' and '-', "
            "no path separators",
            hint="e.g. --name maritime-law",
        )
    return name


def run_training(request: TrainRequest) -> TrainResult:
    """Train and write a model; nothing is written when anything fails."""
    name = check_name(request.name)
    if not 0.0 < request.max_df <= 1.0:
        raise UsageError(f"--max-df must be in (0, 1], got {request.max_df}")
    target_dir = (
        Path(request.output_dir) if request.output_dir else ModelStore(request.models_dir).directory
    )
    if name == DEFAULT_MODEL and request.output_dir is None:
        raise UsageError(
            "the shipped 'default' model is read-only",
            hint="choose another --name, or rebuild it with --output-dir models",
        )
    params = _params(request)
    corpus = Corpus(request.corpus)
    goals = _goal_lines(request.goals_file)
    shaping = ["\n".join(goals), "\n".join(params.extra_stop_words)]
    documents = _with_progress(_documents(corpus, goals), corpus, request.progress)
    model: Model = train(documents, name, params, request.min_df, request.max_df)
    path = write_model(
        model,
        target_dir / name,
        corpus.sha256(shaping),
        {
            "min_df": request.min_df,
            "max_df": request.max_df,
            "goals": len(goals),
            "corpus_files": len(corpus.files),
        },
        overwrite=request.force or request.output_dir is not None,
    )
    return TrainResult(name, path, model.n_docs, model.vocabulary_size, _warnings(model))


def _warnings(model: Model) -> tuple[str, ...]:
    if model.n_docs >= MIN_DOCUMENTS:
        return ()
    return (
        f"{model.name!r} was trained on {model.n_docs:,} documents, fewer than "
        f"{MIN_DOCUMENTS:,}: which of its words are common in your field is mostly chance, so "
        "its weights may rank groups worse than the default model's; add texts of your field "
        "(group descriptions, posts, articles) and train again",
    )


def _params(request: TrainRequest) -> TextParams:
    base = TextParams()
    if request.from_model:
        base = ModelStore(request.models_dir).load(request.from_model).params
    extra = list(base.extra_stop_words)
    if request.stop_words_file:
        try:
            lines = Path(request.stop_words_file).read_text(encoding="utf-8").splitlines()
        except OSError:
            raise UsageError(
                f"{request.stop_words_file}: cannot read the stop words file"
            ) from None
        extra.extend(w.strip() for w in lines if w.strip() and not w.startswith("#"))
    return TextParams(
        stem=base.stem if request.stem is None else request.stem,
        ngram_max=base.ngram_max if request.ngram_max is None else request.ngram_max,
        extra_stop_words=tuple(sorted(set(extra))),
    )


def _goal_lines(path: str | None) -> list[str]:
    if path is None:
        return []
    from relevance.io.goals import read_goals

    return [goal.text for goal in read_goals(path)]


def _documents(corpus: Corpus, goals: list[str]) -> Iterator[str]:
    yield from corpus.documents()
    yield from goals


def _with_progress(documents: Iterator[str], corpus: Corpus, enabled: bool) -> Iterator[str]:
    """Count documents on standard error when it is a terminal (:class:`Progress`)."""
    progress = Progress(enabled, minimum=1000, unit="documents", label="training: ")
    count = 0
    for count, text in enumerate(documents, 1):
        progress.update(count)
        yield text
    progress.close(count)
