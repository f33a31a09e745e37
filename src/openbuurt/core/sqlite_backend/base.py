"""Django's SQLite backend with an orderly queue for write transactions.

SQLite lets one writer in at a time. Django opens every transaction with ``BEGIN IMMEDIATE`` (our setting), and a
writer that finds the database busy waits in SQLite's busy handler, which sleeps in growing steps of up to 100 ms
and retries. Under a burst of submissions the lock is often free while every waiter sleeps: throughput drops and
the slowest requests wait for a second or more. This backend puts a queue in front: a thread first takes its
process's lock for the database file, then a file lock (``flock``) shared with the other server processes, and only
then runs ``BEGIN IMMEDIATE``; both locks are given back when the transaction commits or rolls back. Waiters wake as
soon as the lock is free. SQLite's own locking stays underneath, so programs that do not use this backend (the
``sqlite3`` shell, a backup) remain safe.

In-memory databases (the test default) have no file to share and skip the queue.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from pathlib import Path
from typing import Any

from django.db import OperationalError
from django.db.backends.sqlite3 import base as sqlite3_base

# Waiting for another process: first retry after 0.05 ms, then every 0.2 ms at most. Another process keeps the lock
# for about half a millisecond (a small transaction and its fsync); sleeping longer leaves this process idle after
# the lock is free, which measurably lowered the rate of accepted submissions (`make bench`), while a retry costs
# a few microseconds. SQLite's own busy handler would sleep up to 100 ms at a time.
_FIRST_POLL = 0.00005
_LONGEST_POLL = 0.0002


class _WriteQueue:
    """The locks of one database file in this process: a thread lock and a file lock for the other processes."""

    def __init__(self, database: Path) -> None:
        self.lock_path = database.with_name(database.name + ".writers")
        self.thread_lock = threading.Lock()
        self._fd: int | None = None
        self._fd_pid = 0

    def _file(self) -> int:
        # A descriptor inherited through fork would share the lock with the parent: each process opens its own.
        if self._fd is None or self._fd_pid != os.getpid():
            self._fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            self._fd_pid = os.getpid()
        return self._fd

    def acquire(self, timeout: float) -> None:
        """Take both locks within ``timeout`` seconds, or raise ``OperationalError`` holding neither."""
        deadline = time.monotonic() + timeout
        if not self.thread_lock.acquire(timeout=max(timeout, 0.0)):
            raise OperationalError("database is locked: no turn to write within the timeout")
        try:
            fd = self._file()
            pause = _FIRST_POLL
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise OperationalError(
                            "database is locked: another process kept it beyond the timeout"
                        ) from None
                    time.sleep(pause)
                    pause = min(pause * 2, _LONGEST_POLL)
        except BaseException:
            self.thread_lock.release()
            raise

    def release(self) -> None:
        """Give both locks back."""
        try:
            if self._fd is not None and self._fd_pid == os.getpid():
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self.thread_lock.release()


_queues: dict[str, _WriteQueue | None] = {}
_queues_lock = threading.Lock()


def _queue_for(name: object) -> _WriteQueue | None:
    """The queue of the database file ``name``; ``None`` for an in-memory database."""
    text = str(name)
    if text in _queues:
        return _queues[text]
    with _queues_lock:
        if text == ":memory:" or "mode=memory" in text or text.startswith("file:memorydb"):
            made = None
        else:
            made = _WriteQueue(Path(text).resolve())
        return _queues.setdefault(text, made)


class DatabaseWrapper(sqlite3_base.DatabaseWrapper):
    """SQLite, with each transaction waiting its turn in :class:`_WriteQueue` before ``BEGIN IMMEDIATE``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._write_queue: _WriteQueue | None = None
        self._holds_write_turn = False

    def set_autocommit(self, autocommit: bool, force_begin_transaction_with_broken_autocommit: bool = False) -> None:
        # Django's atomic() begins a SQLite transaction this way (BEGIN IMMEDIATE); take the turn just before.
        begins = not autocommit and force_begin_transaction_with_broken_autocommit
        if begins and not self._holds_write_turn:
            # Looked up at each start: the test runner swaps the file for an in-memory database after set-up.
            self._write_queue = _queue_for(self.settings_dict["NAME"])
        if not begins or self._write_queue is None or self._holds_write_turn:
            super().set_autocommit(autocommit, force_begin_transaction_with_broken_autocommit)
            return
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        self._write_queue.acquire(timeout)
        self._holds_write_turn = True
        try:
            super().set_autocommit(autocommit, force_begin_transaction_with_broken_autocommit)
        except BaseException:
            self._give_back_write_turn()
            raise

    def _give_back_write_turn(self) -> None:
        if self._holds_write_turn and self._write_queue is not None:
            self._holds_write_turn = False
            self._write_queue.release()

    # A failed COMMIT keeps the turn: Django then rolls back (or closes), which gives it back.
    def commit(self) -> None:
        super().commit()
        self._give_back_write_turn()

    def rollback(self) -> None:
        super().rollback()
        self._give_back_write_turn()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._give_back_write_turn()
