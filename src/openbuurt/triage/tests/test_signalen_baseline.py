"""The Signalen baseline re-implementation: stemming, stop words, rare-label filter, grid search."""

from __future__ import annotations

import pytest

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import DataError, LabelledExample
from openbuurt.triage.learning.signalen_baseline import DUTCH_STOP_WORDS, SignalenBaseline
from openbuurt.triage.tests.samples import synthetic_examples

pytest.importorskip("nltk", reason="the Signalen baseline needs NLTK (a development dependency)")


def test_stop_list_is_the_snowball_dutch_list() -> None:
    assert len(DUTCH_STOP_WORDS) == 101 and len(set(DUTCH_STOP_WORDS)) == 101
    assert {"de", "het", "een", "niet", "andere"} <= set(DUTCH_STOP_WORDS)


def test_baseline_trains_drops_rare_labels_and_predicts() -> None:
    # Signalen keeps labels with more than 50 distinct texts: number the synthetic texts to make them distinct.
    examples = [
        LabelledExample(features=ReportFeatures(text=f"{e.features.text} bij nummer {i}"), label=e.label)
        for i, e in enumerate(synthetic_examples(60))
    ]
    rare = [LabelledExample(features=ReportFeatures(text=f"zeldzaam geval {i}"), label="zeldzaam") for i in range(5)]
    model = SignalenBaseline(cv=2).fit([*examples, *rare])
    assert model.dropped_labels == ["zeldzaam"]
    assert "zeldzaam" not in model.classes
    probabilities = model.predict_proba(["lamp brandt niet", "auto op de stoep geparkeerd"])
    assert probabilities.shape == (2, len(model.classes))
    assert [model.classes[i] for i in probabilities.argmax(axis=1)] == ["straatverlichting", "parkeren"]
    assert set(model.best_params) == {
        "clf__estimator__class_weight",
        "clf__estimator__max_iter",
        "tfidf__use_idf",
        "vect__ngram_range",
    }


def test_baseline_refuses_data_without_two_frequent_labels() -> None:
    with pytest.raises(DataError, match="more than 50"):
        SignalenBaseline().fit(synthetic_examples(10))
