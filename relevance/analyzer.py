"""The :class:`Analyzer`: the library's entry point, which the command line is a thin layer on.

It is a facade: the chunks, the sample and the worker pool are :mod:`relevance.runner`'s, the
signals :mod:`relevance.scoring`'s, the order :mod:`relevance.ranking`'s, and a whole run from a
file (rejects, summary, the report's settings) :mod:`relevance.run`'s.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relevance.batch import DocumentFrequencies, GroupBatch
from relevance.errors import UsageError
from relevance.model import Model
from relevance.pruning import top_signals
from relevance.ranking import SORT_FIELDS, Ranking
from relevance.reasons import ReasonWriter
from relevance.runner import (
    DEFAULT_CHUNK_SIZE,
    SAMPLE_SIZE,
    Engine,
    Feed,
    Plan,
    Runner,
    materialize,
)
from relevance.schema import Goal, Group, Result, check_unique_goal_ids
from relevance.scoring import GroupSignals, ScoredBatch, Scorer
from relevance.settings import Settings
from relevance.signals import members

if TYPE_CHECKING:
    from relevance.io.records import GroupReader

__all__ = ["DEFAULT_CHUNK_SIZE", "SAMPLE_SIZE", "SORT_FIELDS", "Analyzer", "Ranking"]


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
        self.runner = Runner(Engine(self.scorer, self.background))

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
        engine: str = "local",
        scheduler: str | None = None,
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
        engine : {"local", "dask"}, default="local"
            Where chunks are scored: here (``jobs`` processes), or on a Dask cluster, with the
            same results (see :meth:`score_chunks`).
        scheduler : str or None, default=None
            With ``engine="dask"``: the scheduler's address, e.g. ``tcp://10.0.0.5:8786``;
            None starts a local cluster of ``jobs`` workers.

        Returns
        -------
        list of Result
            Goals in the order given; within a goal, by ``sort`` descending (unknown last).
        """
        goal_list = self.goals(goal, goals)
        ranking = Ranking(goal_list, sort, top)
        chunks = self.score_chunks(
            groups, goal_list, chunk_size, jobs, top, sort, engine=engine, scheduler=scheduler
        )
        for results in chunks:
            ranking.add(results)
        return ranking.results()

    def score_chunks(
        self,
        groups: Iterable[Group | Mapping[str, Any]] | GroupReader | Feed,
        goals: Sequence[str | Goal | Mapping[str, Any]],
        chunk_size: int = DEFAULT_CHUNK_SIZE,
        jobs: int = 1,
        top: int | None = None,
        sort: str = "overall",
        engine: str = "local",
        scheduler: str | None = None,
    ) -> Iterator[list[Result]]:
        """Yield results chunk by chunk, in input order (for streaming output).

        The first chunk (at least :data:`~relevance.runner.SAMPLE_SIZE` groups, whatever
        ``chunk_size``) lends its document frequencies to every later chunk, so a chunk's scores
        depend only on the model and the first chunk: chunks are independent and run in
        parallel (``jobs``). See :mod:`relevance.runner`.

        Parameters
        ----------
        groups : iterable of Group or dict, or GroupReader
            Read lazily, one chunk at a time; dicts are validated (``InputError`` on the first
            bad one, its id being its 1-based position). A reader's records are validated where
            they are scored (in the workers) and reported back to it in input order, which
            raises or sets aside the bad ones as its ``on_error`` says.
        goals : sequence of str, Goal or dict with ``id`` and ``text``
            The goals, vectorized with each chunk.
        chunk_size : int, default=2000
            Groups per chunk, >= 1.
        jobs : int, default=1
            Worker processes; 1 scores in this process.
        top : int or None, default=None
            Keep only each chunk's ``top`` best per goal (merge them with :class:`Ranking`).
        sort : str, default="overall"
            The score ``top`` ranks by.
        engine : {"local", "dask"}, default="local"
            ``dask`` scores the chunks on a Dask cluster (:mod:`relevance.dask_engine`): the
            scoring state is sent to each worker once, the results are the same, in the same
            order. Needs the ``dask`` extra.
        scheduler : str or None, default=None
            With ``engine="dask"``: the scheduler's address; None starts a local cluster of
            ``jobs`` worker processes for the run.

        Yields
        ------
        list of Result
            A chunk's results against a block of goals, goal by goal. Many goals are scored in
            blocks, so that no list holds a chunk times every goal.
        """
        checked = self.check_goals(self.goals(None, goals))
        plan = Plan(checked, chunk_size, jobs, top, sort, engine=engine, scheduler=scheduler)
        yield from self.runner.run(Feed.of(groups), plan)

    def locate(
        self,
        groups: Iterable[Group | Mapping[str, Any]] | GroupReader | Feed,
        group_id: str,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> tuple[GroupBatch, int]:
        """The batch :meth:`score_chunks` scores group ``group_id`` in, and its row (for
        ``explain``); ``UsageError`` when no valid group has that id."""
        plan = Plan([Goal("locate", "locate")], chunk_size)
        return self.runner.locate(Feed.of(groups), plan, group_id)

    def index(self, groups: Iterable[Group | Mapping[str, Any]]) -> GroupBatch:
        """Vectorize groups once, to score many goals against them with :meth:`score_index`.

        Unlike :meth:`score`, the groups are one chunk, whatever their number: the collection
        is its own IDF sample (validated as :meth:`score` does: a bad dict raises its
        ``InputError``, located by its 1-based position).
        """
        feed = Feed.of(groups)
        items = list(feed.items)
        found, errors = materialize(items, feed.source, self.today)
        feed.settle(items, errors)
        return self.runner.engine.vectorize(found, None)[0]

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
            goals_block = goal_list[start : start + block]
            if top is None:
                ranking.add_scored(self.signals(batch, goals_block), self.scorer)
            else:  # only the pairs that can enter a goal's top are completed
                top_signals(self.scorer, batch, goals_block, top).add_to(ranking, self.scorer)
        return ranking.results()

    def check_goals(self, goals: Sequence[Goal]) -> list[Goal]:
        """Refuse a goal that has no word to match (only stop words, framing words such as
        "meet", punctuation, one letter)."""
        for goal in goals:
            if not self.text.has_words(goal.text):
                named = "the goal" if goal.id == "goal" else f"goal {goal.id!r}"  # one --goal
                raise UsageError(
                    f"{named} has no word to match: {goal.text!r}",
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
        check_unique_goal_ids(goal_list)
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
