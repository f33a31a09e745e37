"""Triage speed: predictions per second on short texts (batched and one by one) and training time on 20,000 reports.

Beside the Signalen method in the same run (its pipeline with the fixed parameters of its "fast" grid, fitted on
the same data). Short texts: the report texts we wrote ourselves (police and urgency examples, mean length about
45 characters), so the section runs without the shared data; when the Katwijk reports are present, the training
set is Katwijk topped up to 20,000 rows, otherwise synthetic reports. One process, one thread.
"""

from __future__ import annotations

import csv
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.context import BenchContext

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
    """Best throughput (items per second) over ``rounds`` runs of ``function`` handling ``count`` items."""
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - started)
    return count / best


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
    from openbuurt.triage.classifiers.base import ReportFeatures
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
    context.progress(f"triage speed: {len(batch)} short texts, mean {mean_length:.0f} characters")

    ours_batch = _rate(lambda: model.top_k(batch, 3), len(batch), rounds)
    single = batch[:500]
    ours_single = _rate(lambda: [model.top_k([f], 3) for f in single], len(single), rounds)
    language = _rate(lambda: [detect_language(f.text) for f in single], len(single), rounds)

    examples, origin = _training_examples(context)
    context.progress(f"triage speed: training on {len(examples):,} reports ({origin})")
    started = time.perf_counter()
    TriageModel.train(examples, progress=context.progress)
    ours_training = time.perf_counter() - started

    context.progress("triage speed: the Signalen pipeline (fast grid) on the same reports")
    baseline = SignalenBaseline(cv=2)
    started = time.perf_counter()
    baseline.fit(examples, FAST_GRID)
    baseline_training = time.perf_counter() - started
    plain = [f.text for f in batch]
    baseline_batch = _rate(lambda: baseline.predict_proba(plain), len(plain), rounds)
    baseline_single = _rate(lambda: [baseline.predict_proba([t]) for t in plain[:500]], 500, rounds)

    return f"""## Triage speed

Short report texts ({len(texts)} texts written by us, mean {mean_length:.0f} characters); the shipped default model
(`{bundle.version}`, {len(model.classes)} categories). "Batch" classifies all texts in one call (top-3 with calibrated
probabilities); "one by one" calls the model once per text, as the web form does. Training: {origin}; ours includes
the calibration fit on 80 % of the data. The Signalen method runs in the same process on the same texts, with the
parameters of its fast grid (no grid search), so the comparison is of the pipelines, not of tuning.

| | OpenBuurt | Signalen method |
|---|---:|---:|
| predictions/s, batch | {ours_batch:,.0f} | {baseline_batch:,.0f} |
| predictions/s, one by one | {ours_single:,.0f} | {baseline_single:,.0f} |
| language detections/s (nl/en) | {language:,.0f} | — |
| training on {len(examples):,} reports | {ours_training:.1f} s | {baseline_training:.1f} s |

Targets: at least 5,000 predictions per second on one core for short texts
(batch: {"met" if ours_batch >= 5000 else "NOT met"}; one by one: {"met" if ours_single >= 5000 else "not met"}),
training on 20,000 reports in under a minute ({"met" if ours_training < 60 else "NOT met"}).
"""
