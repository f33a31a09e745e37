"""The queue filter: one GET form shared by the queue, the map and saved filters.

The form turns a query string into conditions on a queryset that is already scoped to the user; it never widens
that scope. Every condition uses an indexed column or narrows rows already found through one, so that a page of a
million-report queue stays fast: organisation/status/created_at, category/created_at, deadline and created_at are
indexed in ``Report.Meta``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Department, User
from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area
from openbuurt.reports.backoffice.forms_base import DescribedForm
from openbuurt.reports.constants import CLOSED_STATUSES, ReportSource, ReportStatus
from openbuurt.reports.models import Report
from openbuurt.triage.constants import Priority
from openbuurt.triage.models import Category

OPEN_STATUSES = [status for status in ReportStatus if status not in CLOSED_STATUSES]
REPORT_NUMBER = re.compile(r"^[A-Za-z]{2,5}-\d{4}-\d{1,9}$")
# Query-string keys that are not filters: the page cursor and the saved-filter form's own fields.
NOT_FILTER_KEYS = frozenset({"after", "csrfmiddlewaretoken"})


class Sort:
    CREATED = "created"
    OLDEST = "oldest"
    DEADLINE = "deadline"
    PRIORITY = "priority"
    choices = [
        (CREATED, _("newest first")),
        (OLDEST, _("oldest first")),
        (DEADLINE, _("deadline, soonest first")),
        (PRIORITY, _("priority, most urgent first")),
    ]


class Lateness:
    OVERDUE = "overdue"
    FAR_OVERDUE = "far_overdue"
    ON_TIME = "on_time"
    choices = [
        ("", _("any")),
        (OVERDUE, _("overdue")),
        (FAR_OVERDUE, _("far overdue (3× the promise)")),
        (ON_TIME, _("on time")),
    ]


def _search_backend_is_postgres() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


class QueueFilterForm(DescribedForm):
    """The filters of the queue and the map; unbound fields mean "no condition"."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("A report number (exact) or words from the description."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.MultipleChoiceField(
        label=_("Status"), required=False, choices=ReportStatus.choices, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    team = forms.ChoiceField(label=_("Team"), required=False)
    person = forms.ChoiceField(label=_("Person"), required=False)
    area = forms.ChoiceField(label=_("District (wijk)"), required=False)
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received up to and including"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    lateness = forms.ChoiceField(label=_("Deadline"), required=False, choices=Lateness.choices)
    channel = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("any")), *list(ReportSource.choices)]
    )
    needs_triage = forms.ChoiceField(
        label=_("Needs triage"),
        required=False,
        choices=[("", _("any")), ("yes", _("yes: category uncertain")), ("no", _("no"))],
    )
    priority = forms.ChoiceField(label=_("Priority"), required=False, choices=[("", _("any")), *list(Priority.choices)])
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=Sort.choices)

    def __init__(self, data: QueryDict | dict[str, Any] | None = None, *, user: User) -> None:
        super().__init__(data)
        self.user = user
        organisation_id = user.organisation_id or 0
        categories = list(Category.objects.filter(is_active=True).select_related("parent").order_by("order", "name_nl"))
        mains = [category for category in categories if category.parent_id is None]
        category_choices: list[Any] = [("", _("any"))]
        for main in mains:
            subs = [(str(sub.pk), sub.name) for sub in categories if sub.parent_id == main.pk]
            category_choices.append((main.name, [(str(main.pk), _("%(name)s: all") % {"name": main.name}), *subs]))
        self.fields["category"].choices = category_choices  # type: ignore[attr-defined]
        teams = Department.objects.filter(organisation_id=organisation_id, is_active=True).order_by("name")
        if user.limit_to_departments:
            teams = teams.filter(pk__in=user.departments.all())
        self.fields["team"].choices = [  # type: ignore[attr-defined]
            ("", _("any")),
            ("none", _("no team (unrouted)")),
            *[(str(team.pk), team.name) for team in teams],
        ]
        people = User.objects.filter(organisation_id=organisation_id, is_active=True).order_by(
            "first_name", "last_name", "username"
        )
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", _("anyone")),
            ("me", _("me")),
            ("none", _("nobody (unassigned)")),
            *[(str(person.pk), person.get_full_name() or person.username) for person in people],
        ]
        districts = Area.objects.filter(kind=AreaKind.DISTRICT).order_by("name").values_list("pk", "name")
        self.fields["area"].choices = [("", _("any")), *[(str(pk), name) for pk, name in districts]]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date lies before the start date."))
        return cleaned

    @property
    def sort_key(self) -> str:
        value = self.cleaned_data.get("sort") if self.is_bound and hasattr(self, "cleaned_data") else ""
        return str(value or Sort.CREATED)

    def apply(
        self, reports: QuerySet[Report], *, now: datetime | None = None, for_ordering: bool = False
    ) -> QuerySet[Report]:
        """Return ``reports`` narrowed by the valid filters (an invalid field adds no condition).

        ``for_ordering`` gives the same rows, written so that SQLite walks the ``created_at`` index in page order
        instead of the team or deadline index (which would make it sort every match): for the page query when many
        rows match. The plain form lets the database use the most selective index, for counting and small sets.
        """
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        moment = now or timezone.now()
        query = str(data.get("q") or "").strip()
        if query:
            reports = _search(reports, query)
        statuses = data.get("status") or []
        if statuses:
            reports = reports.filter(status__in=statuses)
        category_id = data.get("category")
        if category_id:
            ids = [int(category_id), *Category.objects.filter(parent_id=int(category_id)).values_list("pk", flat=True)]
            reports = reports.filter(category_id__in=ids)
        team = data.get("team")
        if team == "none":
            reports = reports.filter(department__isnull=True)
        elif team:
            department = Coalesce("department_id", Value(0)) if for_ordering else F("department_id")
            reports = reports.alias(team_key=department).filter(team_key=int(team))
        person = data.get("person")
        if person == "me":
            reports = reports.filter(assignee=self.user)
        elif person == "none":
            reports = reports.filter(assignee__isnull=True)
        elif person:
            reports = reports.filter(assignee_id=int(person))
        area = data.get("area")
        if area:
            reports = reports.filter(Q(district_id=int(area)) | Q(area_id=int(area)))
        tz = timezone.get_current_timezone()
        if data.get("received_from"):
            reports = reports.filter(created_at__gte=datetime.combine(data["received_from"], time.min, tzinfo=tz))
        if data.get("received_to"):
            end = datetime.combine(data["received_to"], time.min, tzinfo=tz) + timedelta(days=1)
            reports = reports.filter(created_at__lt=end)
        lateness = data.get("lateness")
        if lateness:
            open_only = reports.filter(status__in=OPEN_STATUSES)
            if for_ordering:
                # NULL deadlines become "never", which is what they mean here, and the index is not used.
                never = Value(datetime.max.replace(tzinfo=UTC))
                open_only = open_only.alias(
                    deadline_key=Coalesce("deadline", never), far_deadline_key=Coalesce("far_deadline", never)
                )
                deadline, far_deadline = "deadline_key", "far_deadline_key"
            else:
                deadline, far_deadline = "deadline", "far_deadline"
            if lateness == Lateness.OVERDUE:
                reports = open_only.filter(**{f"{deadline}__lt": moment})
            elif lateness == Lateness.FAR_OVERDUE:
                reports = open_only.filter(**{f"{far_deadline}__lt": moment})
            elif lateness == Lateness.ON_TIME:
                reports = open_only.filter(Q(deadline__gte=moment) | Q(deadline__isnull=True))
        if data.get("channel"):
            reports = reports.filter(source=data["channel"])
        if data.get("needs_triage"):
            reports = reports.filter(needs_triage=data["needs_triage"] == "yes")
        if data.get("priority"):
            reports = reports.filter(priority=data["priority"])
        return reports


def _search(reports: QuerySet[Report], query: str) -> QuerySet[Report]:
    """Match a report number exactly, or the words of ``query`` in the description.

    PostgreSQL: full-text search (Dutch stemming, ``websearch`` syntax) on the GIN index the migration creates.
    SQLite: every word must occur in the text (case-insensitive LIKE); this scans, and is meant for smaller sites.
    """
    if REPORT_NUMBER.match(query):
        return reports.filter(public_id=query.upper())
    if _search_backend_is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        return reports.annotate(search=SearchVector("text", config="dutch")).filter(
            search=SearchQuery(query, config="dutch", search_type="websearch")
        )
    for word in query.split()[:8]:
        reports = reports.filter(text__icontains=word)
    return reports


def initial_data(data: QueryDict) -> QueryDict:
    """Return the query to filter with: the open statuses when the page is opened without any filter."""
    if any(key not in NOT_FILTER_KEYS for key in data):
        return data
    defaults = data.copy()
    defaults.setlist("status", [str(status) for status in OPEN_STATUSES])
    return defaults


def filter_query_string(data: QueryDict) -> str:
    """Return the query string of the filters alone (no page cursor), for links, the map and saved filters."""
    copy = data.copy()
    for key in NOT_FILTER_KEYS:
        copy.pop(key, None)
    return copy.urlencode()
