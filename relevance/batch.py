"""A chunk of groups turned into sparse term matrices, ready for every text signal.

One :class:`GroupBatch` holds, for a chunk of groups, the weighted and L2-normalized vectors of

- each group's claim (title, weighted ``title_weight`` times, plus description),
- each of its recent discussions, and all of them together,
- its older and newer discussions, for drift,

all over one term index, so that each text signal is one sparse product or row-wise dot product.

Document frequencies come from the model's background corpus plus a sample of the groups being
scored (:class:`IdfSample`): the first chunk, which the analyzer freezes and reuses for every
later chunk. A word no model has seen still counts: if the sample has it, its weight comes from
how rare it is there; if nothing has it, it gets the largest weight.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from relevance.model import Model
from relevance.schema import Discussion, Goal, Group
from relevance.settings import Settings
from relevance.text import TextAnalyzer
from relevance.weighting import l2_normalize, saturate, smooth_idf

IntArray = NDArray[np.int64]


class TermIndex:
    """Terms to column numbers, growing as new texts arrive."""

    def __init__(self) -> None:
        self.columns: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self.columns)

    def counts(
        self, texts: Sequence[list[str]], weights: Sequence[float] | None = None
    ) -> sp.csr_matrix:
        """Count matrix of shape ``(len(texts), len(self))`` at the time of the call's end."""
        columns = self.columns
        indices: list[int] = []
        indptr = [0]
        for terms in texts:
            for term in terms:
                col = columns.get(term)
                if col is None:
                    col = columns[term] = len(columns)
                indices.append(col)
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float64)
        if weights is not None:
            data = np.repeat(np.asarray(weights, dtype=np.float64), np.diff(indptr))
        matrix = sp.csr_matrix(
            (data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
            shape=(len(texts), len(columns)),
        )
        matrix.sum_duplicates()
        return matrix

    def terms(self) -> list[str]:
        """Terms in column order."""
        out = [""] * len(self.columns)
        for term, col in self.columns.items():
            out[col] = term
        return out


def widen(matrix: sp.csr_matrix, n_columns: int) -> sp.csr_matrix:
    """The same rows over more columns (new terms appended to the index are empty here)."""
    if matrix.shape[1] == n_columns:
        return matrix
    return sp.csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], n_columns)
    )


@dataclass(frozen=True)
class IdfSample:
    """Document frequencies of the groups being scored, from their first chunk."""

    df: dict[str, int]
    n_docs: int
    lengths: tuple[float, float, float] = (1.0, 1.0, 1.0)
    """Average lengths of claims, discussions and recent discussions together (BM25 avgdl)."""


@dataclass
class GroupBatch:
    """A vectorized chunk of groups. Build it with :func:`vectorize`."""

    groups: list[Group]
    index: TermIndex
    idf: NDArray[np.float64]
    claim: sp.csr_matrix
    discussions: sp.csr_matrix
    discussion_owner: IntArray
    discussion_order: list[list[int]]
    recent: sp.csr_matrix
    has_discussions: NDArray[np.bool_]
    older: sp.csr_matrix
    newer: sp.csr_matrix
    has_drift_split: NDArray[np.bool_]
    analyzer: TextAnalyzer
    model: Model
    sample: IdfSample

    def goal_matrix(self, goals: Sequence[Goal]) -> sp.csr_matrix:
        """Goals as unit vectors over this batch's terms (idf-weighted counts).

        A goal term that no group of the batch has can match nothing, but it still counts in the
        goal's length, so a goal that is half about something else scores lower.
        """
        before = len(self.index)
        counts = self.index.counts([self.analyzer.terms(g.text) for g in goals])
        idf = self._extend_idf(before)
        return l2_normalize(sp.csr_matrix(counts.multiply(idf[np.newaxis, :])))

    def _extend_idf(self, before: int) -> NDArray[np.float64]:
        if len(self.index) > before:
            new_terms = self.index.terms()[before:]
            self.idf = np.concatenate([self.idf, _idf_for(new_terms, self.model, self.sample)])
            self._widen_all()
        return self.idf

    def _widen_all(self) -> None:
        n = len(self.index)
        for name in ("claim", "discussions", "recent", "older", "newer"):
            setattr(self, name, widen(getattr(self, name), n))


def _idf_for(terms: Sequence[str], model: Model, sample: IdfSample) -> NDArray[np.float64]:
    df = np.fromiter(
        (model.df.get(t, 0) + sample.df.get(t, 0) for t in terms), dtype=np.int64, count=len(terms)
    )
    return smooth_idf(df, model.n_docs + sample.n_docs)


def _sorted_discussions(group: Group, limit: int | None) -> list[tuple[int, Discussion]]:
    """Most recent first; undated ones after the dated, in their input order."""
    items = list(enumerate(group.discussions or ()))
    items.sort(key=lambda item: (item[1].date is None, -(item[1].date or date.min).toordinal()))
    return items[:limit] if limit else items


def vectorize(
    groups: Sequence[Group],
    model: Model,
    analyzer: TextAnalyzer,
    settings: Settings,
    sample: IdfSample | None = None,
) -> tuple[GroupBatch, IdfSample]:
    """Vectorize a chunk of groups.

    Parameters
    ----------
    groups : sequence of Group
        The chunk.
    model : Model
        Background document frequencies.
    analyzer : TextAnalyzer
        Must have the model's text parameters.
    settings : Settings
        ``k1``, ``b``, ``title_weight`` and ``recent_discussions`` are used.
    sample : IdfSample or None, default=None
        Document frequencies of an earlier chunk to use; None means this chunk is the sample.

    Returns
    -------
    batch : GroupBatch
    sample : IdfSample
        The sample used (the one given, or this chunk's).
    """
    groups = list(groups)
    index = TermIndex()
    title_counts = index.counts([analyzer.terms(g.title) for g in groups])
    description_counts = index.counts([analyzer.terms(g.description) for g in groups])

    recent_limit = settings.recent_discussions
    ordered = [_sorted_discussions(g, None) for g in groups]
    texts: list[list[str]] = []
    owner: list[int] = []
    order: list[list[int]] = []
    rows_recent: list[int] = []
    rows_old: list[tuple[int, int]] = []
    rows_new: list[tuple[int, int]] = []
    has_split = np.zeros(len(groups), dtype=bool)
    for g, items in enumerate(ordered):
        start = len(texts)
        order.append([original for original, _ in items])
        for _, discussion in items:
            texts.append(analyzer.terms(discussion.text))
            owner.append(g)
        rows_recent.extend(range(start, start + min(len(items), recent_limit)))
        dated = [start + k for k, (_, d) in enumerate(items) if d.date is not None]
        if len(dated) >= 4:
            has_split[g] = True
            half = len(dated) // 2
            rows_new.extend((g, r) for r in dated[:half])
            rows_old.extend((g, r) for r in dated[half:])
    discussion_counts = index.counts(texts)
    n_terms = len(index)
    title_counts = widen(title_counts, n_terms)
    description_counts = widen(description_counts, n_terms)
    owner_array = np.asarray(owner, dtype=np.int64)

    claim_counts = title_counts * settings.title_weight + description_counts
    recent_counts = _sum_rows(discussion_counts, rows_recent, owner_array, len(groups))
    if sample is None:
        sample = _batch_sample(index, claim_counts, discussion_counts, owner_array, len(groups))
        lengths = tuple(
            _average_length(m) for m in (claim_counts, discussion_counts, recent_counts)
        )
        sample = IdfSample(sample.df, sample.n_docs, lengths)  # type: ignore[arg-type]
    claim_len, disc_len, recent_len = sample.lengths
    idf = _idf_for(index.terms(), model, sample)

    def weigh(counts: sp.csr_matrix, avg_len: float) -> sp.csr_matrix:
        tf = saturate(counts, settings.k1, settings.b, avg_len)
        return l2_normalize(sp.csr_matrix(tf.multiply(idf[np.newaxis, :])))

    older = _pairs_matrix(discussion_counts, rows_old, len(groups))
    newer = _pairs_matrix(discussion_counts, rows_new, len(groups))
    batch = GroupBatch(
        groups=groups,
        index=index,
        idf=idf,
        claim=weigh(claim_counts, claim_len),
        discussions=weigh(discussion_counts, disc_len),
        discussion_owner=owner_array,
        discussion_order=order,
        recent=weigh(recent_counts, recent_len),
        has_discussions=np.asarray([bool(g.discussions) for g in groups], dtype=bool),
        older=weigh(older, recent_len),
        newer=weigh(newer, recent_len),
        has_drift_split=has_split,
        analyzer=analyzer,
        model=model,
        sample=sample,
    )
    return batch, sample


def _sum_rows(
    counts: sp.csr_matrix, rows: list[int], owner: IntArray, n_groups: int
) -> sp.csr_matrix:
    """Sum the chosen discussion rows into one row per owning group."""
    rows_array = np.asarray(rows, dtype=np.int64)
    membership = sp.csr_matrix(
        (
            np.ones(len(rows_array)),
            (owner[rows_array] if len(rows_array) else rows_array, rows_array),
        ),
        shape=(n_groups, counts.shape[0]),
    )
    return sp.csr_matrix(membership @ counts)


def _pairs_matrix(
    counts: sp.csr_matrix, pairs: list[tuple[int, int]], n_groups: int
) -> sp.csr_matrix:
    groups = np.asarray([g for g, _ in pairs], dtype=np.int64)
    rows = np.asarray([r for _, r in pairs], dtype=np.int64)
    membership = sp.csr_matrix(
        (np.ones(len(rows)), (groups, rows)), shape=(n_groups, counts.shape[0])
    )
    return sp.csr_matrix(membership @ counts)


def _batch_sample(
    index: TermIndex,
    claim: sp.csr_matrix,
    discussions: sp.csr_matrix,
    owner: IntArray,
    n_groups: int,
) -> IdfSample:
    """Document frequencies of this chunk, one document per group (claim and discussions)."""
    everything = _sum_rows(discussions, list(range(discussions.shape[0])), owner, n_groups) + claim
    present = np.asarray((everything > 0).sum(axis=0)).ravel()
    terms = index.terms()
    df = {terms[col]: int(present[col]) for col in np.flatnonzero(present)}
    n_docs = int(np.count_nonzero(np.diff(sp.csr_matrix(everything).indptr)))
    return IdfSample(df, n_docs)


def _average_length(counts: sp.csr_matrix) -> float:
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    nonzero = lengths[lengths > 0]
    return float(nonzero.mean()) if len(nonzero) else 1.0
