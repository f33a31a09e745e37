"""The stacked model: folding the two stages into one matrix, naive Bayes, cold start, model files, fallbacks."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import MultinomialNB

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import LabelledExample
from openbuurt.triage.learning.features import FeatureEncoder, FeatureSpec
from openbuurt.triage.learning.modelfile import METADATA_FILE, ModelBundle, load_bundle, save_bundle
from openbuurt.triage.learning.pipeline import TrainingSettings, TriageModel, fit_temperature, softmax
from openbuurt.triage.learning.stacking import StackedFit, StackSettings, _naive_bayes, fit_logit, fit_stacked
from openbuurt.triage.tests.samples import synthetic_examples

TEXTS = (
    "lamp brandt niet",
    "container niet geleegd, graag oplossen",
    "auto op de stoep geparkeerd",
    "boom moet gesnoeid",
    "blikjes en plastic op straat",
    "litter everywhere in the park",
    "",
)
# Seed texts of a category without any report: it is known from these only.
LITTER_SEEDS = ("zwerfafval", "zwerfvuil op straat", "blikjes en plastic", "litter", "rommel in het park")


def _seeds() -> list[LabelledExample]:
    return [LabelledExample(features=ReportFeatures(text=text), label="zwerfafval") for text in LITTER_SEEDS]


def _reports_without_litter() -> list[LabelledExample]:
    return [example for example in synthetic_examples(20) if example.label != "zwerfafval"]


def _fit(examples: list[LabelledExample], seeds: list[LabelledExample]) -> tuple[FeatureEncoder, StackedFit]:
    encoder = FeatureEncoder(FeatureSpec())
    everything = [*examples, *seeds]
    blocks = encoder.fit_blocks([example.features for example in everything])
    labels = np.array([example.label for example in everything])
    fit = fit_stacked(
        blocks,
        labels,
        len(examples),
        sorted(set(labels.tolist())),
        encoder.spec,
        c=0.3,
        balanced=True,
        seed=1,
        stack=StackSettings(),
        fit_temperature=fit_temperature,
        progress=lambda _message: None,
    )
    return encoder, fit


def test_the_folded_matrix_gives_the_probabilities_of_the_two_stages() -> None:
    examples = synthetic_examples(20)
    encoder, fit = _fit(examples, [])
    batch = [*(example.features for example in examples[:40]), *(ReportFeatures(text=text) for text in TEXTS)]
    matrix = sp.hstack(encoder.blocks(batch), format="csr")
    stacked = np.hstack([model.scores(matrix) for model in fit.first_stage])
    two_stages = fit.second_stage.probabilities(stacked)
    folded = softmax(matrix @ fit.weights + fit.biases, 1.0)
    assert fit.cold_columns == () and fit.prior is None
    np.testing.assert_allclose(folded, two_stages, atol=2e-5)
    # The held-out estimate is on one part of the reports only.
    assert 0 < fit.holdout["n"] <= len(examples) // 3 + 1
    assert 0 <= fit.holdout["accuracy"] <= fit.holdout["top3_accuracy"] <= 1


def test_the_logistic_regression_reaches_the_optimum_of_scikit_learns() -> None:
    # Correlated inputs of very different sizes, as the stacked scores are.
    rng = np.random.default_rng(0)
    truth = rng.integers(0, 4, size=800)
    signal = np.eye(4)[truth] + rng.normal(scale=1.5, size=(800, 4))
    inputs = np.hstack([signal, 0.3 * signal + rng.normal(scale=0.1, size=(800, 4)), 40 * signal - 70])
    ours = fit_logit(inputs, truth, 4, 0.1)
    reference = LogisticRegression(C=0.1, solver="newton-cholesky", tol=1e-10).fit(inputs, truth)
    np.testing.assert_allclose(ours.probabilities(inputs), reference.predict_proba(inputs), atol=1e-4)
    assert ours.iterations < 500


def test_naive_bayes_gives_scikit_learns_posterior_as_log_ratios_of_seen_buckets() -> None:
    examples = synthetic_examples(10)
    encoder = FeatureEncoder(FeatureSpec())
    words, _chars, _meta = encoder.fit_blocks([example.features for example in examples])
    labels = np.array([example.label for example in examples])
    classes = sorted(set(labels.tolist()))
    bayes = _naive_bayes(words, labels, classes, 0.3)
    reference = MultinomialNB(alpha=0.3).fit(words, labels)
    assert list(reference.classes_) == classes
    # The same posterior: only a part every class shares was taken out.
    np.testing.assert_allclose(softmax(bayes.scores(words), 1.0), reference.predict_proba(words), atol=1e-9)
    np.testing.assert_allclose(bayes.weights.sum(axis=1), 0.0, atol=1e-9)
    # A bucket no text contains adds nothing; in scikit-learn it favours the classes with the least text.
    unseen = np.flatnonzero(words.getnnz(axis=0) == 0)[0]
    report = sp.csr_matrix(([1.0], ([0], [unseen])), shape=(1, words.shape[1]))
    np.testing.assert_allclose(bayes.scores(report)[0], bayes.biases)
    assert np.ptp(reference.feature_log_prob_[:, unseen]) > 0
    # A class without examples gets the prior of half an example.
    extra = _naive_bayes(words, labels, [*classes, "zzz"], 0.3)
    assert extra.biases[-1] == pytest.approx(np.log(0.5 / len(labels)))


def test_a_category_known_only_from_seeds_gets_twice_the_simple_models_probability() -> None:
    model = TriageModel.train(_reports_without_litter(), seeds=_seeds())
    assert model.settings.algorithm == "stack" and model.temperature == 1.0
    assert model.info["cold_classes"] == ["zwerfafval"]
    cold_start = model.cold_start
    assert cold_start is not None and cold_start.factor == 2.0
    column = model.classes.index("zwerfafval")
    assert cold_start.columns == (column,)
    batch = [ReportFeatures(text=text) for text in TEXTS]
    probabilities = model.predict_proba(batch)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    matrix = model.encoder.transform(batch)
    simple = softmax(matrix @ cold_start.weights + cold_start.biases, 1.0)
    np.testing.assert_allclose(probabilities[:, column], np.minimum(1.0, 2.0 * simple[:, column]), rtol=1e-4, atol=1e-9)
    # The other categories keep the stacked model's proportions.
    warm = [index for index in range(len(model.classes)) if index != column]
    stacked = softmax((matrix @ model.weights + model.biases)[:, warm], 1.0)
    np.testing.assert_allclose(probabilities[:, warm], stacked * (1 - probabilities[:, [column]]), rtol=1e-4, atol=1e-9)
    assert "zwerfafval" in [label for label, _p in model.top_k([ReportFeatures(text="blikjes en plastic")], 3)[0]]
    # One report at a time answers as the batch does.
    for features, row in zip(batch, probabilities, strict=True):
        np.testing.assert_allclose(model.predict_proba_one(features), row, rtol=1e-4, atol=1e-7)
    # The explanation of a seed-only category asks the simple model, which gives its probability.
    words = dict(model.explain(ReportFeatures(text="blikjes en plastic bij de bank"), "zwerfafval"))
    assert {"blikjes", "plastic"} <= set(words)


def test_model_files_keep_the_cold_start(tmp_path: Path) -> None:
    model = TriageModel.train(_reports_without_litter(), seeds=_seeds())
    bundle = ModelBundle(category=model, metadata={"version": "20260101-000000-cold"})
    loaded = load_bundle(save_bundle(bundle, tmp_path / bundle.version)).category
    assert loaded.cold_start is not None and model.cold_start is not None
    assert loaded.cold_start.columns == model.cold_start.columns
    assert loaded.settings == model.settings
    # Every weight as stored (float16); the rows of buckets no training text hit are zero and left out.
    assert np.array_equal(loaded.weights, model.weights.astype(np.float16).astype(np.float32))
    assert np.array_equal(loaded.cold_start.weights, model.cold_start.weights.astype(np.float16).astype(np.float32))
    assert model.encoder.word_idf is not None
    unseen = np.flatnonzero(model.encoder.word_idf == model.encoder.word_idf.max())
    assert len(unseen) > 0 and not model.weights[unseen].any()
    batch = [ReportFeatures(text=text) for text in TEXTS]
    # Weights are stored as float16: probabilities agree to about three decimals.
    np.testing.assert_allclose(loaded.predict_proba(batch), model.predict_proba(batch), atol=5e-3)
    metadata = json.loads((tmp_path / bundle.version / METADATA_FILE).read_text())
    assert metadata["format"] == "openbuurt-triage-model/2"
    assert metadata["category"]["cold_start"] == {"columns": list(model.cold_start.columns), "factor": 2.0}


def test_model_files_of_format_one_still_load(tmp_path: Path) -> None:
    model = TriageModel.train(synthetic_examples(10), settings=TrainingSettings(algorithm="svm"))
    path = save_bundle(ModelBundle(category=model, metadata={"version": "20250101-000000-old"}), tmp_path / "old")
    metadata = json.loads((path / METADATA_FILE).read_text())
    metadata["format"] = "openbuurt-triage-model/1"
    del metadata["category"]["training"]["stack"]
    (path / METADATA_FILE).write_text(json.dumps(metadata))
    loaded = load_bundle(path).category
    assert loaded.cold_start is None and loaded.settings.stack == StackSettings()
    assert loaded.predict([ReportFeatures(text="lamp brandt niet")]) == ["straatverlichting"]


def test_too_few_reports_to_stack_fit_one_svm() -> None:
    reports = [
        LabelledExample(features=ReportFeatures(text="lamp brandt niet"), label="straatverlichting"),
        LabelledExample(features=ReportFeatures(text="kliko niet geleegd"), label="huisafval"),
    ]
    messages: list[str] = []
    model = TriageModel.train(reports, seeds=_seeds(), progress=messages.append)
    assert model.settings.algorithm == "svm" and model.cold_start is None
    assert any("too few reports" in message for message in messages)


def test_a_label_with_fewer_reports_than_folds_still_trains() -> None:
    examples = [*synthetic_examples(10), LabelledExample(features=ReportFeatures(text="meeuw pikt zakken"), label="x")]
    model = TriageModel.train(examples)
    assert model.settings.algorithm == "stack" and "x" in model.classes
    probabilities = model.predict_proba([ReportFeatures(text=text) for text in TEXTS])
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)


def test_settings_survive_a_round_trip_through_json() -> None:
    settings = TrainingSettings(c=0.2, stack=StackSettings(folds=4, nb_alpha=0.5, stack_c=0.2, cold_factor=1.5))
    assert TrainingSettings.from_json(json.loads(json.dumps(settings.to_json()))) == settings
