"""Command-line tests for issue 11: output formats, help, progress, explain at 80 columns, and
files as people export them. Exact output, standard error and exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app
from relevance.io.writers import CSV_COLUMNS

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
