"""The default model shipped in the package: small, loadable, sensible, and free of Katwijk's texts."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.default_taxonomy import DEFAULT_TAXONOMY
from openbuurt.triage.learning.default_model import MAX_BYTES, police_examples
from openbuurt.triage.learning.modelfile import ARRAYS_FILE, DEFAULT_MODEL_DIR, METADATA_FILE, ModelBundle, load_default

KATWIJK = Path(__file__).resolve().parents[5] / "shared" / "data" / "katwijk_meldingen" / "katwijk_meldingen_train.csv"


@pytest.fixture(scope="module")
def default() -> ModelBundle:
    bundle = load_default()
    assert bundle is not None, "the default model is missing: run openbuurt triage build-default-model"
    return bundle


def test_default_model_is_small_and_loads(default: ModelBundle) -> None:
    size = sum(path.stat().st_size for path in DEFAULT_MODEL_DIR.iterdir())
    assert 0 < size <= MAX_BYTES
    bundle = default
    assert bundle.version.startswith("default-") and bundle.team is None
    slugs = {main.slug for main in DEFAULT_TAXONOMY} | {sub.slug for main in DEFAULT_TAXONOMY for sub in main.subs}
    assert set(bundle.category.classes) <= slugs
    assert {"huisafval", "woninginbraak", "gladheidsbestrijding"} <= set(bundle.category.classes)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("De lantaarnpaal voor ons huis brandt al dagen niet", "straatverlichting"),
        ("Auto staat al weken op de stoep geparkeerd", "parkeren"),
        ("Onze grijze container is niet geleegd", "huisafval"),
        ("Bij ons is ingebroken, de achterdeur is opengebroken", "woninginbraak"),
        ("The street light outside our house is broken", "straatverlichting"),
    ],
)
def test_default_model_suggests_sensible_categories(default: ModelBundle, text: str, slug: str) -> None:
    assert slug in [label for label, _p in default.category.top_k([ReportFeatures(text=text)], 3)[0]]


def test_metadata_holds_no_text_beyond_labels_and_settings() -> None:
    metadata = json.loads((DEFAULT_MODEL_DIR / METADATA_FILE).read_text())
    assert set(metadata) >= {"format", "version", "created", "data_sha256", "metrics", "category"}
    assert set(metadata["category"]) == {"classes", "temperature", "features", "training", "info"}
    assert not any(metadata["category"]["features"][key] for key in ("use_time", "use_source", "use_location"))


def test_police_examples_are_ours_and_cover_every_police_category() -> None:
    examples = police_examples()
    assert len(examples) >= 300
    police = {sub.slug for main in DEFAULT_TAXONOMY if main.service_group == "politie" for sub in main.subs}
    counts = Counter(example.label for example in examples)
    assert set(counts) == police and min(counts.values()) >= 25


@pytest.mark.skipif(not KATWIJK.is_file(), reason=f"the Katwijk data is not at {KATWIJK} (shared data not present)")
def test_shipped_model_contains_no_words_of_the_katwijk_reports() -> None:
    with KATWIJK.open(encoding="utf-8") as handle:
        words = Counter(w for row in csv.DictReader(handle) for w in re.findall(r"[a-z]{8,}", row["text"].lower()))
    blob = (DEFAULT_MODEL_DIR / ARRAYS_FILE).read_bytes()
    with np.load(DEFAULT_MODEL_DIR / ARRAYS_FILE, allow_pickle=False) as arrays:
        raw = b"".join(np.asarray(arrays[name]).tobytes() for name in arrays.files)
    checked = [word for word, _count in words.most_common(5000)]
    assert len(checked) == 5000
    # Every run of 8+ lower-case letters in the stored bytes (compressed and decompressed), found in one pass.
    runs = {match.decode() for data in (blob, raw) for match in re.findall(rb"[a-z]{8,}", data)}
    assert [word for word in checked if any(word in run for run in runs)] == []
    metadata = json.loads((DEFAULT_MODEL_DIR / METADATA_FILE).read_text())
    values = " ".join(_strings({key: value for key, value in metadata.items() if key != "origin"}))
    slugs = " ".join(metadata["category"]["classes"])
    assert [word for word in checked if word in values and word not in slugs] == []


def _strings(value: object) -> list[str]:
    """Every string value (not key) inside a JSON structure."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []
