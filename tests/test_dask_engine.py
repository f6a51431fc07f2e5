"""Tests of the Dask engine (relevance.dask_engine): the same output as the local engine.

One two-worker ``distributed.LocalCluster`` (real worker processes, so the scoring state really
is pickled and scattered) serves the module. The sample is made small and goals are cut into
blocks of two, so that a few hundred groups make many chunks and blocks.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import relevance.runner as runner_module
from relevance import Analyzer, ScoreRun, UsageError
from relevance.cli import app
from relevance.runner import Plan
from relevance.schema import Goal

distributed = pytest.importorskip("distributed")

TODAY = "2026-11-29"
GOALS = ["meet fintech CTOs", "learn payments compliance", "hire data engineers"]
WORDS = ["fintech", "payments", "compliance", "data", "engineering", "CTO", "banking", "cloud"]


def group(i: int) -> dict[str, Any]:
    words = " ".join(WORDS[(i * k) % len(WORDS)] for k in (1, 3, 5))
    return {
        "id": f"g{i}",
        "title": f"{WORDS[i % len(WORDS)].title()} group {i}",
        "description": f"A community about {words}, meeting {i % 5 + 1} times a month.",
        "member_count": 50 + 37 * i,
    }


GROUPS = [group(i) for i in range(240)]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address="127.0.0.1:0"
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of 40 groups from the first on, and goals two to a block (both are read where the
    tasks are made, in this process)."""
    monkeypatch.setattr(runner_module, "SAMPLE_SIZE", 1)
    monkeypatch.setattr(runner_module, "GOAL_BLOCK", 2)


@pytest.fixture
def groups_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    lines = [json.dumps(g) for g in GROUPS]
    lines[100] = '{"id": "bad", "member_count": 3}'  # no title: rejected, in its place
    path = tmp_path / "groups.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "goals.txt").write_text("\n".join(GOALS) + "\n", encoding="utf-8")
    return path


def score(runner: Any, *args: str) -> Any:
    result = runner.invoke(app, ["score", *args, "--today", TODAY, "--chunk-size", "40"])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


@pytest.mark.parametrize("top", [None, 3])
def test_api_gives_the_local_engine_results(
    analyzer: Analyzer, scheduler: str, top: int | None
) -> None:
    local = analyzer.score(GROUPS, goals=GOALS, top=top, chunk_size=40)
    dask = analyzer.score(
        GROUPS, goals=GOALS, top=top, chunk_size=40, engine="dask", scheduler=scheduler
    )
    assert [r.to_dict() for r in dask] == [r.to_dict() for r in local]
    assert len(local) == (3 * len(GROUPS) if top is None else 9)


@pytest.mark.parametrize("options", [["-f", "jsonl"], ["-f", "json", "--top", "4"]])
def test_cli_output_is_the_local_engines_in_the_same_order(
    runner: Any, scheduler: str, groups_file: Path, options: list[str]
) -> None:
    common = ["groups.jsonl", "--goals", "goals.txt", "--on-error", "skip", "-q", *options]
    local = score(runner, *common, "--jobs", "1")
    dask = score(runner, *common, "--engine", "dask", "--scheduler", scheduler)
    assert dask.exit_code == local.exit_code == 0, dask.stderr
    assert dask.stdout == local.stdout
    assert dask.stderr == local.stderr
    assert local.stderr.startswith("Warning: skipped groups.jsonl line 101: ")
    if "jsonl" in options:  # streamed: input order, goal by goal within a chunk
        ids = [json.loads(line)["id"] for line in dask.stdout.splitlines()]
        assert ids[:40] == [f"g{i}" for i in range(40)]
        assert len(ids) == 3 * (len(GROUPS) - 1)


@pytest.fixture
def groups_folder(groups_file: Path) -> Path:
    """``groups.jsonl`` cut into three files of a folder (one gzipped, one in a subfolder), in
    the order of their sorted paths: chunks of 40 run across them."""
    import gzip

    lines = groups_file.read_text(encoding="utf-8").splitlines(keepends=True)
    folder = groups_file.parent / "data"
    (folder / "b").mkdir(parents=True)
    (folder / "a.jsonl").write_text("".join(lines[:90]), encoding="utf-8")
    with gzip.open(folder / "b" / "part.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("".join(lines[90:170]))
    (folder / "c.jsonl").write_text("".join(lines[170:]), encoding="utf-8")
    return folder


@pytest.mark.parametrize("given", ["data", "data/**/*.jsonl*"])
@pytest.mark.parametrize("options", [["-f", "jsonl"], ["-f", "json", "--top", "4"]])
def test_folders_and_globs_give_the_local_engines_output(
    runner: Any, scheduler: str, groups_folder: Path, given: str, options: list[str]
) -> None:
    common = ["--goals", "goals.txt", "--on-error", "skip", "-q", *options]
    whole = score(runner, "groups.jsonl", *common, "--jobs", "1")
    local = score(runner, given, *common, "--jobs", "1")
    dask = score(runner, given, *common, "--engine", "dask", "--scheduler", scheduler)
    assert dask.exit_code == local.exit_code == 0, dask.stderr
    assert dask.stdout == local.stdout == whole.stdout  # the files, concatenated
    assert (
        dask.stderr
        == local.stderr
        == (
            "Warning: skipped data/b/part.jsonl.gz line 11: 'title' is required\n"
            "Skipped 1 of 240 records.\n"
        )
    )


def test_folder_rejects_and_results_are_the_records(
    runner: Any, scheduler: str, groups_folder: Path
) -> None:
    result = score(
        runner, "data", "--goal", GOALS[0], "-f", "jsonl", "--engine", "dask",
        "--scheduler", scheduler, "--on-error", "skip", "--rejects", "rejects.jsonl",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rejected = Path("rejects.jsonl").read_text(encoding="utf-8").splitlines()
    assert rejected == ['{"id": "bad", "member_count": 3}']
    assert len(result.stdout.splitlines()) + len(rejected) == len(GROUPS)


def test_score_run_takes_the_engine(analyzer: Analyzer, scheduler: str) -> None:
    def run(**engine: Any) -> list[dict[str, Any]]:
        with ScoreRun(analyzer, GROUPS, goals=GOALS, output_format="jsonl", **engine) as r:
            return [x.to_dict() for chunk in r for x in chunk]

    assert run(engine="dask", scheduler=scheduler, chunk_size=40) == run(chunk_size=40)


def test_a_local_cluster_when_no_scheduler_is_given(analyzer: Analyzer) -> None:
    local = analyzer.score(GROUPS[:50], goal=GOALS[0], chunk_size=20)
    dask = analyzer.score(GROUPS[:50], goal=GOALS[0], chunk_size=20, engine="dask", jobs=1)
    assert [r.to_dict() for r in dask] == [r.to_dict() for r in local]


def _worker_settings() -> tuple[str | None, bool]:
    import os

    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get(
        "distributed.worker.profile.enabled"
    )


def test_the_local_cluster_is_set_for_one_run(
    analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """glibc's memory trimming and no stack sampling in its workers, results fetched straight
    from them; this process's Dask settings as they were."""
    import dask

    from relevance.dask_engine import DaskPool

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    plan = Plan([Goal("g", GOALS[0])], jobs=2, engine="dask")
    with DaskPool(analyzer.runner.engine, plan) as pool:
        assert set(pool.client.run(_worker_settings).values()) == {(None, False)}
        assert pool.client.direct_to_workers is True
    assert dask.config.get("distributed.worker.profile.enabled") is True


def test_a_scheduler_that_cannot_be_reached(runner: Any, groups_file: Path) -> None:
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = score(
            runner, "groups.jsonl", "--goal", GOALS[0], "--engine", "dask",
            "--scheduler", "tcp://127.0.0.1:9", "-f", "jsonl", "-o", "out.jsonl",
        )  # fmt: skip
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: "
        "Timed out trying to connect to tcp://127.0.0.1:9 after 1 s\n"
        "Hint: start one with 'dask scheduler' and give its address (tcp://HOST:8786), "
        "or leave out --scheduler for a cluster on this machine\n"
    )
    assert not (groups_file.parent / "out.jsonl").exists()  # nothing half written


def test_dask_not_installed(
    runner: Any, groups_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # what an import then finds: nothing
    result = score(runner, "groups.jsonl", "--goal", GOALS[0], "--engine", "dask")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: the dask engine needs dask.distributed, which is not installed\n"
        'Hint: install it with: pip install "group-relevance[dask]"\n'
    )
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"engine": "spark"}, "unknown engine 'spark'; use local or dask"),
        ({"scheduler": "tcp://h:8786"}, "a scheduler is for the dask engine"),
    ],
)
def test_the_engine_is_checked_with_the_plan(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Plan([Goal("g", "x")], **changes)


def _held() -> int:
    from relevance import dask_engine

    return len(dask_engine._WORKERS)


def test_a_cluster_that_outlives_the_run_keeps_nothing_of_it(
    analyzer: Analyzer, scheduler: str
) -> None:
    analyzer.score(GROUPS, goals=GOALS, chunk_size=40, engine="dask", scheduler=scheduler)
    with distributed.Client(scheduler) as client:
        assert set(client.run(_held).values()) == {0}
