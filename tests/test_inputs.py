"""Tests of folders and globs as FILE (relevance.io.inputs): several files read as one input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from relevance import UsageError
from relevance.cli import app
from relevance.io.inputs import expand

TODAY = "2026-11-29"
GOAL = "meet fintech CTOs"


def group(i: int) -> dict[str, Any]:
    topic = ["fintech", "payments", "sourdough", "cloud"][i % 4]
    return {
        "id": f"g{i}",
        "title": f"{topic.title()} circle {i}",
        "description": f"People who talk about {topic} every week, {i % 3 + 1} meetups a month.",
        "member_count": 40 + 11 * i,
    }


def jsonl(records: list[Any]) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``data/`` of three files (one gzipped, one in a subfolder, a bad record in each of two),
    files that are not group files, and ``all.jsonl``: the three concatenated in path order."""
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    (data / "2026" / "12").mkdir(parents=True)
    (data / ".cache").mkdir()
    parts = [
        [group(i) for i in range(0, 5)] + ['{"id": "no-title"}'],
        [group(i) for i in range(5, 9)],
        [group(9), "not json", group(10)],
    ]
    (data / "a.jsonl").write_text(jsonl(parts[0]), encoding="utf-8")
    with gzip.open(data / "b.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(jsonl(parts[1]))
    (data / "2026" / "12" / "c.ndjson").write_text(jsonl(parts[2]), encoding="utf-8")
    (data / "README.md").write_text("not groups\n", encoding="utf-8")
    (data / ".cache" / "old.jsonl").write_text("hidden\n", encoding="utf-8")
    (tmp_path / "all.jsonl").write_text(jsonl([*parts[2], *parts[0], *parts[1]]), "utf-8")
    return data


def score(runner: Any, *args: str) -> Any:
    return runner.invoke(app, ["score", *args, "--goal", GOAL, "--today", TODAY, "-q"])


def test_a_folder_is_its_group_files_at_any_depth_sorted(folder: Path) -> None:
    assert expand("data") == [
        str(Path("data/2026/12/c.ndjson")), str(Path("data/a.jsonl")), str(Path("data/b.jsonl.gz"))
    ]  # fmt: skip


def test_a_glob_is_its_files_sorted(folder: Path) -> None:
    assert expand("data/*.jsonl*") == ["data/a.jsonl", "data/b.jsonl.gz"]
    assert expand("data/**/*.ndjson") == ["data/2026/12/c.ndjson"]
    assert expand("all.jsonl") == ["all.jsonl"]
    assert expand("-") == ["-"]
    assert expand("missing.jsonl") == ["missing.jsonl"]  # reading it says what is wrong


def test_a_file_whose_name_looks_like_a_glob_is_that_file(folder: Path) -> None:
    (folder / "x[1].jsonl").write_text(jsonl([group(1)]), encoding="utf-8")
    assert expand("data/x[1].jsonl") == ["data/x[1].jsonl"]


def test_a_folder_is_the_concatenated_file(runner: Any, folder: Path) -> None:
    whole = score(runner, "all.jsonl", "-f", "jsonl", "--on-error", "skip")
    several = score(runner, "data", "-f", "jsonl", "--on-error", "skip")
    assert several.exit_code == whole.exit_code == 0, several.stderr
    assert several.stdout == whole.stdout
    ids = [json.loads(line)["id"] for line in several.stdout.splitlines()]
    assert ids[:3] == ["g9", "g10", "g0"]  # data/2026/12/c.ndjson sorts first
    assert several.stderr == (
        "Warning: skipped data/2026/12/c.ndjson line 2: not valid JSON (Expecting value at "
        "column 1)\n"
        "Warning: skipped data/a.jsonl line 6: 'title' is required\n"
        "Skipped 2 of 13 records.\n"
    )


def test_results_and_rejects_are_the_records_read(runner: Any, folder: Path) -> None:
    result = runner.invoke(
        app,
        ["score", "data/*.jsonl*", "--goal", GOAL, "--today", TODAY, "-f", "jsonl",
         "--on-error", "skip", "--rejects", "rejects.jsonl"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 9  # a.jsonl: 5 of 6; b.jsonl.gz: 4
    assert Path("rejects.jsonl").read_text(encoding="utf-8") == '{"id": "no-title"}\n'
    assert result.stderr.endswith("Skipped 1 of 10 records; kept in rejects.jsonl.\n")


def test_top_over_a_folder_is_the_top_of_the_whole(runner: Any, folder: Path) -> None:
    whole = score(runner, "all.jsonl", "-f", "json", "--top", "3", "--on-error", "skip")
    several = score(runner, "data", "-f", "json", "--top", "3", "--on-error", "skip")
    assert several.exit_code == 0, several.stderr
    assert json.loads(several.stdout)["results"] == json.loads(whole.stdout)["results"]


def test_a_bad_record_names_its_file_and_line(runner: Any, folder: Path) -> None:
    result = score(runner, "data/*.jsonl", "-f", "jsonl")
    assert result.exit_code == 1
    assert result.stderr == "Error: data/a.jsonl line 6: 'title' is required\n"


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("empty", "Error: empty: a folder with no group files\nHint: it is read for .json, "
         ".jsonl, .ndjson and .csv files (or gzipped), in any subfolder\n"),
        ("data/*.csv", "Error: data/*.csv: no file matches\nHint: check the pattern; ** "
         "matches any number of folders: 'data/**/*.jsonl'\n"),
    ],
)  # fmt: skip
def test_nothing_to_read_is_a_usage_error(
    runner: Any, folder: Path, given: str, message: str
) -> None:
    Path("empty").mkdir()
    result = score(runner, given)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)


def test_an_output_among_the_files_is_refused(runner: Any, folder: Path) -> None:
    result = score(runner, "data", "-o", "data/a.jsonl")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --output data/a.jsonl is the file read as FILE (data/a.jsonl); it would be lost\n"
        "Hint: give --output another file\n"
    )


def test_rejects_of_several_formats_are_refused(runner: Any, folder: Path) -> None:
    (folder / "d.csv").write_text("title\nCSV circle\n", encoding="utf-8")
    result = score(runner, "data", "--on-error", "skip", "--rejects", "rejects.jsonl")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --rejects keeps one format, but data/2026/12/c.ndjson is jsonl and data/d.csv "
        "is csv\nHint: score the files of each format apart, or leave out --rejects\n"
    )
    assert not Path("rejects.jsonl").exists()


def test_csv_files_of_two_headers_cannot_share_a_rejects_file(
    runner: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text("title,member_count\nFintech,10\n,3\n", encoding="utf-8")
    Path("b.csv").write_text("title,description\nPayments,About payments\n", encoding="utf-8")
    result = score(runner, "*.csv", "--on-error", "skip", "--rejects", "rejects.csv")
    assert result.exit_code == 1
    assert result.stderr == (  # b.csv is read before a.csv's chunk is scored
        "Error: b.csv: its CSV header is not the first file's, and the rejects file holds one "
        "header\nHint: score files of one header together, or leave out --rejects\n"
    )
    assert not Path("rejects.csv").exists()


def test_the_api_takes_a_folder(analyzer: Any, folder: Path) -> None:
    from relevance import ScoreRun

    with ScoreRun(analyzer, "data", goal=GOAL, on_error="skip") as run:
        results = [r for chunk in run for r in chunk]
    assert len(results) == 11 and run.summary.read == 13 and run.summary.rejected == 2
    with pytest.raises(UsageError, match="no file matches"):
        ScoreRun(analyzer, "data/*.csv", goal=GOAL)
