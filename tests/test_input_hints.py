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
        "Error: groups.json record 1: 'discussions[0].date' (the 1st discussion) is not a day "
        "of the calendar: "
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
        1,
        "Error: profile.toml: [thresholds] join_at must be between 0.0 and 1.0, got 1.5\n",
    )


# -- a joined_on after the run's today (review4 item 7) -----------------------------------------

JOINED = {"title": "Bridges", "joined": True, "joined_on": "2026-11-02"}
FUTURE = {"title": "Ports", "joined": True, "joined_on": "2027-05-01", "effort": {"hours": 3}}
FUTURE_ERROR = (
    "'joined_on' 2027-05-01 is after today (2026-11-29)\n"
    "Hint: check the year and the month: a group is joined on or before the day of the run\n"
)


def test_a_joined_on_after_today_is_bad_data(runner: object) -> None:
    Path("groups.json").write_text(json.dumps([JOINED, FUTURE]), encoding="utf-8")
    assert_error(
        score(runner, "groups.json", "--goal", "bridges"),
        1,
        "Error: groups.json record 2: " + FUTURE_ERROR,
    )


def test_a_joined_on_after_today_in_a_csv_names_the_line(runner: object) -> None:
    Path("groups.csv").write_text(
        "title,joined,joined_on\nBridges,true,2026-11-02\nPorts,true,May 1 2027\n",
        encoding="utf-8",
    )
    assert_error(
        score(runner, "groups.csv", "--goal", "bridges"),
        1,
        "Error: groups.csv line 3: " + FUTURE_ERROR,
    )


def test_a_joined_on_after_today_goes_to_the_rejects(runner: object) -> None:
    Path("groups.json").write_text(json.dumps([JOINED, FUTURE]), encoding="utf-8")
    result = score(
        runner, "groups.json", "--goal", "bridges", "--on-error", "skip",
        "--rejects", "rejects.json", "--format", "csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Warning: skipped groups.json record 2: 'joined_on' 2027-05-01 is after today "
        "(2026-11-29)\nSkipped 1 of 2 records; kept in rejects.json.\n"
    )
    rows = result.stdout.splitlines()[1:]
    assert [row.split(",")[2] for row in rows] == ["Bridges"]  # 1 result + 1 reject = 2 records
    assert json.loads(Path("rejects.json").read_text(encoding="utf-8")) == [FUTURE]


def test_the_day_joined_may_be_today(runner: object) -> None:
    Path("groups.json").write_text(json.dumps([{**FUTURE, "joined_on": "2026-11-29"}]), "utf-8")
    result = score(runner, "groups.json", "--goal", "ports", "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""


def test_without_today_the_computer_date_is_today(runner: object) -> None:
    from datetime import date, timedelta

    from tests.test_cli import invoke

    now = date.today()
    day = now + timedelta(days=1)
    Path("groups.json").write_text(json.dumps([{**FUTURE, "joined_on": day.isoformat()}]), "utf-8")
    assert_error(
        invoke(runner, "score", "groups.json", "--goal", "ports", "--jobs", "1"),
        1,
        f"Error: groups.json record 1: 'joined_on' {day.isoformat()} is after today "
        f"({now.isoformat()})\nHint: check the year and the month: a group is joined on or "
        "before the day of the run\n",
    )


def test_explain_and_record_refuse_a_joined_on_after_their_day(runner: object) -> None:
    from tests.test_cli import invoke

    Path("groups.json").write_text(json.dumps([JOINED, FUTURE]), encoding="utf-8")
    explain = ("explain", "groups.json", "--goal", "bridges", "--group", "Bridges")
    assert_error(
        invoke(runner, *explain, "--today", "2026-11-29"),
        1,
        "Error: groups.json record 2: " + FUTURE_ERROR,
    )
    record = ("record", "groups.json", "--goal", "bridges", "--ledger", "ledger.sqlite")
    assert_error(
        invoke(runner, *record, "--date", "2026-11-29"),
        1,
        "Error: groups.json record 2: " + FUTURE_ERROR,
    )


def test_the_library_refuses_a_joined_on_after_its_today() -> None:
    from datetime import date

    from relevance import Analyzer
    from relevance.errors import InputError

    analyzer = Analyzer(today=date(2026, 11, 29))
    with pytest.raises(InputError) as raised:
        analyzer.score([JOINED, FUTURE], goal="bridges")
    assert str(raised.value).splitlines()[0] == "record 2: " + FUTURE_ERROR.splitlines()[0]
    assert len(analyzer.score([JOINED], goal="bridges")) == 1
