"""Building the default model shipped in the package, reproducibly.

Training data: the Katwijk reports (labels mapped onto the default taxonomy by ``KATWIJK_CATEGORY_TO_SLUG``), the
police examples we wrote (``triage/data/police_examples.csv``) and the default taxonomy's own texts as seeds.
Features: the text only — Katwijk's channels, places and areas mean nothing on another site, and leaving them out
keeps every trace of where Katwijk's residents live out of the package. All text features are hashed, so the
files hold no readable text of the reports; a test checks that.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import CsvLayout, DataError, LabelledExample, read_csv
from openbuurt.triage.learning.features import FeatureSpec
from openbuurt.triage.learning.modelfile import DEFAULT_MODEL_DIR, ModelBundle, save_bundle
from openbuurt.triage.learning.pipeline import Progress, TrainingSettings, _quiet
from openbuurt.triage.learning.seeds import category_texts_from_taxonomy
from openbuurt.triage.learning.training import TrainingPlan, map_labels, train_bundle

POLICE_EXAMPLES = Path(__file__).resolve().parent.parent / "data" / "police_examples.csv"
DEFAULT_SPEC = FeatureSpec(use_time=False, use_source=False, use_location=False, use_area=False)
MAX_BYTES = 20 * 1024 * 1024


def police_examples() -> list[LabelledExample]:
    """Return the police examples written by us (labels are police category slugs)."""
    examples = read_csv(POLICE_EXAMPLES, CsvLayout(label_column="category", feature_columns=()))
    return [LabelledExample(features=ReportFeatures(text=e.features.text), label=e.label) for e in examples]


def build_default_model(katwijk_csv: Path, *, output: Path | None = None, progress: Progress = _quiet) -> Path:
    """Train the default model and write it to ``output`` (default: the package's ``default_model`` folder)."""
    from openbuurt.triage.default_taxonomy import KATWIJK_CATEGORY_TO_SLUG

    katwijk = read_csv(katwijk_csv, CsvLayout(feature_columns=("created",)))
    progress(f"read {len(katwijk)} Katwijk reports")
    examples = [
        LabelledExample(features=ReportFeatures(text=e.features.text), label=e.label)
        for e in map_labels(katwijk, KATWIJK_CATEGORY_TO_SLUG)
    ]
    latest = max((e.features.created_at for e in katwijk if e.features.created_at is not None), default=None)
    examples.extend(police_examples())
    plan = TrainingPlan(
        examples=examples,
        categories=category_texts_from_taxonomy(),
        spec=DEFAULT_SPEC,
        settings=TrainingSettings(),
        train_team=False,
        origin="default: Katwijk reports (Fixi, 2024-06..2025-02), police examples written by us, taxonomy texts",
    )
    bundle = train_bundle(plan, progress=progress, now=latest)
    # The version names the training data and how it was fitted: a new pipeline on the same data is a new version.
    recipe = json.dumps(
        {"data": bundle.metadata["data_sha256"], "spec": DEFAULT_SPEC.to_json(), "training": plan.settings.to_json()},
        sort_keys=True,
    )
    bundle = ModelBundle(
        category=bundle.category,
        metadata={**bundle.metadata, "version": "default-" + hashlib.sha256(recipe.encode()).hexdigest()[:12]},
    )
    target = output or DEFAULT_MODEL_DIR
    staging = target.with_name(target.name + ".new")
    if staging.exists():
        shutil.rmtree(staging)
    save_bundle(bundle, staging)
    size = sum(path.stat().st_size for path in staging.iterdir())
    if size > MAX_BYTES:
        shutil.rmtree(staging)
        raise DataError(f"the default model would take {size / 1e6:.1f} MB; the limit is {MAX_BYTES / 1e6:.0f} MB")
    if target.exists():
        shutil.rmtree(target)
    staging.rename(target)
    progress(f"default model {bundle.version}: {size / 1e6:.2f} MB in {target}")
    return target
