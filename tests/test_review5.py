"""Findings of the fifth new-user trial (nursing, open source, restaurants): what a user reads.

Goal framing words are not matched terms, numbers beside a threshold read on their side of it,
counts agree with their nouns, a list that is cut says so, a tiny training corpus is warned of,
and ``review`` says unknown (not 0.00) for a return not yet judged, with a reason to stay.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple, cast

from typer.testing import CliRunner

from relevance import Analyzer, Result
from relevance.cli import app
from relevance.reasons import ReasonWriter
from relevance.schema import Goal
from relevance.settings import Settings
from relevance.signals.members import MemberMatcher
from relevance.text import GoalText, TextAnalyzer

TODAY = "2026-12-01"


class Row(NamedTuple):
    """What a reason about ``overall`` reads of a result."""

    overall: float
    decision: str


def invoke(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


# -- 1. a goal's framing words ---------------------------------------------------------------

OHIO = {
    "id": "ohio-nurse-directors",
    "title": "Ohio Nurse Directors",
    "description": "Monthly meetings where nurse directors across Ohio share staffing and "
    "retention practices with their peers.",
    "member_count": 900,
}


def test_a_goals_framing_words_give_no_terms() -> None:
    words = TextAnalyzer(ngram_max=1)
    said = "Looking to meet people and groups who share monthly ICU staffing practices"
    assert words.unigrams(GoalText(said)) == ["icu", "staf", "practic"]
    # A group's text keeps them: "meetings" and "shared" can be what a group is about.
    assert words.unigrams(said) == [
        "look", "meet", "peopl", "group", "share", "month", "icu", "staf", "practic"
    ]  # fmt: skip
    # Only the framing forms: the nouns and gerunds that name a subject stay.
    assert words.unigrams(GoalText("meeting planners, market shares, machine learning")) == [
        "meet", "planner", "market", "share", "machin", "learn"
    ]  # fmt: skip


def test_a_goal_is_read_as_a_goal_text() -> None:
    goal = Goal(id="g", text="Meet nurse directors")
    assert isinstance(goal.text, GoalText)
    assert goal.text == "Meet nurse directors"
    assert json.dumps({"text": goal.text}) == '{"text": "Meet nurse directors"}'


def test_a_goal_of_framing_words_only_has_no_word_to_match(tmp_path: Path) -> None:
    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps([OHIO]), encoding="utf-8")
    result = invoke("score", str(groups), "--goal", "looking to meet and share with people")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the goal has no word to match: 'looking to meet and share with people'\n"
        "Hint: say what you want from a group in a few words, e.g. 'meet fintech CTOs'\n"
    )


def test_framing_words_are_not_matched_terms() -> None:
    goal = "Meet nurse directors in Ohio to share staffing practices monthly"
    (result,) = Analyzer().score([OHIO], goal=goal)
    terms = [term for term, _ in result.matched_terms]
    assert terms == ["nurse directors", "ohio", "staffing", "practices"]


def test_explain_lists_no_framing_word_as_missing(tmp_path: Path) -> None:
    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps([OHIO]), encoding="utf-8")
    goal = "Find and meet nurse directors in Ohio to share budgets"
    result = invoke("explain", str(groups), "--goal", goal, "--group", "ohio", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "goal words not in title or description: budgets" in lines, result.stdout


# -- 2. a number beside the threshold it is decided against ----------------------------------

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GOAL = (EXAMPLES / "goal.txt").read_text("utf-8").strip()


def examples(*args: str) -> Any:
    return invoke(*args, "--goal", GOAL, "--today", "2026-11-29")


def test_explain_shows_overall_on_its_side_of_join_at() -> None:
    # overall 0.5476: "0.55" would read as JOIN beside "JOIN from join_at 0.55".
    group = ["--group", "fintech-founders-latam"]
    result = examples("explain", str(EXAMPLES / "groups.json"), *group)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[3:5] == [
        "Decision: CONSIDER   overall 0.548 (JOIN from join_at 0.55, CONSIDER from",
        "  consider_at 0.40)",
    ]


def test_reasons_show_overall_on_its_side_of_each_line() -> None:
    writer = ReasonWriter(Settings(), date(2026, 12, 1), MemberMatcher())
    # The trial's Keto Austin (0.396, SKIP) beside a CONSIDER at 0.40.
    assert writer._summary(cast(Result, Row(0.396, "SKIP"))) == (
        "No signal is strong enough to recommend it (overall 0.396)."
    )
    assert writer._summary(cast(Result, Row(0.5492, "CONSIDER"))) == (
        "Nothing stands out for or against it: overall 0.549, between 0.40 (consider) and "
        "0.55 (join)."
    )


def test_the_report_shows_overall_on_its_side_of_each_line(tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    examples("score", str(EXAMPLES / "groups.json"), "-o", str(report))
    page = report.read_text("utf-8")
    assert '<td class="num">0.548</td>' in page
    assert "Fintech Founders LatAm\\u003cbr>CONSIDER · overall 0.548" in page  # chart data


# -- 3. counts agree with their nouns ---------------------------------------------------------

TALKING = {
    "id": "icu-staffing",
    "title": "ICU Staffing Forum",
    "description": "Nurse managers on ICU staffing ratios, float pools and retention.",
    "member_count": 1200,
    "discussions": [
        {"title": "Float pool ratios on nights", "date": "2026-11-30", "comments": 4},
        {"title": "Retention bonuses for ICU nurses", "date": "2026-11-20", "comments": 2},
    ],
}


def test_one_day_and_one_group_are_singular(tmp_path: Path) -> None:
    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps([OHIO, TALKING]), encoding="utf-8")
    goal = ["--goal", "ICU staffing for nurse managers", "--today", TODAY]
    result = invoke("explain", str(groups), *goal, "--group", "icu-staffing")
    activity = [line for line in result.stdout.splitlines() if line.startswith("activity")]
    assert activity == [
        "activity             0.55  newest 1 day ago, 2 in 90 days, median reactions 3.0"
    ]
    report = tmp_path / "report.html"
    invoke("score", str(groups), *goal, "-o", str(report))
    page = report.read_text("utf-8")
    assert "1 of 2 groups has no discussions and is not on this chart." in page
    assert "1 of 2 groups has no member count" not in page


# -- 4. a list that is cut says how much was left off -----------------------------------------

NINE = [{"id": f"nurse-{i}", "title": f"Nurse Leaders {i}"} for i in range(1, 10)]
NAMES = ", ".join(f"nurse-{i} (Nurse Leaders {i})" for i in range(1, 7))


def test_explain_says_how_many_matching_groups_it_left_off(tmp_path: Path) -> None:
    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps(NINE), encoding="utf-8")
    result = invoke("explain", str(groups), "--goal", "nurse leaders", "--group", "nurse")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: 'nurse' matches 9 groups' titles: {NAMES} and 3 more\n"
        "Hint: give the group's id or more of its title\n"
    )


def test_log_says_how_many_matching_groups_it_left_off(tmp_path: Path) -> None:
    groups, ledger = tmp_path / "groups.json", tmp_path / "ledger.sqlite"
    groups.write_text(json.dumps(NINE), encoding="utf-8")
    recorded = invoke("record", str(groups), "--ledger", str(ledger), "--goal", "nurse leaders")
    assert recorded.exit_code == 0, recorded.stderr
    result = invoke("log", "nurse", "--hours", "1", "--ledger", str(ledger))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: 'nurse' matches 9 groups: {NAMES} and 3 more\n"
        "Hint: give the group's id or more of its title\n"
    )


# -- 5. a model trained on too few documents --------------------------------------------------


def test_train_warns_of_a_tiny_corpus_and_trains(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(["ICU staffing ratios on nights.", "Sedation vacation in ICU."]):
        (corpus / f"{i}.txt").write_text(text, encoding="utf-8")
    models = ["--models-dir", str(tmp_path / "models")]
    result = invoke("train", str(corpus), "--name", "icu", *models)
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: 'icu' was trained on 2 documents, fewer than 500: which of its words are "
        "common in your field is mostly chance, so its weights may rank groups worse than the "
        "default model's; add texts of your field (group descriptions, posts, articles) and "
        "train again\n"
    )
    assert (
        result.stdout
        == f"Trained 'icu' on 2 documents: 11 terms, in {tmp_path / 'models' / 'icu'}\n"
    )
    quiet = invoke("train", str(corpus), "--name", "icu", "--force", "--quiet", *models)
    assert (quiet.stdout, quiet.stderr) == ("", result.stderr)


# -- 6. review: a return not judged yet is unknown, and a STAY says why it stays --------------


def test_review_says_unknown_and_why_a_group_stays(tmp_path: Path) -> None:
    joined = {**TALKING, "joined": True, "joined_on": "2026-11-10"}
    groups, ledger = tmp_path / "groups.json", str(tmp_path / "ledger.sqlite")
    groups.write_text(json.dumps([joined]), encoding="utf-8")
    goal = ["--goal", "ICU staffing for nurse managers"]
    invoke("record", str(groups), *goal, "--date", "2026-11-25", "--ledger", ledger)
    invoke("log", "icu", "--hours", "1.5", "--date", "2026-11-26", "--ledger", ledger)
    result = invoke("review", "--ledger", ledger, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:5] == [
        "decision last 4 weeks   last 12 weeks   return  trend     title",
        "STAY     1.5h 0c 0r     1.5h 0c 0r           -  too early ICU Staffing Forum",
        "    Its score is over the LEAVE line (overall 0.76 >= leave_below 0.35).",
        "    Too soon to judge what it gives back: nothing yet from 1.5 hours (judged",
        "    from 10 hours, leave_min_hours).",
    ]
    data = json.loads(invoke("review", "--ledger", ledger, "--today", TODAY, "-f", "json").stdout)
    (group,) = data["groups"]
    assert (group["return_on_time_12w"], group["return_on_time_4w"]) == (None, None)
    # score says the same of the same effort.
    scored = {**joined, "effort": {"hours": 1.5, "connections": 0, "replies": 0}}
    groups.write_text(json.dumps([scored]), encoding="utf-8")
    shown = invoke("score", str(groups), *goal, "--today", TODAY, "--reasons", "all").stdout
    assert "Too soon to judge what it gives back: nothing yet from 1.5 hours (judged" in shown


def test_activity_without_reactions_says_none_were_given(tmp_path: Path) -> None:
    quiet = {**TALKING, "discussions": [{k: v for k, v in d.items() if k != "comments"}
                                       for d in TALKING["discussions"]]}  # fmt: skip
    groups = tmp_path / "groups.json"
    groups.write_text(json.dumps([quiet]), encoding="utf-8")
    goal = ["--goal", "ICU staffing for nurse managers", "--today", TODAY]
    result = invoke("explain", str(groups), *goal, "--group", "icu-staffing")
    activity = [line for line in result.stdout.splitlines() if line.startswith("activity")]
    assert len(activity) == 1 and activity[0].endswith(
        "newest 1 day ago, 2 in 90 days, no reactions given"
    )
