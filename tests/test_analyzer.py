"""Tests of relevance.analyzer.Analyzer: goals, ranking, chunks, decisions, results, explain."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

import relevance.runner as runner_module
from relevance import Analyzer, InputError, UsageError
from relevance.explain import explain_group, render_explanation
from relevance.recommend import Verdict, decide
from relevance.schema import SIGNALS, Goal, Group, Result
from relevance.settings import Settings
from relevance.signals.table import TABLE
from relevance.text import clean_text

TODAY = date(2026, 11, 29)
DESIGN_FIELDS = {
    "goal_id",
    "id",
    "title",
    "decision",
    "overall",
    "relevance",
    "discussion_relevance",
    "consistency",
    "misleading",
    "drift",
    "size_fit",
    "member_fit",
    "activity",
    "return_on_time",
    "matched_terms",
    "reasons",
}
BREAD_GOAL = "sourdough bread baking at home"


def by_id(results: list[Result]) -> dict[str, Result]:
    return {r.id: r for r in results}


def dicts(results: list[Result]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in results]


@pytest.fixture(scope="module")
def profiled(analyzer: Analyzer) -> Analyzer:
    """The examples' profile: industries and Europe, so member_fit is known."""
    return Analyzer(
        model=analyzer.model,
        industries=["Financial Services", "Banking", "Computer Software"],
        locations=["Europe"],
        today=TODAY,
    )


@pytest.fixture(scope="module")
def example_results(
    profiled: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> list[Result]:
    return profiled.score(example_groups, goal=example_goal)


# -- goals ------------------------------------------------------------------------------------


def test_goal_or_goals_exactly_one(analyzer: Analyzer) -> None:
    with pytest.raises(UsageError, match="give a goal or goals"):
        analyzer.score([{"title": "x"}])
    with pytest.raises(UsageError, match="give a goal or goals"):
        analyzer.score([{"title": "x"}], goal="alpha", goals=["b"])
    with pytest.raises(UsageError, match="the list of goals is empty"):
        analyzer.score([{"title": "x"}], goals=[])
    with pytest.raises(InputError, match="the goal is empty"):
        analyzer.score([{"title": "x"}], goal="  ")


def test_goal_ids(analyzer: Analyzer) -> None:
    groups = [{"title": "x"}]
    assert [r.goal_id for r in analyzer.score(groups, goal="xylophone")] == ["goal"]
    goals: list[Any] = ["xylophone", {"id": "mine", "text": "yodel"}, Goal("g", "zither")]
    assert [r.goal_id for r in analyzer.score(groups, goals=goals)] == ["goal-1", "mine", "g"]


def test_several_goals_give_goals_times_groups(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    results = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL])
    n = len(example_groups)
    assert len(results) == 2 * n
    assert [r.goal_id for r in results] == ["goal-1"] * n + ["goal-2"] * n
    for goal_id in ("goal-1", "goal-2"):
        ranked = [r.overall for r in results if r.goal_id == goal_id]
        assert ranked == sorted(ranked, reverse=True)
        assert {r.id for r in results if r.goal_id == goal_id} == {g["id"] for g in example_groups}
    assert results[0].id == "fintech-cto-europe"
    assert results[n].id == "sourdough-bakers"


def test_several_goals_vectorize_the_groups_once(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch, example_groups: list[dict[str, Any]]
) -> None:
    calls: list[int] = []
    real = runner_module.vectorize

    def counting(groups: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(len(groups))
        return real(groups, *args, **kwargs)

    monkeypatch.setattr(runner_module, "vectorize", counting)
    results = analyzer.score(example_groups, goals=["fintech CTOs", BREAD_GOAL, "devops"])
    assert calls == [len(example_groups)]
    assert len(results) == 3 * len(example_groups)


def test_several_goals_equal_one_at_a_time(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    together = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL])
    alone = analyzer.score(example_groups, goal=BREAD_GOAL)
    second = [r for r in together if r.goal_id == "goal-2"]
    assert [r.id for r in second] == [r.id for r in alone]
    for a, b in zip(second, alone, strict=True):
        assert a.overall == pytest.approx(b.overall, abs=1e-12)
        assert a.relevance == pytest.approx(b.relevance, abs=1e-12)
        assert a.decision == b.decision


def test_duplicate_goal_ids_refused(analyzer: Analyzer) -> None:
    # Regression: Ranking keys results by goal id, so two goals with one id were mixed.
    goals = [{"id": "a", "text": "kubernetes"}, {"id": "a", "text": "bread"}]
    with pytest.raises(UsageError, match="'a'"):
        analyzer.score([{"title": "Kubernetes"}, {"title": "Bread"}], goals=goals, top=1)


# -- top and sort -----------------------------------------------------------------------------


def test_top_keeps_the_best_per_goal(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    full = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL])
    top = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL], top=3)
    assert len(top) == 6
    for goal_id in ("goal-1", "goal-2"):
        best = [r.id for r in full if r.goal_id == goal_id][:3]
        assert [r.id for r in top if r.goal_id == goal_id] == best


def test_top_larger_than_input(analyzer: Analyzer) -> None:
    assert len(analyzer.score([{"title": "a"}, {"title": "b"}], goal="alpha", top=10)) == 2


@pytest.mark.parametrize("top", [0, -1])
def test_bad_top(analyzer: Analyzer, top: int) -> None:
    with pytest.raises(UsageError, match="--top must be >= 1"):
        analyzer.score([{"title": "a"}], goal="alpha", top=top)


def test_sort_by_a_signal_unknown_last(analyzer: Analyzer) -> None:
    groups = [
        {"id": "unknown", "title": "a"},
        {"id": "small", "title": "b", "member_count": 20},
        {"id": "right", "title": "c", "member_count": 1000},
        {"id": "huge", "title": "d", "member_count": 900_000},
    ]
    results = analyzer.score(groups, goal="alpha", sort="size_fit")
    assert [r.id for r in results] == ["right", "small", "huge", "unknown"]
    assert results[-1].size_fit is None


def test_sort_ties_keep_input_order(analyzer: Analyzer) -> None:
    groups = [{"id": str(i), "title": "same", "member_count": 1000} for i in range(7)]
    assert [r.id for r in analyzer.score(groups, goal="samegoal", sort="size_fit")] == list(
        "0123456"
    )
    assert [r.id for r in analyzer.score(groups, goal="samegoal", top=3)] == ["0", "1", "2"]


def test_top_is_the_head_of_the_full_ranking_even_with_ties(analyzer: Analyzer) -> None:
    # Regression: np.argpartition used to keep arbitrary members of a tie (976, 977, ...).
    groups = [{"id": str(i), "title": "same" if i % 3 else "other"} for i in range(1000)]
    full = [r.id for r in analyzer.score(groups, goal="unrelated words")]
    top = [r.id for r in analyzer.score(groups, goal="unrelated words", top=10)]
    assert top == full[:10] == [str(i) for i in range(10)]


def test_bad_sort_field(analyzer: Analyzer) -> None:
    with pytest.raises(UsageError, match="cannot sort by 'title'"):
        analyzer.score([{"title": "a"}], goal="alpha", sort="title")


# -- chunks -----------------------------------------------------------------------------------
#
# The idf sample is the first chunk: its groups' document frequencies are added to the model's,
# frozen, and reused for every later chunk (and the BM25 average lengths come from it too). So
#  - the results of the first chunk's groups depend only on that chunk: scoring the whole input
#    with chunk_size=2 gives them the same results as scoring those two groups alone;
#  - a later chunk's results depend only on the first chunk and that group, not on its
#    neighbours;
#  - a different chunk_size changes the sample, hence the scores (slightly), but each run is
#    deterministic.


def test_first_chunk_defines_the_sample(
    analyzer: Analyzer,
    example_groups: list[dict[str, Any]],
    example_goal: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)  # the first chunk is chunk_size
    chunked = by_id(analyzer.score(example_groups, goal=example_goal, chunk_size=2))
    first_alone = by_id(analyzer.score(example_groups[:2], goal=example_goal, chunk_size=1000))
    for group_id, result in first_alone.items():
        assert chunked[group_id].to_dict() == result.to_dict()


def test_later_chunks_do_not_depend_on_their_neighbours(
    analyzer: Analyzer,
    example_groups: list[dict[str, Any]],
    example_goal: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)  # the first chunk is chunk_size
    chunked = by_id(analyzer.score(example_groups, goal=example_goal, chunk_size=2))
    for k in (2, 7, len(example_groups) - 1):
        alone = analyzer.score(
            [*example_groups[:2], example_groups[k]], goal=example_goal, chunk_size=2
        )
        target = by_id(alone)[example_groups[k]["id"]]
        assert target.to_dict() == chunked[example_groups[k]["id"]].to_dict()


@pytest.mark.parametrize("chunk_size", [1, 2, 5, 1000])
def test_chunked_runs_are_deterministic_and_complete(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str, chunk_size: int
) -> None:
    first = analyzer.score(example_groups, goal=example_goal, chunk_size=chunk_size)
    second = analyzer.score(example_groups, goal=example_goal, chunk_size=chunk_size)
    assert dicts(first) == dicts(second)
    assert sorted(r.id for r in first) == sorted(g["id"] for g in example_groups)


@pytest.mark.parametrize("chunk_size", [4, 7])
def test_chunk_size_changes_scores_only_a_little(
    analyzer: Analyzer,
    example_groups: list[dict[str, Any]],
    example_goal: str,
    monkeypatch: pytest.MonkeyPatch,
    chunk_size: int,
) -> None:
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)  # the first chunk is chunk_size
    small = by_id(analyzer.score(example_groups, goal=example_goal, chunk_size=chunk_size))
    whole = by_id(analyzer.score(example_groups, goal=example_goal, chunk_size=1000))
    # A sample of a few groups rather than all 14: other document frequencies, other scores ...
    changed = [g for g, r in whole.items() if small[g].overall != r.overall]
    assert len(changed) > len(whole) // 2
    # ... but only a little: the same decisions (but for a group within 0.02 of a decision
    # threshold, which a nudge of 0.01 may move across it), and the best group stays first.
    edges = (analyzer.settings.join_at, analyzer.settings.consider_at)
    for group_id, result in whole.items():
        assert small[group_id].overall == pytest.approx(result.overall, abs=0.05)
        if min(abs(result.overall - edge) for edge in edges) > 0.02:
            assert small[group_id].decision == result.decision
    assert next(iter(small)) == next(iter(whole)) == "fintech-cto-europe"


def test_worker_processes_give_the_same_results(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    one = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL], chunk_size=3)
    two = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL], chunk_size=3, jobs=2)
    assert dicts(two) == dicts(one)


def test_bad_chunk_size(analyzer: Analyzer) -> None:
    with pytest.raises(UsageError, match="chunk size must be >= 1"):
        analyzer.score([{"title": "a"}], goal="alpha", chunk_size=0)


def test_small_chunks_share_one_sample_of_at_least_sample_size(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    # The first chunk holds at least SAMPLE_SIZE groups, so chunk_size=2 on 14 groups scores
    # every group exactly as one chunk does.
    small = analyzer.score(example_groups, goal=example_goal, chunk_size=2)
    whole = analyzer.score(example_groups, goal=example_goal, chunk_size=1000)
    assert dicts(small) == dicts(whole)


def test_score_chunks_streams_in_input_order(
    analyzer: Analyzer,
    example_groups: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)  # the first chunk is chunk_size
    chunks = list(analyzer.score_chunks(example_groups, [Goal("g", "fintech")], chunk_size=4))
    assert [len(c) for c in chunks] == [4, 4, 4, 2]
    assert [r.id for c in chunks for r in c] == [g["id"] for g in example_groups]


def test_groups_are_read_lazily(analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)  # the first chunk is chunk_size
    seen: list[int] = []

    def source() -> Iterator[dict[str, Any]]:
        for i in range(10):
            seen.append(i)
            yield {"id": str(i), "title": f"group {i}"}

    stream = analyzer.score_chunks(source(), [Goal("g", "group")], chunk_size=3)
    first = next(stream)
    assert [r.id for r in first] == ["0", "1", "2"]
    assert len(seen) <= 4


# -- decisions --------------------------------------------------------------------------------

KUBE = {
    "title": "Kubernetes Operators Guild",
    "description": "Engineers who write Kubernetes operators and controllers.",
    "member_count": 1500,
}
HONEST_TALK = [
    {"title": "Writing a Kubernetes operator", "date": "2026-11-25", "comments": 20},
    {"title": "Kubernetes controllers testing", "date": "2026-11-20", "comments": 12},
    {"title": "Operators and CRDs", "date": "2026-11-10", "likes": 30},
]
SPAM_TALK = [
    {"title": "Best casino bonus codes", "date": "2026-11-25", "comments": 20},
    {"title": "Buy cheap followers now", "date": "2026-11-20", "comments": 12},
    {"title": "Lose weight fast pills", "date": "2026-11-10", "likes": 30},
]


def test_misleading_group_is_never_join(analyzer: Analyzer) -> None:
    lenient = Analyzer(
        model=analyzer.model, settings=Settings(join_at=0.02, consider_at=0.01), today=TODAY
    )
    groups = [
        dict(KUBE, id="honest", discussions=HONEST_TALK),
        dict(KUBE, id="spam", discussions=SPAM_TALK),
    ]
    results = by_id(lenient.score(groups, goal="kubernetes operators"))
    assert results["spam"].misleading is True
    assert results["spam"].overall >= 0.02
    assert results["spam"].decision == "CONSIDER"
    assert results["honest"].decision == "JOIN"


def test_all_zero_weights_refused() -> None:
    zero = {s.name: 0.0 for s in TABLE if s.weight and s.role != "penalty"}  # penalties lower
    with pytest.raises(UsageError, match="every weight is 0"):
        Settings(weights=zero)
    with pytest.raises(UsageError, match="every weight is 0"):
        Settings().with_overrides(weights=zero)
    assert Settings().with_overrides(weights={"relevance": 0.0}).weights["size_fit"] == 0.1


@pytest.mark.parametrize(
    ("verdict", "expected"),
    [
        (Verdict(0.9, False, None, None, None), "JOIN"),
        (Verdict(0.9, False, True, None, None), "CONSIDER"),
        (Verdict(0.2, False, True, None, None), "SKIP"),
        (Verdict(0.55, False, False, None, None), "JOIN"),
        (Verdict(0.5499, False, False, None, None), "CONSIDER"),
        (Verdict(0.40, False, None, None, None), "CONSIDER"),
        (Verdict(0.3999, False, None, None, None), "SKIP"),
        (Verdict(0.9, True, None, 0.0, 40.0), "LEAVE"),
        (Verdict(0.9, True, None, 0.0, 9.9), "STAY"),
        (Verdict(0.9, True, None, 0.5, 40.0), "STAY"),
        (Verdict(0.3, True, None, None, None), "LEAVE"),
        (Verdict(0.9, True, True, None, None), "STAY"),
    ],
)
def test_decide(verdict: Verdict, expected: str) -> None:
    assert decide(verdict, Settings()) == expected


def test_joined_group_that_gave_nothing_is_leave(analyzer: Analyzer) -> None:
    groups = [
        dict(
            KUBE,
            id="sink",
            joined=True,
            discussions=HONEST_TALK,
            effort={"hours": 40, "posts": 12, "comments": 30, "connections": 0, "replies": 0},
        ),
        dict(
            KUBE,
            id="good",
            joined=True,
            discussions=HONEST_TALK,
            effort={"hours": 6, "connections": 5, "replies": 9},
        ),
    ]
    results = by_id(analyzer.score(groups, goal="kubernetes operators"))
    assert results["sink"].return_on_time == 0.0
    assert results["sink"].decision == "LEAVE"
    assert results["sink"].joined is True
    assert any("40 hours" in reason for reason in results["sink"].reasons)
    assert results["good"].decision == "STAY"


def test_plural_goal_word_matches_singular_in_discussions(analyzer: Analyzer) -> None:
    group = {
        "title": "Fintech Leaders",
        "discussions": [{"title": "Small CTO dinner in Amsterdam", "date": "2026-11-20"}],
    }
    result = analyzer.score([group], goal="meet CTOs")[0]
    assert result.discussion_relevance is not None and result.discussion_relevance > 0.3


def test_design_example_ranks_the_fintech_cto_group_first(
    analyzer: Analyzer, example_groups: list[dict[str, Any]]
) -> None:
    # DESIGN.md section 1: --goal "meet CTOs of fintech start-ups in Europe"
    # --industry "Financial Services" --location Europe
    user = Analyzer(
        model=analyzer.model,
        industries=["Financial Services"],
        locations=["Europe"],
        today=TODAY,
    )
    results = user.score(example_groups, goal="meet CTOs of fintech start-ups in Europe")
    assert results[0].id == "fintech-cto-europe"
    assert results[0].decision == "JOIN"
    assert by_id(results)["fintech-founders-latam"].decision != "JOIN"


def test_example_member_fit(example_results: list[Result]) -> None:
    fit = {r.id: r.member_fit for r in example_results}
    assert fit["fintech-cto-europe"] is not None and fit["fintech-cto-europe"] > 0.8
    # Fintech people, but in Latin America: both criteria must hold.
    assert fit["fintech-founders-latam"] is not None and fit["fintech-founders-latam"] < 0.1


def test_what_is_discussed_weighs_more_when_the_title_misleads(analyzer: Analyzer) -> None:
    k8s_talk = [
        {"title": "Writing a Kubernetes operator in Go", "date": "2026-11-25"},
        {"title": "Kubernetes controllers and operators testing", "date": "2026-11-20"},
        {"title": "Operator SDK for kubernetes", "date": "2026-11-10"},
    ]
    bread_talk = [
        {"title": "Sourdough starter feeding schedule", "date": "2026-11-25"},
        {"title": "Sourdough bread crumb and bakers percentages", "date": "2026-11-20"},
        {"title": "Baking bread at home in a dutch oven", "date": "2026-11-10"},
    ]
    bread = {"title": "Sourdough Bakers", "description": "Bread baking at home"}
    k8s = {"title": "Kubernetes Operators Guild", "description": "Engineers who write operators"}
    groups = [
        dict(bread, id="says-bread-talks-k8s", discussions=k8s_talk),
        dict(k8s, id="says-k8s-talks-bread", discussions=bread_talk),
        dict(bread, id="bread", discussions=bread_talk),
        dict(k8s, id="k8s", discussions=k8s_talk),
    ]
    results = analyzer.score(groups, goal="kubernetes operators")
    assert [r.id for r in results] == [
        "k8s",
        "says-bread-talks-k8s",
        "says-k8s-talks-bread",
        "bread",
    ]
    scores = by_id(results)
    assert scores["says-bread-talks-k8s"].misleading is True
    assert scores["says-k8s-talks-bread"].misleading is True
    assert scores["bread"].misleading is False and scores["k8s"].misleading is False
    # The same mismatch both ways: the group that talks about the goal wins.
    assert scores["says-bread-talks-k8s"].relevance == 0.0
    assert scores["says-k8s-talks-bread"].relevance > 0.9  # type: ignore[operator]
    assert all(r.decision != "JOIN" for r in results if r.misleading)


def test_example_decisions(example_results: list[Result]) -> None:
    decisions = {r.id: r.decision for r in example_results}
    assert decisions["fintech-cto-europe"] == "JOIN"
    assert decisions["open-banking-practitioners"] == "LEAVE"
    assert decisions["london-payments-engineers"] == "STAY"
    assert decisions["sourdough-bakers"] == "SKIP"
    assert decisions["global-business-network"] == "SKIP"
    assert decisions["fintech-innovators-hub"] != "JOIN"
    flagged = {r.id for r in example_results if r.misleading}
    assert "fintech-innovators-hub" in flagged
    assert example_results[0].id == "fintech-cto-europe"
    # Last: an off-topic group, or the one whose newest talk is all memecoin pitches (a pitch is
    # off any purpose, so its consistency and drift count it as such, beside its promotion).
    last = {"sourdough-bakers", "global-business-network", "blockchain-banking-drift"}
    assert example_results[-1].id in last
    for r in example_results:
        if r.joined:
            assert r.decision in {"STAY", "LEAVE"}
        else:
            assert r.decision in {"JOIN", "CONSIDER", "SKIP"}


# -- inputs -----------------------------------------------------------------------------------


def test_one_group(analyzer: Analyzer) -> None:
    results = analyzer.score([{"title": "Fintech CTOs Europe"}], goal="fintech CTOs")
    assert len(results) == 1
    assert results[0].id == "1"
    assert results[0].relevance is not None and results[0].relevance > 0.9


@pytest.mark.parametrize("empty", [[], (), iter([])])
def test_no_groups(analyzer: Analyzer, empty: Any) -> None:
    assert analyzer.score(empty, goal="fintech") == []
    assert analyzer.score(empty, goals=["alpha", "beta"]) == []


def test_group_objects_dicts_and_generators(analyzer: Analyzer) -> None:
    group = Group.from_dict({"id": "obj", "title": "Fintech"})
    results = analyzer.score(
        (g for g in [group, {"title": "Fintech too"}]), goal="fintech", sort="relevance"
    )
    assert {r.id for r in results} == {"obj", "2"}


def test_bad_record_raises_input_error(analyzer: Analyzer) -> None:
    with pytest.raises(InputError, match="'member_count' must be a whole number >= 0"):
        analyzer.score([{"title": "a"}, {"title": "b", "member_count": -5}], goal="alpha")


def test_index_then_score_index(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    batch = analyzer.index(example_groups)
    indexed = analyzer.score_index(batch, [example_goal, BREAD_GOAL], top=None)
    direct = analyzer.score(example_groups, goals=[example_goal, BREAD_GOAL])
    assert [(r.goal_id, r.id) for r in indexed] == [(r.goal_id, r.id) for r in direct]
    for a, b in zip(indexed, direct, strict=True):
        assert a.overall == pytest.approx(b.overall, abs=1e-12)
    top2 = analyzer.score_index(batch, [example_goal, BREAD_GOAL], top=2)
    assert [(r.goal_id, r.id) for r in top2] == [
        (r.goal_id, r.id) for r in direct if r.goal_id == "goal-1"
    ][:2] + [(r.goal_id, r.id) for r in direct if r.goal_id == "goal-2"][:2]


# -- results ----------------------------------------------------------------------------------


def test_result_dicts_have_every_design_field(example_results: list[Result]) -> None:
    for result in example_results:
        out = result.to_dict()
        assert set(out) >= DESIGN_FIELDS
        assert out["decision"] in {"JOIN", "CONSIDER", "SKIP", "STAY", "LEAVE"}
        assert isinstance(out["reasons"], list) and out["reasons"]
        assert all(isinstance(reason, str) and reason for reason in out["reasons"])
        assert all(set(item) == {"term", "weight"} for item in out["matched_terms"])


def test_scores_in_unit_interval_or_none(example_results: list[Result]) -> None:
    known = {name: 0 for name in SIGNALS}
    for result in example_results:
        assert 0.0 <= result.overall <= 1.0 and not math.isnan(result.overall)
        for name in SIGNALS:
            value = getattr(result, name)
            if value is not None:
                assert 0.0 <= value <= 1.0, (result.id, name, value)
                known[name] += 1
        assert result.misleading in (True, False, None)
    # Every signal is known for at least one example group (member_fit needs the profile).
    assert all(count > 0 for count in known.values()), known


def test_absent_data_is_none_not_zero(analyzer: Analyzer) -> None:
    result = analyzer.score([{"title": "Fintech"}], goal="fintech")[0]
    for name in (
        "discussion_relevance",
        "consistency",
        "drift",
        "size_fit",
        "member_fit",
        "activity",
        "return_on_time",
    ):
        assert getattr(result, name) is None, name
    assert result.misleading is None
    assert result.relevance is not None


def test_matched_terms_are_readable(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], example_goal: str
) -> None:
    # A fresh analyzer: a term is shown as the first word seen that stems to it, so every
    # word shown must be a whole word of these texts, not a stem such as "complianc".
    fresh = Analyzer(model=analyzer.model, today=TODAY)
    best = fresh.score(example_groups, goal=example_goal)[0]
    text = " ".join([example_goal] + [json.dumps(g, ensure_ascii=False) for g in example_groups])
    tokens = re.findall(r"[^\W_]+(?:[+#]+|(?:[.\-'&][^\W_]+)*)", clean_text(text))
    words = set(tokens) | {re.sub(r"[.\-'&]", "", t) for t in tokens}
    words |= {part for t in tokens for part in re.split(r"[.\-'&]", t)}
    assert best.matched_terms
    for term, _ in best.matched_terms:
        assert set(term.split(" ")) <= words, term
    weights = [w for _, w in best.matched_terms]
    assert weights == sorted(weights, reverse=True)
    assert all(w > 0 for w in weights)


def test_results_do_not_depend_on_earlier_calls(analyzer: Analyzer) -> None:
    # Regression: matched terms used to be shown as the first word the analyzer ever saw for
    # a stem, so after "We operate cranes" the goal word "operators" was shown as "operate".
    group = {
        "id": "k8s",
        "title": "Kubernetes Operators Guild",
        "description": "Engineers who write Kubernetes operators.",
    }
    fresh = Analyzer(model=analyzer.model, today=TODAY)
    expected = fresh.score([group], goal="kubernetes operators")[0].to_dict()
    used = Analyzer(model=analyzer.model, today=TODAY)
    used.score([{"title": "We operate cranes"}], goal="cranes")
    assert used.score([group], goal="kubernetes operators")[0].to_dict() == expected
    assert "kubernetes operators" in [t["term"] for t in expected["matched_terms"]]


# -- explain ----------------------------------------------------------------------------------


def test_explain_group(
    profiled: Analyzer,
    example_groups: list[dict[str, Any]],
    example_goal: str,
    example_results: list[Result],
) -> None:
    groups = [Group.from_dict(g) for g in example_groups]
    data = explain_group(profiled, groups, "fintech-cto-europe", Goal("goal", example_goal))
    assert data["group"]["id"] == "fintech-cto-europe"
    scored = by_id(example_results)["fintech-cto-europe"].to_dict()
    explained = data["result"]
    # The same numbers as `score`; terms of equal weight may come in another order.
    for key in set(scored) - {"matched_terms", "reasons"}:
        assert explained[key] == scored[key], key
    as_set = lambda terms: {(t["term"], t["weight"]) for t in terms}  # noqa: E731
    assert as_set(explained["matched_terms"]) == as_set(scored["matched_terms"])
    assert len(explained["reasons"]) == len(scored["reasons"])
    evidence = data["evidence"]
    assert list(evidence) == list(SIGNALS)  # every signal of the table, in its order
    assert evidence["discussion_relevance"] == {"rests_on": ["discussions"]}
    assert evidence["relevance"]["matched_terms"]
    assert len(evidence["consistency"]["discussions"]) == 8
    assert evidence["size_fit"] == {"member_count": 1812, "size_range": [300, 5000]}
    assert any(m["location_match"] for m in evidence["member_fit"])
    text = render_explanation(data)
    for name in SIGNALS:
        assert name in text


def test_explain_missing_goal_words_in_the_goals_own_words(analyzer: Analyzer) -> None:
    # Regression: shown as "operate", the first word the analyzer had seen for the stem.
    used = Analyzer(model=analyzer.model, today=TODAY)
    used.score([{"title": "We operate cranes"}], goal="cranes")
    groups = [Group.from_dict({"id": "k", "title": "Kubernetes Guild"})]
    data = explain_group(used, groups, "k", Goal("goal", "kubernetes operators"))
    assert data["evidence"]["relevance"]["goal_words_missing"] == ["operators"]


def test_explain_unknown_group(analyzer: Analyzer, example_groups: list[dict[str, Any]]) -> None:
    groups = [Group.from_dict(g) for g in example_groups]
    with pytest.raises(UsageError, match="no group with id 'nope'") as caught:
        explain_group(analyzer, groups, "nope", Goal("goal", "fintech"))
    assert caught.value.exit_code == 2
    assert caught.value.hint is not None and "fintech-cto-europe" in caught.value.hint
