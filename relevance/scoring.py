"""Every signal of a vectorized batch against goals, and the :class:`Result` of each pair.

:class:`Scorer` holds what scoring needs besides the batch (settings, the day, the member
matcher, the reason writer, the text analyzer): the goal-independent signals are computed once
per batch (:meth:`Scorer.group_signals`), the goal-dependent ones per block of goals
(:meth:`Scorer.signals`), and results are built only for the pairs asked for.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance import recommend
from relevance.batch import GroupBatch
from relevance.reasons import ReasonWriter
from relevance.schema import EVIDENCE, Goal, Group, Result
from relevance.settings import Settings
from relevance.signals import (
    activity,
    consistency,
    discussions,
    drift,
    members,
    return_on_time,
    size,
)
from relevance.signals import relevance as relevance_signal
from relevance.text import TextAnalyzer

FloatArray = NDArray[np.float64]


def evidence(group: Group) -> list[str]:
    """The kinds of data (:data:`relevance.schema.EVIDENCE`) a group's verdict rests on."""
    discussions = group.discussions or ()
    found = {
        "description": bool(group.description and group.description.strip()),
        "discussions": any(d.text.strip() for d in discussions),
        "dates": any(d.date is not None for d in discussions),
        "member_count": group.member_count is not None,
        "members": bool(group.members),
        "effort": group.effort is not None and group.effort.hours is not None,
    }
    return [name for name in EVIDENCE if found[name]]


def _opt(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass
class GroupSignals:
    """The goal-independent signals of a batch, arrays of shape (G,)."""

    values: dict[str, FloatArray]
    p_off: FloatArray
    """Each discussion row's probability of being off its group's purpose."""
    misleading: NDArray[np.bool_]
    distrust: NDArray[np.bool_]
    drift_parts: tuple[FloatArray, FloatArray]
    newer_as_read: FloatArray
    partial: tuple[FloatArray, FloatArray]


@dataclass
class ScoredBatch:
    """Every signal of a batch against some goals: arrays of shape (G,) or (G, K)."""

    batch: GroupBatch
    goals: list[Goal]
    goal_matrix: Any
    goal_ceiling: FloatArray
    relevance_score: FloatArray
    signals: dict[str, FloatArray]
    p_off: FloatArray
    discussion_goal: sp.csr_matrix
    """(K, D), sparse: how much each discussion row serves each goal."""
    misleading: NDArray[np.bool_]
    drift_parts: tuple[FloatArray, FloatArray]
    newer_as_read: FloatArray
    overall: FloatArray
    topic: FloatArray
    goal_surfaces: list[dict[str, str]] = field(default_factory=list)
    _contributions: dict[int, Any] = field(default_factory=dict)

    def sort_values(self, name: str) -> FloatArray:
        """Values of a sort field as (G, K), unknown as -inf."""
        if name == "overall":
            values = self.overall
        else:
            values = self.signals[name]
            if values.ndim == 1:
                values = np.repeat(values[:, np.newaxis], self.overall.shape[1], axis=1)
        return np.where(np.isnan(values), -np.inf, values)


def _overall_per_goal(values: dict[str, FloatArray], topic: FloatArray, s: Settings) -> FloatArray:
    """``overall`` goal by goal, for signals of shape (G, K) (member fit when goals name roles)."""
    columns = []
    for k in range(topic.shape[1]):
        column = {n: v[:, k] if v.ndim == 2 else v for n, v in values.items() if n != "drift"}
        partial = recommend.partial_overall(column, s, penalties={"drift": 1.0 - values["drift"]})
        columns.append(recommend.complete_overall(partial, topic[:, k : k + 1], s)[:, 0])
    return np.column_stack(columns) if columns else np.zeros_like(topic)


class Scorer:
    """Computes signals and builds results; see the module docstring."""

    def __init__(
        self,
        settings: Settings,
        today: date,
        members: members.MemberMatcher,
        reasons: ReasonWriter,
        text: TextAnalyzer,
    ) -> None:
        self.settings = settings
        self.today = today
        self.members = members
        self.reasons = reasons
        self.text = text

    def group_signals(self, batch: GroupBatch) -> GroupSignals:
        """The signals that do not depend on the goal, computed once per batch."""
        if batch.group_signals is not None:
            return cast(GroupSignals, batch.group_signals)
        s = self.settings
        p_off = discussions.off_topic(batch, s)
        drift_value, c_old, c_new = drift.drift(batch, p_off, s)
        drifted = ~np.isnan(drift_value) & (drift_value >= s.drifted_at)
        # A group that drifted is judged by what it discusses now: its newer half.
        consistency_value = consistency.consistency(batch, p_off, s)
        misleading = consistency.misleading(consistency_value, s)
        groups = batch.groups
        counts = np.fromiter(
            (np.nan if g.member_count is None else g.member_count for g in groups),
            np.float64,
            count=len(groups),
        )
        values = {
            "consistency": consistency_value,
            "drift": drift_value,
            "size_fit": size.size_fit(counts, *s.size_range),
            "member_fit": members.member_fit(groups, self.members),
            "activity": activity.activity(groups, self.today),
            "return_on_time": return_on_time.return_on_time(groups),
        }
        found = GroupSignals(
            values=values,
            p_off=p_off,
            misleading=misleading,
            distrust=misleading | drifted,
            drift_parts=(c_old, c_new),
            newer_as_read=drift.newer_off_as_read(batch, p_off, s),
            partial=recommend.partial_overall(
                {k: v for k, v in values.items() if k != "drift"},
                s,
                penalties={"drift": 1.0 - drift_value},
            ),
        )
        batch.group_signals = found
        return found

    def signals(
        self, batch: GroupBatch, goals: Sequence[Goal], complete: bool = True
    ) -> ScoredBatch:
        """Compute every signal of a vectorized batch against the goals; with ``complete``
        False, ``overall`` is NaN where goals name roles (:mod:`relevance.pruning` completes
        only the pairs that can enter a goal's top)."""
        s = self.settings
        per_group = self.group_signals(batch)
        terms = batch.goal_counts(goals)
        ceiling = batch.goal_ceiling(terms)
        q = terms.counts
        rel_score = relevance_signal.claim_scores(batch, q, ceiling)
        rel = relevance_signal.score_to_relevance(rel_score, s.relevance_scale)
        facets = np.asarray([len(set(self.text.unigrams(g.text))) for g in goals], np.float32)
        per_discussion = relevance_signal.discussion_service(
            batch, q, ceiling, facets, s.discussion_facet
        )
        disc = relevance_signal.discussion_relevance(batch, per_discussion)
        topic = recommend.topic(rel, disc, per_group.distrust, s)
        overall = recommend.complete_overall(per_group.partial, topic, s)
        values = per_group.values
        fit = members.goal_member_fit(batch, self.members, goals)  # a goal names roles
        if fit is not None:
            values = {**values, "member_fit": fit}
            overall = (
                _overall_per_goal(values, topic, s) if complete else np.full_like(topic, np.nan)
            )
        return ScoredBatch(
            batch=batch,
            goals=list(goals),
            goal_matrix=q,
            goal_ceiling=ceiling,
            relevance_score=rel_score,
            signals={"relevance": rel, "discussion_relevance": disc, **values},
            p_off=per_group.p_off,
            discussion_goal=per_discussion,
            misleading=per_group.misleading,
            drift_parts=per_group.drift_parts,
            newer_as_read=per_group.newer_as_read,
            overall=overall,
            topic=topic,
            goal_surfaces=[self.text.surfaces([goal.text]) for goal in goals],
        )

    def results(
        self, scored: ScoredBatch, pairs: Iterable[tuple[int, int]] | None = None
    ) -> list[Result]:
        """Result objects for (group, goal) index pairs; all pairs, goal-major, by default."""
        if pairs is None:
            n_groups, n_goals = scored.overall.shape
            pairs = ((g, k) for k in range(n_goals) for g in range(n_groups))
        return [self.result(scored, g, k) for g, k in pairs]

    def result(self, scored: ScoredBatch, g: int, k: int) -> Result:
        """The :class:`Result` of group ``g`` against goal ``k`` of a scored batch."""
        group = scored.batch.groups[g]
        sig = scored.signals
        has_disc = bool(scored.batch.has_discussions[g])
        effort = group.effort
        result = Result(
            goal_id=scored.goals[k].id,
            id=group.id,
            title=group.title,
            decision="",
            overall=float(scored.overall[g, k]),
            relevance=_opt(sig["relevance"][g, k]),
            discussion_relevance=_opt(sig["discussion_relevance"][g, k]),
            consistency=_opt(sig["consistency"][g]),
            misleading=bool(scored.misleading[g]) if has_disc else None,
            drift=_opt(sig["drift"][g]),
            size_fit=_opt(sig["size_fit"][g]),
            member_fit=_opt(
                sig["member_fit"][g] if sig["member_fit"].ndim == 1 else sig["member_fit"][g, k]
            ),
            activity=_opt(sig["activity"][g]),
            return_on_time=_opt(sig["return_on_time"][g]),
            joined=bool(group.joined),
            member_count=group.member_count,
            matched_terms=relevance_signal.matched_terms(
                scored.batch,
                scored.goal_matrix,
                scored.goal_ceiling,
                g,
                k,
                scored.goal_surfaces[k],
                goal_text=scored.goals[k].text,
            ),
        )
        result.evidence = evidence(group)
        thin = not {"discussions", "member_count", "members"} & set(result.evidence)
        result.decision = recommend.decide(
            recommend.Verdict(
                overall=result.overall,
                joined=result.joined,
                misleading=result.misleading,
                drifted=result.drift is not None and result.drift >= self.settings.drifted_at,
                thin=thin,
                consistency=result.consistency,
                newer_off=_opt(scored.newer_as_read[g]),
                return_on_time=result.return_on_time,
                hours=effort.hours if effort else None,
                weekly_hours=recommend.weekly_hours(
                    effort.hours if effort else None, group.joined_on, self.today
                ),
            ),
            self.settings,
        )
        result.reasons = self.reasons.write(result, scored, g, k)
        return result
