"""The quality benchmark on the real Meetup data, when it is there (it is not shipped).

The data lives in ../shared/data for development and evaluation only; users will not have it,
so these tests skip cleanly without it. The full benchmark is benchmarks/quality.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
pytestmark = pytest.mark.skipif(
    not (DATA / "meetup" / "groups.csv").is_file(), reason="no ../shared/data/meetup"
)


@pytest.fixture(scope="module")
def rows() -> dict[str, dict[str, object]]:
    pytest.importorskip("bm25s")  # the BM25 baseline (a test extra)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import quality
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    analyzer, why = quality.load_product()
    assert analyzer is not None, why
    found = quality.evaluate_meetup(DATA, analyzer, quality.Timer())
    return {row.key: row.values for row in found}


def test_meetup_ranking_beats_both_baselines(rows: dict[str, dict[str, object]]) -> None:
    ndcg = rows["ndcg"]
    assert ndcg["relevance"] > ndcg["bm25s"]
    assert ndcg["relevance"] > ndcg["tfidf"]


def test_meetup_own_events_are_told_from_others(rows: dict[str, dict[str, object]]) -> None:
    # Above both baselines measured in the same run. It was 0.984 when consistency was one
    # cosine of all the talk; judged post by post, short event titles counting as weak evidence
    # (issue 8), it is about 0.970: traded for far fewer false flags on whole groups (README).
    auc = rows["auc"]
    assert auc["relevance"] > max(auc["tfidf"], auc["bm25s"]) + 0.01
