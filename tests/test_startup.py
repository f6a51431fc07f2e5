"""Start-up stays light (no heavy import for --help) and progress shows only on a terminal."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

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
