"""``consistency`` and ``misleading``: does what a group discusses bear out its title?

The raw measure is the cosine between the claim (title and description) and the recent
discussions taken together, minus what unrelated pairs score: the mean cosine of this claim with
the other groups' discussions plus that of these discussions with the other groups' claims
(:meth:`relevance.batch.GroupBatch.null_level`). Raw cosines grow with text length and shared
vocabulary; the difference does not, so one threshold serves short and long groups and
transfers between data sets (README, "The misleading threshold").

It is mapped to [0, 1] by a logistic centred on the calibrated threshold ``misleading_below``
(``consistency`` = 0.5 there), and ``misleading`` is ``similarity < misleading_below``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.weighting import row_dot

FloatArray = NDArray[np.float64]


def claim_vs_discussions(batch: GroupBatch) -> FloatArray:
    """Calibrated similarity of each group's claim with its recent discussions; NaN without."""
    out = row_dot(batch.claim, batch.recent) - batch.null_level()
    out[~batch.has_discussions] = np.nan
    return out


def calibrate(similarity: FloatArray, threshold: float, slope: float) -> FloatArray:
    """``1 / (1 + exp(-(similarity - threshold) / slope))``, NaN kept."""
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-(similarity - threshold) / slope))


def per_discussion(batch: GroupBatch) -> FloatArray:
    """Cosine of each discussion with its own group's claim (for evidence and reasons)."""
    if batch.discussions.shape[0] == 0:
        return np.zeros(0)
    return row_dot(batch.unit_discussions(), batch.claim[batch.discussion_owner])
