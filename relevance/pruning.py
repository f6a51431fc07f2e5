"""Many goals, each goal's top K: ``overall`` completed only where it can enter the top K.

When goals name roles to meet ("hire data engineers"), ``member_fit`` differs goal by goal,
and ``overall``, the weighted geometric mean of every signal (:mod:`relevance.recommend`),
is recomputed for every (group, goal) pair from all of the group's signals: with many goals
over many groups that is most of the work, though only each goal's ``top`` best are kept. So,
for a block of goals:

1. every signal is computed as the exhaustive run computes it: the goal-independent ones once
   per batch, the BM25 ones (``relevance``, ``discussion_relevance``, hence the topic) and the
   goal's ``member_fit`` for every pair; only ``overall`` is left out;
2. an **upper bound** on each pair's ``overall`` is made cheaply from them: the log of a
   geometric mean is the weighted mean of the logs, so the group's goal-independent part
   (``recommend.partial_overall`` of its other signals: their weighted logs and weights) is
   summed once, and each pair adds its topic and member fit to it; in single precision and
   in another order than the exhaustive run, so it is widened by :data:`MARGIN`, far above
   the rounding;
3. each goal's ``top`` best by the bound are completed (their true ``overall``, computed by
   the very code of the exhaustive run), which gives the goal a threshold: its ``top``-th
   best true value among them. Every other pair whose bound reaches that threshold is
   completed too; a pair whose bound is below it cannot enter the goal's top ``top`` and is
   never completed.

Each goal's ``top`` best of the completed pairs, ties to the earlier group, are then its
``top`` best of all pairs: the results are the exhaustive run's, value for value
(``tests/test_pruning.py`` compares them, and checks that the bound is above every true value).

Only for ``sort="overall"`` with a ``top`` smaller than the batch; otherwise, and for a block
whose goals name no roles (then ``overall`` is one array operation over the block and is
computed in full), the block is scored in full.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance import recommend

if TYPE_CHECKING:
    from collections.abc import Sequence

    from relevance.batch import GroupBatch
    from relevance.ranking import Ranking, ResultMaker
    from relevance.schema import Goal
    from relevance.scoring import ScoredBatch, Scorer
    from relevance.settings import Settings

FloatArray = NDArray[np.float64]
Float32Array = NDArray[np.float32]
IntArray = NDArray[np.intp]

ENABLED = True
"""False scores every pair in full (the exhaustive run the tests compare against)."""
SEEDS = 4
"""Pairs completed first per goal, as a multiple of ``top``: they set the goal's threshold."""
MARGIN = 1e-4
"""The bound's relative widening: far above single-precision rounding (6e-8), far below any
gap that matters for pruning."""


@dataclass(frozen=True)
class Pruned:
    """A block of goals scored for its top ``top``: the scored batch and what was skipped.

    ``scored.overall`` holds the true value of every completed pair and NaN for the others,
    which cannot enter their goal's top ``top``.
    """

    scored: ScoredBatch
    pairs: int
    """(group, goal) pairs of the block."""
    completed: int
    """Pairs whose ``overall`` was computed in full."""
    best: list[tuple[int, int]] | None = None
    """Each goal's ``top`` best (group, goal) pairs, goal by goal, groups in input order; None
    when the block was scored in full (then :meth:`Ranking.add_scored` finds them)."""

    def add_to(self, ranking: Ranking, maker: ResultMaker) -> None:
        """Add the block's best results to ``ranking`` as :meth:`Ranking.add_scored` would."""
        if self.best is None:
            ranking.add_scored(self.scored, maker)
        else:
            ranking.add(maker.results(self.scored, self.best))


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
    if not ENABLED or sort != "overall" or top >= len(batch.groups):
        return Pruned(scorer.signals(batch, goals), pairs, pairs)
    scored = scorer.signals(batch, goals, complete=False)
    if not np.isnan(scored.overall).all():  # no goal refines a signal: overall is complete
        return Pruned(scored, pairs, pairs)
    s = scorer.settings
    bound = None if s.weights.get("relevance", 0.0) <= 0 else log_bound(scored, s)
    if bound is None:  # nothing to prune by (a corner of the settings)
        return Pruned(scorer.signals(batch, goals), pairs, pairs)
    overall = scored.overall  # NaN: not completed
    n_groups, n_goals = bound.shape[1], len(goals)
    # The seeds: each goal's best pairs by the bound, completed first; the ``top``-th best
    # true value among them is the goal's threshold (a few times ``top`` of them, so that a
    # loose bound of a few groups does not leave the threshold low).
    m = min(SEEDS * top, n_groups)
    seeds = np.argpartition(bound, n_groups - m, axis=1)[:, n_groups - m :]
    at_seeds = (seeds.ravel(), np.repeat(np.arange(n_goals), m))
    _complete(scored, overall, at_seeds, s)
    found = overall[at_seeds].reshape(n_goals, m)
    threshold = np.partition(found, m - top, axis=1)[:, m - top].astype(np.float64)
    # A pair can enter its goal's top when its bound reaches the threshold.
    with np.errstate(divide="ignore"):
        reach = (np.log(threshold) - np.log1p(MARGIN)).astype(np.float32)
    goal, group = np.nonzero(bound >= reach[:, np.newaxis])  # the goal's top seeds among them
    _complete(scored, overall, (group, goal), s)
    left_out = int(np.count_nonzero(bound[at_seeds[1], at_seeds[0]] < reach[at_seeds[1]]))
    return Pruned(
        replace(scored, overall=overall),
        pairs,
        len(group) + left_out,
        _best(group, goal, overall[group, goal], top),
    )


def _best(group: IntArray, goal: IntArray, value: FloatArray, top: int) -> list[tuple[int, int]]:
    """Each goal's ``top`` best pairs by ``value``, ties to the earlier group (as
    :func:`relevance.ranking.top_rows`), goal by goal and in input order within a goal."""
    order = np.lexsort((group, -value, goal))  # goal, then best first, then earlier first
    goal_sorted = goal[order]
    rank = np.arange(len(order)) - np.searchsorted(goal_sorted, goal_sorted)
    kept = order[rank < top]
    kept = kept[np.lexsort((group[kept], goal[kept]))]
    return [(int(g), int(k)) for g, k in zip(group[kept], goal[kept], strict=True)]


def log_bound(scored: ScoredBatch, s: Settings) -> Float32Array | None:
    """The log of an upper bound on ``overall`` of every (goal, group) pair of the block, before
    :data:`MARGIN`, shape (goals, groups); None when no term of it is goal-independent.

    The log of a geometric mean is the weighted mean of the logs. The terms of ``overall``
    that do not depend on the goal (the factors and penalties of the signal table) are summed
    once per group, and each pair adds its topic. A signal a goal refines (``member_fit`` when
    it names roles) is taken at its best for the group: unknown for this goal (no weight), or
    known with the group's best value over the block's goals; the mean is at most the larger
    of the two cases. Single precision, as the true overall is, and a log: only the order and
    the comparison with a threshold matter. A few passes over the block: the pairs it lets
    through are completed exactly.
    """
    from relevance.scoring import _overall_terms

    factors, penalties = _overall_terms(scored.signals)
    flat = {n: v for n, v in factors.items() if v.ndim == 1}
    if not flat:
        return None
    total, weight_sum = recommend.partial_overall(
        flat, {n: v for n, v in penalties.items() if v.ndim == 1}, s
    )
    # A refined penalty at its best lowers nothing (a log of at most 0, and never a weight).
    w_topic = s.weights.get("relevance", 0.0)
    without = weight_sum + w_topic  # > 0: w_topic > 0 (top_signals checks)
    best, weight = _refined_best(factors, s)
    f32 = np.float32
    # (goals, groups) from here, each goal's row contiguous for the selection that follows;
    # a copy, whatever the layout the topic came in.
    numerator = np.array(scored.topic.T, dtype=f32, order="C")
    np.maximum(numerator, f32(recommend.FLOOR), out=numerator)
    np.log(numerator, out=numerator)
    numerator *= f32(w_topic)
    numerator += total.astype(f32)
    known = (numerator + best.astype(f32)) * (1.0 / (without + weight)).astype(f32)
    bound: Float32Array = np.maximum(numerator * (1.0 / without).astype(f32), known)
    return bound


def _refined_best(factors: dict[str, FloatArray], s: Settings) -> tuple[FloatArray, FloatArray]:
    """Per group, the best a block's refined factors can add to ``overall``'s weighted logs
    and to its weights when known (with one: its largest value over the goals; with more,
    each at 1, which no value exceeds)."""
    refined = {n: v for n, v in factors.items() if v.ndim == 2}
    n_groups = next(iter(factors.values())).shape[0]
    if len(refined) != 1:
        weight = sum(s.weights.get(n, 0.0) for n in refined)
        return np.zeros(n_groups), np.full(n_groups, weight)
    ((name, values),) = refined.items()
    w = s.weights.get(name, 0.0)
    with np.errstate(invalid="ignore"):
        top = np.fmax.reduce(values, axis=1)  # NaN only where no goal knows it
    known = ~np.isnan(top)
    logs = w * np.log(np.maximum(np.nan_to_num(top), recommend.FLOOR))
    return np.where(known, logs, 0.0), np.where(known, w, 0.0)


def _complete(
    scored: ScoredBatch, overall: FloatArray, at: tuple[IntArray, IntArray], s: Settings
) -> None:
    """Write the true ``overall`` of the pairs ``at`` into ``overall``, computed as the
    exhaustive run computes it (one pair per row of a one-goal block)."""
    from relevance.scoring import _overall_per_goal

    rows, goals = at
    if not len(rows):
        return
    column = {
        name: values[rows] if values.ndim == 1 else values[rows, goals][:, np.newaxis]
        for name, values in scored.signals.items()
    }
    found = _overall_per_goal(column, scored.topic[rows, goals][:, np.newaxis], s)
    overall[rows, goals] = found[:, 0]
