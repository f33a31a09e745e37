"""The triage model: hashed features, a linear classifier, and calibrated probabilities.

Training fits scikit-learn's estimators, then keeps only what prediction needs as plain arrays: the weight matrix,
the biases, the temperature and the encoder's IDF vectors, so a model file never needs pickle to load. Prediction
of a batch is a sparse matrix product and a softmax; prediction of one report (the web form, intake) gathers the
weight rows of its few hashed columns (:meth:`TriageModel.scores_one`), which gives the same scores without
scikit-learn's and SciPy's per-call cost.

The default algorithm, ``stack`` (:mod:`.stacking`), is two SVMs and naive Bayes with a logistic regression over
their out-of-fold scores, folded back into one weight matrix; its probabilities are the logistic regression's
(temperature 1). Categories known only from their seed texts get their probability from a simple model
(:class:`ColdStart`). The single-model algorithms (``svm``, ``logreg``, ``sgd``) are calibrated by temperature
scaling: a first fit on 80 % of the data scores the other 20 %; the temperature ``T`` that minimises the log loss
of ``softmax(scores / T)`` on that part is kept, and the final model is fitted on all the data.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression, SGDClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split
from sklearn.svm import LinearSVC

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import DataError, LabelledExample
from openbuurt.triage.learning.features import FeatureEncoder, FeatureSpec
from openbuurt.triage.learning.stacking import StackSettings, class_ordered_weights, fit_stacked

Progress = Callable[[str], None]
ALGORITHMS = ("stack", "svm", "logreg", "sgd")


def _quiet(message: str) -> None:
    """Discard progress messages."""


@dataclass(frozen=True)
class TrainingSettings:
    """How to fit: the algorithm, the SVMs' regularisation and class weighting, and the calibration.

    ``c`` and ``balanced`` are those of the (first-stage) linear SVMs; ``calibration_share`` is the share held out
    to fit the temperature of the single-model algorithms (``stack`` is calibrated by its logistic regression).
    """

    algorithm: str = "stack"
    c: float = 0.3
    balanced: bool = True
    calibration_share: float = 0.2
    seed: int = 20240611
    stack: StackSettings = field(default_factory=StackSettings)

    def to_json(self) -> dict[str, Any]:
        return {
            "algorithm": self.algorithm,
            "c": self.c,
            "balanced": self.balanced,
            "calibration_share": self.calibration_share,
            "seed": self.seed,
            "stack": {
                "folds": self.stack.folds,
                "nb_alpha": self.stack.nb_alpha,
                "stack_c": self.stack.stack_c,
                "cold_factor": self.stack.cold_factor,
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TrainingSettings:
        """Rebuild settings from a model file (files written before stacking have no ``stack`` part)."""
        stack = data.get("stack", {})
        defaults = StackSettings()
        return cls(
            algorithm=str(data["algorithm"]),
            c=float(data["c"]),
            balanced=bool(data["balanced"]),
            calibration_share=float(data["calibration_share"]),
            seed=int(data["seed"]),
            stack=StackSettings(
                folds=int(stack.get("folds", defaults.folds)),
                nb_alpha=float(stack.get("nb_alpha", defaults.nb_alpha)),
                stack_c=float(stack.get("stack_c", defaults.stack_c)),
                cold_factor=float(stack.get("cold_factor", defaults.cold_factor)),
            ),
        )


def _estimator(settings: TrainingSettings) -> LinearSVC | LogisticRegression | SGDClassifier:
    weight = "balanced" if settings.balanced else None
    if settings.algorithm == "svm":
        return LinearSVC(C=settings.c, class_weight=weight, max_iter=2000, random_state=settings.seed)
    if settings.algorithm == "logreg":
        return LogisticRegression(C=settings.c, class_weight=weight, max_iter=300)
    if settings.algorithm == "sgd":
        return SGDClassifier(
            loss="modified_huber",
            alpha=1e-5 / max(settings.c, 1e-6),
            class_weight=weight,
            max_iter=200,
            tol=1e-4,
            random_state=settings.seed,
        )
    raise ValueError(f"unknown algorithm {settings.algorithm!r} (known: {', '.join(ALGORITHMS)})")


def _fit_linear(
    matrix: sp.csr_matrix, labels: np.ndarray, classes: list[str], settings: TrainingSettings
) -> tuple[np.ndarray, np.ndarray]:
    """Fit the estimator and return (weights [n_features, n_classes], biases [n_classes]) in ``classes`` order."""
    estimator = _estimator(settings)
    estimator.fit(matrix, labels)
    return class_ordered_weights(estimator, classes, matrix.shape[1], dtype=np.float32, missing=-1e3)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    """Return row-wise softmax(scores / temperature), in float64 so each row sums to 1 within rounding."""
    scaled = scores.astype(np.float64) / temperature
    scaled -= scaled.max(axis=1, keepdims=True)
    exp = np.exp(scaled)
    result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return result


def fit_temperature(scores: np.ndarray, truth: np.ndarray) -> float:
    """Return the temperature minimising the log loss of ``softmax(scores / T)`` for true class indices."""

    def loss(log_t: float) -> float:
        probabilities = softmax(scores, float(np.exp(log_t)))
        picked = probabilities[np.arange(len(truth)), truth]
        return float(-np.mean(np.log(np.clip(picked, 1e-12, 1.0))))

    result = minimize_scalar(loss, bounds=(np.log(0.01), np.log(100.0)), method="bounded")
    return float(np.exp(result.x))


def _holdout_metrics(scores: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    """Accuracy, macro-F1 and top-3 accuracy of the calibration fit on its held-out rows."""
    predicted = scores.argmax(axis=1)
    top3 = np.argsort(-scores, axis=1)[:, :3]
    return {
        "n": len(truth),
        "accuracy": round(float(np.mean(predicted == truth)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, average="macro", zero_division=0)), 4),
        "top3_accuracy": round(float(np.mean([t in row for t, row in zip(truth, top3, strict=True)])), 4),
    }


@dataclass(frozen=True, eq=False)
class ColdStart:
    """The probabilities of the classes known only from seed texts, which the stacked model never saw in a report.

    Each gets ``factor`` times the probability the simple model (``weights``, ``biases``: the sum of the two SVMs'
    scores, its temperature folded in) gives it, capped so that together they take at most everything; the other
    classes share the rest in the proportions of the stacked model.
    """

    columns: tuple[int, ...]
    weights: np.ndarray
    biases: np.ndarray
    factor: float

    @cached_property
    def warm_columns(self) -> np.ndarray:
        """Return the columns of the classes learned from reports (all but ``columns``), ascending."""
        return np.setdiff1d(np.arange(self.weights.shape[1]), np.array(self.columns, dtype=np.intp))

    def probabilities(self, scores: np.ndarray, prior_scores: np.ndarray, temperature: float) -> np.ndarray:
        """Return the probabilities (rows sum to one) from the stacked model's and the simple model's scores."""
        cold = list(self.columns)
        share = np.minimum(1.0, self.factor * softmax(prior_scores, 1.0)[:, cold])
        share /= np.maximum(share.sum(axis=1, keepdims=True), 1.0)
        result = np.zeros(scores.shape, dtype=np.float64)
        warm = self.warm_columns
        result[:, warm] = softmax(scores[:, warm], temperature) * (1.0 - share.sum(axis=1, keepdims=True))
        result[:, cold] = share
        return result


@dataclass
class TriageModel:
    """A fitted classifier of report features into labels, with calibrated probabilities."""

    encoder: FeatureEncoder
    classes: list[str]
    weights: np.ndarray
    biases: np.ndarray
    temperature: float
    settings: TrainingSettings
    info: dict[str, Any] = field(default_factory=dict)
    cold_start: ColdStart | None = None

    @property
    def spec(self) -> FeatureSpec:
        return self.encoder.spec

    @classmethod
    def train(
        cls,
        examples: Sequence[LabelledExample],
        *,
        seeds: Sequence[LabelledExample] = (),
        spec: FeatureSpec | None = None,
        settings: TrainingSettings | None = None,
        progress: Progress = _quiet,
    ) -> TriageModel:
        """Fit a model on ``examples`` and the taxonomy ``seeds`` (labels from ``.label``); needs two labels.

        Seeds are training texts like the reports, except that the stacked model never scores them out of fold.
        """
        spec = spec or FeatureSpec()
        settings = settings or TrainingSettings()
        if settings.algorithm not in ALGORITHMS:
            raise DataError(f"unknown algorithm {settings.algorithm!r} (known: {', '.join(ALGORITHMS)})")
        everything = [*examples, *seeds]
        counts = Counter(example.label for example in everything)
        if len(counts) < 2:
            raise DataError(f"training needs at least two different labels, got {len(counts)}")
        if settings.algorithm == "stack" and (
            len({example.label for example in examples}) < 2 or len(examples) < settings.stack.folds
        ):
            progress("too few reports to stack models: fitting one SVM")
            settings = replace(settings, algorithm="svm")
        started = time.perf_counter()
        classes = sorted(counts)
        batch = [example.features for example in everything]
        labels = np.array([example.label for example in everything])
        progress(f"encoding {len(batch)} examples ({len(classes)} labels)")
        encoder = FeatureEncoder(spec)
        blocks = encoder.fit_blocks(batch)
        if settings.algorithm == "stack":
            return cls._train_stacked(encoder, blocks, labels, len(examples), classes, settings, started, progress)
        matrix = sp.hstack(blocks, format="csr", dtype=np.float32)
        temperature = 1.0
        calibrated = False
        holdout: dict[str, float] = {}
        if settings.calibration_share > 0 and len(batch) >= 40:
            stratify = labels if min(counts.values()) >= 2 else None
            fit_rows, held_rows = train_test_split(
                np.arange(len(batch)),
                test_size=settings.calibration_share,
                random_state=settings.seed,
                stratify=stratify,
            )
            if len(set(labels[fit_rows])) >= 2:
                progress(f"calibrating on {len(held_rows)} held-out examples")
                weights, biases = _fit_linear(matrix[fit_rows], labels[fit_rows], classes, settings)
                scores = matrix[held_rows] @ weights + biases
                truth = np.array([classes.index(label) for label in labels[held_rows]])
                temperature = fit_temperature(scores, truth)
                calibrated = True
                holdout = _holdout_metrics(scores, truth)
        progress(f"fitting {settings.algorithm} on all {len(batch)} examples")
        weights, biases = _fit_linear(matrix, labels, classes, settings)
        info = {
            "n_examples": len(batch),
            "class_counts": dict(sorted(counts.items())),
            "calibrated": calibrated,
            "holdout": holdout,
            "training_seconds": round(time.perf_counter() - started, 2),
        }
        progress(f"trained in {info['training_seconds']} s (temperature {temperature:.3f})")
        return cls(
            encoder=encoder,
            classes=classes,
            weights=weights,
            biases=biases,
            temperature=temperature,
            settings=settings,
            info=info,
        )

    @classmethod
    def _train_stacked(
        cls,
        encoder: FeatureEncoder,
        blocks: tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix],
        labels: np.ndarray,
        n_reports: int,
        classes: list[str],
        settings: TrainingSettings,
        started: float,
        progress: Progress,
    ) -> TriageModel:
        """Fit the stacked model (:func:`.stacking.fit_stacked`) on encoded reports followed by seed texts."""
        fit = fit_stacked(
            blocks,
            labels,
            n_reports,
            classes,
            encoder.spec,
            c=settings.c,
            balanced=settings.balanced,
            seed=settings.seed,
            stack=settings.stack,
            fit_temperature=fit_temperature,
            progress=progress,
        )
        cold_start = None
        if fit.prior is not None:
            cold_start = ColdStart(
                columns=fit.cold_columns,
                weights=fit.prior.weights,
                biases=fit.prior.biases,
                factor=settings.stack.cold_factor,
            )
        info = {
            "n_examples": len(labels),
            "class_counts": dict(sorted(Counter(labels.tolist()).items())),
            "calibrated": True,
            "holdout": fit.holdout,
            "cold_classes": [classes[column] for column in fit.cold_columns],
            "prior_temperature": round(fit.prior_temperature, 4),
            "training_seconds": round(time.perf_counter() - started, 2),
        }
        progress(f"trained in {info['training_seconds']} s")
        return cls(
            encoder=encoder,
            classes=classes,
            weights=fit.weights,
            biases=fit.biases,
            temperature=1.0,
            settings=settings,
            info=info,
            cold_start=cold_start,
        )

    @cached_property
    def class_index(self) -> dict[str, int]:
        """Return the column of every label (``classes`` is fixed once a model is trained or loaded)."""
        return {label: column for column, label in enumerate(self.classes)}

    def scores_one(self, features: ReportFeatures) -> np.ndarray:
        """Return the raw linear scores of one report (one value per class): ``scores([features])[0]``.

        The same features and weights as the batch path, summed in another order, so equal to float32 rounding.
        Only the rows of the report's own hashed columns take part (a dense gather of a few hundred rows), so
        the cost follows the length of the text, not the size of the model or scikit-learn's per-call overhead.
        """
        return _gathered_scores(*self.encoder.encode_one(features), self.weights, self.biases)

    def predict_proba_one(self, features: ReportFeatures) -> np.ndarray:
        """Return the calibrated probabilities of one report (sums to 1): ``predict_proba([features])[0]``."""
        cold_start = self.cold_start
        if cold_start is not None:
            columns, values = self.encoder.encode_one(features)
            scores = _gathered_scores(columns, values, self.weights, self.biases)
            prior = _gathered_scores(columns, values, cold_start.weights, cold_start.biases)
            one = cold_start.probabilities(scores[np.newaxis, :], prior[np.newaxis, :], self.temperature)
            row: np.ndarray = one[0]
            return row
        # softmax() on a single row, in one dimension: the same steps in the same float64 arithmetic.
        scaled = self.scores_one(features).astype(np.float64) / self.temperature
        scaled -= scaled.max()
        exp = np.exp(scaled)
        probabilities: np.ndarray = exp / exp.sum()
        return probabilities

    def top_k_one(self, features: ReportFeatures, k: int = 3) -> list[tuple[str, float]]:
        """Return the ``k`` most likely labels of one report with their probabilities, best first.

        What the batch path gives for ``[features]``: the same probabilities, ranked with the same stable sort.
        """
        probabilities = self.predict_proba_one(features)
        order = np.argsort(-probabilities, kind="stable")[: min(k, len(self.classes))]
        return [(self.classes[index], float(probabilities[index])) for index in order]

    def scores(self, batch: Sequence[ReportFeatures]) -> np.ndarray:
        """Return the raw linear scores, one row per report and one column per class (always the batch path).

        With a :class:`ColdStart`, the columns of the classes known only from seeds hold the simple model's scores.
        """
        return _block_scores(self.encoder.blocks(batch), self.weights, self.biases)

    def predict_proba(self, batch: Sequence[ReportFeatures]) -> np.ndarray:
        """Return calibrated probabilities, one row per report (each row sums to 1).

        A batch of one takes the single-report path (:meth:`predict_proba_one`): the same numbers, to rounding.
        """
        if not batch:
            return np.zeros((0, len(self.classes)))
        if len(batch) == 1:
            return self.predict_proba_one(batch[0])[np.newaxis, :]
        if self.cold_start is None:
            return softmax(self.scores(batch), self.temperature)
        blocks = self.encoder.blocks(batch)
        return self.cold_start.probabilities(
            _block_scores(blocks, self.weights, self.biases),
            _block_scores(blocks, self.cold_start.weights, self.cold_start.biases),
            self.temperature,
        )

    def predict(self, batch: Sequence[ReportFeatures]) -> list[str]:
        """Return the most likely label per report."""
        probabilities = self.predict_proba(batch)
        return [self.classes[index] for index in probabilities.argmax(axis=1)]

    def top_k(self, batch: Sequence[ReportFeatures], k: int = 3) -> list[list[tuple[str, float]]]:
        """Return per report the ``k`` most likely labels with their probabilities, best first."""
        if len(batch) == 1:
            return [self.top_k_one(batch[0], k)]
        probabilities = self.predict_proba(batch)
        k = min(k, len(self.classes))
        order = np.argsort(-probabilities, axis=1, kind="stable")[:, :k]
        return [
            [(self.classes[index], float(row[index])) for index in ranked]
            for row, ranked in zip(probabilities, order, strict=True)
        ]

    def explain(self, features: ReportFeatures, label: str, *, limit: int = 4) -> list[tuple[str, float]]:
        """Return the words of this report that pushed it most towards ``label``, with their contribution.

        The words come from the report itself (the model holds only hashed buckets). A word's contribution is how
        much the log-odds of ``label`` (against the other labels together) fall when the report is classified
        without it: every n-gram the word is part of (its character n-grams, word pairs) leaves with it, so the
        answer is faithful to the whole model, not to the word's own weight alone (in a stacked model a word's
        weights mix naive Bayes' and the SVMs'). Log-odds, not probabilities: a confident prediction resting on two
        clear words loses little probability without either, but much of its odds. They are those of the model
        that gives ``label`` its probability: the simple model for a label known only from seed texts, else the
        model's own scores (among the labels learned from reports). Costs one encoding per distinct word.
        """
        column = self.class_index.get(label)
        if column is None:
            return []
        weights, biases, temperature = self.weights, self.biases, self.temperature
        others = np.array([index for index in range(len(self.classes)) if index != column], dtype=np.intp)
        if self.cold_start is not None:
            if column in self.cold_start.columns:
                weights, biases, temperature = self.cold_start.weights, self.cold_start.biases, 1.0
            else:
                others = np.setdiff1d(self.cold_start.warm_columns, [column])
        words = self.encoder.words(features.text)

        def log_odds(kept: list[str]) -> float:
            columns, values = self.encoder.encode_one(replace(features, text=" ".join(kept)))
            scores = _gathered_scores(columns, values, weights, biases).astype(np.float64) / temperature
            if not len(others):
                return float(scores[column])
            rest = scores[others]
            top = rest.max()
            return float(scores[column] - top - np.log(np.exp(rest - top).sum()))

        everything = log_odds(words)
        ranked: list[tuple[str, float]] = []
        for word in dict.fromkeys(words):
            value = round(everything - log_odds([other for other in words if other != word]), 3)
            if value > 0:
                ranked.append((word, value))
        ranked.sort(key=lambda item: -item[1])
        return ranked[:limit]


def _gathered_scores(columns: np.ndarray, values: np.ndarray, weights: np.ndarray, biases: np.ndarray) -> np.ndarray:
    """Return one report's scores from its encoded columns and values: only those rows of ``weights`` take part."""
    # take() rather than fancy indexing: the same rows, with less overhead for a few hundred of them.
    result: np.ndarray = values @ weights.take(columns, axis=0) + biases
    return result


def _block_scores(
    blocks: tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix], weights: np.ndarray, biases: np.ndarray
) -> np.ndarray:
    """Return ``[words | chars | meta] @ weights + biases`` without stacking the blocks."""
    words, chars, meta = blocks
    # Three sparse-by-dense products on views of the weight matrix: no stacking, no copies.
    word_end = words.shape[1]
    char_end = word_end + chars.shape[1]
    result: np.ndarray = words @ weights[:word_end] + chars @ weights[word_end:char_end] + meta @ weights[char_end:]
    result += biases
    return result
