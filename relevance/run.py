"""A whole scoring run, as ``relevance score`` does it: a file or records in; results in output
order, rejects and a summary out, and the ``settings`` document a report carries.

>>> from relevance import Analyzer, ScoreRun
>>> analyzer = Analyzer()
>>> records = [{"title": "Fintech CTOs"}, {"id": "x"}, {"title": "Sourdough bakers"}]
>>> with ScoreRun(analyzer, records, goal="meet fintech CTOs", on_error="skip") as run:
...     results = [r for chunk in run for r in chunk]
>>> [r.id for r in results], run.summary.rejected
(['1', '3'], 1)

The command line is options in, this, and printing out: it opens a writer for
:attr:`ScoreRun.settings`, writes what the run yields, and prints :meth:`RunSummary.messages`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from relevance.analyzer import Analyzer
from relevance.display import counted
from relevance.errors import InputError, UsageError
from relevance.io.options import ReadOptions
from relevance.io.records import ON_ERROR
from relevance.ranking import Ranking
from relevance.runner import DEFAULT_CHUNK_SIZE, Feed, Plan
from relevance.schema import Goal, Group, Result

STREAMING_FORMATS = frozenset({"jsonl"})
"""Output formats written as results come, in input order, when no ``top`` is asked for: memory
stays flat for any input. Every other format (and ``top``) is sorted."""


@dataclass
class RunSummary:
    """What a run read and set aside.

    Attributes
    ----------
    source : str
        The input's name (``"<records>"`` for records given in Python).
    read : int
        Records read, rejected ones included.
    rejected : int
        Records set aside (``on_error="skip"``).
    rejects : str or None
        The file the rejected records were copied to.
    errors : list of InputError
        Why each record given in Python was rejected (a file's rejects go to ``rejects``).
    streamed : bool
        True when results came in input order rather than sorted.
    sort : str
        The field results are sorted by (when not streamed).
    """

    source: str
    read: int = 0
    rejected: int = 0
    rejects: str | None = None
    errors: list[InputError] = field(default_factory=list)
    streamed: bool = False
    sort: str = "overall"

    @property
    def accepted(self) -> int:
        """Records read and scored."""
        return self.read - self.rejected

    def messages(self) -> list[str]:
        """What the command line prints on standard error after the run."""
        out = []
        if self.read == 0:
            out.append(f"Warning: {self.source} holds no groups")
        if self.rejected:
            kept = f"; kept in {self.rejects}" if self.rejects else ""
            out.append(f"Skipped {self.rejected} of {counted(self.read, 'record')}{kept}.")
        return out


class ScoreRun:
    """A scoring run over a file or records; use it as a context manager and iterate over it.

    Iterating yields lists of results, in the order they are to be written: chunk by chunk in
    input order when the run streams (see :data:`STREAMING_FORMATS`), else one list, sorted.
    Leaving the ``with`` block completes the rejects file (or discards it on an error).

    Parameters
    ----------
    analyzer : Analyzer
        The model, settings and the user's profile.
    groups : str or iterable of Group or dict
        A file name (``-`` for standard input; see :func:`relevance.io.read_groups`), or
        groups and dicts in the input schema.
    goal, goals : see :meth:`Analyzer.score`
        Exactly one of the two.
    output_format : str or None, default=None
        The writer's format; a streaming one with no ``top`` keeps input order.
    top : int or None, default=None
        Keep the ``top`` best per goal.
    sort : str, default="overall"
        The score to sort by.
    on_error : {"fail", "skip"}, default="fail"
        On a bad record: raise its :class:`InputError`, or set it aside and go on.
    rejects : str or None, default=None
        With ``on_error="skip"`` and a file: copy the bad records there (written atomically).
    input_format : str or None, default=None
        Overrides the file's extension.
    chunk_size, jobs : int
        See :meth:`Analyzer.score_chunks`.
    engine : {"local", "dask"}, default="local"
        Where chunks are scored; see :meth:`Analyzer.score_chunks`.
    scheduler : str or None, default=None
        The Dask scheduler's address (``engine="dask"``); None starts a local cluster.
    on_reject : callable or None, default=None
        Called with each record's error as it is set aside (the CLI prints a warning).
    fill : callable or None, default=None
        Applied to each file record before it is validated (see
        :func:`relevance.io.read_groups`): the ledger's effort for a recorded group.
    read_options : ReadOptions or None, default=None
        How the file is written: named columns, date order, encoding
        (:class:`relevance.io.options.ReadOptions`).
    """

    def __init__(
        self,
        analyzer: Analyzer,
        groups: str | Iterable[Group | Mapping[str, Any]],
        goal: str | None = None,
        goals: Sequence[str | Goal | Mapping[str, Any]] | None = None,
        *,
        output_format: str | None = None,
        top: int | None = None,
        sort: str = "overall",
        on_error: str = "fail",
        rejects: str | None = None,
        input_format: str | None = None,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        jobs: int = 1,
        engine: str = "local",
        scheduler: str | None = None,
        on_reject: Callable[[InputError], None] | None = None,
        fill: Callable[[Any], Any] | None = None,
        read_options: ReadOptions | None = None,
    ) -> None:
        if on_error not in ON_ERROR:
            raise UsageError(f"unknown on_error {on_error!r}; use fail or skip")
        if rejects is not None and on_error != "skip":
            raise UsageError("--rejects needs --on-error skip")
        if rejects is not None and not isinstance(groups, str):
            raise UsageError("rejects are copied from a file; records given in Python are not")
        self.analyzer = analyzer
        self.goals = analyzer.goals(goal, goals)
        Ranking(self.goals, sort, top)  # checks sort and top before anything is read
        self.top, self.sort = top, sort
        self.streaming = output_format in STREAMING_FORMATS and top is None
        self.chunk_size, self.jobs = chunk_size, jobs
        Plan(self.goals, chunk_size, jobs, engine=engine, scheduler=scheduler)  # checked now
        self.engine, self.scheduler = engine, scheduler
        if engine == "dask":
            from relevance.dask_engine import check_installed

            check_installed()  # before anything is read
        self._fill = fill
        self._read_options = read_options
        self.on_chunk: Callable[[int], None] | None = None
        """Called with the groups accepted so far as each chunk is scored (a progress line)."""
        self._stack = ExitStack()
        with self._stack as stack:  # closed here only if opening fails
            self._reader: Any = None
            self._feed, self._summary = self._open(
                stack, groups, on_error, rejects, input_format, on_reject
            )
            self._stack = stack.pop_all()

    @property
    def warnings(self) -> list[str]:
        """What the caller should be told before the run (an option that does nothing)."""
        if self.streaming and self.sort != "overall":
            return [
                "--format jsonl streams results in input order; "
                "--sort applies with --top or another format"
            ]
        return []

    @property
    def settings(self) -> dict[str, Any]:
        """The run's settings, as a JSON report carries them: goals, model, profile, weights."""
        a = self.analyzer
        return {
            "goals": [{"id": g.id, "text": g.text} for g in self.goals],
            "model": a.model.name,
            "industries": list(a.members.industries),
            "locations": list(a.members.locations),
            "today": a.today.isoformat(),
            "top": self.top,
            "sort": self.sort,
            **a.settings.to_dict(),
        }

    def _open(
        self,
        stack: ExitStack,
        groups: str | Iterable[Group | Mapping[str, Any]],
        on_error: str,
        rejects: str | None,
        input_format: str | None,
        on_reject: Callable[[InputError], None] | None,
    ) -> tuple[Feed, RunSummary]:
        if not isinstance(groups, str):
            summary = RunSummary("<records>", streamed=self.streaming, sort=self.sort)
            return _records_feed(groups, on_error, summary, on_reject), summary
        from relevance.io.inputs import FilesReader, expand, is_several
        from relevance.io.records import read_groups
        from relevance.io.rejects import RejectsWriter

        paths = expand(groups)  # a folder or a glob: its files, read as one input
        writer = stack.enter_context(RejectsWriter(rejects)) if rejects else None
        if is_several(groups):
            several = FilesReader(
                groups, paths, input_format, on_error, writer, on_reject, self._fill,
                self._read_options,
            )  # fmt: skip
            self._reader = several
            summary = RunSummary(groups, rejects=rejects, streamed=self.streaming, sort=self.sort)
            return Feed(several.records(), _settle_each(several), groups), summary
        reader = read_groups(
            groups,
            input_format,
            on_error,
            writer,
            on_reject=on_reject,
            fill=self._fill,
            options=self._read_options,
        )
        self._reader = reader
        summary = RunSummary(
            reader.source, rejects=rejects, streamed=self.streaming, sort=self.sort
        )
        return Feed.of(reader), summary

    @property
    def summary(self) -> RunSummary:
        """What was read and set aside so far (all of it once iteration is over)."""
        if self._reader is not None:
            self._summary.read, self._summary.rejected = self._reader.read, self._reader.rejected
        return self._summary

    def __iter__(self) -> Iterator[list[Result]]:
        top = None if self.streaming else self.top
        chunks = self.analyzer.score_chunks(
            self._feed,
            self.goals,
            self.chunk_size,
            self.jobs,
            top,
            self.sort,
            engine=self.engine,
            scheduler=self.scheduler,
        )
        if self.streaming:
            for results in chunks:
                self._scored()
                yield results  # written as each chunk finishes, in input order
            return
        ranking = Ranking(self.goals, self.sort, self.top)
        for results in chunks:
            ranking.add(results)
            self._scored()
        yield ranking.results()

    def _scored(self) -> None:
        if self.on_chunk is not None:
            self.on_chunk(self.summary.accepted)

    def __enter__(self) -> ScoreRun:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stack.__exit__(kind, error, trace)


def _records_feed(
    groups: Iterable[Group | Mapping[str, Any]],
    on_error: str,
    summary: RunSummary,
    on_reject: Callable[[InputError], None] | None,
) -> Feed:
    """Records given in Python: counted into ``summary``; a bad one raised or set aside."""
    base = Feed.of(groups)

    def settle(chunk: list[Any], errors: dict[int, InputError]) -> None:
        summary.read += len(chunk)
        if errors and on_error == "fail":
            base.settle(chunk, errors)
        for i in sorted(errors):
            summary.rejected += 1
            summary.errors.append(errors[i])
            if on_reject is not None:
                on_reject(errors[i])

    return Feed(base.items, settle, "<records>")


def _settle_each(reader: Any) -> Callable[[list[Any], dict[int, InputError]], None]:
    """A :class:`Feed`'s settle that reports each record of a chunk back to ``reader``."""

    def settle(chunk: list[Any], errors: dict[int, InputError]) -> None:
        for i, record in enumerate(chunk):
            reader.settle(record, errors.get(i))

    return settle
