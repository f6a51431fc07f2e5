"""Command-line tests for issue 11: output formats, help, progress, explain at 80 columns, and
files as people export them. Exact output, standard error and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app
from relevance.io.writers import CSV_COLUMNS
from relevance.schema import SIGNALS

TODAY = "2026-11-29"


def invoke(runner: Any, *args: str, input: str | None = None) -> Any:
    result = runner.invoke(app, list(args), input=input, env={"COLUMNS": "80"})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def score(runner: Any, *args: str, input: str | None = None) -> Any:
    return invoke(runner, "score", *args, "--today", TODAY, "--jobs", "1", input=input)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("RELEVANCE_MODELS", raising=False)
    return tmp_path


# -- the output format follows -o -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("out.csv", ",".join(CSV_COLUMNS) + "\n"),
        ("OUT.CSV", ",".join(CSV_COLUMNS) + "\n"),
        ("out.json", "{\n"),
        ("out.jsonl", '{"goal_id": "goal", "id": "a"'),
        ("out.ndjson", '{"goal_id": "goal", "id": "a"'),
        ("out.html", "<!DOCTYPE html>\n"),
        ("out.txt", "#  decision  overall"),
        ("out", "#  decision  overall"),
    ],
)
def test_format_follows_the_output_extension(
    runner: Any, in_tmp: Path, write_groups: Any, name: str, starts: str
) -> None:
    write_groups(in_tmp, [{"id": "a", "title": "Fintech CTOs"}], "jsonl")
    result = score(runner, "groups.jsonl", "--goal", "fintech", "-o", name)
    assert result.exit_code == 0, result.stderr
    assert (result.stdout, result.stderr) == ("", "")
    assert (in_tmp / name).read_text(encoding="utf-8").startswith(starts)


def test_format_option_wins_over_the_extension(
    runner: Any, in_tmp: Path, write_groups: Any
) -> None:
    write_groups(in_tmp, [{"id": "a", "title": "Fintech CTOs"}], "jsonl")
    result = score(runner, "groups.jsonl", "--goal", "fintech", "-o", "x.csv", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads((in_tmp / "x.csv").read_text(encoding="utf-8"))["results"][0]["id"] == "a"


# -- explain at 80 columns --------------------------------------------------------------------


def test_explain_fits_80_columns_for_every_example_group(
    runner: Any, examples_dir: Path, example_groups: Any
) -> None:
    from relevance.display import width

    profile = str(examples_dir / "profile.toml")
    for group in example_groups:
        result = invoke(
            runner, "explain", str(examples_dir / "groups.json"), "--group", group["id"],
            "--profile", profile, "--today", TODAY,
        )  # fmt: skip
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(width(line) for line in lines) <= 80, group["id"]
        # Each signal's line starts at the left edge; what is wrapped is indented.
        names = [line.split()[0] for line in lines[lines.index("", 4) :] if line[:1].isalpha()]
        assert names[-len(SIGNALS) :] == list(SIGNALS)


def test_explain_shows_each_threshold_beside_its_number(
    runner: Any, in_tmp: Path, write_groups: Any
) -> None:
    group = {
        "id": "g",
        "title": "Fintech CTOs Europe",
        "description": "Fintech CTOs of Europe meet here.",
        "member_count": 120,
        "joined": True,
        "joined_on": "2026-01-05",
        "effort": {"hours": 12, "connections": 0, "replies": 1},
        "discussions": [
            {"title": "Fintech CTOs in Europe: hiring", "date": "2026-11-20"},
            {"title": "Europe fintech CTO dinner", "date": "2026-10-02"},
        ],
    }
    write_groups(in_tmp, [group], "jsonl")
    result = invoke(
        runner, "explain", "groups.jsonl", "--group", "g", "--goal", "fintech CTOs in Europe",
        "--today", TODAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "Decision: STAY   overall 0.54 >= leave_below 0.35\n" in text
    assert "consistency          0.91  0.91 >= misleading_below 0.50: not misleading; 1 -\n" in text
    assert "120 members; size fit 1 from 300 to 5,000\n" in text
    assert text.endswith(
        "return_on_time       0.15  12 hours -> 0 connections, 1 reply;\n"
        "                           0.15 >= leave_return_below 0.15,\n"
        "                           hours 12.0 >= leave_min_hours 10.0\n"
    )


# -- progress and results on one terminal -----------------------------------------------------


def _screen(raw: str) -> list[str]:
    """What a terminal shows for this output: each carriage return goes back to column 0."""
    shown = []
    for line in raw.replace("\r\n", "\n").split("\n"):
        cells: list[str] = []
        for part in line.split("\r"):
            cells[: len(part)] = part
        shown.append("".join(cells).rstrip())
    return shown


def test_progress_line_is_cleared_before_the_table(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    groups = tmp_path / "many.jsonl"
    lines = [
        json.dumps({"id": f"g{i}", "title": f"Group {i} of payments", "member_count": 900})
        for i in range(6000)
    ]
    groups.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "relevance", "score", str(groups), "--goal", "payments"]
    command += ["--top", "2", "--chunk-size", "500", "--jobs", "1", "--today", TODAY]
    main, terminal = pty.openpty()
    env = {**os.environ, "COLUMNS": "80"}
    with subprocess.Popen(command, stdout=terminal, stderr=terminal, env=env) as process:
        os.close(terminal)
        chunks = []
        while True:
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closed: the command is done
                break
            if not data:
                break
            chunks.append(data)
        assert process.wait() == 0
    os.close(main)
    raw = b"".join(chunks).decode("utf-8")
    # Drawn, then blanked before the table is printed.
    # (The last count drawn may be any chunk's from 5,000 on: a slow machine draws 5,500 too.)
    assert re.search(r"\r[56],[05]00 groups  [0-9,]+ groups/s\r +\r#  decision", raw)
    screen = _screen(raw)
    assert screen[0].split() == ["#", "decision", "overall", "relevance", "!", "title", "id"]
    assert re.match(r"1  [A-Z]+ ", screen[1])  # ... and the table starts on a clean line
    assert re.fullmatch(r"6,000 groups  [0-9,]+ groups/s", screen[-2])
    assert screen[-1] == ""
    assert "! = title not borne out by the discussions" not in screen  # no row is flagged


# -- help, version, completion ----------------------------------------------------------------

MAIN_HELP = """\
Usage: relevance [OPTIONS] COMMAND [ARGS]...

  Tells a professional which online groups are worth their time.

Options:
  -V, --version         Print the version and exit.
  --install-completion  Install completion for the current shell.
  --show-completion     Show completion for the current shell, to copy it or
                        customize the installation.
  -h, --help            Show this message and exit.

Commands:
  score    Score groups against your goal: a ranked, explained decision each.
  explain  Print every signal of one group with the evidence behind it.
  train    Train a model on your own corpus and goals, for score --model.
"""


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_main_help(runner: Any, flag: str) -> None:
    result = invoke(runner, flag)
    assert (result.exit_code, result.stderr) == (0, "")
    # Exact up to the first commands; other commands follow, none of them cut short.
    assert result.stdout.startswith(MAIN_HELP)
    commands = result.stdout[result.stdout.index("Commands:") :]
    assert "..." not in commands and "  models   List, show and remove trained models.\n" in (
        result.stdout
    )


def test_version(runner: Any) -> None:
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        result = invoke(runner, flag)
        assert (result.exit_code, result.stderr) == (0, "")
        assert result.stdout == f"relevance {version('group-relevance')}\n"


def test_shell_completion_script(runner: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # Typer asks shellingham which shell runs the process; under a tool that starts pytest
    # without one (no shell among the parent processes) there is none to find: say it is bash.
    import shellingham

    monkeypatch.setattr(shellingham, "detect_shell", lambda *_: ("bash", "/bin/bash"))
    result = invoke(runner, "--show-completion", "bash")
    assert result.exit_code == 0, (result.output, result.exception)
    assert "_relevance_completion()" in result.stdout
    assert "complete -o default -F _relevance_completion relevance" in result.stdout


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        (["score"], "Usage: relevance score [OPTIONS] FILE\n"),
        (["explain"], "Usage: relevance explain [OPTIONS] FILE\n"),
        (["train"], "Usage: relevance train [OPTIONS] CORPUS...\n"),
        (["models", "show"], "Usage: relevance models show [OPTIONS] NAME\n"),
        (["models", "remove"], "Usage: relevance models remove [OPTIONS] NAME\n"),
    ],
)
def test_command_help_conventions(runner: Any, command: list[str], usage: str) -> None:
    result = invoke(runner, *command, "-h")
    assert result.exit_code == 0 and result.stderr == ""
    text = result.stdout
    assert text.startswith(usage)
    # No Python type names or braces; an example or more at the end.
    assert not re.search(r"<(str|int|float|list|bool)|\{[A-Z]", text)
    assert "\n  Examples:\n    relevance " in text


def test_score_help_lists_choices_and_defaults(runner: Any) -> None:
    text = " ".join(invoke(runner, "score", "--help").stdout.split())
    assert "-f, --format FORMAT table, json, jsonl, csv or html [default: from the -o " in text
    assert "--input-format FORMAT json, jsonl, csv, reddit or meetup (API JSON) [default: " in text
    assert "--sort FIELD Sort by overall or a signal: relevance, discussion_relevance, " in text
    assert (
        "--on-error MODE On a bad record: fail (stop with an error) or skip (warn, go on)" in text
    )
    assert "[default: fail]" in text and "[default: 300:5000]" in text
    assert "--reasons WHICH Reasons under each table row: first, all or none [default: first]" in (
        text
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "xml"], "Invalid value for '--format' / '-f': 'xml' is not one of table, json, "
         "jsonl, csv, html"),
        (["--reasons", "some"], "Invalid value for '--reasons': 'some' is not one of first, all, "
         "none"),
        (["--on-error", "maybe"], "Invalid value for '--on-error': 'maybe' is not one of fail, "
         "skip"),
        (["--input-format", "xml"], "Invalid value for '--input-format': 'xml' is not one of "
         "json, jsonl, csv, reddit, meetup"),
    ],
)  # fmt: skip
def test_bad_choice_names_the_choices(runner: Any, args: list[str], message: str) -> None:
    result = score(runner, "groups.json", "--goal", "x", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        "Usage: relevance score [OPTIONS] FILE\n"
        "Try 'relevance score -h' for help.\n\n"
        f"Error: {message}\n"
    )


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    for name, sub in getattr(command, "commands", {}).items():
        paths += _command_paths(sub, (*path, name))
    return paths


def test_every_command_help_names_arguments_plainly(runner: Any) -> None:
    import typer.main

    for path in _command_paths(typer.main.get_command(app)):
        result = invoke(runner, *path, "--help")
        assert result.exit_code == 0, path
        usage = result.stdout.splitlines()[0]
        assert not re.search(r"<[a-z]|\{", usage), usage
        assert not re.search(r"[A-Z.]+ <(str|int|float|list|bool|Path)", result.stdout), path


# -- files as people have them ----------------------------------------------------------------

LINKEDIN = (
    "Group Name,Members,About,Group URL,Joined Date\n"
    'Fintech CTOs Europe,"1,200",CTOs of fintech start-ups in Europe,https://x/1,6/1/2026\n'
    'Payments Engineers,1.2K,Payment engineers,https://x/2,"Nov 12, 2025"\n'
    "Bakers,2M,Bread,https://x/3,\n"
)


def _jsonl(result: Any) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_export_headers_counts_and_dates(runner: Any, in_tmp: Path) -> None:
    from relevance.signals.size import size_fit

    (in_tmp / "linkedin.csv").write_text(LINKEDIN, encoding="utf-8")
    result = score(runner, "linkedin.csv", "--goal", "fintech CTOs", "--date-order", "mdy",
                   "-f", "jsonl")  # fmt: skip
    rows = _jsonl(result)
    assert result.stderr == ""
    assert [(r["title"], r["decision"], r["joined"]) for r in rows] == [
        ("Fintech CTOs Europe", "STAY", True),  # a joined date means you joined
        ("Payments Engineers", "LEAVE", True),
        ("Bakers", "SKIP", False),
    ]
    two_million = round(float(size_fit([2_000_000], 300, 5000)[0]), 4)
    assert [r["size_fit"] for r in rows] == [1.0, 1.0, two_million]


def test_ambiguous_date_asks_for_the_order(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "linkedin.csv").write_text(LINKEDIN, encoding="utf-8")
    result = score(runner, "linkedin.csv", "--goal", "fintech CTOs")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        # The column the user sees, not only the field it fills.
        "Error: linkedin.csv line 2: 'joined_on' (column 'Joined Date') could be read two ways: "
        "'6/1/2026'\n"
        "Hint: say which comes first with --date-order mdy (month) or dmy (day)\n"
    )


@pytest.mark.parametrize(
    ("cell", "count"),
    [("1,200", 1200), ("1.200", 1200), ("1 200", 1200), ("1.2K", 1200), ("12k", 12000),
     ("2M", 2_000_000), ("1,5K", 1500), ("10K+", 10000), ("3,046 members", 3046),
     ("1840.0", 1840)],
)  # fmt: skip
def test_counts_as_people_write_them(runner: Any, in_tmp: Path, cell: str, count: int) -> None:
    from relevance.signals.size import size_fit

    (in_tmp / "g.csv").write_text(f'title,member_count\nBakers,"{cell}"\n', encoding="utf-8")
    rows = _jsonl(score(runner, "g.csv", "--goal", "bakers", "-f", "jsonl"))
    assert rows[0]["size_fit"] == round(float(size_fit([count], 300, 5000)[0]), 4)


def test_a_count_that_is_not_whole(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "g.csv").write_text("title,member_count\nA,1.5\n", encoding="utf-8")
    result = score(runner, "g.csv", "--goal", "bakers")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: g.csv line 2: 'member_count' must be a whole number >= 0, got '1.5'\n"
        "Hint: write counts as 1200, 1,200, 1.200 (thousands), 1.2K or 2M\n"
    )


def test_columns_option_names_any_header(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "g.csv").write_text("Label,Headcount,Blurb\nBakers,400,Bread\n", encoding="utf-8")
    result = score(runner, "g.csv", "--goal", "bakers")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: g.csv line 1: the header has no column for the group's title (found: Label, "
        "Headcount, Blurb)\n"
        'Hint: name it with --columns "Your Column=title", or call the column title or name\n'
    )
    named = "label=title, HEADCOUNT=member_count,Blurb=description"
    rows = _jsonl(score(runner, "g.csv", "--goal", "bakers", "-f", "jsonl", "--columns", named))
    assert (rows[0]["title"], rows[0]["size_fit"]) == ("Bakers", 1.0)


def test_columns_option_names_json_keys(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "g.json").write_text('[{"Label": "Bakers", "Headcount": "1.2K"}]', encoding="utf-8")
    rows = _jsonl(score(runner, "g.json", "--goal", "bakers", "-f", "jsonl",
                        "--columns", "Label=title,Headcount=member_count"))  # fmt: skip
    assert (rows[0]["title"], rows[0]["size_fit"]) == ("Bakers", 1.0)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Label", "Error: --columns: 'Label' is not COLUMN=FIELD\n"
         'Hint: write --columns "Group Name=title,Members=member_count"\n'),
        ("Label=name", "Error: --columns: 'name' is not a group field\n"
         "Hint: fields are id, title, description, url, member_count, members, discussions, "
         "joined, joined_on, effort, effort.hours, ...; - leaves a column out\n"),
    ],
)  # fmt: skip
def test_bad_columns_option(runner: Any, in_tmp: Path, value: str, message: str) -> None:
    (in_tmp / "g.csv").write_text("title\nA\n", encoding="utf-8")
    result = score(runner, "g.csv", "--goal", "bakers", "--columns", value)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_members_holding_a_count(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "g.json").write_text('[{"title": "Bakers", "members": 1200}]', encoding="utf-8")
    result = score(runner, "g.json", "--goal", "bakers")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error: g.json record 1: 'members' must be a list, got a number\n"
        "Hint: a count of members goes in 'member_count'\n"
    )
    # In a CSV the Members column of an export is the count.
    (in_tmp / "g.csv").write_text('title,Members\nBakers,"1,200"\n', encoding="utf-8")
    assert _jsonl(score(runner, "g.csv", "--goal", "bakers", "-f", "jsonl"))[0]["size_fit"] == 1.0


WINDOWS = "title,description\nCafé Owners \u2013 Europe,Straße cafés and “bistros”\n"


def test_a_file_saved_by_excel_on_windows(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "win.csv").write_bytes(WINDOWS.encode("cp1252"))
    result = score(runner, "win.csv", "--goal", "cafe owners", "-f", "jsonl")
    assert result.exit_code == 0
    assert re.fullmatch(
        r"Warning: win\.csv is not UTF-8; read as cp1252 \(detected; cp1250 would fit as "
        r"well\); pass --encoding to choose another\n",
        result.stderr,
    )
    assert json.loads(result.stdout)["title"] == "Café Owners \u2013 Europe"
    named = score(runner, "win.csv", "-g", "cafe owners", "-f", "jsonl", "--encoding", "cp1252")
    assert (named.exit_code, named.stderr) == (0, "")
    assert json.loads(named.stdout)["title"] == "Café Owners \u2013 Europe"


def test_unknown_encoding(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "g.csv").write_text("title\nA\n", encoding="utf-8")
    result = score(runner, "g.csv", "--goal", "bakers", "--encoding", "klingon")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: --encoding: unknown encoding 'klingon'\nHint: e.g. utf-8, cp1252, latin-1\n"
    )


# -- sources people use: Reddit and Meetup API JSON -------------------------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _records(path: Path, *args: str) -> list[dict[str, Any]]:
    from relevance.io.records import iter_records

    return [r.value for r in iter_records(str(path), *args)]


@pytest.mark.parametrize("args", [(), ("reddit",)])
def test_reddit_about_and_listing_as_one_group(args: tuple[str, ...]) -> None:
    (group,) = _records(FIXTURES / "reddit_fintech.json", *args)
    assert {k: v for k, v in group.items() if k != "discussions"} == {
        "id": "r/fintech",
        "title": "Fintech: financial technology",
        "url": "https://www.reddit.com/r/fintech/",
        "description": "News and discussion on payments, banking software and regulation for "
        "people who build financial technology.\n\n**Rules**\n\n1. Stay on topic: financial "
        "technology.\n2. No referral links.",
        "member_count": 128450,
        "joined": False,
    }
    assert group["discussions"][0] == {
        "title": "PSD3 draft: what changes for open banking APIs",
        "body": "The new draft tightens strong customer authentication and API performance "
        "rules for banks.",
        "date": "2025-11-27",
        "comments": 41,
        "likes": 230,
    }
    assert [d["likes"] for d in group["discussions"]] == [230, 58, 0]  # a negative score is 0
    assert group["discussions"][1]["body"] is None


@pytest.mark.parametrize("args", [(), ("meetup",)])
def test_meetup_group_with_its_events(args: tuple[str, ...]) -> None:
    (group,) = _records(FIXTURES / "meetup_group.json", *args)
    assert {k: v for k, v in group.items() if k != "discussions"} == {
        "id": "berlin-fintech-engineers",
        "title": "Berlin Fintech Engineers",
        "description": "<p>Engineers and CTOs building <b>payments</b>, banking and compliance "
        "software in Berlin.</p>",
        "url": "https://www.meetup.com/berlin-fintech-engineers/",
        "member_count": 1840,
        "joined": True,
    }
    assert [(d["title"], d["date"], d["likes"]) for d in group["discussions"]] == [
        ("AML screening at scale", "2026-12-09", 37),
        ("PSD2 APIs in production: lessons learned", "2026-11-18", 81),
        ("Ledger design for payment start-ups", "2026-10-14", 64),
    ]


def test_sources_score_from_the_command(runner: Any) -> None:
    for name, group_id in (("reddit_fintech.json", "r/fintech"),
                           ("meetup_group.json", "berlin-fintech-engineers")):  # fmt: skip
        rows = _jsonl(score(runner, str(FIXTURES / name), "--goal", "fintech payments", "-f",
                            "jsonl"))  # fmt: skip
        assert [r["id"] for r in rows] == [group_id]
        assert rows[0]["consistency"] is not None  # the posts or events were read


def test_a_file_that_is_not_the_source_named(runner: Any, in_tmp: Path) -> None:
    (in_tmp / "g.json").write_text('[{"title": "A"}]', encoding="utf-8")
    result = score(runner, "g.json", "--goal", "bakers", "--input-format", "meetup")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        'Error: g.json: not a Meetup group: expected {"data": {"groupByUrlname": {...}}} or '
        "a group object with 'urlname' and 'name'\n"
        "Hint: save the API's answer for one group, or leave out --input-format meetup\n"
    )
    result = score(runner, "g.json", "--goal", "bakers", "--input-format", "reddit")
    assert result.stderr == (
        'Error: g.json: not a Reddit subreddit or listing (document 1): expected {"kind": '
        '"t5" or "Listing", "data": {...}}\n'
        "Hint: save /r/NAME/about.json and /r/NAME/new.json as they come\n"
    )


def test_no_validator_prefix_in_any_command(runner: Any) -> None:
    result = invoke(runner, "review", "--format", "xml")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: Invalid value for '--format' / '-f': 'xml' is not one of table, json, jsonl, csv\n"
    )
