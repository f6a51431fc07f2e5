"""Tests of the one scoring path (relevance.runner) and the library run (relevance.run)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import relevance.runner as runner_module
from relevance import Analyzer, InputError, ScoreRun, UsageError
from relevance.explain import explain_group
from relevance.io.records import read_groups
from relevance.runner import Plan
from relevance.schema import Goal

GOAL = "fintech CTOs"


def fintech(i: int) -> dict[str, Any]:
    return {"id": f"g{i}", "title": f"Fintech CTOs {i}", "description": f"payments {i % 7}"}


@pytest.fixture
def small_sample(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sample of one group: the first chunk is ``chunk_size``, so chunks really differ."""
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)


# -- plan -------------------------------------------------------------------------------------


def test_goal_blocks_bound_the_results_of_a_task() -> None:
    goals = [Goal(f"g{i}", "fintech") for i in range(100)]
    blocks = Plan(goals, chunk_size=2000).goal_blocks()
    assert {b.stop - b.start for b in blocks[:-1]} == {runner_module.RESULTS_PER_TASK // 2000}
    assert [i for b in blocks for i in range(b.start, b.stop)] == list(range(100))
    assert len(Plan(goals, chunk_size=10, top=5).goal_blocks()) == 2  # 64 goals a block
    assert len(Plan(goals[:1]).goal_blocks()) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"chunk_size": 0}, "chunk size must be >= 1"),
        ({"jobs": 0}, "jobs must be >= 1"),
        ({"top": 0}, "--top must be >= 1"),
        ({"sort": "title"}, "cannot sort by 'title'"),
    ],
)
def test_plan_is_checked_once(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Plan([Goal("g", "x")], **changes)


# -- many goals -------------------------------------------------------------------------------


def test_many_goals_come_in_blocks_in_input_order(
    analyzer: Analyzer, small_sample: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "RESULTS_PER_TASK", 6)  # 3 groups a chunk: 2 goals
    groups = [fintech(i) for i in range(7)]
    goals = [f"fintech {word}" for word in ("a", "b", "c", "d", "e")]
    chunks = list(analyzer.score_chunks(groups, goals, chunk_size=3))
    # 3 chunks (3, 3, 1 groups) x 3 blocks (2, 2, 1 goals); no list holds a chunk x all goals
    assert [len(c) for c in chunks] == [6, 6, 3, 6, 6, 3, 2, 2, 1]
    blocked = [(r.goal_id, r.id) for c in chunks for r in c]
    expected = [
        (f"goal-{k + 1}", g["id"])
        for start, stop in ((0, 3), (3, 6), (6, 7))
        for k in range(5)
        for g in groups[start:stop]
    ]
    assert blocked == expected  # chunk by chunk, goal by goal within a chunk


def test_blocks_of_goals_score_as_all_goals_at_once(
    analyzer: Analyzer, example_groups: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    goals = ["fintech CTOs", "sourdough bread", "kubernetes operators", "devops"]
    together = [r.to_dict() for r in analyzer.score(example_groups, goals=goals)]
    monkeypatch.setattr(runner_module, "RESULTS_PER_TASK", 1)  # one goal a block
    blocked = [r.to_dict() for r in analyzer.score(example_groups, goals=goals)]
    assert blocked == together


# -- explain asks the runner ------------------------------------------------------------------


def test_explain_scores_a_later_chunk_as_score_does(
    analyzer: Analyzer, small_sample: None, tmp_path: Path
) -> None:
    # The third chunk (after a chunk of bad records only, and the sample chunk): explain must
    # find the batch score used, with the same sample.
    lines = ['{"id": "bad"}'] * 3 + [json.dumps(fintech(i)) for i in range(9)]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reader = read_groups(str(path), on_error="skip")
    scored = {
        r.id: r.to_dict()
        for chunk in analyzer.score_chunks(reader, [GOAL], chunk_size=3)
        for r in chunk
    }
    for group_id in ("g0", "g4", "g8"):
        reader = read_groups(str(path), on_error="skip")
        data = explain_group(analyzer, reader, group_id, Goal("goal-1", GOAL), chunk_size=3)
        assert data["result"] == scored[group_id]


def test_locate_reads_only_up_to_the_groups_chunk(analyzer: Analyzer, small_sample: None) -> None:
    seen: list[int] = []

    def source() -> Any:
        for i in range(20):
            seen.append(i)
            yield fintech(i)

    batch, row = analyzer.locate(source(), "g4", chunk_size=3)
    assert batch.groups[row].id == "g4"
    assert len(seen) <= 7


def test_locate_by_part_of_a_title_finds_the_batch_score_used(
    analyzer: Analyzer, small_sample: None
) -> None:
    groups = [fintech(i) for i in range(9)]
    for group_id, part in (("g1", "ctos 1"), ("g7", "CTOs 7")):  # the sample chunk, a later one
        by_id, row_id = analyzer.locate(groups, group_id, chunk_size=3)
        by_title, row_title = analyzer.locate(groups, part, chunk_size=3)
        assert by_title.groups[row_title].id == group_id
        assert row_title == row_id and [g.id for g in by_title.groups] == [
            g.id for g in by_id.groups
        ]
        assert by_title.is_sample == by_id.is_sample
    with pytest.raises(UsageError, match="'CTOs' matches 9 groups' titles: g0 "):
        analyzer.locate(groups, "CTOs", chunk_size=3)


def test_locate_unknown_group_names_the_first_ids(analyzer: Analyzer) -> None:
    with pytest.raises(UsageError, match="no group with id 'nope' or a title") as caught:
        analyzer.locate([fintech(i) for i in range(8)], "nope")
    assert caught.value.hint == "ids in the file start: g0, g1, g2, g3, g4"


# -- the library run --------------------------------------------------------------------------


def test_run_over_records_sets_bad_ones_aside(analyzer: Analyzer) -> None:
    records = [fintech(0), {"id": "x"}, fintech(2)]
    seen: list[str] = []
    with ScoreRun(
        analyzer, records, goal=GOAL, on_error="skip", on_reject=lambda e: seen.append(e.message)
    ) as run:
        results = [r for chunk in run for r in chunk]
    assert sorted(r.id for r in results) == ["g0", "g2"]
    summary = run.summary
    assert (summary.read, summary.accepted, summary.rejected) == (3, 2, 1)
    assert len(summary.errors) == 1 and "title" in summary.errors[0].message
    assert seen == [summary.errors[0].message]
    assert summary.messages() == ["Skipped 1 of 3 records."]


def test_run_over_records_fails_on_a_bad_one(analyzer: Analyzer) -> None:
    with (
        pytest.raises(InputError, match="record 2"),
        ScoreRun(analyzer, [fintech(0), {"id": "x"}], goal=GOAL) as run,
    ):
        list(run)


def test_run_over_a_file_streams_jsonl_and_keeps_rejects(
    analyzer: Analyzer, tmp_path: Path, small_sample: None
) -> None:
    lines = [json.dumps(fintech(i)) for i in range(5)] + ['{"id": "bad"}']
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    with ScoreRun(
        analyzer,
        str(path),
        goal=GOAL,
        output_format="jsonl",
        sort="relevance",
        on_error="skip",
        rejects=str(rejects),
        chunk_size=2,
    ) as run:
        assert run.streaming
        assert run.warnings == [
            "--format jsonl streams results in input order; "
            "--sort applies with --top or another format"
        ]
        chunks = list(run)
    assert [[r.id for r in c] for c in chunks] == [["g0", "g1"], ["g2", "g3"], ["g4"]]
    assert rejects.read_text(encoding="utf-8") == '{"id": "bad"}\n'
    assert run.summary.messages() == [f"Skipped 1 of 6 records; kept in {rejects}."]
    assert run.settings["goals"] == [{"id": "goal", "text": GOAL}]
    assert run.settings["sort"] == "relevance" and run.settings["top"] is None


def test_run_sorts_unless_it_streams(analyzer: Analyzer, example_groups: list[Any]) -> None:
    with ScoreRun(analyzer, example_groups, goal=GOAL, output_format="jsonl", top=3) as run:
        chunks = list(run)
    assert not run.streaming and len(chunks) == 1
    assert [r.to_dict() for r in chunks[0]] == [
        r.to_dict() for r in analyzer.score(example_groups, goal=GOAL, top=3)
    ]


def test_run_refuses_bad_options_before_reading(analyzer: Analyzer, tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.jsonl")
    with pytest.raises(UsageError, match="--rejects needs --on-error skip"):
        ScoreRun(analyzer, missing, goal=GOAL, rejects=str(tmp_path / "r.jsonl"))
    with pytest.raises(UsageError, match="cannot sort by"):
        ScoreRun(analyzer, missing, goal=GOAL, sort="title")


# -- a killed run leaves no worker ------------------------------------------------------------


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found.update(int(c) for c in text.split())
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def _start_parallel_run(
    tmp_path: Path, wanted: int = 2
) -> tuple[subprocess.Popen[bytes], set[int], Path]:
    """A parallel run, once ``wanted`` of its child processes are alive (1: while the pool is
    still starting its workers)."""
    path = tmp_path / "many.jsonl"
    text = "".join(
        json.dumps({"id": f"g{i}", "title": f"Fintech group {i}", "description": "x " * 50}) + "\n"
        for i in range(30_000)
    )
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "relevance", "score", str(path), "--goal", GOAL]
    command += ["-f", "jsonl", "-o", str(out), "-j", "2", "--chunk-size", "200", "-q"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < wanted and process.poll() is None:
        time.sleep(0.02)
        workers = {c for c in _children(process.pid) if _alive(c)}
    if len(workers) < wanted:
        process.kill()
        pytest.fail(f"the run did not start {wanted} child processes")
    return process, workers, out


def _gone(pids: set[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("signum", "wanted"), [(signal.SIGTERM, 2), (signal.SIGHUP, 2), (signal.SIGTERM, 1)]
)
def test_sigterm_and_sighup_end_the_workers(tmp_path: Path, signum: int, wanted: int) -> None:
    # wanted=1: the signal comes as the pool starts, maybe while a worker's start-up data is being
    # written (cut short, that once gave a traceback from the worker and a parent that hung).
    process, _, out = _start_parallel_run(tmp_path, wanted)
    children = set(_children(process.pid))
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signum, stderr
    assert stderr.decode() == "Stopped.\n"
    assert _gone(children, within=10), "workers outlived the run"
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.jsonl"]  # no temporary file


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    process, workers, _ = _start_parallel_run(tmp_path)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert _gone(workers, within=15), "workers outlived a killed run"


def test_index_validates_as_score_does(analyzer: Analyzer) -> None:
    with pytest.raises(InputError, match=r"^record 2: 'title' is required"):
        analyzer.index([fintech(0), {"id": "x"}])
    batch = analyzer.index([fintech(0), fintech(1)])
    assert batch.is_sample and [g.id for g in batch.groups] == ["g0", "g1"]
