"""Open311 POST and GET throughput and latency on loopback, beside a trivial view on the same server and run.

A real server is started as ``make run`` starts it (gunicorn with the project's WSGI app, 2 workers × 4 threads)
on 127.0.0.1 with SQLite (WAL) in a temporary data folder holding the demo municipality. A pure-Python load
generator (threads, one keep-alive connection each) then measures, in rounds, the same concurrency against:
the trivial view ``GET /healthz`` (the baseline), ``POST requests.json``, ``GET requests.json`` and
``GET requests/{id}.json``. Every loop is bounded in count and time; nothing leaves loopback.
"""

from __future__ import annotations

import json
import os
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import open311_storage
from benchmarks.context import BenchContext
from benchmarks.loopback import (
    CONCURRENCY,
    LIST_PAGE_SIZE,
    THREADS,
    WORKERS,
    Measurement,
    Scenario,
    Server,
    measure,
    open311_post_body,
    table_row,
)


def _pick_service(server: Server) -> str:
    status, body = server.request("GET", "/open311/v2/services.json")
    if status != 200:
        raise RuntimeError(f"GET services.json answered {status}: {body[:300]!r}")
    codes = [service["service_code"] for service in json.loads(body) if not service.get("metadata")]
    if not codes:
        raise RuntimeError("the service list has no service without required attributes to POST to")
    return "STR-01" if "STR-01" in codes else codes[0]


def _first_request_id(server: Server, body: Callable[[int], bytes]) -> str:
    status, answer = server.request("POST", "/open311/v2/requests.json", body(0))
    if status not in (200, 201):
        raise RuntimeError(f"POST requests.json answered {status}: {answer[:300]!r}")
    return str(json.loads(answer)[0]["service_request_id"])


def run(context: BenchContext) -> str:
    """Measure the Open311 endpoints beside /healthz and return the Markdown section."""
    rounds, duration, warmup = (1, 1.5, 0.5) if context.quick else (5, 3.0, 1.0)
    load_before = os.getloadavg()[0]
    data_dir = context.work_dir / "open311"
    data_dir.mkdir(parents=True, exist_ok=True)
    server = Server(context, data_dir)
    context.progress("open311: migrating a fresh SQLite database and loading the demo municipality")
    server.manage("migrate", "--no-input", "--verbosity", "0")
    server.manage("load-demo")
    api_key = (data_dir / "demo_open311_key").read_text(encoding="utf-8").strip()
    context.progress(f"open311: starting gunicorn ({WORKERS} workers × {THREADS} threads) on port {server.port}")
    server.start()
    try:
        service_code = _pick_service(server)
        post_body = open311_post_body(service_code, api_key)
        request_id = _first_request_id(server, post_body)
        scenarios = [
            Scenario("trivial view: GET /healthz (baseline)", "/healthz"),
            Scenario(
                f"POST /open311/v2/requests.json ({service_code})",
                "/open311/v2/requests.json",
                body=post_body,
                expect=frozenset({200, 201}),
            ),
            # A fixed page size keeps the list the same length however many POSTs ran before it.
            Scenario(
                f"GET /open311/v2/requests.json?page_size={LIST_PAGE_SIZE} (list)",
                f"/open311/v2/requests.json?page_size={LIST_PAGE_SIZE}",
            ),
            Scenario("GET /open311/v2/requests/{id}.json (one)", f"/open311/v2/requests/{request_id}.json"),
        ]
        for scenario in scenarios:
            measure(server, scenario, duration=warmup)
        context.progress(f"open311: warmed up; {rounds} round(s) of {duration:g} s per scenario, {CONCURRENCY} clients")
        results: dict[str, list[Measurement]] = {scenario.name: [] for scenario in scenarios}
        for round_number in range(1, rounds + 1):
            for scenario in scenarios:
                outcome = measure(server, scenario, duration=duration)
                results[scenario.name].append(outcome)
                context.progress(
                    f"open311: round {round_number}/{rounds} {scenario.name}: {outcome.rate:,.0f} req/s, "
                    f"{outcome.errors} errors, client CPU {outcome.client_cpu / outcome.elapsed:.2f} cores"
                )
                if outcome.first_error:
                    context.progress(f"open311:   first error: {outcome.first_error}")
    finally:
        server.stop()
    context.progress("open311: timing SQLite commits on this disk")
    floor = open311_storage.commit_floor(data_dir)
    variants = open311_storage.run_variants(context, rounds=rounds, duration=duration, warmup=warmup)
    info = RunInfo(
        rounds=rounds, duration=duration, quick=context.quick, load_before=load_before, load_after=os.getloadavg()[0]
    )
    return _markdown(scenarios, results, info) + "\n\n" + open311_storage.markdown(floor, variants)


@dataclass(frozen=True)
class RunInfo:
    """How the measurements were taken, for the text around the table."""

    rounds: int
    duration: float
    quick: bool
    load_before: float
    load_after: float


def _cpu_per_request(runs: list[Measurement]) -> float:
    ok = sum(run.ok for run in runs)
    return sum(run.server_cpu for run in runs) / ok if ok else 0.0


def _markdown(scenarios: list[Scenario], results: dict[str, list[Measurement]], info: RunInfo) -> str:
    baseline = statistics.median(run.rate for run in results[scenarios[0].name])
    post_rate = statistics.median(run.rate for run in results[scenarios[1].name])
    ratio = post_rate / baseline if baseline else 0.0
    verdict = "met" if ratio >= 0.5 else "not met"
    trivial_cpu = _cpu_per_request(results[scenarios[0].name])
    post_cpu = _cpu_per_request(results[scenarios[1].name])
    cpu_ratio = post_cpu / trivial_cpu if trivial_cpu else 0.0
    client_cores = max(run.client_cpu / run.elapsed for runs in results.values() for run in runs if run.elapsed)
    errors = sum(run.errors for runs in results.values() for run in runs)
    rows = "\n".join(table_row(scenario.name, results[scenario.name], baseline) for scenario in scenarios)
    first_errors = sorted({run.first_error for runs in results.values() for run in runs if run.first_error})
    quick_note = " This was a `--quick` run: short loops, noisy numbers." if info.quick else ""
    failures = f"Errors: {errors} ({'; '.join(first_errors)[:300]})." if errors else "No request failed."
    return f"""## Open311 API on loopback

**POST requests.json reached {ratio:.2f}× the trivial view's rate (aim: at least 0.5×): {verdict}.** By server
CPU time, one POST costs {cpu_ratio:.1f}× a trivial request ({post_cpu * 1000:.2f} ms against
{trivial_cpu * 1000:.2f} ms).

Server: gunicorn with OpenBuurt's WSGI app, {WORKERS} workers × {THREADS} threads (as `make run` starts it), DEBUG
off, no access log, SQLite (WAL) in a temporary folder holding the demo municipality (200 demo reports, 20 wijken,
150 buurten). The task worker is not running, so tasks are queued but not executed during the measurement.
Client: pure Python on the same machine, {CONCURRENCY} threads with one keep-alive connection each;
{info.rounds} round(s) of {info.duration:g} s per scenario after a warm-up, the scenarios taking turns within each
round. req/s is the median over the rounds; latencies are pooled over all rounds; "server CPU" is the user +
system time of the gunicorn processes divided by the successful requests.{quick_note}

| scenario | requests | errors | req/s | p50 ms | p99 ms | server CPU ms/req | response bytes | vs trivial |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

Each POST stores a new report through `reports.services.submit_report` (validation, area lookup, classifier,
numbering, history rows, audit entry) in one SQLite write transaction and then queues its follow-up tasks, so
POSTs from all workers take turns on the database's write lock (queued in order by OpenBuurt's SQLite backend,
not by SQLite's sleeping retries). The client shares the machine with the server
(it used up to {client_cores:.2f} cores), and the machine's load average was {info.load_before:.1f} before and
{info.load_after:.1f} after the run: other work on the machine lowers every rate, which is why the ratios and the
CPU time per request say more than the absolute rates. {failures}"""
