"""``drift``: how far the newer discussions moved from the description, against the older.

With at least four dated discussions, the newer half and the older half are each compared with
the claim (cosines minus the group's null level, as for ``consistency``)::

    drift = clip((c_old - c_new) / c_old, 0, 1) * (1 - calibrate(c_new))

the relative fall, times how surely the newer discussions are off topic (the same logistic as
``consistency``), so that the wobble of an on-topic group is not called drift. A group whose
older discussions were
never on topic (``c_old`` under the misleading threshold) has not drifted, it was off from the
start (``consistency`` reports that): drift 0. Fewer than four dated discussions: NaN.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.signals.consistency import calibrate
from relevance.weighting import row_dot

FloatArray = NDArray[np.float64]


def drift(
    batch: GroupBatch, on_topic_cosine: float, slope: float
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return ``(drift, c_old, c_new)``, each NaN where there is no split."""
    null = batch.null_level()
    c_old = row_dot(batch.claim, batch.older) - null
    c_new = row_dot(batch.claim, batch.newer) - null
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(c_old > on_topic_cosine, (c_old - c_new) / c_old, 0.0)
    off_topic_now = 1.0 - calibrate(c_new, on_topic_cosine, slope)
    value = np.clip(value, 0.0, 1.0) * off_topic_now
    for array in (value, c_old, c_new):
        array[~batch.has_drift_split] = np.nan
    return value, c_old, c_new
