"""``relevance`` and ``discussion_relevance``: the goal against what a group claims and talks of.

Both are cosines between unit vectors (BM25-saturated, idf-weighted terms for the group; idf-
weighted counts for the goal), computed for all groups and all goals in one sparse product,
then mapped to [0, 1) by :func:`cosine_to_score`.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.weighting import row_top

FloatArray = NDArray[np.float64]


def cosine_to_score(cosine: FloatArray, scale: float) -> FloatArray:
    """``1 - exp(-cosine / scale)``: monotone, so rankings are the cosine's; 0.63 at ``scale``.

    Raw cosines of short goals against paragraph-long descriptions rarely pass 0.4 even for a
    perfect match; the map spreads them over [0, 1) so that thresholds read naturally.
    """
    return 1.0 - np.exp(-np.clip(cosine, 0.0, None) / scale)


def claim_cosines(batch: GroupBatch, goals: sp.csr_matrix) -> FloatArray:
    """Cosine of every group's claim with every goal, shape (n_groups, n_goals)."""
    return np.asarray((batch.claim @ goals.T).toarray(), dtype=np.float64)


def discussion_cosines(batch: GroupBatch, goals: sp.csr_matrix) -> FloatArray:
    """Cosine of every group's recent discussions (together) with every goal; NaN without any."""
    out = np.asarray((batch.recent @ goals.T).toarray(), dtype=np.float64)
    out[~batch.has_discussions] = np.nan
    return out


def contributions(batch: GroupBatch, goals: sp.csr_matrix, goal: int) -> sp.csr_matrix:
    """Per-term products ``q_t * d_t`` of every group's claim with one goal (rows sum to the
    cosines), for :func:`matched_terms`."""
    return sp.csr_matrix(batch.claim.multiply(goals.getrow(goal)))


def matched_terms(
    batch: GroupBatch,
    contribution: sp.csr_matrix,
    group: int,
    surfaces: Mapping[str, str],
    limit: int = 5,
) -> list[tuple[str, float]]:
    """The goal terms that contributed most to a claim cosine, unstemmed, with their share.

    ``contribution`` comes from :func:`contributions`; a term's weight is ``q_t * d_t``, and
    the weights of all matched terms sum to the cosine. Terms are shown in the goal's words
    (``surfaces`` of the goal text), the same in every process.
    """
    found = [(batch.term(col), value) for col, value in row_top(contribution, group, limit + 5)]
    # Ties broken by the term, not the column: columns are numbered per process.
    found.sort(key=lambda item: (-round(item[1], 12), item[0]))
    return [(batch.analyzer.display(term, surfaces), value) for term, value in found[:limit]]
