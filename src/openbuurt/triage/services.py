"""Writes of the triage app that other apps call: installing the taxonomy, offering training data."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from openbuurt.triage.default_taxonomy import install_default_taxonomy as _install_taxonomy
from openbuurt.triage.learning.data import LabelledExample
from openbuurt.triage.learning.training import training_sources
from openbuurt.triage.models import Category

__all__ = ["LabelledExample", "install_default_taxonomy", "register_training_source"]


def install_default_taxonomy() -> int:
    """Create the default categories that are missing and update the others by slug; return how many were new."""
    return _install_taxonomy(Category)


def register_training_source(name: str, source: Callable[[], Iterable[LabelledExample]]) -> None:
    """Offer ``source`` (a callable yielding labelled examples) to ``openbuurt triage train --source NAME``."""
    if name not in training_sources:
        training_sources.register(name)(source)
