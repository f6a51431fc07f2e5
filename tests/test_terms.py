"""Tests of relevance.terms: integer codes for unigrams and bigrams, counts and lookups."""

from __future__ import annotations

import numpy as np
import pytest

from relevance.terms import (
    SHIFT,
    code_of,
    column_of,
    count_matrix,
    df_table,
    encode,
    lookup,
    positions,
    sorted_codes,
    term_of,
)
from relevance.text import TextAnalyzer


@pytest.fixture
def words() -> TextAnalyzer:
    return TextAnalyzer(stem=False)


def test_codes_round_trip(words: TextAnalyzer) -> None:
    for term in ("ledger", "ledger audit", "audit ledger"):
        code = code_of(term, words)
        assert term_of(code, words) == term
    assert code_of("ledger", words) < SHIFT <= code_of("ledger audit", words)
    assert code_of("ledger audit", words) != code_of("audit ledger", words)


def test_encode_pairs_only_consecutive_words_of_one_text(words: TextAnalyzer) -> None:
    codes, rows, n_rows = encode(words, ["payments ledger", None, "audit"], bigrams=True)
    assert n_rows == 3
    terms = [term_of(int(c), words) for c in codes]
    assert terms == ["payments", "ledger", "audit", "payments ledger"]  # no "ledger audit"
    assert list(rows) == [0, 0, 2, 0]
    unigrams, _, _ = encode(words, ["payments ledger"], bigrams=False)
    assert [term_of(int(c), words) for c in unigrams] == ["payments", "ledger"]


def test_count_matrix_counts_per_row(words: TextAnalyzer) -> None:
    codes, rows, n_rows = encode(words, ["ledger ledger audit", "audit"], bigrams=False)
    columns = np.unique(codes)
    matrix = count_matrix(codes, rows, n_rows, columns).toarray()
    at = {term_of(int(c), words): i for i, c in enumerate(columns)}
    assert matrix[0, at["ledger"]] == 2 and matrix[0, at["audit"]] == 1
    assert matrix[1].tolist() == [1.0 if i == at["audit"] else 0.0 for i in range(len(columns))]


def test_column_of_is_searchsorted_for_words_and_pairs() -> None:
    rng = np.random.default_rng(0)
    for _ in range(200):
        words = np.unique(rng.integers(0, 500, rng.integers(0, 40)))
        size = rng.integers(0, 40)
        pairs = np.unique(rng.integers(1, 500, size) * SHIFT + rng.integers(0, 500, size))
        columns = np.concatenate([words, pairs]).astype(np.int64)
        codes = rng.choice(columns, rng.integers(0, 100)) if len(columns) else columns
        assert (column_of(columns, codes) == np.searchsorted(columns, codes)).all()


def test_positions_and_lookup_with_missing_and_empty_keys() -> None:
    keys = np.array([2, 5, 9], dtype=np.int64)
    values = np.array([20, 50, 90], dtype=np.int64)
    codes = np.array([9, 3, 2, 100], dtype=np.int64)
    at, found = positions(keys, codes)
    assert found.tolist() == [True, False, True, False]
    assert at[found].tolist() == [2, 0]
    assert lookup(keys, values, codes).tolist() == [90, 0, 20, 0]
    empty = np.zeros(0, dtype=np.int64)
    assert lookup(empty, empty, codes).tolist() == [0, 0, 0, 0]


def test_df_table_is_keyed_by_sorted_codes(words: TextAnalyzer) -> None:
    terms = ["zebra", "apple", "apple pie"]
    codes, df = df_table(terms, [3, 1, 7], words)
    assert list(codes) == sorted(codes)
    by_term = {term_of(int(c), words): int(d) for c, d in zip(codes, df, strict=True)}
    assert by_term == {"zebra": 3, "apple": 1, "apple pie": 7}
    sorted_, order = sorted_codes(terms, words)
    assert [terms[i] for i in order] == [term_of(int(c), words) for c in sorted_]
