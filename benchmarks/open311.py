"""Open311 POST and GET throughput and latency on loopback, beside a trivial view on the same server and run.

A real server is started as ``make run`` starts it (gunicorn with the project's WSGI app, 2 workers × 4 threads)
on 127.0.0.1 with SQLite (WAL) in a temporary data folder holding the demo municipality. A pure-Python load
generator (threads, one keep-alive connection each) then measures, in rounds, the same concurrency against:
the trivial view ``GET /healthz`` (the baseline), ``POST requests.json``, ``GET requests.json`` and
``GET requests/{id}.json``. Every loop is bounded in count and time; nothing leaves loopback.
"""

from __future__ import annotations

import http.client
import itertools
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from benchmarks.context import BenchContext

WORKERS = 2
THREADS = 4
CONCURRENCY = WORKERS * THREADS
MAX_REQUESTS_PER_MEASUREMENT = 50_000
LIST_PAGE_SIZE = 100
CLIENT_TIMEOUT = 30.0
# The demo municipality's centre (Grote Markt); POSTs land around it, inside gemeente Groningen.
CENTRE = (53.2192, 6.5672)
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Scenario:
    """One kind of request; ``body`` makes the form body of request number ``n`` (``None``: a GET)."""

    name: str
    path: str
    body: Callable[[int], bytes] | None = None
    expect: frozenset[int] = frozenset({200})


@dataclass
class Measurement:
    """What one timed run of one scenario gave."""

    ok: int = 0
    errors: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)
    server_cpu: float = 0.0
    client_cpu: float = 0.0
    response_bytes: int = 0
    first_error: str = ""

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0


def _percentile(values: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of ``values`` (0 when empty)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(fraction * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _process_tree_cpu(root: int) -> float:
    """Return the CPU seconds (user + system) used so far by ``root`` and its direct children."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid, ppid = int(entry.name), int(fields[1])
        if pid == root or ppid == root:
            total += (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS
    return total


class Server:
    """A gunicorn server of OpenBuurt in its own data folder and process group, stopped with :meth:`stop`."""

    def __init__(self, context: BenchContext, data_dir: Path) -> None:
        self.context = context
        self.data_dir = data_dir
        self.port = _free_port()
        self.log_path = data_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._log: BinaryIO | None = None
        keep = {key: value for key, value in os.environ.items() if not key.startswith(("OPENBUURT_", "DJANGO_"))}
        keep.pop("DATABASE_URL", None)
        keep.pop("REDIS_URL", None)
        self.env = {
            **keep,
            "OPENBUURT_SECRET_KEY": secrets.token_urlsafe(48),
            "OPENBUURT_DATA_DIR": str(data_dir),
            "OPENBUURT_ALLOWED_HOSTS": "127.0.0.1",
            "OPENBUURT_PUBLIC_BASE_URL": f"http://127.0.0.1:{self.port}",
            "OPENBUURT_LOG_LEVEL": "WARNING",
        }

    def manage(self, *args: str) -> None:
        """Run an ``openbuurt`` management command against this server's data; its output goes to stderr."""
        subprocess.run(
            [sys.executable, "-m", "openbuurt.manage", *args],
            env=self.env,
            check=True,
            stdout=sys.stderr,
            cwd=self.data_dir,
        )

    def start(self) -> None:
        """Start gunicorn and wait until /healthz answers (at most 60 s)."""
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "openbuurt.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--threads",
                str(THREADS),
                "--log-level",
                "warning",
            ],
            env=self.env,
            cwd=self.data_dir,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log_tail()}")
            try:
                status, _body = self.request("GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz within 60 s:\n{self.log_tail()}")

    def request(self, method: str, path: str, body: bytes | None = None) -> tuple[int, bytes]:
        """Send one request on a fresh connection and return (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=CLIENT_TIMEOUT)
        try:
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def cpu_seconds(self) -> float:
        assert self.process is not None
        return _process_tree_cpu(self.process.pid)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> None:
        """Stop gunicorn and its workers (the whole process group), waiting at most 20 s."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if self._log is not None:
            self._log.close()


def measure(server: Server, scenario: Scenario, *, duration: float, concurrency: int = CONCURRENCY) -> Measurement:
    """Run ``scenario`` from ``concurrency`` threads for ``duration`` seconds (or the request cap)."""
    result = Measurement()
    lock = threading.Lock()
    counter = itertools.count()
    start_gate = threading.Barrier(concurrency + 1)
    deadline_box: list[float] = []

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=CLIENT_TIMEOUT)
        latencies: list[float] = []
        ok = errors = size = 0
        first_error = ""
        start_gate.wait()
        deadline = deadline_box[0]
        while time.perf_counter() < deadline:
            number = next(counter)
            if number >= MAX_REQUESTS_PER_MEASUREMENT:
                break
            body = scenario.body(number) if scenario.body is not None else None
            headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
            began = time.perf_counter()
            try:
                connection.request("POST" if body is not None else "GET", scenario.path, body=body, headers=headers)
                response = connection.getresponse()
                payload = response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as exc:
                # The server closed a kept-alive connection: reconnect and count the failure as an error.
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=CLIENT_TIMEOUT)
                errors += 1
                first_error = first_error or f"{type(exc).__name__}: {exc}"
                continue
            latencies.append(time.perf_counter() - began)
            if status in scenario.expect:
                ok += 1
                size = len(payload)
            else:
                errors += 1
                first_error = first_error or f"HTTP {status}: {payload[:200]!r}"
        connection.close()
        with lock:
            result.latencies.extend(latencies)
            result.ok += ok
            result.errors += errors
            result.response_bytes = max(result.response_bytes, size)
            result.first_error = result.first_error or first_error

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    cpu_before, client_before = server.cpu_seconds(), time.process_time()
    began = time.perf_counter()
    deadline_box.append(began + duration)
    start_gate.wait()
    for thread in threads:
        thread.join(timeout=duration + CLIENT_TIMEOUT + 5)
    result.elapsed = time.perf_counter() - began
    result.server_cpu = server.cpu_seconds() - cpu_before
    result.client_cpu = time.process_time() - client_before
    return result


def _post_body(service_code: str, api_key: str) -> Callable[[int], bytes]:
    def body(number: int) -> bytes:
        # Points on a small grid around the centre, all inside the municipality; texts written by us.
        lat = CENTRE[0] + (number % 7 - 3) * 0.0004
        lon = CENTRE[1] + (number // 7 % 7 - 3) * 0.0006
        return urllib.parse.urlencode(
            {
                "api_key": api_key,
                "service_code": service_code,
                "lat": f"{lat:.6f}",
                "long": f"{lon:.6f}",
                "description": f"[benchmark] De straatlamp bij de bushalte brandt niet (meting {number}).",
            }
        ).encode()

    return body


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


def _row(name: str, runs: list[Measurement], baseline_rate: float) -> str:
    latencies = [value for run in runs for value in run.latencies]
    ok = sum(run.ok for run in runs)
    errors = sum(run.errors for run in runs)
    rate = statistics.median(run.rate for run in runs)
    cpu_per_request = sum(run.server_cpu for run in runs) / ok * 1000 if ok else 0.0
    ratio = f"{rate / baseline_rate:.2f}×" if baseline_rate else "–"
    return (
        f"| {name} | {ok + errors} | {errors} | {rate:,.0f} | {_percentile(latencies, 0.5) * 1000:.1f} "
        f"| {_percentile(latencies, 0.99) * 1000:.1f} | {cpu_per_request:.2f} "
        f"| {max(run.response_bytes for run in runs):,} | {ratio} |"
    )


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
        post_body = _post_body(service_code, api_key)
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
    info = RunInfo(
        rounds=rounds, duration=duration, quick=context.quick, load_before=load_before, load_after=os.getloadavg()[0]
    )
    return _markdown(scenarios, results, info)


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
    rows = "\n".join(_row(scenario.name, results[scenario.name], baseline) for scenario in scenarios)
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
POSTs from all workers take turns on the database's write lock. The client shares the machine with the server
(it used up to {client_cores:.2f} cores), and the machine's load average was {info.load_before:.1f} before and
{info.load_after:.1f} after the run: other work on the machine lowers every rate, which is why the ratios and the
CPU time per request say more than the absolute rates. {failures}"""
