"""Finding possible duplicates (radius, days, category, scope) and linking, unlinking and following."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

import pytest

from openbuurt.core.models import AuditLogEntry
from openbuurt.reports import selectors
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.duplicates import bounding_box, find_possible_duplicates, haversine_m
from openbuurt.reports.models import Follower, Note, Report, Reporter
from openbuurt.reports.services import DuplicateLinkError, FollowError, follow_report, link_duplicate, unlink_duplicate
from openbuurt.reports.tests.backoffice.conftest import HERE, World
from openbuurt.reports.tests.factories import ReportFactory

pytestmark = pytest.mark.django_db

# One metre north is 1 / 111,320 of a degree of latitude.
METRE = 1 / 111_320


def at_distance(world: World, metres: float, **extra: object) -> Report:
    defaults: dict[str, object] = {"organisation": world.municipality, "category": world.lamp_broken}
    report: Report = ReportFactory(lat=HERE[0] + metres * METRE, lon=HERE[1], **(defaults | extra))
    return report


def found(world: World, **kwargs: object) -> list[str]:
    arguments: dict[str, object] = {"category": world.lamp_broken, "lat": HERE[0], "lon": HERE[1]} | kwargs
    return [item.report.public_id for item in find_possible_duplicates(**arguments)]  # type: ignore[arg-type]


def test_haversine_and_the_bounding_box_agree_with_known_distances() -> None:
    # Groningen Grote Markt to the Martinitoren is about 100 m; one degree of latitude is about 111.2 km.
    assert haversine_m(53.0, 6.0, 54.0, 6.0) == pytest.approx(111_195, rel=1e-3)
    _min_lat, max_lat, _min_lon, max_lon = bounding_box(53.2, 6.56, 100)
    assert haversine_m(53.2, 6.56, max_lat, 6.56) == pytest.approx(100, rel=1e-2)
    assert haversine_m(53.2, 6.56, 53.2, max_lon) == pytest.approx(100, rel=1e-2)


def test_reports_within_the_radius_are_found_nearest_first(world: World) -> None:
    Report.objects.all().delete()
    near = at_distance(world, 20)
    middle = at_distance(world, 80)
    far = at_distance(world, 140)

    assert found(world, radius_m=100) == [near.public_id, middle.public_id]
    assert found(world, radius_m=150) == [near.public_id, middle.public_id, far.public_id]
    assert found(world, radius_m=50) == [near.public_id]


def test_only_recent_reports_count(world: World) -> None:
    Report.objects.all().delete()
    now = timezone.now()
    recent = at_distance(world, 10, created_at=now - timedelta(days=5))
    at_distance(world, 10, created_at=now - timedelta(days=40))
    future = at_distance(world, 10, created_at=now + timedelta(days=1))

    assert found(world, days=30, at=now) == [recent.public_id]
    assert future.public_id not in found(world, days=30, at=now)


def test_same_category_or_same_main_category(world: World) -> None:
    Report.objects.all().delete()
    same = at_distance(world, 10)
    sibling = at_distance(world, 20, category=world.lamp_flickering)
    at_distance(world, 30, category=world.litter)

    assert found(world, include_main=False) == [same.public_id]
    assert found(world) == [same.public_id, sibling.public_id]
    assert len(found(world, category=None)) == 3


def test_closed_and_already_linked_reports_are_left_out(world: World) -> None:
    Report.objects.all().delete()
    primary = at_distance(world, 10)
    at_distance(world, 10, status=ReportStatus.DONE)
    at_distance(world, 10, duplicate_of=primary)

    assert found(world) == [primary.public_id]


def test_the_search_stays_within_the_given_scope(world: World) -> None:
    Report.objects.all().delete()
    confidential = at_distance(world, 10, is_confidential=True)
    public = at_distance(world, 15)

    assert found(world, among=selectors.public_reports()) == [public.public_id]
    assert found(world) == [confidential.public_id, public.public_id]
    assert found(world, exclude=public) == [confidential.public_id]


def test_link_moves_the_later_reporter_to_a_follower_with_history_and_audit(world: World) -> None:
    lead = world.users["team_lead"]

    follower = link_duplicate(report=world.lamp, primary=world.lamp_earlier, actor=lead)

    assert follower is not None and follower.report == world.lamp_earlier
    assert (follower.email, follower.source_report) == ("bewoner@example.org", world.lamp)
    assert world.lamp.duplicate_of == world.lamp_earlier
    assert Note.objects.filter(report=world.lamp, text__contains=world.lamp_earlier.public_id).exists()
    assert Note.objects.filter(report=world.lamp_earlier, text__contains=world.lamp.public_id).exists()
    assert AuditLogEntry.objects.filter(
        object_id=str(world.lamp.pk), summary__startswith="linked as duplicate"
    ).exists()


def test_link_adds_no_follower_when_the_reporter_wanted_no_updates(world: World) -> None:
    Reporter.objects.filter(report=world.lamp).update(wants_updates=False)

    assert link_duplicate(report=world.lamp, primary=world.lamp_earlier, actor=None) is None
    assert not Follower.objects.exists()


def test_link_refuses_another_organisations_report(world: World) -> None:
    with pytest.raises(DuplicateLinkError):
        link_duplicate(report=world.lamp, primary=world.other_report, actor=None)
    world.lamp.refresh_from_db()
    assert world.lamp.duplicate_of is None


def test_link_refuses_a_report_that_others_are_linked_to(world: World) -> None:
    with pytest.raises(DuplicateLinkError, match="Other reports are linked"):
        link_duplicate(report=world.lamp_earlier, primary=world.lamp, actor=None)


def test_unlink_removes_the_follower_it_added(world: World) -> None:
    link_duplicate(report=world.lamp, primary=world.lamp_earlier, actor=None)
    Follower.objects.create(report=world.lamp_earlier, email="buur@example.org", created_at=timezone.now())

    unlink_duplicate(report=world.lamp, actor=None)

    assert world.lamp.duplicate_of is None
    assert list(Follower.objects.values_list("email", flat=True)) == ["buur@example.org"]
    with pytest.raises(DuplicateLinkError):
        unlink_duplicate(report=world.lamp, actor=None)


def test_a_resident_follows_a_public_report_once(world: World) -> None:
    first, created = follow_report(report=world.lamp, email="  Buur@Example.org ")
    again, created_again = follow_report(report=world.lamp, email="buur@example.org")

    assert (created, created_again) == (True, False)
    assert first.pk == again.pk and first.email == "buur@example.org"
    entry = AuditLogEntry.objects.get(object_type="reports.follower")
    assert "buur" not in entry.summary and "buur" not in str(entry.detail)


def test_following_a_duplicate_follows_its_primary(world: World) -> None:
    follower, _created = follow_report(report=world.linked, email="buur@example.org")

    assert follower.report == world.lamp_earlier


@pytest.mark.parametrize("email", ["", "geen-adres", "a@b", "x" * 300 + "@example.org"])
def test_following_with_a_bad_address_is_refused(world: World, email: str) -> None:
    with pytest.raises(FollowError):
        follow_report(report=world.lamp, email=email)
    assert not Follower.objects.exists()


def test_police_confidential_and_closed_reports_cannot_be_followed(world: World) -> None:
    closed = ReportFactory(organisation=world.municipality, category=world.lamp_broken, status=ReportStatus.DONE)
    confidential = ReportFactory(organisation=world.municipality, category=world.lamp_broken, is_confidential=True)

    for report in (world.police_report, closed, confidential):
        with pytest.raises(FollowError):
            follow_report(report=report, email="buur@example.org")
    assert not Follower.objects.exists()
