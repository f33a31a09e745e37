"""A loopback stand-in for the PDOK Locatieserver v3.1: a real HTTP server on 127.0.0.1 in a thread.

It answers ``/free`` and ``/reverse`` in the Locatieserver's Solr envelope, refuses query parameters the real
service refuses (v3.1 rejects parameters outside its OpenAPI specification), and can be told to fail: HTTP 500,
malformed JSON, or an answer slower than the client's time-out. The documents below were written by us in the
Locatieserver's format; the addresses are illustrative, not looked up.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

BASE_PATH = "/bzk/locatieserver/search/v3_1"
ALLOWED_PARAMS = {
    "free": {"q", "rows", "start", "fl", "fq", "sort", "df", "bq", "lat", "lon", "wt", "indent"},
    "reverse": {"lat", "lon", "X", "Y", "rows", "start", "fl", "fq", "type", "distance", "wt", "indent"},
}

VISMARKT_DOC: dict[str, Any] = {
    "bron": "BAG",
    "type": "adres",
    "woonplaatscode": "2039",
    "woonplaatsnaam": "Groningen",
    "gemeentecode": "0014",
    "gemeentenaam": "Groningen",
    "provincienaam": "Groningen",
    "weergavenaam": "Vismarkt 12a, 9712CB Groningen",
    "straatnaam": "Vismarkt",
    "huisnummer": 12,
    "huisletter": "a",
    "postcode": "9712CB",
    "id": "adr-0f2d5c3a9e8b7d6c5b4a39281706f5e4",
    "nummeraanduiding_id": "0014200000000001",
    "centroide_ll": "POINT(6.56412345 53.21728765)",
    "centroide_rd": "POINT(233543.125 581903.402)",
    "score": 14.5,
}
VISMARKT_STREET_DOC: dict[str, Any] = {
    "bron": "NWB",
    "type": "weg",
    "woonplaatsnaam": "Groningen",
    "gemeentenaam": "Groningen",
    "weergavenaam": "Vismarkt, Groningen",
    "straatnaam": "Vismarkt",
    "id": "wgd-1a2b3c4d5e6f708192a3b4c5d6e7f809",
    "centroide_ll": "POINT(6.5640 53.2173)",
    "score": 12.25,
}
NO_POINT_DOC: dict[str, Any] = {"type": "adres", "weergavenaam": "Zonder punt 1, Groningen", "id": "adr-x"}
REVERSE_DOC: dict[str, Any] = {
    **VISMARKT_DOC,
    "huisnummertoevoeging": "2",
    "weergavenaam": "Vismarkt 12a-2, 9712CB Groningen",
    "afstand": 3.7,
}


def envelope(docs: list[dict[str, Any]]) -> dict[str, Any]:
    """Wrap documents as the Locatieserver does."""
    max_score = max((float(doc.get("score", 0)) for doc in docs), default=0.0)
    return {"response": {"numFound": len(docs), "start": 0, "maxScore": max_score, "numFoundExact": True, "docs": docs}}


@dataclass
class FakePdok:
    """What the fake answers, and the requests it saw as (endpoint, query parameters)."""

    mode: str = "ok"
    """``ok``, ``empty``, ``error`` (HTTP 500), ``malformed`` (cut-off JSON) or ``slow``."""
    free_docs: list[dict[str, Any]] = field(default_factory=lambda: [VISMARKT_DOC, VISMARKT_STREET_DOC, NO_POINT_DOC])
    reverse_docs: list[dict[str, Any]] = field(default_factory=lambda: [REVERSE_DOC])
    slow_seconds: float = 1.0
    requests: list[tuple[str, dict[str, list[str]]]] = field(default_factory=list)
    url: str = ""

    def answer(self, endpoint: str, params: dict[str, list[str]]) -> tuple[int, bytes]:
        unknown = set(params) - ALLOWED_PARAMS.get(endpoint, set())
        if endpoint not in ALLOWED_PARAMS:
            return 404, b'{"message": "not found"}'
        if unknown:
            return 400, json.dumps({"message": f"unknown query parameters: {sorted(unknown)}"}).encode()
        if self.mode == "error":
            return 500, b'{"message": "internal server error"}'
        if self.mode == "malformed":
            return 200, b'{"response": {"numFound": 1, "docs": [{"weergavenaam": "Vis'
        if self.mode == "slow":
            time.sleep(self.slow_seconds)
        docs = [] if self.mode == "empty" else (self.free_docs if endpoint == "free" else self.reverse_docs)
        return 200, json.dumps(envelope(docs)).encode()


def _handler(fake: FakePdok) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            endpoint = parts.path.removeprefix(BASE_PATH).strip("/")
            params = parse_qs(parts.query, keep_blank_values=True)
            fake.requests.append((endpoint, params))
            status, body = fake.answer(endpoint, params)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (time-out test)

        def log_message(self, format: str, *args: Any) -> None:
            return  # keep test output clean

    return Handler


@contextmanager
def running_fake_pdok(fake: FakePdok | None = None) -> Iterator[FakePdok]:
    """Serve ``fake`` on a free port of 127.0.0.1 for the duration of the block; ``fake.url`` is the base URL."""
    fake = fake or FakePdok()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}{BASE_PATH}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
