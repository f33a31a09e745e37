"""The ``learned`` classifier plugin and the team suggestion, with a site model and with the shipped default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from openbuurt.triage.classifiers import ReportFeatures, classifier_registry
from openbuurt.triage.classifiers.learned import apply_rules
from openbuurt.triage.learning.active import model_store
from openbuurt.triage.learning.training import TrainingPlan, train_bundle
from openbuurt.triage.models import Category
from openbuurt.triage.selectors import reset_classifier_cache, suggest_team
from openbuurt.triage.tests.samples import synthetic_examples

pytestmark = pytest.mark.django_db


@pytest.fixture()
def site_model(tmp_path: Path, settings: Any) -> str:
    settings.OPENBUURT_MODELS_DIR = str(tmp_path / "models")
    bundle = train_bundle(TrainingPlan(examples=synthetic_examples(25)))
    store = model_store()
    store.add(bundle)
    store.activate(bundle.version)
    reset_classifier_cache()
    return bundle.version


def test_site_model_suggests_active_taxonomy_slugs_with_language_and_explanation(site_model: str) -> None:
    classifier = classifier_registry["learned"]()
    result = classifier.classify(ReportFeatures(text="De lamp brandt niet bij de school"))
    slugs = set(Category.objects.filter(is_active=True).values_list("slug", flat=True))
    assert result.model_version == site_model
    assert result.best is not None and result.best.slug == "straatverlichting"
    assert 1 <= len(result.suggestions) <= 3 and all(s.slug in slugs for s in result.suggestions)
    probabilities = [s.probability for s in result.suggestions]
    assert probabilities == sorted(probabilities, reverse=True) and sum(probabilities) <= 1 + 1e-6
    assert result.language == "nl"
    assert any("lamp" in line or "brandt" in line for line in result.explanation)
    english = classifier.classify(ReportFeatures(text="The street light is out in front of the school"))
    assert english.language == "en"


def test_inactive_categories_are_never_suggested(site_model: str) -> None:
    Category.objects.filter(slug="straatverlichting").update(is_active=False)
    reset_classifier_cache()
    result = classifier_registry["learned"]().classify(ReportFeatures(text="lamp brandt niet"))
    assert "straatverlichting" not in {s.slug for s in result.suggestions}


def test_police_rules_lift_a_clear_police_matter(site_model: str) -> None:
    result = classifier_registry["learned"]().classify(ReportFeatures(text="Mijn fiets is gestolen bij het station"))
    assert result.best is not None and result.best.slug == "fietsdiefstal"
    assert result.best.probability == pytest.approx(0.6)
    assert sum(s.probability for s in result.suggestions) <= 1 + 1e-6
    assert any("fiets" in line for line in result.explanation)


def test_rules_keep_probabilities_summing_to_one() -> None:
    import numpy as np

    row = apply_rules(["a", "b", "c"], np.array([0.7, 0.2, 0.1]), ["c"])
    assert row[2] == pytest.approx(0.6) and row.sum() == pytest.approx(1.0)
    assert list(apply_rules(["a", "b"], np.array([0.8, 0.2]), ["a", "unknown"])) == [0.8, 0.2]


def test_team_suggestion_comes_from_the_site_model(site_model: str) -> None:
    noord = suggest_team(ReportFeatures(text="lamp brandt niet", lat=53.21, lon=6.5605, area_code="noord"))
    assert noord.model_version == site_model
    assert noord.best is not None and noord.best.team.startswith("Verlichting")
    assert len(noord.teams) == 3 and noord.confidence == noord.teams[0].probability


def test_without_a_site_model_the_shipped_default_is_used(tmp_path: Path, settings: Any) -> None:
    settings.OPENBUURT_MODELS_DIR = str(tmp_path / "empty")
    reset_classifier_cache()
    result = classifier_registry["learned"]().classify(ReportFeatures(text="Container is vol, zakken ernaast"))
    assert result.model_version.startswith("default-")
    assert result.best is not None and result.best.slug in {"huisafval", "zwerfafval"}
    empty = suggest_team(ReportFeatures(text="Container is vol"))
    assert empty.teams == [] and empty.best is None and empty.confidence == 0.0
