"""``drift``: how much of its purpose a group's newer discussions left, against the older.

A group with at least four dated discussions that have words is split into its newer half and
its older half. Each discussion's off-topic probability comes from
:mod:`relevance.signals.discussions` (length-calibrated, so a doubtful short post sits near the
middle and moves a half little). A newer discussion has *left* the group's purpose when it is
off the title and description **and** off what the group used to discuss: its probability of
having left is the geometric mean of its off-topic probability against the claim and the same
calibrated probability against the older half read as one text::

    p_left(i) = sqrt(p_off(i | claim) * p_off(i | older half))

so a newer post in the words the group has always used (a club's recurring "Ansible November
meetup", comments on the same story) is not taken for drift because it shares few words with
the description, while a post on another subject is off both. Each half's off-topic share is the
mean of its discussions' probabilities (``p_off`` for the older half, ``p_left`` for the newer)
and of the same probability for the half read as one text
(:func:`relevance.signals.discussions.verdict`); then::

    drift = clip((off_new - off_old) / (1 - off_old), 0, 1)

the share of what was on purpose in the older half that the newer half lost: 0 when nothing
changed or the share fell, 1 when the group was on purpose and no longer is; times
``min(1, (1 - off_old) / ON_PURPOSE_BEFORE)``, so a group whose older half was mostly off its
purpose has little to drift from (``misleading``, not drift). In a group whose promotion is a
verdict, a pitch (:mod:`relevance.signals.promotion`) has left the purpose whatever its words,
and it is set apart when a half is read together
(:func:`relevance.signals.discussions.read_apart`). On the judgment benchmark's
development sets this separates the drifted groups from their honest, short and noisy twins
better than the plain rise ``off_new - off_old`` did (ROC-AUC FNC-1 training 0.996 -> 0.998, ARC
0.922 -> 0.944, Meetup 0.873 -> 0.900; docs/quality-log.md). Judging discussions one by one, not
each half as one text alone, keeps a single on-topic post among spam from hiding the drift.
Fewer than four dated discussions with words: NaN (unknown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.settings import Settings
from relevance.signals.discussions import (
    length_evidence,
    off_topic_probability,
    pooled_off,
    read_apart,
    shrunk,
    similarity_of,
    verdict,
    weighted_share,
)
from relevance.weighting import row_dot

if TYPE_CHECKING:
    from relevance.signals.context import GroupContext

FloatArray = NDArray[np.float64]
ON_PURPOSE_BEFORE = 0.5
"""The on-purpose share of the older half from which a loss counts in full; under it, in
proportion (an older half 80% off its purpose discounts the loss to 0.4 of it)."""


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


def left_probability(batch: GroupBatch, p_off: FloatArray, s: Settings) -> FloatArray:
    """Each discussion row's probability of having left its group's purpose: ``p_left`` for the
    rows of a newer half (see the module docstring), ``p_off`` for every other row."""
    out = p_off.copy()
    rows = np.flatnonzero(batch.discussion_half == 2)
    if not len(rows):
        return out
    owner = batch.discussion_owner[rows]
    older = batch.halves[0][owner]
    cosine = row_dot(batch.unit_discussions()[rows], older)
    level = np.minimum(batch.null_level(), s.null_cap)[owner]
    against = off_topic_probability(
        similarity_of(cosine, level, s),
        batch.discussion_terms[rows],
        batch.half_terms_count[0][owner],
        s,
    )
    out[rows] = np.sqrt(p_off[rows] * against)
    return out


def _newer_pooled(
    batch: GroupBatch,
    s: Settings,
    newer: sp.csr_matrix | None = None,
    terms: NDArray[np.int64] | None = None,
) -> FloatArray:
    """The newer half (or ``newer``, one unit row per group, with ``terms`` distinct words)
    read as one text: ``sqrt`` of its probability off the claim and off the older half."""
    if newer is None or terms is None:
        newer, terms = batch.halves[1], batch.half_terms_count[1]
    claim = pooled_off(batch, newer, terms, s)
    older = pooled_off(batch, newer, terms, s, (batch.halves[0], batch.half_terms_count[0]))
    return np.asarray(np.sqrt(claim * older), dtype=np.float64)


class DriftParts(NamedTuple):
    """``drift`` and what it was computed from, per group (NaN where a group has no split)."""

    drift: FloatArray
    off_old: FloatArray
    off_new: FloatArray
    old_one_by_one: FloatArray
    """The older half's off-topic share judged one by one (evidence-weighted, prior-shrunk)."""
    old_together: FloatArray
    """The older half read as one text, shrunk as :func:`relevance.signals.discussions.shrunk`."""
    new_one_by_one: FloatArray
    new_together: FloatArray


def drift(
    batch: GroupBatch,
    p_off: FloatArray,
    p_left: FloatArray,
    s: Settings,
    fixed: FloatArray | None = None,
) -> DriftParts:
    """Return ``drift``, ``off_old``, ``off_new`` and each half's two readings (a DriftParts).

    ``p_off`` judges the older half's discussions, ``p_left`` (:func:`left_probability`) the
    newer half's; the rows whose purpose is known whatever their words (``fixed``: their
    off-topic value, NaN for the others) are set apart when a half is read together: read with
    the rest, a pitch in the field's words would lend them its words."""
    n = len(batch.groups)
    owner, half = batch.discussion_owner, batch.discussion_half
    evidence = length_evidence(batch, s)  # each half is its own time span: no recency weight
    ones = np.ones(len(owner))  # a half read together: each discussion one voice
    pooled_halves = (
        read_apart(
            batch,
            ones,
            half == 1,
            fixed,
            pooled_off(batch, batch.halves[0], batch.half_terms_count[0], s),
            lambda vectors, n_terms: pooled_off(batch, vectors, n_terms, s),
        ),
        read_apart(
            batch,
            ones,
            half == 2,
            fixed,
            _newer_pooled(batch, s),
            lambda vectors, n_terms: _newer_pooled(batch, s, vectors, n_terms),
        ),
    )
    shares: list[FloatArray] = []
    parts: list[FloatArray] = []
    for which, p, pooled in ((1, p_off, pooled_halves[0]), (2, p_left, pooled_halves[1])):
        weight = evidence * (half == which)
        count = np.bincount(owner, weights=weight, minlength=n).astype(np.float64)
        share = weighted_share(p, weight, owner, n, s.verdict_prior_off, s.verdict_prior_weight)
        together = shrunk(pooled, count, s)
        shares.append(verdict(share, together))
        parts.extend((share, together))
    off_old, off_new = shares
    on_old = 1.0 - off_old
    with np.errstate(invalid="ignore", divide="ignore"):
        lost = (off_new - off_old) / np.maximum(on_old, 1e-9)
    # A group whose older talk was mostly off its purpose had little to drift from: it was
    # misleading already (a run of off-topic posts, then spam, is not a drift).
    value = np.clip(lost, 0.0, 1.0) * np.clip(on_old / ON_PURPOSE_BEFORE, 0.0, 1.0)

    for array in (value, off_old, off_new, *parts):
        array[~batch.has_drift_split] = np.nan
    return DriftParts(value, off_old, off_new, *parts)


def compute(ctx: GroupContext) -> FloatArray:
    """``drift`` of a batch (:data:`relevance.signals.table.TABLE`)."""
    return ctx.drift_parts[0]
