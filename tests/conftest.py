"""Shared fixtures: the examples folder, a group-file writer, one analyzer, a CLI runner.

The analyzer is session-scoped (loading the default model and importing nltk/numpy take most of
a second) and uses a fixed ``today`` so that ``activity`` does not change from day to day. Tests
must not change its state; they may score anything with it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 29)

GroupWriter = Callable[..., Path]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder (holds ``relevance/``, ``models/``, ``corpora/``)."""
    return REPO


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    """The shipped ``examples/`` folder."""
    return REPO / "examples"


@pytest.fixture(scope="session")
def example_groups(examples_dir: Path) -> list[dict[str, Any]]:
    """The groups of ``examples/groups.json``, as dicts (do not modify)."""
    data = json.loads((examples_dir / "groups.json").read_text(encoding="utf-8"))
    groups: list[dict[str, Any]] = data["groups"]
    return groups


@pytest.fixture(scope="session")
def example_goal(examples_dir: Path) -> str:
    """The goal of ``examples/goal.txt``."""
    return (examples_dir / "goal.txt").read_text(encoding="utf-8").strip()


def write_groups_file(
    tmp_path: Path,
    groups: Iterable[Any],
    fmt: str = "jsonl",
    name: str | None = None,
) -> Path:
    """Write groups to ``tmp_path/<name>`` in a group file format and return the path.

    Parameters
    ----------
    tmp_path : Path
        The folder.
    groups : iterable
        Records (usually dicts; anything JSON can hold, to write bad records too).
    fmt : {"json", "json-object", "jsonl", "csv"}, default="jsonl"
        ``json``: an array; ``json-object``: ``{"groups": [...]}``; ``jsonl``: a record a line;
        ``csv``: a header of every key seen, nested values (members, discussions, effort) as
        JSON text.
    name : str or None, default=None
        File name; default ``groups.<ext>``.
    """
    records = list(groups)
    ext = {"json": "json", "json-object": "json", "jsonl": "jsonl", "csv": "csv"}[fmt]
    path = tmp_path / (name or f"groups.{ext}")
    if fmt == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "json-object":
        text = json.dumps({"groups": records}, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "jsonl":
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    else:
        columns: list[str] = []
        for record in records:
            for key in record:
                if key not in columns:
                    columns.append(key)
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for record in records:
            writer.writerow([_csv_cell(record.get(c)) for c in columns])
        text = buffer.getvalue()
    path.write_text(text, encoding="utf-8")
    return path


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | Mapping):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


@pytest.fixture
def write_groups() -> GroupWriter:
    """``write_groups(tmp_path, groups, fmt="jsonl", name=None) -> Path`` (see
    :func:`write_groups_file`)."""
    return write_groups_file


@pytest.fixture(scope="session")
def analyzer() -> Any:
    """The default model with ``today`` fixed at 2026-11-29 and no industries or places."""
    from relevance import Analyzer

    return Analyzer(today=TODAY)


def _registrations(app: Any) -> tuple[Any, ...]:
    """What a Typer app's Click command is built from: its callback, commands and groups (by
    identity, recursively), so that an app changed after a build is built again."""
    groups = tuple(
        (id(info), _registrations(info.typer_instance))
        for info in app.registered_groups
        if info.typer_instance is not None
    )
    return (id(app.registered_callback), tuple(map(id, app.registered_commands)), groups)


@pytest.fixture(scope="session", autouse=True)
def _one_click_command_per_app() -> Iterator[None]:
    """Build each Typer app's Click command once, not on every ``CliRunner.invoke``.

    Typer rebuilds the whole command tree (every parameter of every command, from type hints)
    on each invoke: about 15 ms, and the suite invokes the app some 500 times. A Click command
    keeps no state between invocations (each gets its own context), so the same command runs
    each invocation as a fresh build would. Without Typer's private hook, nothing is cached.
    """
    import typer.testing

    build = getattr(typer.testing, "_get_command", None)
    if build is None:
        yield
        return
    built: dict[tuple[int, tuple[Any, ...]], tuple[Any, Any]] = {}

    def cached(app: Any) -> Any:
        key = (id(app), _registrations(app))
        if key not in built:
            built[key] = (app, build(app))  # the app is kept so that its id is not reused
        return built[key][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", cached)
        yield


@pytest.fixture
def runner() -> Any:
    """A Typer/Click CLI runner.

    Click 8.2+ (here 8.5) always keeps standard error apart: ``result.stdout`` and
    ``result.stderr`` are separate, and ``result.output`` mixes both. Tests read ``stdout`` and
    ``stderr`` explicitly.
    """
    from typer.testing import CliRunner

    return CliRunner()


# -- the installed command, as a real process ---------------------------------------------------


def installed_command() -> list[str]:
    """The installed ``relevance`` console script beside this Python, else ``python -m``."""
    import shutil
    import sys

    found = shutil.which("relevance", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "relevance"]


@pytest.fixture
def relevance_cmd(tmp_path: Path) -> Callable[..., Any]:
    """``relevance_cmd(*args, stdin=None, env=None, cwd=tmp_path, timeout=120)``: run the
    installed command in a child process and return its ``CompletedProcess`` (text, captured).
    ``RELEVANCE_MODELS`` points into ``tmp_path`` unless ``env`` says otherwise."""
    import os
    import subprocess

    def run(
        *args: str,
        stdin: str | None = None,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
        timeout: float = 120,
    ) -> subprocess.CompletedProcess[str]:
        environment = {**os.environ, "RELEVANCE_MODELS": str(tmp_path / "models"), **(env or {})}
        return subprocess.run(
            [*installed_command(), *args],
            input=stdin,
            capture_output=True,
            text=True,
            cwd=cwd or tmp_path,
            env=environment,
            timeout=timeout,
        )

    return run
