"""The SQLite backend's write queue: writers of a file database take turns in order, and always give the turn back."""

from __future__ import annotations

import copy
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.db import OperationalError, connections

import pytest

from openbuurt.core.sqlite_backend.base import DatabaseWrapper


def _wrapper(path: Path, *, timeout: float = 5) -> DatabaseWrapper:
    settings = copy.deepcopy(connections["default"].settings_dict)
    settings.update(
        ENGINE="openbuurt.core.sqlite_backend",
        NAME=str(path),
        OPTIONS={"transaction_mode": "IMMEDIATE", "timeout": timeout},
        TEST={},
    )
    return DatabaseWrapper(settings, alias=f"queue-test-{id(settings)}")


@pytest.fixture
def database(tmp_path: Path, django_db_blocker: Any) -> Iterator[Path]:
    """A WAL file database of its own (not the test database), open to this test's connections."""
    path = tmp_path / "queue.sqlite3"
    with django_db_blocker.unblock():
        setup = _wrapper(path)
        with setup.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, who TEXT)")
        setup.close()
        yield path


def _transaction(wrapper: DatabaseWrapper, who: str, hold: float = 0.0) -> None:
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("INSERT INTO events (who) VALUES (%s)", [who])
        time.sleep(hold)
        wrapper.commit()
    finally:
        wrapper.set_autocommit(True)


def _rows(path: Path) -> list[str]:
    reader = _wrapper(path)
    try:
        with reader.cursor() as cursor:
            cursor.execute("SELECT who FROM events ORDER BY id")
            return [row[0] for row in cursor.fetchall()]
    finally:
        reader.close()


def test_a_second_writer_waits_for_the_first_and_then_writes(database: Path) -> None:
    first = _wrapper(database)
    first.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with first.cursor() as cursor:
        cursor.execute("INSERT INTO events (who) VALUES ('first')")
    done = threading.Event()

    def write_second() -> None:
        second = _wrapper(database)
        _transaction(second, "second")
        second.close()
        done.set()

    thread = threading.Thread(target=write_second)
    thread.start()
    # The second writer is queued, not failed, while the first holds its transaction.
    assert not done.wait(0.3)
    first.commit()
    first.set_autocommit(True)
    thread.join(5)
    assert done.is_set()
    assert _rows(database) == ["first", "second"]
    first.close()


def test_the_turn_is_given_back_after_a_rollback_and_after_close(database: Path) -> None:
    writer = _wrapper(database, timeout=0.5)
    writer.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with writer.cursor() as cursor:
        cursor.execute("INSERT INTO events (who) VALUES ('rolled back')")
    writer.rollback()
    writer.set_autocommit(True)
    _transaction(_wrapper(database, timeout=0.5), "after rollback")

    writer.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    writer.close()
    _transaction(_wrapper(database, timeout=0.5), "after close")
    assert _rows(database) == ["after rollback", "after close"]


def test_a_writer_that_cannot_get_a_turn_gets_a_clear_error_and_holds_nothing(database: Path) -> None:
    holder = _wrapper(database)
    holder.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with holder.cursor() as cursor:
        cursor.execute("INSERT INTO events (who) VALUES ('holder')")
    result: list[BaseException] = []
    released = threading.Event()
    refused = threading.Event()

    def try_write() -> None:
        waiter = _wrapper(database, timeout=0.2)
        try:
            _transaction(waiter, "waiter")
        except OperationalError as exc:
            result.append(exc)
        refused.set()
        # The refused writer holds no turn: once the holder is done, it can write.
        released.wait(5)
        _transaction(waiter, "waiter, later")
        waiter.close()

    thread = threading.Thread(target=try_write)
    thread.start()
    # The holder keeps its transaction until the waiter has given up.
    assert refused.wait(30)
    holder.commit()
    holder.set_autocommit(True)
    released.set()
    thread.join(5)
    assert result and "database is locked" in str(result[0])
    assert _rows(database) == ["holder", "waiter, later"]


def test_another_process_waits_its_turn_through_the_file_lock(database: Path) -> None:
    holder = _wrapper(database)
    holder.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with holder.cursor() as cursor:
        cursor.execute("INSERT INTO events (who) VALUES ('this process')")
    # The other process reports whether the lock was free, then waits for it and reports again.
    script = (
        "import fcntl, os, sys\n"
        "fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)\n"
        "try:\n"
        "    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "    print('free', flush=True)\n"
        "except BlockingIOError:\n"
        "    print('busy', flush=True)\n"
        "    fcntl.flock(fd, fcntl.LOCK_EX)\n"
        "print('acquired', flush=True)\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", script, str(database) + ".writers"], stdout=subprocess.PIPE, text=True
    )
    assert other.stdout is not None
    assert other.stdout.readline().strip() == "busy"
    holder.commit()
    holder.set_autocommit(True)
    # Once this transaction committed, the other process got the lock.
    assert other.stdout.readline().strip() == "acquired"
    assert other.wait(timeout=30) == 0
    holder.close()
