"""The learned pipeline: features, calibrated probabilities, top-3 order, explanations, data reading."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import CsvLayout, DataError, LabelledExample, data_hash, read_csv, split_by_date
from openbuurt.triage.learning.features import FeatureEncoder, FeatureSpec, meta_tokens, normalize_text
from openbuurt.triage.learning.pipeline import TrainingSettings, TriageModel, fit_temperature, softmax
from openbuurt.triage.learning.seeds import category_texts_from_taxonomy, labels_for_seeding, seed_examples
from openbuurt.triage.tests.samples import synthetic_examples, write_csv


@pytest.fixture(scope="module")
def model() -> TriageModel:
    return TriageModel.train(synthetic_examples(30))


def test_normalisation_strips_accents_digits_links_and_marks_pii_tokens() -> None:
    text = normalize_text("Café op nr. 12! Zie https://x.nl/a @gemeente [TEL]")
    assert text == "cafe op nr. 0! zie  url_link   at_mention   pii_tel "


def test_meta_tokens_describe_channel_time_place_and_area() -> None:
    examples = synthetic_examples(1)
    tokens = meta_tokens(examples[0].features, FeatureSpec())
    assert any(token.startswith("src=") for token in tokens)
    assert any(token.startswith("hour=") for token in tokens)
    assert any(token.startswith("cell2=") for token in tokens)
    assert any(token.startswith("area=") for token in tokens)
    assert (
        meta_tokens(
            examples[0].features, FeatureSpec(use_time=False, use_source=False, use_location=False, use_area=False)
        )
        == []
    )


def test_word_buckets_match_the_encoder_columns() -> None:
    encoder = FeatureEncoder(FeatureSpec()).fit([ReportFeatures(text="container vol")])
    row = encoder.transform([ReportFeatures(text="container")])
    assert list(row.indices[row.indices < (1 << 18)]) == [encoder.word_bucket("container")]


def test_probabilities_sum_to_at_most_one_and_top3_is_ordered(model: TriageModel) -> None:
    batch = [ReportFeatures(text=t) for t in ("de lamp brandt niet", "kliko niet geleegd", "x", "")]
    probabilities = model.predict_proba(batch)
    assert probabilities.shape == (4, 5)
    assert np.all(probabilities >= 0)
    assert np.all(probabilities.sum(axis=1) <= 1 + 1e-9)
    for suggestions in model.top_k(batch, 3):
        assert len(suggestions) == 3
        values = [p for _label, p in suggestions]
        assert values == sorted(values, reverse=True)
        assert sum(values) <= 1 + 1e-9
    assert model.predict(batch[:2]) == ["straatverlichting", "huisafval"]


def test_calibration_fits_a_positive_temperature(model: TriageModel) -> None:
    assert model.info["calibrated"] is True
    assert 0.01 < model.temperature < 100
    assert 0 <= model.info["holdout"]["macro_f1"] <= 1


def test_temperature_scaling_recovers_a_known_temperature() -> None:
    rng = np.random.default_rng(0)
    logits = rng.normal(size=(4000, 4)) * 3
    truth = np.array([rng.choice(4, p=p) for p in softmax(logits, 2.0)])
    assert fit_temperature(logits, truth) == pytest.approx(2.0, rel=0.15)


def test_explanation_names_words_of_the_report(model: TriageModel) -> None:
    features = ReportFeatures(text="Lamp brandt niet bij de school")
    words = model.explain(features, "straatverlichting")
    assert words
    assert all(word in normalize_text(features.text) for word, _value in words)
    assert model.explain(features, "no-such-label") == []


def test_every_algorithm_trains_and_predicts() -> None:
    examples = synthetic_examples(12)
    for algorithm in ("svm", "logreg", "sgd"):
        trained = TriageModel.train(examples, settings=TrainingSettings(algorithm=algorithm))
        assert trained.predict([ReportFeatures(text="lamp brandt niet")]) == ["straatverlichting"]


def test_binary_labels_are_supported() -> None:
    examples = [e for e in synthetic_examples(20) if e.label in {"parkeren", "huisafval"}]
    trained = TriageModel.train(examples)
    assert trained.classes == ["huisafval", "parkeren"]
    assert trained.predict([ReportFeatures(text="auto op de stoep geparkeerd")]) == ["parkeren"]


def test_training_refuses_a_single_label_and_unknown_algorithm() -> None:
    one = [LabelledExample(features=ReportFeatures(text="a"), label="x")] * 3
    with pytest.raises(DataError, match="two different labels"):
        TriageModel.train(one)
    with pytest.raises(DataError, match="unknown algorithm"):
        TriageModel.train(synthetic_examples(3), settings=TrainingSettings(algorithm="forest"))


def test_csv_reading_parses_features_and_skips_rows_without_text(tmp_path: Path) -> None:
    examples = synthetic_examples(2)
    path = write_csv(tmp_path / "data.csv", examples)
    with path.open("a", encoding="utf-8") as handle:
        handle.write("99,2024-07-01T10:00:00,parkeren,,website,,,,\n")
    read = read_csv(path)
    assert len(read) == len(examples)
    assert read[0].features.created_at is not None and read[0].features.created_at.tzinfo is not None
    assert read[0].features.area_code in {"noord", "zuid"}
    assert data_hash(read) == data_hash(read_csv(path))
    text_only = read_csv(path, CsvLayout(feature_columns=()))
    assert text_only[0].features.lat is None and text_only[0].features.created_at is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("words,category\nx,y\n", "no column 'text'"),
        ("text,category,created\nx,y,yesterday\n", "line 2: 'created' is not an ISO date-time"),
        ("text,category,lat,lon\nx,y,north,4\n", "line 2: 'lat' is not a number"),
        ("text,category,lat,lon\nx,y,91,4\n", "line 2: 'lat' is out of range"),
    ],
)
def test_bad_csv_files_raise_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        read_csv(path)


def test_missing_and_non_utf8_files_raise_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="no such file"):
        read_csv(tmp_path / "missing.csv")
    path = tmp_path / "latin1.csv"
    path.write_bytes("text,category\ncaf\xe9,x\n".encode("latin-1"))
    with pytest.raises(DataError, match="not UTF-8"):
        read_csv(path)
    with pytest.raises(DataError, match="--no-header needs --columns"):
        read_csv(path, CsvLayout(no_header=True))


def test_time_split_keeps_order_and_needs_dates() -> None:
    examples = synthetic_examples(10)
    before, after = split_by_date(examples, date(2024, 9, 1))
    assert before and after and len(before) + len(after) == len(examples)
    assert max(e.features.created_at for e in before if e.features.created_at) < min(
        e.features.created_at for e in after if e.features.created_at
    )
    undated = [LabelledExample(features=ReportFeatures(text="x"), label="a")]
    with pytest.raises(DataError, match="needs a 'created' date"):
        split_by_date(undated, date(2024, 9, 1))
    with pytest.raises(DataError, match="leaves no examples"):
        split_by_date(examples, date(2020, 1, 1))


def test_taxonomy_seeds_cover_labels_and_categories_without_history() -> None:
    categories = category_texts_from_taxonomy()
    mapping = labels_for_seeding(categories, {"huisafval", "parkeren"})
    assert mapping["huisafval"] == "huisafval"
    assert "gladheidsbestrijding" in mapping
    seeds = seed_examples(categories, mapping)
    texts_by_label: dict[str, list[str]] = {}
    for seed in seeds:
        texts_by_label.setdefault(seed.label, []).append(seed.features.text.lower())
    assert "gladheid" in " ".join(texts_by_label["gladheidsbestrijding"])
    # Texts of a sub category teach its main category when only main categories are labels.
    assert "bijzetting" in texts_by_label["huisafval"]
