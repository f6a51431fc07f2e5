"""Many goals, each goal's top K: only the pairs that can enter a goal's top K are completed.

``overall``, the weighted geometric mean of every signal (:mod:`relevance.recommend`), needs
for each (group, goal) pair the goal's BM25 signals (``relevance`` of the title and
description, ``discussion_relevance`` of each discussion, blended into the topic) and, when
goals name roles to meet ("hire data engineers"), the goal's own ``member_fit``. With many
goals over many groups computing all of them for every pair is most of the work, though only
each goal's ``top`` best are kept. So, for a block of goals:

1. what is cheap for every pair is computed for every pair, as the exhaustive run computes it:
   ``relevance`` (one sparse product with the claims' postings), and ``member_fit`` for each
   distinct set of roles the block's goals name (one array per set, not per goal);
2. ``discussion_relevance`` is only **bounded**: it is the recency-weighted mean of a concave
   function of each discussion's dot product with the goal, so by Jensen's inequality it is
   at most that function of the weighted mean of the dot products, which is one product with
   each group's weighted sum of its discussions
   (:func:`relevance.signals.relevance.discussion_relevance_bound`) instead of one with every
   discussion and a second to the groups;
3. an **upper bound** on each pair's ``overall`` follows: the log of a geometric mean is the
   weighted mean of the logs, so the group's other signals are summed once per group, its
   member fit for the goal's roles once per set of roles, and each pair adds the log of its
   topic at its bound. In single precision and in another order than the exhaustive run, so
   it is widened by :data:`MARGIN`, far above the rounding;
4. each goal's ``SEEDS * top`` best pairs by the bound are **completed**: their discussion
   relevance computed from their groups' discussions only
   (:func:`relevance.signals.relevance.discussion_relevance_of`, the same products summed in
   the same order, so bit for bit), then their topic and true ``overall`` by the very code of
   the exhaustive run. Their ``top``-th best true value is the goal's threshold; every other
   pair whose bound reaches it is completed too; a pair whose bound is below it cannot enter
   the goal's top ``top`` and is never completed.

Each goal's ``top`` best of the completed pairs, ties to the earlier group, are then its
``top`` best of all pairs, with every signal's value as the exhaustive run has it
(``tests/test_pruning.py`` compares the two, and checks that the bounds hold).

Only for ``sort="overall"`` with a ``top`` smaller than the batch, and for the signal table this
module knows (the goal signals ``relevance`` and ``discussion_relevance``, ``member_fit`` the one
a goal refines, a positive ``relevance`` weight); otherwise the block is scored in full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, cast

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance import recommend

if TYPE_CHECKING:
    from collections.abc import Sequence

    from relevance.batch import GroupBatch
    from relevance.ranking import Ranking, ResultMaker
    from relevance.schema import Goal
    from relevance.scoring import GroupSignals, ScoredBatch, Scorer
    from relevance.settings import Settings

FloatArray = NDArray[np.float64]
"""Float arrays, single precision for those of (goals, groups), typed as the signals are."""
IntArray = NDArray[np.intp]

ENABLED = True
"""False scores every pair in full (the exhaustive run the tests compare against)."""
SEEDS = 4
"""Pairs completed first per goal, as a multiple of ``top``: they set the goal's threshold."""
MARGIN = 1e-4
"""The bound's relative widening: far above single-precision rounding (6e-8), far below any
gap that matters for pruning."""
GOAL_SIGNALS = ("relevance", "discussion_relevance")
"""The goal signals this module computes (and blends into the topic), in table order."""
SPAN = 128
"""Groups per span of a goal's bounds (see :meth:`_Block.top`)."""
REFINED = "member_fit"
"""The one group signal a goal may refine (by naming roles)."""


Pairs = list[tuple[int, int]]


@dataclass(frozen=True)
class Pruned:
    """A block of goals scored for its top ``top``: what was skipped, and what the results
    are built from.

    When pruned, ``scored`` holds every pair's ``relevance`` and ``member_fit``; ``overall``,
    the topic and ``discussion_relevance`` only at the completed pairs (NaN elsewhere): the
    others cannot enter their goal's top ``top``.
    """

    pairs: int
    """(group, goal) pairs of the block."""
    completed: int
    """Pairs whose ``overall`` was computed in full."""
    parts: tuple[tuple[ScoredBatch, Pairs | None], ...]
    """What :meth:`add_to` builds results from: scored goals and the (group, goal) pairs to
    build, goal by goal and groups in input order (None: each goal's best, as
    :meth:`Ranking.add_scored` finds them). When pruned, one part per run of goals that name
    the same roles, so that their ``member_fit`` is one array, not one per goal."""
    whole: Callable[[], ScoredBatch]

    @cached_property
    def scored(self) -> ScoredBatch:
        """The whole block as one :class:`ScoredBatch` (built on first use)."""
        return self.whole()

    def add_to(self, ranking: Ranking, maker: ResultMaker) -> None:
        """Add the block's best results to ``ranking`` as :meth:`Ranking.add_scored` would."""
        for scored, best in self.parts:
            if best is None:
                ranking.add_scored(scored, maker)
            else:
                ranking.add(maker.results(scored, best))


def _in_full(scored: ScoredBatch, pairs: int) -> Pruned:
    return Pruned(pairs, pairs, ((scored, None),), lambda: scored)


def top_signals(
    scorer: Scorer, batch: GroupBatch, goals: Sequence[Goal], top: int, sort: str = "overall"
) -> Pruned:
    """Score a block of goals over a batch for each goal's ``top`` best (see the module
    docstring); the result ranks exactly as :meth:`Scorer.signals` does.

    Parameters
    ----------
    scorer : Scorer
        What computes the signals.
    batch : GroupBatch
        The vectorized groups.
    goals : sequence of Goal
        The block of goals.
    top : int
        How many of each goal's best will be kept, >= 1.
    sort : str, default="overall"
        What they are ranked by; pruning is for ``"overall"`` only.
    """
    pairs = len(batch.groups) * len(goals)
    if not (ENABLED and sort == "overall" and top < len(batch.groups) and _known(scorer)):
        return _in_full(scorer.signals(batch, goals), pairs)
    return _Block(scorer, batch, goals).top(top)


def _known(scorer: Scorer) -> bool:
    """Whether the signal table and the weights are those this module bounds."""
    from relevance.scoring import GOAL_SIGNALS as goal_signals
    from relevance.scoring import GROUP_SIGNALS as group_signals

    refined = tuple(signal.name for signal in group_signals if signal.per_goal is not None)
    return (
        tuple(signal.name for signal in goal_signals) == GOAL_SIGNALS
        and refined == (REFINED,)
        and scorer.settings.weights.get("relevance", 0.0) > 0
    )


@dataclass(frozen=True)
class _Index:
    """What the bound needs of a batch, whatever the goals: built once per batch."""

    sums: sp.csr_matrix
    """(V, G): each group's discussions summed (``relevance.discussion_sums``)."""
    share: FloatArray
    """Per group, the discussions' share of the topic: 0 without discussions (the topic is
    then the title's relevance)."""
    others: tuple[FloatArray, FloatArray]
    """The part of ``overall`` of every signal but the topic and ``member_fit``
    (:func:`relevance.recommend.partial_overall`)."""


def _index(per_group: GroupSignals, s: Settings) -> _Index:
    from relevance.scoring import _overall_terms
    from relevance.signals import relevance

    if isinstance(per_group.pruning, _Index):
        return per_group.pruning
    batch = per_group.context.batch
    weight = np.bincount(  # in single precision, as discussion_relevance sums them
        batch.discussion_owner,
        weights=batch.discussion_weight.astype(np.float32),
        minlength=len(batch.groups),
    )
    share = np.where(per_group.distrust, s.misleading_discussion_share, s.discussion_share)
    factors, penalties = _overall_terms({n: v for n, v in per_group.values.items() if n != REFINED})
    found = _Index(
        sums=relevance.discussion_sums(batch),
        share=np.where(weight > 0, share, 0.0).astype(np.float32),
        others=recommend.partial_overall(factors, penalties, s),
    )
    per_group.pruning = found
    return found


class _Block:
    """One block of goals against a batch: the signals every pair gets, then the pairs
    completed (see the module docstring)."""

    def __init__(self, scorer: Scorer, batch: GroupBatch, goals: Sequence[Goal]) -> None:
        from relevance.signals import relevance
        from relevance.signals.context import GoalContext
        from relevance.signals.members import fits_for_roles

        s = self.settings = scorer.settings
        self.scorer, self.batch, self.goals = scorer, batch, goals
        self.per_group = scorer.group_signals(batch)
        self.index = _index(self.per_group, s)
        self.context = context = GoalContext(self.per_group.context, goals, scorer.text)
        counts, ceiling = context.terms.counts, context.ceiling
        # relevance, (goals, groups): each goal's row contiguous for the selections below.
        self.relevance = relevance.claim_relevance(counts, batch, ceiling, s.relevance_scale)
        facets = np.asarray([len(set(scorer.text.unigrams(g.text))) for g in goals], np.float32)
        self.scale = relevance.service_scale(ceiling, facets, s.discussion_facet)
        # member fit: one array per distinct set of roles the goals name.
        roles = [scorer.members.roles(goal) for goal in goals]
        self.refined = any(roles)
        sets = list(dict.fromkeys(roles))
        if self.refined:
            fits = fits_for_roles(batch, scorer.members, sets)
            self.fits = np.vstack([fits[r] for r in sets])
        else:  # the goal-independent member fit holds for every goal
            self.fits = self.per_group.values[REFINED][np.newaxis, :]
        self.roles = np.asarray([sets.index(r) for r in roles], dtype=np.intp)
        n_goals, n_groups = self.relevance.shape
        # (goals, groups), single precision as the exhaustive run's; NaN: not completed.
        self.overall, self.topic, self.discussion = (_unknown(n_goals, n_groups) for _ in "otd")

    def top(self, top: int) -> Pruned:
        """Complete the pairs that can enter each goal's top ``top``; see the module docstring."""
        bound = self.log_bound()
        n_goals, n_groups = bound.shape
        # Each goal's groups in spans, each span's best bound: a level that ``m`` spans reach
        # is reached by at least ``m`` pairs, and only the spans that reach it are read.
        m = min(SEEDS * top, n_groups)
        width = max(1, min(SPAN, n_groups // (4 * m)))
        peaks = np.maximum.reduceat(bound, np.arange(0, n_groups, width), axis=1)
        level = -np.partition(-peaks, m - 1, axis=1)[:, m - 1]
        # The seeds, completed first: each goal's pairs at or above its m-th best span's peak
        # (at least m >= top of them, the goal's best by the bound); the ``top``-th best true
        # value among them is the goal's threshold.
        goal, group = _reaching(bound, peaks, width, level)
        self.complete(group, goal)
        seeds = group
        threshold = _kth_best(goal, self.overall[goal, group], top).astype(np.float64)
        # A pair can enter its goal's top when its bound reaches the threshold.
        with np.errstate(divide="ignore"):
            reach = (np.log(threshold) - np.log1p(MARGIN)).astype(np.float32)
        goal, group = _reaching(bound, peaks, width, reach)  # the goal's top seeds among them
        left = np.isnan(self.overall[goal, group])
        self.complete(group[left], goal[left])
        completed = len(seeds) + int(np.count_nonzero(left))
        best = _best(group, goal, self.overall[goal, group].astype(np.float64), top)
        return Pruned(n_goals * n_groups, completed, self.parts(best), self.scored)

    def parts(self, best: Pairs) -> tuple[tuple[ScoredBatch, Pairs], ...]:
        """The best pairs with what their results are built from: one :class:`ScoredBatch`
        per run of goals that name the same roles (views of the block's arrays, the run's
        member fit one array), each with its pairs."""
        runs = np.flatnonzero(np.diff(self.roles)) + 1
        bounds = [0, *runs.tolist(), len(self.goals)]
        run_of = np.repeat(np.arange(len(bounds) - 1), np.diff(bounds))
        by_run: list[Pairs] = [[] for _ in range(len(bounds) - 1)]
        for g, k in best:  # goal by goal: each run's pairs stay in that order
            r = int(run_of[k])
            by_run[r].append((g, k - bounds[r]))
        return tuple(
            (self.scored(bounds[r], bounds[r + 1]), pairs)
            for r, pairs in enumerate(by_run)
            if pairs
        )

    def log_bound(self) -> FloatArray:
        """The log of an upper bound on ``overall`` of every pair, (goals, groups), before
        :data:`MARGIN`: the topic at its bound (the title's relevance blended with the bound
        on the discussions'), the other signals as they are."""
        from relevance.signals import relevance

        s, f32 = self.settings, np.float32
        topic = relevance.discussion_relevance_bound(
            self.batch, self.context.terms.counts, self.scale, self.index.sums
        )
        topic -= self.relevance
        topic *= self.index.share[np.newaxis, :]
        topic += self.relevance  # (1 - share) * relevance + share * bound
        np.maximum(topic, f32(recommend.FLOOR), out=topic)
        np.log(topic, out=topic)
        w_topic = s.weights.get("relevance", 0.0)
        topic *= f32(w_topic)
        total, weight_sum = self.index.others
        w_member = s.weights.get(REFINED, 0.0)
        parts = []
        for fit in self.fits:  # each set of roles: the rest of the mean, once
            known = ~np.isnan(fit)
            logs = w_member * np.log(np.maximum(np.nan_to_num(fit), recommend.FLOOR))
            numerator = (total + np.where(known, logs, 0.0)).astype(f32)
            weights = weight_sum + np.where(known, w_member, 0.0) + w_topic
            parts.append((numerator, (1.0 / weights).astype(f32)))
        for k, r in enumerate(self.roles):  # row by row: no temporary of the block's size
            topic[k] += parts[r][0]
            topic[k] *= parts[r][1]
        return topic

    def complete(self, group: IntArray, goal: IntArray) -> None:
        """The true ``overall`` of the pairs (``group``, ``goal``), computed as the exhaustive
        run computes it (one pair per row of a one-goal block), with the topic and the
        discussion relevance it rests on."""
        from relevance.scoring import _overall_per_goal
        from relevance.signals import relevance

        if not len(group):
            return
        groups = np.unique(group)
        discussion = relevance.discussion_relevance_of(
            self.batch, self.context.terms.counts, self.scale, groups
        )[goal, np.searchsorted(groups, group)]
        rel = self.relevance[goal, group]
        topic = recommend.topic(
            rel[:, np.newaxis],
            discussion[:, np.newaxis],
            self.per_group.distrust[group],
            self.settings,
        )
        member = self.fits[self.roles[goal], group]
        column = {
            name: member[:, np.newaxis] if name == REFINED and self.refined else values[group]
            for name, values in self.per_group.values.items()
        }
        self.overall[goal, group] = _overall_per_goal(column, topic, self.settings)[:, 0]
        self.topic[goal, group] = topic[:, 0]
        self.discussion[goal, group] = discussion

    def scored(self, start: int = 0, end: int | None = None) -> ScoredBatch:
        """Goals ``start`` to ``end`` of the block as a :class:`ScoredBatch`, (groups, goals)
        views of the block's arrays (the whole block by default)."""
        from relevance.scoring import ScoredBatch
        from relevance.signals.context import GoalContext
        from relevance.signals.table import TABLE

        end = len(self.goals) if end is None else end
        goals = self.goals[start:end]
        values: dict[str, FloatArray] = dict(self.per_group.values)
        values["relevance"] = self.relevance[start:end].T
        values["discussion_relevance"] = self.discussion[start:end].T
        sets = self.roles[start:end]
        if self.refined and (sets == sets[0]).all():  # one array for every goal: a view
            fit = self.fits[sets[0]]
            values[REFINED] = np.broadcast_to(fit, (end - start, len(fit))).T
        elif self.refined:
            values[REFINED] = self.fits[sets].T
        whole = start == 0 and end == len(self.goals)
        context = (
            self.context if whole else GoalContext(self.per_group.context, goals, self.scorer.text)
        )
        return ScoredBatch(
            group=self.per_group,
            goal=context,
            signals={signal.name: values[signal.name] for signal in TABLE},
            overall=self.overall[start:end].T,
            topic=self.topic[start:end].T,
            goal_surfaces=[self.scorer.text.surfaces([goal.text]) for goal in goals],
        )


def _unknown(n_goals: int, n_groups: int) -> FloatArray:
    """A (goals, groups) single-precision array of NaN (typed as the signals are)."""
    return cast(FloatArray, np.full((n_goals, n_groups), np.nan, dtype=np.float32))


def _reaching(
    bound: FloatArray, peaks: FloatArray, width: int, level: FloatArray
) -> tuple[IntArray, IntArray]:
    """(goal, group) of every pair whose ``bound`` reaches its goal's ``level``, goal by goal
    and groups in order, reading only the spans of ``width`` groups whose ``peaks`` (their
    best bound) reach it."""
    n_groups = bound.shape[1]
    goal, span = np.nonzero(peaks >= level[:, np.newaxis])
    columns = span[:, np.newaxis] * width + np.arange(width)
    inside = columns < n_groups  # the last span may be shorter
    values = bound[goal[:, np.newaxis], np.where(inside, columns, n_groups - 1)]
    row, at = np.nonzero(inside & (values >= level[goal][:, np.newaxis]))
    return goal[row], columns[row, at]


def _kth_best(goal: IntArray, value: FloatArray, k: int) -> FloatArray:
    """Per goal (0, 1, ... each with at least ``k`` pairs), the ``k``-th best ``value``."""
    order = np.lexsort((-value, goal))
    first = np.searchsorted(goal[order], np.arange(int(goal.max()) + 1))
    return value[order[first + k - 1]]


def _best(group: IntArray, goal: IntArray, value: FloatArray, top: int) -> list[tuple[int, int]]:
    """Each goal's ``top`` best pairs by ``value``, ties to the earlier group (as
    :func:`relevance.ranking.top_rows`), goal by goal and in input order within a goal."""
    order = np.lexsort((group, -value, goal))  # goal, then best first, then earlier first
    goal_sorted = goal[order]
    rank = np.arange(len(order)) - np.searchsorted(goal_sorted, goal_sorted)
    kept = order[rank < top]
    kept = kept[np.lexsort((group[kept], goal[kept]))]
    return [(int(g), int(k)) for g, k in zip(group[kept], goal[kept], strict=True)]
