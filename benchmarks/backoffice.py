"""Back-office queue and map latency with a million reports, on SQLite and on PostgreSQL, beside /healthz.

For each database a fresh OpenBuurt is migrated, the demo organisations, areas and taxonomy are loaded
(``load-demo --reports 0``) and 1,000,000 reports are generated straight into the table by
:mod:`benchmarks.backoffice_load` (100,000 with ``--quick``). The SQLite file is cached in ``var/bench/``, keyed by
the migrations and the generator, so the next run reuses it (each run measures a copy); PostgreSQL gets a fresh
``openbuurt_bench`` database on 127.0.0.1:5432 (user postgres), dropped afterwards. Then the real server starts as
in production (gunicorn, DEBUG off) on loopback, a demo team lead logs in through the login form (with its CSRF
token), and one client sends the scenarios one request at a time, in rounds, measuring the latency of each.
"""

from __future__ import annotations

import hashlib
import html
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from benchmarks.backoffice_data import GENERATOR_VERSION, SEED
from benchmarks.context import BenchContext
from benchmarks.loopback import THREADS, WORKERS, Server, percentile

ROWS, QUICK_ROWS = 1_000_000, 100_000
REQUESTS, QUICK_REQUESTS = 200, 40
ROUNDS, WARMUP = 4, 5
SCENARIO_TIME_LIMIT = 120.0
"""Seconds one scenario may take in all; a slower scenario is measured with fewer requests (the table says how many)."""
CLIENT_TIMEOUT = 60.0
AIM_MS = 200.0
POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER = "127.0.0.1", 5432, "postgres"
POSTGRES_DATABASE = "openbuurt_bench"
LEAD, LIMITED = "teamleider.verlichting", "medewerker.afval"
PASSWORD = "openbuurt-demo-2026"  # noqa: S105 - the published password of the demo logins (accounts.demo)
SEARCH_WORD = "lantaarnpaal"


@dataclass(frozen=True)
class Scenario:
    """One page to request: ``user`` is whose session sends it; ``queue`` pages count towards the aim.

    ``next_of`` names the page whose "next page" link this scenario follows (its ``path`` is then unused).
    """

    name: str
    path: str
    user: str = LEAD
    queue: bool = True
    next_of: str = ""


@dataclass
class Result:
    """What one scenario gave: latencies in seconds, failures, the largest response and the page's match count."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""
    size: int = 0
    matches: str = ""


@dataclass
class DatabaseRun:
    """What one database gave: the facts of its reports and one result per scenario."""

    label: str
    facts: dict[str, Any]
    setup: str
    results: dict[str, Result]
    scenarios: list[Scenario]


class Client:
    """One logged-in browser: a keep-alive connection and its cookies."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=CLIENT_TIMEOUT)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, bytes]:
        """Send one request; return (status, Location header, body). Reconnects once if the server closed."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                payload = response.read()
                break
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=CLIENT_TIMEOUT)
                if attempt == 2:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, response.headers.get("Location", ""), payload

    def login(self, username: str) -> None:
        """Log in through the real form: GET it for the CSRF token, POST the demo credentials, expect a redirect."""
        status, _location, page = self.request("GET", "/backoffice/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"login page answered {status} without a CSRF token")
        form = {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token[1].decode()}
        status, _location, page = self.request("POST", "/backoffice/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"logging in as {username} answered {status}: {page[:300]!r}")

    def close(self) -> None:
        self.connection.close()


def _schema_key(context: BenchContext) -> str:
    """Return the cache key of a generated database: the migrations, the generator and its seed."""
    names = sorted(
        f"{path.parent.parent.name}/{path.stem}"
        for path in (context.repo_root / "src" / "openbuurt").glob("*/migrations/0*.py")
    )
    raw = json.dumps([GENERATOR_VERSION, SEED, names])
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def _generate(server: Server, context: BenchContext, rows: int, facts_path: Path) -> dict[str, Any]:
    """Migrate, load the demo municipality and generate ``rows`` reports in the server's database."""
    server.manage("migrate", "--no-input", "--verbosity", "0")
    # The demo loader's summary (logins, API key) is for people starting the demo, not for this log.
    subprocess.run(
        [sys.executable, "-m", "openbuurt.manage", "load-demo", "--reports", "0"],
        env=server.env,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=server.data_dir,
    )
    env = {
        **server.env,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(context.repo_root), os.environ.get("PYTHONPATH")])),
    }
    subprocess.run(
        [sys.executable, "-m", "benchmarks.backoffice_load", "--rows", str(rows), "--facts", str(facts_path)],
        env=env,
        check=True,
        stdout=sys.stderr,
        cwd=context.repo_root,
    )
    facts: dict[str, Any] = json.loads(facts_path.read_text(encoding="utf-8"))
    return facts


def _sqlite_database(context: BenchContext, rows: int) -> tuple[Path, dict[str, Any], bool]:
    """Return the cached SQLite file with ``rows`` reports, its facts and whether it was made now."""
    cache = context.repo_root / "var" / "bench"
    cache.mkdir(parents=True, exist_ok=True)
    key = _schema_key(context)
    database = cache / f"backoffice-{rows}-{key}.sqlite3"
    facts_path = database.with_suffix(".json")
    for stale in cache.glob("backoffice-*"):
        # Databases of older migrations or generators can never be used again.
        if key not in stale.name:
            context.progress(f"backoffice: removing stale cache {stale.name}")
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    if database.exists() and facts_path.exists():
        context.progress(f"backoffice: reusing {database.relative_to(context.repo_root)} (generated before)")
        return database, json.loads(facts_path.read_text(encoding="utf-8")), False
    build = cache / f"backoffice-build-{rows}-{key}"
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir()
    server = Server(context, build)
    context.progress(f"backoffice: sqlite: generating {rows:,} reports into {build.relative_to(context.repo_root)}")
    facts = _generate(server, context, rows, build / "facts.json")
    for suffix in ("-wal", "-shm"):
        leftover = build / f"openbuurt.sqlite3{suffix}"
        if leftover.exists() and leftover.stat().st_size:
            raise RuntimeError(f"{leftover} is not empty after the checkpoint")
    (build / "openbuurt.sqlite3").replace(database)
    facts_path.write_text(json.dumps(facts, indent=2), encoding="utf-8")
    shutil.rmtree(build, ignore_errors=True)
    return database, facts, True


class PostgresUnavailableError(RuntimeError):
    """No PostgreSQL server answers on 127.0.0.1:5432 as user postgres (or psycopg is not installed)."""


def _postgres(database: str = "postgres") -> Any:
    try:
        import psycopg
    except ImportError as exc:
        raise PostgresUnavailableError("psycopg is not installed") from exc
    try:
        return psycopg.connect(
            host=POSTGRES_HOST,
            port=POSTGRES_PORT,
            user=POSTGRES_USER,
            dbname=database,
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as exc:
        raise PostgresUnavailableError(
            f"no PostgreSQL server at {POSTGRES_HOST}:{POSTGRES_PORT} for user {POSTGRES_USER} ({exc})"
        ) from exc


def _postgres_url() -> str:
    return f"postgres://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{POSTGRES_DATABASE}"


def _reset_postgres(*, create: bool) -> str:
    """Drop the benchmark database (and create it again when ``create``); return the server's settings."""
    with _postgres() as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {POSTGRES_DATABASE} WITH (FORCE)")
        if not create:
            return ""
        connection.execute(f"CREATE DATABASE {POSTGRES_DATABASE}")
        version = connection.execute("SHOW server_version").fetchone()[0]
        buffers = connection.execute("SHOW shared_buffers").fetchone()[0]
        cache = connection.execute("SHOW effective_cache_size").fetchone()[0]
        work = connection.execute("SHOW work_mem").fetchone()[0]
    return f"PostgreSQL {version} (shared_buffers {buffers}, effective_cache_size {cache}, work_mem {work})"


def scenarios(facts: dict[str, Any]) -> list[Scenario]:
    """Return the requests to measure; the filters are sent as the filter form sends them (open statuses kept)."""
    open_statuses = [("status", status) for status in facts["open_statuses"]]

    def queue(*pairs: tuple[str, Any], keep_open: bool = True) -> str:
        query = urllib.parse.urlencode([*(open_statuses if keep_open else []), *pairs])
        return f"/backoffice/?{query}"

    map_data = "/backoffice/map/data.geojson"
    return [
        Scenario("trivial view: GET /healthz (baseline)", "/healthz", queue=False),
        Scenario("queue: default (open reports, newest first)", "/backoffice/"),
        Scenario("queue: second page (keyset cursor)", "", next_of="/backoffice/"),
        Scenario("queue: open, soonest deadline first", queue(("sort", "deadline"))),
        Scenario("queue: team Openbare verlichting (open)", queue(("team", facts["team_verlichting"]))),
        Scenario(
            "queue: team Openbare verlichting, any status (none ticked)",
            queue(("team", facts["team_verlichting"]), keep_open=False),
        ),
        Scenario("queue: status in progress", queue(("status", "in_progress"), keep_open=False)),
        Scenario("queue: status done (closed)", queue(("status", "done"), keep_open=False)),
        Scenario("queue: category Zwerfafval (open)", queue(("category", facts["category_zwerfafval"]))),
        Scenario("queue: overdue (open)", queue(("lateness", "overdue"))),
        Scenario("queue: wijk Centrum (open)", queue(("area", facts["wijk_centrum"]))),
        Scenario(f"queue: text search “{SEARCH_WORD}” (open)", queue(("q", SEARCH_WORD))),
        Scenario("queue: search by report number", queue(("q", facts["last_public_id"]), keep_open=False)),
        Scenario("queue: team member limited to own team (default)", "/backoffice/", user=LIMITED),
        Scenario("map data: default (open reports)", map_data, queue=False),
        Scenario(
            "map data: category Zwerfafval (open)",
            f"{map_data}?{urllib.parse.urlencode([*open_statuses, ('category', facts['category_zwerfafval'])])}",
            queue=False,
        ),
    ]


def _matches(path: str, body: bytes) -> str:
    """Return how many reports the response says match: the queue's (capped) count or the map's features."""
    if "data.geojson" in path:
        data = json.loads(body)
        return f"{len(data['features']):,}" + (" (capped)" if data.get("capped") else "")
    found = re.search(rb'id="queue-count">(.*?)</p>', body, re.DOTALL)
    if found is None:
        return ""
    text = re.sub(r"<[^>]+>|\s+", " ", found[1].decode()).strip()
    number = re.search(r"\d[\d.,]*", text)
    if number is None:
        return text[:40]
    prefix = ">" if ("Meer dan" in text or "More than" in text) else ""
    return prefix + number[0]


def _next_page(client: Client, path: str) -> str:
    status, _location, body = client.request("GET", path)
    found = re.search(rb'href="([^"]+)" id="next-page"', body)
    if status != 200 or found is None:
        raise RuntimeError(f"the queue page {path} ({status}) has no next-page link")
    return html.unescape(found[1].decode())


def measure(context: BenchContext, server: Server, label: str, facts: dict[str, Any]) -> dict[str, Result]:
    """Log in and time every scenario: a warm-up, then rounds in which the scenarios take turns."""
    per_scenario = QUICK_REQUESTS if context.quick else REQUESTS
    clients = {LEAD: Client(server.port), LIMITED: Client(server.port)}
    for username, client in clients.items():
        client.login(username)
    plan = scenarios(facts)
    paths = {item.name: _next_page(clients[item.user], item.next_of) if item.next_of else item.path for item in plan}
    results = {item.name: Result() for item in plan}
    spent = dict.fromkeys(results, 0.0)
    for item in plan:
        client = clients[item.user]
        for number in range(WARMUP):
            began = time.perf_counter()
            status, _location, body = client.request("GET", paths[item.name])
            spent[item.name] += time.perf_counter() - began
            if number == 0:
                results[item.name].matches = _matches(paths[item.name], body) if status == 200 else f"HTTP {status}"
    context.progress(f"backoffice: {label}: warmed up; {ROUNDS} rounds, {per_scenario} requests per scenario")
    for round_number in range(1, ROUNDS + 1):
        for item in plan:
            client, result = clients[item.user], results[item.name]
            for _ in range(per_scenario // ROUNDS):
                if spent[item.name] > SCENARIO_TIME_LIMIT:
                    break
                began = time.perf_counter()
                status, _location, body = client.request("GET", paths[item.name])
                elapsed = time.perf_counter() - began
                spent[item.name] += elapsed
                result.latencies.append(elapsed)
                result.size = max(result.size, len(body))
                if status != 200:
                    result.errors += 1
                    result.first_error = result.first_error or f"HTTP {status}: {body[:200]!r}"
        worst = max(plan, key=lambda item: percentile(results[item.name].latencies, 0.95))
        context.progress(
            f"backoffice: {label}: round {round_number}/{ROUNDS} done; slowest p95 so far "
            f"{percentile(results[worst.name].latencies, 0.95) * 1000:.0f} ms ({worst.name})"
        )
    for client in clients.values():
        client.close()
    return results


def _run_database(
    context: BenchContext, label: str, data_dir: Path, facts: dict[str, Any], setup: str, database_url: str = ""
) -> DatabaseRun:
    server = Server(context, data_dir)
    if database_url:
        server.env["DATABASE_URL"] = database_url
    # DEBUG is off, so the pages use the hashed static files that collectstatic writes, as in production.
    server.manage("collectstatic", "--no-input", "--verbosity", "0")
    context.progress(f"backoffice: {label}: starting gunicorn ({WORKERS} workers × {THREADS} threads)")
    server.start()
    try:
        results = measure(context, server, label, facts)
    finally:
        server.stop()
    return DatabaseRun(label=label, facts=facts, setup=setup, results=results, scenarios=scenarios(facts))


def _sqlite_run(context: BenchContext, rows: int) -> DatabaseRun:
    cached, facts, made_now = _sqlite_database(context, rows)
    data_dir = context.work_dir / "backoffice-sqlite"
    data_dir.mkdir(parents=True, exist_ok=True)
    context.progress("backoffice: sqlite: copying the cached database for this run")
    shutil.copyfile(cached, data_dir / "openbuurt.sqlite3")
    how = "generated in this run" if made_now else "reused from the cache in `var/bench/` (generated in an earlier run)"
    setup = (
        f"SQLite (WAL, synchronous FULL, as in production), {_file_size(cached)}; reports {how}: "
        f"{facts['generation_seconds']:,.0f} s to generate on {facts['generated_at'][:10]}"
    )
    return _run_database(context, "SQLite", data_dir, facts, setup)


def _postgres_run(context: BenchContext, rows: int) -> DatabaseRun:
    data_dir = context.work_dir / "backoffice-postgresql"
    data_dir.mkdir(parents=True, exist_ok=True)
    server_description = _reset_postgres(create=True)
    try:
        server = Server(context, data_dir)
        server.env["DATABASE_URL"] = _postgres_url()
        context.progress(f"backoffice: postgresql: generating {rows:,} reports into {POSTGRES_DATABASE}")
        facts = _generate(server, context, rows, data_dir / "facts.json")
        with _postgres(POSTGRES_DATABASE) as connection:
            size = connection.execute("SELECT pg_size_pretty(pg_total_relation_size('reports_report'))").fetchone()[0]
        setup = (
            f"{server_description} on loopback, table with indexes {size}; reports generated in this run: "
            f"{facts['generation_seconds']:,.0f} s (COPY, indexes rebuilt, VACUUM ANALYZE)"
        )
        return _run_database(context, "PostgreSQL", data_dir, facts, setup, database_url=_postgres_url())
    finally:
        _reset_postgres(create=False)


def _file_size(path: Path) -> str:
    return f"{path.stat().st_size / 1024 / 1024:,.0f} MiB file"


def run(context: BenchContext) -> str:
    """Measure the queue and the map on SQLite and PostgreSQL and return the Markdown section."""
    rows = QUICK_ROWS if context.quick else ROWS
    load_before = os.getloadavg()[0]
    runs = [_sqlite_run(context, rows)]
    missing = ""
    try:
        runs.append(_postgres_run(context, rows))
    except PostgresUnavailableError as exc:
        missing = str(exc)
        context.progress(f"backoffice: PostgreSQL not measured: {exc}")
        context.notes.append(f"backoffice: PostgreSQL not measured: {exc}")
    return _markdown(runs, rows=rows, quick=context.quick, load=(load_before, os.getloadavg()[0]), missing=missing)


def _ms(values: list[float], fraction: float) -> str:
    return f"{percentile(values, fraction) * 1000:,.1f}" if values else "–"


def _worst_queue(run: DatabaseRun) -> tuple[str, float]:
    queue = [item.name for item in run.scenarios if item.queue and run.results[item.name].latencies]
    name = max(queue, key=lambda name: percentile(run.results[name].latencies, 0.95))
    return name, percentile(run.results[name].latencies, 0.95) * 1000


def _table(run: DatabaseRun) -> str:
    lines = [
        "| scenario | matches | requests | errors | p50 ms | p95 ms | p99 ms | max ms | response KiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for item in run.scenarios:
        result = run.results[item.name]
        values = result.latencies
        p95 = percentile(values, 0.95) * 1000
        mark = " ⚠" if item.queue and p95 >= AIM_MS else ""
        lines.append(
            f"| {item.name} | {result.matches or '–'} | {len(values)} | {result.errors} | {_ms(values, 0.5)} "
            f"| {_ms(values, 0.95)}{mark} | {_ms(values, 0.99)} | {max(values, default=0) * 1000:,.1f} "
            f"| {result.size / 1024:,.1f} |"
        )
    return "\n".join(lines)


def _facts_line(facts: dict[str, Any]) -> str:
    by_status = facts["by_status"]
    closed = by_status.get("done", 0) + by_status.get("cancelled", 0)
    police = facts["by_organisation"].get("politie-noord-nederland", 0)
    return (
        f"{facts['reports']:,} reports over three years: {closed:,} closed, {facts['open']:,} open "
        f"({facts['overdue']:,} of them overdue when generated); {police:,} police reports. "
        f"By status: {', '.join(f'{name} {count:,}' for name, count in sorted(by_status.items()))}."
    )


def _markdown(runs: list[DatabaseRun], *, rows: int, quick: bool, load: tuple[float, float], missing: str) -> str:
    sqlite = runs[0]
    default = percentile(sqlite.results[sqlite.scenarios[1].name].latencies, 0.95) * 1000
    worst_name, worst = _worst_queue(sqlite)
    verdict = "met" if worst < AIM_MS else "not met"
    slow = [
        item.name
        for item in sqlite.scenarios
        if item.queue and percentile(sqlite.results[item.name].latencies, 0.95) * 1000 >= AIM_MS
    ]
    headline = (
        f"**Aim: every queue page under {AIM_MS:.0f} ms at the 95th percentile on SQLite with {rows:,} reports: "
        f"{verdict}.** The default queue page: p95 {default:,.0f} ms; the slowest queue page: {worst_name}, "
        f"p95 {worst:,.0f} ms."
    )
    if slow:
        headline += f" Over the aim (⚠): {'; '.join(slow)}."
    per_database = []
    for run in runs:
        name, p95 = _worst_queue(run)
        errors = [f"{item}: {result.first_error}" for item, result in run.results.items() if result.first_error]
        per_database.append(
            f"### {run.label}\n\n{run.setup}. {_facts_line(run.facts)} Slowest queue page: {name}, "
            f"p95 {p95:,.0f} ms.\n\n{_table(run)}" + (f"\n\nErrors: {'; '.join(errors)[:500]}" if errors else "")
        )
    if missing:
        per_database.append(f"### PostgreSQL\n\n_Not measured: {missing}_")
    requests = QUICK_REQUESTS if quick else REQUESTS
    quick_note = " This was a `--quick` run: fewer reports and requests, noisier numbers." if quick else ""
    body = "\n\n".join(per_database)
    return f"""## Back office: queue and map with {rows:,} reports

{headline}

Each database holds {rows:,} generated reports (`benchmarks/backoffice_data.py`: the demo texts, written by us,
over three years; categories of the default taxonomy, teams from the default routing rules, points inside the CBS
wijken of Groningen, about 5% police reports, most reports closed). The server is gunicorn with OpenBuurt's WSGI
app, {WORKERS} workers × {THREADS} threads, DEBUG off, on loopback. The demo team lead of Openbare verlichting
(who sees the whole municipality) logs in through the login form; the last queue row uses the demo team member of
Afvalinzameling, whose account is limited to his own team. One client sends one request at a time on a kept-alive
connection: {WARMUP} warm-up requests per scenario, then {requests} timed requests per scenario in {ROUNDS} rounds in
which the scenarios take turns. Filters are sent as the filter form sends them: the open statuses stay checked
unless the row says otherwise. "matches" is what the page reports (the queue counts up to 1,000; the map shows
at most 5,000 points). Latencies are client-side, from sending the request to reading the whole response.{quick_note}
The machine's load average was {load[0]:.1f} before and {load[1]:.1f} after the run.

{body}"""
