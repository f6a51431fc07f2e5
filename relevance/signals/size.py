"""``size_fit``: a few hundred to a few thousand members is best.

Inside ``[low, high]`` the fit is 1. Outside it falls as a Gaussian in log-size::

    below: exp(-ln(low / n)^2 / (2 * ln(5)^2))    # 60 members for low=300: 0.61; 9: 0.09
    above: exp(-ln(n / high)^2 / (2 * ln(10)^2))  # 10x high: 0.61; 480x high: 0.03

The lower side falls faster: an empty group is useless, a big one only noisy. An empty group
(0 members) scores 0; an unknown count is NaN.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

FloatArray = NDArray[np.float64]
SMALL_SPREAD = math.log(5.0)
LARGE_SPREAD = math.log(10.0)


def size_fit(member_counts: FloatArray, low: int, high: int) -> FloatArray:
    """Fit of each member count (NaN for unknown) to the sweet spot ``[low, high]``."""
    n = np.asarray(member_counts, dtype=np.float64)
    out = np.ones_like(n)
    with np.errstate(divide="ignore", invalid="ignore"):
        below = n < low
        out[below] = np.exp(-(np.log(low / n[below]) ** 2) / (2 * SMALL_SPREAD**2))
        above = n > high
        out[above] = np.exp(-(np.log(n[above] / max(high, 1)) ** 2) / (2 * LARGE_SPREAD**2))
    out[n <= 0] = 0.0
    out[np.isnan(n)] = np.nan
    return out


def compute(ctx: GroupContext) -> FloatArray:
    """``size_fit`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    return size_fit(ctx.member_counts, *ctx.settings.size_range)
