"""Each discussion judged on its own: is it on its group's stated purpose, and how sure is that?

``consistency``, ``misleading`` and ``drift`` all rest on these judgments, weighed by recency.

**Similarity.** For discussion ``i`` of group ``g``::

    s_i = cos(claim_g, d_i) - min(null_g, null_cap)

the cosine of the BM25-weighted claim (title and description) and discussion vectors, minus what
unrelated pairs of the batch score (:meth:`relevance.batch.GroupBatch.null_level`); for a post
that shares no word with the claim, at most the prior level (``2 * null_prior``), so that a
post's verdict does not depend on its neighbours in the file. The level is capped at
``null_cap`` (0.03, about the median on the judgment benchmark's FNC-1 training and Meetup
batches): a higher one means the batch is full of groups on the same subject, whose related
pairs inflate the mean, and subtracting it would make honest groups look off topic.

**Calibration by length.** A title of eight words that shares no word with the description says
little; an article that shares none says a lot; and a short post against a long description
shares a small cosine even when on topic. The probability that a discussion is off topic is a
logistic in the similarity and the lengths of the discussion and of its claim (distinct words,
``l = ln(1 + n)``)::

    p_off(i) = 1 / (1 + exp(-(a + s_i (b + c l_i + e l_claim) + d l_i + f l_claim)))

with ``(a, b, c, e, d, f) = off_topic_coef``, fitted by logistic regression on the development
data of the judgment benchmark (FNC-1 training bodies of the official split, ARC training pairs,
Meetup groups and their event titles): each related and unrelated text both as a title with a
60-word body and as a title alone, so that length carries no label of its own and only changes
how much a similarity is worth. ``benchmarks/calibrate.py`` refits them and reports the
off-topic ROC-AUC on the parts left out of the fit.

**Recency.** Discussion ``i`` weighs ``w_i = 0.5 ** (age_i / recency_half_life_days)``, its age
counted from the group's newest discussion (undated ones keep the input's order, a week apart).

**From discussions to a verdict.** The off-topic share of a set of discussions is a weighted mean
shrunk toward a prior of ``verdict_prior_weight`` pseudo-discussions at ``verdict_prior_off``::

    off = (sum_i w_i p_off(i) + k pi) / (sum_i w_i + k)

so one spam post among six honest ones, or a single short post, is not a verdict on its own.
A verdict (``consistency``, each half of ``drift``) takes the mean of that share and of the
same probability for the discussions read together as one text (:func:`pooled_off`): judged one
by one, one on-topic post cannot hide spam; read together, short posts pool their words.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance.batch import GroupBatch
from relevance.settings import Settings
from relevance.terms import SHIFT
from relevance.weighting import l2_normalize, row_dot

FloatArray = NDArray[np.float64]
MAX_EVIDENCE = 3.0
"""The most discussions' worth of evidence one long discussion counts for in a verdict."""


def similarity(batch: GroupBatch, null_cap: float) -> FloatArray:
    """``s_i`` of each discussion row (see the module docstring)."""
    if batch.discussions.shape[0] == 0:
        return np.zeros(0)
    owner = batch.discussion_owner
    cosine = row_dot(batch.unit_discussions(), batch.claim[owner])
    level = np.minimum(batch.null_level(), null_cap)[owner]
    return similarity_of(cosine, level, batch.settings)


def similarity_of(cosine: FloatArray, level: FloatArray, s: Settings) -> FloatArray:
    """``s_i`` from a post's cosine with what it is judged against and its batch's level.

    A post that shares no word with it has cosine 0 in any batch: the batch's level of
    unrelated pairs (high in a file of groups on one subject) must not make it look more off
    topic than the prior level says, or its verdict would depend on its neighbours."""
    prior = 2.0 * s.null_prior
    return np.asarray(np.where(cosine > 0, cosine - level, -np.minimum(level, prior)))


def off_topic_probability(
    sim: FloatArray, n_terms: NDArray[np.int64], claim_terms: NDArray[np.int64], s: Settings
) -> FloatArray:
    """``p_off`` of each discussion from its similarity and the lengths of it and its claim."""
    a, b, c, e, d, f = s.off_topic_coef
    ld = np.log1p(n_terms.astype(np.float64))
    lc = np.log1p(claim_terms.astype(np.float64))
    z = a + sim * (b + c * ld + e * lc) + d * ld + f * lc
    # The fit saw as many unrelated texts as related ones; a group's posts are mostly on its
    # purpose, so the odds are moved to the base rate ``off_topic_base_rate`` (Bayes' rule).
    z = z + np.log(s.off_topic_base_rate / (1.0 - s.off_topic_base_rate))
    with np.errstate(over="ignore"):
        return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)


def off_topic(batch: GroupBatch, s: Settings) -> FloatArray:
    """``p_off`` of every discussion row of a batch."""
    return off_topic_probability(
        similarity(batch, s.null_cap),
        batch.discussion_terms,
        batch.claim_terms[batch.discussion_owner],
        s,
    )


def weighted_share(
    values: FloatArray,
    weights: FloatArray,
    owner: NDArray[np.int64],
    n_groups: int,
    prior: float | None = None,
    prior_weight: float = 0.0,
) -> FloatArray:
    """Per group, ``(sum w v + k prior) / (sum w + k)``; NaN where no row has weight."""
    total = np.bincount(owner, weights=weights * values, minlength=n_groups)
    weight = np.bincount(owner, weights=weights, minlength=n_groups)
    k = prior_weight if prior is not None else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (total + k * (prior or 0.0)) / (weight + k)
    out[weight == 0] = np.nan
    return np.asarray(out, dtype=np.float64)


def length_evidence(batch: GroupBatch, s: Settings) -> FloatArray:
    """Each discussion row's length in distinct words over ``evidence_words``, at most
    :data:`MAX_EVIDENCE`: a title of eight words is less than one discussion's worth of
    evidence, whichever way it points, and an article is worth more than one (up to three)."""
    return np.asarray(
        np.minimum(batch.discussion_terms / s.evidence_words, MAX_EVIDENCE), dtype=np.float64
    )


def evidence_weight(batch: GroupBatch, s: Settings) -> FloatArray:
    """How much each recent discussion counts in a verdict: its recency weight (0 past the
    ``recent_discussions`` most recent) times :func:`length_evidence`."""
    return np.asarray(batch.discussion_weight * length_evidence(batch, s), dtype=np.float64)


def off_share(batch: GroupBatch, p_off: FloatArray, s: Settings) -> FloatArray:
    """The evidence-weighted, prior-shrunk off-topic share of each group's recent discussions."""
    return weighted_share(
        p_off,
        evidence_weight(batch, s),
        batch.discussion_owner,
        len(batch.groups),
        s.verdict_prior_off,
        s.verdict_prior_weight,
    )


def pooled_off(
    batch: GroupBatch,
    texts: sp.csr_matrix,
    n_terms: NDArray[np.int64],
    s: Settings,
    against: tuple[sp.csr_matrix, NDArray[np.int64]] | None = None,
) -> FloatArray:
    """``p_off`` of each group's discussions read together as one text (``texts``: one unit
    row per group); a set of short posts that each share a word or two with the description
    says together what no one of them says alone. ``against``: what they are judged against,
    one unit row per group and its number of distinct words (default: the claim)."""
    reference, reference_terms = against or (batch.claim, batch.claim_terms)
    cosine = row_dot(reference, texts)
    sim = cosine - np.minimum(batch.null_level(), s.null_cap)
    return off_topic_probability(sim, n_terms, reference_terms, s)


def shrunk(off: FloatArray, weight: FloatArray, s: Settings) -> FloatArray:
    """``off`` worth ``weight`` discussions, shrunk toward the prior as :func:`off_share` is:
    the discussions read together are no more evidence than the discussions themselves."""
    k = s.verdict_prior_weight
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (off * weight + k * s.verdict_prior_off) / (weight + k)
    return np.asarray(out, dtype=np.float64)


def verdict(share: FloatArray, pooled: FloatArray) -> FloatArray:
    """The off-topic share a verdict rests on: the mean of the discussions judged one by one
    and read together. One by one, a single on-topic post among spam cannot hide the spam;
    together, short posts pool their words. NaN where the share is unknown."""
    return np.where(np.isnan(share), np.nan, 0.5 * (share + pooled))


def effective_count(batch: GroupBatch, s: Settings) -> FloatArray:
    """Per group, how many discussions' worth of evidence it has (:func:`evidence_weight`)."""
    return np.bincount(
        batch.discussion_owner, weights=evidence_weight(batch, s), minlength=len(batch.groups)
    ).astype(np.float64)


def read_together(
    batch: GroupBatch, weights: FloatArray, keep: NDArray[np.bool_]
) -> tuple[sp.csr_matrix, NDArray[np.int64]]:
    """Each group's rows ``keep`` as one text: the sum of their unit vectors, each times its
    weight, as a unit row per group, and the number of distinct words they hold together."""
    owner = batch.discussion_owner
    rows = np.flatnonzero(keep & (weights > 0))
    shape = (len(batch.groups), len(owner))
    select = sp.csr_matrix((weights[rows], (owner[rows], rows)), shape=shape)
    vectors = l2_normalize(sp.csr_matrix(select @ batch.unit_discussions()))
    present = sp.csr_matrix((np.ones(len(rows)), (owner[rows], rows)), shape=shape)
    words = sp.csr_matrix(present @ batch.discussions)[:, np.flatnonzero(batch.columns < SHIFT)]
    return vectors, np.asarray(words.getnnz(axis=1), dtype=np.int64)


def read_apart(
    batch: GroupBatch,
    weights: FloatArray,
    member: NDArray[np.bool_],
    fixed: FloatArray | None,
    together: FloatArray,
    read: Callable[[sp.csr_matrix, NDArray[np.int64]], FloatArray],
) -> FloatArray:
    """The off-topic probability of rows ``member`` read together (``together``), with the
    rows whose purpose is known whatever their words set apart: ``fixed`` holds each such
    row's off-topic value (1 for a pitch, 0 for a job ad in a jobs group; NaN for the others),
    which counts with its ``weights`` share, and the other rows are read together by
    ``read(vectors, n_terms)``. Spam in the field's words, read with the rest, would lend them
    its words; a job ad's words are not what a jobs group's description says. Groups without
    such a row keep ``together``."""
    if fixed is None:
        return together
    owner, n = batch.discussion_owner, len(batch.groups)
    apart = member & ~np.isnan(fixed)
    apart_weight = np.bincount(owner, weights=weights * apart, minlength=n)
    if not apart_weight.any():
        return together
    apart_off = np.bincount(owner, weights=weights * np.where(apart, fixed, 0.0), minlength=n)
    plain = member & ~apart
    plain_weight = np.bincount(owner, weights=weights * plain, minlength=n)
    vectors, n_terms = read_together(batch, weights, plain & (apart_weight > 0)[owner])
    off = np.where(plain_weight > 0, read(vectors, n_terms), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        mixed = (apart_off + plain_weight * off) / (apart_weight + plain_weight)
    return np.asarray(np.where(apart_weight > 0, mixed, together), dtype=np.float64)
