"""Reliability of what the command writes (issue 14 items 1, 9 (temporary files), 10 and 11).

Every test runs the installed ``relevance`` command in a child process: kills are real signals,
the full disk is a small tmpfs (or ``/dev/full`` where none can be mounted), concurrent runs
are two processes.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import installed_command
from typer.testing import CliRunner

from relevance.cli import app

GOAL = "fintech"
GROUPS = [
    {"id": "a", "title": "Fintech founders", "description": "payments and lending startups"},
    {"id": "b", "title": "Gardening club", "description": "roses and tomatoes"},
]
Run = Callable[..., subprocess.CompletedProcess[str]]


def jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -- item 1: an output that is an input ---------------------------------------------------------


def test_output_onto_the_input_is_refused(tmp_path: Path, relevance_cmd: Run) -> None:
    source = jsonl(tmp_path / "self.jsonl", GROUPS)
    before = source.read_bytes()
    done = relevance_cmd("score", "self.jsonl", "--goal", GOAL, "-o", "self.jsonl")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "Error: --output self.jsonl is the file read as FILE; it would be lost\n"
        "Hint: give --output another file\n"
    )
    assert source.read_bytes() == before


def test_rejects_onto_the_input_is_refused(tmp_path: Path, relevance_cmd: Run) -> None:
    source = jsonl(tmp_path / "self.jsonl", GROUPS)
    before = source.read_bytes()
    done = relevance_cmd(
        "score", "self.jsonl", "--goal", GOAL, "--on-error", "skip", "--rejects", "self.jsonl"
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: --rejects self.jsonl is the file read as FILE;")
    assert source.read_bytes() == before


def test_output_and_rejects_one_file_is_refused(tmp_path: Path, relevance_cmd: Run) -> None:
    jsonl(tmp_path / "in.jsonl", GROUPS)
    done = relevance_cmd(
        "score", "in.jsonl", "--goal", GOAL, "-o", "both.jsonl",
        "--on-error", "skip", "--rejects", "./both.jsonl",
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(
        "Error: --rejects ./both.jsonl is the file written by --output; it would be lost"
    )
    assert not (tmp_path / "both.jsonl").exists()


def test_same_file_by_identity_not_by_name(tmp_path: Path, relevance_cmd: Run) -> None:
    source = jsonl(tmp_path / "in.jsonl", GROUPS)
    (tmp_path / "link.jsonl").symlink_to(source)
    os.link(source, tmp_path / "hard.jsonl")
    for other in ("link.jsonl", "hard.jsonl"):
        done = relevance_cmd("score", "in.jsonl", "--goal", GOAL, "-o", other)
        assert done.returncode == 2, other
        assert done.stderr.startswith(f"Error: --output {other} is the file read as FILE;")
    goals = tmp_path / "goals.txt"
    goals.write_text("fintech\n", encoding="utf-8")
    done = relevance_cmd("score", "in.jsonl", "--goals", "goals.txt", "-o", "goals.txt")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: --output goals.txt is the file read as --goals;")
    assert goals.read_text(encoding="utf-8") == "fintech\n"


# -- item 10: targets that are not regular files ------------------------------------------------


def test_device_and_standard_output_link_written_in_place(
    tmp_path: Path, relevance_cmd: Run
) -> None:
    jsonl(tmp_path / "in.jsonl", [*GROUPS, {"id": "bad"}])
    link = tmp_path / "out.jsonl"
    link.symlink_to("/proc/self/fd/1")
    done = relevance_cmd(
        "score", "in.jsonl", "--goal", GOAL, "-f", "jsonl", "-o", "out.jsonl",
        "--on-error", "skip", "--rejects", os.devnull, "-q",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)  # still the null device, not a file
    assert link.is_symlink()
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == ["a", "b"]
    assert temporaries(tmp_path) == []


def test_fifo_written_directly_and_link_to_a_file_kept(tmp_path: Path, runner: Any) -> None:
    jsonl(tmp_path / "in.jsonl", [*GROUPS, {"id": "bad"}])
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "bad.jsonl"
    real.write_text("old\n", encoding="utf-8")
    (tmp_path / "bad.jsonl").symlink_to(real)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    result = runner.invoke(app, [
        "score", str(tmp_path / "in.jsonl"), "--goal", GOAL, "-f", "jsonl", "-o", str(fifo),
        "--on-error", "skip", "--rejects", str(tmp_path / "bad.jsonl"), "-q",
    ])  # fmt: skip
    reader.join(timeout=60)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert [json.loads(line)["id"] for line in received[0].splitlines()] == ["a", "b"]
    assert (tmp_path / "bad.jsonl").is_symlink()  # the file it names was replaced
    assert real.read_text(encoding="utf-8") == '{"id": "bad"}\n'
    assert temporaries(tmp_path) == [] and temporaries(real.parent) == []


# -- item 11: a full disk -----------------------------------------------------------------------


@pytest.fixture
def full_folder(tmp_path: Path) -> Iterator[Path | None]:
    """A 4 KiB tmpfs (as root, where mounting works), else None: the test uses /dev/full."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(folder)],
            capture_output=True,
            check=False,
        )
        mounted = done.returncode == 0
    yield folder if mounted else None
    if mounted:
        subprocess.run(["umount", str(folder)], check=False)


def test_full_disk_is_an_error_naming_the_file(
    tmp_path: Path, relevance_cmd: Run, full_folder: Path | None
) -> None:
    many = [dict(g, id=f"{g['id']}{i}", description=g["description"] * 20) for i in range(40)
            for g in GROUPS]  # fmt: skip
    jsonl(tmp_path / "in.jsonl", many)
    target = str(full_folder / "out.json") if full_folder else "/dev/full"
    done = relevance_cmd(
        "score", "in.jsonl", "--goal", GOAL, "-f", "jsonl", "-o", target,
        "--chunk-size", "20", "--jobs", "2", "-q",
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == f"Error: {target}: No space left on device\n"
    if full_folder:
        assert list(full_folder.iterdir()) == []  # no partial file, no temporary file


def test_full_disk_for_a_document_and_rejects(
    tmp_path: Path, runner: Any, full_folder: Path | None
) -> None:
    many = [dict(g, id=f"{g['id']}{i}", description=g["description"] * 20) for i in range(40)
            for g in GROUPS]  # fmt: skip
    jsonl(tmp_path / "in.jsonl", [*many, {"id": "bad"}])
    for option in ("-o", "--rejects"):
        target = str(full_folder / "out.json") if full_folder else "/dev/full"
        if option == "--rejects" and full_folder:
            (full_folder / "fill").write_bytes(b"x" * 4096)  # no room left at all
        result = runner.invoke(app, [
            "score", str(tmp_path / "in.jsonl"), "--goal", GOAL, "-f", "json",
            "--on-error", "skip", option, target, "-q",
            *(["-o", os.devnull] if option == "--rejects" else []),
        ])  # fmt: skip
        assert result.exit_code == 1, option
        assert result.stderr.endswith(f"Error: {target}: No space left on device\n"), option
        if full_folder:
            assert temporaries(full_folder) == []


# -- item 9 (temporary files): signals, kills, the next run ---------------------------------------


def _blocked_run(tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    """A run reading groups from a standard input kept open: it has opened its output (a
    temporary file) and waits for groups."""
    process = subprocess.Popen(
        [*installed_command(), "score", "-", "--input-format", "jsonl", "--goal", GOAL,
         "-o", "out.json", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=tmp_path, env={**os.environ, "RELEVANCE_MODELS": str(tmp_path / "models")},
    )  # fmt: skip
    deadline = time.monotonic() + 60
    wanted = 2 if "--rejects" in extra else 1
    while len(temporaries(tmp_path)) < wanted:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the run never opened its output"
        time.sleep(0.05)
    return process


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP])
def test_terminated_run_leaves_no_temporary_file(tmp_path: Path, number: int) -> None:
    process = _blocked_run(tmp_path, "--on-error", "skip", "--rejects", "bad.jsonl")
    assert [name.split(".")[1] for name in temporaries(tmp_path)] == ["bad", "out"]
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (128 + number, "Stopped.\n")
    assert sorted(os.listdir(tmp_path)) == []


def test_killed_run_is_swept_by_the_next_one(tmp_path: Path, relevance_cmd: Run) -> None:
    process = _blocked_run(tmp_path)
    process.kill()
    process.communicate(timeout=60)
    [stale] = temporaries(tmp_path)
    assert stale.startswith(".out.json.") and stale.endswith(".relevance.tmp")
    jsonl(tmp_path / "in.jsonl", GROUPS)
    result = CliRunner().invoke(
        app, ["score", str(tmp_path / "in.jsonl"), "--goal", GOAL, "-o", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 0, result.stderr
    assert temporaries(tmp_path) == []
    assert sorted(os.listdir(tmp_path)) == ["b.json", "in.jsonl"]


def test_a_live_run_keeps_its_temporary_file(tmp_path: Path) -> None:
    process = _blocked_run(tmp_path, "-f", "jsonl")
    [live] = temporaries(tmp_path)
    jsonl(tmp_path / "in.jsonl", GROUPS)
    result = CliRunner().invoke(  # this process writes beside the other one
        app, ["score", str(tmp_path / "in.jsonl"), "--goal", GOAL, "-o", str(tmp_path / "b.json")]
    )
    assert result.exit_code == 0, result.stderr
    assert temporaries(tmp_path) == [live]  # another process's file, being written: kept
    text = "".join(json.dumps(g) + "\n" for g in GROUPS)
    _, stderr = process.communicate(text, timeout=120)
    assert process.returncode == 0, stderr
    rows = (tmp_path / "out.json").read_text(encoding="utf-8").splitlines()
    assert [json.loads(row)["id"] for row in rows] == ["a", "b"]
    assert temporaries(tmp_path) == []
