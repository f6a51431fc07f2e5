"""A small, self-contained regression check of scoring quality.

The texts below were written for this test (nothing is copied from the evaluation data). They
hold clear-cut cases on purpose, so that every assertion is one a correct analyzer meets
whatever its constants: each goal's own group ranks first; every honest (title, discussions)
pair is more consistent than every mismatched one; the flag marks exactly the mismatched
ones. A change that breaks ranking or consistency breaks one of these. The measured quality
on real data is benchmarks/quality.py's job (docs/quality.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from relevance import Analyzer

TODAY = date(2026, 11, 29)

TOPICS = {
    "kubernetes": (
        "Kubernetes Operators Guild",
        "Engineers who write Kubernetes operators and controllers: reconcile loops, custom "
        "resource definitions, admission webhooks and cluster upgrades.",
        [
            "Our operator's reconcile loop keeps requeueing after a CRD schema change",
            "Admission webhook timeouts during a cluster upgrade to the new Kubernetes minor",
            "Testing controllers with envtest before shipping an operator",
        ],
    ),
    "maritime": (
        "Maritime Law Practitioners",
        "Lawyers in shipping and admiralty law: charter parties, bills of lading, demurrage "
        "claims, cargo disputes and arrest of vessels.",
        [
            "Demurrage claim under a voyage charter party when the port was congested",
            "Can we arrest a sister ship for an unpaid bunker supply?",
            "Bills of lading and the Hague-Visby rules on cargo damage limits",
        ],
    ),
    "nursing": (
        "Critical Care Nurses Network",
        "Intensive care nurses sharing practice on ventilated patients, sedation protocols, "
        "pressure injuries and night shift staffing ratios.",
        [
            "Sedation holidays for ventilated patients: how does your unit run them?",
            "Preventing pressure injuries in prone positioning",
            "Staffing ratios on the night shift in intensive care",
        ],
    ),
    "gamedev": (
        "Indie Game Developers",
        "Small studios making games in Unity, Unreal and Godot: level design, shaders, "
        "multiplayer netcode and getting a game on Steam.",
        [
            "Rollback netcode for a two-player fighting game in Godot",
            "Shader graph tricks for stylized water in Unity",
            "Steam wishlist numbers before launch: what is realistic for a small studio",
        ],
    ),
    "agritech": (
        "Precision Agriculture Forum",
        "Farmers and agronomists using soil sensors, variable-rate fertilizer, drones and "
        "satellite imagery to grow more with less.",
        [
            "Variable-rate nitrogen maps from drone imagery on winter wheat",
            "Soil moisture sensors that survive a season in clay",
            "Yield maps against satellite NDVI: which one to trust",
        ],
    ),
    "tax": (
        "International Tax Advisors",
        "Advisors on cross-border tax: transfer pricing, permanent establishment, withholding "
        "tax on dividends and the global minimum tax.",
        [
            "Transfer pricing documentation for intra-group services",
            "Does a remote employee create a permanent establishment abroad?",
            "Pillar Two global minimum tax: first filings and safe harbours",
        ],
    ),
}

GOALS = {
    "kubernetes": "learn to build Kubernetes operators and custom controllers",
    "maritime": "find lawyers who handle demurrage and cargo claims under charter parties",
    "nursing": "talk with ICU nurses about sedation of ventilated patients",
    "gamedev": "meet indie developers making multiplayer games in Godot or Unity",
    "agritech": "learn how farmers use drones and soil sensors for variable-rate fertilizer",
    "tax": "discuss transfer pricing and the global minimum tax with other advisors",
}


def _groups(talk_of: dict[str, str]) -> list[dict[str, object]]:
    """One group per topic; its discussions are those of ``talk_of[topic]``."""
    return [
        {
            "id": topic,
            "title": title,
            "description": description,
            "member_count": 1200,
            "discussions": [
                {"title": text, "date": f"2026-11-{10 + i:02d}", "comments": 5}
                for i, text in enumerate(TOPICS[talk_of[topic]][2])
            ],
        }
        for topic, (title, description, _) in TOPICS.items()
    ]


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(today=TODAY)


def test_each_goal_ranks_its_own_group_first(analyzer: Analyzer) -> None:
    groups = _groups({t: t for t in TOPICS})
    goals = [{"id": topic, "text": text} for topic, text in GOALS.items()]
    results = analyzer.score(groups, goals=goals)
    for topic in GOALS:
        ranked = [r.id for r in results if r.goal_id == topic]
        assert ranked[0] == topic, (topic, ranked)
        own = next(r for r in results if r.goal_id == topic and r.id == topic)
        others = [r.relevance for r in results if r.goal_id == topic and r.id != topic]
        assert own.relevance is not None
        assert own.relevance > 2 * max(o or 0.0 for o in others)


def test_honest_pairs_are_more_consistent_than_swapped_ones(analyzer: Analyzer) -> None:
    topics = list(TOPICS)
    rotated = dict(zip(topics, topics[1:] + topics[:1], strict=True))  # each talks of another
    honest = analyzer.score(_groups({t: t for t in topics}), goal="community")
    swapped = analyzer.score(_groups(rotated), goal="community")
    lowest_honest = min(r.consistency or 0.0 for r in honest)
    highest_swapped = max(r.consistency or 0.0 for r in swapped)
    assert lowest_honest > highest_swapped
    assert all(r.misleading is False for r in honest)
    assert all(r.misleading is True for r in swapped)


def test_a_misleading_group_is_ranked_by_what_it_discusses(analyzer: Analyzer) -> None:
    topics = list(TOPICS)
    # The tax group's discussions are about Kubernetes operators.
    groups = _groups({**{t: t for t in topics}, "tax": "kubernetes"})
    results = analyzer.score(groups, goal=GOALS["tax"])
    tax = next(r for r in results if r.id == "tax")
    assert tax.misleading is True
    assert tax.decision in {"SKIP", "CONSIDER"}
    honest = analyzer.score(_groups({t: t for t in topics}), goal=GOALS["tax"])
    assert tax.overall < next(r for r in honest if r.id == "tax").overall
