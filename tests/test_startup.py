"""Start-up stays light (no heavy import for --help) and progress shows only on a terminal."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from relevance.cli import app
from relevance.progress import Progress

ROOT = Path(__file__).resolve().parent.parent
HEAVY = {"sklearn", "nltk", "numpy", "scipy", "joblib"}


@pytest.mark.parametrize("args", [["--help"], ["score", "--help"], ["train", "--help"]])
def test_help_imports_nothing_heavy(args: list[str]) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from relevance.cli import app\n"
        f"result = CliRunner().invoke(app, {args!r})\n"
        "assert result.exit_code == 0, result.output\n"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert HEAVY.isdisjoint(done.stdout.split())


SCORE_MODULES = """
import atexit, gc, json, os, sys
def report():
    blas = {name: os.environ.get(name) for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    found = {"modules": sorted(sys.modules), "blas": blas, "frozen": gc.get_freeze_count()}
    print(json.dumps(found), file=sys.stderr)
atexit.register(report)
sys.argv = ["relevance", *sys.argv[1:]]
from relevance.cli import main
main()
"""


def run_main(args: list[str], tmp_path: Path, **env: str) -> dict[str, object]:
    """What ``relevance ARGS`` (``cli.main``, as the console script runs it) had imported, and
    its BLAS thread settings, at exit; no ledger file."""
    environ = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    environ.update(RELEVANCE_LEDGER=str(tmp_path / "none.ledger"), **env)
    done = subprocess.run(
        [sys.executable, "-c", SCORE_MODULES, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return found


def test_score_loads_neither_pydantic_nor_the_ledger(tmp_path: Path) -> None:
    """A small job imports what it scores with: no Pydantic (Typer's validators are not built
    for plain values, relevance/clihelp.py) and, without a ledger file, not the ledger."""
    found = run_main(
        ["score", "examples/groups.jsonl", "--goal", "fintech", "--top", "3"], tmp_path
    )
    modules = set(found["modules"])  # type: ignore[call-overload]
    assert "scipy.sparse" in modules  # it did score
    assert {"pydantic", "pydantic_core", "relevance.ledger.book"}.isdisjoint(modules)
    assert found["blas"] == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    assert found["frozen"] > 10_000  # start-up's objects, passed over by the collector


def test_the_collector_is_left_alone_in_a_callers_process(runner: Any) -> None:
    """Only the command's own process freezes its start-up: a test's runner (or any caller
    of ``app``) keeps every object collectable."""
    import gc

    before = gc.get_freeze_count()
    result = runner.invoke(app, ["score", str(ROOT / "examples/groups.jsonl"), "-g", "fintech"])
    assert result.exit_code == 0, result.output
    assert gc.get_freeze_count() == before


def test_blas_threads_a_user_set_are_kept(tmp_path: Path) -> None:
    found = run_main(["--version"], tmp_path, OPENBLAS_NUM_THREADS="2")
    assert found["blas"] == {"OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "1"}


def test_only_the_invoked_command_is_built() -> None:
    """``relevance score ...`` builds score alone; a group keeps its subcommands; a name that
    is no command (a typo, an option, none) keeps every command for the help and the hint."""
    code = (
        "import sys\n"
        "from relevance import cli\n"
        "cli.only_invoked(sys.argv[1:])\n"
        "print(len(cli.app.registered_commands), [g.name for g in cli.app.registered_groups])\n"
    )

    def kept(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=ROOT
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    every = kept()
    assert every == "8 ['models', 'ledger']"
    assert kept("score", "x.json", "--goal", "g") == "1 []"
    assert kept("models", "show", "default") == "0 ['models']"
    assert kept("scor", "x.json") == every
    assert kept("--help") == every


def test_progress_is_silent_when_disabled() -> None:
    stream = io.StringIO()
    progress = Progress(enabled=False, minimum=0, stream=stream)
    progress.update(10_000)
    progress.close(10_000)
    assert stream.getvalue() == ""


def test_progress_is_silent_for_small_inputs() -> None:
    stream = io.StringIO()
    progress = Progress(enabled=True, minimum=5000, stream=stream)
    progress.update(4999)
    progress.close(4999)
    assert stream.getvalue() == ""


def test_progress_shows_groups_and_rate() -> None:
    stream = io.StringIO()
    progress = Progress(enabled=True, minimum=0, stream=stream)
    progress.update(12_000)
    progress.close(20_000)
    text = stream.getvalue()
    assert text.startswith("\r12,000 groups  ")
    assert "\r20,000 groups  " in text and "groups/s" in text
    assert text.endswith("\n")
