"""The signal table is the one list of signals: everything that computes, weighs or shows a
signal reads it, so a new signal is one module and one entry."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from relevance import Result
from relevance.schema import EVIDENCE, SIGNALS
from relevance.settings import DEFAULT_WEIGHTS
from relevance.signals.table import BY_NAME, NAMES, TABLE

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-03-01"
GOAL = "meet fintech CTOs in Europe"


def test_every_entry_is_complete_and_its_functions_load() -> None:
    assert len(set(NAMES)) == len(NAMES) == len(BY_NAME)
    for signal in TABLE:
        assert signal.scope in {"group", "goal"} and signal.role in {"topic", "factor", "penalty"}
        assert signal.weight >= 0 and signal.label and signal.meaning
        assert set(signal.rests_on) <= set(EVIDENCE), signal.name
        assert callable(signal.function())
        assert signal.per_goal is None or callable(signal.goal_function())


def test_results_weights_and_sort_fields_come_from_the_table() -> None:
    assert SIGNALS == NAMES
    assert {s.name: s.weight for s in TABLE if s.weight} == DEFAULT_WEIGHTS
    result = Result("goal", "g", "T", "SKIP", 0.2, size_fit=0.5)
    keys = list(result.to_dict())
    assert [k for k in keys if k in NAMES] == list(NAMES)
    assert result.size_fit == 0.5 and result.relevance is None
    with pytest.raises(TypeError, match="unknown signal 'size'"):
        Result("goal", "g", "T", "SKIP", 0.2, size=0.5)
    with pytest.raises(AttributeError, match="no attribute 'sizefit'"):
        _ = result.sizefit


# A signal added the documented way: a module with ``compute`` (here the script itself) and one
# entry appended to the table before anything else is imported.
NEW_SIGNAL = textwrap.dedent(
    """
    import sys
    import numpy as np
    import relevance.signals.table as table

    def compute(ctx):
        # Groups whose description says they welcome newcomers.
        return np.asarray(
            [0.9 if "newcomer" in (g.description or "").lower() else 0.1
             for g in ctx.batch.groups],
            dtype=np.float64,
        )

    table.TABLE = (*table.TABLE, table.Signal(
        "welcome", "welcome", "group", "factor", 0.2, ("description",),
        "it says it welcomes newcomers", "__main__:compute",
    ))
    table.NAMES = tuple(s.name for s in table.TABLE)
    table.BY_NAME = {s.name: s for s in table.TABLE}

    from relevance.cli import main
    sys.argv = ["relevance", *sys.argv[1:]]
    main()
    """
)


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "with_new_signal.py"
    script.write_text(NEW_SIGNAL, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )  # fmt: skip


@pytest.fixture()
def groups_file(tmp_path: Path) -> Path:
    groups = [
        {
            "id": "open",
            "title": "Fintech CTOs Europe",
            "description": "Fintech CTOs in Europe; newcomers welcome.",
            "member_count": 900,
            "discussions": [{"title": "Hiring a fintech CTO in Berlin", "date": "2026-02-20"}],
        },
        {
            "id": "closed",
            "title": "Fintech CTOs Europe",
            "description": "Fintech CTOs in Europe; members only.",
            "member_count": 900,
            "discussions": [{"title": "Hiring a fintech CTO in Berlin", "date": "2026-02-20"}],
        },
    ]
    path = tmp_path / "groups.json"
    path.write_text(json.dumps(groups), encoding="utf-8")
    return path


def test_a_new_signal_is_one_module_and_one_entry(tmp_path: Path, groups_file: Path) -> None:
    common = [str(groups_file), "--goal", GOAL, "--today", TODAY]
    done = _run(tmp_path, "score", *common, "--format", "json", "--sort", "welcome")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [r["id"] for r in results] == ["open", "closed"]  # --sort takes it
    keys = list(results[0])
    assert keys.index("welcome") == keys.index("return_on_time") + 1  # in table order
    assert [r["welcome"] for r in results] == [0.9, 0.1]
    assert results[0]["overall"] > results[1]["overall"]  # weighed into overall
    # Its reason is written from the table's label and meaning.
    assert (
        "Its welcome is low (welcome 0.10; 1 means it says it welcomes newcomers)."
        in (results[1]["reasons"])
    )
    done = _run(tmp_path, "score", *common, "--format", "csv")
    assert done.returncode == 0, done.stderr
    header = next(csv.reader(io.StringIO(done.stdout)))
    assert "welcome" in header
    done = _run(tmp_path, "explain", *common, "--group", "closed")
    assert done.returncode == 0, done.stderr
    assert any(line.split()[:2] == ["welcome", "0.10"] for line in done.stdout.splitlines())


def test_the_readme_explains_every_signal_of_the_table() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("| signal | computation |") :]
    table = table[: table.index("\n\n")]
    rows = [line.split("|")[1].strip().strip("`") for line in table.splitlines()[2:]]
    assert [name for name in rows if name != "misleading"] == list(NAMES)
