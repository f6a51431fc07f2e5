"""``drift``: how far the newer discussions moved from the description, against the older.

A group with at least four dated discussions that have words is split into its newer half and
its older half. Each discussion's off-topic probability comes from
:mod:`relevance.signals.discussions` (length-calibrated, so a doubtful short post sits near the
middle and moves a half little); each half's off-topic share is the mean of their mean and of
the probability for the half read as one text (:func:`relevance.signals.discussions.verdict`)::

    drift = clip(off_new - off_old, 0, 1)

Judging discussions one by one, not each half as one text, keeps a single on-topic post among
spam from hiding the drift; subtracting the older share keeps a group that was always off topic
(``misleading``, not drift) or always noisy at 0. Fewer than four dated discussions with words:
NaN (unknown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.settings import Settings
from relevance.signals.discussions import (
    length_evidence,
    pooled_off,
    shrunk,
    verdict,
    weighted_share,
)

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

FloatArray = NDArray[np.float64]


def newer_off_as_read(batch: GroupBatch, p_off: FloatArray, s: Settings) -> FloatArray:
    """The newer half's off-topic share with no prior and every post counted alike: what the
    newest discussions look like, however little evidence they carry. JOIN needs it under 0.5
    (a confident recommendation needs talk that looks on purpose, not talk not proven off);
    NaN where a group has no split."""
    n, owner = len(batch.groups), batch.discussion_owner
    share = weighted_share(p_off, (batch.discussion_half == 2).astype(np.float64), owner, n)
    out = verdict(share, pooled_off(batch, batch.halves[1], batch.half_terms_count[1], s))
    out[~batch.has_drift_split] = np.nan
    return out


def drift(
    batch: GroupBatch, p_off: FloatArray, s: Settings
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return ``(drift, off_old, off_new)``, each NaN where a group has no split."""
    n = len(batch.groups)
    owner, half = batch.discussion_owner, batch.discussion_half
    evidence = length_evidence(batch, s)  # each half is its own time span: no recency weight
    shares = []
    for which in (1, 2):
        weight = evidence * (half == which)
        count = np.bincount(owner, weights=weight, minlength=n).astype(np.float64)
        share = weighted_share(p_off, weight, owner, n, s.verdict_prior_off, s.verdict_prior_weight)
        pooled = pooled_off(batch, batch.halves[which - 1], batch.half_terms_count[which - 1], s)
        shares.append(verdict(share, shrunk(pooled, count, s)))
    off_old, off_new = shares
    value = np.clip(off_new - off_old, 0.0, 1.0)
    for array in (value, off_old, off_new):
        array[~batch.has_drift_split] = np.nan
    return value, off_old, off_new


def compute(ctx: GroupContext) -> FloatArray:
    """``drift`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    return ctx.drift_parts[0]
