"""The geocoder plugin contract: text to places, a point to the place there."""

from __future__ import annotations

import abc
from dataclasses import dataclass

from openbuurt.core.registry import Registry


class GeocoderUnavailable(RuntimeError):  # noqa: N818  (the name reads as a state, like TimeoutError would not)
    """Raised when a geocoder cannot answer now (network down, time-out, an error or a garbled answer).

    The caller falls back to the next configured geocoder; "no match" is not unavailability but an empty answer.
    """


@dataclass(frozen=True)
class GeocodeResult:
    """One place found by a geocoder, in WGS84."""

    label: str
    lat: float
    lon: float
    kind: str
    """What was found: ``adres``, ``weg`` and ``woonplaats`` from PDOK; a ``GazetteerKind`` from the gazetteer."""
    source: str
    """The name of the geocoder that found it."""
    postcode: str = ""
    street: str = ""
    house_number: str = ""
    """House number with letter and addition, e.g. ``12a`` or ``7-2``."""
    city: str = ""
    address_id: str = ""
    """The BAG nummeraanduiding id of an address when known, else the geocoder's own id."""


class Geocoder(abc.ABC):
    """A geocoder. Subclasses register with ``@geocoder_registry.register("name")`` and need no arguments."""

    @abc.abstractmethod
    def search(self, query: str, limit: int) -> list[GeocodeResult]:
        """Return at most ``limit`` places matching ``query``, best first; raise ``GeocoderUnavailable``."""

    @abc.abstractmethod
    def reverse(self, lat: float, lon: float) -> GeocodeResult | None:
        """Return the place at or nearest to the point, or ``None``; raise ``GeocoderUnavailable``."""


geocoder_registry: Registry[type[Geocoder]] = Registry("geocoder")
