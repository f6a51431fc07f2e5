"""Term weighting: inverse document frequency and saturated term frequency, on sparse matrices.

Every function takes and returns whole batches (``scipy.sparse`` CSR matrices, rows = texts) so
that a chunk of groups is weighted with a handful of array operations and no Python loop over
terms.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]


def bm25_idf(df: NDArray[np.int64], n_docs: int) -> FloatArray:
    """BM25's inverse document frequency, in the form that never goes negative (Lucene's).

    ``idf(t) = ln(1 + (n - df(t) + 0.5) / (df(t) + 0.5))``. On the quality benchmark it ranks
    and separates slightly better than the smoothed TF-IDF form (docs/quality-log.md).

    Parameters
    ----------
    df : ndarray of int
        Document frequency of each term.
    n_docs : int
        Number of documents ``df`` was counted over (>= 0).
    """
    idf: FloatArray = np.log1p((n_docs - df + 0.5) / (df + 0.5))
    return idf


def saturate(counts: sp.csr_matrix, k1: float, b: float, avg_len: float) -> sp.csr_matrix:
    """BM25 term-frequency saturation with length normalization (Robertson and Zaragoza 2009).

    ``tf'(t, d) = tf (k1 + 1) / (tf + k1 (1 - b + b |d| / avgdl))``, where ``|d|`` is the sum of
    the row. ``k1 = 0`` gives binary weights; ``b = 0`` turns length normalization off.

    Parameters
    ----------
    counts : csr_matrix of shape (n_texts, n_terms)
        Raw (possibly field-weighted) term counts.
    k1 : float
        Saturation, >= 0. Typical 1.2 to 2.
    b : float
        Length normalization in [0, 1].
    avg_len : float
        Average text length ``avgdl`` (> 0).
    """
    out = counts.astype(np.float64, copy=True)
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    norm = k1 * (1.0 - b + b * lengths / max(avg_len, 1e-9))
    per_entry = np.repeat(norm, np.diff(out.indptr))
    out.data = out.data * (k1 + 1.0) / (out.data + per_entry)
    return out


def l2_normalize(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """Scale each row to unit Euclidean length; empty rows stay empty."""
    out = matrix.astype(np.float64, copy=True)
    squares = np.asarray(out.multiply(out).sum(axis=1)).ravel()
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    out.data /= np.repeat(norms, np.diff(out.indptr))
    return out


def row_dot(a: sp.csr_matrix, b: sp.csr_matrix) -> FloatArray:
    """Dot product of row i of ``a`` with row i of ``b``, for every i (cosine when normalized)."""
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


def row_top(matrix: sp.csr_matrix, row: int, limit: int) -> list[tuple[int, float]]:
    """The ``limit`` largest positive entries of one CSR row as (column, value), largest first.

    Reads the CSR arrays directly: ``getrow`` builds a new matrix and costs ~100x more, which
    matters when every one of a million results asks for its top terms.
    """
    start, end = matrix.indptr[row], matrix.indptr[row + 1]
    data = matrix.data[start:end]
    if not len(data):
        return []
    order = np.argsort(-data, kind="stable")[:limit]
    cols = matrix.indices[start:end]
    return [(int(cols[i]), float(data[i])) for i in order if data[i] > 0]
