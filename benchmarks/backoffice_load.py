"""Write the back-office benchmark's reports into the configured database, fast, and describe what was written.

Run inside the environment of an OpenBuurt data folder, after ``migrate`` and ``load-demo --reports 0``::

    python -m benchmarks.backoffice_load --rows 1000000 --facts facts.json

Going through ``reports.services.submit_report`` would take hours for a million reports, so the rows of
:mod:`benchmarks.backoffice_data` go straight into ``reports_report`` in batches of :data:`BATCH`, streamed so
memory stays flat: ``executemany`` on SQLite (one transaction per batch), ``COPY`` on PostgreSQL with the secondary
indexes dropped during the load and rebuilt after it, then ``VACUUM ANALYZE``. Progress (rows/s) goes to stderr.
The facts file tells the measurement the counts and the ids of the team, category and wijk its filters use.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks.backoffice_data import COLUMNS, GENERATOR_VERSION, SEED, TIMESTAMP_COLUMNS, RowMaker, catalog

BATCH = 20_000


def _store_sequences(sequences: Counter[tuple[str, int]]) -> None:
    """Set the report number sequences past the generated numbers, as if the reports had come in one by one."""
    from openbuurt.reports.models import ReportNumberSequence

    for (prefix, year), last in sequences.items():
        ReportNumberSequence.objects.update_or_create(prefix=prefix, year=year, defaults={"last_value": last})


def _check_columns() -> None:
    from django.db import connection

    from openbuurt.reports.models import Report

    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(cursor, Report._meta.db_table)
    missing = [
        column.name
        for column in description
        if column.name not in COLUMNS and column.name != "id" and not column.null_ok and column.default is None
    ]
    if missing:
        raise SystemExit(
            f"reports_report has NOT NULL columns the generator does not fill: {', '.join(missing)}; "
            "add them to COLUMNS in benchmarks/backoffice_data.py"
        )


class _Progress:
    def __init__(self, label: str, total: int) -> None:
        self.label, self.total = label, total
        self.started = self.last = time.monotonic()
        self.shown = -1

    def update(self, done: int, *, force: bool = False) -> None:
        moment = time.monotonic()
        if (force and done != self.shown) or moment - self.last >= 5:
            self.last, self.shown = moment, done
            rate = done / (moment - self.started) if moment > self.started else 0.0
            print(
                f"[bench] backoffice: {self.label}: {done:,}/{self.total:,} reports, {rate:,.0f} rows/s",
                file=sys.stderr,
                flush=True,
            )


def _sqlite_time(value: float | None) -> str | None:
    # Django keeps aware datetimes on SQLite as UTC text without an offset; comparisons are textual.
    return None if value is None else time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(value))


def _postgres_time(value: float | None) -> str | None:
    return None if value is None else time.strftime("%Y-%m-%d %H:%M:%S+00", time.gmtime(value))


def _batches(
    rows: Iterator[tuple[Any, ...]], convert: Callable[[float | None], str | None]
) -> Iterator[list[tuple[Any, ...]]]:
    times = [index for index, name in enumerate(COLUMNS) if name in TIMESTAMP_COLUMNS]
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        values = list(row)
        for index in times:
            values[index] = convert(values[index])
        batch.append(tuple(values))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _load_sqlite(rows: Iterator[tuple[Any, ...]], progress: _Progress) -> None:
    from django.db import connection

    connection.ensure_connection()
    raw = connection.connection
    # A bulk load of a throwaway copy: durability is not needed while loading; a 1 GiB page cache keeps the
    # randomly ordered unique index (tracking_token_hash) in memory.
    raw.execute("PRAGMA synchronous=OFF")
    raw.execute("PRAGMA cache_size=-1048576")
    placeholders = ", ".join("?" * len(COLUMNS))
    sql = f"INSERT INTO reports_report ({', '.join(COLUMNS)}) VALUES ({placeholders})"  # noqa: S608 - constants
    done = 0
    for batch in _batches(rows, _sqlite_time):
        raw.execute("BEGIN")
        raw.executemany(sql, batch)
        raw.execute("COMMIT")
        done += len(batch)
        progress.update(done)
    progress.update(done, force=True)
    raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _load_postgres(rows: Iterator[tuple[Any, ...]], progress: _Progress) -> None:
    from django.db import connection

    with connection.cursor() as wrapper:
        cursor = wrapper.cursor
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports_report' AND indexname NOT IN "
            "(SELECT conname FROM pg_constraint WHERE conrelid = 'reports_report'::regclass)"
        )
        secondary = cursor.fetchall()
        for name, _definition in secondary:
            cursor.execute(f'DROP INDEX "{name}"')
        done = 0
        with cursor.copy(f"COPY reports_report ({', '.join(COLUMNS)}) FROM STDIN") as copy:
            for batch in _batches(rows, _postgres_time):
                for row in batch:
                    copy.write_row(row)
                done += len(batch)
                progress.update(done)
        progress.update(done, force=True)
        print(f"[bench] backoffice: postgresql: rebuilding {len(secondary)} indexes", file=sys.stderr, flush=True)
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for _name, definition in secondary:
            cursor.execute(definition)
    with connection.cursor() as cursor:
        # Autovacuum would do this within minutes of a real load; the measurement should not depend on when.
        cursor.execute("VACUUM ANALYZE reports_report")


def generate(*, rows: int, seed: int, facts_path: Path) -> dict[str, Any]:
    """Write ``rows`` reports into the configured database and the facts of the run to ``facts_path``."""
    from django.db import connection

    _check_columns()
    started = time.monotonic()
    now = datetime.now(UTC).replace(microsecond=0)
    maker = RowMaker(catalog(random.Random(seed - 1)), now=now, seed=seed)
    progress = _Progress(connection.vendor, rows)
    stream = maker.rows(rows, now)
    if connection.vendor == "sqlite":
        _load_sqlite(stream, progress)
    elif connection.vendor == "postgresql":
        _load_postgres(stream, progress)
    else:
        raise SystemExit(f"unsupported database {connection.vendor}")
    _store_sequences(maker.sequences)
    elapsed = time.monotonic() - started
    facts = _facts(rows=rows, seed=seed, now=now, seconds=elapsed)
    facts_path.write_text(json.dumps(facts, indent=2), encoding="utf-8")
    return facts


def _facts(*, rows: int, seed: int, now: datetime, seconds: float) -> dict[str, Any]:
    """Return what the measurement needs to know: counts, and the ids of the teams, categories and wijk used."""
    from django.db.models import Count

    from openbuurt.accounts.models import Department
    from openbuurt.places.models import Area
    from openbuurt.reports.backoffice.filters import OPEN_STATUSES
    from openbuurt.reports.models import Report
    from openbuurt.triage.models import Category

    open_statuses = [str(status) for status in OPEN_STATUSES]
    open_reports = Report.objects.filter(status__in=open_statuses)
    by_status = dict(Report.objects.values_list("status").annotate(n=Count("id")).order_by())
    by_org = dict(Report.objects.values_list("organisation__slug").annotate(n=Count("id")).order_by())
    return {
        "generator_version": GENERATOR_VERSION,
        "rows": rows,
        "seed": seed,
        "generated_at": now.isoformat(),
        "generation_seconds": round(seconds, 1),
        "reports": Report.objects.count(),
        "by_status": by_status,
        "open": open_reports.count(),
        "overdue": open_reports.filter(deadline__lt=now).count(),
        "open_statuses": open_statuses,
        "by_organisation": by_org,
        "team_verlichting": Department.objects.get(slug="openbare-verlichting").pk,
        "category_zwerfafval": Category.objects.get(slug="zwerfafval").pk,
        "wijk_centrum": Area.objects.get(code="WK001400").pk,
        "last_public_id": Report.objects.filter(organisation__slug="groningen")
        .order_by("-id")
        .values_list("public_id", flat=True)[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.backoffice_load", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--facts", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openbuurt.settings")
    import django

    django.setup()
    generate(rows=args.rows, seed=args.seed, facts_path=args.facts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
