"""The map of the filtered queue: the page, and the GeoJSON endpoint's scoping, filtering and cap."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

import pytest

from openbuurt.reports.backoffice import selectors
from openbuurt.reports.models import Report
from openbuurt.reports.tests.backoffice.conftest import World, client_for
from openbuurt.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db


def points(world: World, user: str, **params: Any) -> dict[str, object]:
    response = client_for(world.users[user]).get(reverse("backoffice:map-data"), params)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    data: dict[str, object] = json.loads(response.content)
    return data


def ids(data: dict[str, object]) -> set[str]:
    features = data["features"]
    assert isinstance(features, list)
    return {feature["properties"]["id"] for feature in features}


def test_map_data_holds_only_what_the_user_may_see(world: World) -> None:
    municipal = {world.lamp.public_id, world.lamp_earlier.public_id, world.linked.public_id}

    assert ids(points(world, "team_lead")) == municipal
    assert ids(points(world, "police_officer")) == {world.police_report.public_id}
    assert ids(points(world, "limited")) == set()
    assert ids(points(world, "other_municipality")) == {world.other_report.public_id}


def test_map_data_follows_the_queue_filters(world: World) -> None:
    flicker = ReportFactory(organisation=world.municipality, category=world.lamp_flickering, lat=53.22, lon=6.57)

    assert ids(points(world, "team_lead", category=world.lamp_flickering.pk)) == {flicker.public_id}
    assert ids(points(world, "team_lead", q=world.lamp.public_id)) == {world.lamp.public_id}


def test_map_data_leaves_out_reports_without_a_place_and_gives_exact_points(world: World) -> None:
    Report.objects.filter(pk=world.linked.pk).update(lat=None, lon=None)

    data = points(world, "team_lead")

    assert world.linked.public_id not in ids(data)
    features = data["features"]
    assert isinstance(features, list)
    lamp = next(feature for feature in features if feature["properties"]["id"] == world.lamp.public_id)
    assert lamp["geometry"]["coordinates"] == [6.5665, 53.2194]
    assert set(lamp["properties"]) == {"id", "category", "status", "status_label", "priority", "deadline", "created"}


def test_map_data_is_capped_to_the_most_recent(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "MAP_CAP", 2)
    features, capped = selectors.map_features(
        Report.objects.filter(organisation=world.municipality), language="nl", cap=2
    )

    assert capped is True
    assert [feature["properties"]["id"] for feature in features] == [world.lamp.public_id, world.linked.public_id]


def test_bad_filter_input_on_the_map_data_is_a_400_with_the_reason(world: World) -> None:
    response = client_for(world.users["team_lead"]).get(reverse("backoffice:map-data"), {"received_from": "gisteren"})

    assert response.status_code == 400
    assert "received_from" in json.loads(response.content)["errors"]


def test_the_map_page_points_its_script_at_the_filtered_data(world: World) -> None:
    response = client_for(world.users["team_lead"]).get(reverse("backoffice:map"), {"priority": "high"})

    assert response.status_code == 200
    config = response.context["map_config"]
    assert config["dataUrl"].startswith(reverse("backoffice:map-data") + "?")
    assert "priority=high" in config["dataUrl"]
    assert 'id="cluster-map"' in response.content.decode()
