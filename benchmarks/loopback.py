"""A gunicorn server of OpenBuurt on loopback and a pure-Python load generator, shared by the HTTP benchmarks.

The server runs as ``make run`` starts it (gunicorn with the project's WSGI app, 2 workers × 4 threads) in its own
data folder and process group. The load generator runs threads with one keep-alive connection each, bounded in
count and time; nothing leaves loopback. ``server CPU`` is read from /proc for gunicorn and its workers.

The connections are spread evenly over the worker processes before each measurement. Left to themselves, the
workers race to accept new connections, and one of them often took 6 of the 8 while the other got 2: the busy one
then queues requests for its 4 threads while the other idles, and repeated runs differed by 15 % and more. Which
process holds a connection is read with ``ss`` (iproute2); without it the spread is left to chance and reported.
"""

from __future__ import annotations

import http.client
import itertools
import os
import re
import secrets
import shutil
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
    # Connections held by each worker process, most first (empty when ``ss`` could not tell).
    spread: tuple[int, ...] = ()

    @property
    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0


def percentile(values: list[float], fraction: float) -> float:
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

    def __init__(self, context: BenchContext, data_dir: Path, extra_env: dict[str, str] | None = None) -> None:
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
            **(extra_env or {}),
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


def _connection_owners(port: int) -> dict[int, int] | None:
    """Map the client port of every established connection to ``port`` to the server process holding it."""
    if shutil.which("ss") is None:
        return None
    listing = subprocess.run(
        ["ss", "-tnpH", "state", "established", f"( sport = :{port} )"], capture_output=True, text=True, check=False
    )
    if listing.returncode != 0:
        return None
    owners: dict[int, int] = {}
    for line in listing.stdout.splitlines():
        fields = line.split()
        owner = re.search(r"pid=(\d+)", line)
        if len(fields) >= 4 and owner is not None:
            owners[int(fields[3].rsplit(":", 1)[1])] = int(owner.group(1))
    return owners


def spread_connections(
    server: Server, count: int, *, workers: int = WORKERS
) -> tuple[list[http.client.HTTPConnection], tuple[int, ...]]:
    """Open ``count`` keep-alive connections, each used once for ``/healthz``, spread evenly over the workers.

    A connection that lands on a worker already holding its share is closed and opened again (at most 20 times
    ``count`` tries). Returns the connections and how many each worker holds, most first (empty if unknown).
    """
    share = -(-count // workers)
    kept: list[http.client.HTTPConnection] = []
    holders: list[int] = []
    tries = 0
    while len(kept) < count:
        tries += 1
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=CLIENT_TIMEOUT)
        connection.request("GET", "/healthz")
        connection.getresponse().read()
        assert connection.sock is not None
        owners = _connection_owners(server.port)
        if owners is None:
            kept.append(connection)
            continue
        holder = owners.get(connection.sock.getsockname()[1], 0)
        if holders.count(holder) < share or tries > 20 * count:
            kept.append(connection)
            holders.append(holder)
        else:
            connection.close()
    spread = tuple(sorted((holders.count(holder) for holder in set(holders)), reverse=True))
    return kept, spread


def measure(server: Server, scenario: Scenario, *, duration: float, concurrency: int = CONCURRENCY) -> Measurement:
    """Run ``scenario`` from ``concurrency`` threads for ``duration`` seconds (or the request cap).

    Each thread has one keep-alive connection; the connections are spread evenly over the worker processes first
    (see :func:`spread_connections`).
    """
    result = Measurement()
    lock = threading.Lock()
    counter = itertools.count()
    start_gate = threading.Barrier(concurrency + 1)
    deadline_box: list[float] = []
    connections, result.spread = spread_connections(server, concurrency)

    def worker(connection: http.client.HTTPConnection) -> None:
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

    threads = [threading.Thread(target=worker, args=(connection,), daemon=True) for connection in connections]
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


def open311_post_body(service_code: str, api_key: str) -> Callable[[int], bytes]:
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


def table_row(name: str, runs: list[Measurement], baseline_rate: float) -> str:
    latencies = [value for run in runs for value in run.latencies]
    ok = sum(run.ok for run in runs)
    errors = sum(run.errors for run in runs)
    rate = statistics.median(run.rate for run in runs)
    cpu_per_request = sum(run.server_cpu for run in runs) / ok * 1000 if ok else 0.0
    ratio = f"{rate / baseline_rate:.2f}×" if baseline_rate else "–"
    return (
        f"| {name} | {ok + errors} | {errors} | {rate:,.0f} | {percentile(latencies, 0.5) * 1000:.1f} "
        f"| {percentile(latencies, 0.99) * 1000:.1f} | {cpu_per_request:.2f} "
        f"| {max(run.response_bytes for run in runs):,} | {ratio} |"
    )
