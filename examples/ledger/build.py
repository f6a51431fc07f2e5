"""Build the example ledger: twelve weeks of a fintech founder's groups.

Six joined groups and three candidates, recorded three times (2026-09-06, 2026-10-18 and
2026-11-29, from ``week-00.json``, ``week-06.json`` and ``week-12.json``), with a week's effort
logged for each joined group in between (``effort.csv``). Two groups give nothing back (Open
Banking Practitioners, B2B SaaS Sales Leaders), and Payments Product Circle drifts from
payments to crypto trading. Every step is a real ``relevance`` command::

    python examples/ledger/build.py example.ledger
    relevance review --ledger example.ledger --today 2026-11-29
    relevance plan --ledger example.ledger --hours-per-week 3 --today 2026-11-29
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROFILE = HERE.parent / "profile.toml"
SNAPSHOTS = (
    ("2026-09-06", "week-00.json"),
    ("2026-10-18", "week-06.json"),
    ("2026-11-29", "week-12.json"),
)


def commands(ledger: str) -> list[list[str]]:
    """The ``relevance`` commands that build the ledger, in order."""
    with (HERE / "effort.csv").open(encoding="utf-8") as handle:
        logs = list(csv.DictReader(handle))
    steps: list[tuple[str, list[str]]] = []
    for day, name in SNAPSHOTS:
        steps.append(
            (day + " ", ["record", str(HERE / name), "--profile", str(PROFILE), "--date", day])
        )
    for row in logs:
        step = ["log", row["group"], "--hours", row["hours"], "--connections", row["connections"]]
        step += ["--replies", row["replies"], "--date", row["date"]]
        if row["note"]:
            step += ["--note", row["note"]]
        steps.append((row["date"], step))
    steps.sort(key=lambda s: s[0])  # a day's logs come before that day's record (" " sorts last)
    return [[*step, "--ledger", ledger] for _, step in steps]


def build(ledger: str | Path, quiet: bool = True) -> None:
    """Run the commands in this process (a fresh ledger at ``ledger``)."""
    from typer.testing import CliRunner

    from relevance.cli import app

    path = Path(ledger)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    runner = CliRunner()
    for args in commands(str(path)):
        result = runner.invoke(app, args)
        if result.exit_code != 0:
            raise RuntimeError(f"relevance {' '.join(args)} failed: {result.output}")
        if not quiet:
            print(result.output, end="")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python examples/ledger/build.py LEDGER")
    build(sys.argv[1], quiet=False)
