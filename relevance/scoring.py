"""Every signal of a vectorized batch against goals, and the :class:`Result` of each pair.

The signals are those of :data:`relevance.signals.table.TABLE`, computed entry by entry:
:meth:`Scorer.group_signals` computes the goal-independent ones once per batch (from a
:class:`GroupContext`), :meth:`Scorer.signals` the goal-dependent ones per block of goals (from
a :class:`GoalContext`), and results are built only for the pairs asked for. How each signal
enters ``overall`` (its ``role``) comes from the table too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance import recommend
from relevance.batch import GroupBatch
from relevance.reasons import ReasonWriter
from relevance.schema import EVIDENCE, Goal, Group, Result
from relevance.settings import Settings
from relevance.signals import consistency, members
from relevance.signals import relevance as relevance_signal
from relevance.signals.context import GoalContext, GroupContext
from relevance.signals.drift import DriftParts
from relevance.signals.table import TABLE
from relevance.text import TextAnalyzer

FloatArray = NDArray[np.float64]

GROUP_SIGNALS = tuple(signal for signal in TABLE if signal.scope == "group")
GOAL_SIGNALS = tuple(signal for signal in TABLE if signal.scope == "goal")


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


def _overall_terms(
    values: Mapping[str, FloatArray],
) -> tuple[dict[str, FloatArray], dict[str, FloatArray]]:
    """The factors and the penalties (as ``1 - value``) of ``overall``, by the table's roles."""
    factors = {s.name: values[s.name] for s in TABLE if s.role == "factor" and s.name in values}
    penalties = {
        s.name: 1.0 - values[s.name] for s in TABLE if s.role == "penalty" and s.name in values
    }
    return factors, penalties


@dataclass
class GroupSignals:
    """The goal-independent signals of a batch, arrays of shape (G,), and what they rest on."""

    context: GroupContext
    values: dict[str, FloatArray]
    """Each ``group`` signal of the table, by name."""
    evidence: list[list[str]]
    """Per group, the kinds of data its verdict rests on (:func:`evidence`)."""
    misleading: NDArray[np.bool_]
    distrust: NDArray[np.bool_]
    """Misleading or drifted: what is discussed weighs more than what is claimed."""
    partial: tuple[FloatArray, FloatArray]
    """The goal-independent part of ``overall`` (:func:`relevance.recommend.partial_overall`)."""
    pruning: object | None = field(default=None, repr=False)
    """What :mod:`relevance.pruning` builds once per batch for its bounds."""

    @property
    def p_off(self) -> FloatArray:
        """Each discussion row's probability of being off its group's purpose."""
        return self.context.p_off

    @property
    def pitched(self) -> NDArray[np.bool_]:
        """Each discussion row: whether it is a pitch (:mod:`relevance.signals.promotion`)."""
        return self.context.pitched

    @property
    def job_listed(self) -> NDArray[np.bool_]:
        """Each discussion row: a job ad off its group's purpose (:mod:`~.signals.job_ads`)."""
        return self.context.job_listed

    @property
    def p_left(self) -> FloatArray:
        """Each discussion row's probability of having left its group's purpose (a newer-half
        row judged against the claim and the older half; :mod:`relevance.signals.drift`)."""
        return self.context.p_left

    @property
    def drift_parts(self) -> DriftParts:
        """Each group's ``drift`` and its halves' off-topic shares (NaN without a split)."""
        return self.context.drift_parts

    @property
    def newer_as_read(self) -> FloatArray:
        return self.context.newer_as_read


@dataclass
class ScoredBatch:
    """Every signal of a batch against some goals: arrays of shape (G,) or (G, K)."""

    group: GroupSignals
    goal: GoalContext
    signals: dict[str, FloatArray]
    """Every signal of the table, by name, in table order."""
    overall: FloatArray
    topic: FloatArray
    goal_surfaces: list[dict[str, str]] = field(default_factory=list)

    @property
    def batch(self) -> GroupBatch:
        return self.group.context.batch

    @property
    def goals(self) -> Sequence[Goal]:
        return self.goal.goals

    @property
    def p_off(self) -> FloatArray:
        return self.group.p_off

    @property
    def p_left(self) -> FloatArray:
        return self.group.p_left

    @property
    def pitched(self) -> NDArray[np.bool_]:
        return self.group.pitched

    @property
    def job_listed(self) -> NDArray[np.bool_]:
        return self.group.job_listed

    @property
    def misleading(self) -> NDArray[np.bool_]:
        return self.group.misleading

    @property
    def drift_parts(self) -> DriftParts:
        return self.group.drift_parts

    @property
    def newer_as_read(self) -> FloatArray:
        return self.group.newer_as_read

    @property
    def relevance_score(self) -> FloatArray:
        return self.goal.relevance_score

    @property
    def discussion_goal(self) -> sp.csr_matrix:
        """(K, D), sparse: how much each discussion row serves each goal."""
        return self.goal.discussion_service

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
        column = {n: v[:, k] if v.ndim == 2 else v for n, v in values.items()}
        partial = recommend.partial_overall(*_overall_terms(column), s)
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
            return batch.group_signals
        s = self.settings
        context = GroupContext(batch, s, self.today, self.members)
        values = {signal.name: signal.function()(context) for signal in GROUP_SIGNALS}
        drift_value = values["drift"]
        drifted = ~np.isnan(drift_value) & (drift_value >= s.drifted_at)
        misleading = consistency.misleading(values["consistency"], s)
        found = GroupSignals(
            context=context,
            values=values,
            evidence=[evidence(group) for group in batch.groups],
            misleading=misleading,
            distrust=misleading | drifted,
            partial=recommend.partial_overall(*_overall_terms(values), s),
        )
        batch.group_signals = found
        return found

    def signals(self, batch: GroupBatch, goals: Sequence[Goal]) -> ScoredBatch:
        """Compute every signal of a vectorized batch against the goals, every pair in full
        (:mod:`relevance.pruning` completes only the pairs that can enter a goal's top)."""
        s = self.settings
        per_group = self.group_signals(batch)
        context = GoalContext(per_group.context, goals, self.text)
        values: dict[str, FloatArray] = dict(per_group.values)
        values.update({signal.name: signal.function()(context) for signal in GOAL_SIGNALS})
        topic = recommend.topic(
            values["relevance"], values["discussion_relevance"], per_group.distrust, s
        )
        refined = False
        for signal in GROUP_SIGNALS:  # a goal may refine a group signal (roles: member_fit)
            function = signal.goal_function()
            found = None if function is None else function(context)
            if found is not None:
                values[signal.name], refined = found, True
        if not refined:
            overall = recommend.complete_overall(per_group.partial, topic, s)
        else:
            overall = _overall_per_goal(values, topic, s)
        return ScoredBatch(
            group=per_group,
            goal=context,
            signals={signal.name: values[signal.name] for signal in TABLE},
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
        has_disc = bool(scored.batch.has_discussions[g])
        effort = group.effort
        result = Result(
            goal_id=scored.goals[k].id,
            id=group.id,
            title=group.title,
            decision="",
            overall=float(scored.overall[g, k]),
            misleading=bool(scored.misleading[g]) if has_disc else None,
            joined=bool(group.joined),
            member_count=group.member_count,
            matched_terms=relevance_signal.matched_terms(
                scored.batch,
                scored.goal.terms.counts,
                scored.goal.ceiling,
                g,
                k,
                scored.goal_surfaces[k],
                goal_text=scored.goals[k].text,
            ),
            evidence=list(scored.group.evidence[g]),
        )
        result.signals = {
            name: _opt(values[g] if values.ndim == 1 else values[g, k])
            for name, values in scored.signals.items()
        }
        result.decision = recommend.decide(
            recommend.Verdict(
                overall=result.overall,
                joined=result.joined,
                misleading=result.misleading,
                drifted=result.drift is not None and result.drift >= self.settings.drifted_at,
                thin="discussions" not in result.evidence,
                size_fit=result.size_fit,
                promotion=result.promotion,
                consistency=result.consistency,
                newer_off=_opt(scored.newer_as_read[g]),
                drift=result.drift,
                joined_days=(self.today - group.joined_on).days if group.joined_on else None,
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
