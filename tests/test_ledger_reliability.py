"""Nothing lost, nothing corrupt: the ledger under real processes (no mocks).

Two ``log`` commands at once, a command killed with SIGKILL in the middle of its transaction,
a full disk (a small tmpfs, when this runs as root) and a read-only ledger.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

COMMAND = [sys.executable, "-m", "relevance"]
GROUPS = 3


def relevance(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, timeout=120, check=False, **kwargs
    )  # type: ignore[call-overload, no-any-return]


def export_file(path: Path, entries: int, start: int = 0) -> Path:
    """A ledger export: GROUPS groups, then ``entries`` effort entries spread over them."""
    with path.open("w", encoding="utf-8") as out:
        for g in range(GROUPS):
            out.write(json.dumps({"kind": "group", "group": f"g{g}", "title": f"Group {g}"}) + "\n")
        for i in range(start, start + entries):
            record = {
                "kind": "effort", "group": f"g{i % GROUPS}", "entry": f"e{i}",
                "day": "2026-11-02", "hours": 0.25, "connections": i % 2, "note": "x" * 40,
            }  # fmt: skip
            out.write(json.dumps(record) + "\n")
    return path


def entries(ledger: Path) -> int:
    with sqlite3.connect(ledger) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM effort").fetchone()[0])


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.sqlite"
    result = relevance("ledger", "import", str(export_file(tmp_path / "base.jsonl", 6)),
                       "--ledger", str(path))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return path


def test_concurrent_logs_all_land(ledger: Path, tmp_path: Path) -> None:
    # A long import holds the write lock while the logs start: they must wait, not fail.
    big = export_file(tmp_path / "big.jsonl", 10000, start=100)
    importer = subprocess.Popen(
        [*COMMAND, "ledger", "import", str(big), "--ledger", str(ledger)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    logs = [
        subprocess.Popen(
            [
                *COMMAND,
                "log",
                f"g{i % GROUPS}",
                "--hours",
                "1",
                "--replies",
                str(i),
                "--date",
                "2026-11-20",
                "--ledger",
                str(ledger),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(4)
    ]
    outcomes = [(*p.communicate(timeout=120), p.returncode) for p in [importer, *logs]]
    for _, err, code in outcomes:
        assert code == 0, err
        assert "Traceback" not in err
    assert entries(ledger) == 6 + 10000 + 4
    with sqlite3.connect(ledger) as conn:
        replies = sorted(r for (r,) in conn.execute("SELECT replies FROM effort WHERE hours = 1"))
    assert replies == [0, 1, 2, 3]


def test_sigkill_mid_write_leaves_the_ledger_before_or_after(ledger: Path, tmp_path: Path) -> None:
    big = export_file(tmp_path / "big.jsonl", 25000, start=100)
    wal = Path(f"{ledger}-wal")
    before = entries(ledger)
    process = subprocess.Popen(
        [*COMMAND, "ledger", "import", str(big), "--ledger", str(ledger)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    # Once the transaction spills pages into the WAL, the kill lands in the middle of it.
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:
            break
        time.sleep(0.002)
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    # Almost always killed before its COMMIT (nothing of it is there); never half of it.
    assert entries(ledger) in (before, before + 25000)
    # Run to the end, the same import lands whole.
    assert relevance("ledger", "import", str(big), "--ledger", str(ledger)).returncode == 0
    assert entries(ledger) == before + 25000
    # And the ledger still takes writes.
    result = relevance("log", "g0", "--hours", "1", "--ledger", str(ledger))
    assert result.returncode == 0, result.stderr


@pytest.fixture()
def small_mount(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass  # the disk is full
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_is_a_clear_error_and_loses_nothing(small_mount: Path, tmp_path: Path) -> None:
    ledger = small_mount / "ledger.sqlite"
    base = export_file(tmp_path / "base.jsonl", 6)
    assert relevance("ledger", "import", str(base), "--ledger", str(ledger)).returncode == 0
    filler = fill(small_mount)
    big = export_file(tmp_path / "big.jsonl", 5000, start=100)
    result = relevance("ledger", "import", str(big), "--ledger", str(ledger))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: ledger {ledger}: the disk is full; nothing of this command was written\n"
        "Hint: free some space and run the command again\n"
    )
    log = relevance("log", "g1", "--hours", "2", "--ledger", str(ledger))
    assert log.returncode == 1 and "Traceback" not in log.stderr, log.stderr
    assert log.stderr.startswith(f"Error: ledger {ledger}: the disk is full")
    elsewhere = tmp_path / "elsewhere.sqlite"
    assert relevance("ledger", "import", str(big), "--ledger", str(elsewhere)).returncode == 0
    out = small_mount / "export.jsonl"
    export = relevance("ledger", "export", str(out), "--ledger", str(elsewhere))
    assert export.returncode == 1 and "Traceback" not in export.stderr
    assert export.stderr == (
        f"Error: {out}: cannot write it (No space left on device); nothing was written\n"
    )
    assert not out.exists()
    filler.unlink()
    assert entries(ledger) == 6  # neither half an import nor the log
    assert relevance("log", "g1", "--hours", "2", "--ledger", str(ledger)).returncode == 0
    assert entries(ledger) == 7


def test_a_read_only_ledger_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through file permissions; see the read-only mount test")
    ledger = tmp_path / "ledger.sqlite"
    assert relevance("ledger", "import", str(export_file(tmp_path / "b.jsonl", 6)),
                     "--ledger", str(ledger)).returncode == 0  # fmt: skip
    ledger.chmod(0o444)
    result = relevance("log", "g1", "--hours", "1", "--ledger", str(ledger))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: ledger {ledger}: the file (or its folder) is read-only; nothing was written\n"
        "Hint: make it writable, or pass --ledger with a writable path\n"
    )
    assert entries(ledger) == 6


def test_a_ledger_on_a_read_only_mount_is_a_clear_error(small_mount: Path, tmp_path: Path) -> None:
    ledger = small_mount / "ledger.sqlite"
    base = export_file(tmp_path / "base.jsonl", 6)
    assert relevance("ledger", "import", str(base), "--ledger", str(ledger)).returncode == 0
    remount = subprocess.run(["mount", "-o", "remount,ro", str(small_mount)], capture_output=True)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only here")
    result = relevance("log", "g1", "--hours", "1", "--ledger", str(ledger))
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: ledger {ledger}: the file (or its folder) is read-only; nothing was written\n"
        "Hint: make it writable, or pass --ledger with a writable path\n"
    )
    # Reading still works.
    history = relevance("history", "g1", "--ledger", str(ledger))
    assert history.returncode == 0, history.stderr
    assert "Effort (2 entries: 0.5 hours, 1 connection, 0 replies):" in history.stdout
