"""Tests of relevance.batch: a chunk of groups as sparse BM25 matrices, and the IDF sample."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest

from relevance import Analyzer
from relevance.batch import GroupBatch, IdfSample, vectorize
from relevance.schema import Goal, Group
from relevance.settings import Settings


def group(gid: str, title: str, description: str = "", talk: list[Any] | None = None) -> Group:
    return Group.from_dict(
        {"id": gid, "title": title, "description": description, "discussions": talk}
    )


def talk(*items: tuple[str, str | None]) -> list[dict[str, Any]]:
    return [{"title": title, "date": day} for title, day in items]


GROUPS = [
    group("a", "Zorblat ledger", "ledger audits"),
    group("b", "Zorblat payments", "", talk(("payments rails", "2026-11-01"))),
    group("c", "Bread bakers", "sourdough"),
    group("d", "The", "and of"),  # stop words only: not a document of the sample
]


def make(analyzer: Analyzer, groups: list[Group], sample: IdfSample | None = None) -> Any:
    return vectorize(groups, analyzer.text, analyzer.background, Settings(), sample)


def column(batch: GroupBatch, term: str) -> int:
    terms = [batch.term(i) for i in range(len(batch.columns))]
    return terms.index(term)


def test_the_first_chunk_is_the_sample(analyzer: Analyzer) -> None:
    batch, sample = make(analyzer, GROUPS)
    assert batch.is_sample and batch.sample is sample
    assert sample.n_docs == 3  # the group without a word is no document
    (zorblat,) = analyzer.text.unigrams("zorblat")
    df = dict(zip(sample.terms, sample.df.tolist(), strict=True))
    assert df[zorblat] == 2
    assert sample.null is not None and sample.null.n == 1  # one group has discussions


def test_a_later_chunk_uses_the_sample_frozen(analyzer: Analyzer) -> None:
    _, sample = make(analyzer, GROUPS)
    later, used = make(analyzer, [group("e", "Zorblat ledger", "ledger audits")], sample)
    assert used is sample and not later.is_sample
    first, _ = make(analyzer, GROUPS)
    # The same group gets the same claim weights as in the sample chunk: same idf, same lengths.
    np.testing.assert_allclose(
        sorted(later.claim_raw.getrow(0).data), sorted(first.claim_raw.getrow(0).data)
    )


def test_idf_of_a_word_nothing_has_seen_is_the_largest(analyzer: Analyzer) -> None:
    batch, sample = make(analyzer, GROUPS)
    terms = batch.goal_counts([Goal("g", "qwxyzzt")])
    assert terms.counts.nnz == 0  # no group has it: no column
    n = analyzer.background.n_docs + sample.n_docs
    k1 = Settings().k1
    assert terms.unseen[0] == pytest.approx(math.log(2 * n + 2) * (k1 + 1))


def test_title_words_weigh_more_than_description_words(analyzer: Analyzer) -> None:
    batch, _ = make(analyzer, [group("x", "ledger", "audits")])
    row = batch.claim_raw.toarray()[0]
    idf = batch.idf
    (ledger,) = analyzer.text.unigrams("ledger")
    (audit,) = analyzer.text.unigrams("audits")
    # Divided by idf, what is left is the saturated count: 2 title counts beat 1.
    assert row[column(batch, ledger)] / idf[column(batch, ledger)] > (
        row[column(batch, audit)] / idf[column(batch, audit)]
    )
    np.testing.assert_allclose(np.linalg.norm(batch.claim.toarray(), axis=1), [1.0])


def test_discussions_split_into_halves_from_four_dated_ones(analyzer: Analyzer) -> None:
    four = talk(
        ("newest post", "2026-11-20"),
        ("older post", "2026-10-01"),
        ("undated post", None),
        ("new post", "2026-11-10"),
        ("oldest post", "2026-09-01"),
    )
    three = talk(("one post", "2026-11-20"), ("two post", "2026-11-10"), ("six", "2026-11-01"))
    batch, _ = make(analyzer, [group("s", "split", "", four), group("u", "unsplit", "", three)])
    assert batch.has_drift_split.tolist() == [True, False]
    rows = np.flatnonzero(batch.discussion_owner == 0)
    # Most recent first, undated last: the two newest are the newer half (2), then the older (1).
    assert batch.discussion_half[rows].tolist() == [2, 2, 1, 1, 0]
    assert batch.discussion_order[0] == [0, 3, 1, 4, 2]
    assert batch.discussion_half[np.flatnonzero(batch.discussion_owner == 1)].tolist() == [0] * 3
