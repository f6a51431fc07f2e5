"""The one scoring path: chunks, the IDF sample, blocks of goals, the worker pool and the order.

``score``, ``explain`` and the Python API all cut their input here, so their chunks cannot
differ. The rule:

- groups are read lazily in chunks of ``chunk_size``; the first chunk holds at least
  :data:`SAMPLE_SIZE` groups, so that small chunks still get stable document frequencies;
- the first chunk with a valid group is the **sample**: its document frequencies and average
  lengths are added to the model's, frozen, and used for every later chunk, so a chunk's scores
  depend only on the model, the sample and the chunk itself: chunks are independent;
- each chunk is scored against the goals in blocks (:meth:`Plan.goal_blocks`), so a task holds
  at most about :data:`RESULTS_PER_TASK` results however many goals there are;
- with ``jobs > 1`` and more than one chunk, tasks run in a pool of worker processes that get
  the scoring state once, when they start (:class:`Engine`), and the sample with each task;
  results come back in input order, with a bounded number of tasks in flight, so memory stays
  flat for any input. The pool ends with the run, whatever ends it; a worker whose parent dies
  (even by SIGKILL) exits on its own.
"""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol

from relevance.batch import DocumentFrequencies, GroupBatch, IdfSample, vectorize
from relevance.display import first_of
from relevance.errors import InputError, UsageError
from relevance.pruning import top_signals
from relevance.ranking import Ranking, check_order
from relevance.schema import Goal, Group, Result
from relevance.scoring import Scorer
from relevance.text import fold

if TYPE_CHECKING:
    from relevance.io.records import GroupReader

DEFAULT_CHUNK_SIZE = 2000
SAMPLE_SIZE = 2000
"""Groups in the first chunk at least: their document frequencies serve every later chunk."""
GOAL_BLOCK = 64
"""Goals scored together when only each goal's ``top`` best are kept."""
ENGINES = ("local", "dask")
"""Where a run's tasks run: here (with a process pool for ``jobs > 1``) or on a Dask cluster."""
RESULTS_PER_TASK = 65_536
"""Results a task builds at most when every result is kept (blocks of goals make it so)."""

Settle = Callable[[list[Any], dict[int, InputError]], None]
"""Told each chunk's items and its bad ones (by position), in input order."""


@dataclass(frozen=True)
class Engine:
    """Everything that scores a chunk besides the chunk: sent once to each worker."""

    scorer: Scorer
    background: DocumentFrequencies

    def vectorize(
        self, groups: Sequence[Group], sample: IdfSample | None
    ) -> tuple[GroupBatch, IdfSample]:
        """:func:`relevance.batch.vectorize` with this engine's text analysis and settings."""
        return vectorize(groups, self.scorer.text, self.background, self.scorer.settings, sample)


@dataclass(frozen=True)
class Plan:
    """What every chunk of a run is scored against, and how; validated here, once.

    Parameters
    ----------
    goals : sequence of Goal
        The goals, with unique ids.
    chunk_size : int, default=2000
        Groups per chunk, >= 1.
    jobs : int, default=1
        Worker processes, >= 1; 1 scores in this process.
    top : int or None, default=None
        Keep only each goal's ``top`` best of each task (merge them with :class:`Ranking`).
    sort : str, default="overall"
        The score ``top`` ranks by.
    source : str, default=""
        The file name bad records are reported against.
    engine : {"local", "dask"}, default="local"
        Where tasks run: this process or a pool of ``jobs`` worker processes, or a Dask
        cluster (:mod:`relevance.dask_engine`).
    scheduler : str or None, default=None
        With ``engine="dask"``: the scheduler's address; None starts a local cluster of
        ``jobs`` workers for the run.
    """

    goals: Sequence[Goal]
    chunk_size: int = DEFAULT_CHUNK_SIZE
    jobs: int = 1
    top: int | None = None
    sort: str = "overall"
    source: str = ""
    engine: str = "local"
    scheduler: str | None = None

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise UsageError(
                f"unknown engine {self.engine!r}; use {' or '.join(ENGINES)}",
                hint='dask runs the chunks on a Dask cluster: pip install "group-relevance[dask]"',
            )
        if self.scheduler is not None and self.engine != "dask":
            raise UsageError("a scheduler is for the dask engine", hint="add --engine dask")
        if self.chunk_size < 1:
            raise UsageError(f"chunk size must be >= 1, got {self.chunk_size}")
        if self.jobs < 1:
            raise UsageError(f"jobs must be >= 1, got {self.jobs}")
        check_order(self.sort, self.top)

    @property
    def first_size(self) -> int:
        """Records in the first chunk."""
        return max(self.chunk_size, SAMPLE_SIZE)

    def goal_blocks(self) -> list[slice]:
        """The blocks of goals a chunk is scored against, one task each."""
        # With top, a task hands back a few results per goal; without, all of them.
        size = GOAL_BLOCK if self.top is not None else max(1, RESULTS_PER_TASK // self.first_size)
        n = len(self.goals)
        return [slice(start, min(start + size, n)) for start in range(0, n, size)]


def chunked(items: Iterable[Any], plan: Plan) -> Iterator[list[Any]]:
    """The chunks of a run: the first of :attr:`Plan.first_size` items, then ``chunk_size``."""
    iterator = iter(items)
    chunk = list(itertools.islice(iterator, plan.first_size))
    while chunk:
        yield chunk
        chunk = list(itertools.islice(iterator, plan.chunk_size))


@dataclass(frozen=True)
class Numbered:
    """A group dict with its 1-based position, validated where it is scored."""

    number: int
    value: Any


@dataclass(frozen=True)
class Feed:
    """A run's input: items to chunk, where their errors go, and the name errors show."""

    items: Iterable[Any]
    settle: Settle
    source: str = ""

    @classmethod
    def of(cls, groups: Iterable[Group | Mapping[str, Any]] | GroupReader | Feed) -> Feed:
        """Records of a reader (validated where they are scored, reported back to it in input
        order), or groups and dicts (a bad dict raises its :class:`InputError`, its id being
        its 1-based position); a feed as it is."""
        from relevance.io.records import GroupReader

        if isinstance(groups, Feed):
            return groups
        if isinstance(groups, GroupReader):
            reader = groups

            def settle(chunk: list[Any], errors: dict[int, InputError]) -> None:
                for i, record in enumerate(chunk):
                    reader.settle(record, errors.get(i))

            return cls(reader.records(), settle, reader.source)

        def raise_first(chunk: list[Any], errors: dict[int, InputError]) -> None:
            if errors:
                raise errors[min(errors)]

        numbered = (
            item if isinstance(item, Group) else Numbered(n, item)
            for n, item in enumerate(groups, 1)
        )
        return cls(numbered, raise_first)


def materialize(
    items: list[Any], source: str, today: date | None = None
) -> tuple[list[Group], dict[int, InputError]]:
    """Groups from a chunk of Group objects, numbered dicts or file records, and the errors;
    ``today`` is the run's day, which no ``joined_on`` may come after."""
    from relevance.io.formats import RawRecord
    from relevance.io.inputs import FileRecord
    from relevance.io.records import to_group

    groups: list[Group] = []
    errors: dict[int, InputError] = {}
    for i, item in enumerate(items):
        if isinstance(item, Group):
            groups.append(item)
            continue
        if isinstance(item, RawRecord):
            outcome: Group | InputError = to_group(item, source, today)
        elif isinstance(item, FileRecord):  # one of several files: named by its own
            outcome = to_group(item.record, item.source, today)
        else:
            try:
                outcome = Group.from_dict(item.value, default_id=str(item.number), today=today)
            except InputError as error:
                outcome = error.located(None, f"record {item.number}")
        if isinstance(outcome, InputError):
            errors[i] = outcome
        else:
            groups.append(outcome)
    return groups, errors


@dataclass(frozen=True)
class Task:
    """One chunk against one block of goals."""

    number: int
    items: list[Any]
    block: slice
    is_sample: bool
    """True for the sample chunk: vectorized as the sample, whoever scores it."""
    reports: bool
    """True for the chunk's first block, whose outcome carries the chunk's bad records."""


@dataclass
class Outcome:
    """What a task gives back: results, the sample it made (if any), the bad records."""

    results: list[Result]
    sample: IdfSample | None
    errors: dict[int, InputError]


@dataclass
class Worker:
    """Scores tasks; in a worker process there is one, made when the process starts.

    It keeps the sample (one per run) and the last chunk it vectorized, so that the blocks of
    goals of one chunk vectorize it once.
    """

    engine: Engine
    plan: Plan
    sample: IdfSample | None = None
    _last: tuple[int, dict[int, InputError], GroupBatch | None] | None = field(
        default=None, repr=False
    )

    def run(self, task: Task, sample: IdfSample | None) -> Outcome:
        if self.sample is None:
            self.sample = sample
        errors, batch = self._vectorized(task)
        made = batch.sample if batch is not None and task.is_sample and task.reports else None
        errors = errors if task.reports else {}
        if batch is None:
            return Outcome([], made, errors)
        goals = self.plan.goals[task.block]
        scorer = self.engine.scorer
        if self.plan.top is None:
            return Outcome(scorer.results(scorer.signals(batch, goals)), made, errors)
        ranking = Ranking(goals, self.plan.sort, self.plan.top)
        # Only the pairs that can enter a goal's top are completed (relevance/pruning.py).
        top_signals(scorer, batch, goals, self.plan.top, self.plan.sort).add_to(ranking, scorer)
        return Outcome(ranking.results(), made, errors)

    def _vectorized(self, task: Task) -> tuple[dict[int, InputError], GroupBatch | None]:
        if self._last is not None and self._last[0] == task.number:
            return self._last[1], self._last[2]
        self._last = None  # the previous chunk's arrays go before this one's are built
        groups, errors = materialize(task.items, self.plan.source, self.engine.scorer.today)
        batch = None
        if groups:
            batch, used = self.engine.vectorize(groups, None if task.is_sample else self.sample)
            if task.is_sample:
                self.sample = used
        self._last = (task.number, errors, batch)
        return errors, batch


class Runner:
    """Runs a plan over a feed: see the module docstring.

    Parameters
    ----------
    engine : Engine
        What scores a chunk.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def run(self, feed: Feed, plan: Plan) -> Iterator[list[Result]]:
        """Yield each task's results in input order (chunk by chunk, goals in blocks).

        The feed is settled chunk by chunk, before the chunk's results are yielded.
        """
        chunks = chunked(feed.items, plan)
        first = next(chunks, None)
        if first is None:
            return
        plan = replace(plan, source=feed.source)
        if plan.engine == "dask":  # the one place another engine plugs in
            from relevance.dask_engine import DaskPool

            with DaskPool(self.engine, plan) as cluster:
                yield from _Schedule(plan, feed.settle, cluster).run(first, chunks)
            return
        second = next(chunks, None) if plan.jobs > 1 else None
        rest = itertools.chain([] if second is None else [second], chunks)
        if second is None:  # a pool only when there are two chunks or more to share
            yield from _Schedule(plan, feed.settle, _Local(Worker(self.engine, plan))).run(
                first, rest
            )
            return
        with _Pool(self.engine, plan) as pool:
            yield from _Schedule(plan, feed.settle, pool).run(first, rest)

    def locate(self, feed: Feed, plan: Plan, group_id: str) -> tuple[GroupBatch, int]:
        """The batch ``score`` scores the group ``group_id`` in, and its row: chunks fall as in
        :meth:`run`, so the numbers are the same. ``group_id`` is an id, else an unambiguous
        part of a title, accents and case folded (as ``relevance log`` takes it: a CSV of
        titles has ids ``line-N``). Reads only up to that group's chunk when the id is found."""
        sample: IdfSample | None = None
        seen: list[str] = []
        # Folded as the reasons print words ("oleicolas" finds "Oleícolas"), on both sides.
        needle = fold(group_id.strip())
        by_title: list[Group] = []  # groups whose title holds group_id, in input order
        # The first one's batch (vectorized at once when it is the sample chunk) or chunk, and row
        first: tuple[GroupBatch | list[Group], int] | None = None
        for chunk in chunked(feed.items, plan):
            groups, errors = materialize(chunk, feed.source, self.engine.scorer.today)
            feed.settle(chunk, errors)
            seen.extend(g.id for g in groups[: 5 - len(seen)])
            if not groups:
                continue
            batch: GroupBatch | None = None
            if sample is None:
                batch, sample = self.engine.vectorize(groups, None)
            row = next((i for i, g in enumerate(groups) if g.id == group_id), None)
            if row is not None:
                if batch is None:
                    batch, _ = self.engine.vectorize(groups, sample)
                return batch, row
            for i, g in enumerate(groups):
                if needle and needle in fold(g.title):
                    by_title.append(g)
                    first = first or (groups if batch is None else batch, i)
        if len(by_title) == 1 and first is not None:
            found, row = first
            if isinstance(found, GroupBatch):
                return found, row
            return self.engine.vectorize(found, sample)[0], row
        if by_title:
            names = first_of([f"{g.id} ({g.title})" for g in by_title])
            raise UsageError(
                f"{group_id!r} matches {len(by_title)} groups' titles: {names}",
                hint="give the group's id or more of its title",
            )
        raise UsageError(
            f"no group with id {group_id!r} or a title that holds it",
            hint=f"ids in the file start: {', '.join(seen)}",
        )


class _Future(Protocol):
    def result(self) -> Outcome: ...


class _Executor(Protocol):
    in_flight: int

    def submit(self, task: Task, sample: IdfSample | None) -> _Future: ...


class _Schedule:
    """The order of a run's tasks: the sample chunk first, then the rest in a pipeline."""

    def __init__(self, plan: Plan, settle: Settle, executor: _Executor) -> None:
        self.plan = plan
        self.settle = settle
        self.executor = executor
        self.blocks = plan.goal_blocks()

    def run(self, first: list[Any], rest: Iterator[list[Any]]) -> Iterator[list[Result]]:
        chunks = itertools.chain([first], rest)
        numbered = enumerate(chunks)
        sample: IdfSample | None = None
        leftover: list[Task] = []
        # Until a chunk has a valid group to lend it, each chunk is a candidate sample, scored
        # alone; the first block of the one that has tells the rest what the sample is.
        for number, chunk in numbered:
            task = self._task(number, chunk, 0, True)
            outcome = self.executor.submit(task, None).result()
            yield from self._finish(task, outcome)
            if outcome.sample is not None:
                sample = outcome.sample
                leftover = [self._task(number, chunk, b, True) for b in range(1, len(self.blocks))]
                break
        if sample is None:
            return
        tasks = itertools.chain(
            leftover,
            (
                self._task(number, chunk, b, False)
                for number, chunk in numbered
                for b in range(len(self.blocks))
            ),
        )
        pending: deque[tuple[Task, _Future]] = deque()
        for task in tasks:
            pending.append((task, self.executor.submit(task, sample)))
            while len(pending) > self.executor.in_flight:
                done, future = pending.popleft()
                yield from self._finish(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from self._finish(done, future.result())

    def _task(self, number: int, chunk: list[Any], block: int, is_sample: bool) -> Task:
        return Task(number, chunk, self.blocks[block], is_sample, reports=block == 0)

    def _finish(self, task: Task, outcome: Outcome) -> Iterator[list[Result]]:
        if task.reports:
            self.settle(task.items, outcome.errors)
        yield outcome.results


@dataclass
class _Done:
    worker: Worker
    task: Task
    sample: IdfSample | None

    def result(self) -> Outcome:  # computed when asked for: one task at a time, lazily
        return self.worker.run(self.task, self.sample)


@dataclass
class _Local:
    """Runs tasks in this process."""

    worker: Worker
    in_flight: int = 0

    def submit(self, task: Task, sample: IdfSample | None) -> _Future:
        return _Done(self.worker, task, sample)


class _Pool:
    """Worker processes for one run (loky, as joblib uses), ended with it."""

    def __init__(self, engine: Engine, plan: Plan) -> None:
        from joblib.externals.loky import ProcessPoolExecutor

        self.in_flight = 2 * plan.jobs  # tasks sent ahead: enough to keep every worker busy
        # Workers killed on a stop can leave a lock behind, which loky's resource tracker (a
        # process of its own, started with the pool) cleans up at exit with a UserWarning on
        # the user's terminal after "Stopped.": the filter travels to it in its environment.
        self._warnings = os.environ.get("PYTHONWARNINGS")
        os.environ["PYTHONWARNINGS"] = ",".join(
            w for w in (self._warnings, "ignore:resource_tracker:UserWarning") if w
        )
        try:
            self.executor = ProcessPoolExecutor(
                max_workers=plan.jobs,
                initializer=_start_worker,
                initargs=(engine, plan, os.getpid()),
            )
        except BaseException:
            self._restore_warnings()
            raise

    def submit(self, task: Task, sample: IdfSample | None) -> _Future:
        # The first submit starts the workers: a stop then would cut a worker's start-up data
        # short (it dies with a traceback and the pool never ends), so it waits until after.
        with _holding_stops():
            future: _Future = self.executor.submit(_run_task, task, sample)
        return future

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        # Finished: let the workers exit. Failed or interrupted: kill them now, so that none
        # outlives the run (holding its output pipe open) or keeps a CPU busy for nothing.
        with _holding_stops():
            self.executor.shutdown(wait=kind is None, kill_workers=kind is not None)
        self._restore_warnings()

    def _restore_warnings(self) -> None:
        if self._warnings is None:
            os.environ.pop("PYTHONWARNINGS", None)
        else:
            os.environ["PYTHONWARNINGS"] = self._warnings


_WORKER: Worker | None = None
"""The worker process's :class:`Worker`, made by :func:`_start_worker`."""


def _start_worker(engine: Engine, plan: Plan, parent: int) -> None:
    """Set up a worker process: its scoring state, the stemmer, and a watch on its parent."""
    global _WORKER
    _WORKER = Worker(engine, plan)
    engine.scorer.text.ids("warming")  # loads the stemmer while the first chunk is scored
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int, every: float = 1.0) -> None:
    """End this worker when its parent is gone (killed with no chance to end its pool)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _run_task(task: Task, sample: IdfSample | None) -> Outcome:
    assert _WORKER is not None, "a task ran in a process _start_worker did not set up"
    return _WORKER.run(task, sample)


class Stopped(KeyboardInterrupt):
    """The run was asked to stop by a signal (SIGTERM, SIGHUP); ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@dataclass
class _Stops:
    """Whether signals stop the run now (``active``), or are held until a step is over."""

    active: bool = False
    holding: int = 0
    held: int | None = None


_STOPS = _Stops()


@contextmanager
def stopping_on_signals(
    signums: Sequence[int] = (signal.SIGTERM, signal.SIGHUP),
) -> Iterator[None]:
    """Turn these signals into :class:`Stopped` while the block runs, so that what the block
    opened is closed on the way out: the worker pool ended, temporary files removed.

    Only in the main thread (where Python delivers signals); elsewhere it does nothing.
    """
    if threading.current_thread() is not threading.main_thread() or _STOPS.active:
        yield
        return

    def stop(signum: int, frame: FrameType | None) -> None:
        if _STOPS.holding:
            _STOPS.held = _STOPS.held or signum
            return
        raise Stopped(signum)

    previous = {s: signal.signal(s, stop) for s in signums}
    _STOPS.active = True
    try:
        yield
    finally:
        _STOPS.active = False
        _STOPS.held = None
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextmanager
def _holding_stops() -> Iterator[None]:
    """Hold a stop asked for during the block (starting or ending workers) until it is over."""
    _STOPS.holding += 1
    try:
        yield
    finally:
        _STOPS.holding -= 1
    if not _STOPS.holding and _STOPS.held is not None:
        signum, _STOPS.held = _STOPS.held, None
        raise Stopped(signum)
