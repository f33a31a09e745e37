"""The single-report path (web form, intake) gives what the batch path through scikit-learn gives.

Both paths are run on the same texts: the batch path as one batch, the single-report path one report at a time.
The encoded rows must have the same columns and values, the scores and probabilities must agree to float32
rounding, and the top three must be the same labels in the same order.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from openbuurt.triage.classifiers import ReportFeatures, classifier_registry
from openbuurt.triage.classifiers.police_rules import POLICE_RULES, matching_rules
from openbuurt.triage.learning.features import FeatureEncoder, FeatureSpec, HashMemo, normalize_text
from openbuurt.triage.learning.modelfile import load_default
from openbuurt.triage.learning.pipeline import TrainingSettings, TriageModel
from openbuurt.triage.models import Category
from openbuurt.triage.selectors import reset_classifier_cache
from openbuurt.triage.tests.samples import synthetic_examples

DATA = Path(__file__).resolve().parent.parent / "data"

ODD_TEXTS = (
    "",
    " ",
    "\t\n  \r",
    "a",
    "x y",
    "de de de de de de",
    "lamp lamp lamp brandt brandt niet",
    "Café naïve coördinatie reünie ÉÉN Ångström façade",
    "Straße ﬁets İstanbul ǅ ſ K ½ ² ① Ⅻ",
    "東京の道路 🚲🚲 kapot 💡",
    "combining e\u0301 and a\u0308 marks",
    "non\u00a0breaking\u2003spaces\u2028line\x1cfile\x1dgroup",
    "snake_case_word and under_score",
    "Bel [TEL] of mail [EMAIL], kenteken [KENTEKEN] https://example.org/a?b=1 www.example.nl @gemeente #tag",
    "Huisnummer 12a, 3 mei 2024 om 14:30, 06-12345678",
    "The street light has been out for three days near the school",
    "Bin not emptied again, bags everywhere and seagulls tearing them open",
    "Someone dumped a fridge on the pavement outside number 4",
    "Mijn fiets is gestolen bij het station",
    "!!!???...,,,",
    "Lantaarnpaal " * 400,
    " ".join(f"woord{n} langerwoord{n % 7}" for n in range(600)),
)


def _report_texts() -> list[str]:
    texts: list[str] = []
    for name in ("police_examples.csv", "urgency_examples.csv"):
        with (DATA / name).open(encoding="utf-8") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


def _assert_paths_agree(model: TriageModel, batch: list[ReportFeatures], *, rel: float = 1e-5) -> None:
    matrix = model.encoder.transform(batch)
    for index, features in enumerate(batch):
        columns, values = model.encoder.encode_one(features)
        row = matrix[index]
        assert list(columns) == list(row.indices), features.text[:60]
        assert columns.dtype == np.int64 and values.dtype == np.float32
        # The same float32 steps in the same order: in practice equal to the bit, but only rounding is promised.
        assert np.allclose(values, row.data, rtol=1e-6, atol=0), features.text[:60]

    batch_scores = model.scores(batch)
    single_scores = np.array([model.scores_one(features) for features in batch])
    assert np.allclose(single_scores, batch_scores, rtol=1e-5, atol=1e-5)

    batch_probabilities = model.predict_proba(batch)
    single_probabilities = np.array([model.predict_proba_one(features) for features in batch])
    assert np.allclose(single_probabilities, batch_probabilities, rtol=rel, atol=1e-7)
    assert np.allclose(single_probabilities.sum(axis=1), 1.0)

    batch_top = model.top_k(batch, 3)
    for features, expected in zip(batch, batch_top, strict=True):
        single = model.top_k_one(features, 3)
        assert [label for label, _p in single] == [label for label, _p in expected], features.text[:60]
        assert [p for _label, p in single] == pytest.approx([p for _label, p in expected], rel=rel, abs=1e-7)
        # A batch of one takes the single-report path and answers the same.
        assert model.top_k([features], 3)[0] == single


@pytest.fixture(scope="module")
def default_model() -> TriageModel:
    bundle = load_default()
    assert bundle is not None, "the default model is missing: run openbuurt triage build-default-model"
    return bundle.category


def test_shipped_model_single_path_matches_batch_path(default_model: TriageModel) -> None:
    texts = _report_texts() + list(ODD_TEXTS)
    assert len(texts) > 300
    _assert_paths_agree(default_model, [ReportFeatures(text=text) for text in texts])


@pytest.mark.parametrize(
    ("algorithm", "rel"),
    # The stacked model's scores are several times larger (naive Bayes' log-likelihoods folded in), so the same
    # float32 rounding of the sums in another order is a larger share of a small probability.
    [("svm", 1e-5), ("stack", 1e-4)],
)
def test_single_path_matches_batch_path_with_time_channel_place_and_area(algorithm: str, rel: float) -> None:
    examples = synthetic_examples(30)
    model = TriageModel.train(examples, settings=TrainingSettings(algorithm=algorithm, calibration_share=0))
    with_meta = [example.features for example in examples[:60]]
    text_only = [ReportFeatures(text=text) for text in ODD_TEXTS]
    partial = [
        ReportFeatures(text="lamp brandt niet", source="Website"),
        ReportFeatures(text="kliko vergeten", created_at=datetime(2025, 1, 4, 23, 30, tzinfo=UTC)),
        ReportFeatures(text="", lat=52.1234, lon=4.5678, area_code="Noord West"),
    ]
    _assert_paths_agree(model, with_meta + text_only + partial, rel=rel)


@pytest.mark.parametrize(
    "spec",
    [
        # Few buckets, so that different n-grams share a bucket and their counts add up.
        FeatureSpec(word_bits=6, char_bits=7, meta_bits=3, word_ngrams=(1, 3), char_ngrams=(1, 4)),
        FeatureSpec(word_ngrams=(2, 2), char_ngrams=(3, 3), use_time=False),
        FeatureSpec(word_ngrams=(1, 1), char_ngrams=(2, 6), use_location=False),
    ],
    ids=["collisions", "pairs-only", "unigrams"],
)
def test_single_path_matches_batch_path_for_other_feature_settings(spec: FeatureSpec) -> None:
    examples = synthetic_examples(15)
    model = TriageModel.train(examples, spec=spec, settings=TrainingSettings(algorithm="logreg", calibration_share=0))
    batch = [example.features for example in examples[:30]] + [ReportFeatures(text=text) for text in ODD_TEXTS]
    _assert_paths_agree(model, batch)


@pytest.mark.parametrize(
    "spec",
    [
        FeatureSpec(),
        FeatureSpec(word_bits=6, char_bits=7, meta_bits=3, word_ngrams=(1, 3), char_ngrams=(1, 4)),
        FeatureSpec(word_ngrams=(2, 2), char_ngrams=(3, 3)),
    ],
    ids=["default", "collisions", "pairs-only"],
)
def test_memo_gives_the_buckets_of_hashing_every_n_gram_anew_also_after_it_is_emptied(spec: FeatureSpec) -> None:
    texts = [normalize_text(text) for text in (*_report_texts(), *ODD_TEXTS)]
    plain = FeatureEncoder(spec, memo=None)
    expected = [np.sort(plain.text_buckets(text)) for text in texts]
    # A memo of a few reports' worth, emptied many times over these texts; then one large enough to keep them all.
    for limit in (20_000, 1 << 30):
        memo = HashMemo(max_bytes=limit)
        encoder = FeatureEncoder(spec, memo=memo)
        emptied = 0
        for _round in range(2):
            # The second round finds most words in the memo (or refills it after emptying it).
            for text, buckets in zip(texts, expected, strict=True):
                emptied += memo.size >= memo.max_bytes
                got = encoder.text_buckets(text)
                assert got.dtype == np.int64
                assert np.array_equal(np.sort(got), buckets), text[:60]
        assert memo.size > 0
        if limit == 20_000:
            assert emptied >= 5
        else:
            assert emptied == 0
    # Two encoders of the same layout share one table; another layout gets its own.
    memo = HashMemo()
    FeatureEncoder(spec, memo=memo).text_buckets("lantaarnpaal kapot")
    size = memo.size
    FeatureEncoder(spec, memo=memo).text_buckets("lantaarnpaal kapot")
    assert memo.size == size
    FeatureEncoder(FeatureSpec(char_bits=spec.char_bits - 1), memo=memo).text_buckets("lantaarnpaal kapot")
    assert memo.size > size


def _reference_normalisation(text: str) -> str:
    """normalize_text as it was before plain ASCII skipped the Unicode decomposition."""
    text = re.sub(r"\[(TEL|EMAIL|KENTEKEN|BSN|IBAN|NAAM)\]", lambda match: f" pii_{match.group(1).lower()} ", text)
    text = re.sub(r"https?://\S+|www\.\S+", " url_link ", text)
    text = re.sub(r"@\w+", " at_mention ", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(r"\d+", "0", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def test_normalisation_skips_only_what_changes_nothing() -> None:
    for text in (*ODD_TEXTS, *_report_texts(), "".join(chr(code) for code in range(128))):
        assert normalize_text(text) == _reference_normalisation(text), text[:60]


def test_one_search_for_all_rules_finds_what_the_separate_rules_find() -> None:
    # The quick search lower-cases plain ASCII texts and searches case-sensitively: the phrases must be lower case.
    assert all(rule.pattern.pattern == rule.pattern.pattern.lower() for rule in POLICE_RULES)
    extra = ("DRUGS", "drugsoverlast!", "Mijn FIETS is GESTOLEN", "burglaryx", "DRUGſ", "İnbraak", "ﬁets gestolen")
    for text in (*_report_texts(), *ODD_TEXTS, *extra):
        expected = [(rule.slug, match.group(0)) for rule in POLICE_RULES if (match := rule.pattern.search(text))]
        assert matching_rules(text) == expected, text


@pytest.mark.django_db
def test_learned_classifier_answers_one_report_as_it_answers_a_batch(tmp_path: Path, settings: Any) -> None:
    settings.OPENBUURT_MODELS_DIR = str(tmp_path / "empty")
    reset_classifier_cache()
    Category.objects.filter(slug="straatverlichting").update(is_active=False)
    classifier = classifier_registry["learned"]()
    batch = [ReportFeatures(text=text) for text in (*_report_texts()[:150], *ODD_TEXTS)]
    together = classifier.classify_many(batch, explain=False)
    model = load_default()
    assert model is not None
    active = set(Category.objects.filter(is_active=True).values_list("slug", flat=True))
    probabilities = model.category.predict_proba(batch)
    for features, expected, row in zip(batch, together, probabilities, strict=True):
        alone = classifier.classify(features, explain=False)
        assert [s.slug for s in alone.suggestions] == [s.slug for s in expected.suggestions], features.text[:60]
        assert [s.probability for s in alone.suggestions] == pytest.approx(
            [s.probability for s in expected.suggestions], abs=1e-4
        )
        assert (alone.language, alone.explanation, alone.model_version) == (
            expected.language,
            expected.explanation,
            expected.model_version,
        )
        assert "straatverlichting" not in {s.slug for s in alone.suggestions}
        if not matching_rules(features.text):
            # Without a rule, the suggestions are the active categories ranked by the model (ties: model order).
            ranked = sorted(
                ((slug, float(p)) for slug, p in zip(model.category.classes, row, strict=True) if slug in active),
                key=lambda item: -item[1],
            )[:3]
            assert [(s.slug, s.probability) for s in expected.suggestions] == [
                (slug, round(p, 4)) for slug, p in ranked
            ]
