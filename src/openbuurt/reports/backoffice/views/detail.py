"""A report's detail page, its photos and the reporter's contact details (shown on request, audited)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from openbuurt.accounts.models import Department, User
from openbuurt.reports.access import can_view_contact, reports_visible_to
from openbuurt.reports.backoffice.forms import (
    AssignForm,
    CategoryForm,
    DuplicateForm,
    NoteForm,
    PriorityForm,
    ReferForm,
    StatusForm,
)
from openbuurt.reports.backoffice.permissions import (
    Action,
    can_act,
    staff_required,
    staff_user,
    visible_report_or_404,
)
from openbuurt.reports.backoffice.selectors import report_history
from openbuurt.reports.backoffice.services import needs_view_audit, record_report_view
from openbuurt.reports.backoffice.views.map import map_config
from openbuurt.reports.constants import CLOSED_STATUSES, ReportStatus
from openbuurt.reports.duplicates import find_possible_duplicates
from openbuurt.reports.models import Attachment, Report
from openbuurt.reports.services.privacy import ReporterContact, view_reporter_contact
from openbuurt.triage.classifiers import ReportFeatures
from openbuurt.triage.models import Category
from openbuurt.triage.selectors import suggest_team

FORM_CLASSES: dict[str, type[forms.Form]] = {
    "status_form": StatusForm,
    "assign_form": AssignForm,
    "refer_form": ReferForm,
    "category_form": CategoryForm,
    "priority_form": PriorityForm,
    "note_form": NoteForm,
    "duplicate_form": DuplicateForm,
}


def _suggestions(report: Report) -> list[dict[str, Any]]:
    """Return the classifier's suggestions with their categories, most likely first."""
    raw = [item for item in report.category_suggestions if isinstance(item, dict) and "slug" in item]
    by_slug = {
        category.slug: category
        for category in Category.objects.filter(slug__in=[item["slug"] for item in raw]).select_related("parent")
    }
    return [
        {"category": by_slug[item["slug"]], "percent": round(float(item.get("probability", 0)) * 100)}
        for item in raw
        if item["slug"] in by_slug
    ]


def _team_suggestions(report: Report) -> list[dict[str, Any]]:
    """Return the teams the learned model suggests for ``report`` (beside the routing rules), best first.

    Empty when the active model has no team model (the shipped default has none; a site-trained one does).
    """
    features = ReportFeatures(
        text=report.text,
        created_at=report.created_at,
        source=report.source,
        lat=report.lat,
        lon=report.lon,
        area_code=report.area.code if report.area is not None else "",
    )
    ranked = suggest_team(features).teams
    if not ranked:
        return []
    teams = {
        department.slug: department
        for department in Department.objects.filter(
            organisation_id=report.organisation_id, slug__in=[score.team for score in ranked], is_active=True
        )
    }
    return [
        {"department": teams[score.team], "percent": round(score.probability * 100)}
        for score in ranked
        if score.team in teams
    ]


def _anchor(bound: dict[str, forms.Form] | None) -> str:
    """Return the id of the form element of a refused action, to link to from the error summary."""
    name = next(iter(bound), "") if bound else ""
    return f"{name.removesuffix('_form')}-form" if name in FORM_CLASSES else ""


def render_detail(
    request: HttpRequest,
    report: Report,
    *,
    bound: dict[str, forms.Form] | None = None,
    contact: ReporterContact | None = None,
    contact_shown: bool = False,
    status: int = 200,
) -> HttpResponse:
    """Render the detail page of ``report``; ``bound`` holds a submitted action form to show with its errors."""
    user = staff_user(request)
    forms_by_name: dict[str, forms.Form] = {}
    for name, form_class in FORM_CLASSES.items():
        if bound and name in bound:
            forms_by_name[name] = bound[name]
        elif form_class is DuplicateForm:
            forms_by_name[name] = DuplicateForm(report=report, user=user)
        else:
            forms_by_name[name] = form_class(report=report)  # type: ignore[call-arg]
    for name, form in (bound or {}).items():
        forms_by_name.setdefault(name, form)
    duplicates = []
    if report.lat is not None and report.lon is not None and report.status not in CLOSED_STATUSES:
        duplicates = find_possible_duplicates(
            category=report.category,
            lat=report.lat,
            lon=report.lon,
            at=timezone.now(),
            among=reports_visible_to(user),
            exclude=report,
            limit=5,
        )
    now = timezone.now()
    context: dict[str, Any] = {
        "report": report,
        "status_label": ReportStatus(report.status).label,
        "history": report_history(report),
        "photos": list(report.attachments.all()),
        "suggestions": _suggestions(report) if report.needs_triage else [],
        "team_suggestions": _team_suggestions(report) if not report.is_closed else [],
        "possible_duplicates": duplicates,
        "linked_duplicates": list(report.duplicates.order_by("created_at").only("public_id", "created_at", "status")),
        "followers": report.followers.exclude(email="").count(),
        "can_see_contact": can_view_contact(user, report),
        "contact": contact,
        "contact_shown": contact_shown,
        "is_overdue": bool(report.deadline and report.deadline < now and not report.is_closed),
        "is_far_overdue": bool(report.far_deadline and report.far_deadline < now and not report.is_closed),
        "can": {action.value: can_act(user, action) for action in Action},
        "map_config": map_config(""),
        "failed_form": next(iter(bound.values())) if bound else None,
        "failed_anchor": _anchor(bound),
        **forms_by_name,
    }
    response = render(request, "backoffice/detail.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@staff_required
def report_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """Show everything about a report the user may see; opening a confidential or police report is logged."""
    user = staff_user(request)
    report = visible_report_or_404(user, public_id)
    if needs_view_audit(report):
        record_report_view(report=report, user=user)
    return render_detail(request, report)


@require_POST
@staff_required
def reveal_contact(request: HttpRequest, public_id: str) -> HttpResponse:
    """Show the reporter's contact details to a user with the permission; every reveal is logged."""
    user = staff_user(request)
    report = visible_report_or_404(user, public_id)
    contact = view_reporter_contact(report=report, user=user)  # raises PermissionDenied → 403
    if request.headers.get("HX-Request"):
        response = render(
            request, "backoffice/_contact.html", {"report": report, "contact": contact, "contact_shown": True}
        )
        response["Cache-Control"] = "private, no-store"
        return response
    return render_detail(request, report, contact=contact, contact_shown=True)


@require_GET
@staff_required
def report_photo(request: HttpRequest, public_id: str, pk: int) -> FileResponse:
    """Stream a photo of a report the user may see, never cached; photos of other reports answer 404."""
    user: User = staff_user(request)
    report = visible_report_or_404(user, public_id)
    attachment = get_object_or_404(Attachment, pk=pk, report=report)
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("photo file missing") from exc
    if needs_view_audit(report):
        record_report_view(report=report, user=user, attachment=attachment)
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = f'inline; filename="{report.public_id}-{attachment.pk}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def detail_url(report: Report) -> str:
    """Return the URL of the detail page of ``report``."""
    return reverse("backoffice:report-detail", kwargs={"public_id": report.public_id})
