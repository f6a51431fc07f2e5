"""Tests of the many-goals pruning (relevance.pruning): the exhaustive run's results, exactly.

The groups list members whose headlines name roles and the goals name roles to meet, so that
``member_fit`` differs goal by goal: the case pruning is for. Groups repeat (same text, other
ids), so that ties at a goal's ``top``-th value occur and must fall as in the exhaustive run.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

from relevance import Analyzer, pruning
from relevance.cli import app
from relevance.ranking import Ranking
from relevance.signals import members, relevance

TOPICS = ["fintech", "payments", "data engineering", "machine learning", "cloud security",
          "sourdough baking", "product design", "compliance"]  # fmt: skip
ROLES = ["CTO", "Data Engineer", "Product Manager", "Founder", "Compliance Officer",
         "Software Engineer", "Recruiter", "Designer"]  # fmt: skip
GOALS = [
    "meet fintech CTOs",
    "hire data engineers for machine learning",
    "find a product manager mentor in product design",
    "learn payments compliance from compliance officers",
    "network with cloud security founders",
    "talk sourdough baking",  # names no role
    "hire software engineers who know payments",
]


def make_groups(n: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    groups = []
    for i in range(n):
        if i % 9 == 8:  # a copy of an earlier group under another id: ties
            groups.append({**groups[i - 5], "id": f"g{i}"})
            continue
        topic, other = rng.sample(TOPICS, 2)
        members = [
            {"name": f"M{j}", "headline": f"{rng.choice(ROLES)} at Co{rng.randrange(50)}"}
            for j in range(rng.randrange(0, 8) if i % 3 == 0 else 0)  # a third list members
        ]
        talk = [
            {"title": f"{rng.choice([topic, topic, other])} news {j}",
             "body": f"What we learned about {rng.choice(TOPICS)} this week.",
             "date": f"2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 28):02d}"}
            for j in range(rng.randrange(0, 6))
        ]  # fmt: skip
        groups.append({
            "id": f"g{i}",
            "title": f"{topic.title()} circle {i}",
            "description": f"People working on {topic} and {other}, meeting monthly.",
            "member_count": rng.choice([None, 40, 300, 2500, 40000]),
            "members": members,
            "discussions": talk,
        })  # fmt: skip
    return groups


GROUPS = make_groups(400)


@pytest.fixture
def exhaustive(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Call it to turn pruning off for the rest of the test."""
    return lambda: monkeypatch.setattr(pruning, "ENABLED", False)


def dicts(results: list[Any]) -> list[dict[str, Any]]:
    return [r.to_dict() for r in results]


def test_pruning_skips_pairs_and_ranks_as_the_exhaustive_run(analyzer: Analyzer) -> None:
    batch = analyzer.index(GROUPS)
    goals = analyzer.check_goals(analyzer.goals(None, GOALS))
    pruned = pruning.top_signals(analyzer.scorer, batch, goals, 5)
    assert pruned.pairs == len(GROUPS) * len(GOALS)
    assert pruned.completed < pruned.pairs / 10  # the premise: most pairs are never completed
    full = analyzer.scorer.signals(batch, goals)
    done = ~np.isnan(pruned.scored.overall)
    assert done.sum() == pruned.completed
    assert np.array_equal(pruned.scored.overall[done], full.overall[done])  # bit for bit
    ranking, exhaustive = Ranking(goals, "overall", 5), Ranking(goals, "overall", 5)
    pruned.add_to(ranking, analyzer.scorer)
    exhaustive.add_scored(full, analyzer.scorer)
    assert dicts(ranking.results()) == dicts(exhaustive.results())


def test_the_bounds_are_above_every_true_value(analyzer: Analyzer) -> None:
    batch = analyzer.index(GROUPS)
    goals = analyzer.check_goals(analyzer.goals(None, GOALS))
    full = analyzer.scorer.signals(batch, goals)
    block = pruning._Block(analyzer.scorer, batch, goals)
    bound = np.exp(block.log_bound().T.astype(np.float64)) * (1 + pruning.MARGIN)
    assert (bound >= full.overall).all()
    assert (bound < 1.5 * full.overall + 0.05).mean() > 0.9  # a bound that prunes
    talk = relevance.discussion_relevance_bound(
        batch, block.context.terms.counts, block.scale, block.index.sums
    ).T
    known = ~np.isnan(full.signals["discussion_relevance"])
    assert known.any() and (~known).any()
    assert (talk[known] * (1 + 1e-6) >= full.signals["discussion_relevance"][known]).all()
    assert (talk[~known] == 0).all()


def test_the_parts_computed_apart_are_the_full_runs_bit_for_bit(analyzer: Analyzer) -> None:
    batch = analyzer.index(GROUPS)
    goals = analyzer.check_goals(analyzer.goals(None, GOALS))
    full = analyzer.scorer.signals(batch, goals)
    block = pruning._Block(analyzer.scorer, batch, goals)
    assert np.array_equal(block.relevance.T, full.signals["relevance"])
    some = np.array([0, 3, 4, 8, 13, 250, 399])  # a copied group, groups without discussions
    talk = relevance.discussion_relevance_of(batch, block.context.terms.counts, block.scale, some)
    assert np.array_equal(talk.T, full.signals["discussion_relevance"][some], equal_nan=True)
    assert np.isnan(talk).any()
    fits = block.fits[block.roles].T
    assert np.array_equal(fits, full.signals["member_fit"], equal_nan=True)


def test_member_fit_per_set_of_roles_is_the_members_own(analyzer: Analyzer) -> None:
    batch = analyzer.index(GROUPS)
    matcher = analyzer.scorer.members
    sets = [matcher.roles(goal) for goal in GOALS]
    fits = members.fits_for_roles(batch, matcher, sets)
    for roles in sets:
        expected = [matcher.group_fit(group, roles) for group in batch.groups]
        assert np.allclose(fits[roles], expected, equal_nan=True, rtol=1e-12, atol=0)
    assert members.fits_for_roles(batch, matcher, sets)[sets[0]] is fits[sets[0]]  # kept


@pytest.mark.parametrize(("top", "block"), [(1, 3), (3, 1), (12, 64)])
def test_score_index_gives_the_exhaustive_results(
    analyzer: Analyzer, exhaustive: Any, top: int, block: int
) -> None:
    batch = analyzer.index(GROUPS)
    pruned = analyzer.score_index(batch, GOALS, top=top, block=block)
    exhaustive()
    assert dicts(pruned) == dicts(analyzer.score_index(batch, GOALS, top=top, block=block))
    assert len(pruned) == top * len(GOALS)


def test_chunked_scoring_gives_the_exhaustive_results(analyzer: Analyzer, exhaustive: Any) -> None:
    pruned = analyzer.score(GROUPS, goals=GOALS, top=4, chunk_size=150)
    exhaustive()
    assert dicts(pruned) == dicts(analyzer.score(GROUPS, goals=GOALS, top=4, chunk_size=150))


def test_the_command_gives_the_exhaustive_output(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exhaustive: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("groups.jsonl").write_text("".join(json.dumps(g) + "\n" for g in GROUPS), "utf-8")
    Path("goals.txt").write_text("\n".join(GOALS) + "\n", encoding="utf-8")
    args = ["score", "groups.jsonl", "--goals", "goals.txt", "--top", "3", "-f", "json",
            "--today", "2026-11-29", "--jobs", "1"]  # fmt: skip
    pruned = runner.invoke(app, args)
    exhaustive()
    full = runner.invoke(app, args)
    assert pruned.exit_code == full.exit_code == 0, pruned.stderr
    assert pruned.stdout == full.stdout
    assert len(json.loads(pruned.stdout)["results"]) == 3 * len(GOALS)


@pytest.mark.parametrize(
    ("goals", "top", "sort"),
    [
        (GOALS, 400, "overall"),  # top holds every group: nothing to leave out
        (GOALS, 5, "relevance"),  # another order: the bound is for overall
    ],
)
def test_blocks_pruning_cannot_help_are_scored_in_full(
    analyzer: Analyzer, goals: list[str], top: int, sort: str
) -> None:
    batch = analyzer.index(GROUPS)
    block = analyzer.check_goals(analyzer.goals(None, goals))
    pruned = pruning.top_signals(analyzer.scorer, batch, block, top, sort)
    assert pruned.completed == pruned.pairs
    assert not np.isnan(pruned.scored.overall).any()


@pytest.mark.parametrize(
    "goals",
    [
        ["talk sourdough baking", "learn about fintech"],  # no roles named
        ["meet fintech CTOs", "meet CTOs in fintech"],  # one set of roles
        GOALS,  # several sets of roles, and a goal without
    ],
)
@pytest.mark.parametrize("top", [1, 2, 5, 9, 50])
def test_every_top_of_any_goals_is_the_exhaustive_one(
    analyzer: Analyzer, exhaustive: Any, goals: list[str], top: int
) -> None:
    batch = analyzer.index(GROUPS)
    pruned = analyzer.score_index(batch, goals, top=top)
    block = analyzer.check_goals(analyzer.goals(None, goals))
    skipped = pruning.top_signals(analyzer.scorer, batch, block, top)
    assert skipped.completed < skipped.pairs * (0.5 if top < 10 else 0.8)
    exhaustive()
    assert dicts(pruned) == dicts(analyzer.score_index(batch, goals, top=top))


def test_ties_at_the_cut_fall_to_the_earlier_group(analyzer: Analyzer, exhaustive: Any) -> None:
    # Every group five times over: each value is tied, and the top cuts through ties.
    groups = [{**g, "id": f"{g['id']}-{copy}"} for g in GROUPS[:60] for copy in range(5)]
    batch = analyzer.index(groups)
    for top in (3, 7, 12):
        pruned = analyzer.score_index(batch, GOALS, top=top)
        ids = [r.id for r in pruned if r.goal_id == "goal-1"]
        assert len({i.rsplit("-", 1)[0] for i in ids}) < len(ids)  # copies in the top
        exhaustive()
        assert dicts(pruned) == dicts(analyzer.score_index(batch, GOALS, top=top))
        pruning.ENABLED = True


def test_the_dense_product_is_the_sparse_one_bit_for_bit(analyzer: Analyzer) -> None:
    batch = analyzer.index(GROUPS)
    goals = analyzer.check_goals(analyzer.goals(None, [*GOALS, "zyzzyva quokka"]))  # no match
    counts = batch.goal_counts(goals).counts
    for postings in (batch.postings("claim_raw"), relevance.discussion_sums(batch)):
        sparse = sp.csr_matrix(counts @ postings, dtype=np.float32).toarray()
        dense = relevance.dense_product(counts, postings)
        assert dense.dtype == np.float32 and np.array_equal(dense, sparse)
    assert not relevance.dense_product(counts, batch.postings("claim_raw"))[-1].any()
    single = sp.csr_matrix(batch.postings("claim_raw"), dtype=np.float32)  # summed in single
    expected = sp.csr_matrix(counts.astype(np.float32) @ single).toarray()
    assert np.array_equal(relevance.dense_product(counts.astype(np.float32), single), expected)
