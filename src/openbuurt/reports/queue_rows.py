"""Rows of the intake queue table, prepared for the database before anything is locked, and their raw INSERT.

Accepting a submission writes one row of :class:`~openbuurt.reports.models_intake.QueuedSubmission`. The values are
prepared here as the model's fields prepare them for this database (JSON text, time stamps), by the request's own
thread; the statement is the one ``QueuedSubmission.objects.create`` sends, without the ORM's per-row work
(building and compiling a query, signals), which cost more than the rest of accepting a submission. Only the JSON
and time-stamp columns need the database backend's adapters; the others hold strings, integers or ``None``, which
every driver takes as they are, so the fields' own preparation (a dozen calls per column) is skipped as well. The intake
spool (``reports.intake_spool``) keeps rows in exactly this form, so moving them into the queue table is one
INSERT of the values as they are.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Field, JSONField

from openbuurt.core import raw_sql
from openbuurt.reports.models_intake import QueuedSubmission

# Columns in the order of ``QueueRow.params``; ``public_id`` comes first so the number can be put in place.
COLUMNS = (
    "public_id",
    "submission_key",
    "source",
    "category_id",
    "organisation_id",
    "payload",
    "received_at",
    "attempts",
    "last_error",
)


@dataclass(frozen=True)
class QueueRow:
    """One queue row, its values prepared for the database; the number (``params[0]``) may still be empty."""

    prefix: str
    year: int
    params: list[Any]  # one value per name of COLUMNS

    def numbered(self, public_id: str) -> list[Any]:
        """Return the values with ``public_id`` in place."""
        return [public_id, *self.params[1:]]


_PAYLOAD = COLUMNS.index("payload")
_RECEIVED_AT = COLUMNS.index("received_at")


def prepared_row(*, prefix: str, year: int, values: dict[str, Any]) -> QueueRow:
    """Prepare every value of ``values`` (keys: COLUMNS) as the model's fields do for the current database.

    ``payload`` must be JSON-serialisable and ``received_at`` an aware datetime; the other values are strings,
    integers or ``None`` and are passed on unchanged.
    """
    ops = connection.ops
    params = [values[name] for name in COLUMNS]
    params[_PAYLOAD] = ops.adapt_json_value(params[_PAYLOAD], _payload_encoder())
    params[_RECEIVED_AT] = ops.adapt_datetimefield_value(params[_RECEIVED_AT])
    return QueueRow(prefix=prefix, year=year, params=params)


@functools.cache
def _payload_encoder() -> type[json.JSONEncoder] | None:
    field = queue_fields()[_PAYLOAD]
    assert isinstance(field, JSONField)
    return field.encoder


def insert_rows(params: Sequence[Sequence[Any]]) -> None:
    """INSERT prepared rows (values in COLUMNS order, numbered) inside the caller's transaction."""
    with raw_sql.raw_cursor() as cursor:
        cursor.executemany(_insert_statement(connection.vendor), params)


@functools.cache
def queue_fields() -> tuple[Field[Any, Any], ...]:
    """Return the queue table's model fields of COLUMNS, in that order."""
    fields: list[Field[Any, Any]] = []
    for name in COLUMNS:
        field = QueuedSubmission._meta.get_field(name)  # accepts "category_id" as well as "category"
        assert isinstance(field, Field) and field.column is not None
        fields.append(field)
    return tuple(fields)


@functools.cache
def _insert_statement(vendor: str) -> str:
    """Return the INSERT statement of one queue row for ``vendor``."""
    columns = ", ".join(connection.ops.quote_name(str(field.column)) for field in queue_fields())
    placeholders = ", ".join([raw_sql.placeholder()] * len(COLUMNS))
    table = connection.ops.quote_name(QueuedSubmission._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
