"""The group-level judgment benchmark (issue 8) on the real FNC-1 hold-out bodies, when present.

The data lives in ../shared/data for development only (it is not shipped), so these tests skip
cleanly without it. The full benchmark, with its TF-IDF baseline and every set, is
benchmarks/judgment.py; here the product alone is run on the 68 claims (340 groups) of the
official split's hold-out bodies and each of the issue's targets is one test.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
pytestmark = pytest.mark.skipif(
    not (DATA / "fnc1" / "splits" / "hold_out_ids.txt").is_file(), reason="no ../shared/data/fnc1"
)


@pytest.fixture(scope="module")
def judgment() -> Any:
    """The benchmark module (it needs scikit-learn, and bm25s through benchmarks/quality.py)."""
    pytest.importorskip("sklearn")
    pytest.importorskip("bm25s")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import judgment
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    return judgment


@pytest.fixture(scope="module")
def holdout(judgment: Any) -> Any:
    """The hold-out set's figures (product only)."""
    figures = judgment.judge(DATA, ["fnc1-holdout"], baseline=False)
    return figures["fnc1-holdout"]


def test_groups_follow_the_protocol(judgment: Any) -> None:
    jset = judgment.build_fnc1(DATA, "fnc1-holdout", limit=5)
    assert len(jset.claims) == 5
    assert jset.kinds == list(judgment.KINDS) * 5
    for group, kind, c in zip(jset.groups, jset.kinds, jset.owner, strict=True):
        claim = jset.claims[c]
        assert group["title"] == claim.title == claim.goal
        assert group["member_count"] == 1200
        talk = group["discussions"]
        assert len(talk) == 6
        dates = [date.fromisoformat(d["date"]) for d in talk]
        assert dates == [judgment.NEWEST - timedelta(days=7 * i) for i in range(6)]
        for d in talk:
            assert 1 <= len(d["title"].split()) <= 16
            assert len(d.get("body", "").split()) <= 60
            if kind == "short":
                assert "body" not in d
        related = [(d["title"], d.get("body")) for d in talk]
        if kind == "honest":
            assert related == claim.related
        if kind == "noisy":
            assert related == [*claim.related[:2], claim.unrelated[0], *claim.related[2:5]]
        if kind == "misleading":
            assert related == claim.unrelated
        if kind == "drifted":
            assert related == [*claim.unrelated[:3], *claim.related[:3]]


def test_selection_is_deterministic(judgment: Any) -> None:
    first = judgment.build_fnc1(DATA, "fnc1-holdout", limit=3)
    again = judgment.build_fnc1(DATA, "fnc1-holdout", limit=3)
    assert first.groups == again.groups


def test_own_goal_results_are_what_score_gives(judgment: Any) -> None:
    """The benchmark's (group, own goal) shortcut equals ``Analyzer.score`` with all goals."""
    jset = judgment.build_fnc1(DATA, "fnc1-holdout", limit=8)
    analyzer, why = judgment.load_product()
    assert analyzer is not None, why
    mine = judgment.product_results(analyzer, jset)
    goals = [{"id": f"claim-{c}", "text": cl.goal} for c, cl in enumerate(jset.claims)]
    full = {(r.goal_id, r.id): r for r in analyzer.score(jset.groups, goals=goals)}
    for result, c in zip(mine, jset.owner, strict=True):
        assert result.to_dict() == full[f"claim-{c}", result.id].to_dict()


@pytest.mark.parametrize(
    "key",
    [
        "honest_misleading",
        "honest_drifted",
        "noisy_drifted",
        "misleading_flagged",
        "drifted_drift",
        "bad_join",
        "drifted_join",
        "off_goal_relevance",
        "drifted_below_honest",
    ],
)
def test_holdout_meets_the_issue_target(holdout: Any, key: str) -> None:
    row = holdout.row(key)
    assert row.met, f"{row.measure}: {row.product:.1%}, target {row.op} {row.target:.0%}"
