"""Geocoding with the PDOK Locatieserver (v3.1): free-text search and reverse geocoding of Dutch addresses.

The service is free and needs no key. It answers in a Solr envelope,
``{"response": {"numFound": N, "docs": [{"weergavenaam": ..., "centroide_ll": "POINT(lon lat)", ...}]}}``.
Any failure (network, time-out, HTTP error, garbled JSON) raises ``GeocoderUnavailable`` so the caller can fall
back to the offline gazetteer.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from django.conf import settings

import httpx
import structlog

from openbuurt.places.geocoding.base import Geocoder, GeocodeResult, GeocoderUnavailable, geocoder_registry

log = structlog.get_logger(__name__)

_NUMBER = r"[-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?"
_POINT = re.compile(rf"^\s*POINT\s*\(\s*({_NUMBER})\s+({_NUMBER})\s*\)\s*$", re.IGNORECASE)
# Solr query syntax that a resident does not mean: field prefixes, grouping, wildcards, boosts and quotes.
_SOLR_SYNTAX = re.compile(r'[:"()\[\]{}^~*?\\/!]|&&|\|\|')
_FIELDS = ",".join(
    [
        "id",
        "type",
        "weergavenaam",
        "centroide_ll",
        "straatnaam",
        "huisnummer",
        "huisletter",
        "huisnummertoevoeging",
        "postcode",
        "woonplaatsnaam",
        "gemeentenaam",
        "nummeraanduiding_id",
    ]
)
SEARCH_TYPES = ("adres", "weg", "woonplaats")
# A click in a meadow should not be labelled with an address a kilometre away; the gazetteer names the area then.
REVERSE_MAX_DISTANCE_M = 100
USER_AGENT = "OpenBuurt (+https://github.com/openbuurt)"

# Query parameters as httpx takes them; ``fq`` repeats, so a list of pairs rather than a dict.
_Params = list[tuple[str, str | int | float | bool | None]]

_client_lock = threading.Lock()
_client: httpx.Client | None = None


def _shared_client() -> httpx.Client:
    """Return one HTTP client per process: building a client (and its TLS context) per call is slow."""
    global _client
    with _client_lock:
        if _client is None:
            _client = httpx.Client(headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
        return _client


def parse_point(value: object) -> tuple[float, float] | None:
    """Return (lon, lat) of a WKT ``POINT(lon lat)``, or ``None`` when it is not one."""
    if not isinstance(value, str):
        return None
    match = _POINT.match(value)
    if match is None:
        return None
    lon, lat = float(match.group(1)), float(match.group(2))
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return lon, lat


def _text(value: object) -> str:
    if value is None or isinstance(value, bool):
        return ""
    return str(value).strip() if isinstance(value, str | int | float) else ""


def parse_doc(doc: dict[str, Any]) -> GeocodeResult | None:
    """Return the result a Locatieserver document describes, or ``None`` without a label or a point."""
    point = parse_point(doc.get("centroide_ll"))
    label = _text(doc.get("weergavenaam"))
    if point is None or not label:
        return None
    house_number = _text(doc.get("huisnummer")) + _text(doc.get("huisletter"))
    addition = _text(doc.get("huisnummertoevoeging"))
    if house_number and addition:
        house_number = f"{house_number}-{addition}"
    return GeocodeResult(
        label=label,
        lat=point[1],
        lon=point[0],
        kind=_text(doc.get("type")),
        source="pdok",
        postcode=_text(doc.get("postcode")),
        street=_text(doc.get("straatnaam")),
        house_number=house_number,
        city=_text(doc.get("woonplaatsnaam")),
        address_id=_text(doc.get("nummeraanduiding_id")) or _text(doc.get("id")),
    )


@geocoder_registry.register("pdok")
class PdokGeocoder(Geocoder):
    """The PDOK Locatieserver, limited to one municipality when ``OPENBUURT_PDOK_MUNICIPALITY`` names it."""

    def __init__(
        self, *, base_url: str | None = None, timeout: float | None = None, municipality: str | None = None
    ) -> None:
        self.base_url = (base_url or settings.OPENBUURT_PDOK_URL).rstrip("/")
        self.timeout = float(settings.OPENBUURT_GEOCODER_TIMEOUT if timeout is None else timeout)
        self.municipality = (
            str(getattr(settings, "OPENBUURT_PDOK_MUNICIPALITY", "")) if municipality is None else municipality
        )

    def _docs(self, endpoint: str, params: _Params) -> list[dict[str, Any]]:
        url = f"{self.base_url}/{endpoint}"
        try:
            response = _shared_client().get(url, params=params, timeout=self.timeout)
        except httpx.HTTPError as exc:
            raise GeocoderUnavailable(f"PDOK {endpoint} did not answer: {type(exc).__name__}: {exc}") from exc
        if response.status_code != httpx.codes.OK:
            raise GeocoderUnavailable(f"PDOK {endpoint} answered HTTP {response.status_code}")
        try:
            payload = response.json()
        except ValueError as exc:
            raise GeocoderUnavailable(f"PDOK {endpoint} answered with malformed JSON: {exc}") from exc
        body = payload.get("response") if isinstance(payload, dict) else None
        docs = body.get("docs") if isinstance(body, dict) else None
        if not isinstance(docs, list):
            raise GeocoderUnavailable(f"PDOK {endpoint} answered without response.docs")
        return [doc for doc in docs if isinstance(doc, dict)]

    def search(self, query: str, limit: int) -> list[GeocodeResult]:
        """Search addresses, streets and places (``/free``), within the configured municipality."""
        text = " ".join(_SOLR_SYNTAX.sub(" ", query).split())
        if not text or limit < 1:
            return []
        params: _Params = [
            ("q", text),
            ("rows", str(limit)),
            ("fl", _FIELDS),
            ("fq", "type:(" + " OR ".join(SEARCH_TYPES) + ")"),
        ]
        if self.municipality:
            params.append(("fq", 'gemeentenaam:"{}"'.format(self.municipality.replace('"', ""))))
        results = [result for doc in self._docs("free", params) if (result := parse_doc(doc)) is not None]
        return results[:limit]

    def reverse(self, lat: float, lon: float) -> GeocodeResult | None:
        """Return the nearest address within 100 m (``/reverse``), or ``None``."""
        params: _Params = [
            ("lat", f"{lat:.7f}"),
            ("lon", f"{lon:.7f}"),
            ("rows", "1"),
            ("type", "adres"),
            ("distance", str(REVERSE_MAX_DISTANCE_M)),
            ("fl", _FIELDS),
        ]
        for doc in self._docs("reverse", params):
            result = parse_doc(doc)
            if result is not None:
                return result
        return None
