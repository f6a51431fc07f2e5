"""Tests of relevance.weighting: BM25 idf and saturation (checked against bm25s), norms, rows."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sp

from relevance.weighting import bm25_idf, l2_normalize, row_dot, row_top, saturate

CORPUS = [
    "kubernetes operators write controllers for kubernetes clusters",
    "fintech payments ledger reconciliation",
    "sourdough bread baking at home with a starter",
    "kubernetes security and payments compliance",
    "bread",
    "ledger ledger ledger audits for accountants who close the books",
    "operators of cranes and heavy machines",
    "machine learning operations on kubernetes",
]
QUERIES = [["kubernetes", "operators"], ["ledger"], ["bread", "payments", "cranes"], ["zzz"]]


def counts_of(docs: list[list[str]]) -> tuple[sp.csr_matrix, dict[str, int]]:
    vocab: dict[str, int] = {}
    rows, cols = [], []
    for r, doc in enumerate(docs):
        for token in doc:
            rows.append(r)
            cols.append(vocab.setdefault(token, len(vocab)))
    data = np.ones(len(rows))
    matrix = sp.csr_matrix((data, (rows, cols)), shape=(len(docs), len(vocab)))
    matrix.sum_duplicates()
    return matrix, vocab


def bm25_scores(docs: list[list[str]], query: list[str], k1: float, b: float) -> np.ndarray:
    counts, vocab = counts_of(docs)
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    idf = bm25_idf(df, len(docs))
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    weights = saturate(counts, k1, b, float(lengths.mean())).multiply(idf[np.newaxis, :])
    columns = [vocab[t] for t in query if t in vocab]
    return np.asarray(sp.csr_matrix(weights)[:, columns].sum(axis=1)).ravel()


@pytest.mark.parametrize(("k1", "b"), [(1.5, 0.75), (1.2, 0.0), (2.0, 1.0)])
def test_bm25_matches_bm25s_on_the_same_tokens(k1: float, b: float) -> None:
    bm25s = pytest.importorskip("bm25s")
    docs = [text.split() for text in CORPUS]
    retriever = bm25s.BM25(method="lucene", k1=k1, b=b)
    retriever.index(docs, show_progress=False)
    for query in QUERIES:
        # Lucene's form drops BM25's constant (k1 + 1) factor, which saturate() keeps.
        expected = retriever.get_scores(query) * (k1 + 1.0)
        np.testing.assert_allclose(bm25_scores(docs, query, k1, b), expected, rtol=1e-5)


def test_idf_never_negative_and_largest_for_unseen_terms() -> None:
    n = 100
    idf = bm25_idf(np.array([0, 1, 50, 100]), n)
    assert np.all(idf > 0)
    assert idf[0] == pytest.approx(math.log(2 * n + 2))
    assert list(idf) == sorted(idf, reverse=True)


def test_saturation_limits() -> None:
    counts = sp.csr_matrix(np.array([[1.0, 5.0, 0.0], [1.0, 0.0, 0.0]]))
    binary = saturate(counts, k1=0.0, b=0.75, avg_len=3.0)
    np.testing.assert_allclose(binary.toarray(), (counts.toarray() > 0).astype(float))
    no_length = saturate(counts, k1=1.5, b=0.0, avg_len=3.0).toarray()
    assert no_length[0, 0] == pytest.approx(1.0)  # tf 1 -> (k1 + 1) / (1 + k1) whatever |d|
    assert no_length[0, 1] < 2.5  # saturates below k1 + 1
    longer = saturate(counts, k1=1.5, b=1.0, avg_len=3.0).toarray()
    assert longer[0, 0] < longer[1, 0]  # the same word weighs less in the longer row
    assert counts.toarray()[0, 0] == 1.0  # the input is not changed


def test_l2_normalize_keeps_empty_rows_empty() -> None:
    matrix = sp.csr_matrix(np.array([[3.0, 4.0], [0.0, 0.0], [0.0, 2.0]]))
    unit = l2_normalize(matrix)
    np.testing.assert_allclose(unit.toarray(), [[0.6, 0.8], [0.0, 0.0], [0.0, 1.0]])
    np.testing.assert_allclose(row_dot(unit, unit), [1.0, 0.0, 1.0])


def test_row_top_largest_first_positive_only() -> None:
    matrix = sp.csr_matrix(np.array([[0.2, 0.0, 0.9, -1.0, 0.5], [0.0, 0.0, 0.0, 0.0, 0.0]]))
    assert row_top(matrix, 0, 2) == [(2, 0.9), (4, 0.5)]
    assert row_top(matrix, 0, 10) == [(2, 0.9), (4, 0.5), (0, 0.2)]
    assert row_top(matrix, 1, 3) == []
