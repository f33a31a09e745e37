"""Geocoder plugins; importing this package registers the built-in ones (``pdok``, ``gazetteer``).

Choose and order them with ``OPENBUURT_GEOCODERS``; ``places.selectors.geocode_search`` and ``geocode_reverse``
try them in that order and fall back when one is unavailable.
"""

from openbuurt.places.geocoding import gazetteer, pdok  # noqa: F401  (registers the plugins)
from openbuurt.places.geocoding.base import Geocoder, GeocodeResult, GeocoderUnavailable, geocoder_registry

__all__ = ["GeocodeResult", "Geocoder", "GeocoderUnavailable", "geocoder_registry"]
