"""What bounds the rate of Open311 POSTs: the disk's commit time, and the same POST on other set-ups.

Every accepted POST commits a write transaction. With SQLite there is one writer at a time, so a commit that waits
for the disk (``synchronous=FULL``, our default) puts a floor under the time each transaction holds the write lock,
whatever the CPU does. This module measures that floor on the benchmark's own disk, then repeats the trivial view
and the POST on four other set-ups, each beside its own baseline on the same server: SQLite with
``OPENBUURT_OPEN311_QUEUED_INTAKE=false`` (the report made before the answer, one transaction per POST), SQLite with
``OPENBUURT_INTAKE_SPOOL=false`` (accepted into the queue table of the main database, the server processes taking
turns on its write lock), SQLite with ``OPENBUURT_SQLITE_SYNCHRONOUS=NORMAL`` and PostgreSQL (when a server answers
on loopback); the last two accept into the intake queue as the default does.
"""

from __future__ import annotations

import secrets
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg

from benchmarks.context import BenchContext
from benchmarks.loopback import (
    CONCURRENCY,
    THREADS,
    WORKERS,
    Measurement,
    Scenario,
    Server,
    measure,
    open311_post_body,
    table_row,
)

# The PostgreSQL server to create a throw-away database on (our machines: trust auth on loopback).
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
COMMITS = 300
QUEUED_INTAKE_OFF = "SQLite, report made before answering (queued intake off)"
SPOOL_OFF = "SQLite, queued intake without the per-process spools (intake spool off)"


@dataclass(frozen=True)
class CommitFloor:
    """Milliseconds per committed one-row transaction on a SQLite WAL file, by ``synchronous`` setting."""

    full_ms: float
    normal_ms: float


def commit_floor(folder: Path, commits: int = COMMITS) -> CommitFloor:
    """Time ``commits`` one-row ``BEGIN IMMEDIATE … COMMIT`` transactions in a WAL file in ``folder``."""
    path = folder / "commit-floor.sqlite3"
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, body TEXT)")
        result: dict[str, float] = {}
        for mode in ("FULL", "NORMAL"):
            connection.execute(f"PRAGMA synchronous={mode}")
            times: list[float] = []
            for number in range(commits):
                began = time.perf_counter()
                connection.execute("BEGIN IMMEDIATE")
                connection.execute("INSERT INTO rows (body) VALUES (?)", (f"row {number} " * 20,))
                connection.execute("COMMIT")
                times.append(time.perf_counter() - began)
            result[mode] = statistics.median(times) * 1000
    finally:
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    return CommitFloor(full_ms=result["FULL"], normal_ms=result["NORMAL"])


@dataclass
class VariantResult:
    """The trivial view and the POST measured on one set-up; ``rows`` are table rows, ``note`` a skip reason."""

    name: str
    rows: list[str]
    ratio: float | None
    note: str = ""


def _postgres_database() -> tuple[str, Callable[[], None]] | None:
    """Create a throw-away database; return its URL and a function that drops it, or ``None`` if unreachable."""
    name = f"openbuurt_bench_{secrets.token_hex(4)}"
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error:
        return None

    def drop() -> None:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}", drop


def run_variants(context: BenchContext, *, rounds: int, duration: float, warmup: float) -> list[VariantResult]:
    """Measure the trivial view and the POST on SQLite without queued intake or without the spools, SQLite NORMAL
    and PostgreSQL."""
    results: list[VariantResult] = []
    setups: list[tuple[str, dict[str, str], Callable[[], None] | None]] = [
        (QUEUED_INTAKE_OFF, {"OPENBUURT_OPEN311_QUEUED_INTAKE": "false"}, None),
        (SPOOL_OFF, {"OPENBUURT_INTAKE_SPOOL": "false"}, None),
        ("SQLite, synchronous=NORMAL", {"OPENBUURT_SQLITE_SYNCHRONOUS": "NORMAL"}, None),
    ]
    postgres = _postgres_database()
    if postgres is None:
        results.append(VariantResult("PostgreSQL", [], None, f"skipped: no PostgreSQL at {POSTGRES_ADMIN_URL}"))
    else:
        url, drop = postgres
        setups.append(("PostgreSQL (synchronous_commit on)", {"DATABASE_URL": url}, drop))
    for name, env, cleanup in setups:
        data_dir = context.work_dir / f"open311-{secrets.token_hex(3)}"
        data_dir.mkdir(parents=True)
        server = Server(context, data_dir, extra_env=env)
        try:
            context.progress(f"open311: {name}: migrating and loading the demo municipality")
            server.manage("migrate", "--no-input", "--verbosity", "0")
            server.manage("load-demo")
            api_key = (data_dir / "demo_open311_key").read_text(encoding="utf-8").strip()
            server.start()
            scenarios = [
                Scenario("trivial view: GET /healthz (baseline)", "/healthz"),
                Scenario(
                    "POST /open311/v2/requests.json (STR-01)",
                    "/open311/v2/requests.json",
                    body=open311_post_body("STR-01", api_key),
                    expect=frozenset({200, 201}),
                ),
            ]
            for scenario in scenarios:
                measure(server, scenario, duration=warmup)
            runs: dict[str, list[Measurement]] = {scenario.name: [] for scenario in scenarios}
            for _round in range(rounds):
                for scenario in scenarios:
                    runs[scenario.name].append(measure(server, scenario, duration=duration))
            baseline = statistics.median(run.rate for run in runs[scenarios[0].name])
            post = statistics.median(run.rate for run in runs[scenarios[1].name])
            context.progress(f"open311: {name}: POST {post:,.0f} req/s, trivial {baseline:,.0f} req/s")
            results.append(
                VariantResult(
                    name,
                    [table_row(f"{name}: {scenario.name}", runs[scenario.name], baseline) for scenario in scenarios],
                    post / baseline if baseline else None,
                )
            )
        finally:
            server.stop()
            if cleanup is not None:
                cleanup()
    return results


def markdown(floor: CommitFloor, variants: list[VariantResult], *, rounds: int) -> str:
    """The sub-section on what bounds the POST rate; ``rounds`` is how many rounds each variant ran."""
    rows = "\n".join(row for variant in variants for row in variant.rows)
    skipped = " ".join(f"{variant.name}: {variant.note}." for variant in variants if variant.note)
    full_ceiling = 1000 / floor.full_ms if floor.full_ms else 0.0
    return f"""### What bounds the POST rate

On this machine's disk one SQLite commit that waits for the disk (`synchronous=FULL`, WAL) takes
{floor.full_ms:.2f} ms (median of {COMMITS} one-row transactions), against {floor.normal_ms:.2f} ms with
`synchronous=NORMAL`. SQLite has one writer at a time, so with FULL no more than about {full_ceiling:,.0f}
transactions per second can be committed however fast the rest is. Every report is made in a transaction of its
own (before the answer when the queued intake is off, in the task worker when it is on), so that is also the most
reports per second. The queued intake does not write to the main database per POST: each server process commits
to its own spool file, so the processes do not wait for each other's commits, and the POSTs that arrive in one
process at the same moment share a commit; the floor is paid once per such commit, in parallel by the processes.
Every POST also spends its CPU time (above) in a Python worker. The same trivial view and POST on four other
set-ups, each beside its own baseline on the same server (same client, {CONCURRENCY} client threads, {WORKERS}
workers × {THREADS} threads; {rounds} round(s) each, so these rates are rougher than those above): SQLite as above
but with `OPENBUURT_OPEN311_QUEUED_INTAKE=false`, so that every POST makes its report (area lookup, classifier,
numbering, history rows, audit entry) in its own write transaction before it answers, as POSTs with photos always
do; SQLite with `OPENBUURT_INTAKE_SPOOL=false`, so that every accepted POST is committed to the queue table of the
main database (group commits per process, the processes taking turns on the one write lock: how the intake worked
before the spools); and, with the queued intake as by default, SQLite with `synchronous=NORMAL` (the spools too) and
PostgreSQL (which has no spools: its writers do not queue for one lock):

| set-up: scenario | requests | errors | req/s | p50 ms | p99 ms | server CPU ms/req | response bytes | vs trivial |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

`synchronous=NORMAL` keeps the database consistent after any crash and loses nothing when the program crashes,
but a power cut may lose the last commits, so a confirmed report could be gone: it is an opt-in, not our
default. PostgreSQL commits every transaction to its write-ahead log before the answer and lets many writers
work at once; its server processes' CPU time is not counted in "server CPU". {skipped}"""
