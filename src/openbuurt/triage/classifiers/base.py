"""The classifier plugin contract: report features in, ranked category suggestions out."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from datetime import datetime

from openbuurt.core.registry import Registry


@dataclass(frozen=True)
class ReportFeatures:
    """What is known of a report when it is classified."""

    text: str
    created_at: datetime | None = None
    source: str = ""
    lat: float | None = None
    lon: float | None = None
    area_code: str = ""


@dataclass(frozen=True)
class CategoryScore:
    """One suggested category (by slug) with its calibrated probability."""

    slug: str
    probability: float


@dataclass(frozen=True)
class Classification:
    """A classifier's answer: suggestions best first (at most three), the model version and the text's language."""

    suggestions: list[CategoryScore]
    model_version: str
    language: str = "nl"
    explanation: list[str] = field(default_factory=list)

    @property
    def best(self) -> CategoryScore | None:
        return self.suggestions[0] if self.suggestions else None

    @property
    def confidence(self) -> float:
        return self.suggestions[0].probability if self.suggestions else 0.0


class Classifier(abc.ABC):
    """A category classifier. Subclasses register with ``@classifier_registry.register("name")``."""

    @abc.abstractmethod
    def classify(self, features: ReportFeatures, *, explain: bool = True) -> Classification:
        """Return up to three category suggestions for ``features``, best first.

        ``explain=False`` lets a plugin leave out its explanation, or its costlier parts (intake shows none).
        """

    def classify_many(self, batch: list[ReportFeatures], *, explain: bool = True) -> list[Classification]:
        """Classify a batch; plugins override this when they can vectorise."""
        return [self.classify(features, explain=explain) for features in batch]


classifier_registry: Registry[type[Classifier]] = Registry("classifier")
