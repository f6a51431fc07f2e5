"""``drift``: how far the newer discussions moved from the description, against the older.

A group with at least four dated discussions that have words is split into its newer half and
its older half. Each discussion is judged on its own against the claim, with the same
calibrated similarity and threshold as ``consistency`` (cosine minus what unrelated pairs score,
below ``misleading_below``: off topic), and::

    drift = clip(off_new - off_old, 0, 1)

where ``off_new`` and ``off_old`` are the shares of off-topic discussions in each half. Judging
discussions one by one, not each half as one text, keeps a single on-topic post among ten spam
posts from hiding the drift; subtracting the older share keeps a group that was always off topic
(``misleading``, not drift) or always noisy at 0. Fewer than four dated discussions with words:
NaN (unknown).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.weighting import row_dot

FloatArray = NDArray[np.float64]


def off_topic(batch: GroupBatch, threshold: float) -> NDArray[np.bool_]:
    """For each discussion row: is it off its own group's claim?"""
    if batch.discussions.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    owner = batch.discussion_owner
    similarity = row_dot(batch.unit_discussions(), batch.claim[owner]) - batch.null_level()[owner]
    return np.asarray(similarity < threshold, dtype=bool)


def drift(batch: GroupBatch, threshold: float) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return ``(drift, off_old, off_new)``, each NaN where a group has no split."""
    n = len(batch.groups)
    off = off_topic(batch, threshold).astype(np.float64)
    owner, half = batch.discussion_owner, batch.discussion_half
    shares = []
    for which in (1, 2):
        mask = half == which
        count = np.bincount(owner[mask], minlength=n).astype(np.float64)
        hits = np.bincount(owner[mask], weights=off[mask], minlength=n)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares.append(hits / count)
    off_old, off_new = shares
    value = np.clip(off_new - off_old, 0.0, 1.0)
    for array in (value, off_old, off_new):
        array[~batch.has_drift_split] = np.nan
    return value, off_old, off_new
