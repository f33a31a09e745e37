"""``openbuurt triage``: evaluate prints one JSON object; train, list, activate and rollback manage versions."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

import pytest

from openbuurt.triage.learning.active import model_store
from openbuurt.triage.tests.samples import synthetic_examples, write_csv


def run(*args: str) -> str:
    out = StringIO()
    call_command("triage", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "reports.csv", synthetic_examples(16))


def _check_metrics(result: dict[str, Any]) -> None:
    for key in ("accuracy", "macro_f1", "top3_accuracy", "predictions_per_second"):
        assert isinstance(result[key], float)
    assert 0 <= result["accuracy"] <= result["top3_accuracy"] <= 1
    assert set(result["per_class"]["parkeren"]) == {"precision", "recall", "f1", "support"}
    labels = result["confusion"]["labels"]
    assert len(result["confusion"]["matrix"]) == len(labels)
    assert sum(map(sum, result["confusion"]["matrix"])) == sum(c["support"] for c in result["per_class"].values())


def test_evaluate_on_a_time_split_prints_one_json_object(data: Path, tmp_path: Path) -> None:
    plot = tmp_path / "confusion.png"
    result = json.loads(run("evaluate", "--data", str(data), "--split-date", "2024-10-15", "--plot", str(plot)))
    _check_metrics(result)
    assert result["task"] == "split" and result["n_train"] + result["n_test"] == 80
    assert result["seed_examples"] > 0  # the labels are taxonomy slugs
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_evaluate_with_train_and_test_files_and_no_seeds(data: Path, tmp_path: Path) -> None:
    test = write_csv(tmp_path / "test.csv", synthetic_examples(4, seed=99))
    result = json.loads(
        run("evaluate", "--train", str(data), "--test", str(test), "--no-seeds", "--feature-columns", "none")
    )
    _check_metrics(result)
    assert result["seed_examples"] == 0 and result["n_test"] == 20
    assert result["pipeline"]["training"]["algorithm"] == "stack"


def test_evaluate_cross_validation_on_a_file_without_header(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "plain.csv", synthetic_examples(10), header=False)
    result = json.loads(
        run(
            "evaluate",
            "--cv",
            "3",
            "--data",
            str(path),
            "--no-header",
            "--columns",
            "id,created,category,team,source,region,lat,lon,text",
        )
    )
    _check_metrics(result)
    assert result["task"] == "cross-validation" and result["folds"] == 3 and result["n"] == 50
    assert 0 <= result["macro_f1_fold_mean"] <= 1


def test_evaluate_the_team_column(data: Path) -> None:
    result = json.loads(run("evaluate", "--data", str(data), "--split-date", "2024-10-15", "--label-column", "team"))
    assert result["label_column"] == "team" and result["seed_examples"] == 0
    assert "Afval noord" in result["per_class"] or "Afval zuid" in result["per_class"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["evaluate"], "give --train and --test"),
        (["evaluate", "--data", "{data}"], "--data needs --split-date"),
        (["evaluate", "--cv", "3"], "--cv needs --data"),
        (["evaluate", "--cv", "3", "--data", "{data}", "--baseline", "signalen"], "not with --cv"),
        (["evaluate", "--data", "{data}", "--split-date", "2030-01-01"], "leaves no examples"),
        (["evaluate", "--data", "{data}", "--split-date", "2024-10-15", "--label-column", "nope"], "no column 'nope'"),
        (["evaluate", "--train", "{missing}", "--test", "{data}"], "no such file"),
        (["evaluate", "--data", "{data}", "--split-date", "2024-10-15", "--c", "0"], "--c must be positive"),
        (["train"], "give at least one --csv"),
        (["train", "--csv", "{data}", "--source", "nowhere"], "no training data source plugin named 'nowhere'"),
        (["activate", "20990101-000000-none"], "no stored model version"),
        (["rollback"], "nothing to roll back"),
    ],
)
def test_bad_arguments_give_clear_errors(
    args: list[str], message: str, data: Path, tmp_path: Path, settings: Any
) -> None:
    settings.OPENBUURT_MODELS_DIR = str(tmp_path / "models")
    filled = [a.format(data=data, missing=tmp_path / "missing.csv") for a in args]
    with pytest.raises(CommandError, match=message):
        run(*filled)


@pytest.mark.django_db
def test_train_activate_list_and_rollback(data: Path, tmp_path: Path) -> None:
    with override_settings(OPENBUURT_MODELS_DIR=str(tmp_path / "models")):
        first = json.loads(run("train", "--csv", str(data), "--activate"))
        assert first["active"] is True and first["category_holdout"]["n"] > 0
        assert first["team_holdout"]["n"] > 0  # the CSV has a team column
        second = json.loads(run("train", "--csv", str(data), "--no-seeds"))
        store = model_store()
        assert store.active_version() == first["version"]
        listing = json.loads(run("list"))
        assert {row["version"] for row in listing["versions"]} == {first["version"], second["version"]}
        assert listing["active"] == first["version"]
        assert run("activate", second["version"]).strip() == f"active model: {second['version']}"
        assert run("rollback").strip() == f"active model: {first['version']}"
        assert store.active_version() == first["version"]


@pytest.mark.django_db
def test_train_refuses_labels_that_are_not_category_slugs(tmp_path: Path) -> None:
    examples = synthetic_examples(5)
    path = tmp_path / "names.csv"
    write_csv(path, examples)
    path.write_text(path.read_text().replace(",parkeren,", ",Parkeren,"))
    with (
        override_settings(OPENBUURT_MODELS_DIR=str(tmp_path / "models")),
        pytest.raises(CommandError, match="not slugs of active categories: Parkeren"),
    ):
        run("train", "--csv", str(path))
    assert not (tmp_path / "models").exists()


@pytest.mark.django_db
def test_train_maps_katwijk_category_names(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "names.csv", synthetic_examples(8))
    text = path.read_text()
    for slug, name in (
        ("parkeren", "Parkeren"),
        ("huisafval", "Huisafval"),
        ("zwerfafval", "Zwerfafval"),
        ("openbaar-groen", "Openbaar groen"),
        ("straatverlichting", "Straatverlichting"),
    ):
        text = text.replace(f",{slug},", f",{name},")
    path.write_text(text)
    with override_settings(OPENBUURT_MODELS_DIR=str(tmp_path / "models")):
        result = json.loads(run("train", "--csv", str(path), "--label-map", "katwijk"))
        metadata = json.loads((tmp_path / "models" / result["version"] / "metadata.json").read_text())
    assert "parkeren" in metadata["category"]["classes"]
