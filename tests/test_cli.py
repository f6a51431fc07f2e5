"""Tests of the command line: outputs, exit codes, exact error messages on standard error.

Errors name the file as the user gave it, so tests that check messages work in ``tmp_path``
(``monkeypatch.chdir``) and pass bare file names.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app
from relevance.io.writers import CSV_COLUMNS
from relevance.schema import SIGNALS
from relevance.signals.table import TABLE

TODAY = "2026-11-29"
# The examples' goal: these tests are about the command line, not about ranking quality.
GOAL = (Path(__file__).resolve().parent.parent / "examples" / "goal.txt").read_text("utf-8").strip()
DESIGN_FIELDS = {
    "goal_id", "id", "title", "decision", "overall", *SIGNALS, "misleading", "matched_terms",
    "reasons",
}  # fmt: skip


def invoke(runner: Any, *args: str, input: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=input)
    # A RelevanceError must never escape as an exception (it would be a traceback).
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def score(runner: Any, *args: str, input: str | None = None, jobs: str = "1") -> Any:
    # One process unless a test asks for more: worker pools take seconds to start.
    return invoke(runner, "score", *args, "--today", TODAY, "--jobs", jobs, input=input)


def assert_error(result: Any, code: int, stderr: str) -> None:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr == stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RELEVANCE_MODELS", raising=False)
    return tmp_path


@pytest.fixture
def groups_json(examples_dir: Path) -> str:
    return str(examples_dir / "groups.json")


GOOD = [
    {"id": "a", "title": "Fintech CTOs Europe", "description": "CTOs of fintech start-ups"},
    {"id": "b", "title": "Sourdough Bakers", "member_count": 800},
    {"id": "c", "title": "Payments Engineers", "member_count": "1,840"},
]


# -- score: formats ---------------------------------------------------------------------------


def test_score_table(runner: Any, examples_dir: Path, groups_json: str) -> None:
    result = score(runner, groups_json, "--profile", str(examples_dir / "profile.toml"))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    # The id column is shown only when the titles leave room for it at 80 columns.
    assert lines[0].split()[:6] == ["#", "decision", "overall", "relevance", "!", "title"]
    assert lines[1].split()[:3] == ["1", "JOIN", lines[1].split()[2]]
    assert "Fintech CTOs Europe" in lines[1]
    assert lines[-1] == "! = title not borne out by the discussions"
    assert "LEAVE" in result.stdout and "STAY" in result.stdout
    assert sum(1 for line in lines if line[:3].strip().isdigit()) == 14


def test_score_json(runner: Any, groups_json: str) -> None:
    result = score(runner, groups_json, "--goal", GOAL, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert set(document) == {"schema_version", "settings", "results"}
    assert document["schema_version"] == 1
    settings = document["settings"]
    assert settings["goals"] == [{"id": "goal", "text": GOAL}]
    assert settings["model"] == "default"
    assert settings["today"] == TODAY
    assert settings["size_range"] == [300, 5000]
    assert settings["sort"] == "overall" and settings["top"] is None
    results = document["results"]
    assert len(results) == 14
    assert all(set(r) >= DESIGN_FIELDS for r in results)
    overall = [r["overall"] for r in results]
    assert overall == sorted(overall, reverse=True)
    assert results[0]["id"] == "fintech-cto-europe"


def test_score_jsonl_streams_in_input_order(runner: Any, examples_dir: Path) -> None:
    path = examples_dir / "groups.jsonl"
    result = score(runner, str(path), "--goal", GOAL, "--format", "jsonl", "--chunk-size", "5")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    ids = [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ids
    assert all(set(r) >= DESIGN_FIELDS for r in rows)


def test_parallel_jobs_give_the_same_output(runner: Any, examples_dir: Path) -> None:
    args = (str(examples_dir / "groups.jsonl"), "--goal", GOAL, "-f", "jsonl", "--chunk-size", "3")
    one = score(runner, *args, jobs="1")
    two = score(runner, *args, jobs="2")
    assert one.exit_code == two.exit_code == 0
    assert two.stdout == one.stdout
    assert len(one.stdout.splitlines()) == 14


def test_parallel_failed_run_leaves_no_output(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    write_groups(in_tmp, [*GOOD, *GOOD, {"id": "bad"}, *GOOD], "jsonl")
    result = score(
        runner, "groups.jsonl", "--goal", "xylophone", "-f", "jsonl", "--chunk-size", "2",
        "-o", "o.jsonl", jobs="2",
    )  # fmt: skip
    assert_error(result, 1, "Error: groups.jsonl line 7: 'title' is required\n")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["groups.jsonl"]


def test_score_csv(runner: Any, examples_dir: Path) -> None:
    result = score(runner, str(examples_dir / "groups.csv"), "--goal", GOAL, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 15
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert body[0]["id"] == "fintech-cto-europe"
    # The CSV example has no discussions: unknown is an empty cell, not 0.
    assert all(row["consistency"] == "" and row["misleading"] == "" for row in body)
    assert all(row["relevance"] != "" for row in body)


def test_top_and_sort(runner: Any, groups_json: str) -> None:
    result = score(runner, groups_json, "--goal", GOAL, "--format", "jsonl", "--top", "3")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[0]["id"] == "fintech-cto-europe"
    result = score(runner, groups_json, "--goal", GOAL, "--format", "json", "--sort", "size_fit")
    sizes = [r["size_fit"] for r in json.loads(result.stdout)["results"]]
    assert sizes == sorted(sizes, reverse=True)


def test_several_goals(runner: Any, groups_json: str, examples_dir: Path) -> None:
    goals = str(examples_dir / "goals.txt")
    result = score(runner, groups_json, "--goals", goals, "--format", "json", "--top", "2")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert [g["id"] for g in document["settings"]["goals"]] == ["goal-1", "goal-2", "goal-3"]
    assert [r["goal_id"] for r in document["results"]] == [
        "goal-1", "goal-1", "goal-2", "goal-2", "goal-3", "goal-3"
    ]  # fmt: skip
    table = score(runner, groups_json, "--goals", goals, "--top", "1")
    assert table.stdout.count("Goal goal-") == 3


def test_goal_file(runner: Any, groups_json: str, examples_dir: Path) -> None:
    result = score(
        runner, groups_json, "--goal-file", str(examples_dir / "goal.txt"), "--format", "json"
    )
    goal = (examples_dir / "goal.txt").read_text(encoding="utf-8").strip()
    assert json.loads(result.stdout)["settings"]["goals"][0]["text"] == goal


def test_stdin(runner: Any) -> None:
    text = "".join(json.dumps(g) + "\n" for g in GOOD)
    result = score(runner, "-", "--goal", "fintech", "--format", "jsonl", input=text)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "b", "c"]


def test_empty_input_warns(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "groups.jsonl").write_text("", encoding="utf-8")
    result = score(runner, "groups.jsonl", "--goal", "xylophone", "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "Warning: groups.jsonl holds no groups\n"


# -- --output ---------------------------------------------------------------------------------


def test_output_file(runner: Any, in_tmp: Path, groups_json: str) -> None:
    result = score(runner, groups_json, "--goal", GOAL, "--format", "json", "-o", "out.json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert len(json.loads((in_tmp / "out.json").read_text(encoding="utf-8"))["results"]) == 14
    assert sorted(p.name for p in in_tmp.iterdir()) == ["out.json"]


@pytest.mark.parametrize(
    ("fmt", "chunk"), [("json", "5000"), ("jsonl", "1"), ("csv", "2"), ("table", "5000")]
)
def test_failed_run_leaves_no_output(
    runner: Any, in_tmp: Path, write_groups: Any, fmt: str, chunk: str
) -> None:
    write_groups(in_tmp, [*GOOD, {"id": "bad", "member_count": 3}], "jsonl")
    result = score(
        runner, "groups.jsonl", "--goal", "xylophone", "--format", fmt, "--chunk-size", chunk,
        "--output", "out.txt",
    )  # fmt: skip
    assert_error(result, 1, "Error: groups.jsonl line 4: 'title' is required\n")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["groups.jsonl"]


def test_failed_run_keeps_the_older_file(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    (in_tmp / "out.jsonl").write_text("older run\n", encoding="utf-8")
    write_groups(in_tmp, [*GOOD, {"title": "x", "discussions": "not a list"}], "jsonl")
    result = score(
        runner, "groups.jsonl", "--goal", "xylophone", "--format", "jsonl", "--chunk-size", "1",
        "-o", "out.jsonl",
    )  # fmt: skip
    assert_error(
        result, 1, "Error: groups.jsonl line 4: 'discussions' must be a list, got a string\n"
    )
    assert (in_tmp / "out.jsonl").read_text(encoding="utf-8") == "older run\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["groups.jsonl", "out.jsonl"]


def test_output_to_missing_directory(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    write_groups(in_tmp, GOOD, "jsonl")
    result = score(runner, "groups.jsonl", "--goal", "xylophone", "-o", "nowhere/out.json")
    assert_error(result, 2, "Error: nowhere/out.json: cannot write it (no such directory)\n")


# -- usage errors (exit 2) --------------------------------------------------------------------


def test_no_goal(runner: Any, groups_json: str) -> None:
    result = score(runner, groups_json)
    assert_error(
        result,
        2,
        "Error: no goal given\n"
        "Hint: pass --goal TEXT, --goal-file FILE, --goals FILE or --profile\n",
    )


@pytest.mark.parametrize("other", [["--goals", "goals.txt"], ["--goal-file", "goal.txt"]])
def test_two_goal_options(runner: Any, in_tmp: Path, write_groups: Any, other: list[str]) -> None:
    write_groups(in_tmp, GOOD, "jsonl")
    (in_tmp / "goals.txt").write_text("a\nb\n", encoding="utf-8")
    (in_tmp / "goal.txt").write_text("a\n", encoding="utf-8")
    result = score(runner, "groups.jsonl", "--goal", "xylophone", *other)
    assert_error(result, 2, "Error: give only one of --goal, --goal-file and --goals\n")


def test_missing_input_file(runner: Any, in_tmp: Path) -> None:
    assert_error(
        score(runner, "nope.json", "--goal", "xylophone"), 2, "Error: nope.json: no such file\n"
    )


def test_unknown_extension(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "groups.txt").write_text("x", encoding="utf-8")
    result = score(runner, "groups.txt", "--goal", "xylophone")
    assert_error(
        result,
        2,
        "Error: groups.txt: cannot tell the input format from its extension (.txt); the group "
        "files read are .json, .jsonl (or .ndjson) and .csv, each maybe gzipped (.gz)\n"
        "Hint: say which it is: --input-format json, jsonl, csv, reddit or meetup\n",
    )


def test_input_format_overrides_extension(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "groups.txt").write_text(json.dumps(GOOD), encoding="utf-8")
    result = score(
        runner, "groups.txt", "--goal", "xylophone", "--input-format", "json", "-f", "jsonl"
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("5", "Error: --size-range must look like MIN:MAX (e.g. 300:5000), got '5'\n"),
        ("a:b", "Error: --size-range must look like MIN:MAX (e.g. 300:5000), got 'a:b'\n"),
        ("5:2", "Error: --size-range must have 0 <= MIN <= MAX, got '5:2'\n"),
        ("-1:5", "Error: --size-range must have 0 <= MIN <= MAX, got '-1:5'\n"),
    ],
)
def test_size_range_errors(runner: Any, groups_json: str, value: str, message: str) -> None:
    assert_error(
        score(runner, groups_json, "--goal", "xylophone", f"--size-range={value}"), 2, message
    )


def test_size_range_accepts_thousands(runner: Any, groups_json: str) -> None:
    result = score(
        runner, groups_json, "--goal", "xylophone", "--size-range", "1,000:20,000", "-f", "json"
    )
    assert json.loads(result.stdout)["settings"]["size_range"] == [1000, 20000]


def test_rejects_needs_skip(runner: Any, groups_json: str) -> None:
    result = score(runner, groups_json, "--goal", "xylophone", "--rejects", "r.json")
    assert_error(result, 2, "Error: --rejects needs --on-error skip\n")


def test_bad_sort(runner: Any, groups_json: str) -> None:
    result = score(runner, groups_json, "--goal", "xylophone", "--sort", "title")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--sort': 'title' is not one of overall, relevance, "
        "discussion_relevance, consistency, drift, promotion, size_fit, member_fit, activity, "
        "return_on_time\n"
    )


def test_bad_today(runner: Any, groups_json: str) -> None:
    result = invoke(
        runner, "score", groups_json, "--goal", "xylophone", "--today", "29/11/2026", "--jobs", "1"
    )
    assert_error(result, 2, "Error: --today must be a date such as 2026-11-29, got '29/11/2026'\n")


@pytest.mark.parametrize(
    "args", [["--top", "0"], ["--format", "xml"], ["--chunk-size", "0"], ["--jobs", "0"]]
)
def test_click_usage_errors(runner: Any, groups_json: str, args: list[str]) -> None:
    result = invoke(runner, "score", groups_json, "--goal", "xylophone", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Usage:" in result.stderr and "Traceback" not in result.stderr


# -- input errors (exit 1) --------------------------------------------------------------------


def test_bad_json_line(runner: Any, in_tmp: Path) -> None:
    lines = [json.dumps(GOOD[0]), json.dumps(GOOD[1]), '{"title": "x", bad}', json.dumps(GOOD[2])]
    (in_tmp / "groups.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = score(runner, "groups.jsonl", "--goal", "xylophone")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith("Error: groups.jsonl line 3: not valid JSON (")
    assert result.stderr == (
        "Error: groups.jsonl line 3: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 16)\n"
    )


@pytest.mark.parametrize(
    ("records", "fmt", "message"),
    [
        (
            [{"title": "a"}, {"id": "x"}],
            "json",
            "Error: groups.json record 2: 'title' is required\n",
        ),
        (
            [{"title": "a", "member_count": -5}],
            "json",
            "Error: groups.json record 1: 'member_count' must be a whole number >= 0, got -5\n",
        ),
        (
            [{"title": "a"}, {"title": "b", "member_count": "many"}],
            "json-object",
            "Error: groups.json record 2: 'member_count' must be a whole number >= 0, got 'many'\n"
            "Hint: write counts as 1200, 1,200, 1.200 (thousands), 1.2K or 2M\n",
        ),
        (
            [{"title": "a"}, {"title": "b", "discussions": {"x": 1}}],
            "jsonl",
            "Error: groups.jsonl line 2: 'discussions' must be a list, got an object\n",
        ),
        (
            [{"title": "a", "discussions": [{"title": "t", "date": "soon"}]}],
            "jsonl",
            "Error: groups.jsonl line 1: 'discussions[0].date' (the 1st discussion) must be a "
            "date such as 2026-10-02 "
            "or Nov 12, 2026, got 'soon'\nHint: write the day, month and year, e.g. 2026-10-02\n",
        ),
        (
            [{"title": "a", "member_count": "1"}, {"title": "", "member_count": "2"}],
            "csv",
            "Error: groups.csv line 3: 'title' is required\n",
        ),
        (
            [{"title": "a", "member_count": "-5"}],
            "csv",
            "Error: groups.csv line 2: 'member_count' must be a whole number >= 0, got '-5'\n"
            "Hint: write counts as 1200, 1,200, 1.200 (thousands), 1.2K or 2M\n",
        ),
        (
            [{"title": "a", "effort": {"hours": -2}}],
            "jsonl",
            "Error: groups.jsonl line 1: 'effort.hours' must be a number of hours >= 0, got -2\n",
        ),
        ([5], "json", "Error: groups.json record 1: a group must be a JSON object, got a number\n"),
    ],
)
def test_record_errors(
    runner: Any, in_tmp: Path, write_groups: Any, records: list[Any], fmt: str, message: str
) -> None:
    path = write_groups(in_tmp, records, fmt)
    assert_error(score(runner, path.name, "--goal", "xylophone"), 1, message)


def test_json_syntax_error(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "groups.json").write_text(
        '[\n  {"title": "a"},\n  {"title": }\n]\n', encoding="utf-8"
    )
    result = score(runner, "groups.json", "--goal", "xylophone")
    assert_error(
        result, 1, "Error: groups.json line 3: not valid JSON (Expecting value at column 13)\n"
    )


def test_bad_goals_file(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    write_groups(in_tmp, GOOD, "jsonl")
    (in_tmp / "goals.jsonl").write_text('{"id": "a", "text": "x"}\n{"id": "a", "text": "y"}\n')
    result = score(runner, "groups.jsonl", "--goals", "goals.jsonl")
    assert_error(result, 1, "Error: goals.jsonl line 2: goal id 'a' is already used on line 1\n")


# -- --on-error skip --------------------------------------------------------------------------


def test_skip_keeps_bad_records_untouched(runner: Any, in_tmp: Path) -> None:
    bad_json = '{"title": "x",  bad }  '
    bad_count = '{"title":"Bäckerei", "member_count": -1, "extra": [1, 2]}'
    lines = [json.dumps(GOOD[0]), bad_json, json.dumps(GOOD[1]), bad_count, json.dumps(GOOD[2])]
    (in_tmp / "groups.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = score(
        runner, "groups.jsonl", "--goal", "fintech", "--format", "jsonl",
        "--on-error", "skip", "--rejects", "rejects.jsonl",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert sorted(json.loads(line)["id"] for line in result.stdout.splitlines()) == ["a", "b", "c"]
    assert (in_tmp / "rejects.jsonl").read_text(encoding="utf-8") == f"{bad_json}\n{bad_count}\n"
    assert result.stderr == (
        "Warning: skipped groups.jsonl line 2: not valid JSON "
        "(Expecting property name enclosed in double quotes at column 17)\n"
        "Warning: skipped groups.jsonl line 4: 'member_count' must be a whole number >= 0, "
        "got -1\n"
        "Skipped 2 of 5 records; kept in rejects.jsonl.\n"
    )


def test_skip_json_rejects_are_a_json_array(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    bad = {"title": "b", "member_count": 1.5, "tags": ["x"]}
    write_groups(in_tmp, [GOOD[0], bad, {"id": "no-title"}], "json")
    result = score(
        runner, "groups.json", "--goal", "xylophone", "-f", "json",
        "--on-error", "skip", "--rejects", "rejects.json",
    )  # fmt: skip
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["results"]) == 1
    assert json.loads((in_tmp / "rejects.json").read_text(encoding="utf-8")) == [
        bad, {"id": "no-title"}
    ]  # fmt: skip


def test_skip_without_rejects_file(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    write_groups(in_tmp, [GOOD[0], {"id": "x"}], "jsonl")
    result = score(
        runner, "groups.jsonl", "--goal", "xylophone", "-f", "jsonl", "--on-error", "skip"
    )
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr == (
        "Warning: skipped groups.jsonl line 2: 'title' is required\nSkipped 1 of 2 records.\n"
    )


def test_skip_of_every_record_is_an_error(runner: Any, in_tmp: Path) -> None:
    # A CSV whose columns have other names than their fields: errors name the column too;
    # the ambiguous date's --date-order hint is shown once, as a rerun with it fixes them all.
    rows = [
        "Group Name,About,Posts,Hours",
        "A,farm,,lots",
        'B,farm,"[not json",2',
        'C,farm,"[{""title"": ""x"", ""date"": ""6/1/2026""}]",1',
        'D,farm,"[{""title"": ""y"", ""date"": ""5/2/2026""}]",1',
    ]
    Path("groups.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = score(
        runner, "groups.csv", "--goal", "farm", "--on-error", "skip", "--rejects", "rejects.csv"
    )
    assert result.exit_code == 1, result.stderr
    assert result.stdout == "No groups to show.\n"
    assert result.stderr == (
        "Warning: skipped groups.csv line 2: 'effort.hours' (column 'Hours') must be a number of "
        "hours >= 0, got 'lots'\n"
        "Warning: skipped groups.csv line 3: 'discussions' (column 'Posts') is not valid JSON "
        "(Expecting value at column 2)\n"
        "Warning: skipped groups.csv line 4: 'discussions[0].date' (the 1st discussion, column "
        "'Posts') could be read two ways: '6/1/2026'\n"
        "Hint: say which comes first with --date-order mdy (month) or dmy (day)\n"
        "Warning: skipped groups.csv line 5: 'discussions[0].date' (the 1st discussion, column "
        "'Posts') could be read two ways: '5/2/2026'\n"
        "Skipped 4 of 4 records; kept in rejects.csv.\n"
        "Error: no record of groups.csv could be scored\n"
        "Hint: fix the records the warnings name, then score again\n"
    )
    # The rejects are kept all the same, to be fixed and fed back.
    assert Path("rejects.csv").read_text(encoding="utf-8") == "\n".join(rows) + "\n"
    fixed = score(runner, "rejects.csv", "--goal", "farm", "--date-order", "mdy", "-q")
    assert fixed.exit_code == 1  # lines 2 and 3 are still bad
    assert fixed.stderr == (
        "Error: rejects.csv line 2: 'effort.hours' (column 'Hours') must be a number of hours "
        ">= 0, got 'lots'\n"
    )


def test_skip_of_no_record_at_all_is_not_an_error(runner: Any, in_tmp: Path) -> None:
    Path("groups.jsonl").write_text("", encoding="utf-8")
    result = score(runner, "groups.jsonl", "--goal", "farm", "--on-error", "skip")
    assert result.exit_code == 0
    assert result.stderr == "Warning: groups.jsonl holds no groups\n"


def test_a_nested_field_says_which_item_in_words(runner: Any, in_tmp: Path) -> None:
    # discussions[1] is the second discussion: the path counts from 0, a reader from 1.
    group = {"title": "Olive oil", "discussions": [{"title": "a"}, {"date": "31/31/2026"}]}
    Path("groups.jsonl").write_text(json.dumps(group) + "\n", encoding="utf-8")
    assert_error(
        score(runner, "groups.jsonl", "--goal", "olive oil"),
        1,
        "Error: groups.jsonl line 1: 'discussions[1].date' (the 2nd discussion) must be a date "
        "such as 2026-10-02 or Nov 12, 2026, got '31/31/2026'\n"
        "Hint: write the day, month and year, e.g. 2026-10-02\n",
    )


# -- profile ----------------------------------------------------------------------------------

PROFILE = """\
goal = "sourdough bread baking"
industries = ["Financial Services"]
locations = ["Europe"]
size_range = [10, 20]
hours_per_week = 3

[weights]
relevance = 0.9

[thresholds]
join_at = 0.6
"""


def test_profile_values_used(runner: Any, in_tmp: Path, groups_json: str) -> None:
    (in_tmp / "me.toml").write_text(PROFILE, encoding="utf-8")
    result = score(runner, groups_json, "--profile", "me.toml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    settings = document["settings"]
    assert settings["goals"] == [{"id": "goal", "text": "sourdough bread baking"}]
    assert settings["industries"] == ["Financial Services"]
    assert settings["locations"] == ["Europe"]
    assert settings["size_range"] == [10, 20]
    assert settings["hours_per_week"] == 3.0
    assert settings["weights"]["relevance"] == 0.9
    assert settings["weights"]["size_fit"] == 0.1
    assert settings["join_at"] == 0.6
    assert document["results"][0]["id"] == "sourdough-bakers"
    assert any(r["member_fit"] is not None for r in document["results"])


def test_options_override_the_profile(runner: Any, in_tmp: Path, groups_json: str) -> None:
    (in_tmp / "me.toml").write_text(PROFILE, encoding="utf-8")
    result = score(
        runner, groups_json, "--profile", "me.toml", "--format", "json",
        "--goal", GOAL, "--industry", "Banking", "--industry", "Insurance",
        "--location", "Germany", "--size-range", "100:900", "--hours-per-week", "5",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    settings = document["settings"]
    assert settings["goals"][0]["text"] == GOAL
    assert settings["industries"] == ["Banking", "Insurance"]
    assert settings["locations"] == ["Germany"]
    assert settings["size_range"] == [100, 900]
    assert settings["hours_per_week"] == 5.0
    assert settings["weights"]["relevance"] == 0.9  # not overridden: still the profile's
    fits = {r["id"]: r["member_fit"] for r in document["results"]}
    # Its members work in Financial Services across Europe: few in Banking in Germany.
    assert fits["fintech-cto-europe"] is not None and fits["fintech-cto-europe"] < 0.5


@pytest.mark.parametrize(
    ("text", "code", "message"),
    [
        ("goal = ", 1, "Error: me.toml: not valid TOML ("),
        ('goal = "x"\ncolour = "red"\n', 1, "Error: me.toml: unknown key 'colour'\nHint: "),
        ("size_range = [5, 2]\n", 1, "Error: me.toml: 'size_range' must be [MIN, MAX]"),
        (  # said of the profile's key, not of the --industry option
            'goal = "x"\nindustries = ["--"]\n',
            1,
            "Error: me.toml: 'industries': '--' has no word to match\n"
            'Hint: give each of industries a name with words, e.g. industries = ["Financial',
        ),
        # A profile's content is data: its [weights] and [thresholds] exit 1 as its other keys.
        ('goal = "x"\n[weights]\nfun = 1\n', 1, "Error: me.toml: [weights] unknown weight 'fun'\n"),
        (
            'goal = "x"\n[weights]\nrelevance = -1\n',
            1,
            "Error: me.toml: [weights] relevance must be 0 or more, got -1\n",
        ),
        (
            'goal = "x"\n[thresholds]\njoin_at = 2\n',
            1,
            "Error: me.toml: [thresholds] join_at must be between 0.0 and 1.0, got 2\n",
        ),
        (
            'goal = "x"\n[thresholds]\njoin_at = "high"\n',
            1,
            "Error: me.toml: [thresholds] join_at must be a number, got 'high'\n",
        ),
        (
            'goal = "x"\n[thresholds]\njoin_att = 0.5\n',
            1,
            "Error: me.toml: [thresholds] unknown setting 'join_att'\n",
        ),
        ('goal = "x"\nhours_per_week = "three"\n', 1, "Error: me.toml: 'hours_per_week' must be"),
        (
            'goal = "x"\nhours_per_week = 200\n',
            1,
            "Error: me.toml: 'hours_per_week' 200 is more than a week (168 hours)\n",
        ),
    ],
)
def test_bad_profile(
    runner: Any, in_tmp: Path, groups_json: str, text: str, code: int, message: str
) -> None:
    (in_tmp / "me.toml").write_text(text, encoding="utf-8")
    result = score(runner, groups_json, "--profile", "me.toml")
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.stderr


def test_profile_goal_file_is_relative_to_the_profile(
    runner: Any, in_tmp: Path, groups_json: str
) -> None:
    (in_tmp / "prof").mkdir()
    (in_tmp / "prof" / "g.txt").write_text("kubernetes operators\n", encoding="utf-8")
    (in_tmp / "prof" / "me.toml").write_text('goal_file = "g.txt"\n', encoding="utf-8")
    result = score(runner, groups_json, "--profile", "prof/me.toml", "-f", "json")
    assert result.exit_code == 0, result.stderr
    goals = json.loads(result.stdout)["settings"]["goals"]
    assert goals == [{"id": "goal", "text": "kubernetes operators"}]
    (in_tmp / "prof" / "bad.toml").write_text('goal_file = "nope.txt"\n', encoding="utf-8")
    result = score(runner, groups_json, "--profile", "prof/bad.toml")
    assert_error(result, 1, "Error: prof/bad.toml: 'goal_file' prof/nope.txt cannot be read\n")


def test_hours_per_week_checked(runner: Any, groups_json: str) -> None:
    result = score(runner, groups_json, "--goal", "xylophone", "--hours-per-week", "200")
    assert_error(result, 2, "Error: hours_per_week must be between 0.0 and 168.0, got 200.0\n")


ZERO_WEIGHTS = 'goal = "x"\n[weights]\n' + "".join(
    f"{s.name} = 0\n" for s in TABLE if s.weight and s.role != "penalty"
)


def test_all_zero_weights_is_an_error_of_the_profile(
    runner: Any, in_tmp: Path, groups_json: str
) -> None:
    # Regression: recommend.overall used to raise ValueError (a traceback).
    (in_tmp / "me.toml").write_text(ZERO_WEIGHTS, encoding="utf-8")
    result = runner.invoke(app, ["score", groups_json, "--profile", "me.toml", "--jobs", "1"])
    assert_error(
        result,
        1,
        "Error: me.toml: [weights] every weight is 0\n"
        "Hint: give at least one signal a weight above 0\n",
    )


def test_missing_profile(runner: Any, in_tmp: Path, groups_json: str) -> None:
    result = score(runner, groups_json, "--profile", "me.toml")
    assert_error(result, 2, "Error: me.toml: no such profile file\n")


# -- explain ----------------------------------------------------------------------------------


def test_explain(runner: Any, groups_json: str, examples_dir: Path) -> None:
    result = invoke(
        runner, "explain", groups_json, "--group", "fintech-innovators-hub",
        "--profile", str(examples_dir / "profile.toml"), "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert text.startswith("Fintech Innovators Hub")
    for name in SIGNALS:
        assert f"\n{name} " in text, name
    assert "OFF TOPIC" in text
    assert re.search(
        r"consistency +[0-9.]+ +[0-9.]+ < misleading_below [0-9.]+:\s+misleading;", text
    )


def test_explain_json(runner: Any, groups_json: str) -> None:
    result = invoke(
        runner, "explain", groups_json, "--group", "sourdough-bakers", "--goal", GOAL,
        "--format", "json", "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["group"]["id"] == "sourdough-bakers"
    assert data["result"]["decision"] == "SKIP"
    assert set(data["evidence"]) >= {"relevance", "consistency", "drift", "activity"}


def test_explain_unknown_group(runner: Any, groups_json: str) -> None:
    result = invoke(runner, "explain", groups_json, "--group", "nope", "--goal", "xylophone")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Error: no group with id 'nope' or a title that holds it\n"
        "Hint: ids in the file start: fintech-cto-europe, "
    )


# -- models and train -------------------------------------------------------------------------


def test_models_list(runner: Any, tmp_path: Path) -> None:
    result = invoke(runner, "models", "--models-dir", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["name"], r["origin"]) for r in rows] == [("default", "shipped")]
    assert rows[0]["documents"] > 0 and rows[0]["vocabulary"] > 0
    table = invoke(runner, "models", "--models-dir", str(tmp_path))
    assert table.stdout.splitlines()[0].split() == [
        "NAME", "DOCUMENTS", "VOCABULARY", "CREATED", "WHERE"
    ]  # fmt: skip
    assert table.stdout.splitlines()[1].startswith("default ")


def test_models_show(runner: Any, tmp_path: Path) -> None:
    table = invoke(runner, "models", "show", "default", "--models-dir", str(tmp_path))
    assert table.exit_code == 0, table.stderr
    assert table.stdout.splitlines()[1].split() == ["name", "default"]
    assert "versions.scikit-learn" in table.stdout
    result = invoke(runner, "models", "show", "default", "--format", "json")
    assert result.exit_code == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["name"] == "default"
    assert manifest["format_version"] == 1
    assert len(manifest["model_sha256"]) == 64


def test_models_show_unknown(runner: Any, tmp_path: Path) -> None:
    result = invoke(runner, "models", "show", "nope", "--models-dir", str(tmp_path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: no model named 'nope' (looked in {tmp_path}/nope)\n")


def test_train_then_score_with_the_model(runner: Any, in_tmp: Path, write_groups: Any) -> None:
    corpus = in_tmp / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Zyxplorion ledger reconciliation for accountants.")
    (corpus / "b.md").write_text("# Maritime law\n\nShips, cargo claims and salvage.")
    (corpus / "c.jsonl").write_text('{"text": "admiralty courts"}\n{"text": "bread baking"}\n')
    (in_tmp / "goals.txt").write_text("find maritime lawyers\n")
    result = invoke(
        runner, "train", "corpus", "--goals", "goals.txt", "--name", "maritime",
        "--models-dir", "models",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Trained 'maritime' on 5 documents: ")
    manifest = json.loads((in_tmp / "models" / "maritime" / "manifest.json").read_text())
    assert manifest["documents"] == 5 and manifest["goals"] == 1
    assert manifest["corpus_files"] == 3

    listed = json.loads(invoke(runner, "models", "--models-dir", "models", "-f", "json").stdout)
    assert [r["name"] for r in listed] == ["default", "maritime"]

    write_groups(in_tmp, [{"id": "law", "title": "Maritime Lawyers"}, GOOD[1]], "jsonl")
    result = score(
        runner, "groups.jsonl", "--goal", "maritime law", "--model", "maritime",
        "--models-dir", "models", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["settings"]["model"] == "maritime"
    assert document["results"][0]["id"] == "law"

    again = invoke(runner, "train", "corpus", "--name", "maritime", "--models-dir", "models")
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: a model named 'maritime' exists already")

    removed = invoke(runner, "models", "remove", "maritime", "--models-dir", "models")
    assert removed.exit_code == 0
    assert removed.stdout.startswith("Removed 'maritime'")
    assert not (in_tmp / "models" / "maritime").exists()


def test_models_dir_from_environment(
    runner: Any, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / "a.txt").write_text("harbour pilots")
    monkeypatch.setenv("RELEVANCE_MODELS", str(in_tmp / "env-models"))
    assert invoke(runner, "train", "a.txt", "--name", "pilots", "-q").exit_code == 0
    assert (in_tmp / "env-models" / "pilots" / "manifest.json").is_file()


def test_score_with_unknown_model(runner: Any, in_tmp: Path, groups_json: str) -> None:
    result = score(
        runner, groups_json, "--goal", "xylophone", "--model", "nope", "--models-dir", "m"
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: no model named 'nope' (looked in m/nope)\nHint: ")


def test_remove_default_refused(runner: Any, tmp_path: Path) -> None:
    result = invoke(runner, "models", "remove", "default", "--models-dir", str(tmp_path))
    assert_error(result, 2, "Error: the shipped 'default' model cannot be removed\n")


# -- help and process-level runs --------------------------------------------------------------


def test_help(runner: Any) -> None:
    result = invoke(runner, "--help")
    assert result.exit_code == 0
    for command in ("score", "explain", "train", "models"):
        assert command in result.stdout


def test_no_arguments_shows_help(runner: Any) -> None:
    result = invoke(runner)
    assert result.exit_code in (0, 2)
    assert "score" in result.stdout + result.stderr


def _env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"RELEVANCE_MODELS", "XDG_DATA_HOME"}}
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env.update(changes)
    return env


def test_python_m_relevance_help(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "relevance", "--help"],
        capture_output=True, text=True, cwd=tmp_path, env=_env(), timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Usage:" in done.stdout and "score" in done.stdout


def test_runs_with_empty_home_and_nltk_data(tmp_path: Path, examples_dir: Path) -> None:
    home, nltk_data, work = tmp_path / "home", tmp_path / "nltk_data", tmp_path / "work"
    for folder in (home, nltk_data, work):
        folder.mkdir()
    done = subprocess.run(
        [
            sys.executable, "-m", "relevance", "score", str(examples_dir / "groups.json"),
            "--goal", GOAL, "--format", "jsonl", "--today", TODAY,
        ],
        capture_output=True, text=True, cwd=work, timeout=120,
        env=_env(HOME=str(home), NLTK_DATA=str(nltk_data), USERPROFILE=str(home)),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(rows) == 14
    assert rows[0]["id"] == "fintech-cto-europe"
    # Nothing was downloaded or written into the empty folders.
    assert list(home.iterdir()) == [] and list(nltk_data.iterdir()) == []
    assert list(work.iterdir()) == []


def test_explain_takes_part_of_a_title(runner: Any, examples_dir: Path) -> None:
    groups = str(examples_dir / "groups.json")
    common = ["explain", groups, "--goal", GOAL, "--today", TODAY, "--format", "json"]
    by_id = invoke(runner, *common, "--group", "sourdough-bakers")
    by_title = invoke(runner, *common, "--group", "SOURDOUGH bakers")
    assert by_title.exit_code == 0, by_title.stderr
    assert by_title.stdout == by_id.stdout  # the same group, scored in the same chunk
    several = invoke(runner, *common, "--group", "payments")
    assert several.exit_code == 2
    assert several.stderr == (
        "Error: 'payments' matches 2 groups' titles: payments-compliance-forum (Payments "
        "Compliance & RegTech Forum), london-payments-engineers (London Payments Engineers)\n"
        "Hint: give the group's id or more of its title\n"
    )


def test_explain_folds_accents_and_case_of_a_title(runner: Any, in_tmp: Path) -> None:
    # The reasons print "oleicolas, jaen": those words must find the group.
    groups = [
        {"id": "g1", "title": "Cooperativas Oleícolas de Jaén", "description": "Aceite de oliva"},
        {"id": "g2", "title": "Riego en Andalucía", "description": "Riego por goteo"},
    ]
    Path("groups.json").write_text(json.dumps(groups), encoding="utf-8")
    common = ["explain", "groups.json", "--goal", "aceite de oliva", "--today", TODAY, "-f", "json"]
    by_id = invoke(runner, *common, "--group", "g1")
    assert by_id.exit_code == 0, by_id.stderr
    for part in ("oleicolas", "OLEÍCOLAS DE JAEN", "jaén"):
        by_title = invoke(runner, *common, "--group", part)
        assert by_title.exit_code == 0, by_title.stderr
        assert by_title.stdout == by_id.stdout
    assert_error(
        invoke(runner, *common, "--group", "oleicola jaen"),
        2,
        "Error: no group with id 'oleicola jaen' or a title that holds it\n"
        "Hint: ids in the file start: g1, g2\n",
    )


def test_a_short_spanish_goal_matches_no_stop_word_nor_framing(runner: Any, in_tmp: Path) -> None:
    # review7 D10: read as English, this goal matched "de" (0.085) and missed "conocer".
    titles = [
        "AgTech Spain",
        "Cooperativas Oleícolas de Jaén",
        "Smart Farming Europe",
        "Crypto Farmers Club",
    ]
    Path("titles.csv").write_text("title\n" + "\n".join(titles) + "\n", encoding="utf-8")
    goal = "Conocer cooperativas oleícolas de Jaén"
    result = invoke(runner, "explain", "titles.csv", "--goal", goal, "--today", TODAY,
                    "--group", "jaen")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[7:9] == [
        "Reason: Its title matches your goal: oleicolas, jaen, cooperativas (relevance",
        "  0.97).",
    ]
    assert lines[12:14] == [
        "  matched goal terms: oleicolas 0.205, jaen 0.193, cooperativas 0.154",
        "  goal words not in title or description: none",
    ]
