"""The intake spool: with SQLite, every web server process commits accepted submissions to a file of its own.

SQLite lets one writer at a time into a database file. When every server process committed its accepted
submissions to the intake queue table of the main database, the processes took turns on that file's write lock:
while one committed and waited for the disk, the others waited for it (`make bench`, docs/benchmarks.md). Here each
process appends to its own small SQLite file in ``settings.INTAKE_SPOOL_DIR`` instead, with its own lock and its
own disk wait, still ``synchronous=FULL``: a row is on disk before the client hears its number. The task worker
moves the rows into the queue table (``reports.services.intake_queue``) and processing goes on from there.

Rows are kept exactly as prepared for the queue table (``reports.queue_rows``). This module is storage only: the
main database is not touched here.

Files and their owners: a process names its file after its process id and a random part, and holds a shared
``flock`` on ``<file>.owner`` for as long as it lives (the kernel lets go when it exits, however it exits). A mover
that can take that lock exclusively knows the owner is gone; an empty file of a gone owner is deleted
(:func:`remove_if_abandoned`). The file is created only after its owner holds the lock, so a file never appears
abandoned while its owner is still starting.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings

from openbuurt.reports.queue_rows import COLUMNS

SUFFIX = ".spool.sqlite3"
_FORMAT_VERSION = 1
_TABLE = "spooled"
_COLUMN_LIST = ", ".join(COLUMNS)
_CREATE = f"""
CREATE TABLE IF NOT EXISTS {_TABLE} (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL,
    submission_key TEXT,
    source TEXT NOT NULL,
    category_id INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    payload TEXT NOT NULL,
    received_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT NOT NULL
)
"""
_ROW_MARKS = f"({', '.join('?' * len(COLUMNS))})"
# How long a spool's writer waits for a mover that is deleting rows (a short transaction) before giving up.
_BUSY_TIMEOUT_SECONDS = 5.0


@functools.cache
def _insert(count: int) -> str:
    """The INSERT of ``count`` rows in one statement."""
    return f"INSERT INTO {_TABLE} ({_COLUMN_LIST}) VALUES {', '.join([_ROW_MARKS] * count)}"  # noqa: S608


class SpoolError(Exception):
    """A spool file could not be opened or written; nothing of the failed write is stored."""


@dataclass(frozen=True)
class SpooledRow:
    """One row read from a spool: its place in the file and its values in COLUMNS order."""

    row_id: int
    values: tuple[Any, ...]

    @property
    def public_id(self) -> str:
        return str(self.values[0])

    def column(self, name: str) -> Any:
        """Return the stored value of column ``name`` (one of COLUMNS), as the queue table's SQLite column holds it."""
        return self.values[COLUMNS.index(name)]

    @property
    def received_at(self) -> datetime:
        """The time of reception (stored as SQLite's column holds it: UTC without a zone)."""
        return datetime.fromisoformat(str(self.column("received_at"))).replace(tzinfo=UTC)

    @property
    def payload(self) -> dict[str, Any]:
        """The submission (stored as JSON text)."""
        decoded: dict[str, Any] = json.loads(self.column("payload"))
        return decoded


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    try:
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}",  # as_uri escapes "?" and "#" in folder names
            uri=True,
            isolation_level=None,  # transactions are begun and committed explicitly
            check_same_thread=False,
            timeout=_BUSY_TIMEOUT_SECONDS,
        )
        db.execute("PRAGMA journal_mode=WAL")
        # As durable as the main database (OPENBUURT_SQLITE_SYNCHRONOUS, checked to be FULL or NORMAL): with FULL,
        # the row is on disk before the client is told its number.
        db.execute(f"PRAGMA synchronous={settings.SQLITE_SYNCHRONOUS}")
        # Rows hold residents' contact details: a moved row's bytes are overwritten, not left in free pages.
        db.execute("PRAGMA secure_delete=ON")
    except sqlite3.Error as exc:
        raise SpoolError(f"cannot open the intake spool {path.name}: {exc}") from exc
    return db


class _ProcessSpool:
    """The spool file of this process: opened on first use, after the owner lock is held."""

    def __init__(self, configured: str | Path) -> None:
        self.configured = configured
        directory = Path(configured)
        # Only the service's own user may read the spools (contact details of residents).
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.pid = os.getpid()
        self.path = directory / f"web-{self.pid}-{secrets.token_hex(4)}{SUFFIX}"
        owner = os.open(_owner_path(self.path), os.O_RDWR | os.O_CREAT, 0o600)
        fcntl.flock(owner, fcntl.LOCK_SH)
        self._owner_fd = owner
        try:
            self.db = _connect(self.path, create=True)
            try:
                self.db.execute(_CREATE)
                self.db.execute(f"PRAGMA user_version = {_FORMAT_VERSION}")
            except sqlite3.Error as exc:
                self.db.close()
                raise SpoolError(f"cannot create the intake spool {self.path.name}: {exc}") from exc
        except BaseException:
            os.close(owner)
            _owner_path(self.path).unlink(missing_ok=True)
            raise

    def append(self, rows: Sequence[Sequence[Any]]) -> None:
        # One INSERT statement in autocommit mode is one transaction: all rows or none, committed (and synced)
        # by the statement itself, in one call that lets go of Python's interpreter lock once instead of three
        # times (BEGIN, INSERT, COMMIT); every hand-back of that lock is a wait while other threads run.
        try:
            self.db.execute(_insert(len(rows)), [value for row in rows for value in row])
        except sqlite3.Error as exc:
            raise SpoolError(f"cannot write to the intake spool {self.path.name}: {exc}") from exc

    def close(self) -> None:
        self.db.close()
        os.close(self._owner_fd)


_spool: _ProcessSpool | None = None
_spool_lock = threading.Lock()


def append(rows: Sequence[Sequence[Any]]) -> None:
    """Commit ``rows`` (values in COLUMNS order, numbered) to this process's spool, all or none.

    Callers must not append from two threads at once (the group committer of the intake queue has one writer at a
    time). Raises :class:`SpoolError` when the file cannot be written.
    """
    global _spool
    configured = settings.INTAKE_SPOOL_DIR  # compared as set: no path is built per submission
    with _spool_lock:
        spool = _spool
        # A process forked from one that had a spool (or a test that moved the folder) opens its own.
        if spool is None or spool.pid != os.getpid() or spool.configured != configured:
            if spool is not None and spool.pid == os.getpid():
                spool.close()
            spool = _spool = _ProcessSpool(configured)
    spool.append(rows)


def reset() -> None:
    """Close this process's spool; the next append opens a new file (tests, and a changed folder)."""
    global _spool
    with _spool_lock:
        if _spool is not None and _spool.pid == os.getpid():
            _spool.close()
        _spool = None


def _owner_path(path: Path) -> Path:
    return path.with_name(path.name + ".owner")


def spool_files() -> list[Path]:
    """Return the spool files in the folder, oldest first."""
    directory = Path(settings.INTAKE_SPOOL_DIR)
    if not directory.is_dir():
        return []
    files = []
    for path in directory.glob(f"*{SUFFIX}"):
        with contextlib.suppress(FileNotFoundError):  # removed by a mover meanwhile
            files.append((path.stat().st_mtime, path))
    return [path for _mtime, path in sorted(files)]


@contextlib.contextmanager
def opened(path: Path) -> Iterator[sqlite3.Connection | None]:
    """Open an existing spool file for reading and forgetting rows; ``None`` when it is gone or not a spool."""
    try:
        db = _connect(path, create=False)
    except SpoolError:
        yield None
        return
    try:
        found = db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (_TABLE,)).fetchone()
        yield db if found else None
    finally:
        db.close()


def read(db: sqlite3.Connection, *, after: int = 0, limit: int) -> list[SpooledRow]:
    """Return up to ``limit`` rows of an opened spool that come after row ``after``, oldest first."""
    query = f"SELECT id, {_COLUMN_LIST} FROM {_TABLE} WHERE id > ? ORDER BY id LIMIT ?"  # noqa: S608
    return [SpooledRow(row_id=row[0], values=tuple(row[1:])) for row in db.execute(query, (after, limit))]


def forget(db: sqlite3.Connection, row_ids: Sequence[int]) -> None:
    """Delete these rows from an opened spool (they are in the queue table now), in one transaction."""
    if not row_ids:
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db.executemany(f"DELETE FROM {_TABLE} WHERE id = ?", [(row_id,) for row_id in row_ids])  # noqa: S608
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def remove_if_abandoned(path: Path) -> bool:
    """Delete an empty spool file whose owner process is gone; return whether it was deleted."""
    owner_path = _owner_path(path)
    try:
        owner = os.open(owner_path, os.O_RDWR)
    except FileNotFoundError:
        owner = None
    try:
        if owner is not None:
            try:
                fcntl.flock(owner, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False  # its process still lives and may write
        with opened(path) as db:
            if db is not None and db.execute(f"SELECT 1 FROM {_TABLE} LIMIT 1").fetchone():  # noqa: S608
                return False
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), owner_path):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        return True
    finally:
        if owner is not None:
            os.close(owner)


def count() -> int:
    """Return how many rows wait in all spools."""
    total = 0
    for path in spool_files():
        with opened(path) as db:
            if db is not None:
                total += int(db.execute(f"SELECT count(*) FROM {_TABLE}").fetchone()[0])  # noqa: S608
    return total


def find(public_id: str) -> SpooledRow | None:
    """Return the spooled row with this number, or ``None``."""
    query = f"SELECT id, {_COLUMN_LIST} FROM {_TABLE} WHERE public_id = ? LIMIT 1"  # noqa: S608
    for path in spool_files():
        with opened(path) as db:
            row = db.execute(query, (public_id,)).fetchone() if db is not None else None
        if row is not None:
            return SpooledRow(row_id=row[0], values=tuple(row[1:]))
    return None
