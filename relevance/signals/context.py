"""What the signals of a batch are computed from, and the intermediate results they share.

A signal's ``compute`` function (:data:`relevance.signals.table.TABLE`) takes a
:class:`GroupContext` (goal-independent signals) or a :class:`GoalContext` (signals of a block of
goals). Results that several signals, the reasons and ``explain`` need (each discussion's
off-topic probability, the goals' terms, each discussion's service to each goal) are computed
once, on first use, and kept on the context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance.batch import GoalTerms, GroupBatch
from relevance.schema import Goal
from relevance.settings import Settings
from relevance.signals import discussions, drift, job_ads, promotion, relevance
from relevance.signals.members import MemberMatcher
from relevance.text import TextAnalyzer

FloatArray = NDArray[np.float64]


@dataclass
class GroupContext:
    """A vectorized batch with what its goal-independent signals need."""

    batch: GroupBatch
    settings: Settings
    today: date
    members: MemberMatcher

    @cached_property
    def pitches(self) -> NDArray[np.bool_]:
        """Each discussion row: whether it is a pitch (:func:`promotion.is_promotional`)."""
        marks = self.pitch_marks
        return np.fromiter(map(promotion.is_promotional, marks), bool, count=len(marks))

    @cached_property
    def promotion(self) -> FloatArray:
        """Each group's ``promotion``: the larger of its recent and its newer half's share of
        pitches (see :mod:`relevance.signals.promotion`). A takeover of the newest posts is a
        verdict however much honest history came before it, and one pitch is not. 1 for a group
        whose own title or description is a pitch (:data:`promotion.CLAIM_PITCH`)."""
        recent = self.promotion_of_recent.copy()
        # One pitch is an incident, however few posts a group has (1 of 4 is a quarter): its
        # share counts up to a hundredth under the verdict (so that no rounding shows it at the
        # line), which takes two pitches, as the newer half's does.
        lone = promotion.recent_count(self.batch, self.pitches) < promotion.NEWER_PITCHES
        recent[lone] = np.minimum(recent[lone], max(self.settings.promotion_at - 0.01, 0.0))
        out = np.fmax(recent, self.promotion_of_newer)
        itself = np.fromiter(map(bool, self.claim_pitches), bool, count=len(self.claim_pitches))
        out[itself] = 1.0
        return np.asarray(out)

    @cached_property
    def claim_pitches(self) -> list[list[str]]:
        """Each group's :func:`promotion.claim_pitch` marks: a group that is itself a pitch."""
        return [promotion.claim_pitch(group) for group in self.batch.groups]

    @cached_property
    def promotion_of_recent(self) -> FloatArray:
        """Each group's :func:`promotion.recent_share`."""
        return promotion.recent_share(self.batch, self.pitches)

    @cached_property
    def promotion_of_newer(self) -> FloatArray:
        """Each group's :func:`promotion.newer_share` (NaN where it does not count)."""
        return promotion.newer_share(self.batch, self.pitches)

    @cached_property
    def job_listed(self) -> NDArray[np.bool_]:
        """Each discussion row: a job ad off its group's purpose (:mod:`job_ads`)."""
        return job_ads.off_purpose(self.batch, job_ads.rows(self.batch), self.settings)

    @cached_property
    def job_on_purpose(self) -> NDArray[np.bool_]:
        """Each discussion row: a job ad in a group about jobs, on its purpose whatever its
        words (:mod:`job_ads`); a pitch is not."""
        return np.asarray(job_ads.rows(self.batch, about=True) & ~self.pitched, dtype=bool)

    @cached_property
    def fixed_off(self) -> FloatArray:
        """Each discussion row's off-topic value when its purpose is known whatever its words
        (1 off, :attr:`off_purpose`; 0 on, :attr:`job_on_purpose`), NaN for the others."""
        fixed = np.full(len(self.batch.discussion_owner), np.nan)
        fixed[self.job_on_purpose] = 0.0
        fixed[self.off_purpose] = 1.0
        return fixed

    @cached_property
    def off_purpose(self) -> NDArray[np.bool_]:
        """Each discussion row: off its group's purpose whatever its words (a pitch in a group
        whose promotion is a verdict, or a job ad where they are a pattern)."""
        return np.asarray(self.pitched | self.job_listed, dtype=bool)

    @cached_property
    def pitched(self) -> NDArray[np.bool_]:
        """Each discussion row: a pitch in a group whose promotion is a verdict (from
        ``promotion_at``). Such a pitch is off any purpose, whatever words it borrows; one pitch
        among honest posts is not a verdict, for the talk's purpose as for its promotion."""
        judged = np.nan_to_num(self.promotion) >= self.settings.promotion_at
        return np.asarray(self.pitches & judged[self.batch.discussion_owner], dtype=bool)

    @cached_property
    def p_off(self) -> FloatArray:
        """Each discussion row's probability of being off its group's purpose; a pitch is off
        it whatever its words (spam that borrows the field's words reads as on topic)."""
        p = discussions.off_topic(self.batch, self.settings)
        known = ~np.isnan(self.fixed_off)
        p[known] = self.fixed_off[known]
        return p

    @cached_property
    def p_left(self) -> FloatArray:
        """Each discussion row's probability of having left its group's purpose
        (:func:`relevance.signals.drift.left_probability`: a newer-half row is judged against
        the claim and against the older half; other rows are ``p_off``)."""
        p = drift.left_probability(self.batch, self.p_off, self.settings)
        known = ~np.isnan(self.fixed_off)  # a pitch left the purpose however like the old it is
        p[known] = self.fixed_off[known]
        return p

    @cached_property
    def drift_parts(self) -> drift.DriftParts:
        """``drift`` and its parts per group (:func:`relevance.signals.drift.drift`)."""
        return drift.drift(self.batch, self.p_off, self.p_left, self.settings, self.fixed_off)

    @cached_property
    def newer_as_read(self) -> FloatArray:
        """The newer half's off-topic share as read (:func:`drift.newer_off_as_read`)."""
        return drift.newer_off_as_read(self.batch, self.p_off, self.settings)

    @cached_property
    def pitch_marks(self) -> list[list[str]]:
        """Each discussion row's marks of a pitch (:mod:`relevance.signals.promotion`)."""
        return promotion.row_marks(self.batch)

    @cached_property
    def member_counts(self) -> FloatArray:
        """Each group's member count, NaN when unknown."""
        groups = self.batch.groups
        return np.fromiter(
            (np.nan if g.member_count is None else g.member_count for g in groups),
            np.float64,
            count=len(groups),
        )


@dataclass
class GoalContext:
    """A block of goals against a batch, with what the goal-dependent signals need."""

    group: GroupContext
    goals: Sequence[Goal]
    text: TextAnalyzer

    @property
    def batch(self) -> GroupBatch:
        return self.group.batch

    @property
    def settings(self) -> Settings:
        return self.group.settings

    @cached_property
    def terms(self) -> GoalTerms:
        """The goals' term counts over the batch's columns."""
        return self.batch.goal_counts(self.goals)

    @cached_property
    def ceiling(self) -> FloatArray:
        """Each goal's largest possible BM25 score."""
        return self.batch.goal_ceiling(self.terms)

    @cached_property
    def relevance_score(self) -> FloatArray:
        """Normalized BM25 of each claim for each goal, (G, K), before the map to [0, 1]."""
        return relevance.claim_scores(self.batch, self.terms.counts, self.ceiling)

    @cached_property
    def discussion_service(self) -> sp.csr_matrix:
        """(K, D), sparse: how much each discussion row serves each goal."""
        facets = np.asarray([len(set(self.text.unigrams(g.text))) for g in self.goals], np.float32)
        return relevance.discussion_service(
            self.batch, self.terms.counts, self.ceiling, facets, self.settings.discussion_facet
        )
