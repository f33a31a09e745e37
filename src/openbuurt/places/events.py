"""Events of the places app, delivered after the transaction that caused them commits."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AreasImported:
    """Areas were created or changed by an import (routing rules and dashboards keyed on areas may care)."""

    created_codes: tuple[str, ...]
    updated_codes: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class GazetteerImported:
    """Gazetteer entries were created or changed by an import."""

    created: int
    updated: int
    source: str
