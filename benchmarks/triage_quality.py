"""Triage quality: the Katwijk time split (ours beside the Signalen method, same run), the team suggestion, the
complaint tweets (10-fold cross-validation), the urgency sets we wrote, and language detection.

The Katwijk and tweet numbers come from ``openbuurt triage evaluate`` itself (run as a subprocess, exactly as a
user runs it), so the page shows what the command prints. Without the shared data those parts are skipped with a
note. The confusion matrix of the Katwijk split is saved to ``docs/img/triage_confusion_katwijk.png``.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.context import BenchContext
from benchmarks.triage_speed import KATWIJK, SHARED, django_ready

TWEETS = SHARED / "complaints_tweets_en" / "complaints-data.csv"
PLOT = Path("docs") / "img" / "triage_confusion_katwijk.png"
# Katwijk's "region" is set from the category (municipality-wide categories all carry "Katwijk"), so it would leak
# the label: the evaluation uses time, channel and place, never region.
KATWIJK_FEATURES = "created,source,lat,lon"


def _evaluate(context: BenchContext, *args: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "openbuurt.manage", "triage", "evaluate", *args]
    context.progress("triage quality: " + " ".join(args[:4]) + " …")
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    result = subprocess.run(
        command, cwd=context.repo_root, env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"openbuurt triage evaluate failed: {result.stderr[-2000:]}")
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def _row(name: str, result: dict[str, Any]) -> str:
    return (
        f"| {name} | {result['accuracy']:.3f} | {result['macro_f1']:.3f} | {result['top3_accuracy']:.3f} | "
        f"{result['expected_calibration_error']:.3f} | {result['training_seconds']:.0f} s |"
    )


def _katwijk(context: BenchContext) -> str:
    if not KATWIJK.is_file():
        return f"_Katwijk split skipped: the data is not at `{KATWIJK}`._\n"
    common = ["--data", str(KATWIJK), "--split-date", "2025-01-01", "--feature-columns", KATWIJK_FEATURES]
    ours = _evaluate(context, *common, "--baseline", "signalen", "--plot", str(context.repo_root / PLOT))
    data_only = _evaluate(context, *common, "--no-seeds")
    single = _evaluate(context, *common, "--algorithm", "svm")
    team = _evaluate(context, *common, "--label-column", "team")
    baseline = ours["baseline"]
    gain = ours["macro_f1"] - baseline["macro_f1"]
    weakest = sorted(ours["per_class"].items(), key=lambda item: item[1]["f1"])[:3]
    weakest_text = ", ".join(f"{label} (F1 {scores['f1']:.2f})" for label, scores in weakest)
    frost = ours["per_class"].get("Gladheidsbestrijding", {"support": 0, "f1": 0.0})
    return f"""### Katwijk, time split

`openbuurt triage evaluate --data katwijk_meldingen_train.csv --split-date 2025-01-01 --feature-columns
{KATWIJK_FEATURES} --baseline signalen`: train on reports of 11 June – 31 December 2024 ({ours["n_train"]:,}), test on
1 January – 28 February 2025 ({ours["n_test"]:,}), 15 categories. All methods in this run, same split.

| method | accuracy | macro-F1 | top-3 accuracy | calibration error (ECE) | training |
|---|---:|---:|---:|---:|---:|
{_row("Signalen method (stemmed BoW, TF-IDF, L1 logistic regression, grid search)", baseline)}
{_row("OpenBuurt, one SVM (`--algorithm svm`, the pipeline before stacking; with seeds)", single)}
{_row("OpenBuurt, data only (no taxonomy seeds)", data_only)}
{_row(f"OpenBuurt (+{ours['seed_examples']:,} taxonomy seed texts)", ours)}

Macro-F1 gain over the Signalen method: **{gain:+.3f}** (aim: +0.06, {"met" if gain >= 0.06 else "NOT met"}). Top-3
accuracy: **{ours["top3_accuracy"]:.3f}** (aim: 0.95, {"met" if ours["top3_accuracy"] >= 0.95 else "not met"}).
The category "Gladheidsbestrijding" has no training example before January (its {frost["support"]} test
reports are from the frost of 2025): the data-only pipeline and the Signalen method cannot predict it; the
taxonomy seeds give it F1 {frost["f1"]:.2f}. Weakest categories: {weakest_text}.
Signalen's best grid point: `{baseline["best_params"]}`.

![Confusion matrix of the Katwijk time split]({PLOT.relative_to("docs")})

Team suggestion on the same split (`--label-column team`, {len(team["per_class"])} teams): accuracy
{team["accuracy"]:.3f}, macro-F1 {team["macro_f1"]:.3f}, top-3 accuracy {team["top3_accuracy"]:.3f}.
"""


def _tweets(context: BenchContext) -> str:
    if not TWEETS.is_file():
        return f"_Complaint tweets skipped: the data is not at `{TWEETS}`._\n"
    result = _evaluate(
        context,
        "--cv",
        "10",
        "--data",
        str(TWEETS),
        "--no-header",
        "--columns",
        "tweet_id,text,label,domain",
        "--label-column",
        "label",
    )
    return f"""### Complaint tweets, 10-fold cross-validation

`openbuurt triage evaluate --cv 10 --data complaints-data.csv --no-header --columns tweet_id,text,label,domain
--label-column label`: the same pipeline on {result["n"]:,} English tweets, complaint or not (text only: the
`domain` column is not a feature). Macro-F1 over the pooled out-of-fold predictions **{result["macro_f1"]:.3f}**
(fold mean {result["macro_f1_fold_mean"]:.3f} ± {result["macro_f1_fold_std"]:.3f}), accuracy {result["accuracy"]:.3f}.
Aim ≥ 0.80 ({"met" if result["macro_f1"] >= 0.80 else "NOT met"}); published: 0.79 (Preoţiuc-Pietro et al. 2019),
0.87–0.88 with transformers (Jin & Aletras 2020, 2021).
"""


def _urgency() -> str:
    from openbuurt.triage.constants import Priority
    from openbuurt.triage.urgency import assess_urgency

    data = Path(__file__).resolve().parent.parent / "src" / "openbuurt" / "triage" / "data"
    lines = [
        "### Urgency rules",
        "",
        "Precision and recall of `assess_urgency` on the sets we wrote (`src/openbuurt/triage/data/`).",
        "",
        "| set | texts | emergency precision | emergency recall | urgent precision | urgent recall |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, role in (
        ("urgency_examples.csv", "development"),
        ("urgency_holdout.csv", "first hold-out, since used to widen the rules"),
        ("urgency_blind.csv", "blind: written after the rules, never used to change them"),
    ):
        with (data / name).open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        predicted = []
        for row in rows:
            verdict = assess_urgency(row["text"])
            predicted.append(
                "emergency" if verdict.is_emergency else "normal" if verdict.priority == Priority.NORMAL else "urgent"
            )
        cells = []
        for label in ("emergency", "urgent"):
            hits = sum(p == label == row["label"] for p, row in zip(predicted, rows, strict=True))
            flagged = sum(p == label for p in predicted)
            actual = sum(row["label"] == label for row in rows)
            cells += [f"{hits / flagged:.2f}" if flagged else "–", f"{hits / actual:.2f}"]
        lines.append(f"| {name} ({role}) | {len(rows)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _language() -> str:
    from openbuurt.triage.learning.language import detect_language

    parts = []
    if KATWIJK.is_file():
        with KATWIJK.open(encoding="utf-8") as handle:
            texts = [row["text"] for row in csv.DictReader(handle)]
        dutch = sum(detect_language(text) == "nl" for text in texts) / len(texts)
        parts.append(f"{dutch:.2%} of the {len(texts):,} Katwijk reports as Dutch (most of the rest are English)")
    if TWEETS.is_file():
        with TWEETS.open(encoding="utf-8", newline="") as handle:
            tweets = [row[1] for row in csv.reader(handle)]
        english = sum(detect_language(text) == "en" for text in tweets) / len(tweets)
        parts.append(f"{english:.2%} of the {len(tweets):,} tweets as English")
    if not parts:
        return ""
    return "### Language detection\n\nDetected " + "; ".join(parts) + ".\n"


def run(context: BenchContext) -> str:
    django_ready(context)
    return "\n".join(["## Triage quality\n", _katwijk(context), _tweets(context), _urgency(), _language()])
