"""The database driver's own cursor, for the few statements on the hot path of accepting a submission.

Django's cursor wrapper (placeholder conversion, execute wrappers, transaction checks) costs about 50 µs per
statement on SQLite, several times the statement itself; accepting an Open311 submission runs two statements while
the database's write lock is held. Statements sent here still run in Django's transaction (``transaction.atomic``
and ``on_commit`` work as usual) and their errors are still raised as Django's exceptions (``IntegrityError`` …).
They do not appear in ``connection.queries`` and execute wrappers do not see them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection


def placeholder() -> str:
    """Return the driver's parameter placeholder: ``?`` for sqlite3, ``%s`` for psycopg."""
    return "?" if connection.vendor == "sqlite" else "%s"


@contextmanager
def raw_cursor() -> Iterator[Any]:
    """Yield a cursor of the driver's connection of this thread; SQL must use :func:`placeholder`."""
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
