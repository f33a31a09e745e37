"""The learned classifier plugin: the site's trained model (or the shipped default) plus police rules.

It returns up to three category slugs with calibrated probabilities (best first), the detected language, and a
short explanation: the words of the report that weighed most, the rule that fired, and the model version. Only
active categories are suggested; the probabilities of what remains are not re-inflated, so they still mean "how
likely is this category".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

import numpy as np

from openbuurt.triage.classifiers.base import (
    CategoryScore,
    Classification,
    Classifier,
    ReportFeatures,
    classifier_registry,
)
from openbuurt.triage.classifiers.keyword import KeywordClassifier
from openbuurt.triage.classifiers.police_rules import RULE_PROBABILITY, matching_rules
from openbuurt.triage.learning.language import detect_language
from openbuurt.triage.models import Category

if TYPE_CHECKING:
    from openbuurt.triage.learning.pipeline import TriageModel

SUGGESTIONS = 3


def apply_rules(classes: list[str], probabilities: np.ndarray, rule_slugs: list[str]) -> np.ndarray:
    """Lift each rule's category to at least :data:`RULE_PROBABILITY` and scale the rest so the row sums to one.

    A rule's slug the model does not know is ignored here (the caller adds it as a suggestion of its own).
    """
    row = np.array(probabilities, dtype=np.float64)
    for slug in rule_slugs:
        if slug not in classes:
            continue
        column = classes.index(slug)
        if row[column] >= RULE_PROBABILITY:
            continue
        rest = row.sum() - row[column]
        scale = (1.0 - RULE_PROBABILITY) / rest if rest > 0 else 0.0
        row *= scale
        row[column] = RULE_PROBABILITY
    return row


@classifier_registry.register("learned")
class LearnedClassifier(Classifier):
    """Suggest categories with the active trained model; without any model, fall back to keywords."""

    def __init__(self) -> None:
        # Imported here: scikit-learn loads only in processes that classify, not in every management command.
        from openbuurt.triage.learning.active import active_bundle

        self.bundle = active_bundle()
        self._active = frozenset(Category.objects.filter(is_active=True).values_list("slug", flat=True))
        self._fallback: KeywordClassifier | None = KeywordClassifier() if self.bundle is None else None
        # The model's columns of the active categories, ascending: worked out once, not for every report. The
        # classifier is rebuilt when the model or the taxonomy changes (selectors.reset_classifier_cache).
        classes = self.bundle.category.classes if self.bundle is not None else []
        self._active_columns = np.array(
            [column for column, slug in enumerate(classes) if slug in self._active], dtype=np.intp
        )
        self._active_slugs = [classes[column] for column in self._active_columns.tolist()]
        # Usually every category the model knows is active: then the row needs no gathering.
        self._all_active = len(self._active_slugs) == len(classes)

    @property
    def version(self) -> str:
        return self.bundle.version if self.bundle is not None else "keyword-fallback"

    def classify(self, features: ReportFeatures, *, explain: bool = True) -> Classification:
        if self.bundle is None:
            return self.classify_many([features], explain=explain)[0]
        # One report (the web form, intake): the model's single-report path, the batch path's numbers to rounding.
        model = self.bundle.category
        return self._one(model, features, model.predict_proba_one(features), explain=explain)

    def classify_many(self, batch: list[ReportFeatures], *, explain: bool = True) -> list[Classification]:
        if self.bundle is None:
            assert self._fallback is not None
            return [
                Classification(
                    suggestions=result.suggestions,
                    model_version=self.version,
                    language=detect_language(features.text),
                    explanation=[_("No trained model is available; the category keywords were used.")],
                )
                for features, result in zip(batch, self._fallback.classify_many(batch), strict=True)
            ]
        model = self.bundle.category
        probabilities = model.predict_proba(batch) if batch else np.zeros((0, len(model.classes)))
        return [
            self._one(model, features, row, explain=explain) for features, row in zip(batch, probabilities, strict=True)
        ]

    def _one(self, model: TriageModel, features: ReportFeatures, row: np.ndarray, *, explain: bool) -> Classification:
        rules = matching_rules(features.text, self._active)
        if rules:
            row = apply_rules(model.classes, row, [slug for slug, _phrase in rules])
        # The active categories by falling probability; the sort is stable (also reversed), so equals keep the
        # model's order. A few dozen floats rank faster in plain Python than through NumPy's per-call cost.
        active: list[float] = (row if self._all_active else row[self._active_columns]).tolist()
        best = sorted(range(len(active)), key=active.__getitem__, reverse=True)[:SUGGESTIONS]
        suggestions = [CategoryScore(self._active_slugs[index], round(active[index], 4)) for index in best]
        for slug, _phrase in rules:
            if slug not in model.class_index and all(s.slug != slug for s in suggestions):
                # A police category the model never learned: the rule alone suggests it, at the rule's strength,
                # and the model's suggestions share what is left.
                rest = sum(s.probability for s in suggestions)
                scale = min(1.0, (1.0 - RULE_PROBABILITY) / rest) if rest > 0 else 1.0
                scaled = [CategoryScore(s.slug, round(s.probability * scale, 4)) for s in suggestions]
                suggestions = [CategoryScore(slug, RULE_PROBABILITY), *scaled][:SUGGESTIONS]
        explanation: list[str] = []
        # Intake shows no explanation and asks for none: translating its lines cost a fifth of a prediction.
        if explain:
            if suggestions:
                # Naming the weightiest words means featurising the text again.
                words = model.explain(features, suggestions[0].slug)
                if words:
                    explanation.append(_("words: %(words)s") % {"words": ", ".join(word for word, _w in words)})
            explanation.extend(
                _("rule: “%(phrase)s” points to %(slug)s") % {"phrase": phrase, "slug": slug} for slug, phrase in rules
            )
            explanation.append(_("model: %(version)s") % {"version": self.version})
        return Classification(
            suggestions=suggestions,
            model_version=self.version,
            language=detect_language(features.text),
            explanation=explanation,
        )
