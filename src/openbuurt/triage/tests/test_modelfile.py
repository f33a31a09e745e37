"""Model files: save/load round trip, no pickle, versions, activation, rollback and damaged files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.modelfile import (
    ARRAYS_FILE,
    METADATA_FILE,
    ModelBundle,
    ModelFileError,
    ModelStore,
    load_bundle,
    save_bundle,
)
from openbuurt.triage.learning.training import TrainingPlan, train_bundle
from openbuurt.triage.tests.samples import synthetic_examples

BATCH = [ReportFeatures(text=t) for t in ("lamp brandt niet", "container vol", "auto op de stoep", "boom")]


@pytest.fixture(scope="module")
def bundle() -> ModelBundle:
    return train_bundle(TrainingPlan(examples=synthetic_examples(25)))


def test_round_trip_gives_the_same_predictions(bundle: ModelBundle, tmp_path: Path) -> None:
    path = save_bundle(bundle, tmp_path / bundle.version)
    loaded = load_bundle(path)
    assert loaded.version == bundle.version
    assert loaded.category.classes == bundle.category.classes
    assert loaded.category.temperature == pytest.approx(bundle.category.temperature)
    # Weights are stored as float16: probabilities agree to about three decimals.
    np.testing.assert_allclose(loaded.category.predict_proba(BATCH), bundle.category.predict_proba(BATCH), atol=5e-3)
    assert loaded.category.predict(BATCH) == bundle.category.predict(BATCH)
    assert loaded.team is not None and bundle.team is not None
    assert loaded.team.predict(BATCH) == bundle.team.predict(BATCH)
    metadata = json.loads((path / METADATA_FILE).read_text())
    assert metadata["data_sha256"] and metadata["metrics"]["category_holdout"]["n"] > 0
    assert metadata["n_seed_examples"] == 0


def test_model_files_hold_no_readable_training_text(bundle: ModelBundle, tmp_path: Path) -> None:
    path = save_bundle(bundle, tmp_path / bundle.version)
    blob = b"".join(p.read_bytes() for p in path.iterdir())
    with np.load(path / ARRAYS_FILE, allow_pickle=False) as arrays:
        raw = b"".join(np.asarray(arrays[name]).tobytes() for name in arrays.files)
    for word in ("lantaarnpaal", "vuilniszakken", "geparkeerd", "gesnoeid", "blikjes"):
        assert word.encode() not in blob
        assert word.encode() not in raw


def test_versions_are_never_overwritten_and_names_are_checked(bundle: ModelBundle, tmp_path: Path) -> None:
    save_bundle(bundle, tmp_path / bundle.version)
    with pytest.raises(ModelFileError, match="never overwritten"):
        save_bundle(bundle, tmp_path / bundle.version)
    store = ModelStore(tmp_path)
    for bad in ("../etc", "a/b", "", ".hidden"):
        with pytest.raises(ModelFileError, match="not a model version name"):
            store.path(bad)


def test_activate_rollback_and_list(bundle: ModelBundle, tmp_path: Path) -> None:
    store = ModelStore(tmp_path / "models")
    assert store.versions() == [] and store.active_version() is None and store.load_active() is None
    first = bundle
    second = ModelBundle(category=bundle.category, metadata={**bundle.metadata, "version": "20990101-000000-second"})
    store.add(first)
    store.add(second)
    assert store.versions() == sorted([first.version, second.version])
    store.activate(first.version, actor="tester")
    store.activate(second.version, actor="tester")
    assert store.active_version() == second.version
    loaded = store.load_active()
    assert loaded is not None and loaded.version == second.version and loaded.team is None
    assert store.rollback() == first.version
    assert store.active_version() == first.version
    assert store.rollback() is None  # nothing before the first activation: back to the shipped default
    assert store.active_version() is None
    with pytest.raises(ModelFileError, match="nothing to roll back"):
        store.rollback()
    history = store.history()
    assert [entry["reason"] for entry in history] == ["activate", "activate", "rollback", "rollback"]
    assert history[0]["actor"] == "tester"


def test_damaged_or_foreign_files_are_refused(bundle: ModelBundle, tmp_path: Path) -> None:
    path = save_bundle(bundle, tmp_path / bundle.version)
    metadata = json.loads((path / METADATA_FILE).read_text())
    (path / METADATA_FILE).write_text(json.dumps({**metadata, "format": "something-else"}))
    with pytest.raises(ModelFileError, match="not a model of format"):
        load_bundle(path)
    (path / METADATA_FILE).write_text(json.dumps(metadata))
    # A pickled object array must never be loaded.
    pickled: dict[str, Any] = {"category.rows": np.array([object()], dtype=object)}
    with (path / ARRAYS_FILE).open("wb") as handle:
        np.savez(handle, **pickled)
    with pytest.raises(ModelFileError, match="damaged model file"):
        load_bundle(path)
    (path / ARRAYS_FILE).unlink()
    with pytest.raises(ModelFileError, match="no such file"):
        load_bundle(path)
    with pytest.raises(ModelFileError, match="no such file"):
        load_bundle(tmp_path / "nothing")


def test_mismatched_arrays_are_refused(bundle: ModelBundle, tmp_path: Path) -> None:
    path = save_bundle(bundle, tmp_path / bundle.version)
    with np.load(path / ARRAYS_FILE, allow_pickle=False) as arrays:
        data = {name: arrays[name] for name in arrays.files}
    data["category.biases"] = data["category.biases"][:-1]
    np.savez_compressed(path / ARRAYS_FILE, **data)
    with pytest.raises(ModelFileError, match="do not match"):
        load_bundle(path)


def test_a_second_version_with_the_same_name_gets_a_suffix(bundle: ModelBundle, tmp_path: Path) -> None:
    store = ModelStore(tmp_path)
    first = ModelBundle(category=bundle.category, metadata={**bundle.metadata})
    second = ModelBundle(category=bundle.category, metadata={**bundle.metadata})
    assert store.add(first).name == bundle.version
    assert store.add(second).name == f"{bundle.version}-2"
    assert second.version == f"{bundle.version}-2" and len(store.versions()) == 2
