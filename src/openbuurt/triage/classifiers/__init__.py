"""Classifier plugins; importing this package registers the built-in ones."""

from openbuurt.triage.classifiers import keyword, learned  # noqa: F401
from openbuurt.triage.classifiers.base import (
    CategoryScore,
    Classification,
    Classifier,
    ReportFeatures,
    classifier_registry,
)

__all__ = ["CategoryScore", "Classification", "Classifier", "ReportFeatures", "classifier_registry"]
