"""Signals to ``overall``, a decision and reasons. The numbers come from :class:`Settings`.

``overall`` is a weighted geometric mean of the signals that are known::

    overall = exp( sum_i w_i ln(max(s_i, 0.01)) / sum_i w_i )

A geometric mean, not an arithmetic one, so that one signal near 0 (an off-topic group) cannot be
bought back by good size and lively talk. The topic signal entering it under the ``relevance``
weight blends what the group claims with what it discusses::

    topic = (1 - share) * relevance + share * discussion_relevance

with ``share = discussion_share`` for an honest group and ``misleading_discussion_share`` when
the title is misleading or the group drifted (drift >= ``drifted_at``): then what is discussed
weighs more than what the title claims. ``return_on_time`` counts only for joined groups.
``drift`` is a penalty: ``overall`` is multiplied by ``(1 - drift) ** (w_drift / sum_i w_i)``,
which lowers a group that moved off its purpose and lifts no other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
from numpy.typing import NDArray

from relevance.settings import Settings

FloatArray = NDArray[np.float64]
FLOOR = 0.01
MIN_WEEKS = 2.0
"""Weeks since joining before a group's weekly cost is judged."""


def topic(
    relevance: FloatArray,
    discussion_relevance: FloatArray,
    distrust: NDArray[np.bool_],
    settings: Settings,
) -> FloatArray:
    """Blend claim and discussion relevance; ``distrust`` (G,) marks misleading or drifted."""
    share = np.where(distrust, settings.misleading_discussion_share, settings.discussion_share)
    share = share.astype(relevance.dtype)[:, np.newaxis]
    blended = (1.0 - share) * relevance + share * discussion_relevance
    return np.where(np.isnan(discussion_relevance), relevance, blended)


def partial_overall(
    signals: Mapping[str, FloatArray],
    penalties: Mapping[str, FloatArray],
    settings: Settings,
) -> tuple[FloatArray, FloatArray]:
    """The goal-independent part of ``overall``: per group, the weighted sum of the logs of its
    known signals and the sum of their weights (the topic is added per goal).

    A penalty (``drift`` as ``1 - drift``) adds its weighted log but not its weight: it can only
    lower ``overall``, never lift a group that did not drift above one that has no dates.
    """
    total: FloatArray | None = None
    weight_sum: FloatArray | None = None
    for name, values in signals.items():
        weight = settings.weights.get(name, 0.0)
        known = ~np.isnan(values)
        term = np.where(known, weight * np.log(np.maximum(np.nan_to_num(values), FLOOR)), 0.0)
        w = np.where(known, weight, 0.0)
        total = term if total is None else total + term
        weight_sum = w if weight_sum is None else weight_sum + w
    if total is None or weight_sum is None:
        raise ValueError("no goal-independent signal given")
    for name, values in penalties.items():
        weight = settings.weights.get(name, 0.0)
        known = ~np.isnan(values)
        total = total + np.where(
            known, weight * np.log(np.maximum(np.nan_to_num(values), FLOOR)), 0.0
        )
    return total, weight_sum


def complete_overall(
    partial: tuple[FloatArray, FloatArray], topic: FloatArray, settings: Settings
) -> FloatArray:
    """:func:`overall` from the per-group part and the (G, K) topic signal."""
    dtype = topic.dtype  # float32 from the relevance arrays: see signals.relevance._scores
    total, weight_sum = (part.astype(dtype) for part in partial)
    weight = dtype.type(settings.weights.get("relevance", 0.0))
    term = weight * np.log(np.maximum(topic, dtype.type(FLOOR)))
    denominator = weight_sum[:, np.newaxis] + weight
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.exp((total[:, np.newaxis] + term) / denominator)
    return np.where(denominator > 0, out, 0.0)


@dataclass(frozen=True)
class Verdict:
    """Inputs of one decision."""

    overall: float
    joined: bool
    misleading: bool | None
    return_on_time: float | None
    hours: float | None
    weekly_hours: float | None = None
    drifted: bool = False
    thin: bool = False
    """No discussions: whether its title is borne out is unknown."""
    size_fit: float | None = None
    promotion: float | None = None
    consistency: float | None = None
    newer_off: float | None = None
    """Off-topic share of the newer half of the discussions (None without a split)."""
    drift: float | None = None
    """``drift`` (None without a split)."""
    joined_days: int | None = None
    """Days since ``joined_on`` (None when unknown)."""


def weekly_hours(hours: float | None, joined_on: date | None, today: date) -> float | None:
    """Hours a week a joined group has taken: its ``effort.hours`` since ``joined_on``."""
    if hours is None or joined_on is None:
        return None
    weeks = (today - joined_on).days / 7.0
    if weeks < MIN_WEEKS:  # too soon to judge a weekly cost
        return None
    return hours / weeks


def over_budget(weekly: float | None, settings: Settings) -> bool:
    """Whether ``weekly`` hours are at least half of the user's weekly hours for groups."""
    budget = settings.hours_per_week
    if not budget or weekly is None:  # no budget given (None or 0)
        return False
    return weekly >= 0.5 * budget


def takes_the_budget(verdict: Verdict, settings: Settings) -> bool:
    """Whether a joined group takes at least half of the user's weekly hours for groups."""
    return over_budget(verdict.weekly_hours, settings)


def just_joined(verdict: Verdict) -> bool:
    """Joined under ``MIN_WEEKS`` ago: too soon to leave on the score alone (a misleading or
    drifted group is left at once). People give up on groups too early, not too late."""
    return verdict.joined_days is not None and 0 <= verdict.joined_days < 7 * MIN_WEEKS


def decide(verdict: Verdict, settings: Settings) -> str:
    """JOIN / CONSIDER / SKIP, or STAY / LEAVE for a joined group.

    A joined group is LEAVE when ``overall`` is under ``leave_below`` and it does not pay back
    (``return_on_time`` under ``stay_return_at``, or a quarter of its talk promotion or spam,
    ``promotion_at``) and was not joined under two weeks ago (:func:`just_joined`; a misleading
    or drifted group joined lately is left), or when it gave back less
    than ``leave_return_below`` for at least ``leave_min_hours`` hours, or for half or more
    of the user's weekly budget (``hours_per_week``): time is what a group costs. A misleading,
    drifted or promoted group whose return is measured and under ``stay_return_at`` is LEAVE
    whatever its score; one whose return is not known yet stays, and its reasons say why.
    A misleading or drifted group is never JOIN, nor one whose discussions bear its title out
    with no margin (``consistency`` under ``join_consistency``) or whose newer discussions are
    mostly off its purpose (what it discusses now decides) or lost a third of what was on
    purpose (``drift`` from ``join_drift``), nor one without discussions (whether its title
    is borne out is unknown), nor one too small or too big to be heard (``size_fit`` under
    ``join_size_fit``), nor one where a quarter of what it discusses now is promotion or spam
    (``promotion_at``): at best CONSIDER, to look at it first.
    """
    if verdict.joined:
        costly = (verdict.hours is not None and verdict.hours >= settings.leave_min_hours) or (
            takes_the_budget(verdict, settings)
        )
        poor_return = (
            verdict.return_on_time is not None
            and verdict.return_on_time < settings.leave_return_below
            and costly
        )
        # What it gives back is measured, not inferred: a group that pays back stays even when
        # its talk reads as off its title or drifted (word matching misreads a field's jargon),
        # unless its talk is promotion or spam. Joined too lately to judge also keeps a group
        # whose score is low for the goal's words, but not one whose talk went bad.
        pays_back = (
            verdict.return_on_time is not None and verdict.return_on_time >= settings.stay_return_at
        )
        promoted = verdict.promotion is not None and verdict.promotion >= settings.promotion_at
        went_bad = bool(verdict.misleading or verdict.drifted)
        spared = (pays_back and not promoted) or (just_joined(verdict) and not went_bad)
        low = verdict.overall < settings.leave_below and not spared
        # Talk that left its purpose, or turned to promotion, is kept for what the group gives
        # back; once that is measured and short of paying back, nothing else keeps it.
        gone = (went_bad or promoted) and verdict.return_on_time is not None and not pays_back
        return "LEAVE" if poor_return or low or gone else "STAY"
    doubtful = (
        verdict.consistency is not None and verdict.consistency < settings.join_consistency
    ) or (verdict.newer_off is not None and verdict.newer_off >= 0.5)
    drifting = verdict.drift is not None and verdict.drift >= settings.join_drift
    sized_out = verdict.size_fit is not None and verdict.size_fit < settings.join_size_fit
    promoted = verdict.promotion is not None and verdict.promotion >= settings.promotion_at
    trusted = not (
        verdict.misleading
        or verdict.drifted
        or drifting
        or verdict.thin
        or doubtful
        or sized_out
        or promoted
    )
    if verdict.overall >= settings.join_at and trusted:
        return "JOIN"
    return "CONSIDER" if verdict.overall >= settings.consider_at else "SKIP"
