"""Reads of the back office: queue pages (keyset pagination), map points, a report's merged history, the audit log.

No query here counts a whole table: a queue page fetches one row more than it shows to know whether there is a
next page, and the total is counted only up to :data:`COUNT_CAP` rows.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from openbuurt.accounts.models import Department, User
from openbuurt.core.models import AuditLogEntry
from openbuurt.reports.backoffice.filters import Sort
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report
from openbuurt.triage.constants import Priority

PAGE_SIZE = 50
COUNT_CAP = 1000
MAP_CAP = 5000
QUEUE_RELATED = ("category", "category__parent", "department", "assignee", "district", "area")


class BadCursorError(ValueError):
    """The page cursor in the link is not one this page made."""


@dataclass(frozen=True)
class QueuePage:
    """One page of the queue: its reports, the cursor of the next page (``""`` on the last) and a capped count."""

    reports: list[Report]
    next_cursor: str
    count: int
    count_capped: bool


def _priority_rank() -> Case:
    return Case(
        When(priority=Priority.URGENT, then=Value(0)),
        When(priority=Priority.HIGH, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )


def _encode(*parts: object) -> str:
    raw = "|".join("" if part is None else str(part) for part in parts)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def _decode(cursor: str, expected_parts: int) -> list[str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise BadCursorError(cursor) from exc
    parts = raw.split("|")
    if len(parts) != expected_parts:
        raise BadCursorError(cursor)
    return parts


def _moment(value: str) -> datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        raise BadCursorError(value)
    return parsed


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise BadCursorError(value) from exc


def _ordered(reports: QuerySet[Report], sort: str) -> QuerySet[Report]:
    if sort == Sort.OLDEST:
        return reports.order_by("created_at", "id")
    if sort == Sort.DEADLINE:
        return reports.order_by(F("deadline").asc(nulls_last=True), "id")
    if sort == Sort.PRIORITY:
        return reports.annotate(priority_rank=_priority_rank()).order_by("priority_rank", "-created_at", "-id")
    return reports.order_by("-created_at", "-id")


def _after(reports: QuerySet[Report], sort: str, cursor: str) -> QuerySet[Report]:
    """Return the rows that come after ``cursor`` in the order of ``sort``."""
    if sort == Sort.PRIORITY:
        rank, created, pk = _decode(cursor, 3)
        r, c, i = _int(rank), _moment(created), _int(pk)
        return reports.filter(
            Q(priority_rank__gt=r) | Q(priority_rank=r, created_at__lt=c) | Q(priority_rank=r, created_at=c, id__lt=i)
        )
    value, pk = _decode(cursor, 2)
    i = _int(pk)
    if sort == Sort.DEADLINE:
        if not value:
            return reports.filter(deadline__isnull=True, id__gt=i)
        d = _moment(value)
        return reports.filter(Q(deadline__gt=d) | Q(deadline=d, id__gt=i) | Q(deadline__isnull=True))
    c = _moment(value)
    if sort == Sort.OLDEST:
        return reports.filter(Q(created_at__gt=c) | Q(created_at=c, id__gt=i))
    return reports.filter(Q(created_at__lt=c) | Q(created_at=c, id__lt=i))


def _cursor_of(report: Report, sort: str) -> str:
    if sort == Sort.PRIORITY:
        return _encode(getattr(report, "priority_rank", 2), report.created_at.isoformat(), report.pk)
    if sort == Sort.DEADLINE:
        return _encode(report.deadline.isoformat() if report.deadline else "", report.pk)
    return _encode(report.created_at.isoformat(), report.pk)


def queue_page(
    reports: QuerySet[Report],
    *,
    sort: str,
    cursor: str = "",
    size: int = PAGE_SIZE,
    ordering_source: QuerySet[Report] | None = None,
) -> QueuePage:
    """Return the page of ``reports`` (already scoped and filtered) after ``cursor`` in the order of ``sort``.

    First up to :data:`COUNT_CAP` + 1 matching ids are read through whichever index the filter favours; when
    that is all of them, the page is ordered from those ids alone. When more match, the page is read in index
    order from ``ordering_source`` (the same rows, written to walk ``created_at``; default ``reports``), so that
    no query sorts a large set. Raises :class:`BadCursorError` for a cursor this function did not make.
    """
    ids = list(reports.order_by().values_list("pk", flat=True)[: COUNT_CAP + 1])
    few = len(ids) <= COUNT_CAP
    source = Report.objects.filter(pk__in=ids) if few else (ordering_source if ordering_source is not None else reports)
    if sort == Sort.PRIORITY and not few:
        rows = _priority_tiers(source, cursor, size + 1)
    else:
        ordered = _ordered(source, sort)
        if cursor:
            ordered = _after(ordered, sort, cursor)
        rows = list(ordered.select_related(*QUEUE_RELATED)[: size + 1])
    has_more = len(rows) > size
    rows = rows[:size]
    return QueuePage(
        reports=rows,
        next_cursor=_cursor_of(rows[-1], sort) if has_more and rows else "",
        count=min(len(ids), COUNT_CAP),
        count_capped=not few,
    )


PRIORITY_TIERS = [(0, Priority.URGENT), (1, Priority.HIGH), (2, Priority.NORMAL)]


def _priority_tiers(source: QuerySet[Report], cursor: str, limit: int) -> list[Report]:
    """Read the priority order as consecutive newest-first lists per priority, so no query sorts by an expression."""
    after_rank: int = -1
    after_created: datetime | None = None
    after_id = 0
    if cursor:
        rank_text, created_text, pk_text = _decode(cursor, 3)
        after_rank, after_created, after_id = _int(rank_text), _moment(created_text), _int(pk_text)
    rows: list[Report] = []
    for rank, priority in PRIORITY_TIERS:
        if rank < after_rank or len(rows) >= limit:
            continue
        tier = source.filter(priority=priority).annotate(priority_rank=Value(rank, output_field=IntegerField()))
        if rank == after_rank and after_created is not None:
            tier = tier.filter(Q(created_at__lt=after_created) | Q(created_at=after_created, id__lt=after_id))
        tier = tier.order_by("-created_at", "-id").select_related(*QUEUE_RELATED)
        rows += list(tier[: limit - len(rows)])
    return rows


def map_features(reports: QuerySet[Report], *, language: str, cap: int = MAP_CAP) -> tuple[list[dict[str, Any]], bool]:
    """Return GeoJSON features of the ``cap`` most recent located ``reports`` and whether more were left out."""
    name_field = "category__name_en" if language.startswith("en") else "category__name_nl"
    rows = list(
        reports.filter(lat__isnull=False, lon__isnull=False)
        .order_by("-created_at", "-id")
        .values_list("public_id", "lat", "lon", "status", name_field, "priority", "deadline", "created_at")[: cap + 1]
    )
    labels = {status.value: str(status.label) for status in ReportStatus}
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
            "properties": {
                "id": public_id,
                "category": category,
                "status": status,
                "status_label": labels.get(status, status),
                "priority": priority,
                "deadline": deadline.isoformat() if deadline else None,
                "created": created.date().isoformat(),
            },
        }
        for public_id, lat, lon, status, category, priority, deadline, created in rows[:cap]
    ]
    return features, len(rows) > cap


@dataclass(frozen=True)
class HistoryItem:
    """One line in a report's history, from whichever table it was appended to."""

    at: datetime
    kind: str
    title: str
    actor: str
    public_text: str = ""
    internal_text: str = ""
    details: list[str] = field(default_factory=list)


def report_history(report: Report) -> list[HistoryItem]:
    """Return the status changes, assignments, category changes, notes and feedback of ``report`` in time order."""
    items: list[HistoryItem] = []
    for change in report.status_changes.all():
        items.append(
            HistoryItem(
                at=change.created_at,
                kind="status",
                title=_("Status: %(from)s → %(to)s")
                % {
                    "from": ReportStatus(change.from_status).label if change.from_status else "–",
                    "to": ReportStatus(change.to_status).label,
                },
                actor=change.actor_label,
                public_text=change.public_text,
                internal_text=change.internal_note,
            )
        )
    for row in report.assignments.select_related("organisation", "department", "assignee"):
        target = row.department.name if row.department else _("no team")
        if row.assignee:
            target += f" / {row.assignee.get_full_name() or row.assignee.get_username()}"
        details = [row.organisation.name]
        if row.rule_label:
            details.append(_("routing rule: %(rule)s") % {"rule": row.rule_label})
        items.append(
            HistoryItem(
                at=row.created_at,
                kind="assignment",
                title=_("Assigned to %(target)s") % {"target": target},
                actor=row.actor_label or _("routing"),
                internal_text=row.reason,
                details=details,
            )
        )
    for category_change in report.category_changes.select_related(
        "from_category", "from_category__parent", "to_category", "to_category__parent"
    ):
        before = str(category_change.from_category) if category_change.from_category else "–"
        items.append(
            HistoryItem(
                at=category_change.created_at,
                kind="category",
                title=_("Category: %(from)s → %(to)s") % {"from": before, "to": category_change.to_category},
                actor=category_change.actor.get_username() if category_change.actor else "",
                details=[category_change.get_source_display()],
            )
        )
    for note in report.notes.all():
        items.append(
            HistoryItem(
                at=note.created_at,
                kind="note",
                title=_("Internal note"),
                actor=note.author_label,
                internal_text=note.text,
            )
        )
    for answer in report.feedback.all():
        items.append(
            HistoryItem(
                at=answer.created_at,
                kind="feedback",
                title=_("Reporter: solved") if answer.is_solved else _("Reporter: not solved"),
                actor=_("reporter"),
                public_text=answer.comment,
            )
        )
    items.sort(key=lambda item: item.at)
    return items


def assignable_people(report: Report) -> list[tuple[Department | None, list[User]]]:
    """Return the active staff of the report's organisation, grouped by team (``None``: in no team)."""
    people = list(
        User.objects.filter(organisation_id=report.organisation_id, is_active=True)
        .prefetch_related("departments")
        .order_by("first_name", "last_name", "username")
    )
    teams = list(Department.objects.filter(organisation_id=report.organisation_id, is_active=True).order_by("name"))
    groups: list[tuple[Department | None, list[User]]] = []
    for team in teams:
        members = [person for person in people if any(d.pk == team.pk for d in person.departments.all())]
        if members:
            groups.append((team, members))
    loose = [person for person in people if not person.departments.all()]
    if loose:
        groups.append((None, loose))
    return groups


def audit_entries_for(user: User) -> QuerySet[AuditLogEntry]:
    """Return the audit entries ``user`` may read: all for a superuser without organisation, else their own
    organisation's (its reports, teams and staff, and what its staff did)."""
    entries = AuditLogEntry.objects.all()
    if user.organisation_id is None:
        return entries if user.is_superuser else entries.none()
    org = user.organisation_id
    report_ids = Report.objects.filter(organisation_id=org).annotate(key=Cast("pk", CharField())).values("key")
    member_ids = User.objects.filter(organisation_id=org).annotate(key=Cast("pk", CharField())).values("key")
    team_ids = Department.objects.filter(organisation_id=org).annotate(key=Cast("pk", CharField())).values("key")
    return entries.filter(
        Q(actor__organisation_id=org)
        | Q(object_type="reports.report", object_id__in=report_ids)
        | Q(object_type="accounts.user", object_id__in=member_ids)
        | Q(object_type="accounts.department", object_id__in=team_ids)
        | Q(object_type="accounts.organisation", object_id=str(org))
    )


def audit_page(
    entries: QuerySet[AuditLogEntry], *, cursor: str = "", size: int = PAGE_SIZE
) -> tuple[list[AuditLogEntry], str]:
    """Return a page of ``entries``, newest first, and the cursor of the next page (``""`` on the last)."""
    ordered = entries.order_by("-created_at", "-id")
    if cursor:
        value, pk = _decode(cursor, 2)
        c, i = _moment(value), _int(pk)
        ordered = ordered.filter(Q(created_at__lt=c) | Q(created_at=c, id__lt=i))
    rows = list(ordered.select_related("actor")[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return rows, (_encode(rows[-1].created_at.isoformat(), rows[-1].pk) if more and rows else "")
