"""Who is in a group: industries as a taxonomy, roles named in the goal, places people say."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from relevance import Analyzer
from relevance.cli import app
from relevance.industries import find, relation
from relevance.roles import all_roles, roles_in, said_in
from relevance.schema import Group
from relevance.signals.members import MemberMatcher, goal_member_fit, member_fit

REALTORS = [
    {"name": "A", "industry": "Real Estate", "location": "Fort Worth, Texas"},
    {"name": "B", "industry": "Real Estate", "location": "Frisco, TX"},
    {"name": "C", "industry": "Real Estate", "location": "Arlington, Texas"},
    {"name": "D", "industry": "Construction", "location": "Denton, Texas"},
    {"name": "E", "industry": "Banking", "location": "Austin, Texas"},
    {"name": "F", "industry": "Retail", "location": "Dallas, Texas"},
]


def group(members: list[Any], **fields: Any) -> Group:
    return Group.from_dict({"title": "Brokers", "members": members, **fields})


# -- industries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("member", "wanted", "expected"),
    [
        ("Real Estate", "Commercial Real Estate", "family"),
        ("Commercial Real Estate", "Real Estate", "within"),
        ("Commercial Real Estate", "Leasing Non-residential Real Estate", "same"),
        ("Banking", "Financial Services", "within"),
        ("Computer Software", "Software Development", "same"),
        ("Information Technology & Services", "IT Services and IT Consulting", "same"),
        ("Insurance", "Banking", None),
        ("Construction", "Commercial Real Estate", None),
    ],
)
def test_industry_relations(member: str, wanted: str, expected: str | None) -> None:
    a, b = find(member), find(wanted)
    assert a is not None and b is not None
    assert relation(a, b) == expected


def test_every_older_industry_name_maps_onto_the_current_list() -> None:
    assert find("Hospital & Health Care").name == "Hospitals and Health Care"  # type: ignore[union-attr]
    assert find("Finacial Services").name == "Financial Services"  # type: ignore[union-attr]
    assert find("Zyxplorion") is None


def test_commercial_real_estate_matches_real_estate_with_the_reason(analyzer: Any) -> None:
    matcher = MemberMatcher(["Commercial Real Estate"])
    fit = member_fit([group(REALTORS)], matcher)
    assert fit[0] == pytest.approx(
        sum(1 / (1 + r / 10) for r in range(3)) / sum(1 / (1 + r / 10) for r in range(6))
    )
    listed = [*REALTORS[:3], {"industry": "Real Estate"}, *REALTORS[3:5]]
    results = Analyzer(industries=["Commercial Real Estate"], today=analyzer.today).score(
        [{"title": "Texas commercial property brokers", "member_count": 900, "members": listed}],
        goal="commercial property brokers",
    )
    assert "Listed members: 4 of 6 work in Real Estate, a family of Commercial Real Estate " in (
        " ".join(results[0].reasons)
    )


def test_a_label_outside_the_taxonomy_is_matched_by_its_words() -> None:
    matcher = MemberMatcher(["Fintech Payments"])
    assert matcher.industry(group([{"industry": "Fintech Payments & Cards"}]).members[0]) is True
    assert matcher.industry(group([{"industry": "Banking"}]).members[0]) is False


# -- roles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "keys"),
    [
        ("Meet CTOs and engineering leaders of fintech start-ups", ["cto"]),
        ("find investors and recruiters", ["investor", "recruiter"]),
        ("connect with nurse educators in Ohio", ["nurse educator"]),
        ("As a founder I want to learn about payments", []),  # who the user is, not whom to meet
        ("hire a recruiter", ["recruiter"]),
        # Whom something is for is not whom to meet; "looking for" is.
        ("Meet recruiters to share sourcing strategies for software engineers", ["recruiter"]),
        ("looking for CTOs in Berlin", ["cto"]),
    ],
)
def test_roles_named_in_the_goal(goal: str, keys: list[str]) -> None:
    assert [r.key for r in roles_in(goal)] == keys


def test_reasons_name_the_roles_in_the_goals_words(analyzer: Any) -> None:
    # The trial's recruiter: "recruiters or engineers or developers", though the goal never
    # said developers (and the engineers were whom the sourcing is for).
    members = [
        {"name": f"M{i}", "headline": headline}
        for i, headline in enumerate(
            ["Technical Recruiter at Stripe", "Senior Software Engineer", "Talent Partner"]
        )
    ]
    record = {"id": "r", "title": "Bay Area Recruiters", "description": "Recruiters on sourcing",
              "member_count": 900, "members": members}  # fmt: skip
    goal = "Meet technical recruiters and software engineers in the Bay Area"
    (result,) = analyzer.score([record], goal=goal)
    said = [r for r in result.reasons if r.startswith("Listed members")]
    assert said and "are recruiters or software engineers (member fit" in said[0], said
    assert said_in("Meet CTOs and engineering leaders") == {"cto": "CTOs or engineering leaders"}


@pytest.mark.parametrize(
    ("headline", "key", "expected"),
    [
        ("CTO at PayCo", "cto", True),
        ("VP of Platform Engineering @ Ledgerline", "cto", True),
        ("Co-founder & CTO, Norrpay", "founder", True),
        ("Product Manager at PayCo", "cto", False),
        ("Clinical Nurse Educator | St Mary's", "nurse educator", True),
        ("Registered Nurse", "nurse educator", False),
        ("Partner at Northwind Ventures", "investor", True),
    ],
)
def test_roles_in_headlines(headline: str, key: str, expected: bool) -> None:
    role = next(r for r in all_roles() if r.key == key)
    assert role.holds(headline) is expected


def test_roles_count_in_member_fit_per_goal() -> None:
    members = [
        {"headline": "CTO at PayCo"},
        {"headline": "VP Engineering, Ledgerline"},
        {"headline": "Angel investor"},
        {"headline": "Recruiter"},
        {"name": "No headline"},
    ]
    from relevance.schema import Goal

    goals = [Goal("a", "meet CTOs"), Goal("b", "meet investors"), Goal("c", "learn payments")]
    from types import SimpleNamespace

    batch: Any = SimpleNamespace(groups=[group(members)], member_answers=None)
    fit = goal_member_fit(batch, MemberMatcher(), goals)
    assert fit is not None and fit.shape == (1, 3)
    w = [1 / (1 + r / 10) for r in range(4)]
    assert fit[0, 0] == pytest.approx((w[0] + w[1]) / sum(w))
    assert fit[0, 1] == pytest.approx(w[2] / sum(w))
    assert fit[0, 2] != fit[0, 2]  # NaN: nothing asked of members for that goal
    assert goal_member_fit(batch, MemberMatcher(), goals[2:]) is None
    # The answers are found once per batch and asked again by the next block of goals.
    assert batch.member_answers is not None
    again = goal_member_fit(batch, MemberMatcher(), goals)
    assert again is not None and np.array_equal(again, fit, equal_nan=True)


def test_the_reason_says_how_many_have_the_role(analyzer: Any) -> None:
    members = [{"headline": f"CTO at Co{i}"} for i in range(4)] + [
        {"headline": "Sales at Co"} for _ in range(2)
    ]
    results = analyzer.score(
        [{"title": "Fintech CTOs", "member_count": 900, "members": members}],
        goal="meet fintech CTOs",
    )
    assert any(
        reason == "Listed members: 4 of 6 are CTOs (member fit 0.72)."  # as the goal says
        for reason in results[0].reasons
    )


# -- places -----------------------------------------------------------------------------------


def _cli(runner: Any, tmp_path: Path, *args: str) -> Any:
    path = tmp_path / "groups.json"
    path.write_text(
        json.dumps([{"title": "Texas brokers", "member_count": 900, "members": REALTORS}]),
        encoding="utf-8",
    )
    command = ["score", str(path), "--goal", "property brokers", "--format", "json"]
    return runner.invoke(app, [*command, "--today", "2026-11-29", *args])


def test_dfw_metro_holds_its_suburbs_and_dallas_does_not(runner: Any, tmp_path: Path) -> None:
    dfw = json.loads(_cli(runner, tmp_path, "--location", "DFW").stdout)["results"][0]
    dallas = json.loads(_cli(runner, tmp_path, "--location", "Dallas").stdout)["results"][0]
    w = [1 / (1 + r / 10) for r in range(6)]
    assert dfw["member_fit"] == pytest.approx(round(sum(w[:4] + w[5:]) / sum(w), 4), abs=1e-4)
    assert dallas["member_fit"] == pytest.approx(round(w[5] / sum(w), 4), abs=1e-4)


def test_unknown_place_is_warned_and_unknown(runner: Any, tmp_path: Path) -> None:
    result = _cli(runner, tmp_path, "--location", "Texsa")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: --location 'Texsa' is not a place relevance knows, so it is left out of "
        "member fit; did you mean Texas?\n"
    )
    assert json.loads(result.stdout)["results"][0]["member_fit"] is None
    result = _cli(runner, tmp_path, "--location", "Lone Star State")
    assert result.stderr == (
        "Warning: --location 'Lone Star State' is not a place relevance knows, so it is left "
        "out of member fit\n"
    )


def test_a_profile_in_the_pacific_northwest_matches_portland(runner: Any, tmp_path: Path) -> None:
    members = [{"location": "Portland, Oregon"}, {"location": "Austin, Texas"}]
    group = {"title": "Winemakers", "member_count": 900, "members": members}
    (tmp_path / "groups.json").write_text(json.dumps([group]), encoding="utf-8")
    profile = tmp_path / "profile.toml"
    profile.write_text(
        'goal = "pinot noir winemaking"\nlocations = ["Pacific Northwest", "Narnia"]\n', "utf-8"
    )
    command = ["score", str(tmp_path / "groups.json"), "--profile", str(profile)]
    result = runner.invoke(app, [*command, "--today", "2026-11-29", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (  # the unknown place is still said, with the closest names
        f"Warning: {profile}: locations 'Narnia' is not a place relevance knows, so it is left "
        "out of member fit; did you mean Nara or Armenia?\n"
    )
    w = [1 / (1 + r / 10) for r in range(2)]
    fit = json.loads(result.stdout)["results"][0]["member_fit"]
    assert fit == pytest.approx(round(w[0] / sum(w), 4), abs=1e-4)  # Portland in, Austin out
