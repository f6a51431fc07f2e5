"""Where the time of one ``relevance score`` run goes: a per-stage profile, in one process.

Used by ``python benchmarks/speed.py --profile``. The run is the library's own path
(:class:`relevance.ScoreRun` with ``jobs=1`` and ``--format jsonl`` written to a file), with
``time.perf_counter`` around the functions each stage is made of. The wrappers are put on
here, for this process only: the library carries no timing code, so it costs nothing when no
one profiles. Times are exclusive: a stage's nested stages (the signals inside the scoring,
the reasons inside the results) are taken out of it, so the rows add up to the whole run.
"""

from __future__ import annotations

import functools
import importlib
import itertools
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# (stage, module, attribute): module.attribute is wrapped; "Class.method" wraps a method.
STAGES: list[tuple[str, str, str]] = [
    ("read and parse", "relevance.io.records", "jsonl_record"),
    ("validate", "relevance.io.records", "to_group"),
    ("detect language", "relevance.language", "of_groups"),
    ("tokenize and stem", "relevance.batch", "encode"),
    ("vectorize", "relevance.runner", "Engine.vectorize"),
    ("signal: relevance", "relevance.signals.relevance", "claim_scores"),
    ("signal: discussion_relevance", "relevance.signals.relevance", "discussion_service"),
    ("signal: discussion_relevance", "relevance.signals.relevance", "discussion_relevance"),
    ("signal: off-topic posts", "relevance.signals.discussions", "off_topic"),
    ("signal: consistency", "relevance.signals.consistency", "consistency"),
    ("signal: consistency", "relevance.signals.consistency", "misleading"),
    ("signal: drift", "relevance.signals.drift", "drift"),
    ("signal: drift", "relevance.signals.drift", "newer_off_as_read"),
    ("signal: promotion", "relevance.signals.promotion", "row_marks"),
    ("signal: promotion", "relevance.signals.promotion", "compute"),
    ("signal: promotion", "relevance.signals.promotion", "claim_pitch"),
    ("signal: job ads", "relevance.signals.job_ads", "rows"),
    ("signal: job ads", "relevance.signals.job_ads", "off_purpose"),
    ("signal: size_fit", "relevance.signals.size", "size_fit"),
    ("signal: member_fit", "relevance.signals.members", "member_fit"),
    ("signal: member_fit", "relevance.signals.members", "goal_member_fit"),
    ("signal: activity", "relevance.signals.activity", "activity"),
    ("signal: return_on_time", "relevance.signals.return_on_time", "compute"),
    ("goal terms, topic, overall", "relevance.scoring", "Scorer.signals"),
    ("matched terms", "relevance.signals.relevance", "matched_terms"),
    ("reasons", "relevance.reasons", "ReasonWriter.write"),
    ("results: objects, decisions", "relevance.scoring", "Scorer.results"),
    ("write jsonl", "relevance.io.writers", "ResultWriter.write_chunk"),
]
"""A stage may be several functions (its time is their sum). The signal modules change: a
function that is gone is named on standard error and its time falls to its caller's stage."""


@dataclass
class Clock:
    """Exclusive time per stage: a stack of the stages open now."""

    totals: dict[str, float] = field(default_factory=dict)
    _open: list[list[float]] = field(default_factory=list)  # [start, time of nested stages]

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        frame = [time.perf_counter(), 0.0]
        self._open.append(frame)
        try:
            yield
        finally:
            self._open.pop()
            elapsed = time.perf_counter() - frame[0]
            self.totals[name] = self.totals.get(name, 0.0) + elapsed - frame[1]
            if self._open:
                self._open[-1][1] += elapsed

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return function(*args, **kwargs)

        return timed

    def timed_iter(self, name: str, items: Iterator[Any]) -> Iterator[Any]:
        """``items``, each ``next`` timed as ``name`` (reading lines from the file)."""
        while True:
            with self.stage(name):
                item = next(items, _END)
            if item is _END:
                return
            yield item


_END = object()


@contextmanager
def instrumented(clock: Clock) -> Iterator[None]:
    """Wrap every stage's function for the block; put them back after."""
    with ExitStack() as stack:
        for name, module_name, attribute in STAGES:
            owner: Any = importlib.import_module(module_name)
            owner_name, _, attr = attribute.rpartition(".")
            if owner_name:
                owner = getattr(owner, owner_name)
            original = getattr(owner, attr, None)
            if original is None:
                print(f"profile: no {module_name}.{attribute} (renamed?)", file=sys.stderr)
                continue
            setattr(owner, attr, clock.wrap(name, original))
            stack.callback(setattr, owner, attr, original)
        records = importlib.import_module("relevance.io.records")
        reader_records = records.GroupReader.records

        def timed_records(self: Any) -> Iterator[Any]:
            return clock.timed_iter("read and parse", iter(reader_records(self)))

        records.GroupReader.records = timed_records
        stack.callback(setattr, records.GroupReader, "records", reader_records)
        yield


def profile(path: Path, goal: str, out: Path) -> tuple[list[tuple[str, float]], float]:
    """Score ``path`` against ``goal`` in this process, ``--format jsonl`` to ``out``.

    Returns the stages with their seconds (start-up first, then the run's stages in
    :data:`STAGES` order, then what is left: the runner, ranking, bookkeeping) and the
    whole wall time.
    """
    clock = Clock()
    begin = time.perf_counter()
    with clock.stage("start-up: imports, model"):
        from relevance import Analyzer, ScoreRun
        from relevance.io import writers

        analyzer = Analyzer()
        analyzer.text.ids("warming")  # the stemmer, as the CLI's workers warm it
    with (
        instrumented(clock),
        clock.stage("other (runner, ranking, bookkeeping)"),
        ScoreRun(analyzer, str(path), goal=goal, output_format="jsonl", jobs=1) as run,
        out.open("w", encoding="utf-8") as stream,
    ):
        writer = writers.open_writer("jsonl", stream, run.settings, 80, {})
        for results in run:
            writer.write_chunk(results)
        writer.close()
    wall = time.perf_counter() - begin
    order = list(dict.fromkeys(["start-up: imports, model", *(name for name, _, _ in STAGES)]))
    order.append("other (runner, ranking, bookkeeping)")
    return [(name, clock.totals[name]) for name in order if name in clock.totals], wall


def table(stages: list[tuple[str, float]], wall: float, n: int) -> str:
    """The profile as a Markdown table: seconds, share of the run, microseconds per group."""
    lines = ["| stage | s | share | µs per group |", "|---|---|---|---|"]
    for name, seconds in stages:
        lines.append(
            f"| {name} | {seconds:.2f} | {100 * seconds / wall:.0f}% | {1e6 * seconds / n:.0f} |"
        )
    lines.append(f"| **whole run** | **{wall:.2f}** | 100% | {1e6 * wall / n:.0f} |")
    return "\n".join(lines)


def vectorizers(path: Path, chunk: int = 2000) -> str:
    """The batch's count matrices three ways, on the texts of ``path`` (titles, descriptions,
    discussions) in chunks of ``chunk`` groups, each with the same text analysis (the
    analyzer's terms, its token cache warm, so the tokenizing costs all three alike):

    - the hand-written path (:func:`relevance.terms.encode` and ``count_matrix``: integer term
      codes, bigrams as pairs of ids, columns by one sort), every term kept;
    - scikit-learn's ``CountVectorizer`` with a fixed vocabulary (the model's terms): terms
      outside it are dropped, which the product cannot do (an unseen word still counts);
    - scikit-learn's ``HashingVectorizer`` (2**20 columns): stateless, but columns are hashes,
      so two terms can share one and no reason can name its term.

    Also the import of ``sklearn.feature_extraction.text`` in a fresh process, which every
    process of a run would pay.
    """
    import json
    import subprocess

    import numpy as np
    from sklearn.feature_extraction.text import CountVectorizer, HashingVectorizer

    from relevance import Analyzer
    from relevance.terms import count_matrix, distinct, encode

    analyzer = Analyzer()
    text = analyzer.text
    chunks: list[list[str]] = [[]]
    with path.open(encoding="utf-8") as lines:
        for n, line in enumerate(lines, 1):
            group = json.loads(line)
            texts = chunks[-1]
            texts += [group.get("title") or "", group.get("description") or ""]
            texts += [
                f"{d.get('title') or ''} {d.get('body') or ''}".strip()
                for d in group.get("discussions") or []
            ]
            if n % chunk == 0:
                chunks.append([])
    chunks = [texts for texts in chunks if texts]
    for texts in chunks:  # warm the token cache: every path below tokenizes at the same cost
        text.encode(texts, ["en"] * len(texts))
    vocab = text.vocab

    def terms(doc: str) -> list[str]:  # the product's terms of a text, as strings
        words = [vocab[i] for i in text.ids(doc, "en")]
        return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]

    def ours() -> int:
        nnz = 0
        for texts in chunks:
            codes, rows, n_rows = encode(text, texts, True, ["en"] * len(texts))
            nnz += count_matrix(codes, rows, n_rows, distinct(np.sort(codes))).nnz
        return nnz

    fixed = CountVectorizer(analyzer=terms, vocabulary=sorted(analyzer.model.df))
    hashing = HashingVectorizer(analyzer=terms, n_features=2**20, alternate_sign=False, norm=None)
    rows = []
    for name, run in (
        ("hand-written: term codes, every term kept", ours),
        ("CountVectorizer, fixed vocabulary", lambda: sum(fixed.transform(t).nnz for t in chunks)),
        ("HashingVectorizer, 2**20 columns", lambda: sum(hashing.transform(t).nnz for t in chunks)),
    ):
        times = []
        for _ in range(3):
            begin = time.perf_counter()
            nnz = run()
            times.append(time.perf_counter() - begin)
        rows.append(f"| {name} | {min(times):.2f} | {nnz:,} |")
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sklearn.feature_extraction.text"], check=True)
    imported = time.perf_counter() - begin
    begin = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - begin
    head = [
        f"| count matrices of {sum(map(len, chunks)):,} texts | s (best of 3) | nonzeros |",
        "|---|---|---|",
    ]
    foot = f"| import sklearn.feature_extraction.text, per process | {imported - bare:.2f} | |"
    return "\n".join([*head, *rows, foot])
