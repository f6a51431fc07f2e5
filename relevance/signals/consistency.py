"""``consistency`` and ``misleading``: do the recent discussions bear out the title?

``consistency = 1 - off``, where ``off`` is the mean of the recency-weighted, prior-shrunk share
of the group's recent discussions that are off its stated purpose, each judged on its own with a
length-calibrated probability, and of the same probability for the recent discussions read
together, each weighed by its recency (:mod:`relevance.signals.discussions`); in a group whose
promotion is a verdict, a pitch is off any purpose (:mod:`relevance.signals.promotion`).
``misleading`` is ``consistency < misleading_below`` (0.5 by default: most of what the group
discusses now is not what its title and description claim). NaN (unknown) for a group without
discussions with words.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.settings import Settings
from relevance.signals import discussions

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

FloatArray = NDArray[np.float64]


def consistency(
    batch: GroupBatch, p_off: FloatArray, s: Settings, fixed: FloatArray | None = None
) -> FloatArray:
    """``1 - off`` for each group; NaN without discussions that have words. The rows whose
    purpose is known whatever their words (``fixed``: their off-topic value, NaN for the
    others) are set apart when the discussions are read together
    (:func:`discussions.read_apart`)."""
    share = discussions.off_share(batch, p_off, s)
    together = discussions.read_apart(
        batch,
        batch.discussion_weight,
        batch.discussion_weight > 0,
        fixed,
        discussions.pooled_off(batch, batch.recent, batch.recent_terms, s),
        lambda vectors, n_terms: discussions.pooled_off(batch, vectors, n_terms, s),
    )
    pooled = discussions.shrunk(together, discussions.effective_count(batch, s), s)
    return np.asarray(1.0 - discussions.verdict(share, pooled), dtype=np.float64)


def misleading(value: FloatArray, s: Settings) -> NDArray[np.bool_]:
    """Whether each group's title is not borne out (False where consistency is unknown)."""
    return np.asarray(np.nan_to_num(value, nan=1.0) < s.misleading_below, dtype=bool)


def compute(ctx: GroupContext) -> FloatArray:
    """``consistency`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    return consistency(ctx.batch, ctx.p_off, ctx.settings, ctx.fixed_off)
