"""The management commands: import-areas, import-gazetteer and install-demo-areas, in-process and on the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils import translation

import pytest

from openbuurt.places.constants import AreaKind
from openbuurt.places.demo import ALIASES_FILE, BUURTEN_FILE, WIJKEN_FILE
from openbuurt.places.models import Area, GazetteerEntry
from openbuurt.places.tests.factories import collection, feature, square


def _bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "bad.geojson"
    document = collection(
        feature("WK999901", "Proefwijk", square(53.2, 6.5)),
        feature("WK999902", "Puntwijk", {"type": "Point", "coordinates": [6.5, 53.2]}),
    )
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_the_commands_are_discovered_under_their_dashed_names() -> None:
    commands = get_commands()
    names = ("import-areas", "import-gazetteer", "install-demo-areas")
    assert {commands[name] for name in names} == {"openbuurt.places"}


@pytest.mark.django_db
def test_import_areas_imports_a_good_file_and_reports_progress() -> None:
    out = StringIO()
    with translation.override("en"):
        call_command("import-areas", str(WIJKEN_FILE), "--source", "CBS / PDOK, CC BY 4.0", stdout=out)
    wijken = Area.objects.filter(kind=AreaKind.DISTRICT)
    assert wijken.count() == len(json.loads(WIJKEN_FILE.read_text(encoding="utf-8"))["features"])
    assert set(wijken.values_list("source", flat=True)) == {"CBS / PDOK, CC BY 4.0"}
    output = out.getvalue()
    assert f"{wijken.count()} areas are fine: {wijken.count()} district" in output
    assert f"Done: {wijken.count()} created, 0 updated, 0 unchanged" in output


@pytest.mark.django_db
def test_import_areas_warns_about_parents_not_yet_imported_and_can_set_the_kind() -> None:
    out = StringIO()
    with translation.override("en"):
        call_command("import-areas", str(BUURTEN_FILE), "--kind", "neighbourhood", stdout=out)
    assert "Parent not (yet) imported" in out.getvalue()
    assert Area.objects.filter(kind=AreaKind.NEIGHBOURHOOD).count() == Area.objects.count() > 0


@pytest.mark.django_db
def test_import_areas_with_a_bad_file_fails_with_exit_code_1_and_imports_nothing(tmp_path: Path) -> None:
    with translation.override("en"), pytest.raises(CommandError) as caught:
        call_command("import-areas", str(_bad_file(tmp_path)), stdout=StringIO())
    assert caught.value.returncode == 1
    assert "feature 1 (WK999902)" in str(caught.value)
    assert not Area.objects.exists()


@pytest.mark.django_db
def test_import_areas_dry_run_checks_without_importing() -> None:
    out = StringIO()
    with translation.override("en"):
        call_command("import-areas", str(WIJKEN_FILE), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue()
    assert not Area.objects.exists()


def _cli(*args: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENBUURT_DATA_DIR": str(tmp_path / "var"), "LANGUAGE": "en"}
    program = Path(sys.executable).with_name("openbuurt")
    return subprocess.run([str(program), *args], capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.mark.slow
def test_the_cli_exits_with_1_and_a_clear_message_on_a_bad_file(tmp_path: Path) -> None:
    completed = _cli("import-areas", str(_bad_file(tmp_path)), tmp_path=tmp_path)
    assert completed.returncode == 1
    assert "WK999902" in completed.stderr and "Traceback" not in completed.stderr


@pytest.mark.slow
def test_the_cli_checks_a_good_file(tmp_path: Path) -> None:
    completed = _cli("import-areas", str(WIJKEN_FILE), "--dry-run", tmp_path=tmp_path)
    assert completed.returncode == 0, completed.stderr
    assert "WK" not in completed.stderr


@pytest.mark.django_db
def test_import_gazetteer_reads_aliases_and_refuses_a_bad_file(tmp_path: Path) -> None:
    out = StringIO()
    with translation.override("en"):
        call_command("import-gazetteer", str(ALIASES_FILE), "--aliases", stdout=out)
    aliases = len(ALIASES_FILE.read_text(encoding="utf-8").strip().splitlines()) - 1
    assert GazetteerEntry.objects.filter(key__startswith="alias:").count() == aliases
    assert f"Done: {aliases} created" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind,lat,lon\nErgens,landmark,noord,oost\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(CommandError, match="row 2") as caught:
        call_command("import-gazetteer", str(bad), "--aliases", stdout=StringIO())
    assert caught.value.returncode == 1
    assert GazetteerEntry.objects.count() == aliases


@pytest.mark.django_db
def test_install_demo_areas_is_idempotent() -> None:
    first, second = StringIO(), StringIO()
    with translation.override("en"):
        call_command("install-demo-areas", stdout=first)
        areas = Area.objects.count()
        call_command("install-demo-areas", stdout=second)
    assert Area.objects.count() == areas
    assert f"{areas} areas" in second.getvalue() and "(0 created or changed)" in second.getvalue()
