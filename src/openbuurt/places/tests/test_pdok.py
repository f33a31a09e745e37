"""The PDOK Locatieserver client against a loopback fake that speaks its wire format, and the fall-back chain."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest

from openbuurt.places.geocoding import GeocoderUnavailable
from openbuurt.places.geocoding.pdok import PdokGeocoder, parse_point
from openbuurt.places.selectors import geocode_reverse, geocode_search
from openbuurt.places.tests.pdok_fake import NO_POINT_DOC, VISMARKT_DOC, FakePdok, running_fake_pdok

TIMEOUT_S = 0.3


@pytest.fixture
def pdok(settings: Any) -> Iterator[FakePdok]:
    with running_fake_pdok() as fake:
        settings.OPENBUURT_PDOK_URL = fake.url
        settings.OPENBUURT_GEOCODER_TIMEOUT = TIMEOUT_S
        settings.OPENBUURT_PDOK_MUNICIPALITY = "Groningen"
        settings.OPENBUURT_GEOCODERS = ["pdok", "gazetteer"]
        yield fake


def test_search_parses_addresses_and_streets_and_skips_documents_without_a_point(pdok: FakePdok) -> None:
    results = PdokGeocoder().search("Vismarkt 12a", 5)
    assert [r.label for r in results] == ["Vismarkt 12a, 9712CB Groningen", "Vismarkt, Groningen"]
    address = results[0]
    assert (address.lon, address.lat) == (6.56412345, 53.21728765)
    assert (address.kind, address.source) == ("adres", "pdok")
    assert (address.street, address.house_number, address.postcode, address.city) == (
        "Vismarkt",
        "12a",
        "9712CB",
        "Groningen",
    )
    assert address.address_id == VISMARKT_DOC["nummeraanduiding_id"]
    assert results[1].address_id.startswith("wgd-")
    assert all(r.label != NO_POINT_DOC["weergavenaam"] for r in results)


def test_search_asks_for_addresses_streets_and_places_in_the_municipality(pdok: FakePdok) -> None:
    PdokGeocoder().search('Vismarkt "12a" (Groningen):*', 3)
    [(endpoint, params)] = pdok.requests
    assert endpoint == "free"
    assert params["q"] == ["Vismarkt 12a Groningen"]
    assert params["rows"] == ["3"]
    assert sorted(params["fq"]) == ['gemeentenaam:"Groningen"', "type:(adres OR weg OR woonplaats)"]
    assert "centroide_ll" in params["fl"][0].split(",")


def test_search_without_a_municipality_asks_nationwide(pdok: FakePdok) -> None:
    PdokGeocoder(municipality="").search("Damrak 1", 3)
    assert pdok.requests[0][1]["fq"] == ["type:(adres OR weg OR woonplaats)"]


def test_an_empty_answer_is_no_result_and_the_chain_asks_the_gazetteer(pdok: FakePdok, groningen: int) -> None:
    pdok.mode = "empty"
    assert PdokGeocoder().search("Korrewegwijk", 5) == []
    results = geocode_search("Korrewegwijk")
    assert results and results[0].source == "gazetteer"
    assert results[0].label.startswith("Korrewegwijk")


@pytest.mark.parametrize("mode", ["error", "malformed"])
def test_a_failing_pdok_is_unavailable_and_the_chain_falls_back(pdok: FakePdok, groningen: int, mode: str) -> None:
    pdok.mode = mode
    with pytest.raises(GeocoderUnavailable):
        PdokGeocoder().search("Vismarkt", 5)
    results = geocode_search("Vismarkt")
    assert results and {r.source for r in results} == {"gazetteer"}
    assert results[0].label.startswith("Vismarkt")


def test_a_slow_pdok_times_out_and_the_chain_falls_back_quickly(pdok: FakePdok, groningen: int) -> None:
    pdok.mode = "slow"
    pdok.slow_seconds = 1.5
    started = time.monotonic()
    with pytest.raises(GeocoderUnavailable, match="Timeout"):
        PdokGeocoder().search("Vismarkt", 5)
    assert time.monotonic() - started < 1.2
    results = geocode_search("Zernike")
    assert results and results[0].source == "gazetteer"


def test_after_a_failure_pdok_is_skipped_for_a_while(pdok: FakePdok, groningen: int) -> None:
    pdok.mode = "error"
    geocode_search("Vismarkt")
    asked = len(pdok.requests)
    pdok.mode = "ok"
    results = geocode_search("Vismarkt")
    assert len(pdok.requests) == asked
    assert results[0].source == "gazetteer"


def test_an_unreachable_pdok_is_unavailable(settings: Any) -> None:
    with running_fake_pdok() as fake:
        url = fake.url
    with pytest.raises(GeocoderUnavailable):
        PdokGeocoder(base_url=url, timeout=TIMEOUT_S).search("Vismarkt", 5)


def test_reverse_parses_the_nearest_address(pdok: FakePdok) -> None:
    result = PdokGeocoder().reverse(53.2173, 6.5641)
    assert result is not None
    assert result.label == "Vismarkt 12a-2, 9712CB Groningen"
    assert result.house_number == "12a-2"
    [(endpoint, params)] = pdok.requests
    assert endpoint == "reverse"
    assert (params["lat"], params["lon"], params["type"], params["rows"]) == (
        ["53.2173000"],
        ["6.5641000"],
        ["adres"],
        ["1"],
    )


def test_reverse_without_an_address_nearby_falls_back_to_the_gazetteer(pdok: FakePdok, groningen: int) -> None:
    pdok.mode = "empty"
    assert PdokGeocoder().reverse(53.2194, 6.5665) is None
    result = geocode_reverse(53.2194, 6.5665)
    assert result is not None and result.source == "gazetteer"


def test_reverse_in_a_failing_pdok_is_unavailable(pdok: FakePdok) -> None:
    pdok.mode = "malformed"
    with pytest.raises(GeocoderUnavailable, match="malformed"):
        PdokGeocoder().reverse(53.2194, 6.5665)


def test_the_chain_uses_pdok_first_when_it_answers(pdok: FakePdok, groningen: int) -> None:
    results = geocode_search("Vismarkt", limit=1)
    assert [r.source for r in results] == ["pdok"]
    assert len(pdok.requests) == 1


def test_a_fake_that_refuses_unknown_parameters_refuses_them(pdok: FakePdok) -> None:
    # Guards the fake itself: the client passes only parameters the real service accepts.
    status, _body = pdok.answer("free", {"q": ["x"], "bogus": ["1"]})
    assert status == 400


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("POINT(6.56412345 53.21728765)", (6.56412345, 53.21728765)),
        ("point( 6.5 53.2 )", (6.5, 53.2)),
        ("POINT(6.5)", None),
        ("POLYGON((6 53, 7 53, 7 54, 6 53))", None),
        ("POINT(653 53)", None),
        (None, None),
    ],
)
def test_parse_point_reads_wkt_points_only(text: object, expected: tuple[float, float] | None) -> None:
    assert parse_point(text) == expected
