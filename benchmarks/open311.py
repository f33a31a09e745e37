"""Open311 POST and GET throughput and latency on loopback, beside a trivial view on the same server and run.

A real server is started as ``make run`` starts it (gunicorn with the project's WSGI app, 2 workers × 4 threads)
on 127.0.0.1 with SQLite (WAL) in a temporary data folder holding the demo municipality. A pure-Python load
generator (threads, one keep-alive connection each) then measures, in rounds, the same concurrency against:
the trivial view ``GET /healthz`` (the baseline), ``POST requests.json``, ``GET requests.json`` and
``GET requests/{id}.json``. Every loop is bounded in count and time; nothing leaves loopback.

By default a POST without photos only accepts the submission into the intake queue; the task worker (not running
here) makes the report later. So after the measurement the queued submissions are made into reports by
``openbuurt intake-queue process`` in one process, timed (wall clock and the child's CPU time) beside the start-up of
the same command, and the queue and the number of reports are checked afterwards.
"""

from __future__ import annotations

import collections
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
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


def _check_post(server: Server, body: Callable[[int], bytes]) -> None:
    status, answer = server.request("POST", "/open311/v2/requests.json", body(0))
    if status not in (200, 201):
        raise RuntimeError(f"POST requests.json answered {status}: {answer[:300]!r}")


def _made_request_id(server: Server) -> str:
    """Return the number of a report that exists (a POSTed one may still wait in the intake queue)."""
    status, answer = server.request("GET", "/open311/v2/requests.json?page_size=1")
    requests = json.loads(answer) if status == 200 else []
    if not requests:
        raise RuntimeError(f"GET requests.json answered {status} without a request: {answer[:300]!r}")
    return str(requests[0]["service_request_id"])


@dataclass(frozen=True)
class Timed:
    """What one management command printed, and the wall clock and CPU time (user + system) it took."""

    stdout: str
    wall: float
    cpu: float


def _timed_manage(server: Server, *args: str) -> Timed:
    """Run ``openbuurt ARGS`` with the server's settings; its CPU time is read from this process's reaped children.

    Nothing else may run as a child meanwhile (the server is stopped before), or its CPU time would be counted too.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "openbuurt.manage", *args],
        env=server.env,
        cwd=server.data_dir,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise RuntimeError(
            f"openbuurt {' '.join(args)} exited with {completed.returncode}:\n{completed.stderr[-2000:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timed(stdout=completed.stdout, wall=wall, cpu=cpu)


_STATUS = re.compile(r"(?P<waiting>\d+) waiting, (?P<failed>\d+) failed at least once")
_PROCESSED = re.compile(r"(?P<made>\d+) report\(s\) made; " + _STATUS.pattern)


def _queue_status(server: Server) -> tuple[int, int, Timed]:
    """Return (rows waiting, rows that failed at least once) and the timing of ``openbuurt intake-queue status``."""
    timed = _timed_manage(server, "intake-queue", "status")
    found = _STATUS.search(timed.stdout)
    if found is None:
        raise RuntimeError(f"unexpected output of `openbuurt intake-queue status`: {timed.stdout[-300:]!r}")
    return int(found["waiting"]), int(found["failed"]), timed


def _report_count(server: Server) -> int:
    code = "from openbuurt.reports.models import Report; print(Report.objects.count())"
    output = _timed_manage(server, "shell", "--no-imports", "-c", code).stdout.split()
    if not output or not output[-1].isdigit():
        raise RuntimeError(f"could not count the reports: {output[-5:]!r}")
    return int(output[-1])


@dataclass(frozen=True)
class Drain:
    """The queued submissions made into reports by one ``openbuurt intake-queue process`` after the measurement."""

    queued: int  # rows in the queue before (waiting or failed)
    made: int
    process: Timed
    startup: Timed  # ``openbuurt intake-queue status``: the same start-up, a count instead of the work
    left: int  # rows in the queue afterwards (waiting or failed)
    reports_added: int

    @property
    def checks_out(self) -> bool:
        return self.left == 0 and self.made == self.queued == self.reports_added

    @property
    def net_wall(self) -> float:
        return max(self.process.wall - self.startup.wall, 1e-9)

    @property
    def net_cpu(self) -> float:
        return max(self.process.cpu - self.startup.cpu, 0.0)


def drain_queue(context: BenchContext, server: Server) -> Drain:
    """Time ``openbuurt intake-queue process`` on the rows the measurement left (the server must be stopped)."""
    reports_before = _report_count(server)
    waiting, failed, startup = _queue_status(server)
    context.progress(
        f"open311: {waiting} submission(s) waiting in the intake queue ({failed} failed), {reports_before} reports; "
        "making them into reports with `openbuurt intake-queue process`"
    )
    process = _timed_manage(server, "intake-queue", "process")
    found = _PROCESSED.search(process.stdout)
    if found is None:
        raise RuntimeError(f"unexpected output of `openbuurt intake-queue process`: {process.stdout[-300:]!r}")
    made = int(found["made"])
    waiting_after, failed_after, startup_after = _queue_status(server)
    drain = Drain(
        queued=waiting + failed,
        made=made,
        process=process,
        # Two start-ups were timed; the quicker one leaves the more conservative rate.
        startup=min(startup, startup_after, key=lambda timed: timed.wall),
        left=waiting_after + failed_after,
        reports_added=_report_count(server) - reports_before,
    )
    context.progress(
        f"open311: {made} report(s) made in {process.wall:.2f} s wall, {process.cpu:.2f} s CPU "
        f"(start-up alone {drain.startup.wall:.2f} s wall, {drain.startup.cpu:.2f} s CPU): "
        f"{made / drain.net_wall:,.0f} reports/s, {drain.net_cpu / made * 1000 if made else 0:.2f} ms CPU each "
        f"after start-up; {drain.left} left in the queue, reports grew by {drain.reports_added}"
    )
    if not drain.checks_out:
        message = (
            f"open311: intake-queue drain does not check out: {drain.queued} queued, {made} made, "
            f"{drain.left} left, reports grew by {drain.reports_added}"
        )
        context.progress(message)
        context.notes.append(message)
    return drain


def run(context: BenchContext) -> str:
    """Measure the Open311 endpoints beside /healthz and return the Markdown section."""
    rounds, duration, warmup = (1, 1.5, 0.5) if context.quick else (9, 3.0, 1.0)
    # The variants below compare configurations at a glance; five rounds each keep the whole run near ten minutes.
    variant_rounds = 1 if context.quick else 5
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
        _check_post(server, post_body)
        request_id = _made_request_id(server)
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
    drain = drain_queue(context, server)
    context.progress("open311: timing SQLite commits on this disk")
    floor = open311_storage.commit_floor(data_dir)
    variants = open311_storage.run_variants(context, rounds=variant_rounds, duration=duration, warmup=warmup)
    info = RunInfo(
        rounds=rounds, duration=duration, quick=context.quick, load_before=load_before, load_after=os.getloadavg()[0]
    )
    return (
        _markdown(scenarios, results, info, drain)
        + "\n\n"
        + open311_storage.markdown(floor, variants, rounds=variant_rounds)
    )


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


def _markdown(scenarios: list[Scenario], results: dict[str, list[Measurement]], info: RunInfo, drain: Drain) -> str:
    baseline = statistics.median(run.rate for run in results[scenarios[0].name])
    post_rate = statistics.median(run.rate for run in results[scenarios[1].name])
    ratio = post_rate / baseline if baseline else 0.0
    verdict = "met" if ratio >= 0.5 else "not met"
    # Each round measured the trivial view just before the POSTs: the spread of their ratios shows the noise.
    round_ratios = [
        post.rate / trivial.rate
        for trivial, post in zip(results[scenarios[0].name], results[scenarios[1].name], strict=True)
        if trivial.rate
    ]
    trivial_cpu = _cpu_per_request(results[scenarios[0].name])
    post_cpu = _cpu_per_request(results[scenarios[1].name])
    cpu_ratio = post_cpu / trivial_cpu if trivial_cpu else 0.0
    client_cores = max(run.client_cpu / run.elapsed for runs in results.values() for run in runs if run.elapsed)
    errors = sum(run.errors for runs in results.values() for run in runs)
    rows = "\n".join(table_row(scenario.name, results[scenario.name], baseline) for scenario in scenarios)
    first_errors = sorted({run.first_error for runs in results.values() for run in runs if run.first_error})
    quick_note = " This was a `--quick` run: short loops, noisy numbers." if info.quick else ""
    spreads = collections.Counter(run.spread for runs in results.values() for run in runs)
    spread_text = "; ".join(
        f"{' + '.join(map(str, spread)) if spread else 'not known (no `ss`)'} in {count} of {sum(spreads.values())}"
        for spread, count in spreads.most_common()
    )
    failures = f"Errors: {errors} ({'; '.join(first_errors)[:300]})." if errors else "No request failed."
    return f"""## Open311 API on loopback

**POST requests.json reached {ratio:.2f}× the trivial view's rate (aim: at least 0.5×): {verdict}.** By server
CPU time, one POST costs {cpu_ratio:.1f}× a trivial request ({post_cpu * 1000:.2f} ms against
{trivial_cpu * 1000:.2f} ms). Round by round (POSTs against the trivial view measured just before them) the ratio
ran from {min(round_ratios, default=0):.2f}× to {max(round_ratios, default=0):.2f}×.

Server: gunicorn with OpenBuurt's WSGI app, {WORKERS} workers × {THREADS} threads (as `make run` starts it), DEBUG
off, no access log, SQLite (WAL) in a temporary folder holding the demo municipality (200 demo reports, 20 wijken,
150 buurten). The task worker is not running, so tasks and accepted submissions wait in their queues during the
measurement. Client: pure Python on the same machine, {CONCURRENCY} threads with one keep-alive connection each,
spread evenly over the worker processes before each measurement (connections per worker: {spread_text}
measurements; left to themselves the workers race to accept, one often took 6 of the 8 connections and runs
differed by 15 % and more); {info.rounds} round(s) of {info.duration:g} s per scenario after a warm-up, the
scenarios taking turns within each round. req/s is the median over the rounds; latencies are pooled over all
rounds; "server CPU" is the user + system time of the gunicorn processes divided by the successful requests.{quick_note}

| scenario | requests | errors | req/s | p50 ms | p99 ms | server CPU ms/req | response bytes | vs trivial |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
{rows}

By default (`OPENBUURT_OPEN311_QUEUED_INTAKE=true`) a POST without photos, like these, does not make the report
before it answers. It checks the request (API key, service code, every field, the location inside the
municipality, the urgency that decides the 112 notice), takes the report number from a block its server process
reserved, commits one row to that process's own intake spool (a small SQLite file, `synchronous` as the main
database: FULL, on disk before the answer) in a transaction shared with the other POSTs arriving in the same
process at that moment (group commit), and answers 201 with the final `service_request_id`. The {WORKERS} server
processes write to {WORKERS} spool files, so they do not wait for each other's commits. The task worker moves spooled
rows into the intake queue and makes the report (area lookup, classifier, history rows, audit entry, events) with
that number and the time of reception. A POST with photos, or any POST with the setting false, still makes the
report before answering: see "report made before answering" below. The single request read back is a report that
exists, not a submission still waiting in the queue.

{_drain_markdown(drain, post_rate)}

The client shares the machine with the server (it used up to {client_cores:.2f} cores), and the machine's load
average was {info.load_before:.1f} before and {info.load_after:.1f} after the run: other work on the machine lowers
every rate, which is why the ratios and the CPU time per request say more than the absolute rates. {failures}"""


def _drain_markdown(drain: Drain, post_rate: float) -> str:
    """The paragraph and table on making the queued submissions into reports."""
    made = drain.made
    rate = made / drain.net_wall
    cpu_ms = drain.net_cpu / made * 1000 if made else 0.0
    gross_rate = made / drain.process.wall if drain.process.wall else 0.0
    gross_cpu_ms = drain.process.cpu / made * 1000 if made else 0.0
    startup = f"{drain.startup.wall:.2f} | {drain.startup.cpu:.2f}"
    whole = f"{drain.process.wall:.2f} | {drain.process.cpu:.2f}"
    if drain.checks_out:
        check = f"Afterwards the queue was empty and the number of reports had grown by exactly {made:,}."
    else:
        check = (
            f"**The check failed:** {drain.queued:,} queued, {made:,} made, {drain.left:,} left in the queue "
            f"afterwards, and the number of reports grew by {drain.reports_added:,}."
        )
    return f"""So the POST rate above is the rate at which submissions are *accepted*, not the rate at which reports are
*made*. The task worker was not running, so the {drain.queued:,} submissions accepted during the run (warm-up
included) were then moved from the spools into the queue and made into reports by `openbuurt intake-queue process`
(the work the task worker does), in one process, after the server had stopped:

| step | reports made | wall s | CPU s | reports/s | CPU ms/report |
|---|---:|---:|---:|---:|---:|
| start-up alone: `openbuurt intake-queue status` (quicker of two) | – | {startup} | – | – |
| `openbuurt intake-queue process` | {made:,} | {whole} | {gross_rate:,.0f} | {gross_cpu_ms:.2f} |
| the same, start-up subtracted | {made:,} | {drain.net_wall:.2f} | {drain.net_cpu:.2f} | {rate:,.0f} | {cpu_ms:.2f} |

One process makes about {rate:,.0f} reports per second ({cpu_ms:.1f} ms CPU each), against {post_rate:,.0f} POSTs
per second accepted above: submissions accepted faster than that wait in the queue until the worker has caught up.
The follow-up tasks of each report were queued, not run. {check}"""
