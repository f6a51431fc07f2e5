"""Reliability of reading (issue 14 items 3, 4, 5, 7, 13 and 14).

Representative cases run the installed command in a child process; their variants run through
the same Typer app in process, to keep the suite fast.
"""

from __future__ import annotations

import gzip
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app

Run = Callable[..., subprocess.CompletedProcess[str]]
SURROGATE_LINE = '{"id": "s", "title": "fintech \\ud800 group"}\n'
GOOD_LINE = '{"id": "ok", "title": "fintech founders"}\n'
SURROGATE_ERROR = "'title' holds \\ud800, half of a UTF-16 pair that stands for no character"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def ids(jsonl_text: str) -> list[str]:
    return [json.loads(line)["id"] for line in jsonl_text.splitlines()]


# -- item 3: lone surrogates --------------------------------------------------------------------


def test_lone_surrogate_is_a_bad_record(tmp_path: Path, relevance_cmd: Run, runner: Any) -> None:
    source = write(tmp_path / "s.jsonl", SURROGATE_LINE + GOOD_LINE)
    result = runner.invoke(app, ["score", str(source), "--goal", "fintech", "-f", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""  # not half a document
    assert result.stderr == (
        f"Error: {source} line 1: {SURROGATE_ERROR}\n"
        "Hint: fix the escape in the source, or drop the record (--on-error skip)\n"
    )
    done = relevance_cmd(
        "score", "s.jsonl", "--goal", "fintech", "-f", "jsonl", "-q",
        "--on-error", "skip", "--rejects", "bad.jsonl",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ids(done.stdout) == ["ok"]
    assert done.stderr == (
        f"Warning: skipped s.jsonl line 1: {SURROGATE_ERROR}\n"
        "Skipped 1 of 2 records; kept in bad.jsonl.\n"
    )
    assert (tmp_path / "bad.jsonl").read_text(encoding="utf-8") == SURROGATE_LINE


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_lone_surrogate_skipped_for_every_writer(tmp_path: Path, runner: Any, fmt: str) -> None:
    source = write(tmp_path / "s.jsonl", SURROGATE_LINE + GOOD_LINE)
    result = runner.invoke(
        app, ["score", str(source), "--goal", "fintech", "-f", fmt, "--on-error", "skip", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    assert "fintech founders" in result.stdout


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_lone_surrogate_in_json_and_csv_inputs(tmp_path: Path, runner: Any, fmt: str) -> None:
    if fmt == "json":
        source = write(tmp_path / "s.json", "[" + SURROGATE_LINE + "," + GOOD_LINE + "]")
        where, named = "record 1", "'title'"
    else:
        members = '"[{""name"": ""A \\udc80""}]"'
        source = write(tmp_path / "s.csv", f"id,title,members\ns,fintech,{members}\nok,fintech,\n")
        where, named = "line 2", "'members[0].name' (the 1st member)"
    rejects = tmp_path / f"bad.{fmt}"
    result = runner.invoke(
        app,
        ["score", str(source), "--goal", "fintech", "-f", "jsonl", "--on-error", "skip",
         "--rejects", str(rejects), "-q"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == ["ok"]
    assert result.stderr.startswith(f"Warning: skipped {source} {where}: {named} holds \\u")
    assert "\\ud800" in rejects.read_text(encoding="utf-8") or fmt == "csv"


def test_lone_surrogate_in_goals_and_explain(tmp_path: Path, runner: Any) -> None:
    goals = write(tmp_path / "goals.jsonl", '{"id": "g", "text": "fintech \\udfff"}\n')
    groups = write(tmp_path / "g.jsonl", GOOD_LINE + SURROGATE_LINE)
    result = runner.invoke(app, ["score", str(groups), "--goals", str(goals)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {goals} line 1: 'text' holds \\udfff, half of")
    result = runner.invoke(app, ["explain", str(groups), "--group", "s", "--goal", "fintech"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {groups} line 2: {SURROGATE_ERROR}")


# -- item 4: hostile texts (timings in benchmarks/hostile.py) -----------------------------------


def test_hostile_descriptions_are_scored(tmp_path: Path, relevance_cmd: Run) -> None:
    texts = ["a." * 100_000 + "@", "<!--" * 50_000, "<script " * 25_000, "<a" * 100_000]
    records = [{"id": f"h{i}", "title": "Fintech founders", "description": t}
               for i, t in enumerate(texts)]  # fmt: skip
    write(tmp_path / "h.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    done = relevance_cmd("score", "h.jsonl", "--goal", "fintech", "-f", "jsonl", "-q")
    assert done.returncode == 0, done.stderr
    assert sorted(ids(done.stdout)) == ["h0", "h1", "h2", "h3"]


# -- item 5: an unterminated CSV quote ----------------------------------------------------------


CSV_RUNAWAY = (
    "id,title,description\n"
    "1,Fintech one,desc\n"
    '2,"Fintech two,desc\n'
    "3,Fintech three,desc\n"
    "4,Fintech four,desc\n"
)


def test_unterminated_quote_is_a_bad_row(tmp_path: Path, relevance_cmd: Run, runner: Any) -> None:
    source = write(tmp_path / "q.csv", CSV_RUNAWAY)
    result = runner.invoke(app, ["score", str(source), "--goal", "fintech", "-f", "jsonl", "-q"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {source} line 3: a quoted cell opened on this line is never closed: it runs to "
        "the end of the file (lines 3-5)\n"
        'Hint: close the quote, or double a quote that is part of the text ("")\n'
    )
    done = relevance_cmd(
        "score", "q.csv", "--goal", "fintech", "-f", "jsonl", "-q",
        "--on-error", "skip", "--rejects", "bad.csv",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert ids(done.stdout) == ["1", "3", "4"]  # the rows after it are read again
    assert (tmp_path / "bad.csv").read_text() == 'id,title,description\n2,"Fintech two,desc\n'


def test_quote_closed_rows_later_is_a_bad_row(tmp_path: Path, runner: Any) -> None:
    source = write(tmp_path / "q.csv", CSV_RUNAWAY + '5,"Five",desc\n6,Fintech six,desc\n')
    result = runner.invoke(
        app, ["score", str(source), "--goal", "fintech", "-f", "jsonl", "--on-error", "skip"]
    )
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == ["1", "3", "4", "5", "6"]
    assert result.stderr.startswith(
        f"Warning: skipped {source} line 3: a quoted cell opened on this line holds 2 lines "
        "that look like rows: is a closing quote missing? (lines 3-6)\n"
    )


def test_quoted_line_breaks_are_still_fine(tmp_path: Path, runner: Any) -> None:
    text = 'id,title,description\n1,Fintech,"two\nlines, with a comma"\n2,Other,x\n'
    result = runner.invoke(app, ["score", str(write(tmp_path / "ok.csv", text)),
                                 "--goal", "fintech", "-f", "jsonl"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == ["1", "2"]


# -- item 7: records too large ------------------------------------------------------------------


def test_compressed_line_over_the_limit(tmp_path: Path, relevance_cmd: Run) -> None:
    big = '{"title": "' + "a" * (20 << 20) + '"}\n'  # 20 MiB expanded, a few KiB packed
    with gzip.open(tmp_path / "big.jsonl.gz", "wt", encoding="utf-8") as stream:
        stream.write(GOOD_LINE + big)
    assert (tmp_path / "big.jsonl.gz").stat().st_size < 100_000
    done = relevance_cmd("score", "big.jsonl.gz", "--goal", "fintech", "-f", "jsonl", "-q")
    assert done.returncode == 1
    assert done.stderr == (
        "Error: big.jsonl.gz line 2: the record is over the limit of 16 MiB\n"
        "Hint: if the input is right, raise the limit: RELEVANCE_MAX_RECORD_SIZE=64M\n"
    )


def test_record_size_limit_is_settable(
    tmp_path: Path, runner: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    line = json.dumps({"id": "x", "title": "fintech " * 200}) + "\n"
    source = write(tmp_path / "g.jsonl", line)
    monkeypatch.setenv("RELEVANCE_MAX_RECORD_SIZE", "1K")
    result = runner.invoke(app, ["score", str(source), "--goal", "fintech", "-f", "jsonl"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {source} line 1: the record is over the limit of 1 KiB"
    )
    monkeypatch.setenv("RELEVANCE_MAX_RECORD_SIZE", "2k")
    result = runner.invoke(app, ["score", str(source), "--goal", "fintech", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    csv_source = write(tmp_path / "g.csv", 'id,title\n1,"' + "fintech\n" * 300 + '"\n')
    result = runner.invoke(app, ["score", str(csv_source), "--goal", "fintech"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {csv_source} line 2: the row is over the limit of 2 KiB; is a closing quote"
    )
    json_source = write(tmp_path / "g.json", json.dumps([{"title": "fintech " * 5000}], indent=1))
    result = runner.invoke(app, ["score", str(json_source), "--goal", "fintech"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {json_source}: the JSON document is over the limit of 32 KiB"
    )
    monkeypatch.setenv("RELEVANCE_MAX_RECORD_SIZE", "lots")
    result = runner.invoke(app, ["score", str(source), "--goal", "fintech"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: RELEVANCE_MAX_RECORD_SIZE='lots' is not a size")


# -- item 13: sniffing standard input -----------------------------------------------------------


def test_jsonl_on_stdin_with_a_bad_first_line(runner: Any) -> None:
    text = '[1, 2]\n{"id": "a", "title": "fintech"}\n{"id": "b", "title": "other"}\n'
    result = runner.invoke(app, ["score", "-", "--goal", "fintech", "-f", "jsonl", "-q",
                                 "--on-error", "skip"], input=text)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert ids(result.stdout) == ["a", "b"]
    assert result.stderr == (
        "Warning: skipped <stdin> line 1: a group must be a JSON object, got an array\n"
        "Skipped 1 of 3 records.\n"
    )


def test_json_on_stdin_still_a_document(runner: Any) -> None:
    for text in ('[{"id": "a", "title": "fintech"}]\n', '[\n{"id": "a", "title": "fintech"}\n]'):
        result = runner.invoke(app, ["score", "-", "--goal", "fintech", "-f", "jsonl"], input=text)
        assert result.exit_code == 0, result.stderr
        assert ids(result.stdout) == ["a"]


# -- item 14: messages --------------------------------------------------------------------------


def test_messages(tmp_path: Path, runner: Any, relevance_cmd: Run) -> None:
    source = write(tmp_path / "m.jsonl", '{"id": 1.5, "title": "x"}\n{"title": "a\tb"}\n')
    result = runner.invoke(app, ["score", str(source), "--goal", "fintech", "--on-error", "skip"])
    assert result.stderr.splitlines()[:2] == [
        f"Warning: skipped {source} line 1: 'id' must be a string or a whole number, got 1.5",
        f"Warning: skipped {source} line 2: not valid JSON (Invalid control character at column "
        "13)",
    ]
    write(tmp_path / "a.txt", "fintech founders")
    done = relevance_cmd("train", "a.txt", "--name", "../evil")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: model name '../evil' is not allowed")


def test_profile_goal_file_not_utf8(tmp_path: Path, runner: Any) -> None:
    (tmp_path / "goal.txt").write_bytes(b"fintech \xff founders\n")
    profile = write(tmp_path / "me.toml", 'goal_file = "goal.txt"\n')
    groups = write(tmp_path / "g.jsonl", GOOD_LINE)
    result = runner.invoke(app, ["score", str(groups), "--profile", str(profile)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {profile}: 'goal_file' {tmp_path / 'goal.txt'} is not UTF-8 text (byte 9)\n"
        "Hint: save the goal file as UTF-8\n"
    )
