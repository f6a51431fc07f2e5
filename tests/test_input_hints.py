"""Bad input a new user made (a trial in three fields): each error names what is wrong and how
to mend it, on standard error, with exit 1 for bad data and 2 for bad usage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import assert_error, score


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # errors name the file as given


def test_a_day_that_is_not_in_the_calendar(runner: object) -> None:
    group = {"title": "Bridges", "discussions": [{"title": "Load rating", "date": "2026-02-30"}]}
    Path("groups.json").write_text(json.dumps([group]), encoding="utf-8")
    assert_error(
        score(runner, "groups.json", "--goal", "bridges"),
        1,
        "Error: groups.json record 1: 'discussions[0].date' is not a day of the calendar: "
        "'2026-02-30'\n"
        "Hint: check the day and the month (year-month-day; February has 28 or 29 days)\n",
    )


def test_a_comma_that_was_not_quoted(runner: object) -> None:
    Path("groups.csv").write_text(
        "title,member_count\nPorts, Shipping and Logistics,1200\n", encoding="utf-8"
    )
    assert_error(
        score(runner, "groups.csv", "--goal", "ports"),
        1,
        "Error: groups.csv line 2: has 3 cells but the header has 2 columns\n"
        'Hint: a cell with a comma in it goes in double quotes: "Ports, Shipping and Logistics"\n',
    )


def test_a_title_under_another_key(runner: object) -> None:
    Path("groups.json").write_text(json.dumps([{"name": "Port of Hamburg"}]), encoding="utf-8")
    assert_error(
        score(runner, "groups.json", "--goal", "ports"),
        1,
        "Error: groups.json record 1: 'title' is required\n"
        "Hint: the title seems to be under 'name': call that key 'title'\n",
    )


def test_an_empty_json_file(runner: object) -> None:
    Path("groups.json").write_text("", encoding="utf-8")
    assert_error(
        score(runner, "groups.json", "--goal", "ports"),
        1,
        "Error: groups.json: the file is empty: no JSON document in it\n",
    )


@pytest.mark.parametrize("name", ["groups.xlsx", "groups.ods"])
def test_a_spreadsheet_workbook(runner: object, name: str) -> None:
    Path(name).write_bytes(b"PK\x03\x04binary")
    extension = name.rsplit(".", 1)[1]
    assert_error(
        score(runner, name, "--goal", "ports"),
        2,
        f"Error: {name}: a spreadsheet workbook (.{extension}), not a text file; save it as "
        "CSV (in Excel: File > Save As > CSV UTF-8) and score that\n",
    )


def test_a_profile_threshold_out_of_range_names_the_file(runner: object) -> None:
    Path("groups.json").write_text(json.dumps([{"title": "Ports"}]), encoding="utf-8")
    Path("profile.toml").write_text('goal = "ports"\n[thresholds]\njoin_at = 1.5\n', "utf-8")
    assert_error(
        score(runner, "groups.json", "--profile", "profile.toml"),
        2,
        "Error: profile.toml: [thresholds] join_at must be between 0.0 and 1.0, got 1.5\n",
    )
