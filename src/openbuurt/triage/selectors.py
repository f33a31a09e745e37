"""Reads of the triage app: categories and classification of a report's features."""

from __future__ import annotations

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
    """Forget loaded classifiers (after retraining or a taxonomy change)."""
    _classifier.cache_clear()


def classify(features: ReportFeatures) -> Classification:
    """Classify a report with the configured classifier (setting ``OPENBUURT_CLASSIFIER``)."""
    return _classifier(settings.OPENBUURT_CLASSIFIER).classify(features)
