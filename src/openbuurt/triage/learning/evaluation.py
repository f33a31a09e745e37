"""Measuring a pipeline: train/test and cross-validated metrics, speed, calibration, and the confusion matrix.

The numbers come from :class:`~.pipeline.TriageModel`, exactly the class production trains and loads, so what
``openbuurt triage evaluate`` prints is what the site gets.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedKFold

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import DataError, LabelledExample
from openbuurt.triage.learning.features import FeatureSpec
from openbuurt.triage.learning.pipeline import Progress, TrainingSettings, TriageModel, _quiet
from openbuurt.triage.learning.signalen_baseline import SignalenBaseline


def _round(value: float | np.floating[Any]) -> float:
    return round(float(value), 4)


def classification_metrics(truth: Sequence[str], probabilities: np.ndarray, classes: Sequence[str]) -> dict[str, Any]:
    """Return accuracy, macro-F1, top-3 accuracy, per-class scores, the confusion matrix and calibration error.

    Labels of ``truth`` the model never learned count as errors; macro averages run over every label that occurs
    in the truth or the predictions.
    """
    classes = list(classes)
    order = np.argsort(-probabilities, axis=1, kind="stable")
    predicted = [classes[row[0]] for row in order]
    top3 = [{classes[index] for index in row[:3]} for row in order]
    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    confidence = probabilities.max(axis=1)
    correct = np.array([p == t for p, t in zip(predicted, truth, strict=True)])
    return {
        "n": len(truth),
        "accuracy": _round(accuracy_score(truth, predicted)),
        "macro_f1": _round(f1_score(truth, predicted, labels=labels, average="macro", zero_division=0)),
        "top3_accuracy": _round(np.mean([t in best for t, best in zip(truth, top3, strict=True)])),
        "expected_calibration_error": _round(_calibration_error(confidence, correct)),
        "per_class": {
            label: {
                "precision": _round(precision[i]),
                "recall": _round(recall[i]),
                "f1": _round(f1[i]),
                "support": int(support[i]),
            }
            for i, label in enumerate(labels)
        },
        "confusion": {
            "labels": labels,
            "matrix": confusion_matrix(truth, predicted, labels=labels).tolist(),
        },
    }


def _calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top-1 probability over equal-width bins."""
    if len(confidence) == 0:
        return 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return total


def predictions_per_second(model: TriageModel, batch: Sequence[ReportFeatures], *, rounds: int = 3) -> float:
    """Return the best batch throughput (top-3 suggestions per second) over a few rounds."""
    if not batch:
        return 0.0
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        model.top_k(batch, 3)
        best = min(best, time.perf_counter() - started)
    return round(len(batch) / best, 1)


def evaluate_split(
    train: Sequence[LabelledExample],
    test: Sequence[LabelledExample],
    *,
    seeds: Sequence[LabelledExample] = (),
    spec: FeatureSpec | None = None,
    settings: TrainingSettings | None = None,
    baseline: bool = False,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Train on ``train`` (plus ``seeds``), predict ``test``, and return the metrics as a JSON-ready dict."""
    if not train or not test:
        raise DataError("evaluation needs examples in both the training and the test set")
    progress(f"training our pipeline on {len(train)} examples (+{len(seeds)} taxonomy seeds)")
    model = TriageModel.train(train, seeds=seeds, spec=spec, settings=settings, progress=progress)
    batch = [example.features for example in test]
    truth = [example.label for example in test]
    progress(f"predicting {len(test)} test examples")
    result: dict[str, Any] = {
        "n_train": len(train),
        "n_test": len(test),
        "seed_examples": len(seeds),
        **classification_metrics(truth, model.predict_proba(batch), model.classes),
        "predictions_per_second": predictions_per_second(model, batch),
        "training_seconds": model.info["training_seconds"],
        "temperature": _round(model.temperature),
        "pipeline": {"features": model.spec.to_json(), "training": model.settings.to_json()},
    }
    if baseline:
        result["baseline"] = evaluate_baseline(train, test, progress=progress)
        result["improvement"] = {
            key: _round(result[key] - result["baseline"][key]) for key in ("accuracy", "macro_f1", "top3_accuracy")
        }
    return result


def evaluate_baseline(
    train: Sequence[LabelledExample], test: Sequence[LabelledExample], *, progress: Progress = _quiet
) -> dict[str, Any]:
    """Train Signalen's method on ``train`` and return its metrics on ``test``."""
    progress("training the Signalen baseline (grid search, 5-fold; this takes a few minutes)")
    started = time.perf_counter()
    model = SignalenBaseline().fit(train)
    seconds = time.perf_counter() - started
    texts = [example.features.text for example in test]
    probabilities = model.predict_proba(texts)
    started = time.perf_counter()
    model.predict_proba(texts)
    speed = len(texts) / max(time.perf_counter() - started, 1e-9)
    progress(f"baseline trained in {seconds:.0f} s; best parameters {model.best_params}")
    return {
        "method": "signalen",
        **classification_metrics([example.label for example in test], probabilities, model.classes),
        "predictions_per_second": round(speed, 1),
        "training_seconds": round(seconds, 2),
        "best_params": model.best_params,
        "dropped_labels": model.dropped_labels,
    }


def cross_validate(
    examples: Sequence[LabelledExample],
    *,
    folds: int = 10,
    seeds: Sequence[LabelledExample] = (),
    spec: FeatureSpec | None = None,
    settings: TrainingSettings | None = None,
    random_state: int = 0,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Stratified k-fold cross-validation: metrics on the pooled out-of-fold predictions plus the fold mean."""
    labels = np.array([example.label for example in examples])
    if folds < 2 or len(examples) < folds:
        raise DataError(f"{folds}-fold cross-validation needs at least {max(folds, 2)} examples")
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=random_state)
    all_classes = sorted(set(labels) | {seed.label for seed in seeds})
    pooled = np.zeros((len(examples), len(all_classes)))
    fold_f1: list[float] = []
    speeds: list[float] = []
    seconds = 0.0
    for number, (train_rows, test_rows) in enumerate(splitter.split(np.zeros(len(labels)), labels), start=1):
        progress(f"fold {number}/{folds}")
        model = TriageModel.train([examples[i] for i in train_rows], seeds=seeds, spec=spec, settings=settings)
        seconds += model.info["training_seconds"]
        batch = [examples[i].features for i in test_rows]
        probabilities = model.predict_proba(batch)
        for column, label in enumerate(model.classes):
            pooled[test_rows, all_classes.index(label)] = probabilities[:, column]
        predicted = [model.classes[i] for i in probabilities.argmax(axis=1)]
        fold_f1.append(f1_score(labels[test_rows], predicted, average="macro", zero_division=0))
        speeds.append(predictions_per_second(model, batch, rounds=1))
    return {
        "folds": folds,
        "n": len(examples),
        "seed_examples": len(seeds),
        **classification_metrics(list(labels), pooled, all_classes),
        "macro_f1_fold_mean": _round(np.mean(fold_f1)),
        "macro_f1_fold_std": _round(np.std(fold_f1)),
        "predictions_per_second": round(float(np.median(speeds)), 1),
        "training_seconds": round(seconds, 2),
    }


def plot_confusion(confusion: dict[str, Any], path: Path, *, title: str) -> Path:
    """Draw the confusion matrix (rows: true label, columns: prediction; shares per row) as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels: list[str] = confusion["labels"]
    matrix = np.array(confusion["matrix"], dtype=float)
    shares = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    size = max(6.0, 0.55 * len(labels) + 3)
    figure, axes = plt.subplots(figsize=(size + 1.5, size))
    image = axes.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
    axes.set_xticks(range(len(labels)), labels=labels, rotation=60, ha="right", fontsize=8)
    axes.set_yticks(range(len(labels)), labels=labels, fontsize=8)
    axes.set_xlabel("predicted")
    axes.set_ylabel("true label")
    axes.set_title(title, fontsize=10)
    for row in range(len(labels)):
        for column in range(len(labels)):
            count = int(matrix[row, column])
            if count:
                colour = "white" if shares[row, column] > 0.5 else "black"
                axes.text(column, row, str(count), ha="center", va="center", fontsize=6, color=colour)
    figure.colorbar(image, ax=axes, fraction=0.046, pad=0.04, label="share of the true label")
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
