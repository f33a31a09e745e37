"""Isolation of the places tests: no spatial index, throttle count or geocoder cool-down carries over."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.cache import cache

import pytest

from openbuurt.places.geometry import reset_index
from openbuurt.places.selectors import reset_geocoder_cooldowns
from openbuurt.places.tests.fixtures import load_groningen_areas


@pytest.fixture(autouse=True)
def _fresh_places_state() -> Iterator[None]:
    cache.clear()
    reset_index()
    reset_geocoder_cooldowns()
    yield
    reset_index()
    reset_geocoder_cooldowns()


@pytest.fixture
def groningen(db: None) -> int:
    """Load the real areas of gemeente Groningen; return how many there are."""
    return load_groningen_areas()
