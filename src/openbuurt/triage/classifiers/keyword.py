"""A transparent keyword classifier: scores categories by the keywords of the taxonomy found in the text.

It needs no training, so it works on a fresh site; the learned classifier replaces it once a model is available.
"""

from __future__ import annotations

import re
import unicodedata

from openbuurt.triage.classifiers.base import (
    CategoryScore,
    Classification,
    Classifier,
    ReportFeatures,
    classifier_registry,
)
from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG
from openbuurt.triage.models import Category

_WORD = re.compile(r"[a-z0-9]+")


def normalize(text: str) -> str:
    """Lower-case, strip accents, keep letters and digits."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@classifier_registry.register("keyword")
class KeywordClassifier(Classifier):
    """Score = number of keyword hits (prefix match for words of 5+ letters); no hit gives the fallback category."""

    version = "keyword-1"

    def __init__(self) -> None:
        self._keywords: list[tuple[str, list[str]]] = []
        for category in Category.objects.filter(is_active=True).exclude(keywords=""):
            words = [normalize(word) for word in category.keyword_list()]
            self._keywords.append((category.slug, [w for w in words if w]))

    def classify(self, features: ReportFeatures, *, explain: bool = True) -> Classification:
        text = normalize(features.text)
        tokens = _WORD.findall(text)
        scores: dict[str, float] = {}
        for slug, words in self._keywords:
            score = 0.0
            for word in words:
                if " " in word:
                    score += 2.0 if word in text else 0.0
                elif len(word) >= 5:
                    score += 1.0 if any(token.startswith(word) for token in tokens) else 0.0
                else:
                    score += 1.0 if word in tokens else 0.0
            if score:
                scores[slug] = score
        if not scores:
            return Classification(suggestions=[CategoryScore(FALLBACK_CATEGORY_SLUG, 0.0)], model_version=self.version)
        total = sum(scores.values()) + 1.0
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:3]
        return Classification(
            suggestions=[CategoryScore(slug, round(score / total, 4)) for slug, score in ranked],
            model_version=self.version,
        )
