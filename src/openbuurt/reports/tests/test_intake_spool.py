"""The intake spool: with SQLite, each server process commits accepted submissions to a file of its own.

These tests use real spool files (in the test's own folder) beside the test database, and commit for real
(``transaction=True``): the spool is used only outside a transaction of the caller.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

import pytest

from openbuurt.accounts.models import User
from openbuurt.reports import intake_spool
from openbuurt.reports.constants import ReportSource
from openbuurt.reports.models import Report, ReportNumberSequence
from openbuurt.reports.models_intake import QueuedSubmission
from openbuurt.reports.selectors import intake_queue_counts, public_queued_submission
from openbuurt.reports.services import ReportValidationError, intake_queue
from openbuurt.reports.tests.test_intake_queue import WAIT, _queue
from openbuurt.reports.tests.test_services import GRONINGEN, TEXT, build_site
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(deferred_intake: list[str], settings: Any) -> dict[str, Any]:
    if connection.vendor != "sqlite":
        pytest.skip("the intake spool is used with SQLite only")
    settings.OPENBUURT_INTAKE_NUMBER_BLOCK = 3
    return build_site()


def _sequence(prefix: str = "GRO") -> int:
    return ReportNumberSequence.objects.get(prefix=prefix).last_value


def test_a_spooled_submission_is_on_disk_in_the_spool_and_becomes_a_report(site: dict[str, Any], settings: Any) -> None:
    result = _queue(site)
    assert result.created
    assert not QueuedSubmission.objects.exists()
    [path] = intake_spool.spool_files()
    assert path.parent == Path(settings.INTAKE_SPOOL_DIR)
    # A second connection, as another process would open it, sees the committed row.
    with sqlite3.connect(path) as other:
        assert other.execute("SELECT public_id FROM spooled").fetchall() == [(result.public_id,)]
    assert intake_queue_counts() == (1, 0)

    assert intake_queue.process_queued_submissions() == 1
    report = Report.objects.get()
    assert report.public_id == result.public_id
    assert report.text == TEXT
    assert report.extra == {"open311": {"api_key_id": 1}}
    assert report.reporter.email == "bewoner@example.org"
    assert intake_spool.count() == 0
    assert not QueuedSubmission.objects.exists()


def test_a_spooled_submission_keeps_its_reception_time(site: dict[str, Any]) -> None:
    result = _queue(site)
    shown = public_queued_submission(result.public_id)
    assert shown is not None
    assert shown._state.adding  # read from the spool: an unsaved row
    intake_queue.process_queued_submissions()
    assert Report.objects.get().created_at == shown.received_at


def test_a_spooled_submission_is_shown_publicly_unless_police(site: dict[str, Any]) -> None:
    public = _queue(site)
    police = _queue(site, category=site["police_category"])
    shown = public_queued_submission(public.public_id)
    assert shown is not None
    assert shown.category == site["main"]
    assert shown.payload["text"] == TEXT
    assert shown.payload["location"]["lat"] == GRONINGEN.lat
    assert police.public_id.startswith("POL-")
    assert public_queued_submission(police.public_id) is None
    assert public_queued_submission("GRO-2026-999999") is None


def test_numbers_come_in_blocks_per_process_and_a_new_process_skips_the_rest(
    site: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    first = [_queue(site).public_id for _ in range(2)]
    assert [number[-3:] for number in first] == ["001", "002"]
    assert _sequence() == 3  # one block of 3 reserved, one number left in it

    # A process forked from this one (another process id) never uses this process's block.
    monkeypatch.setattr(os, "getpid", lambda: 999_999)
    forked = _queue(site).public_id
    assert forked.endswith("004")
    assert _sequence() == 6
    assert len(intake_spool.spool_files()) == 2  # and its own spool file
    intake_spool.reset()  # closes the "forked" process's spool
    monkeypatch.undo()
    assert intake_queue.process_queued_submissions() == 3
    assert sorted(Report.objects.values_list("public_id", flat=True)) == sorted([*first, forked])


def test_a_submission_with_a_key_goes_to_the_queue_table(site: dict[str, Any]) -> None:
    keyed = _queue(site, submission_key="open311:1:abc")
    assert QueuedSubmission.objects.get().public_id == keyed.public_id
    assert intake_spool.count() == 0
    again = _queue(site, submission_key="open311:1:abc")
    assert (again.public_id, again.created) == (keyed.public_id, False)


def test_a_refused_submission_stores_nothing_in_the_spool(site: dict[str, Any]) -> None:
    with pytest.raises(ReportValidationError):
        _queue(site, text="")
    assert intake_spool.count() == 0
    assert not ReportNumberSequence.objects.exists()


def test_a_move_interrupted_after_its_commit_does_not_queue_twice(
    site: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    numbers = {_queue(site).public_id for _ in range(2)}

    def stopped(*args: Any, **kwargs: Any) -> None:
        raise KeyboardInterrupt  # the mover stops between its commit and the deletion from the spool

    monkeypatch.setattr(intake_spool, "forget", stopped)
    with pytest.raises(KeyboardInterrupt):
        intake_queue.move_spooled_submissions()
    assert set(QueuedSubmission.objects.values_list("public_id", flat=True)) == numbers
    assert intake_spool.count() == 2
    monkeypatch.undo()

    # One of them becomes a report before the next move: neither may be queued again.
    intake_queue.process_queued_submission(QueuedSubmission.objects.order_by("id").first().pk)  # type: ignore[union-attr]
    assert intake_queue.move_spooled_submissions() == 0
    assert intake_spool.count() == 0
    assert intake_queue.process_queued_submissions() == 1
    assert set(Report.objects.values_list("public_id", flat=True)) == numbers


def test_status_and_process_commands_include_the_spool(site: dict[str, Any]) -> None:
    _queue(site)
    _queue(site)
    out = StringIO()
    call_command("intake-queue", "status", stdout=out)
    assert out.getvalue().strip() == "2 waiting, 0 failed at least once."
    out = StringIO()
    call_command("intake-queue", "process", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "2 report(s) made; 0 waiting, 0 failed at least once."


def test_an_empty_spool_is_removed_only_when_its_process_is_gone(site: dict[str, Any]) -> None:
    _queue(site)
    [path] = intake_spool.spool_files()
    intake_queue.move_spooled_submissions()
    # Empty, but its owner (this process) still holds it: kept.
    assert path.exists()
    assert not intake_spool.remove_if_abandoned(path)

    intake_spool.reset()  # as when the process exits: the owner lock is let go
    assert intake_queue.move_spooled_submissions() == 0
    assert not path.exists()
    assert list(path.parent.iterdir()) == []


def test_a_spool_of_a_gone_process_with_rows_is_moved_before_it_is_removed(site: dict[str, Any]) -> None:
    number = _queue(site).public_id
    intake_spool.reset()
    [path] = intake_spool.spool_files()
    assert not intake_spool.remove_if_abandoned(path)  # rows left: kept
    assert intake_queue.process_queued_submissions() == 1
    assert Report.objects.get().public_id == number
    assert intake_spool.spool_files() == []


def test_a_spool_that_cannot_be_written_stores_nothing_and_says_so(site: dict[str, Any], settings: Any) -> None:
    blocked = Path(settings.INTAKE_SPOOL_DIR)
    blocked.parent.mkdir(parents=True, exist_ok=True)
    blocked.write_text("not a folder")
    with pytest.raises(OSError, match="exists"):
        _queue(site)
    assert not QueuedSubmission.objects.exists()
    assert intake_spool.spool_files() == []


def test_with_the_setting_off_every_submission_goes_to_the_queue_table(site: dict[str, Any], settings: Any) -> None:
    settings.OPENBUURT_INTAKE_SPOOL = False
    _queue(site)
    assert QueuedSubmission.objects.count() == 1
    assert intake_spool.spool_files() == []


def test_a_row_the_queue_refuses_stays_in_the_spool_and_the_others_move(site: dict[str, Any]) -> None:
    passing = Category.objects.create(slug="tijdelijk", name_nl="Tijdelijk (test)", service_code="TEST-TIJDELIJK")
    stuck = _queue(site, category=passing).public_id
    moving = _queue(site).public_id
    passing.delete()  # an administrator removes the category while its submission waits in a spool

    assert intake_queue.move_spooled_submissions() == 1
    assert list(QueuedSubmission.objects.values_list("public_id", flat=True)) == [moving]
    assert intake_spool.count() == 1
    assert intake_spool.find(stuck) is not None
    assert intake_queue.process_queued_submissions() == 1
    assert list(Report.objects.values_list("public_id", flat=True)) == [moving]
    assert intake_spool.count() == 1  # tried again at every move, and shown as waiting


def test_rows_written_together_are_stored_all_or_none(site: dict[str, Any]) -> None:
    good = ["GRO-2026-000001", None, "open311", site["main"].pk, site["municipality"].pk, "{}", "2026-11-23", 0, ""]
    bad = [*good[:2], None, *good[3:]]  # a channel is required
    with pytest.raises(intake_spool.SpoolError, match="NOT NULL"):
        intake_spool.append([good, bad])
    assert intake_spool.count() == 0
    intake_spool.append([good])
    assert intake_spool.count() == 1


@pytest.mark.parametrize(("setting", "pragma"), [("FULL", 2), ("NORMAL", 1)])
def test_a_spool_is_as_durable_as_the_main_database(
    site: dict[str, Any], settings: Any, setting: str, pragma: int
) -> None:
    settings.SQLITE_SYNCHRONOUS = setting
    _queue(site)
    [path] = intake_spool.spool_files()
    with intake_spool.opened(path) as spool:
        assert spool is not None
        assert spool.execute("PRAGMA synchronous").fetchone() == (pragma,)


def test_spools_are_private_to_the_service_and_overwrite_what_they_delete(site: dict[str, Any], settings: Any) -> None:
    _queue(site)
    assert Path(settings.INTAKE_SPOOL_DIR).stat().st_mode & 0o777 == 0o700
    [path] = intake_spool.spool_files()
    with intake_spool.opened(path) as spool:
        assert spool is not None
        assert spool.execute("PRAGMA secure_delete").fetchone() == (1,)


def test_a_folder_name_with_uri_characters_is_used_as_it_is(
    site: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    settings.INTAKE_SPOOL_DIR = tmp_path / "spool ?mode=ro#1"
    number = _queue(site).public_id
    assert [path.parent.name for path in intake_spool.spool_files()] == ["spool ?mode=ro#1"]
    assert intake_spool.find(number) is not None


_OTHER_PROCESS = """
import sys
import django
django.setup()
from openbuurt.accounts.models import User
from openbuurt.reports import intake_spool
row = ["GRO-2026-000900", None, "open311", 1, 1, "{}", "2026-11-23 10:00:00", 0, ""]
intake_spool.append([row])
print("spooled", flush=True)
sys.stdin.read()  # lives until the test closes its input
"""


def test_a_spool_is_removed_only_after_its_own_process_has_exited(settings: Any, tmp_path: Path) -> None:
    # A real second process: the owner lock must hold across processes, and go when the process goes.
    settings.INTAKE_SPOOL_DIR = tmp_path / "intake-spool"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "openbuurt.settings",
        "OPENBUURT_SECRET_KEY": "spool-test-0123456789abcdefghijklmnopqrstuvwxyz",
        "OPENBUURT_DATA_DIR": str(tmp_path),
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    other = subprocess.Popen(
        [sys.executable, "-c", _OTHER_PROCESS], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "spooled"
        [path] = intake_spool.spool_files()
        assert intake_spool.find("GRO-2026-000900") is not None
        with intake_spool.opened(path) as spool:
            assert spool is not None
            intake_spool.forget(spool, [row.row_id for row in intake_spool.read(spool, limit=10)])
        assert intake_spool.count() == 0
        assert not intake_spool.remove_if_abandoned(path)  # empty, but its process lives and may write again
        assert path.exists()
    finally:
        assert other.stdin is not None
        other.stdin.close()
        other.wait(WAIT)
    assert intake_spool.remove_if_abandoned(path)
    assert list(path.parent.iterdir()) == []


def test_the_admin_list_of_queued_submissions_tells_of_spooled_ones(site: dict[str, Any], client: Client) -> None:
    admin_user = User.objects.create_superuser(username="beheer", password="x" * 16, organisation=site["municipality"])
    client.force_login(admin_user)
    url = reverse("admin:reports_queuedsubmission_changelist")
    assert "intake spools" not in client.get(url).content.decode()
    _queue(site)
    _queue(site)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 more submissions wait in the web server processes&#x27; intake spools" in page


def test_a_number_given_twice_is_not_taken_for_a_moved_submission(site: dict[str, Any]) -> None:
    from openbuurt.reports.services import submit_report

    number = _queue(site).public_id
    # As after a database restored behind a running server process: the number is made again for someone else.
    submit_report(text="Een andere melding (test).", location=GRONINGEN, source=ReportSource.WEB, public_id=number)
    assert intake_queue.move_spooled_submissions() == 0
    assert intake_spool.find(number) is not None  # kept, and logged, for an administrator
    assert not QueuedSubmission.objects.exists()
