"""POST Service Request through the intake queue: the number at once, the report from the task worker."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

import pytest

from openbuurt.open311.tests.conftest import BASE, Key
from openbuurt.open311.tests.factories import Taxonomy, parse_xml
from openbuurt.open311.tests.test_post import TEXT, _valid
from openbuurt.reports.models import Report
from openbuurt.reports.models_intake import QueuedSubmission
from openbuurt.reports.services import intake_queue

pytestmark = pytest.mark.django_db


def _created_id(response: Any) -> str:
    assert response.status_code == 201, response.content
    return str(json.loads(response.content)[0]["service_request_id"])


def test_the_answer_carries_the_final_number_before_the_report_exists(
    client: Client, taxonomy: Taxonomy, key: Key, deferred_intake: list[str], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        public_id = _created_id(client.post(f"{BASE}requests.json", _valid(key, email="bewoner@example.org")))
    assert deferred_intake == ["asked"]
    assert not Report.objects.exists()
    assert QueuedSubmission.objects.get().public_id == public_id

    intake_queue.process_queued_submissions()
    report = Report.objects.get()
    assert report.public_id == public_id
    assert report.reporter.email == "bewoner@example.org"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_queued_request_can_be_read_at_once_without_personal_data(
    client: Client, taxonomy: Taxonomy, key: Key, deferred_intake: list[str], fmt: str
) -> None:
    description = f"{TEXT} Bel me op 06 12345678."
    public_id = _created_id(client.post(f"{BASE}requests.json", _valid(key, description=description)))
    response = client.get(f"{BASE}requests/{public_id}.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        item = json.loads(response.content)[0]
    else:
        item = {child.tag: child.text for child in parse_xml(response.content)[0]}
    assert item["service_request_id"] == public_id
    assert item["status"] == "open"
    assert item["service_code"] == "T-101"
    assert "12345678" not in str(item["description"])
    assert str(item["requested_datetime"]).endswith(("+01:00", "+02:00"))

    intake_queue.process_queued_submissions()
    made = json.loads(client.get(f"{BASE}requests/{public_id}.json").content)[0]
    assert made["service_request_id"] == public_id
    assert made["requested_datetime"] == item["requested_datetime"]
    assert made["expected_datetime"] == item["expected_datetime"]


def test_a_queued_police_request_is_not_public(
    client: Client, taxonomy: Taxonomy, key: Key, deferred_intake: list[str]
) -> None:
    public_id = _created_id(client.post(f"{BASE}requests.json", _valid(key, service_code="T-900")))
    assert client.get(f"{BASE}requests/{public_id}.json").status_code == 404
    assert client.get(f"{BASE}requests/{public_id}.xml").status_code == 404


def test_a_retried_post_gets_the_same_number_while_queued(
    client: Client, taxonomy: Taxonomy, key: Key, deferred_intake: list[str]
) -> None:
    first = _created_id(client.post(f"{BASE}requests.json", _valid(key), HTTP_IDEMPOTENCY_KEY="retry-1"))
    again = client.post(f"{BASE}requests.json", _valid(key), HTTP_IDEMPOTENCY_KEY="retry-1")
    assert again.status_code == 200
    assert json.loads(again.content)[0]["service_request_id"] == first
    assert QueuedSubmission.objects.count() == 1


def test_a_refused_post_queues_nothing(
    client: Client, taxonomy: Taxonomy, key: Key, deferred_intake: list[str]
) -> None:
    response = client.post(f"{BASE}requests.json", _valid(key, lat="40.0", long="3.0"))
    assert response.status_code == 400
    assert not QueuedSubmission.objects.exists()
    assert deferred_intake == []


def test_with_the_queue_off_the_report_is_made_before_the_answer(
    client: Client, taxonomy: Taxonomy, key: Key, deferred_intake: list[str], settings: Any
) -> None:
    settings.OPENBUURT_OPEN311_QUEUED_INTAKE = False
    public_id = _created_id(client.post(f"{BASE}requests.json", _valid(key)))
    assert Report.objects.get().public_id == public_id
    assert not QueuedSubmission.objects.exists()
    assert deferred_intake == []
