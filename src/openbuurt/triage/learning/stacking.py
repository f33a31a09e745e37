"""The stacked classifier: three linear first-stage models and a logistic regression over their scores.

First stage, each over the hashed features a model file already holds:

- a linear SVM on the word block and the other features (channel, time, place),
- a linear SVM on the character block and the other features,
- multinomial naive Bayes on the word block (its log-likelihood of a report is linear in the features too; the
  second stage gets it as log-ratios over the buckets the fit has seen, see :func:`_naive_bayes`).

The second stage is a multinomial logistic regression (:func:`fit_logit`) on the three models' scores, learned from
out-of-fold scores: the reports are split in ``folds`` parts, and each part is scored by first-stage models fitted
on the other parts (the taxonomy seed texts are always on the fitting side: they are not reports and get no score
of their own). The first stage is then fitted again on all the data. Since every step is linear, the second stage
folds back into one weight matrix over the same features: prediction stays a sparse product (or a gather of rows)
and a softmax, and the logistic regression's probabilities need no temperature.

Categories known only from their seed texts (a first winter's "gladheidsbestrijding") never occur among the
reports, so the second stage cannot learn them. They get ``cold_factor`` times the probability a simple model gives
them (capped at one): the sum of the two SVMs' scores, with a softmax temperature fitted on the out-of-fold scores.
Chosen on the Katwijk reports of June–December 2024 only: see docs/triage.md.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.svm import LinearSVC

from openbuurt.triage.learning.features import FeatureSpec

Blocks = tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]
"""The word, character and other-feature blocks of a batch (:meth:`FeatureEncoder.blocks`)."""

# A first-stage SVM fitted on a fold that lacks a class gives that class this score ("not this one") for every
# report; only a class with fewer reports than folds can be missing.
_MISSING_CLASS_SCORE = -1.0


@dataclass(frozen=True)
class StackSettings:
    """The knobs of the stacked classifier (the first-stage SVMs use the model's ``c``, ``balanced`` and ``seed``)."""

    folds: int = 3
    nb_alpha: float = 0.3
    stack_c: float = 0.1
    cold_factor: float = 2.0


@dataclass(frozen=True, eq=False)
class Linear:
    """Scores over the full feature space: ``rows @ weights + biases``, one column per class."""

    weights: np.ndarray
    biases: np.ndarray

    def scores(self, matrix: sp.csr_matrix) -> np.ndarray:
        result: np.ndarray = matrix @ self.weights + self.biases
        return result


@dataclass(frozen=True, eq=False)
class StackedFit:
    """The folded model: weights and biases in ``classes`` order, and the simple model for seed-only classes.

    The columns of ``cold_columns`` hold the simple model's scores for those classes (raw scores of every class
    stay meaningful); their probability comes from ``prior`` (the simple model over all classes, temperature folded
    in). The two stages themselves are kept for inspection (the tests check the folding); a model file holds only
    the folded arrays.
    """

    weights: np.ndarray
    biases: np.ndarray
    cold_columns: tuple[int, ...]
    prior: Linear | None
    prior_temperature: float
    holdout: dict[str, float]
    first_stage: tuple[Linear, ...]
    second_stage: Logit


def _widths(spec: FeatureSpec) -> tuple[int, int, int]:
    return 1 << spec.word_bits, 1 << spec.char_bits, 1 << spec.meta_bits


def _svm(
    part: sp.csr_matrix, labels: np.ndarray, classes: list[str], *, c: float, balanced: bool, seed: int
) -> tuple[np.ndarray, np.ndarray]:
    """Fit a linear SVM on ``part``; return (weights [part columns, classes], biases) in ``classes`` order."""
    estimator = LinearSVC(C=c, class_weight="balanced" if balanced else None, max_iter=2000, random_state=seed)
    with warnings.catch_warnings():
        # liblinear stops at max_iter on a few hard folds; the scores are still usable (as in the single model).
        warnings.simplefilter("ignore", ConvergenceWarning)
        estimator.fit(part, labels)
    return class_ordered_weights(estimator, classes, part.shape[1], dtype=np.float64, missing=_MISSING_CLASS_SCORE)


class FittedLinear(Protocol):
    """What a fitted scikit-learn linear classifier offers (``LinearSVC``, ``LogisticRegression`` …)."""

    coef_: np.ndarray
    intercept_: np.ndarray
    classes_: np.ndarray


def class_ordered_weights(
    estimator: FittedLinear, classes: list[str], n_features: int, *, dtype: type[np.floating[Any]], missing: float
) -> tuple[np.ndarray, np.ndarray]:
    """Return a fitted linear estimator's (weights [n_features, classes], biases) in ``classes`` order.

    A class the estimator never saw gets zero weights and the bias ``missing``. A binary estimator scores only its
    second class; the first gets zero, so that softmax([0, s]) equals its sigmoid(s).
    """
    coef = np.asarray(estimator.coef_, dtype=dtype)
    intercept = np.asarray(estimator.intercept_, dtype=dtype).reshape(-1)
    fitted = [str(label) for label in estimator.classes_]
    if len(fitted) == 2 and coef.shape[0] == 1:
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.array([0.0, intercept[0]], dtype=dtype)
    weights = np.zeros((n_features, len(classes)), dtype=dtype)
    biases = np.full(len(classes), missing, dtype=dtype)
    for row, label in enumerate(fitted):
        column = classes.index(label)
        weights[:, column] = coef[row]
        biases[column] = intercept[row]
    return weights, biases


def _naive_bayes(words: sp.csr_matrix, labels: np.ndarray, classes: list[str], alpha: float) -> Linear:
    """Multinomial naive Bayes on the word block, as log-ratios: what the second stage gets from its evidence.

    Fitted as scikit-learn's ``MultinomialNB`` fits it (smoothing ``alpha``); a class without examples in this fit
    gets the smoothed bucket probabilities and the prior of half an example. Two changes make its scores fit for a
    linear second stage. Each bucket's log-probabilities are taken relative to their mean over the classes: the
    part all classes share grows with the length of a report and tells them nothing apart (naive Bayes' own
    posterior stays as it is). And a bucket no text of this fit contains counts for nothing, as in the SVMs:
    otherwise every new word of a report pushes towards the classes with the least text, by an amount the second
    stage never learned when its training reports held few unseen words. Both were checked on the validation
    splits (top-3 0.941 → 0.942, macro-F1 0.654 → 0.653: no loss) and keep a model trained on a few dozen
    look-alike reports from trusting its guess for a report of new words.
    """
    index = {label: column for column, label in enumerate(classes)}
    membership = sp.csr_matrix(
        (np.ones(len(labels)), ([index[str(label)] for label in labels], np.arange(len(labels)))),
        shape=(len(classes), len(labels)),
    )
    counts = np.asarray((membership @ words).todense(), dtype=np.float64) + alpha
    log_probabilities = np.log(counts) - np.log(counts.sum(axis=1, keepdims=True))
    log_probabilities -= log_probabilities.mean(axis=0, keepdims=True)
    log_probabilities[:, words.getnnz(axis=0) == 0] = 0.0
    class_counts = np.maximum(np.asarray(membership.sum(axis=1), dtype=np.float64).reshape(-1), 0.5)
    return Linear(weights=log_probabilities.T, biases=np.log(class_counts) - np.log(len(labels)))


def _first_stage(
    blocks: Blocks,
    labels: np.ndarray,
    classes: list[str],
    spec: FeatureSpec,
    *,
    c: float,
    balanced: bool,
    seed: int,
    alpha: float,
) -> list[Linear]:
    """Fit the three first-stage models; return each as weights over the full feature space [word | char | meta]."""
    words, chars, meta = blocks
    word_width, char_width, _meta_width = _widths(spec)
    meta_start = word_width + char_width
    n_features = meta_start + meta.shape[1]
    result: list[Linear] = []
    for text, start in ((words, 0), (chars, word_width)):
        part = sp.hstack([text, meta], format="csr")
        part_weights, biases = _svm(part, labels, classes, c=c, balanced=balanced, seed=seed)
        weights = np.zeros((n_features, len(classes)))
        weights[start : start + text.shape[1]] = part_weights[: text.shape[1]]
        weights[meta_start:] = part_weights[text.shape[1] :]
        result.append(Linear(weights=weights, biases=biases))
    bayes = _naive_bayes(words, labels, classes, alpha)
    weights = np.zeros((n_features, len(classes)))
    weights[:word_width] = bayes.weights
    result.append(Linear(weights=weights, biases=bayes.biases))
    return result


def _take(blocks: Blocks, rows: np.ndarray) -> Blocks:
    return blocks[0][rows], blocks[1][rows], blocks[2][rows]


@dataclass(frozen=True, eq=False)
class Logit:
    """A multinomial logistic regression over the stacked scores: ``softmax(inputs @ coef.T + intercept)``."""

    coef: np.ndarray
    intercept: np.ndarray
    iterations: int

    def probabilities(self, inputs: np.ndarray) -> np.ndarray:
        logits = inputs @ self.coef.T + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        result: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
        return result


def fit_logit(inputs: np.ndarray, truth: np.ndarray, n_classes: int, c: float, *, tolerance: float = 1e-7) -> Logit:
    """Fit a multinomial logistic regression with scikit-learn's objective for ``LogisticRegression(C=c)``.

    Minimises ``c * sum(log loss) + ||coef||² / 2`` (intercepts free) with L-BFGS in whitened coordinates: the
    stacked scores are strongly correlated and of different sizes (naive Bayes' several times the SVMs'), on which
    plain L-BFGS took thousands of steps (scikit-learn's stopped after 14,000 without converging on the Katwijk
    scores); whitened by ``(covariance + δ)^-½`` (δ the penalty's share of the curvature) it converges in under a
    hundred. scikit-learn's Newton solver reaches the same optimum, but its Hessian grows with (classes ×
    inputs)², i.e. with the fourth power of the number of classes: too slow and too large for a taxonomy of a
    hundred categories.
    """
    n, width = inputs.shape
    mean = inputs.mean(axis=0)
    centred = inputs - mean
    shares = np.bincount(truth, minlength=n_classes) / n
    curvature = float(np.mean(shares * (1.0 - shares)))
    delta = 1.0 / (c * n * curvature)
    eigenvalues, eigenvectors = np.linalg.eigh(centred.T @ centred / n + delta * np.eye(width))
    whitener = (eigenvectors * eigenvalues**-0.5) @ eigenvectors.T
    whitened = centred @ whitener
    penalty = whitener @ whitener / (c * n)
    onehot = np.zeros((n, n_classes))
    onehot[np.arange(n), truth] = 1.0
    split = n_classes * width

    def objective(x: np.ndarray) -> tuple[float, np.ndarray]:
        coef, intercept = x[:split].reshape(n_classes, width), x[split:]
        logits = whitened @ coef.T + intercept
        top = logits.max(axis=1, keepdims=True)
        log_total = np.log(np.exp(logits - top).sum(axis=1, keepdims=True)) + top
        loss = float(np.mean(log_total[:, 0] - logits[np.arange(n), truth]))
        gradient = (np.exp(logits - log_total) - onehot) / n
        penalised = coef @ penalty
        value = loss + 0.5 * float(np.sum(coef * penalised))
        return value, np.concatenate([(gradient.T @ whitened + penalised).ravel(), gradient.sum(axis=0)])

    start = np.zeros(split + n_classes)
    start[split:] = np.log(np.maximum(shares, 1e-12))
    result = minimize(
        objective,
        start,
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 2000, "gtol": tolerance, "ftol": 1e-15, "maxcor": 20},
    )
    # Back to the original inputs: logits = (inputs - mean) @ whitener @ coef.T + intercept.
    coef = result.x[:split].reshape(n_classes, width) @ whitener
    intercept = result.x[split:] - coef @ mean
    return Logit(coef=coef, intercept=intercept, iterations=int(result.nit))


def _holdout(probabilities: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    """Accuracy, macro-F1 and top-3 accuracy of held-out second-stage predictions (``truth``: column numbers)."""
    order = np.argsort(-probabilities, axis=1, kind="stable")
    return {
        "n": len(truth),
        "accuracy": round(float(np.mean(order[:, 0] == truth)), 4),
        "macro_f1": round(float(f1_score(truth, order[:, 0], average="macro", zero_division=0)), 4),
        "top3_accuracy": round(float(np.mean((order[:, :3] == truth[:, np.newaxis]).any(axis=1))), 4),
    }


def fit_stacked(
    blocks: Blocks,
    labels: np.ndarray,
    n_reports: int,
    classes: list[str],
    spec: FeatureSpec,
    *,
    c: float,
    balanced: bool,
    seed: int,
    stack: StackSettings,
    fit_temperature: Callable[[np.ndarray, np.ndarray], float],
    progress: Callable[[str], None],
) -> StackedFit:
    """Fit the stacked classifier on ``blocks`` (rows: the reports first, then the seed texts) and fold it.

    ``labels`` holds one label per row, ``n_reports`` how many rows are reports; ``classes`` (sorted) is every
    label. Needs at least two labels among the reports and ``stack.folds`` reports.
    """

    def first_stage(rows: np.ndarray | None) -> list[Linear]:
        part = blocks if rows is None else _take(blocks, rows)
        part_labels = labels if rows is None else labels[rows]
        return _first_stage(part, part_labels, classes, spec, c=c, balanced=balanced, seed=seed, alpha=stack.nb_alpha)

    report_labels = labels[:n_reports]
    warm = sorted(set(report_labels.tolist()))
    cold = [column for column, label in enumerate(classes) if label not in set(warm)]
    counts = np.unique(report_labels, return_counts=True)[1]
    splitter: StratifiedKFold | KFold
    if counts.min() >= stack.folds:
        splitter = StratifiedKFold(n_splits=stack.folds, shuffle=True, random_state=seed)
    else:
        # A label with fewer reports than folds cannot be in every part: plain folds, missing classes scored low.
        splitter = KFold(n_splits=stack.folds, shuffle=True, random_state=seed)
    seed_rows = np.arange(n_reports, len(labels))
    out_of_fold = np.zeros((n_reports, 3 * len(classes)))
    parts = list(splitter.split(np.zeros(n_reports), report_labels))
    for number, (fit_rows, held_rows) in enumerate(parts, start=1):
        progress(f"stacking: first stage on part {number}/{len(parts)} ({len(fit_rows)} reports + seeds)")
        rows = np.concatenate([fit_rows, seed_rows])
        models = first_stage(rows)
        held = sp.hstack(_take(blocks, held_rows), format="csr")
        out_of_fold[held_rows] = np.hstack([model.scores(held) for model in models])

    progress("stacking: second stage (logistic regression on the out-of-fold scores)")
    truth = np.array([warm.index(label) for label in report_labels.tolist()])
    # The held-out estimate written into the model's metadata: a second stage fitted on two parts of the reports,
    # scored on the third.
    fit_rows, held_rows = parts[0]
    check = fit_logit(out_of_fold[fit_rows], truth[fit_rows], len(warm), stack.stack_c)
    holdout = _holdout(check.probabilities(out_of_fold[held_rows]), truth[held_rows])
    second = fit_logit(out_of_fold, truth, len(warm), stack.stack_c)
    coef, intercept = second.coef, second.intercept

    progress(f"stacking: first stage on all {n_reports} reports + {len(seed_rows)} seeds")
    models = first_stage(None)
    n_classes = len(classes)
    weights = np.zeros((models[0].weights.shape[0], n_classes))
    biases = np.zeros(n_classes)
    warm_columns = [classes.index(label) for label in warm]
    for position, model in enumerate(models):
        block = coef[:, position * n_classes : (position + 1) * n_classes]
        weights[:, warm_columns] += model.weights @ block.T
        biases[warm_columns] += model.biases @ block.T
    biases[warm_columns] += intercept

    prior: Linear | None = None
    prior_temperature = 1.0
    if cold:
        # The simple model: the two SVMs' scores summed, softmax temperature fitted on the out-of-fold scores.
        simple = out_of_fold[:, :n_classes] + out_of_fold[:, n_classes : 2 * n_classes]
        prior_temperature = fit_temperature(simple, np.array([classes.index(label) for label in report_labels]))
        prior = Linear(
            weights=((models[0].weights + models[1].weights) / prior_temperature).astype(np.float32),
            biases=((models[0].biases + models[1].biases) / prior_temperature).astype(np.float32),
        )
        weights[:, cold] = prior.weights[:, cold]
        biases[cold] = prior.biases[cold]
    return StackedFit(
        weights=weights.astype(np.float32),
        biases=biases.astype(np.float32),
        cold_columns=tuple(cold),
        prior=prior,
        prior_temperature=prior_temperature,
        holdout=holdout,
        first_stage=tuple(models),
        second_stage=second,
    )
