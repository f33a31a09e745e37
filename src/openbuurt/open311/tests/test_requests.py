"""GET Service Requests and GET Service Request: shapes, filters, the 90-day window, pagination and privacy."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from django.test import Client
from django.utils import timezone, translation

import pytest

from openbuurt.accounts.models import Organisation
from openbuurt.open311.tests.conftest import BASE, Key
from openbuurt.open311.tests.factories import Taxonomy, parse_xml, xml_to_value
from openbuurt.open311.tests.test_services import assert_error
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

FORMATS = ["json", "xml"]
W3C_WITH_OFFSET = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


def _report(taxonomy: Taxonomy, gemeente: Organisation, *, days_ago: float = 1, **fields: Any) -> Report:
    created = timezone.now() - timedelta(days=days_ago)
    fields.setdefault("category", taxonomy.lamp_post)
    fields.setdefault("organisation", gemeente)
    return ReportFactory(created_at=created, updated_at=created, **fields)


def _ids(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["service_request_id"] for item in response.json()]


def _list(client: Client, **params: str) -> list[str]:
    return _ids(client.get(f"{BASE}requests.json", params))


def test_request_json_has_every_field_with_the_right_types(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    report = _report(
        taxonomy,
        gemeente,
        text="Lamp stuk. Bel me op 06-12345678 of mail jan@example.org (testtekst).",
        address_text="Grote Markt 1, Groningen",
        address_id="0014200000123456",
        status=ReportStatus.IN_PROGRESS,
    )
    report.deadline = report.created_at + timedelta(days=5)
    report.save()
    response = client.get(f"{BASE}requests.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [item] = response.json()
    with translation.override("nl"):
        status_notes = str(ReportStatus.IN_PROGRESS.label)
        phone, email = "[TEL]", "[EMAIL]"
    assert item == {
        "service_request_id": report.public_id,
        "status": "open",
        "status_notes": status_notes,
        "service_name": taxonomy.lamp_post.name_nl,
        "service_code": "T-101",
        "description": f"Lamp stuk. Bel me op {phone} of mail {email} (testtekst).",
        "agency_responsible": gemeente.name,
        "service_notice": taxonomy.lighting.handling_message_nl,
        "requested_datetime": timezone.localtime(report.created_at).isoformat(timespec="seconds"),
        "updated_datetime": timezone.localtime(report.updated_at).isoformat(timespec="seconds"),
        "expected_datetime": timezone.localtime(report.deadline).isoformat(timespec="seconds"),
        "address": "Grote Markt 1, Groningen",
        "address_id": "0014200000123456",
        "zipcode": "",
        "lat": 53.2194,
        "long": 6.5665,
        "media_url": None,
    }
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C_WITH_OFFSET.match(item[name])
        assert datetime.fromisoformat(item[name]).utcoffset() in (timedelta(hours=1), timedelta(hours=2))


def test_request_xml_carries_the_same_values_as_text(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    _report(taxonomy, gemeente)
    [as_json] = client.get(f"{BASE}requests.json").json()
    response = client.get(f"{BASE}requests.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = parse_xml(response.content)
    assert root.tag == "service_requests"
    items = xml_to_value(root)
    assert isinstance(items, list)
    [as_xml] = items
    # Numbers become their text; an empty string and null are both an empty element.
    expected = {key: (str(value) if value not in (None, "") else None) for key, value in as_json.items()}
    assert as_xml == expected


def test_xml_survives_markup_and_control_characters_in_user_text(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    # Older data may hold control characters (new reports lose them at intake); NUL no database keeps at all.
    _report(taxonomy, gemeente, text='<script>alert("x")</script> & ]]> \x08\x0bklaar\u00e9 (testtekst)')
    root = parse_xml(client.get(f"{BASE}requests.xml").content)
    assert root.findtext("request/description") == '<script>alert("x")</script> & ]]> klaar\u00e9 (testtekst)'


@pytest.mark.parametrize(
    ("status", "open311"),
    [
        (ReportStatus.NEW, "open"),
        (ReportStatus.REOPENED, "open"),
        (ReportStatus.DONE, "closed"),
        (ReportStatus.CANCELLED, "closed"),
    ],
)
def test_status_is_open_or_closed_with_the_detail_in_status_notes(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation, status: str, open311: str
) -> None:
    closed_at = timezone.now() - timedelta(hours=3) if open311 == "closed" else None
    report = _report(taxonomy, gemeente, days_ago=2, status=status, closed_at=closed_at)
    [item] = client.get(f"{BASE}requests.json").json()
    assert item["status"] == open311
    with translation.override("nl"):
        assert item["status_notes"] == str(ReportStatus(status).label)
    if closed_at is not None:
        assert item["updated_datetime"] == timezone.localtime(closed_at).isoformat(timespec="seconds")
    assert item["service_request_id"] == report.public_id


def test_default_window_is_the_last_90_days_newest_first(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    old = _report(taxonomy, gemeente, days_ago=91)
    recent = _report(taxonomy, gemeente, days_ago=89)
    newest = _report(taxonomy, gemeente, days_ago=0.1)
    assert _list(client) == [newest.public_id, recent.public_id]
    assert old.public_id not in _list(client)


def test_start_and_end_date_select_a_window_of_at_most_90_days(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    a = _report(taxonomy, gemeente, days_ago=200)
    b = _report(taxonomy, gemeente, days_ago=150)
    c = _report(taxonomy, gemeente, days_ago=100)
    start = (timezone.now() - timedelta(days=210)).isoformat()
    end = (timezone.now() - timedelta(days=140)).isoformat()
    assert _list(client, start_date=start, end_date=end) == [b.public_id, a.public_id]
    # With only a start, the window runs 90 days from it; with only an end, 90 days up to it.
    assert _list(client, start_date=start) == [b.public_id, a.public_id]
    assert _list(client, end_date=(timezone.now() - timedelta(days=95)).isoformat()) == [c.public_id, b.public_id]


def test_a_plus_sign_that_was_not_url_encoded_still_reads_as_an_offset(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    report = _report(taxonomy, gemeente, days_ago=10)
    start = timezone.localtime(timezone.now() - timedelta(days=20)).strftime("%Y-%m-%dT%H:%M:%S%z")
    start = f"{start[:-2]}:{start[-2:]}"
    assert "+" in start
    response = client.get(f"{BASE}requests.json?start_date={start}")  # "+" arrives as a space
    assert _ids(response) == [report.public_id]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("params", "fragments"),
    [
        ({"start_date": "2026-01-01T00:00:00+01:00", "end_date": "2026-05-01T00:00:00+01:00"}, ("120", "90")),
        ({"start_date": "2026-03-01T00:00:00Z", "end_date": "2026-02-01T00:00:00Z"}, ("end_date",)),
        ({"start_date": "gisteren"}, ("start_date", "W3C")),
        ({"end_date": "2026-03-01T10:00:00"}, ("end_date", "+01:00")),
        ({"start_date": "2026-03-01"}, ("start_date", "+01:00")),
        ({"status": "open,maybe"}, ("status", "maybe")),
        ({"page": "0"}, ("page",)),
        ({"page_size": "1001"}, ("page_size", "1000")),
        ({"page_size": "tien"}, ("page_size",)),
    ],
)
def test_bad_arguments_are_a_400_that_names_them(
    client: Client, taxonomy: Taxonomy, fmt: str, params: dict[str, str], fragments: tuple[str, ...]
) -> None:
    response = client.get(f"{BASE}requests.{fmt}", params)
    assert response.status_code == 400
    assert_error(response, fmt, 400, *fragments)


def test_empty_arguments_behave_like_absent_ones(client: Client, taxonomy: Taxonomy, gemeente: Organisation) -> None:
    _report(taxonomy, gemeente, days_ago=3)
    _report(taxonomy, gemeente, days_ago=5, status=ReportStatus.DONE)
    names = ("service_request_id", "service_code", "start_date", "end_date", "status", "page", "page_size")
    empty = dict.fromkeys((*names, "jurisdiction_id", "locale"), "")
    for fmt in FORMATS:
        absent = client.get(f"{BASE}requests.{fmt}")
        assert client.get(f"{BASE}requests.{fmt}", empty).content == absent.content
    assert len(_list(client)) == 2


def test_service_request_id_overrides_every_other_filter(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    ancient = _report(taxonomy, gemeente, days_ago=400, status=ReportStatus.DONE)
    recent = _report(taxonomy, gemeente, days_ago=1)
    _report(taxonomy, gemeente, days_ago=2)
    ids = f"{ancient.public_id}, {recent.public_id},GRO-0000-404404"
    found = _list(client, service_request_id=ids, status="open", service_code="T-100", start_date="bad")
    assert found == [recent.public_id, ancient.public_id]


def test_filters_by_service_code_and_status(client: Client, taxonomy: Taxonomy, gemeente: Organisation) -> None:
    lamp_open = _report(taxonomy, gemeente, days_ago=1)
    lamp_done = _report(taxonomy, gemeente, days_ago=2, status=ReportStatus.DONE)
    main_open = _report(taxonomy, gemeente, days_ago=3, category=taxonomy.lighting)
    assert _list(client, service_code="T-101") == [lamp_open.public_id, lamp_done.public_id]
    assert _list(client, service_code="T-101,T-100") == [lamp_open.public_id, lamp_done.public_id, main_open.public_id]
    assert _list(client, service_code="T-999") == []
    assert _list(client, status="open") == [lamp_open.public_id, main_open.public_id]
    assert _list(client, status="closed") == [lamp_done.public_id]
    assert _list(client, status="open,closed") == _list(client)
    assert _list(client, status="closed", service_code="T-100") == []


def test_pagination_pages_newest_first_with_a_link_to_the_next_page(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation
) -> None:
    reports = [_report(taxonomy, gemeente, days_ago=day) for day in (5, 4, 3, 2, 1)]
    newest_first = [r.public_id for r in reversed(reports)]
    pages = []
    for page in (1, 2, 3):
        response = client.get(f"{BASE}requests.json", {"page": page, "page_size": 2, "status": "open"})
        pages.append(_ids(response))
        if page < 3:
            assert f"page={page + 1}" in response["Link"] and 'rel="next"' in response["Link"]
            assert "status=open" in response["Link"]
        else:
            assert "Link" not in response
    assert pages == [newest_first[0:2], newest_first[2:4], newest_first[4:]]
    assert _list(client, page="4", page_size="2") == []


def test_the_list_needs_a_fixed_number_of_queries(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation, django_assert_max_num_queries: Any
) -> None:
    for day in range(12):
        _report(taxonomy, gemeente, days_ago=day + 0.5, category=taxonomy.lamp_post if day % 2 else taxonomy.lighting)
    client.get(f"{BASE}services.json")  # load the catalogue
    with django_assert_max_num_queries(1):
        assert len(_list(client)) == 12


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_single_request_is_a_list_of_one(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation, fmt: str
) -> None:
    report = _report(taxonomy, gemeente, days_ago=300)  # outside the list window: the single GET has none
    response = client.get(f"{BASE}requests/{report.public_id}.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        [item] = response.json()
        assert item["service_request_id"] == report.public_id
    else:
        root = parse_xml(response.content)
        assert root.tag == "service_requests"
        assert [child.tag for child in root] == ["request"]
        assert root.findtext("request/service_request_id") == report.public_id


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unknown_request_is_a_404(client: Client, taxonomy: Taxonomy, fmt: str) -> None:
    response = client.get(f"{BASE}requests/GRO-2026-999999.{fmt}")
    assert response.status_code == 404
    assert_error(response, fmt, 404, "GRO-2026-999999")


# --- privacy -------------------------------------------------------------------------------------------------------


@pytest.fixture
def hidden(taxonomy: Taxonomy, gemeente: Organisation, politie: Organisation) -> list[Report]:
    """Reports that must never appear publicly: police, confidential, and in a confidential category."""
    return [
        _report(taxonomy, politie, days_ago=1, category=taxonomy.police),
        _report(taxonomy, politie, days_ago=1, category=taxonomy.lamp_post),  # police handles it: still hidden
        _report(taxonomy, gemeente, days_ago=1, is_confidential=True),
        _report(taxonomy, gemeente, days_ago=1, category=taxonomy.confidential),
    ]


def test_police_and_confidential_reports_never_appear_in_the_list(
    client: Client, taxonomy: Taxonomy, gemeente: Organisation, hidden: list[Report]
) -> None:
    public = _report(taxonomy, gemeente, days_ago=2)
    hidden_ids = {r.public_id for r in hidden}
    for fmt in FORMATS:
        body = client.get(f"{BASE}requests.{fmt}").content.decode()
        assert public.public_id in body
        assert not any(public_id in body for public_id in hidden_ids)
    assert _list(client, service_request_id=",".join(hidden_ids)) == []
    assert _list(client, service_code="T-900,T-800") == []
    assert _list(client, status="open") == [public.public_id]


@pytest.mark.parametrize("fmt", FORMATS)
def test_police_and_confidential_reports_are_404_one_by_one(
    client: Client, taxonomy: Taxonomy, hidden: list[Report], fmt: str
) -> None:
    for report in hidden:
        response = client.get(f"{BASE}requests/{report.public_id}.{fmt}")
        assert response.status_code == 404
        assert report.text not in response.content.decode()


def test_a_police_report_posted_through_open311_is_accepted_but_not_published(
    client: Client, taxonomy: Taxonomy, key: Key
) -> None:
    response = client.post(
        f"{BASE}requests.json",
        {
            "api_key": key.plain,
            "service_code": "T-900",
            "lat": "53.2194",
            "long": "6.5665",
            "description": "Elke nacht groepen jongeren met harde muziek (testtekst).",
        },
    )
    assert response.status_code == 201
    public_id = response.json()[0]["service_request_id"]
    report = Report.objects.get(public_id=public_id)
    assert report.organisation.is_police and report.is_confidential
    assert client.get(f"{BASE}requests/{public_id}.json").status_code == 404
    assert _list(client) == []
