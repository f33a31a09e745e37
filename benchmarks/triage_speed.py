"""Triage speed: predictions per second on short texts (batched and one by one) and training time on 20,000 reports.

Beside the Signalen method in the same run (its pipeline with the fixed parameters of its "fast" grid, fitted on
the same data). Short texts: the report texts we wrote ourselves (police and urgency examples, mean length about
45 characters), so the section runs without the shared data; when the Katwijk reports are present, the training
set is Katwijk topped up to 20,000 rows, otherwise synthetic reports. One process, one thread, pinned to one core.

"One by one" is measured the way production calls it: ``TriageModel.top_k_one`` (the model alone) and the whole
``learned`` classifier plugin (``LearnedClassifier.classify(features, explain=False)``: model, police rules, active
categories, language), beside the scikit-learn batch path called with a batch of one (how one by one worked
before the single-report path). Rates are per CPU second of this process (best of several rounds), because the
machine is shared: time spent waiting for the core while other work runs is not ours. The rounds repeat the same
texts, so after the first one the encoder's memo of hashed words (``features.HASH_MEMO``) knows every word, as a
running server knows most words of its reports; the plugin is also measured with the memo emptied before every
round, which is the other extreme.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from benchmarks.context import BenchContext

if TYPE_CHECKING:
    # Imported for real inside the functions: Django must be set up first.
    from openbuurt.triage.classifiers.base import ReportFeatures
    from openbuurt.triage.classifiers.learned import LearnedClassifier
    from openbuurt.triage.learning.pipeline import TriageModel

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
KATWIJK = SHARED / "katwijk_meldingen" / "katwijk_meldingen_train.csv"
TRAINING_ROWS = 20_000


def django_ready(context: BenchContext) -> None:
    """Configure Django for in-process measurements (a throw-away data folder, test-only secret)."""
    os.environ.setdefault("OPENBUURT_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghij")
    os.environ.setdefault("OPENBUURT_DATA_DIR", str(context.work_dir / "triage-data"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openbuurt.settings")
    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(variable, "1")
    import django

    django.setup()


def _rate(function: Callable[[], Any], count: int, rounds: int) -> float:
    """Best throughput (items per CPU second) over ``rounds`` runs of ``function`` handling ``count`` items."""
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        function()
        best = min(best, time.process_time() - started)
    return count / best


def _rates_in_turn(measurements: dict[str, tuple[Callable[[], Any], int]], rounds: int) -> dict[str, float]:
    """Best throughput of each (function, item count) over ``rounds`` rounds, the measurements taking turns.

    Taking turns spreads a burst of other work on the shared machine over all of them, so their ratios hold.
    """
    rates = dict.fromkeys(measurements, 0.0)
    for _ in range(rounds):
        for name, (function, count) in measurements.items():
            rates[name] = max(rates[name], _rate(function, count, 1))
    return rates


@contextmanager
def _one_core() -> Iterator[str]:
    """Run the block on one core (the lowest this process may use); yield a description of the pinning."""
    if not hasattr(os, "sched_setaffinity"):
        yield "not pinned (this platform cannot pin a process to a core)"
        return
    allowed = os.sched_getaffinity(0)
    core = min(allowed)
    os.sched_setaffinity(0, {core})
    try:
        yield f"pinned to core {core} of {len(allowed)}"
    finally:
        # The sections after this one get back every core they had.
        os.sched_setaffinity(0, allowed)


@contextmanager
def _learned_classifier(context: BenchContext, version: str) -> Iterator[LearnedClassifier]:
    """Yield the ``learned`` plugin with the shipped default model, on a throw-away in-memory database.

    The plugin reads the active categories from the database, so the taxonomy is migrated into a test database
    (the configured one is never touched), and the site-model folder points at an empty one so that the default
    model measured above is the one the plugin uses.
    """
    from django.test import override_settings
    from django.test.utils import setup_databases, teardown_databases

    from openbuurt.triage.classifiers.learned import LearnedClassifier
    from openbuurt.triage.selectors import reset_classifier_cache

    databases = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(OPENBUURT_MODELS_DIR=str(context.work_dir / "no-site-models")):
            reset_classifier_cache()
            classifier = LearnedClassifier()
            assert classifier.version == version, f"the plugin uses {classifier.version}, not {version}"
            yield classifier
    finally:
        reset_classifier_cache()
        teardown_databases(databases, verbosity=0)


def _top_k_through_scikit_learn(model: TriageModel, features: ReportFeatures) -> list[tuple[str, float]]:
    """Return ``model.top_k([features], 3)[0]`` as it was computed before the single-report path (the baseline)."""
    import numpy as np

    from openbuurt.triage.learning.pipeline import softmax

    probabilities = softmax(model.scores([features]), model.temperature)[0]
    order = np.argsort(-probabilities, kind="stable")[:3]
    return [(model.classes[index], float(probabilities[index])) for index in order]


def _short_texts() -> list[str]:
    data = Path(__file__).resolve().parent.parent / "src" / "openbuurt" / "triage" / "data"
    texts: list[str] = []
    for name in ("police_examples.csv", "urgency_examples.csv", "urgency_holdout.csv", "urgency_blind.csv"):
        with (data / name).open(encoding="utf-8") as handle:
            texts.extend(row["text"] for row in csv.DictReader(handle))
    return texts


def _training_examples(context: BenchContext) -> tuple[list[Any], str]:
    from openbuurt.triage.learning.data import CsvLayout, LabelledExample, read_csv
    from openbuurt.triage.tests.samples import synthetic_examples

    generator = random.Random(1)
    if KATWIJK.is_file():
        base = read_csv(KATWIJK, CsvLayout(feature_columns=("created", "source", "lat", "lon")))
        origin = f"the {len(base):,} Katwijk reports, topped up to {TRAINING_ROWS:,} by drawing rows again"
    else:
        base = synthetic_examples(200)
        origin = f"synthetic reports (the Katwijk data is not at {KATWIJK})"
    rows: list[LabelledExample] = list(base)
    while len(rows) < TRAINING_ROWS:
        rows.append(generator.choice(base))
    return rows[:TRAINING_ROWS], origin


def run(context: BenchContext) -> str:
    django_ready(context)
    with _one_core() as pinning:
        return _measure(context, pinning)


def _measure(context: BenchContext, pinning: str) -> str:
    from openbuurt.triage.classifiers.base import ReportFeatures
    from openbuurt.triage.learning.features import HASH_MEMO
    from openbuurt.triage.learning.language import detect_language
    from openbuurt.triage.learning.modelfile import load_default
    from openbuurt.triage.learning.pipeline import TriageModel
    from openbuurt.triage.learning.signalen_baseline import FAST_GRID, SignalenBaseline

    rounds = 2 if context.quick else 5
    bundle = load_default()
    if bundle is None:
        return "## Triage speed\n\n_The default model is missing: run `openbuurt triage build-default-model`._\n"
    model = bundle.category
    texts = _short_texts()
    mean_length = statistics.mean(len(text) for text in texts)
    batch = [ReportFeatures(text=text) for text in texts] * (1 if context.quick else 4)
    context.progress(f"triage speed: {len(batch)} short texts, mean {mean_length:.0f} characters, {pinning}")

    ours_batch = _rate(lambda: model.top_k(batch, 3), len(batch), rounds)
    single = batch[:500]
    single_rounds = 3 if context.quick else 15
    with _learned_classifier(context, bundle.version) as classifier:

        def plugin_without_memo() -> None:
            HASH_MEMO.clear()
            for features in single:
                classifier.classify(features, explain=False)

        one_by_one = _rates_in_turn(
            {
                "model": (lambda: [model.top_k_one(f, 3) for f in single], len(single)),
                "plugin": (lambda: [classifier.classify(f, explain=False) for f in single], len(single)),
                "plugin_cold": (plugin_without_memo, len(single)),
                "before": (lambda: [_top_k_through_scikit_learn(model, f) for f in single], len(single)),
                "language": (lambda: [detect_language(f.text) for f in single], len(single)),
            },
            single_rounds,
        )
    ours_single, plugin_single, before_single = one_by_one["model"], one_by_one["plugin"], one_by_one["before"]
    plugin_cold = one_by_one["plugin_cold"]
    language = one_by_one["language"]

    examples, origin = _training_examples(context)
    context.progress(f"triage speed: training on {len(examples):,} reports ({origin})")
    started = time.process_time()
    TriageModel.train(examples, progress=context.progress)
    ours_training = time.process_time() - started

    context.progress("triage speed: the Signalen pipeline (fast grid) on the same reports")
    baseline = SignalenBaseline(cv=2)
    started = time.process_time()
    baseline.fit(examples, FAST_GRID)
    baseline_training = time.process_time() - started
    plain = [f.text for f in batch]
    baseline_batch = _rate(lambda: baseline.predict_proba(plain), len(plain), rounds)
    baseline_single = _rate(lambda: [baseline.predict_proba([t]) for t in plain[:500]], 500, rounds)

    def verdict(rate: float) -> str:
        return "met" if rate >= 5000 else "NOT met"

    return f"""## Triage speed

Short report texts ({len(texts)} texts written by us, mean {mean_length:.0f} characters); the shipped default model
(`{bundle.version}`, {len(model.classes)} categories). "Batch" classifies all texts in one call (top-3 with calibrated
probabilities); "one by one" calls once per text, as the web form and intake do: the model alone
(`TriageModel.top_k_one`, a pure Python/NumPy encoding of the one text and a gather of its weight rows, which gives
the batch path's features and scores) and the whole `learned` classifier plugin
(`LearnedClassifier.classify(explain=False)`: the model plus police rules, active categories and language
detection). The rounds repeat the same texts, so the encoder's memo of hashed words knows them all after the first
round, as a running server knows most words of its reports; "memo emptied" clears it before every round of
{len(single)} texts (the words repeated within the round still hit). The row "scikit-learn path, batch of one" is how
one by one was done before, measured in this run as the baseline. One process, one thread, {pinning}; predictions
per CPU second of this process, best of {rounds} rounds (one by one: {single_rounds} rounds, the five one-by-one
measurements taking turns). Training: {origin}; ours is the stacked pipeline (its first stage fitted on two
thirds of the data three times and on all of it once, then the logistic regression twice; CPU time, one thread).
The Signalen method runs in the same process on the same texts, with the parameters of its fast grid (no grid
search), so the comparison is of the pipelines, not of tuning.

| | OpenBuurt | Signalen method |
|---|---:|---:|
| predictions/s, batch | {ours_batch:,.0f} | {baseline_batch:,.0f} |
| predictions/s, one by one: model (`top_k_one`) | {ours_single:,.0f} | {baseline_single:,.0f} |
| predictions/s, one by one: `learned` plugin (`classify`) | {plugin_single:,.0f} | — |
| predictions/s, one by one: `learned` plugin, memo emptied every round | {plugin_cold:,.0f} | — |
| predictions/s, one by one: scikit-learn path, batch of one (before) | {before_single:,.0f} | — |
| language detections/s (nl/en) | {language:,.0f} | — |
| training on {len(examples):,} reports | {ours_training:.1f} s | {baseline_training:.1f} s |

Targets: at least 5,000 predictions per second on one core for short texts (batch: {verdict(ours_batch)};
one by one, model: {verdict(ours_single)}; one by one, whole plugin: {verdict(plugin_single)}), training on 20,000
reports in under a minute ({"met" if ours_training < 60 else "NOT met"}).
"""
