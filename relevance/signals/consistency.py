"""``consistency`` and ``misleading``: does what a group discusses bear out its title?

The raw measure is the cosine between the claim (title and description) and the recent
discussions taken together. It is mapped to [0, 1] by a logistic centred on the calibrated
threshold ``misleading_cosine`` (``consistency`` = 0.5 there), and ``misleading`` is
``cosine < misleading_cosine``. The README says how the threshold was calibrated.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.weighting import row_dot

FloatArray = NDArray[np.float64]


def claim_vs_discussions(batch: GroupBatch) -> FloatArray:
    """Cosine of each group's claim with its recent discussions; NaN without discussions."""
    out = row_dot(batch.claim, batch.recent)
    out[~batch.has_discussions] = np.nan
    return out


def calibrate(cosine: FloatArray, threshold: float, slope: float) -> FloatArray:
    """``1 / (1 + exp(-(cosine - threshold) / slope))``, NaN kept."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-(cosine - threshold) / slope))


def per_discussion(batch: GroupBatch) -> FloatArray:
    """Cosine of each discussion with its own group's claim (for evidence and reasons)."""
    if batch.discussions.shape[0] == 0:
        return np.zeros(0)
    owners_claims = batch.claim[batch.discussion_owner]
    return row_dot(batch.discussions, owners_claims)
