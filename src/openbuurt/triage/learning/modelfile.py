"""Versioned model files: writing, reading, listing, activating and rolling back trained triage models.

A model version is a folder holding ``metadata.json`` (format, version, creation time, data fingerprint, metrics,
feature and training settings, labels) and ``arrays.npz`` (weights, biases and IDF vectors as plain numpy
arrays; a stacked model with classes known only from seed texts also the simple model that gives their
probability). Format 2 added that simple model; files of format 1 are still read. Files are read with
``allow_pickle=False``, so even a tampered model file cannot run code; and only folders inside our own model
directory, named like our versions, are ever read.

The model directory (setting ``OPENBUURT_MODELS_DIR``, default ``OPENBUURT_DATA_DIR/models``) holds one folder
per version, ``ACTIVE`` (the name of the active version) and ``activations.log`` (one JSON line per activation,
append-only, for rollback and accountability). The default model shipped inside the package is used when the
site has not activated a model of its own.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from openbuurt.triage.learning.features import FeatureEncoder, FeatureSpec
from openbuurt.triage.learning.pipeline import ColdStart, TrainingSettings, TriageModel

FORMAT = "openbuurt-triage-model/2"
READABLE_FORMATS = ("openbuurt-triage-model/1", FORMAT)
METADATA_FILE = "metadata.json"
ARRAYS_FILE = "arrays.npz"
ACTIVE_FILE = "ACTIVE"
ACTIVATIONS_FILE = "activations.log"
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "default_model"
_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_PARTS = ("category", "team")


class ModelFileError(RuntimeError):
    """Raised when a model file is missing, unreadable, of an unknown format, or inconsistent."""


@dataclass
class ModelBundle:
    """A category model, optionally a team model, and the metadata they were saved with."""

    category: TriageModel
    team: TriageModel | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def version(self) -> str:
        return str(self.metadata.get("version", ""))


def new_version(data_fingerprint: str, now: datetime | None = None) -> str:
    """Return a sortable version name: UTC time plus the start of the training data's fingerprint."""
    moment = (now or datetime.now(tz=UTC)).astimezone(UTC)
    return f"{moment:%Y%m%d-%H%M%S}-{data_fingerprint[:8]}"


def _check_version(version: str) -> str:
    if not _VERSION.match(version):
        raise ModelFileError(f"not a model version name: {version!r}")
    return version


def _weight_arrays(prefix: str, weights: np.ndarray, biases: np.ndarray) -> dict[str, np.ndarray]:
    # Rows of the weight matrix that are all zero belong to hash buckets never seen in training: store the rest.
    used = np.flatnonzero(np.any(weights != 0, axis=1)).astype(np.int32)
    return {
        f"{prefix}.rows": used,
        f"{prefix}.values": weights[used].astype(np.float16),
        f"{prefix}.biases": biases.astype(np.float32),
    }


def _model_arrays(prefix: str, model: TriageModel) -> dict[str, np.ndarray]:
    assert model.encoder.word_idf is not None and model.encoder.char_idf is not None
    arrays = _weight_arrays(prefix, model.weights, model.biases)
    arrays[f"{prefix}.word_idf"] = model.encoder.word_idf.astype(np.float16)
    arrays[f"{prefix}.char_idf"] = model.encoder.char_idf.astype(np.float16)
    if model.cold_start is not None:
        arrays.update(_weight_arrays(f"{prefix}.prior", model.cold_start.weights, model.cold_start.biases))
    return arrays


def _model_metadata(model: TriageModel) -> dict[str, Any]:
    metadata = {
        "classes": model.classes,
        "temperature": model.temperature,
        "features": model.spec.to_json(),
        "training": model.settings.to_json(),
        "info": model.info,
    }
    if model.cold_start is not None:
        metadata["cold_start"] = {"columns": list(model.cold_start.columns), "factor": model.cold_start.factor}
    return metadata


def save_bundle(bundle: ModelBundle, directory: Path) -> Path:
    """Write ``bundle`` into ``directory`` (created; must not exist yet) and return it."""
    version = _check_version(bundle.version)
    if directory.exists():
        raise ModelFileError(f"{directory} already exists; model versions are never overwritten")
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{version}-", dir=directory.parent))
    arrays = _model_arrays("category", bundle.category)
    metadata = {**bundle.metadata, "format": FORMAT, "version": version, "category": _model_metadata(bundle.category)}
    if bundle.team is not None:
        arrays.update(_model_arrays("team", bundle.team))
        metadata["team"] = _model_metadata(bundle.team)
    np.savez_compressed(staging / ARRAYS_FILE, allow_pickle=False, **arrays)
    (staging / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    # mkdtemp makes a private folder; model files hold no secrets and the web server must read them.
    staging.chmod(0o755)
    # Rename last, so a half-written version never appears under its real name.
    staging.rename(directory)
    return directory


def _load_weights(prefix: str, arrays: Any, spec: FeatureSpec, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    rows = np.asarray(arrays[f"{prefix}.rows"], dtype=np.int64)
    values = np.asarray(arrays[f"{prefix}.values"], dtype=np.float32)
    biases = np.asarray(arrays[f"{prefix}.biases"], dtype=np.float32)
    if (
        values.shape != (len(rows), n_classes)
        or biases.shape != (n_classes,)
        or (len(rows) and (rows.min() < 0 or rows.max() >= spec.n_features))
    ):
        raise ModelFileError(f"the {prefix} arrays do not match the model's metadata")
    weights = np.zeros((spec.n_features, n_classes), dtype=np.float32)
    weights[rows] = values
    return weights, biases


def _load_cold_start(prefix: str, meta: dict[str, Any], arrays: Any, spec: FeatureSpec, n_classes: int) -> ColdStart:
    columns = tuple(int(column) for column in meta["columns"])
    factor = float(meta["factor"])
    if not columns or len(set(columns)) != len(columns) or min(columns) < 0 or max(columns) >= n_classes:
        raise ModelFileError(f"the {prefix} model's cold-start classes are not among its classes")
    if len(columns) == n_classes or not np.isfinite(factor) or factor <= 0:
        raise ModelFileError(f"the {prefix} model's cold start is invalid")
    weights, biases = _load_weights(f"{prefix}.prior", arrays, spec, n_classes)
    return ColdStart(columns=columns, weights=weights, biases=biases, factor=factor)


def _load_model(prefix: str, meta: dict[str, Any], arrays: Any) -> TriageModel:
    spec = FeatureSpec.from_json(meta["features"])
    classes = [str(label) for label in meta["classes"]]
    weights, biases = _load_weights(prefix, arrays, spec, len(classes))
    word_idf = np.asarray(arrays[f"{prefix}.word_idf"], dtype=np.float32)
    char_idf = np.asarray(arrays[f"{prefix}.char_idf"], dtype=np.float32)
    if word_idf.shape != (1 << spec.word_bits,) or char_idf.shape != (1 << spec.char_bits,):
        raise ModelFileError(f"the {prefix} arrays do not match the model's metadata")
    temperature = float(meta["temperature"])
    if not np.isfinite(temperature) or temperature <= 0:
        raise ModelFileError(f"the {prefix} model has an invalid temperature")
    cold_start = None
    if "cold_start" in meta:
        cold_start = _load_cold_start(prefix, meta["cold_start"], arrays, spec, len(classes))
    return TriageModel(
        encoder=FeatureEncoder(spec, word_idf=word_idf, char_idf=char_idf),
        classes=classes,
        weights=weights,
        biases=biases,
        temperature=temperature,
        settings=TrainingSettings.from_json(meta["training"]),
        info=dict(meta.get("info", {})),
        cold_start=cold_start,
    )


def read_metadata(directory: Path) -> dict[str, Any]:
    """Return the metadata of the model version in ``directory``."""
    path = directory / METADATA_FILE
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{path}: no such file") from None
    except (OSError, ValueError) as error:
        raise ModelFileError(f"{path}: unreadable ({error})") from None
    if not isinstance(metadata, dict) or metadata.get("format") not in READABLE_FORMATS:
        raise ModelFileError(f"{path}: not a model of format {' or '.join(READABLE_FORMATS)}")
    return metadata


def load_bundle(directory: Path) -> ModelBundle:
    """Read the model version in ``directory`` (written by :func:`save_bundle`)."""
    metadata = read_metadata(directory)
    try:
        with np.load(directory / ARRAYS_FILE, allow_pickle=False) as arrays:
            category = _load_model("category", metadata["category"], arrays)
            team = _load_model("team", metadata["team"], arrays) if "team" in metadata else None
    except FileNotFoundError:
        raise ModelFileError(f"{directory / ARRAYS_FILE}: no such file") from None
    except (KeyError, ValueError, TypeError, OSError) as error:
        raise ModelFileError(f"{directory}: damaged model file ({error})") from None
    return ModelBundle(category=category, team=team, metadata=metadata)


class ModelStore:
    """The site's model directory: versions, the active one, and the activation history."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, version: str) -> Path:
        return self.root / _check_version(version)

    def versions(self) -> list[str]:
        """Return the stored versions, oldest first."""
        if not self.root.is_dir():
            return []
        return sorted(
            entry.name
            for entry in self.root.iterdir()
            if entry.is_dir() and _VERSION.match(entry.name) and (entry / METADATA_FILE).is_file()
        )

    def add(self, bundle: ModelBundle) -> Path:
        """Store a new version (not yet active) and return its folder.

        Two trainings in the same second on the same data would share a name: the later one gets a suffix.
        """
        version = bundle.version
        suffix = 1
        while self.path(version).exists():
            suffix += 1
            version = f"{bundle.version}-{suffix}"
        bundle.metadata["version"] = version
        return save_bundle(bundle, self.path(version))

    def active_version(self) -> str | None:
        """Return the name of the active version, or ``None`` when the site uses the shipped default."""
        try:
            version = (self.root / ACTIVE_FILE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return version if version and _VERSION.match(version) and version in self.versions() else None

    def activate(self, version: str, *, actor: str = "system", reason: str = "activate") -> None:
        """Make ``version`` the active model and append the change to the activation history."""
        read_metadata(self.path(version))
        previous = self.active_version()
        self.root.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.root, prefix=".active-")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(version + "\n")
        Path(temporary).replace(self.root / ACTIVE_FILE)
        entry = {
            "at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
            "version": version,
            "previous": previous,
            "actor": actor,
            "reason": reason,
        }
        with (self.root / ACTIVATIONS_FILE).open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")

    def history(self) -> list[dict[str, Any]]:
        """Return the activation history, oldest first."""
        try:
            lines = (self.root / ACTIVATIONS_FILE).read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return []
        return [json.loads(line) for line in lines if line.strip()]

    def _activation_stack(self) -> list[str]:
        """Replay the history: every activation pushes its version, every rollback pops one."""
        stack: list[str] = []
        for entry in self.history():
            if entry.get("reason") == "rollback":
                if stack:
                    stack.pop()
            elif isinstance(entry.get("version"), str):
                stack.append(entry["version"])
        return stack

    def rollback(self, *, actor: str = "system") -> str | None:
        """Undo the last activation and return the version active before it (``None``: the shipped default).

        Rolling back repeatedly walks further back; versions deleted since are skipped.
        """
        current = self.active_version()
        if current is None:
            raise ModelFileError("no site model is active, so there is nothing to roll back")
        stack = self._activation_stack()
        if stack:
            stack.pop()
        available = set(self.versions())
        while stack and stack[-1] not in available:
            stack.pop()
        previous = stack[-1] if stack else None
        if previous is None:
            (self.root / ACTIVE_FILE).unlink()
        else:
            (self.root / ACTIVE_FILE).write_text(previous + "\n", encoding="utf-8")
        entry = {
            "at": datetime.now(tz=UTC).isoformat(timespec="seconds"),
            "version": previous,
            "previous": current,
            "actor": actor,
            "reason": "rollback",
        }
        with (self.root / ACTIVATIONS_FILE).open("a", encoding="utf-8") as log:
            log.write(json.dumps(entry) + "\n")
        return previous

    def load_active(self) -> ModelBundle | None:
        """Return the active site model, or ``None`` when there is none."""
        version = self.active_version()
        return load_bundle(self.path(version)) if version else None


def load_default() -> ModelBundle | None:
    """Return the default model shipped in the package, or ``None`` when it has not been built."""
    if not (DEFAULT_MODEL_DIR / METADATA_FILE).is_file():
        return None
    return load_bundle(DEFAULT_MODEL_DIR)
