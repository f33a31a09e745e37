"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from django.core.cache import cache
from django.test import override_settings


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path) -> Iterator[None]:
    """Give each test its own media folder, an empty cache and fresh in-memory indexes and classifiers."""
    from openbuurt.places.geometry import reset_index
    from openbuurt.triage.selectors import reset_classifier_cache

    cache.clear()
    reset_index()
    reset_classifier_cache()
    with override_settings(MEDIA_ROOT=tmp_path / "media"):
        yield
    reset_index()
    reset_classifier_cache()
