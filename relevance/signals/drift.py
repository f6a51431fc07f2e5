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

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.settings import Settings
from relevance.signals.discussions import pooled_off, verdict, weighted_share

FloatArray = NDArray[np.float64]


def drift(
    batch: GroupBatch, p_off: FloatArray, s: Settings
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return ``(drift, off_old, off_new)``, each NaN where a group has no split."""
    n = len(batch.groups)
    owner, half = batch.discussion_owner, batch.discussion_half
    # No prior here: each half holds two discussions or more, and a prior pulling both halves
    # toward one level would hide the difference that drift measures.
    shares = [
        verdict(
            weighted_share(p_off, (half == which).astype(np.float64), owner, n),
            pooled_off(batch, batch.halves[which - 1], batch.half_terms_count[which - 1], s),
        )
        for which in (1, 2)
    ]
    off_old, off_new = shares
    value = np.clip(off_new - off_old, 0.0, 1.0)
    for array in (value, off_old, off_new):
        array[~batch.has_drift_split] = np.nan
    return value, off_old, off_new
