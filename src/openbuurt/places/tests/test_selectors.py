"""Reads other apps use: describing a point, finding an area, and the geocoder configuration check."""

from __future__ import annotations

from typing import Any

import pytest

from openbuurt.places.checks import check_geocoders
from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area
from openbuurt.places.selectors import area_by_code, describe_point, geocode_reverse, geocode_search


@pytest.mark.django_db
def test_describe_point_gives_the_buurt_the_wijk_and_service(groningen: int) -> None:
    place = describe_point(53.2194, 6.5665)
    assert place.area is not None and place.district is not None
    buurt = Area.objects.select_related("parent").get(code=place.area.code)
    assert buurt.kind == AreaKind.NEIGHBOURHOOD
    assert buurt.parent is not None and place.district.code == buurt.parent.code
    assert place.inside_municipality is True
    outside = describe_point(52.3731, 4.8926)
    assert (outside.area, outside.district, outside.inside_municipality) == (None, None, False)


@pytest.mark.django_db
def test_area_by_code(groningen: int) -> None:
    centrum = area_by_code("WK001400")
    assert centrum is not None and centrum.name == "Centrum"
    assert area_by_code("WK999999") is None


@pytest.mark.django_db
def test_without_geocoders_nothing_is_found(settings: Any, groningen: int) -> None:
    settings.OPENBUURT_GEOCODERS = []
    assert geocode_search("Vismarkt") == []
    assert geocode_reverse(53.2194, 6.5665) is None


def test_the_system_check_refuses_unknown_geocoders_and_warns_without_the_gazetteer(settings: Any) -> None:
    settings.OPENBUURT_GEOCODERS = ["pdok", "gazetteer"]
    assert check_geocoders() == []
    settings.OPENBUURT_GEOCODERS = ["pdok", "nominatim"]
    assert sorted(str(message.id) for message in check_geocoders()) == ["places.E001", "places.W001"]
    assert "nominatim" in check_geocoders()[0].msg
