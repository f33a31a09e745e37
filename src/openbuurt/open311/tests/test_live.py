"""A round trip over real HTTP: a client POSTs a service request to a running server, then reads it back."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from openbuurt.open311.tests.conftest import Key
from openbuurt.open311.tests.factories import Taxonomy, parse_xml


@pytest.mark.slow
def test_post_then_get_over_http(transactional_db: None, live_server: Any, taxonomy: Taxonomy, key: Key) -> None:
    base = f"{live_server.url}/open311/v2/"
    form = {
        "api_key": key.plain,
        "service_code": "T-101",
        "lat": "53.2194",
        "long": "6.5665",
        "description": "Lantaarnpaal op de hoek doet het niet meer, bel 0612345678 (testtekst, door ons).",
        "email": "bewoner@example.org",
    }
    with httpx.Client(base_url=base, timeout=30) as http:
        discovery = http.get("discovery.json")
        assert discovery.status_code == 200 and discovery.headers["content-type"] == "application/json"

        created = http.post("requests.json", data=form, headers={"Idempotency-Key": "live-1"})
        assert created.status_code == 201, created.text
        [answer] = created.json()
        public_id = answer["service_request_id"]
        assert isinstance(public_id, str) and answer["account_id"] is None

        retried = http.post("requests.json", data=form, headers={"Idempotency-Key": "live-1"})
        assert retried.status_code == 200 and retried.json() == created.json()

        fetched = http.get(f"requests/{public_id}.json")
        assert fetched.status_code == 200
        [item] = fetched.json()
        assert item["service_request_id"] == public_id
        assert item["service_code"] == "T-101" and item["status"] == "open"
        assert "0612345678" not in item["description"] and item["description"].startswith("Lantaarnpaal op de hoek")
        assert "bewoner@example.org" not in fetched.text

        as_xml = http.get(f"requests/{public_id}.xml")
        assert as_xml.headers["content-type"] == "text/xml; charset=utf-8"
        assert parse_xml(as_xml.content).findtext("request/service_request_id") == public_id

        listed = http.get("requests.json", params={"service_code": "T-101", "status": "open"})
        assert [i["service_request_id"] for i in listed.json()] == [public_id]

        refused = http.post("requests.xml", data={**form, "api_key": "wrong"})
        assert refused.status_code == 403
        assert parse_xml(refused.content).findtext("error/code") == "403"
