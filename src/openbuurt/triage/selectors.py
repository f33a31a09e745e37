"""Reads of the triage app: categories and classification of a report's features."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import QuerySet

from openbuurt.triage.classifiers import Classification, Classifier, ReportFeatures, classifier_registry
from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG
from openbuurt.triage.models import Category


def active_categories() -> QuerySet[Category]:
    """Return the active categories, main categories first, with their parents loaded."""
    return Category.objects.filter(is_active=True).select_related("parent").order_by("order", "name_nl")


def public_categories() -> QuerySet[Category]:
    """Return the categories a resident may choose (active; police categories included, confidential flagged)."""
    return active_categories()


def category_by_slug(slug: str) -> Category | None:
    """Return the active category with this slug, or ``None``."""
    return active_categories().filter(slug=slug).first()


def category_by_service_code(service_code: str) -> Category | None:
    """Return the active category with this Open311 service code, or ``None``."""
    return active_categories().filter(service_code=service_code).first()


def fallback_category() -> Category:
    """Return the catch-all category ("overig"); it is created by the default taxonomy migration."""
    return Category.objects.get(slug=FALLBACK_CATEGORY_SLUG)


@lru_cache(maxsize=4)
def _classifier(name: str) -> Classifier:
    return classifier_registry[name]()


def reset_classifier_cache() -> None:
    """Forget loaded classifiers and models (after retraining, activation, rollback or a taxonomy change)."""
    from openbuurt.triage.learning.active import reset

    _classifier.cache_clear()
    reset()


def classify(features: ReportFeatures, *, explain: bool = False) -> Classification:
    """Classify a report with the configured classifier (setting ``OPENBUURT_CLASSIFIER``).

    ``explain=True`` asks for the full explanation (the words that weighed most), which costs a second pass.
    """
    return _classifier(settings.OPENBUURT_CLASSIFIER).classify(features, explain=explain)


@dataclass(frozen=True)
class TeamScore:
    """One suggested team, by the name it had in the training data, with its calibrated probability."""

    team: str
    probability: float


@dataclass(frozen=True)
class TeamSuggestion:
    """Teams that handled reports like this one before, best first (empty when no team model is trained)."""

    teams: list[TeamScore]
    model_version: str

    @property
    def best(self) -> TeamScore | None:
        return self.teams[0] if self.teams else None

    @property
    def confidence(self) -> float:
        return self.teams[0].probability if self.teams else 0.0


def suggest_team(features: ReportFeatures, *, limit: int = 3) -> TeamSuggestion:
    """Suggest the handling team of a report from the text, place and time of earlier reports.

    The team model is trained by ``openbuurt triage train`` when the training data names teams; without one the
    suggestion is empty and routing rules decide alone.
    """
    from openbuurt.triage.learning.active import active_bundle

    bundle = active_bundle()
    if bundle is None or bundle.team is None:
        return TeamSuggestion(teams=[], model_version=bundle.version if bundle is not None else "")
    ranked = bundle.team.top_k([features], limit)[0]
    return TeamSuggestion(
        teams=[TeamScore(team, round(probability, 4)) for team, probability in ranked], model_version=bundle.version
    )
