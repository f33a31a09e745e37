"""Conformance of discovery, the service list and service definitions, in JSON and XML."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.test import Client

import pytest

from openbuurt.open311.tests.conftest import BASE
from openbuurt.open311.tests.factories import CategoryFactory, Taxonomy, parse_xml, xml_to_value
from openbuurt.triage.models import Category

pytestmark = pytest.mark.django_db

FORMATS = ["json", "xml"]


def _body(response, fmt: str):  # type: ignore[no-untyped-def]
    if fmt == "json":
        return json.loads(response.content)
    root = parse_xml(response.content)
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return root.tag, xml_to_value(root)


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_lists_this_endpoint_with_bare_content_types(client: Client, taxonomy: Taxonomy, fmt: str) -> None:
    response = client.get(f"{BASE}discovery.{fmt}")
    assert response.status_code == 200
    assert response["Content-Type"] == {"json": "application/json", "xml": "text/xml"}[fmt]
    body = _body(response, fmt)
    if fmt == "xml":
        tag, body = body
        assert tag == "discovery"
    assert isinstance(body["changeset"], str)
    assert datetime.fromisoformat(body["changeset"]).tzinfo is not None
    assert "meldingen@groningen.example" in body["contact"]
    assert body["key_service"]
    [endpoint] = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2/")
    assert endpoint["type"] in ("production", "test")
    assert endpoint["changeset"] == body["changeset"]
    assert endpoint["formats"] == ["text/xml", "application/json"]


def _published() -> list[Category]:
    return [c for c in Category.objects.filter(is_active=True).order_by("order", "name_nl") if c.service_code]


def test_service_list_json_is_an_array_of_every_active_category_with_real_booleans(
    client: Client, taxonomy: Taxonomy
) -> None:
    response = client.get(f"{BASE}services.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    services = response.json()
    assert isinstance(services, list)
    assert [s["service_code"] for s in services] == [c.service_code for c in _published()]
    assert taxonomy.inactive.service_code not in {s["service_code"] for s in services}
    by_code = {s["service_code"]: s for s in services}
    lamp = by_code[taxonomy.lamp_post.service_code]
    assert lamp == {
        "service_code": "T-101",
        "service_name": taxonomy.lamp_post.name_nl,
        "description": taxonomy.lamp_post.description_nl,
        "metadata": False,
        "type": "realtime",
        "keywords": "lantaarnpaal, straatlamp, brandt niet",
        "group": "verlichting",  # inherited from the main category
    }
    assert all(isinstance(s["metadata"], bool) and isinstance(s["service_code"], str) for s in services)
    # Police and confidential categories are services too: residents may report them; only the reports are hidden.
    assert {taxonomy.police.service_code, taxonomy.confidential.service_code} <= set(by_code)


def test_service_list_xml_has_the_same_content_with_text_booleans(client: Client, taxonomy: Taxonomy) -> None:
    as_json = client.get(f"{BASE}services.json").json()
    response = client.get(f"{BASE}services.xml")
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = parse_xml(response.content)
    assert root.tag == "services"
    assert {child.tag for child in root} == {"service"}
    first = root.find("service")
    assert first is not None
    assert first.findtext("metadata") == "false"
    as_xml = xml_to_value(root)
    assert isinstance(as_xml, list)
    # An empty string and null are both an empty element.
    expected = [{key: value or None for key, value in {**s, "metadata": "false"}.items()} for s in as_json]
    assert as_xml == expected


@pytest.mark.parametrize(
    ("query", "headers", "language"),
    [
        ("", {}, "nl"),
        ("?locale=en", {}, "en"),
        ("?locale=en_GB", {}, "en"),
        ("", {"HTTP_ACCEPT_LANGUAGE": "en-GB,en;q=0.9"}, "en"),
        ("?locale=nl", {"HTTP_ACCEPT_LANGUAGE": "en"}, "nl"),
        ("?locale=", {}, "nl"),
    ],
)
def test_service_names_follow_the_requested_language(
    client: Client, taxonomy: Taxonomy, query: str, headers: dict[str, str], language: str
) -> None:
    response = client.get(f"{BASE}services.json{query}", **headers)  # type: ignore[arg-type]
    lamp = next(s for s in response.json() if s["service_code"] == taxonomy.lamp_post.service_code)
    assert lamp["service_name"] == getattr(taxonomy.lamp_post, f"name_{language}")
    assert response["Content-Language"] == language


def test_service_list_follows_category_changes_and_moves_the_changeset(client: Client, taxonomy: Taxonomy) -> None:
    before = client.get(f"{BASE}discovery.json").json()["changeset"]
    assert client.get(f"{BASE}discovery.json").json()["changeset"] == before  # stable while nothing changes
    CategoryFactory(slug="test-nieuw", service_code="T-555", name_nl="Nieuw (test)")
    taxonomy.lamp_post.name_nl = "Lantaarnpaal stuk (test)"
    taxonomy.lamp_post.save()
    services = {s["service_code"]: s for s in client.get(f"{BASE}services.json").json()}
    assert "T-555" in services
    assert services["T-101"]["service_name"] == "Lantaarnpaal stuk (test)"
    assert client.get(f"{BASE}discovery.json").json()["changeset"] > before


def test_service_list_is_served_from_the_catalogue_without_queries(
    client: Client, taxonomy: Taxonomy, django_assert_max_num_queries: Any
) -> None:
    client.get(f"{BASE}services.json")
    with django_assert_max_num_queries(0):
        assert client.get(f"{BASE}services.json").status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_is_an_object_with_an_attributes_list(client: Client, taxonomy: Taxonomy, fmt: str) -> None:
    response = client.get(f"{BASE}services/T-101.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        assert response.json() == {"service_code": "T-101", "attributes": []}
    else:
        root = parse_xml(response.content)
        assert root.tag == "service_definition"
        assert root.findtext("service_code") == "T-101"
        attributes = root.find("attributes")
        assert attributes is not None and list(attributes) == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code", ["T-404", "T-700"])  # unknown, and known but inactive
def test_unknown_service_definition_is_a_404_error_body(
    client: Client, taxonomy: Taxonomy, fmt: str, code: str
) -> None:
    response = client.get(f"{BASE}services/{code}.{fmt}")
    assert response.status_code == 404
    assert_error(response, fmt, 404, code)


def assert_error(response, fmt: str, code: int, *fragments: str) -> None:  # type: ignore[no-untyped-def]
    """Assert the spec's error body: a list of errors with a numeric code and a description naming the problem."""
    assert response["Content-Type"] == f"{'application/json' if fmt == 'json' else 'text/xml'}; charset=utf-8"
    if fmt == "json":
        errors = response.json()
        assert isinstance(errors, list) and errors
        assert all(error["code"] == code and isinstance(error["code"], int) for error in errors)
        descriptions = " ".join(error["description"] for error in errors)
    else:
        root = parse_xml(response.content)
        assert root.tag == "errors"
        assert [child.tag for child in root] == ["error"] * len(root)
        assert all(error.findtext("code") == str(code) for error in root)
        descriptions = " ".join(error.findtext("description") or "" for error in root)
    for fragment in fragments:
        assert fragment in descriptions


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("path", "status"),
    [("services.{fmt}", 200), ("services/T-101.{fmt}", 200), ("requests.{fmt}", 200), ("requests/X-1.{fmt}", 404)],
)
def test_jurisdiction_id_is_optional_checked_and_empty_means_absent(
    client: Client, taxonomy: Taxonomy, fmt: str, path: str, status: int
) -> None:
    url = BASE + path.format(fmt=fmt)
    unknown = client.get(url, {"jurisdiction_id": "amsterdam.nl"})
    assert unknown.status_code == 404
    assert_error(unknown, fmt, 404, "amsterdam.nl")
    known = client.get(url, {"jurisdiction_id": "groningen.nl"})
    empty = client.get(url, {"jurisdiction_id": ""})
    absent = client.get(url)
    assert known.status_code == empty.status_code == absent.status_code == status
    assert known.content == empty.content == absent.content


@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        ("services.csv", "xml"),
        ("services.html", "xml"),
        ("services", "xml"),
        ("nonsense.json", "json"),
        ("nonsense.xml", "xml"),
        ("requests/GRO-2026-000001.txt", "xml"),
        ("", "xml"),
    ],
)
def test_unknown_paths_and_formats_get_a_404_error_body(
    client: Client, taxonomy: Taxonomy, path: str, fmt: str
) -> None:
    response = client.get(BASE + path)
    assert response.status_code == 404
    assert_error(response, fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_wrong_method_is_refused_with_allow_header(client: Client, taxonomy: Taxonomy, fmt: str) -> None:
    response = client.post(f"{BASE}services.{fmt}", {"x": "1"})
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert_error(response, fmt, 405, "POST")
    assert client.delete(f"{BASE}requests.{fmt}").status_code == 405


@pytest.mark.parametrize("fmt", FORMATS)
def test_tokens_are_never_known_because_every_service_is_realtime(client: Client, taxonomy: Taxonomy, fmt: str) -> None:
    response = client.get(f"{BASE}tokens/12345.{fmt}")
    assert response.status_code == 404
    assert_error(response, fmt, 404, "12345")


def test_get_responses_may_be_read_by_browser_apps_of_other_sites(client: Client, taxonomy: Taxonomy) -> None:
    assert client.get(f"{BASE}services.json")["Access-Control-Allow-Origin"] == "*"
