"""Tests of ``openbuurt load-demo``: the demo municipality, its reports, its Open311 key, and running it twice."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.utils import timezone, translation

import pytest
from shapely import union_all
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from openbuurt.accounts import demo as accounts_demo
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.demo.loader import DEMO_KEY_NAME, NOT_REAL_NOTICE, demo_key_file
from openbuurt.demo.reports import DEMO_DAYS, DEMO_REPORT_COUNT, DemoDataError, generate_demo_reports
from openbuurt.demo.texts import DEMO_LABEL
from openbuurt.open311 import selectors as open311_selectors
from openbuurt.open311.models import ApiKey
from openbuurt.places import demo as places_demo
from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area, GazetteerEntry
from openbuurt.reports import selectors as report_selectors
from openbuurt.reports.constants import CLOSED_STATUSES, ReportStatus
from openbuurt.reports.models import Report, StatusChange
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, settings: Any) -> Path:
    """Keep the demo key file of each test in its own folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    settings.DATA_DIR = folder
    return folder


def run_load_demo(*args: str) -> str:
    out = io.StringIO()
    call_command("load-demo", *args, stdout=out)
    return out.getvalue()


def table_counts() -> dict[str, int]:
    models = (Organisation, Department, User, Area, GazetteerEntry, Category, ApiKey, Report, StatusChange)
    return {model.__name__: model.objects.count() for model in models}


def groningen_outline() -> BaseGeometry:
    with places_demo.WIJKEN_FILE.open(encoding="utf-8") as handle:
        wijken = json.load(handle)
    return union_all([shape(feature["geometry"]) for feature in wijken["features"]])


def test_the_dashed_command_name_is_found_by_django_and_the_cli() -> None:
    assert get_commands()["load-demo"] == "openbuurt.demo"
    env = {**os.environ, "OPENBUURT_SECRET_KEY": "cli-test-secret-0123456789abcdefghijklmnopqrstuvwxyz"}
    completed = subprocess.run(
        [sys.executable, "-m", "openbuurt.manage", "help", "load-demo"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "--reports" in completed.stdout


def test_load_demo_builds_the_demo_municipality_and_a_second_run_adds_nothing(data_dir: Path) -> None:
    started = timezone.now()
    output = run_load_demo()

    reports = list(Report.objects.select_related("organisation", "category").order_by("created_at"))
    assert len(reports) == DEMO_REPORT_COUNT
    assert all(report.is_demo for report in reports)
    assert all(report.text.startswith(DEMO_LABEL + " ") for report in reports)
    assert len({report.text for report in reports}) > DEMO_REPORT_COUNT * 0.8, "texts should vary"

    # Statuses: all seven kinds, none taking over, and each report's history ends where its status says.
    statuses = Counter(report.status for report in reports)
    wanted = {"new", "accepted", "in_progress", "scheduled", "on_hold", "done", "cancelled"}
    assert wanted <= set(statuses), statuses
    assert max(statuses.values()) < DEMO_REPORT_COUNT * 0.6, statuses
    for report in reports:
        history = list(report_selectors.status_history(report))
        assert history[0].to_status == ReportStatus.NEW
        assert history[-1].to_status == report.status
        assert [row.created_at for row in history] == sorted(row.created_at for row in history)
        assert all(row.public_text for row in history[1:]), f"{report.public_id} lacks a public text"
        assert (report.closed_at is not None) == (report.status in CLOSED_STATUSES)
        assert started - timedelta(days=DEMO_DAYS + 1) <= report.created_at <= started
        assert report.created_at <= report.updated_at <= timezone.now()

    # Places: every point inside gemeente Groningen, in a wijk, and every wijk has reports.
    outline = groningen_outline()
    for report in reports:
        assert report.lat is not None and report.lon is not None
        assert outline.intersects(Point(report.lon, report.lat)), report.public_id
    districts = {report.district_id for report in reports}
    assert None not in districts
    assert districts == set(Area.objects.filter(kind=AreaKind.DISTRICT).values_list("pk", flat=True))

    # Categories: spread over the municipal taxonomy plus a few police reports, which stay confidential.
    categories = Counter(report.category.slug for report in reports)
    assert len(categories) >= 25, categories
    police = [report for report in reports if report.category.is_police]
    assert 5 <= len(police) <= DEMO_REPORT_COUNT * 0.2
    assert all(report.is_confidential and report.organisation.is_police for report in police)
    public_ids = set(report_selectors.public_reports().values_list("pk", flat=True))
    assert public_ids.isdisjoint(report.pk for report in police)
    assert len(public_ids) == DEMO_REPORT_COUNT - len(police)

    # The Open311 key: one, stored for the demo only readable by its owner, printed with the logins.
    key_file = demo_key_file()
    plain = key_file.read_text(encoding="utf-8").strip()
    api_key = open311_selectors.active_api_key(plain)
    assert api_key is not None and api_key.name == DEMO_KEY_NAME
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert plain in output
    for account in accounts_demo.demo_accounts():
        assert account.username in output
    assert accounts_demo.DEMO_PASSWORD in output
    assert str(NOT_REAL_NOTICE) in output
    assert "http://" in output
    assert f"{DEMO_REPORT_COUNT}/{DEMO_REPORT_COUNT}" in output  # progress was shown

    before = table_counts()
    second_output = run_load_demo()
    assert table_counts() == before
    assert plain in second_output
    assert key_file.read_text(encoding="utf-8").strip() == plain


def test_the_same_seed_gives_the_same_reports() -> None:
    run_load_demo("--reports", "0")
    now = timezone.now()
    from openbuurt.demo.reports import plan_demo_reports

    def summary(seed: int) -> list[tuple[object, ...]]:
        return [
            (plan.text, plan.category.slug, plan.lat, plan.lon, plan.created_at, plan.source, plan.steps)
            for plan in plan_demo_reports(count=40, seed=seed, now=now)
        ]

    assert summary(7) == summary(7)
    assert summary(7) != summary(8)
    assert Report.objects.count() == 0, "planning writes nothing"


def test_no_reports_when_asked_for_none_and_then_generated_once() -> None:
    run_load_demo("--reports", "0")
    assert Report.objects.count() == 0
    run_load_demo("--reports", "12")
    assert Report.objects.filter(is_demo=True).count() == 12
    run_load_demo("--reports", "12")
    assert Report.objects.count() == 12


def test_a_lost_key_file_gives_a_new_key_and_revokes_the_old_one() -> None:
    run_load_demo("--reports", "0")
    first = demo_key_file().read_text(encoding="utf-8").strip()
    demo_key_file().unlink()

    run_load_demo("--reports", "0")
    second = demo_key_file().read_text(encoding="utf-8").strip()
    assert second != first
    assert open311_selectors.active_api_key(first) is None
    assert open311_selectors.active_api_key(second) is not None
    assert ApiKey.objects.filter(name=DEMO_KEY_NAME, revoked_at__isnull=True).count() == 1


def test_a_key_file_with_a_wrong_key_is_replaced() -> None:
    demo_key_file().write_text("not-a-key-we-issued\n", encoding="utf-8")
    output = run_load_demo("--reports", "0")
    plain = demo_key_file().read_text(encoding="utf-8").strip()
    assert plain != "not-a-key-we-issued"
    assert open311_selectors.active_api_key(plain) is not None
    assert plain in output


def test_a_bad_report_count_is_refused_before_anything_is_written() -> None:
    with pytest.raises(CommandError, match="--reports"):
        run_load_demo("--reports", "-1")
    assert Organisation.objects.count() == 0
    assert not demo_key_file().exists()


def test_demo_reports_without_areas_are_refused_and_nothing_is_stored() -> None:
    accounts_demo.install_demo_organisations()
    with translation.override("en"), pytest.raises(DemoDataError, match="areas"):
        generate_demo_reports(count=5)
    assert Report.objects.count() == 0


def test_demo_reports_without_a_municipality_are_refused() -> None:
    places_demo.install_demo_areas()
    with translation.override("en"), pytest.raises(DemoDataError, match="municipality"):
        generate_demo_reports(count=5)
    assert Report.objects.count() == 0
