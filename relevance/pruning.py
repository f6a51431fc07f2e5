"""Many goals, each goal's top K: ``overall`` completed only where it can enter the top K.

When goals name roles to meet ("hire data engineers"), ``member_fit`` differs goal by goal,
and ``overall``, the weighted geometric mean of every signal (:mod:`relevance.recommend`),
has to be recomputed for every (group, goal) pair: with many goals over many groups that is
most of the work, though only each goal's ``top`` best are kept. So, for a block of goals:

1. every signal but the goal's member fit is computed as the exhaustive run computes it, the
   BM25 parts (``relevance``, ``discussion_relevance``, hence the topic) included;
2. an **upper bound** on each pair's ``overall`` comes from the group's goal-independent part
   (the weighted logs of its other signals, and their weights) and the pair's topic, with the
   member fit at its best: known and 1 (the geometric mean of signals at most 1 can only grow
   when one more known signal is 1 or is left out, so the larger of the two cases bounds it);
3. each goal's ``top`` best by the bound are completed (their true ``overall``, as the
   exhaustive run computes it), which gives the goal a threshold: its ``top``-th best true
   value so far. Every other pair whose bound reaches that threshold is completed too; a pair
   whose bound is below it cannot enter the goal's top ``top`` and is never completed.

The ranking then keeps each goal's ``top`` best of the completed pairs, ties to the earlier
group, as it would of all pairs: the results are the exhaustive run's, value for value
(``tests/test_pruning.py`` compares them). The bound is widened by :data:`MARGIN` so that
rounding in single precision cannot make it fall under a true value.

Only for ``sort="overall"`` with a ``top`` smaller than the batch; otherwise, and for a block
whose goals name no roles (then ``overall`` costs one array operation and is computed in
full), the block is scored in full.
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
    from relevance.scoring import GroupSignals, ScoredBatch, Scorer
    from relevance.settings import Settings

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.intp]

ENABLED = True
"""False scores every pair in full (the exhaustive run the tests compare against)."""
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
    if scored.signals["member_fit"].ndim == 1:  # no goal names roles: overall is complete
        return Pruned(scored, pairs, pairs)
    s = scorer.settings
    # Goal by goal (a row each), so that each goal's groups are contiguous.
    bound = np.ascontiguousarray(_bound(scorer.group_signals(batch), scored, s).T)
    overall = scored.overall  # NaN: not completed
    n_groups = bound.shape[1]
    seeds = np.argpartition(bound, n_groups - top, axis=1)[:, n_groups - top :]
    at_seeds = (seeds.ravel(), np.repeat(np.arange(len(goals)), top))
    _complete(scored, overall, at_seeds, s)
    threshold = overall[at_seeds].reshape(len(goals), top).min(axis=1)
    goal, group = np.nonzero(bound >= threshold[:, np.newaxis])  # the seeds among them
    _complete(scored, overall, (group, goal), s)
    return Pruned(
        replace(scored, overall=overall),
        pairs,
        len(group),
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


def _bound(per_group: GroupSignals, scored: ScoredBatch, s: Settings) -> FloatArray:
    """An upper bound on ``overall`` of every (group, goal) pair of the block."""
    others = {k: v for k, v in per_group.values.items() if k not in ("drift", "member_fit")}
    total, weight_sum = recommend.partial_overall(
        others, s, penalties={"drift": 1.0 - per_group.values["drift"]}
    )
    # The block at once, in single precision, as the true overall is (MARGIN covers rounding).
    f32 = np.float32
    fit = scored.signals["member_fit"].astype(f32)
    known = ~np.isnan(fit)
    w_fit, w_topic = f32(s.weights.get("member_fit", 0.0)), f32(s.weights.get("relevance", 0.0))
    floor = f32(recommend.FLOOR)
    numerator = (
        total.astype(f32)[:, np.newaxis]
        + np.where(known, w_fit * np.log(np.maximum(np.nan_to_num(fit), floor)), f32(0.0))
        + w_topic * np.log(np.maximum(scored.topic, floor))
    )
    denominator = weight_sum.astype(f32)[:, np.newaxis] + np.where(known, w_fit, f32(0.0))
    denominator += w_topic
    with np.errstate(invalid="ignore", divide="ignore"):
        bound = np.exp(numerator / denominator) * f32(1.0 + MARGIN)
    # No weight at all (a settings corner): nothing to bound by; complete the pair.
    return np.where((denominator > 0) & ~np.isnan(bound), bound, np.inf)


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
        if name not in ("relevance", "discussion_relevance")
    }
    found = _overall_per_goal(column, scored.topic[rows, goals][:, np.newaxis], s)
    overall[rows, goals] = found[:, 0]
