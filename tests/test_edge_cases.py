"""Edge cases found in review: each once produced a wrong score, a traceback or a silent loss."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from relevance import Analyzer, Settings, UsageError
from relevance.cli import app
from relevance.model import load
from relevance.text import TextAnalyzer
from relevance.training import TrainRequest, run_training

TODAY = date(2026, 11, 29)
KUBE = {
    "id": "kube",
    "title": "Kubernetes Operators Guild",
    "description": "Engineers who write Kubernetes operators and controllers.",
    "member_count": 1500,
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(today=TODAY)


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def test_dated_discussions_without_words_do_not_make_drift(analyzer: Analyzer) -> None:
    talk = [{"title": "Writing a Kubernetes operator", "date": f"2026-0{m}-01"} for m in (1, 2, 3)]
    empty = [{"date": f"2026-11-{d:02d}", "comments": 3} for d in (1, 5, 9, 13)]
    result = analyzer.score([dict(KUBE, discussions=talk + empty)], goal="kubernetes")[0]
    assert result.drift is None  # three dated discussions with words: no split
    only_empty = analyzer.score([dict(KUBE, discussions=empty)], goal="kubernetes")[0]
    assert only_empty.drift is None
    assert only_empty.misleading is None


@pytest.mark.parametrize(
    ("singular", "plural"),
    [("class", "classes"), ("focus", "focuses"), ("boss", "bosses"), ("bonus", "bonuses")],
)
def test_words_ending_in_s_keep_their_stem(singular: str, plural: str) -> None:
    words = TextAnalyzer()
    assert words.unigrams(singular) == words.unigrams(plural)


def test_industry_it_is_a_word(analyzer: Analyzer) -> None:
    group = dict(KUBE, members=[{"industry": "IT"}, {"industry": "Banking"}])
    it = Analyzer(model=analyzer.model, industries=["IT"], today=TODAY)
    # IT matches at rank 0 (weight 1), Banking does not at rank 1 (weight 1 / 1.1).
    assert it.score([group], goal="kubernetes")[0].member_fit == pytest.approx(1 / (1 + 1 / 1.1))


@pytest.mark.parametrize("place", [" ", "!!"])
def test_blank_location_is_a_usage_error(place: str) -> None:
    result = run("score", "examples/groups.json", "--goal", "fintech", "--location", place)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --location: ")
    assert "Traceback" not in result.stderr


def test_huge_member_count_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "groups.json"
    path.write_text(json.dumps([{"title": "x", "member_count": 10**400}]), encoding="utf-8")
    result = run("score", str(path), "--goal", "fintech")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} record 1: 'member_count' is too large")


def test_deeply_nested_json_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "groups.jsonl"
    path.write_text('{"title": "x", "extra": ' + "[" * 100_000 + "\n", encoding="utf-8")
    result = run("score", str(path), "--goal", "fintech")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {path} line 1: not valid JSON (")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('size_range = "a"', "size_range must be [MIN, MAX]"),
        ("recent_discussions = 2.5", "recent_discussions must be a whole number"),
        ("join_at = inf", "join_at must be a finite number"),
    ],
)
def test_bad_profile_thresholds_are_errors_of_the_file(
    tmp_path: Path, table: str, message: str
) -> None:
    profile = tmp_path / "me.toml"
    profile.write_text(f'goal = "fintech"\n[thresholds]\n{table}\n', encoding="utf-8")
    result = run("score", "examples/groups.json", "--profile", str(profile))
    assert result.exit_code == 1  # bad data in the file, as its other keys
    assert result.stderr.startswith(f"Error: {profile}: [thresholds] {message}")


def test_weights_must_be_a_table() -> None:
    with pytest.raises(UsageError, match="weights must be a table"):
        Settings().with_overrides(weights=3)


def test_train_from_keeps_the_model_text_settings(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("Salvage claims and cargo liens.", encoding="utf-8")
    models = str(tmp_path / "models")
    base = TrainRequest(corpus=[str(tmp_path / "notes.txt")], name="plain", models_dir=models)
    base.stem, base.ngram_max = False, 1
    run_training(base)
    derived = TrainRequest(
        corpus=[str(tmp_path / "notes.txt")], name="derived", models_dir=models, from_model="plain"
    )
    params = load(run_training(derived).path).params
    assert (params.stem, params.ngram_max) == (False, 1)


def test_a_costly_joined_group_without_return_is_left(analyzer: Analyzer) -> None:
    group = dict(
        KUBE,
        joined=True,
        joined_on="2026-10-29",
        effort={"hours": 8, "connections": 0, "replies": 0},
        discussions=[{"title": "Writing a Kubernetes operator", "date": "2026-11-20"}],
    )
    # 8 hours and nothing back, without a budget: under leave_min_hours (10), not judged yet.
    unknown_budget = analyzer.score([group], goal="kubernetes operators")[0]
    assert unknown_budget.return_on_time is None
    assert unknown_budget.decision == "STAY"
    assert not any("a week" in reason for reason in unknown_budget.reasons)
    assert any(r.startswith("Too soon to judge what it gives back") for r in unknown_budget.reasons)
    budget = Settings().with_overrides(hours_per_week=3)
    tight = Analyzer(model=analyzer.model, settings=budget, today=TODAY)
    left = tight.score([group], goal="kubernetes operators")[0]
    assert left.decision == "LEAVE"  # about 2 h a week of a 3 h budget, nothing back
    assert any("8 hours (1.8 h a week of your 3 h for groups)" in r for r in left.reasons)


def test_misleading_threshold_is_an_option() -> None:
    args = ["score", "examples/groups.json", "--goal", "fintech", "-f", "json", "--today"]
    loose = run(*args, "2026-11-29", "--misleading-below", "0")
    assert loose.exit_code == 0, loose.stderr
    results = json.loads(loose.stdout)["results"]
    assert not any(r["misleading"] for r in results)
    assert json.loads(loose.stdout)["settings"]["misleading_below"] == 0
    strict = run(*args, "2026-11-29", "--misleading-below", "1")
    assert all(r["misleading"] for r in json.loads(strict.stdout)["results"] if r["consistency"])
    out_of_range = run(*args, "2026-11-29", "--misleading-below", "-1")
    assert out_of_range.exit_code == 2
    assert "misleading_below must be between 0.0 and 1.0, got -1.0" in out_of_range.stderr


def test_explain_refuses_a_goal_without_words() -> None:
    result = run("explain", "examples/groups.json", "--goal", "the", "--group", "sourdough-bakers")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the goal has no word to match: 'the'")


def test_score_chunks_takes_plain_goal_strings(analyzer: Analyzer) -> None:
    chunks = list(analyzer.score_chunks([KUBE], ["kubernetes operators"]))
    assert chunks[0][0].goal_id == "goal-1"


def test_unseen_goal_words_lower_the_score_without_growing_the_batch(
    analyzer: Analyzer,
) -> None:
    batch = analyzer.index([KUBE])
    columns = len(batch.columns)
    plain, padded = analyzer.score_index(
        batch, ["kubernetes operators", "kubernetes operators quuxplorian"], top=None
    )
    assert len(batch.columns) == columns
    assert padded.relevance is not None and plain.relevance is not None
    assert padded.relevance < plain.relevance


def test_industry_labels_drop_stop_words_but_it_stays_literal() -> None:
    from relevance.schema import Member
    from relevance.signals.members import MemberMatcher

    long_label = MemberMatcher(industries=["Information Technology and Services"])
    assert long_label.industry(Member(industry="Information Technology & Services")) is True
    it = MemberMatcher(industries=["IT"])
    assert it.industry(Member(industry="IT")) is True
    assert it.industry(Member(headline="Making it happen at Acme")) is None


def test_drifted_at_must_be_above_zero() -> None:
    with pytest.raises(UsageError, match="drifted_at must be between"):
        Settings(drifted_at=0.0)
    assert Settings(leave_min_hours=float("inf")).leave_min_hours == float("inf")
