"""The driver's own cursor: its statements join Django's transaction and fail with Django's exceptions."""

from __future__ import annotations

from django.db import IntegrityError, transaction

import pytest

from openbuurt.core import raw_sql


@pytest.fixture
def scratch_table(db: None) -> str:
    # Created inside the test's transaction, so it is gone again afterwards (DDL is transactional in SQLite and
    # PostgreSQL).
    with raw_sql.raw_cursor() as cursor:
        cursor.execute("CREATE TABLE raw_sql_scratch (name varchar(20) PRIMARY KEY)")
    return "raw_sql_scratch"


def _names() -> list[str]:
    with raw_sql.raw_cursor() as cursor:
        cursor.execute("SELECT name FROM raw_sql_scratch ORDER BY name")
        return [row[0] for row in cursor.fetchall()]


def test_a_constraint_violation_is_djangos_integrity_error(scratch_table: str) -> None:
    insert = f"INSERT INTO raw_sql_scratch (name) VALUES ({raw_sql.placeholder()})"  # noqa: S608
    with raw_sql.raw_cursor() as cursor:
        cursor.execute(insert, ("first",))
    with pytest.raises(IntegrityError), transaction.atomic(), raw_sql.raw_cursor() as cursor:
        cursor.execute(insert, ("first",))
    assert _names() == ["first"]


def test_statements_are_undone_with_the_transaction_they_ran_in(scratch_table: str) -> None:
    insert = f"INSERT INTO raw_sql_scratch (name) VALUES ({raw_sql.placeholder()})"  # noqa: S608
    with pytest.raises(RuntimeError), transaction.atomic():
        with raw_sql.raw_cursor() as cursor:
            cursor.executemany(insert, [("a",), ("b",)])
        raise RuntimeError("the caller fails after the statements ran")
    with transaction.atomic(), raw_sql.raw_cursor() as cursor:
        cursor.execute(insert, ("c",))
    assert _names() == ["c"]
