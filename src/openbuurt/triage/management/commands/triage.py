"""``openbuurt triage``: train, evaluate, list, activate and roll back category models; rebuild the default model."""

from __future__ import annotations

import json
import sys
from argparse import ArgumentParser
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from openbuurt.triage.learning.data import (
    FEATURE_COLUMNS,
    CsvLayout,
    DataError,
    LabelledExample,
    read_csv,
    split_by_date,
)
from openbuurt.triage.learning.features import FeatureSpec
from openbuurt.triage.learning.modelfile import ModelFileError
from openbuurt.triage.learning.pipeline import ALGORITHMS, TrainingSettings
from openbuurt.triage.learning.signalen_baseline import BaselineUnavailableError

DEFAULT_KATWIJK_CSV = Path("../shared/data/katwijk_meldingen/katwijk_meldingen_train.csv")


def _add_layout(parser: ArgumentParser) -> None:
    parser.add_argument("--text-column", default="text", help="column with the report text (default: text)")
    parser.add_argument("--label-column", default="category", help="column with the label (default: category)")
    parser.add_argument("--no-header", action="store_true", help="the CSV has no header row (then give --columns)")
    parser.add_argument("--columns", default="", help="comma-separated column names for a CSV without header")
    parser.add_argument(
        "--feature-columns",
        default=",".join(FEATURE_COLUMNS),
        help="extra columns used as features when present (default: %(default)s; 'none' for text only)",
    )


def _add_pipeline(parser: ArgumentParser) -> None:
    parser.add_argument(
        "--algorithm",
        choices=ALGORITHMS,
        default=TrainingSettings().algorithm,
        help="stack (two SVMs and naive Bayes under a logistic regression) or one linear model (default: %(default)s)",
    )
    parser.add_argument("--c", type=float, default=TrainingSettings().c, help="regularisation strength C")
    parser.add_argument("--no-seeds", action="store_true", help="do not add the taxonomy texts as seed examples")


def _layout(options: dict[str, Any], *, team_column: str = "") -> CsvLayout:
    features = options["feature_columns"]
    columns = tuple(c.strip() for c in options["columns"].split(",") if c.strip())
    return CsvLayout(
        text_column=options["text_column"],
        label_column=options["label_column"],
        team_column=team_column,
        no_header=options["no_header"],
        columns=columns,
        feature_columns=() if features.strip().lower() == "none" else tuple(c.strip() for c in features.split(",")),
    )


def _settings(options: dict[str, Any]) -> TrainingSettings:
    if options["c"] <= 0:
        raise CommandError("--c must be positive")
    return TrainingSettings(algorithm=options["algorithm"], c=options["c"])


def _seeds(labels: set[str], enabled: bool) -> list[LabelledExample]:
    """Taxonomy seed examples when the labels are Katwijk category names or slugs of the default taxonomy.

    Katwijk names: the label universe is all fifteen Katwijk categories (a category without training examples
    still gets its seeds). Slugs: as in production training. Other labels (teams, tweets): no seeds.
    """
    if not enabled:
        return []
    from openbuurt.triage.default_taxonomy import KATWIJK_CATEGORY_TO_SLUG
    from openbuurt.triage.learning.seeds import category_texts_from_taxonomy, labels_for_seeding, seed_examples

    categories = category_texts_from_taxonomy()
    if labels & set(KATWIJK_CATEGORY_TO_SLUG):
        return seed_examples(categories, {slug: name for name, slug in KATWIJK_CATEGORY_TO_SLUG.items()})
    if labels & {category.slug for category in categories}:
        return seed_examples(categories, labels_for_seeding(categories, labels))
    return []


class Command(BaseCommand):
    help = "Train, evaluate and manage the triage (category) models."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

        evaluate = actions.add_parser("evaluate", help="train on one set, test on another; print one JSON object")
        evaluate.add_argument("--train", type=Path, help="CSV to train on")
        evaluate.add_argument("--test", type=Path, help="CSV to test on")
        evaluate.add_argument("--data", type=Path, help="one CSV, with --split-date or --cv")
        evaluate.add_argument("--split-date", type=date.fromisoformat, help="train before this date, test from it")
        evaluate.add_argument("--cv", type=int, default=0, help="k-fold cross-validation on --data")
        evaluate.add_argument("--plot", type=Path, help="write the confusion matrix as a PNG")
        evaluate.add_argument("--baseline", choices=["signalen"], help="also evaluate Signalen's method")
        _add_layout(evaluate)
        _add_pipeline(evaluate)

        train = actions.add_parser("train", help="train a new model version from labelled reports")
        train.add_argument("--csv", type=Path, action="append", default=[], help="CSV with labelled reports")
        train.add_argument("--source", action="append", default=[], help="registered training data source")
        train.add_argument(
            "--team-column", default="team", help="column with the handling team, used when present (default: team)"
        )
        train.add_argument("--label-map", choices=["none", "katwijk"], default="none", help="translate labels")
        train.add_argument("--activate", action="store_true", help="make the new version the active model")
        _add_layout(train)
        _add_pipeline(train)

        actions.add_parser("list", help="list the stored model versions")
        activate = actions.add_parser("activate", help="make a stored version the active model")
        activate.add_argument("version")
        actions.add_parser("rollback", help="undo the last activation")

        build = actions.add_parser("build-default-model", help="rebuild the default model shipped in the package")
        build.add_argument("--katwijk", type=Path, default=DEFAULT_KATWIJK_CSV, help="katwijk_meldingen_train.csv")
        build.add_argument("--output", type=Path, help="folder to write (default: the package's default_model)")

    def _progress(self, message: str) -> None:
        print(f"[triage] {message}", file=sys.stderr, flush=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "evaluate":
                self._evaluate(options)
            elif action == "train":
                self._train(options)
            elif action == "list":
                self._list()
            elif action == "activate":
                self._activate(options["version"])
            elif action == "rollback":
                self._rollback()
            elif action == "build-default-model":
                self._build_default(options)
        except (DataError, ModelFileError, BaselineUnavailableError) as error:
            raise CommandError(str(error)) from None

    def _evaluate(self, options: dict[str, Any]) -> None:
        from openbuurt.triage.learning.evaluation import cross_validate, evaluate_split, plot_confusion

        layout = _layout(options)
        spec, settings = FeatureSpec(), _settings(options)
        if options["cv"]:
            if options["data"] is None or options["train"] or options["test"] or options["split_date"]:
                raise CommandError("--cv needs --data (and no --train, --test or --split-date)")
            if options["baseline"]:
                raise CommandError("--baseline works with a train/test split, not with --cv")
            examples = self._read(options["data"], layout)
            seeds = _seeds({e.label for e in examples}, not options["no_seeds"])
            result: dict[str, Any] = {"task": "cross-validation", "label_column": layout.label_column}
            result |= cross_validate(
                examples, folds=options["cv"], seeds=seeds, spec=spec, settings=settings, progress=self._progress
            )
        else:
            train, test = self._split(options, layout)
            seeds = _seeds({e.label for e in train}, not options["no_seeds"])
            result = {"task": "split", "label_column": layout.label_column}
            result |= evaluate_split(
                train,
                test,
                seeds=seeds,
                spec=spec,
                settings=settings,
                baseline=options["baseline"] == "signalen",
                progress=self._progress,
            )
        if options["plot"]:
            title = f"{layout.label_column}: macro-F1 {result['macro_f1']:.3f}, accuracy {result['accuracy']:.3f}"
            plot_confusion(result["confusion"], options["plot"], title=title)
            self._progress(f"confusion matrix written to {options['plot']}")
        self.stdout.write(json.dumps(result, ensure_ascii=False))

    def _read(self, path: Path, layout: CsvLayout) -> list[LabelledExample]:
        examples = read_csv(path, layout)
        self._progress(f"read {len(examples)} labelled rows from {path}")
        if not examples:
            raise DataError(f"{path}: no rows with both a text and a label")
        return examples

    def _split(
        self, options: dict[str, Any], layout: CsvLayout
    ) -> tuple[Sequence[LabelledExample], Sequence[LabelledExample]]:
        if options["data"] is not None:
            if options["train"] or options["test"]:
                raise CommandError("give either --data or --train with --test")
            if options["split_date"] is None:
                raise CommandError("--data needs --split-date (or --cv)")
            return split_by_date(self._read(options["data"], layout), options["split_date"])
        if options["train"] is None or options["test"] is None:
            raise CommandError("give --train and --test, or --data with --split-date or --cv")
        if options["split_date"] is not None:
            raise CommandError("--split-date works with --data only")
        return self._read(options["train"], layout), self._read(options["test"], layout)

    def _train(self, options: dict[str, Any]) -> None:
        from openbuurt.triage.learning.seeds import category_texts_from_database
        from openbuurt.triage.learning.training import TrainingPlan, check_labels, map_labels, train_bundle
        from openbuurt.triage.models import Category

        if not options["csv"] and not options["source"]:
            raise CommandError("give at least one --csv FILE or --source NAME")
        examples = self._training_examples(options)
        if options["label_map"] == "katwijk":
            from openbuurt.triage.default_taxonomy import KATWIJK_CATEGORY_TO_SLUG

            examples = map_labels(examples, KATWIJK_CATEGORY_TO_SLUG)
        check_labels(examples, Category.objects.filter(is_active=True).values_list("slug", flat=True))
        categories = [] if options["no_seeds"] else category_texts_from_database()
        plan = TrainingPlan(examples=examples, categories=categories, settings=_settings(options), origin="site")
        bundle = train_bundle(plan, progress=self._progress)
        self._store_and_report(bundle, activate=options["activate"])

    def _training_examples(self, options: dict[str, Any]) -> list[LabelledExample]:
        from openbuurt.triage.learning.training import training_sources

        examples: list[LabelledExample] = []
        for path in options["csv"]:
            examples.extend(self._read(path, _layout(options, team_column=options["team_column"])))
        for name in options["source"]:
            try:
                provider = training_sources[name]
            except LookupError as error:
                raise CommandError(str(error)) from None
            supplied = list(provider())
            self._progress(f"{len(supplied)} labelled reports from source {name!r}")
            examples.extend(supplied)
        return examples

    def _store_and_report(self, bundle: Any, *, activate: bool) -> None:
        from openbuurt.triage.learning.active import model_store
        from openbuurt.triage.selectors import reset_classifier_cache

        store = model_store()
        path = store.add(bundle)
        self._progress(f"stored model {bundle.version} in {path}")
        if activate:
            store.activate(bundle.version, reason="train --activate")
            reset_classifier_cache()
            self._progress(f"activated {bundle.version}")
        self.stdout.write(json.dumps({"version": bundle.version, "active": activate, **bundle.metadata["metrics"]}))

    def _list(self) -> None:
        from openbuurt.triage.learning.active import model_store
        from openbuurt.triage.learning.modelfile import read_metadata

        store = model_store()
        active = store.active_version()
        rows = []
        for version in store.versions():
            metadata = read_metadata(store.path(version))
            holdout = metadata.get("metrics", {}).get("category_holdout", {})
            rows.append(
                {
                    "version": version,
                    "active": version == active,
                    "created": metadata.get("created"),
                    "n_examples": metadata.get("n_examples"),
                    "macro_f1": holdout.get("macro_f1"),
                    "top3_accuracy": holdout.get("top3_accuracy"),
                    "team_model": "team" in metadata,
                }
            )
        self.stdout.write(json.dumps({"active": active or "default", "versions": rows}, indent=2))

    def _activate(self, version: str) -> None:
        from openbuurt.triage.learning.active import model_store
        from openbuurt.triage.selectors import reset_classifier_cache

        store = model_store()
        if version not in store.versions():
            raise CommandError(f"no stored model version {version!r} (see: openbuurt triage list)")
        store.activate(version, reason="activate")
        reset_classifier_cache()
        self.stdout.write(f"active model: {version}")

    def _rollback(self) -> None:
        from openbuurt.triage.learning.active import model_store
        from openbuurt.triage.selectors import reset_classifier_cache

        previous = model_store().rollback()
        reset_classifier_cache()
        self.stdout.write(f"active model: {previous or 'default (shipped with OpenBuurt)'}")

    def _build_default(self, options: dict[str, Any]) -> None:
        from openbuurt.triage.learning.default_model import build_default_model

        path = build_default_model(options["katwijk"], output=options["output"], progress=self._progress)
        self.stdout.write(f"default model written to {path}")
