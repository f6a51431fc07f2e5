"""``relevance`` and ``discussion_relevance``: the goal against what a group claims and talks of.

Both are BM25 scores normalized by the goal's own ceiling (Robertson and Zaragoza 2009 for BM25)::

    score(goal, text) = sum_t q_t w_t tf'(t, text) / sum_t q_t w_t (k1 + 1)

where ``q_t`` counts term t in the goal, ``w_t`` is its BM25 idf (bigrams scaled by
``bigram_weight``) and ``tf'`` the saturated, length-normalized term frequency, which never
exceeds ``k1 + 1``. The score is the share of the goal's full weight that the text carries, in
[0, 1]: it ranks like BM25 (0.70 nDCG@10 on SciFact, where cosine gave 0.63) and means the same
for every goal. Goal words that no group has stay in the ceiling. All groups and all goals are
scored in one sparse product, then mapped by :func:`score_to_relevance`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, cast

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance.batch import GroupBatch

if TYPE_CHECKING:
    from relevance.signals.context import GoalContext
    from relevance.text import TextAnalyzer

FloatArray = NDArray[np.float64]
Float32Array = NDArray[np.float32]
"""Per-goal factors; the (groups x goals) arrays, single precision too, are typed FloatArray
as everywhere else (see :func:`_scores`)."""
IntArray = NDArray[np.intp]


def score_to_relevance(score: FloatArray, scale: float) -> FloatArray:
    """``1 - exp(-score / scale)``: monotone, so rankings are BM25's; 0.63 at ``scale``.

    A paragraph-long description rarely carries more than a third of a long goal's weight even
    when it is exactly on topic; the map spreads scores over [0, 1) so thresholds read naturally.
    """
    return 1.0 - np.exp(-np.clip(score, 0.0, None) / np.float32(scale))


def claim_relevance(
    counts: sp.csr_matrix, batch: GroupBatch, ceiling: FloatArray, scale: float
) -> FloatArray:
    """``relevance`` of every group for every goal, shape (n_goals, n_groups): the values of
    :func:`compute` (normalized BM25 of the claims, then :func:`score_to_relevance`) bit for
    bit, each goal's row contiguous, computed in place (no temporary of that size)."""
    score = dense_product(counts, batch.postings("claim_raw"))
    score /= ceiling.astype(np.float32)[:, np.newaxis]
    np.clip(score, 0.0, None, out=score)
    np.negative(score, out=score)
    score /= np.float32(scale)
    np.exp(score, out=score)
    return cast(FloatArray, np.subtract(1.0, score, out=score))


def claim_scores(batch: GroupBatch, counts: sp.csr_matrix, ceiling: FloatArray) -> FloatArray:
    """Normalized BM25 of every group's claim for every goal, shape (n_groups, n_goals)."""
    return _scores(batch, "claim_raw", counts) / ceiling.astype(np.float32)


def discussion_service(
    batch: GroupBatch,
    counts: sp.csr_matrix,
    ceiling: FloatArray,
    facets: NDArray[np.float32],
    facet: float,
) -> sp.csr_matrix:
    """How much each discussion serves each goal, shape (n_goals, n_discussions), sparse.

    ``1 - exp(-share * m / facet)``, where ``share`` is the discussion's part of the goal's BM25
    weight (scored on its own, as :func:`claim_scores` scores a claim) and ``m`` the goal's
    number of distinct words: a post is about one or two things, so against a goal that names
    many it carries a small share even when it serves one of them squarely. ``share * m``
    counts how many of the goal's words' worth it carries; one word's worth (``facet`` = 1)
    gives 0.63. A discussion that shares no goal word serves it 0 and is not stored, so many
    goals against many discussions cost what they share, not their product.
    """
    out = sp.csr_matrix(counts @ batch.postings("discussions"), dtype=np.float32)
    return _serve(out, service_scale(ceiling, facets, facet))


def service_scale(ceiling: FloatArray, facets: NDArray[np.float32], facet: float) -> Float32Array:
    """Per goal, what a discussion's raw BM25 dot product is multiplied by before
    ``1 - exp(-...)`` in :func:`discussion_service`: ``m / (ceiling * facet)``."""
    return (facets / (ceiling.astype(np.float32) * np.float32(facet))).astype(np.float32)


def discussion_service_of(
    batch: GroupBatch, counts: sp.csr_matrix, scale: Float32Array, rows: IntArray
) -> sp.csr_matrix:
    """:func:`discussion_service` of the discussion ``rows`` only (ascending), shape
    (n_goals, len(rows)), value for value.

    The rows' own postings (their slice of the discussions, transposed) keep each posting list
    in row order, so scipy's product walks the goal's terms and then the rows in the order the
    full product walks them: each discussion's dot product is summed in the same order, and
    the columns of each goal's row come out in the same relative order, which
    :func:`discussion_relevance` sums in.
    """
    postings = sp.csr_matrix(batch.discussions[rows].T)
    return _serve(sp.csr_matrix(counts @ postings, dtype=np.float32), scale)


def _serve(out: sp.csr_matrix, scale: Float32Array) -> sp.csr_matrix:
    """Raw dot products (goals x discussions) to each discussion's service, in place."""
    row = np.repeat(np.arange(out.shape[0]), np.diff(out.indptr))
    out.data = (1.0 - np.exp(-np.clip(out.data, 0.0, None) * scale[row])).astype(np.float32)
    return out


def discussion_relevance(batch: GroupBatch, service: sp.csr_matrix) -> FloatArray:
    """``discussion_relevance``: the recency-weighted mean of each discussion's own service.

    Each discussion is scored against the goal on its own (:func:`discussion_service`), so that
    a group whose recent posts each touch the goal in passing (one word here, another there)
    does not add up to a group whose talk serves it; the mean, weighed by recency (``w_i`` of
    :mod:`relevance.signals.discussions`), is the share of what the group discusses now that
    serves the goal. Shape (n_groups, n_goals); NaN for a group without discussions with words.
    """
    n_groups = len(batch.groups)
    return _relevance_of(service, batch.discussion_weight, batch.discussion_owner, n_groups).T


def discussion_relevance_of(
    batch: GroupBatch, counts: sp.csr_matrix, scale: Float32Array, groups: IntArray
) -> FloatArray:
    """``discussion_relevance`` of some ``groups`` (ascending), shape (n_goals, len(groups)):
    the values of :func:`discussion_relevance` for them, bit for bit, from their discussions
    only (see :func:`discussion_service_of`; per group, the same products summed in the same
    order)."""
    owner = batch.discussion_owner
    start, end = np.searchsorted(owner, groups), np.searchsorted(owner, groups, side="right")
    lengths = end - start
    position = np.repeat(np.arange(len(groups)), lengths)
    rows = (
        start[position]
        + np.arange(int(lengths.sum()))
        - np.repeat(np.cumsum(lengths) - lengths, lengths)
    )
    service = discussion_service_of(batch, counts, scale, rows)
    return _relevance_of(service, batch.discussion_weight[rows], position, len(groups))


def _relevance_of(
    service: sp.csr_matrix, weights: FloatArray, owner: IntArray, n_groups: int
) -> FloatArray:
    """The recency-weighted mean of each group's discussions' service, (n_goals, n_groups)."""
    weights32 = weights.astype(np.float32)
    by_discussion = sp.csr_matrix(
        (weights32, (np.arange(len(weights32)), owner)), shape=(len(weights32), n_groups)
    )
    total = np.asarray((service @ by_discussion).toarray(), dtype=np.float32)
    weight = np.bincount(owner, weights=weights32, minlength=n_groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        out = total / weight.astype(np.float32)[np.newaxis, :]
    out[:, weight == 0] = np.nan
    return cast(FloatArray, out.astype(np.float32))  # single precision, as _scores says


def discussion_sums(batch: GroupBatch) -> sp.csr_matrix:
    """Term by group (V, G): each group's discussions' BM25 term weights summed, each weighed
    by its recency (``w_i`` of :func:`discussion_relevance`); for
    :func:`discussion_relevance_bound`, built once per batch."""
    weights = batch.discussion_weight.astype(np.float32)
    by_discussion = sp.csr_matrix(
        (weights, (np.arange(len(weights)), batch.discussion_owner)),
        shape=(len(weights), len(batch.groups)),
    )
    return sp.csr_matrix(batch.postings("discussions") @ by_discussion)


def discussion_relevance_bound(
    batch: GroupBatch, counts: sp.csr_matrix, scale: Float32Array, sums: sp.csr_matrix
) -> FloatArray:
    """An upper bound on ``discussion_relevance`` of every group for every goal, (n_goals,
    n_groups), 0 for a group without discussions, from one product with :func:`discussion_sums`.

    ``discussion_relevance`` is the weighted mean of ``f(x_i) = 1 - exp(-x_i)`` over a group's
    discussions, ``x_i`` each discussion's dot product with the goal times the goal's
    ``scale``; ``f`` is concave, so by Jensen's inequality the mean is at most ``f`` of the
    weighted mean of the ``x_i``, which is linear in the goal: one product with the groups'
    weighted sums instead of one with every discussion and a second to the groups. Computed in
    single precision; the caller widens it against rounding.
    """
    weight = np.bincount(
        batch.discussion_owner,
        weights=batch.discussion_weight.astype(np.float32),
        minlength=len(batch.groups),
    )
    with np.errstate(divide="ignore"):
        per_weight = np.where(weight > 0, 1.0 / weight, 0.0).astype(np.float32)
    x = dense_product(counts, sums)
    x *= scale[:, np.newaxis]
    x *= per_weight[np.newaxis, :]
    np.negative(x, out=x)
    np.exp(x, out=x)
    return cast(FloatArray, np.subtract(np.float32(1.0), x, out=x))


def dense_product(counts: sp.csr_matrix, postings: sp.csr_matrix) -> FloatArray:
    """``counts @ postings`` (goals x terms, terms x rows) as a dense single-precision array:
    the values of scipy's sparse product cast to single precision, bit for bit.

    Against many rows most goals share a word with most of them, and the sparse product's
    bookkeeping then costs more than the sums. Here each goal's terms' postings are laid end
    to end and summed per row by ``np.bincount``, which adds in double precision, in the
    order given, from 0: the order of the goal's terms, as the sparse product adds them.
    """
    if np.result_type(counts.dtype, postings.dtype) != np.float64:  # bincount sums in double
        return cast(FloatArray, sp.csr_matrix(counts @ postings, dtype=np.float32).toarray())
    n_goals, n_rows = counts.shape[0], postings.shape[1]
    out = np.empty((n_goals, n_rows), dtype=np.float32)
    starts, columns, values = postings.indptr, postings.indices, postings.data
    for k in range(n_goals):
        terms = range(counts.indptr[k], counts.indptr[k + 1])
        spans = [(starts[counts.indices[j]], starts[counts.indices[j] + 1]) for j in terms]
        if not spans:
            out[k] = 0.0
            continue
        rows = np.concatenate([columns[a:b] for a, b in spans])
        weights = np.concatenate(
            [counts.data[j] * values[a:b] for j, (a, b) in zip(terms, spans, strict=True)]
        )
        out[k] = np.bincount(rows, weights=weights, minlength=n_rows)
    return cast(FloatArray, out)


def _scores(batch: GroupBatch, name: str, counts: sp.csr_matrix) -> FloatArray:
    """(n_groups, n_goals) dot products of the goals with ``name``'s rows, via the postings.

    Single precision from here on: these (groups x goals) arrays are the bulk of the work when
    many goals are scored, float32's exp and log run about ten times faster than float64's, and
    seven significant digits are far more than a score rounded to four needs.
    """
    return np.asarray((counts @ batch.postings(name)).toarray().T, dtype=np.float32)


def matched_terms(
    batch: GroupBatch,
    counts: sp.csr_matrix,
    ceiling: FloatArray,
    group: int,
    goal: int,
    surfaces: Mapping[str, str],
    limit: int = 5,
    goal_text: str = "",
) -> list[tuple[str, float]]:
    """The goal terms that contributed most to one claim score, unstemmed, with their share.

    A term's share is ``q_t w_t tf'(t) / ceiling``; the shares of all matched terms sum to the
    score. Computed for one (group, goal) pair from the CSR arrays, so that results cost the same
    however many groups and goals a batch has. Terms are shown in the goal's words (``surfaces``
    of the goal text), the same in every process.
    """
    claim = batch.claim_raw
    start, end = claim.indptr[group], claim.indptr[group + 1]
    cols, values = claim.indices[start:end], claim.data[start:end]
    q_start, q_end = counts.indptr[goal], counts.indptr[goal + 1]
    q_cols, q_values = counts.indices[q_start:q_end], counts.data[q_start:q_end]
    if not len(cols) or not len(q_cols):
        return []
    order = np.argsort(q_cols)
    q_cols, q_values = q_cols[order], q_values[order]
    at = np.minimum(np.searchsorted(q_cols, cols), len(q_cols) - 1)
    hit = q_cols[at] == cols
    shares = values[hit] * q_values[at[hit]] / ceiling[goal]
    said = " ".join(goal_text.lower().split())
    found = _phrases(
        [(batch.term(int(c)), float(v)) for c, v in zip(cols[hit], shares, strict=True)],
        lambda phrase: batch.analyzer.display(phrase, surfaces).lower() in said,
    )
    shown = _compounds([(batch.analyzer.display(t, surfaces), v) for t, v in found])
    # Ties broken by the term, not the column: columns are numbered per process.
    shown.sort(key=lambda item: (-round(item[1], 12), item[0]))
    return [(t, v) for t, v in shown[:limit] if v > 0]


def _compounds(found: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """A compound shown with its parts ("single-cell", "single", "cell") shown once: the parts'
    shares go to it, so the shares still sum to the score."""
    shares: dict[str, float] = {}
    for term, share in found:  # two terms may read as one word
        shares[term] = shares.get(term, 0.0) + share
    for word in [w for w in shares if "-" in w]:
        parts = [part for part in word.split("-") if part in shares and part != word]
        for part in parts:
            shares[word] += shares.pop(part)
    return list(shares.items())


def missing_words(
    text: TextAnalyzer, goal: str, claim: str, surfaces: Mapping[str, str]
) -> list[str]:
    """The goal's words (unigrams) that its claim lacks, in the goal's order and words: what
    a partial match misses. From the texts, not the batch's columns, so that it does not depend
    on which other groups share a chunk."""
    have = set(text.unigrams(claim))
    lacking = (t for t in dict.fromkeys(text.unigrams(goal)) if t not in have)
    return list(dict.fromkeys(text.display(t, surfaces) for t in lacking))


def _phrases(
    found: list[tuple[str, float]], in_goal: Callable[[str], bool]
) -> list[tuple[str, float]]:
    """Matched words folded into the matched two-word phrases they belong to, so that terms
    read as the user's own phrases ("real estate", not "estate, real"); a phrase carries the
    shares of its words, which keeps the shares summing to the score. Only a phrase the goal
    says as it is counts as one ("PSD3, open banking" makes no phrase "psd3 open"); the share
    of another pair of words goes to its first word."""
    kept, found = [], list(found)
    for term, share in found:
        if " " in term and not in_goal(term):
            kept.append((term.split(" ")[0], share))
        else:
            kept.append((term, share))
    found = kept
    phrases = [term for term, _ in found if " " in term]
    words = {word: phrase for phrase in phrases for word in phrase.split(" ")}
    merged: dict[str, float] = {}
    for term, share in found:
        key = words.get(term, term)
        merged[key] = merged.get(key, 0.0) + share
    return list(merged.items())


def compute(ctx: GoalContext) -> FloatArray:
    """``relevance`` of a batch against a block of goals, (G, K)."""
    return score_to_relevance(ctx.relevance_score, ctx.settings.relevance_scale)


def compute_discussions(ctx: GoalContext) -> FloatArray:
    """``discussion_relevance`` of a batch against a block of goals, (G, K)."""
    return discussion_relevance(ctx.batch, ctx.discussion_service)
