"""The queue: each filter alone and combined, search, sorting, keyset pages, htmx partials and saved filters."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

import pytest

from openbuurt.places.tests.factories import AreaFactory
from openbuurt.reports.backoffice import selectors
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.models_backoffice import SavedFilter
from openbuurt.reports.tests.backoffice.conftest import World, client_for
from openbuurt.reports.tests.factories import ReportFactory
from openbuurt.triage.constants import Priority

pytestmark = pytest.mark.django_db


def numbers(response: Any) -> list[str]:
    assert response.status_code == 200, response.content[:500]
    return [report.public_id for report in response.context["page"].reports]


def queue(world: World, user: str = "team_lead", **params: Any) -> Any:
    return client_for(world.users[user]).get(reverse("backoffice:queue"), params)


def test_without_filters_the_queue_shows_open_reports_newest_first(world: World) -> None:
    done = ReportFactory(organisation=world.municipality, category=world.litter, status=ReportStatus.DONE)

    shown = numbers(queue(world))

    assert shown == [world.lamp.public_id, world.linked.public_id, world.lamp_earlier.public_id]
    assert done.public_id not in shown
    assert world.police_report.public_id not in shown and world.other_report.public_id not in shown


def test_status_filter_takes_several_statuses(world: World) -> None:
    done = ReportFactory(organisation=world.municipality, category=world.litter, status=ReportStatus.DONE)
    world.lamp.status = ReportStatus.IN_PROGRESS
    world.lamp.save(update_fields=["status"])

    assert numbers(queue(world, status=["done"])) == [done.public_id]
    assert set(numbers(queue(world, status=["done", "in_progress"]))) == {done.public_id, world.lamp.public_id}
    # Submitting the form with no status ticked means every status.
    assert done.public_id in numbers(queue(world, q=""))


def test_category_filter_on_a_main_category_includes_its_sub_categories(world: World) -> None:
    litter = ReportFactory(organisation=world.municipality, category=world.litter)
    flicker = ReportFactory(organisation=world.municipality, category=world.lamp_flickering)

    assert set(numbers(queue(world, category=world.lighting_main.pk))) == {
        world.lamp.public_id,
        world.lamp_earlier.public_id,
        world.linked.public_id,
        flicker.public_id,
    }
    assert numbers(queue(world, category=world.lamp_flickering.pk)) == [flicker.public_id]
    assert numbers(queue(world, category=world.waste_main.pk)) == [litter.public_id]


def test_team_filter_and_the_unrouted_queue(world: World) -> None:
    unrouted = ReportFactory(organisation=world.municipality, category=world.litter, department=None)
    waste = ReportFactory(organisation=world.municipality, category=world.litter, department=world.waste)

    assert numbers(queue(world, team="none")) == [unrouted.public_id]
    assert numbers(queue(world, team=world.waste.pk)) == [waste.public_id]
    assert len(numbers(queue(world, team=world.lighting.pk))) == 3


def test_person_filter_me_nobody_and_someone(world: World) -> None:
    lead = world.users["team_lead"]
    member = world.users["team_member"]
    Report.objects.filter(pk=world.lamp.pk).update(assignee=lead)
    Report.objects.filter(pk=world.linked.pk).update(assignee=member)

    assert numbers(queue(world, person="me")) == [world.lamp.public_id]
    assert numbers(queue(world, person=member.pk)) == [world.linked.public_id]
    assert numbers(queue(world, person="none")) == [world.lamp_earlier.public_id]


def test_area_filter_matches_the_district(world: World) -> None:
    centrum = AreaFactory(district=True, name="Centrum (test)", lat=53.2194, lon=6.5665)
    Report.objects.filter(pk=world.lamp_earlier.pk).update(district=centrum)

    assert numbers(queue(world, area=centrum.pk)) == [world.lamp_earlier.public_id]


def test_period_filter_counts_whole_local_days(world: World) -> None:
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    midnight = datetime.combine(today, time.min, tzinfo=tz)
    Report.objects.filter(pk=world.lamp.pk).update(created_at=midnight + timedelta(minutes=30))
    Report.objects.filter(pk=world.linked.pk).update(created_at=midnight - timedelta(minutes=30))
    Report.objects.filter(pk=world.lamp_earlier.pk).update(created_at=midnight - timedelta(days=3))
    yesterday = (today - timedelta(days=1)).isoformat()

    assert numbers(queue(world, received_from=today.isoformat())) == [world.lamp.public_id]
    assert numbers(queue(world, received_from=yesterday, received_to=yesterday)) == [world.linked.public_id]
    assert numbers(queue(world, received_to=(today - timedelta(days=2)).isoformat())) == [world.lamp_earlier.public_id]


def test_a_period_that_ends_before_it_starts_is_refused_with_a_message(world: World) -> None:
    today = timezone.localdate()
    response = queue(world, received_from=today.isoformat(), received_to=(today - timedelta(days=3)).isoformat())

    assert response.status_code == 200
    assert response.context["form"].errors["received_to"] == ["The end date lies before the start date."]
    assert 'id="id_received_to_error"' in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_overdue_and_far_overdue_filters_count_open_reports_only(world: World) -> None:
    now = timezone.now()
    Report.objects.filter(pk=world.lamp_earlier.pk).update(
        deadline=now - timedelta(days=1), far_deadline=now + timedelta(days=5)
    )
    Report.objects.filter(pk=world.linked.pk).update(
        deadline=now - timedelta(days=20), far_deadline=now - timedelta(days=2)
    )
    ReportFactory(
        organisation=world.municipality,
        category=world.litter,
        status=ReportStatus.DONE,
        deadline=now - timedelta(days=30),
        far_deadline=now - timedelta(days=10),
    )

    assert set(numbers(queue(world, lateness="overdue", status=["new", "done"]))) == {
        world.lamp_earlier.public_id,
        world.linked.public_id,
    }
    assert numbers(queue(world, lateness="far_overdue", status=["new", "done"])) == [world.linked.public_id]
    assert numbers(queue(world, lateness="on_time")) == [world.lamp.public_id]


def test_channel_needs_triage_and_priority_filters(world: World) -> None:
    Report.objects.filter(pk=world.lamp.pk).update(source=ReportSource.OPEN311, needs_triage=True)
    Report.objects.filter(pk=world.linked.pk).update(priority=Priority.URGENT)

    assert numbers(queue(world, channel="open311")) == [world.lamp.public_id]
    assert numbers(queue(world, needs_triage="yes")) == [world.lamp.public_id]
    assert len(numbers(queue(world, needs_triage="no"))) == 2
    assert numbers(queue(world, priority="urgent")) == [world.linked.public_id]


def test_filters_combine(world: World) -> None:
    Report.objects.filter(pk=world.lamp.pk).update(source=ReportSource.PHONE, priority=Priority.HIGH)
    Report.objects.filter(pk=world.linked.pk).update(source=ReportSource.PHONE)

    assert numbers(queue(world, channel="phone", priority="high", team=world.lighting.pk, status=["new"])) == [
        world.lamp.public_id
    ]
    assert numbers(queue(world, channel="phone", priority="high", team=world.waste.pk)) == []


def test_search_finds_an_exact_report_number_or_words_in_the_text(world: World) -> None:
    Report.objects.filter(pk=world.linked.pk).update(text="De lantaarnpaal bij de Vismarkt knippert (testtekst).")

    assert numbers(queue(world, q=world.lamp.public_id.lower())) == [world.lamp.public_id]
    assert numbers(queue(world, q="vismarkt knippert")) == [world.linked.public_id]
    assert numbers(queue(world, q="vismarkt fiets")) == []
    # Search never widens the scope.
    assert numbers(queue(world, q=world.police_report.public_id)) == []


def test_sorting_by_deadline_and_priority(world: World) -> None:
    now = timezone.now()
    Report.objects.filter(pk=world.lamp_earlier.pk).update(deadline=now + timedelta(days=1), priority=Priority.HIGH)
    Report.objects.filter(pk=world.linked.pk).update(deadline=None, priority=Priority.URGENT)

    assert numbers(queue(world, sort="deadline")) == [
        world.lamp_earlier.public_id,
        world.lamp.public_id,
        world.linked.public_id,
    ]
    assert numbers(queue(world, sort="priority")) == [
        world.linked.public_id,
        world.lamp_earlier.public_id,
        world.lamp.public_id,
    ]
    assert numbers(queue(world, sort="oldest")) == [
        world.lamp_earlier.public_id,
        world.linked.public_id,
        world.lamp.public_id,
    ]


@pytest.mark.parametrize("cap", [1000, 4], ids=["few-matches", "many-matches"])
@pytest.mark.parametrize("sort", ["created", "oldest", "deadline", "priority"])
def test_keyset_pages_visit_every_report_once_in_order(
    world: World, sort: str, cap: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", cap)
    now = timezone.now()
    for index in range(7):
        ReportFactory(
            organisation=world.municipality,
            category=world.litter,
            created_at=now - timedelta(minutes=index % 3),  # equal times: the id breaks the tie
            deadline=None if index % 2 else now + timedelta(days=index % 3),
            priority=[Priority.NORMAL, Priority.HIGH, Priority.URGENT][index % 3],
        )
    expected = set(Report.objects.filter(organisation=world.municipality).values_list("public_id", flat=True))
    scoped = Report.objects.filter(organisation=world.municipality)
    seen: list[str] = []
    cursor = ""
    while True:
        page = selectors.queue_page(scoped, sort=sort, cursor=cursor, size=3)
        seen += [report.public_id for report in page.reports]
        if not page.next_cursor:
            break
        cursor = page.next_cursor

    assert sorted(seen) == sorted(expected)
    assert len(seen) == len(set(seen))
    rank = {"urgent": 0, "high": 1, "normal": 2}
    rows = {report.public_id: report for report in scoped}
    keys = {
        "created": lambda r: (-r.created_at.timestamp(), -r.pk),
        "oldest": lambda r: (r.created_at.timestamp(), r.pk),
        "deadline": lambda r: (r.deadline is None, r.deadline.timestamp() if r.deadline else 0, r.pk),
        "priority": lambda r: (rank[r.priority], -r.created_at.timestamp(), -r.pk),
    }
    assert seen == sorted(seen, key=lambda public_id: keys[sort](rows[public_id]))


def test_the_next_page_link_continues_the_list(world: World) -> None:
    for _index in range(55):
        ReportFactory(organisation=world.municipality, category=world.litter)

    first = queue(world)
    second = client_for(world.users["team_lead"]).get(first.context["next_url"])

    assert len(numbers(first)) == 50
    assert len(numbers(second)) == 8
    assert not set(numbers(first)) & set(numbers(second))
    assert second.context["next_url"] == ""


def test_a_broken_page_link_shows_the_first_page_with_a_message(world: World) -> None:
    response = queue(world, after="not-a-cursor!")

    assert response.context["bad_cursor"] is True
    assert numbers(response)[0] == world.lamp.public_id


def test_a_page_is_a_fixed_number_of_queries_without_a_full_count(world: World) -> None:
    for _index in range(60):
        ReportFactory(organisation=world.municipality, category=world.litter, department=world.waste)
    client = client_for(world.users["team_lead"])
    client.get(reverse("backoffice:queue"))  # warm the session and translations
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("backoffice:queue"))

    assert response.status_code == 200
    sqls = [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in sqls if "COUNT(" in sql.upper() and "reports_report" in sql]
    assert any("LIMIT 1001" in sql for sql in sqls)
    assert len(queries.captured_queries) < 20


def test_the_count_is_capped(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)

    page = selectors.queue_page(Report.objects.filter(organisation=world.municipality), sort="created")

    assert page.count == 2 and page.count_capped


def test_htmx_requests_get_only_the_results(world: World) -> None:
    client = client_for(world.users["team_lead"])
    response = client.get(reverse("backoffice:queue"), {"q": ""}, headers={"HX-Request": "true"})
    full = client.get(reverse("backoffice:queue"))

    assert "<html" not in response.content.decode()
    assert 'id="queue-table"' in response.content.decode()
    assert "<html" in full.content.decode() and 'id="filter-form"' in full.content.decode()
    restore = client.get(
        reverse("backoffice:queue"), headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    )
    assert "<html" in restore.content.decode()


def test_saving_using_and_deleting_a_filter(world: World) -> None:
    lead = world.users["team_lead"]
    client = client_for(lead)
    query = f"status=new&team={world.lighting.pk}"

    saved = client.post(
        reverse("backoffice:filter-save"), {"name": "Mijn lampen", "query": query, "show_on_queue": "on"}
    )
    duplicate = client.post(reverse("backoffice:filter-save"), {"name": "Mijn lampen", "query": "status=done"})
    nameless = client.post(reverse("backoffice:filter-save"), {"name": "", "query": "status=done"})

    assert saved.status_code == duplicate.status_code == nameless.status_code == 302
    stored = SavedFilter.objects.get(owner=lead)
    assert (stored.name, stored.query, stored.show_on_queue) == ("Mijn lampen", query, True)
    page = client.get(reverse("backoffice:queue") + "?" + query)
    assert "Mijn lampen" in page.content.decode()
    assert 'aria-current="true"' in page.content.decode()
    # Someone else's filter is not theirs to delete.
    other = client_for(world.users["team_member"]).post(reverse("backoffice:filter-delete", kwargs={"pk": stored.pk}))
    assert other.status_code == 404
    client.post(reverse("backoffice:filter-delete", kwargs={"pk": stored.pk}))
    assert not SavedFilter.objects.exists()


def test_a_saved_filter_never_widens_the_scope(world: World) -> None:
    officer = world.users["police_officer"]
    client = client_for(officer)
    client.post(reverse("backoffice:filter-save"), {"name": "Alles", "query": f"team={world.lighting.pk}"})
    query = SavedFilter.objects.get(owner=officer).query

    response = client.get(reverse("backoffice:queue") + "?" + query)

    # Another organisation's team is not a choice: the field says so, and only police reports are listed.
    assert response.context["form"].errors["team"]
    assert numbers(response) == [world.police_report.public_id]
