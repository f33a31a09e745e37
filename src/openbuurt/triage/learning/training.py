"""Training a model version from labelled examples: category model, optional team model, metadata with metrics.

Training data reaches the triage app through :data:`training_sources` (so the reports app, which imports triage,
can register an exporter of the municipality's own reports without triage importing reports) or a CSV file.
"""

from __future__ import annotations

import platform
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np
import sklearn

from openbuurt.core.registry import Registry
from openbuurt.triage.learning.data import DataError, LabelledExample, data_hash
from openbuurt.triage.learning.features import FeatureSpec
from openbuurt.triage.learning.modelfile import ModelBundle, new_version
from openbuurt.triage.learning.pipeline import Progress, TrainingSettings, TriageModel, _quiet
from openbuurt.triage.learning.seeds import CategoryText, labels_for_seeding, seed_examples

training_sources: Registry[Callable[[], Iterable[LabelledExample]]] = Registry("training data source")
"""Named providers of labelled examples, e.g. ``"reports"``: the site's reports whose category staff set or
confirmed (label = category slug, team = the handling team)."""

MIN_TEAM_EXAMPLES = 20


def map_labels(examples: Iterable[LabelledExample], mapping: Mapping[str, str]) -> list[LabelledExample]:
    """Return the examples with labels translated by ``mapping``; a label it lacks is an error."""
    result: list[LabelledExample] = []
    unknown: set[str] = set()
    for example in examples:
        label = mapping.get(example.label)
        if label is None:
            unknown.add(example.label)
            continue
        result.append(LabelledExample(features=example.features, label=label, team=example.team))
    if unknown:
        raise DataError(f"no mapping for these labels: {', '.join(sorted(unknown))}")
    return result


def check_labels(examples: Sequence[LabelledExample], known_slugs: Iterable[str]) -> None:
    """Raise :class:`DataError` naming every label that is not the slug of a known category."""
    known = set(known_slugs)
    unknown = sorted({example.label for example in examples} - known)
    if unknown:
        raise DataError(
            "these labels are not slugs of active categories: "
            + ", ".join(unknown[:20])
            + (" …" if len(unknown) > 20 else "")
            + " (use --label-map to translate them)"
        )


@dataclass(frozen=True)
class TrainingPlan:
    """What to train: the examples, the taxonomy texts for seeding, and how to fit."""

    examples: Sequence[LabelledExample]
    categories: Sequence[CategoryText] = ()
    spec: FeatureSpec = field(default_factory=FeatureSpec)
    settings: TrainingSettings = field(default_factory=TrainingSettings)
    train_team: bool = True
    origin: str = "site"


def train_bundle(plan: TrainingPlan, *, progress: Progress = _quiet, now: datetime | None = None) -> ModelBundle:
    """Train the category model (and the team model when enough examples name a team) and describe them."""
    examples = list(plan.examples)
    if not examples:
        raise DataError("there are no labelled examples to train on")
    seeds = seed_examples(plan.categories, labels_for_seeding(plan.categories, {e.label for e in examples}))
    progress(f"{len(examples)} examples, {len({e.label for e in examples})} categories, {len(seeds)} seed texts")
    category = TriageModel.train(examples, seeds=seeds, spec=plan.spec, settings=plan.settings, progress=progress)
    team: TriageModel | None = None
    with_team = [LabelledExample(features=e.features, label=e.team) for e in examples if e.team]
    if plan.train_team and len(with_team) >= MIN_TEAM_EXAMPLES and len({e.label for e in with_team}) >= 2:
        progress(f"team model: {len(with_team)} examples, {len({e.label for e in with_team})} teams")
        team = TriageModel.train(with_team, spec=plan.spec, settings=plan.settings, progress=progress)
    fingerprint = data_hash(examples)
    metadata: dict[str, Any] = {
        "version": new_version(fingerprint, now),
        "created": (now or datetime.now(tz=UTC)).astimezone(UTC).isoformat(timespec="seconds"),
        "origin": plan.origin,
        "data_sha256": fingerprint,
        "n_examples": len(examples),
        "n_seed_examples": len(seeds),
        "metrics": {
            "category_holdout": category.info.get("holdout", {}),
            "team_holdout": team.info.get("holdout", {}) if team is not None else None,
        },
        "software": {
            "python": platform.python_version(),
            "scikit_learn": sklearn.__version__,
            "numpy": np.__version__,
        },
    }
    return ModelBundle(category=category, team=team, metadata=metadata)
