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
    if s.weights.get("relevance", 0.0) <= 0:  # every pair alike on the topic: nothing to gain
        return Pruned(scorer.signals(batch, goals), pairs, pairs)
    bound = log_bound(scorer.group_signals(batch), scored, s)  # (goals, groups)
    overall = scored.overall  # NaN: not completed
    n_groups = bound.shape[1]
    seeds = np.argpartition(bound, n_groups - top, axis=1)[:, n_groups - top :]
    at_seeds = (seeds.ravel(), np.repeat(np.arange(len(goals)), top))
    _complete(scored, overall, at_seeds, s)
    # A pair can enter its goal's top when its bound reaches the goal's top-th best so far.
    threshold = overall[at_seeds].reshape(len(goals), top).min(axis=1).astype(np.float64)
    with np.errstate(divide="ignore"):
        reach = (np.log(threshold) - np.log1p(MARGIN)).astype(np.float32)
    goal, group = np.nonzero(bound >= reach[:, np.newaxis])  # the seeds among them
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


def log_bound(per_group: GroupSignals, scored: ScoredBatch, s: Settings) -> FloatArray:
    """The log of an upper bound on ``overall`` of every (goal, group) pair of the block, before
    :data:`MARGIN`, shape (goals, groups): the log of a geometric mean is the weighted mean of
    the logs, so the goal's own parts (topic, member fit) are added to the group's once.

    Single precision, as the true overall is; a log, since only the order and the comparison
    with a threshold matter (no exp).
    """
    others = {k: v for k, v in per_group.values.items() if k not in ("drift", "member_fit")}
    total, weight_sum = recommend.partial_overall(
        others, s, penalties={"drift": 1.0 - per_group.values["drift"]}
    )
    f32 = np.float32
    w_fit, w_topic = f32(s.weights.get("member_fit", 0.0)), f32(s.weights.get("relevance", 0.0))
    floor = f32(recommend.FLOOR)
    # (goals, groups) from here, each goal's row contiguous for the selection that follows.
    # Copies (the scored arrays stay as they are), whatever the layout the arrays came in.
    fit = np.array(scored.signals["member_fit"].T, dtype=f32, order="C")
    known = ~np.isnan(fit)
    fit[~known] = 1.0  # an unknown fit adds nothing: log 1 = 0, and no weight
    numerator = np.log(np.maximum(fit, floor, out=fit), out=fit)
    numerator *= w_fit
    topic = np.array(scored.topic.T, dtype=f32, order="C")
    topic = np.log(np.maximum(topic, floor, out=topic), out=topic)
    topic *= w_topic
    numerator += topic
    numerator += total.astype(f32)
    denominator = known.astype(f32)
    denominator *= w_fit
    denominator += weight_sum.astype(f32) + w_topic
    numerator /= denominator
    return numerator


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
