"""The :class:`Analyzer`: the library's entry point, which the command line is a thin layer on."""

from __future__ import annotations

import heapq
import itertools
import math
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from relevance.io.readers import GroupReader

import numpy as np
from numpy.typing import NDArray

from relevance.batch import DocumentFrequencies, GroupBatch, IdfSample, vectorize
from relevance.errors import InputError, UsageError
from relevance.model import Model
from relevance.reasons import ReasonWriter
from relevance.schema import SIGNALS, Goal, Group, Result
from relevance.scoring import GroupSignals, ScoredBatch, Scorer
from relevance.settings import Settings
from relevance.signals import members

FloatArray = NDArray[np.float64]
SORT_FIELDS = ("overall", *SIGNALS)
DEFAULT_CHUNK_SIZE = 2000
SAMPLE_SIZE = 2000
"""Groups in the first chunk at least: their document frequencies serve every later chunk."""


class Analyzer:
    """Scores groups against goals.

    Parameters
    ----------
    model : str, Path, Model or None, default=None
        A model name (looked up in the models folder), a model folder, a loaded model, or None for
        the shipped ``default`` model.
    settings : Settings or None, default=None
        Weights, thresholds and scoring constants; None means the defaults.
    industries : sequence of str, default=()
        The user's industries, for ``member_fit``.
    locations : sequence of str, default=()
        The user's places (city, country or region), for ``member_fit``.
    today : date or None, default=None
        The day ``activity`` counts from; None means today.
    models_dir : str, Path or None, default=None
        Where named models live; None means ``RELEVANCE_MODELS`` or the user data folder.

    Examples
    --------
    >>> from relevance import Analyzer
    >>> analyzer = Analyzer(locations=["Europe"])
    >>> results = analyzer.score([{"title": "Fintech CTOs Europe"}], goal="meet fintech CTOs")
    >>> results[0].decision in {"JOIN", "CONSIDER", "SKIP"}
    True
    """

    def __init__(
        self,
        model: str | Path | Model | None = None,
        settings: Settings | None = None,
        industries: Sequence[str] = (),
        locations: Sequence[str] = (),
        today: date | None = None,
        models_dir: str | Path | None = None,
    ) -> None:
        from relevance.store import ModelStore

        self.model = model if isinstance(model, Model) else ModelStore(models_dir).load(model)
        self.settings = settings or Settings()
        self.today = today or date.today()
        self.members = members.MemberMatcher(industries, locations)
        self.text = self.model.params.analyzer()
        self.background = DocumentFrequencies.of_model(self.model, self.text)
        self.reasons = ReasonWriter(self.settings, self.today, self.members)
        self.scorer = Scorer(self.settings, self.today, self.members, self.reasons, self.text)
        self.key = uuid.uuid4().hex  # identifies this analyzer's copies in worker processes

    # -- public API ---------------------------------------------------------------------------

    def score(
        self,
        groups: Iterable[Group | Mapping[str, Any]],
        goal: str | None = None,
        goals: Sequence[str | Goal | Mapping[str, Any]] | None = None,
        top: int | None = None,
        sort: str = "overall",
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        jobs: int = 1,
    ) -> list[Result]:
        """Score groups against one goal or several, best first per goal.

        Parameters
        ----------
        groups : iterable of Group or dict
            Groups in the input schema (dicts are validated).
        goal : str or None
            One goal statement. Give ``goal`` or ``goals``.
        goals : sequence of str, Goal or dict with ``id`` and ``text``, or None
            Several goals; the groups are vectorized once for all of them.
        top : int or None, default=None
            Keep the ``top`` best per goal.
        sort : str, default="overall"
            The score to sort by (``overall`` or a signal name).
        chunk_size : int, default=2000
            Groups vectorized together; memory grows with it, not with the input. The first
            chunk also lends its document frequencies to the rest (see :meth:`score_chunks`).
        jobs : int, default=1
            Worker processes.

        Returns
        -------
        list of Result
            Goals in the order given; within a goal, by ``sort`` descending (unknown last).
        """
        goal_list = self.goals(goal, goals)
        ranking = Ranking(goal_list, sort, top)
        for chunk in self.score_chunks(groups, goal_list, chunk_size, jobs, top, sort):
            ranking.add(chunk)
        return ranking.results()

    def score_chunks(
        self,
        groups: Iterable[Group | Mapping[str, Any]],
        goals: Sequence[str | Goal | Mapping[str, Any]],
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        jobs: int = 1,
        top: int | None = None,
        sort: str = "overall",
    ) -> Iterator[list[Result]]:
        """Yield the results of each chunk of groups, in input order (for streaming output).

        The first chunk (at least :data:`SAMPLE_SIZE` groups, whatever ``chunk_size``) lends its
        document frequencies to every later chunk, so a chunk's scores depend only on the model
        and the first chunk: chunks are independent and run in parallel (``jobs``), or on any
        engine that can ship a chunk and get results back.

        Parameters
        ----------
        groups : iterable of Group or dict
            Read lazily, one chunk at a time; dicts are validated (``InputError`` on the first
            bad one, its id being its 1-based position).
        goals : sequence of str, Goal or dict with ``id`` and ``text``
            The goals, vectorized with each chunk.
        chunk_size : int, default=2000
            Groups per chunk, >= 1.
        jobs : int, default=1
            Worker processes (joblib); 1 scores in this process.
        top : int or None, default=None
            Keep only each chunk's ``top`` best per goal (merge them with :class:`Ranking`).
        sort : str, default="overall"
            The score ``top`` ranks by.
        """

        def raise_first(chunk: list[Any], errors: dict[int, InputError]) -> None:
            if errors:
                raise errors[min(errors)]

        numbered = (
            item if isinstance(item, Group) else _Numbered(n, item)
            for n, item in enumerate(groups, 1)
        )
        plan = _Plan(self.goals(None, goals), chunk_size, jobs, top, sort, source="")
        yield from self._score_items(numbered, plan, raise_first)

    def score_records(
        self,
        reader: GroupReader,
        goals: Sequence[Goal],
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        jobs: int = 1,
        top: int | None = None,
        sort: str = "overall",
    ) -> Iterator[list[Result]]:
        """:meth:`score_chunks` for a file: records are parsed and validated where they are
        scored (in the workers), and reported back to ``reader`` in input order, which raises
        or sets aside the bad ones as its ``on_error`` says."""

        def settle(chunk: list[Any], errors: dict[int, InputError]) -> None:
            for i, record in enumerate(chunk):
                reader.settle(record, errors.get(i))

        plan = _Plan(goals, chunk_size, jobs, top, sort, source=reader.source)
        yield from self._score_items(reader.records(), plan, settle)

    def _score_items(
        self,
        items: Iterable[Any],
        plan: _Plan,
        settle: Callable[[list[Any], dict[int, InputError]], None],
    ) -> Iterator[list[Result]]:
        if plan.chunk_size < 1:
            raise UsageError(f"chunk size must be >= 1, got {plan.chunk_size}")
        if plan.jobs < 1:
            raise UsageError(f"jobs must be >= 1, got {plan.jobs}")
        Ranking(plan.goals, plan.sort, plan.top)  # validates sort and top before any work
        self.check_goals(plan.goals)
        # The first chunk is the sample: never fewer than SAMPLE_SIZE groups, so that small
        # chunks (for low memory or fine-grained progress) still get stable frequencies.
        chunks = batched(items, plan.chunk_size, max(plan.chunk_size, SAMPLE_SIZE))
        first = next(chunks, None)
        if first is None:
            return
        second = next(chunks, None) if plan.jobs > 1 else None
        if second is not None:  # a pool only when there are two chunks or more to share
            yield from self._score_parallel([first, second], chunks, plan, settle)
            return
        sample: IdfSample | None = None  # until a chunk has a valid group to lend it
        for chunk in itertools.chain([first], chunks):
            results, sample, errors = _score_items(self, chunk, plan, sample)
            settle(chunk, errors)
            yield results

    def _score_parallel(
        self,
        ahead: list[list[Any]],
        chunks: Iterator[list[Any]],
        plan: _Plan,
        settle: Callable[[list[Any], dict[int, InputError]], None],
    ) -> Iterator[list[Result]]:
        from joblib import Parallel, delayed

        task = delayed(_score_items)
        rest = itertools.chain(ahead[1:], chunks)
        sample: IdfSample | None = None
        # return_as="generator" keeps input order and, with pre_dispatch, bounds the chunks in
        # flight, so memory stays flat however long the input.
        with Parallel(n_jobs=plan.jobs, return_as="generator", pre_dispatch="2*n_jobs") as run:
            first = ahead[0]
            # The other workers warm up (imports, stemmer) while the first chunk is scored.
            warm = [delayed(_warm_up)(self) for _ in range(plan.jobs - 1)]
            while sample is None:
                outcomes = list(run([task(self, first, plan, None, True), *warm]))
                results, sample, errors = outcomes[0]
                warm = []
                settle(first, errors)
                yield results
                if sample is None:
                    nxt = next(rest, None)
                    if nxt is None:
                        return
                    first = nxt
            pending: deque[list[Any]] = deque()

            def tasks() -> Iterator[Any]:
                for chunk in rest:
                    pending.append(chunk)  # joblib may dispatch from its own thread
                    yield task(self, chunk, plan, sample, True)

            for results, _, errors in run(tasks()):
                settle(pending.popleft(), errors)
                yield results

    def score_chunk(
        self,
        chunk: Sequence[Group],
        goals: Sequence[Goal],
        sample: IdfSample | None,
        top: int | None = None,
        sort: str = "overall",
    ) -> tuple[list[Result], IdfSample]:
        """Score one chunk; ``sample`` None makes it the sample. Returns results and sample."""
        batch, sample = vectorize(chunk, self.text, self.background, self.settings, sample)
        scored = self.signals(batch, goals)
        if top is None:
            return self.results(scored), sample
        ranking = Ranking(goals, sort, top)
        ranking.add_scored(scored, self)
        return ranking.results(), sample

    def __getstate__(self) -> dict[str, Any]:
        # Workers score with the background arrays; the model's term dict stays behind.
        state = dict(self.__dict__)
        model = self.model
        state["model"] = Model(
            model.name, model.params, {}, model.n_docs, model.avg_len, model.manifest, model.path
        )
        return state

    def index(self, groups: Iterable[Group | Mapping[str, Any]]) -> GroupBatch:
        """Vectorize groups once, to score many goals against them with :meth:`score_index`."""
        chunk = [Group.from_dict(g, default_id=str(i)) for i, g in enumerate(groups, 1)]
        return vectorize(chunk, self.text, self.background, self.settings)[0]

    def score_index(
        self,
        batch: GroupBatch,
        goals: Sequence[str | Goal | Mapping[str, Any]],
        top: int | None = 10,
        block: int = 64,
    ) -> list[Result]:
        """Score goals against groups vectorized by :meth:`index`, ``block`` goals at a time.

        Unlike :meth:`score`, ``top`` defaults to 10: this is the many-goals retrieval path.

        The goal-independent signals are computed once; each block of goals costs two sparse
        products and (G x block) arrays, so memory does not grow with the number of goals.
        """
        goal_list = self.check_goals(self.goals(None, goals))
        ranking = Ranking(goal_list, "overall", top)
        for start in range(0, len(goal_list), block):
            ranking.add_scored(self.signals(batch, goal_list[start : start + block]), self)
        return ranking.results()

    def check_goals(self, goals: Sequence[Goal]) -> list[Goal]:
        """Refuse a goal that has no word to match (only stop words, punctuation, one letter)."""
        for goal in goals:
            if not self.text.has_words(goal.text):
                raise UsageError(
                    f"goal {goal.id!r} has no word to match: {goal.text!r}",
                    hint="say what you want from a group in a few words, e.g. 'meet fintech CTOs'",
                )
        return list(goals)

    @staticmethod
    def goals(
        goal: str | None, goals: Sequence[str | Goal | Mapping[str, Any]] | None
    ) -> list[Goal]:
        """Normalize ``goal``/``goals`` into a list of :class:`Goal`; exactly one must be given."""
        if (goal is None) == (goals is None):
            raise UsageError("give a goal or goals (one of the two)")
        if goal is not None:
            return [Goal.from_value(goal, "goal")]
        assert goals is not None
        if not goals:
            raise UsageError("the list of goals is empty")
        goal_list = [Goal.from_value(g, f"goal-{i}") for i, g in enumerate(goals, 1)]
        seen: set[str] = set()
        for item in goal_list:
            if item.id in seen:  # results are ranked per goal id: two goals cannot share one
                raise UsageError(
                    f"two goals have the id {item.id!r}", hint="give each goal its own id"
                )
            seen.add(item.id)
        return goal_list

    # -- the pipeline (relevance.scoring) ------------------------------------------------------

    def group_signals(self, batch: GroupBatch) -> GroupSignals:
        """The signals that do not depend on the goal, computed once per batch."""
        return self.scorer.group_signals(batch)

    def signals(self, batch: GroupBatch, goals: Sequence[Goal]) -> ScoredBatch:
        """Compute every signal of a vectorized batch against the goals."""
        return self.scorer.signals(batch, goals)

    def results(
        self, scored: ScoredBatch, pairs: Iterable[tuple[int, int]] | None = None
    ) -> list[Result]:
        """Result objects for (group, goal) index pairs; all pairs, goal-major, by default."""
        return self.scorer.results(scored, pairs)

    def result(self, scored: ScoredBatch, g: int, k: int) -> Result:
        """The :class:`Result` of group ``g`` against goal ``k`` of a scored batch."""
        return self.scorer.result(scored, g, k)


@dataclass(frozen=True)
class _Plan:
    """What every chunk of a run is scored against and how."""

    goals: Sequence[Goal]
    chunk_size: int
    jobs: int
    top: int | None
    sort: str
    source: str


@dataclass(frozen=True)
class _Numbered:
    """A group dict with its 1-based position, validated where it is scored."""

    number: int
    value: Any


def batched(items: Iterable[Any], size: int, first: int | None = None) -> Iterator[list[Any]]:
    """Chunks of ``size`` items; the first one of ``first`` items when given."""
    iterator = iter(items)
    chunk = list(itertools.islice(iterator, first or size))
    while chunk:
        yield chunk
        chunk = list(itertools.islice(iterator, size))


def _materialize(items: list[Any], source: str) -> tuple[list[Group], dict[int, InputError]]:
    """Groups from a chunk of Group objects, numbered dicts or file records, and the errors."""
    from relevance.io.readers import RawRecord, to_group

    groups: list[Group] = []
    errors: dict[int, InputError] = {}
    for i, item in enumerate(items):
        if isinstance(item, Group):
            groups.append(item)
            continue
        if isinstance(item, RawRecord):
            outcome: Group | InputError = to_group(item, source)
        else:
            try:
                outcome = Group.from_dict(item.value, default_id=str(item.number))
            except InputError as error:
                outcome = error.located(None, f"record {item.number}")
        if isinstance(outcome, InputError):
            errors[i] = outcome
        else:
            groups.append(outcome)
    return groups, errors


def _top_rows(values: FloatArray, top: int) -> NDArray[np.intp]:
    """Rows of the ``top`` largest values, ties going to the earlier row (as :class:`Ranking`),
    in O(n): a partition finds the K-th value, then the rows above it and the first tied ones."""
    kth = np.partition(values, len(values) - top)[len(values) - top]
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: top - len(above)]
    return np.sort(np.concatenate([above, tied]))


def sort_key(result: Result, field: str) -> float:
    """Value to sort by, descending; unknown values sort last."""
    value = getattr(result, field)
    return -math.inf if value is None else float(value)


class Ranking:
    """Results per goal, sorted by a field, keeping only the ``top`` best in a bounded heap.

    With ``top`` the memory is ``top`` results per goal, whatever the input size.
    """

    def __init__(
        self, goals: Sequence[Goal], sort: str = "overall", top: int | None = None
    ) -> None:
        if sort not in SORT_FIELDS:
            raise UsageError(
                f"cannot sort by {sort!r}", hint=f"sort by one of {', '.join(SORT_FIELDS)}"
            )
        if top is not None and top < 1:
            raise UsageError(f"--top must be >= 1, got {top}")
        self.goal_order = {g.id: i for i, g in enumerate(goals)}
        self.sort = sort
        self.top = top
        self.seq = 0
        self.heaps: dict[str, list[tuple[float, int, Result]]] = {g.id: [] for g in goals}

    def add(self, results: Iterable[Result]) -> None:
        for result in results:
            self.seq += 1
            # Ties keep input order: a smaller -seq is the later item, which loses.
            item = (sort_key(result, self.sort), -self.seq, result)
            heap = self.heaps[result.goal_id]
            if self.top is None or len(heap) < self.top:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)

    def add_scored(self, scored: ScoredBatch, analyzer: Analyzer) -> None:
        """Add a scored batch, building Result objects only for each goal's best pairs."""
        values = scored.sort_values(self.sort)
        if self.top is None or self.top >= values.shape[0]:
            self.add(analyzer.results(scored))
            return
        pairs = [
            (int(g), k) for k in range(values.shape[1]) for g in _top_rows(values[:, k], self.top)
        ]
        self.add(analyzer.results(scored, pairs))

    def results(self) -> list[Result]:
        out: list[Result] = []
        for goal_id in sorted(self.heaps, key=self.goal_order.__getitem__):
            ranked = sorted(self.heaps[goal_id], key=lambda item: item[:2], reverse=True)
            out.extend(result for _, _, result in ranked)
        return out


def _score_items(
    analyzer: Analyzer,
    items: list[Any],
    plan: _Plan,
    sample: IdfSample | None,
    in_worker: bool = False,
) -> tuple[list[Result], IdfSample | None, dict[int, InputError]]:
    """Validate and score one chunk: its results, the sample used, and its bad records.

    Module level so that joblib can send it to worker processes. Every task arrives with fresh
    copies of the analyzer and the sample; the first copy of each is kept for the life of the
    worker, so that its token cache (each distinct token stemmed once) and its conversion of the
    sample survive from chunk to chunk.
    """
    if in_worker:
        analyzer = _kept(analyzer)
        if sample is not None:
            sample = _kept(sample)
    groups, errors = _materialize(items, plan.source)
    if not groups:
        return [], sample, errors
    results, used = analyzer.score_chunk(groups, plan.goals, sample, plan.top, plan.sort)
    return results, used, errors


def _warm_up(analyzer: Analyzer) -> tuple[list[Result], None, dict[int, InputError]]:
    """Load a worker: keep the analyzer and stem one word (importing the stemmer)."""
    _kept(analyzer).text.ids("warming")
    return [], None, {}


_WORKER_CACHE: dict[str, Any] = {}
_WORKER_CACHE_LIMIT = 4  # an analyzer and its sample, and those of one earlier run


def _kept(obj: Any) -> Any:
    """The worker's own copy of an analyzer or sample (by key); old runs' copies are dropped,
    since a pool outlives the runs it serves."""
    found = _WORKER_CACHE.get(obj.key)
    if found is None:
        if len(_WORKER_CACHE) >= _WORKER_CACHE_LIMIT:
            _WORKER_CACHE.clear()
        found = _WORKER_CACHE[obj.key] = obj
    return found
