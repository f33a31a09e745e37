"""Fixtures shared by every app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from django.core.cache import cache
from django.test import override_settings

import pytest


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path) -> Iterator[None]:
    """Give each test its own media and spool folders, an empty cache, fresh in-memory indexes and classifiers and
    no reserved report numbers."""
    from openbuurt.places.geometry import reset_index
    from openbuurt.places.selectors import reset_geocoder_cooldowns
    from openbuurt.reports.services.intake_queue import reset_process_state
    from openbuurt.triage.selectors import reset_classifier_cache

    cache.clear()
    reset_index()
    reset_geocoder_cooldowns()
    reset_classifier_cache()
    reset_process_state()
    with override_settings(MEDIA_ROOT=tmp_path / "media", INTAKE_SPOOL_DIR=tmp_path / "intake-spool"):
        yield
    reset_index()
    reset_classifier_cache()
    reset_process_state()


@pytest.fixture
def groningen_areas(db: None) -> object:
    """Load the real Groningen wijken, buurten and gazetteer (CBS/PDOK) into the test database."""
    from openbuurt.places.tests.fixtures import load_groningen_areas

    return load_groningen_areas()


@pytest.fixture
def deferred_intake(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Let the intake queue wait for the task worker, as in production; return the times the worker was asked."""
    from openbuurt.reports.services import intake_queue

    asked: list[str] = []
    monkeypatch.setattr(intake_queue, "tasks_run_inline", lambda: False)
    monkeypatch.setattr(intake_queue, "ask_worker", lambda: asked.append("asked"))
    return asked
