"""The ledger file: one SQLite database, opened, checked, migrated and written safely.

Where it is: ``--ledger PATH``, else the ``RELEVANCE_LEDGER`` environment variable, else
``ledger.sqlite`` in the user's data folder (``platformdirs.user_data_dir("relevance")``).

Safety, because the ledger is months of a person's notes:

- **WAL journal, FULL sync**: a process killed in the middle of a command leaves the file as it
  was before that command or after it; readers never see half a transaction.
- **One transaction per command**, begun ``IMMEDIATE`` so that two commands at once queue on the
  write lock (a busy timeout of :data:`BUSY_TIMEOUT_S` seconds) instead of one failing.
- **Identified**: the file carries ``PRAGMA application_id`` :data:`APPLICATION_ID`; any other
  file (not SQLite, or another program's database) is refused and never written to.
- **Versioned**: ``PRAGMA user_version`` holds the schema version; an older ledger is migrated
  in one transaction, a newer one is refused (this version cannot know what it holds).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from relevance.errors import RelevanceError

APPLICATION_ID = 0x52454C56  # "RELV"
SCHEMA_VERSION = 2
BUSY_TIMEOUT_S = 10.0
LEDGER_FILE = "ledger.sqlite"
_SQLITE_MAGIC = b"SQLite format 3\x00"

MIGRATIONS: dict[int, str] = {
    # Version 1: groups, their dated snapshots, the effort log.
    1: """
        CREATE TABLE groups (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            url TEXT,
            title TEXT NOT NULL,
            joined INTEGER,
            joined_on TEXT,
            created TEXT NOT NULL
        );
        CREATE TABLE snapshots (
            key INTEGER PRIMARY KEY,
            group_key INTEGER NOT NULL REFERENCES groups(key),
            day TEXT NOT NULL,
            title TEXT NOT NULL,
            description TEXT,
            member_count INTEGER,
            members TEXT NOT NULL,
            discussions TEXT,
            scores TEXT NOT NULL,
            topics TEXT NOT NULL,
            UNIQUE (group_key, day)
        );
        CREATE TABLE effort (
            key INTEGER PRIMARY KEY,
            entry TEXT NOT NULL UNIQUE,
            group_key INTEGER NOT NULL REFERENCES groups(key),
            day TEXT NOT NULL,
            hours REAL NOT NULL CHECK (hours >= 0),
            connections INTEGER NOT NULL DEFAULT 0 CHECK (connections >= 0),
            replies INTEGER NOT NULL DEFAULT 0 CHECK (replies >= 0),
            note TEXT,
            logged_at TEXT NOT NULL
        );
    """,
    # Version 2: posts and comments in the log; indexes for the per-group, per-day reads.
    2: """
        ALTER TABLE effort ADD COLUMN posts INTEGER NOT NULL DEFAULT 0 CHECK (posts >= 0);
        ALTER TABLE effort ADD COLUMN comments INTEGER NOT NULL DEFAULT 0 CHECK (comments >= 0);
        CREATE INDEX effort_by_group ON effort (group_key, day);
        CREATE INDEX snapshots_by_group ON snapshots (group_key, day);
    """,
}


class LedgerError(RelevanceError):
    """A ledger that cannot be opened, read or written (exit code 1)."""


def ledger_path(explicit: str | Path | None = None) -> Path:
    """The ledger file: ``explicit``, else ``RELEVANCE_LEDGER``, else the user data folder.

    Parameters
    ----------
    explicit : str, Path or None, default=None
        The ``--ledger`` option.
    """
    if explicit:
        return Path(explicit)
    env = os.environ.get("RELEVANCE_LEDGER")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir("relevance", appauthor=False)) / LEDGER_FILE


def connect(
    path: Path, create: bool, write: bool = False, target_version: int = SCHEMA_VERSION
) -> sqlite3.Connection:
    """Open the ledger at ``path``, checked and migrated to ``target_version``.

    Parameters
    ----------
    path : Path
        The ledger file.
    create : bool
        Create the file (and its folder) when it does not exist; else that is an error.
    write : bool, default=False
        The command will write: a read-only file is refused at once. Without it, a file that
        cannot be written is opened read-only.
    target_version : int, default=SCHEMA_VERSION
        The schema to migrate to (tests build older ledgers with it).

    Raises
    ------
    LedgerError
        When the file is not a ledger, was written by a newer version, cannot be opened, or
        (``write``) cannot be written.
    """
    _check_file(path, create)
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LedgerError(
                f"ledger {path}: cannot create its folder ({error.strerror})"
            ) from None
    writable = _writable(path)
    if (write or create) and not writable:
        raise _read_only(path)
    try:
        if writable:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        else:
            # Read-only media: no -shm file can be made, and no one else writes there.
            folder_ok = os.access(path.parent, os.W_OK)
            uri = f"{path.absolute().as_uri()}?mode=ro" + ("" if folder_ok else "&immutable=1")
            conn = sqlite3.connect(uri, timeout=BUSY_TIMEOUT_S, isolation_level=None, uri=True)
    except sqlite3.Error as error:
        raise translate(error, path) from None
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _check_identity(conn, path)
        _migrate(conn, path, target_version, writable)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")
    except BaseException as error:
        conn.close()
        if isinstance(error, sqlite3.Error):
            raise translate(error, path) from None
        raise
    return conn


def _writable(path: Path) -> bool:
    """Whether the ledger (or, for a new one, its folder) and its folder can be written: WAL
    keeps ``-wal`` and ``-shm`` files beside it."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK) if folder.exists() else True


def _read_only(path: Path) -> LedgerError:
    return LedgerError(
        f"ledger {path}: the file (or its folder) is read-only; nothing was written",
        hint="make it writable, or pass --ledger with a writable path",
    )


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise LedgerError(f"ledger {path}: is a folder, not a file")
    if not path.exists():
        if create:
            return
        raise LedgerError(
            f"no ledger at {path}",
            hint="record groups first (relevance record FILE), or pass --ledger PATH",
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as error:
        raise LedgerError(f"ledger {path}: cannot read it ({error.strerror})") from None
    if head and head != _SQLITE_MAGIC:
        raise LedgerError(
            f"{path} is not a relevance ledger (not an SQLite database); it was left untouched",
            hint="pass --ledger with another path, or move that file away",
        )


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id == APPLICATION_ID:
        return
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != 0 or tables:
        raise LedgerError(
            f"{path} is an SQLite database but not a relevance ledger; it was left untouched",
            hint="pass --ledger with another path",
        )


def _migrate(conn: sqlite3.Connection, path: Path, target: int, writable: bool) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise LedgerError(
            f"ledger {path} was written by a newer version of relevance (schema {version}; "
            f"this one reads up to {SCHEMA_VERSION}); it was left untouched",
            hint="upgrade relevance (pip install -U group-relevance)",
        )
    if version >= target:
        return
    if not writable:
        raise LedgerError(
            f"ledger {path} is from an older version (schema {version}) and read-only, so "
            "it cannot be upgraded",
            hint="make it writable once; it is upgraded in place",
        )
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another process may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        for step in range(version + 1, target + 1):
            for statement in _statements(MIGRATIONS[step]):
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {max(version, target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    if version == 0:
        conn.execute("PRAGMA journal_mode = WAL")  # kept in the file; not inside a transaction


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[sqlite3.Connection]:
    """One write transaction: all of the block's changes land, or none do."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as error:
        raise translate(error, path) from None
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException as error:
        with contextlib.suppress(sqlite3.Error):  # a failed COMMIT may have rolled back already
            conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.Error):
            raise translate(error, path) from None
        raise


def _nearly_full(path: Path) -> bool:
    """Whether the ledger's disk has less room than a few WAL pages (SQLite reports a disk that
    filled while it grew its ``-shm`` or ``-wal`` file as an I/O error)."""
    import shutil

    try:
        return shutil.disk_usage(path.absolute().parent).free < 256 * 1024
    except OSError:
        return False


def translate(error: sqlite3.Error, path: Path) -> LedgerError:
    """An SQLite error as a message that names the ledger and the likely cause."""
    text = str(error)
    lower = text.lower()
    if "full" in lower or ("i/o error" in lower and _nearly_full(path)):
        return LedgerError(
            f"ledger {path}: the disk is full; nothing of this command was written",
            hint="free some space and run the command again",
        )
    if "readonly" in lower or "read-only" in lower:
        return LedgerError(
            f"ledger {path}: the file is read-only; nothing was written",
            hint="make it writable, or pass --ledger with a writable path",
        )
    if "locked" in lower or "busy" in lower:
        return LedgerError(
            f"ledger {path}: another relevance command held it for over {BUSY_TIMEOUT_S:g} s",
            hint="run the command again",
        )
    if "not a database" in lower or "malformed" in lower:
        return LedgerError(
            f"{path} is not a relevance ledger or is damaged ({text}); it was left untouched"
        )
    if "i/o error" in lower:
        name = getattr(error, "sqlite_errorname", "")
        return LedgerError(
            f"ledger {path}: the disk failed to read or write ({name or text}); nothing of this "
            "command was written"
        )
    if "unable to open" in lower:
        return LedgerError(f"ledger {path}: cannot open it ({text})")
    return LedgerError(f"ledger {path}: {text}")
