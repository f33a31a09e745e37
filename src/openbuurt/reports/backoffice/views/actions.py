"""The actions on a report's detail page: each a POST of one small form that calls one service.

On success the browser is sent back to the detail page (post/redirect/get) with a message; on a refusal the detail
page is shown again with the form, its input and the reason (status 400), and nothing was changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.reports import services
from openbuurt.reports.access import can_view_report
from openbuurt.reports.backoffice.forms import (
    AssignForm,
    CategoryForm,
    DuplicateForm,
    NoteForm,
    PriorityForm,
    ReferForm,
    StatusForm,
)
from openbuurt.reports.backoffice.permissions import Action, can_act, staff_required, staff_user, visible_report_or_404
from openbuurt.reports.backoffice.views.detail import detail_url, render_detail
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report
from openbuurt.triage.constants import Priority

Handler = Callable[[Report, forms.Form, User], str]


def _act(
    request: HttpRequest,
    public_id: str,
    *,
    action: Action,
    form_name: str,
    make_form: Callable[[Report, User], forms.Form],
    handle: Handler,
) -> HttpResponse:
    user = staff_user(request)
    report = visible_report_or_404(user, public_id)
    if not can_act(user, action):
        raise PermissionDenied(f"no permission for {action}")
    form = make_form(report, user)
    if form.is_valid():
        try:
            message = handle(report, form, user)
        except (ValueError, services.TransitionNotAllowedError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, message)
            if not can_view_report(user, report):
                # Handed over out of the user's scope: the detail page would now answer 404.
                return redirect("backoffice:queue")
            return redirect(detail_url(report))
    report.refresh_from_db()
    return render_detail(request, report, bound={form_name: form}, status=400)


def _status(report: Report, form: forms.Form, user: User) -> str:
    to_status = ReportStatus(form.cleaned_data["to_status"])
    services.change_status(
        report=report,
        to_status=to_status,
        actor=user,
        public_text=form.cleaned_data["public_text"],
        internal_note=form.cleaned_data["internal_note"],
    )
    return _("Status changed to “%(status)s”.") % {"status": to_status.label}


def _assign(report: Report, form: forms.Form, user: User) -> str:
    department: Department | None = form.cleaned_data["department"]
    person: User | None = form.cleaned_data["person"]
    services.assign_report(
        report=report, department=department, assignee=person, actor=user, reason=form.cleaned_data["reason"]
    )
    target = department.name if department else _("no team")
    if person is not None:
        target += f" / {person.get_full_name() or person.username}"
    return _("Assigned to %(target)s.") % {"target": target}


def intake_team(organisation: Organisation) -> Department | None:
    """Return the team of ``organisation`` that receives hand-overs: the first active team with an intake member."""
    return (
        Department.objects.filter(organisation=organisation, is_active=True, members__role=Role.INTAKE)
        .order_by("name", "pk")
        .first()
    )


def _refer(report: Report, form: forms.Form, user: User) -> str:
    organisation: Organisation = form.cleaned_data["organisation"]
    # reports may not import routing (layering): the hand-over is the assignment service routing would call too.
    services.assign_report(
        report=report,
        organisation=organisation,
        department=intake_team(organisation),
        actor=user,
        reason=form.cleaned_data["reason"],
    )
    return _("Report %(number)s handed over to %(organisation)s.") % {
        "number": report.public_id,
        "organisation": organisation.name,
    }


def _category(report: Report, form: forms.Form, user: User) -> str:
    category = form.cleaned_data["category"]
    if category.pk == report.category_id:
        raise ValueError(_("The report already has this category."))
    services.change_category(report=report, category=category, actor=user)
    return _("Category changed to “%(category)s”.") % {"category": category}


def _priority(report: Report, form: forms.Form, user: User) -> str:
    priority = Priority(form.cleaned_data["priority"])
    services.set_priority(report=report, priority=priority, actor=user, reason=form.cleaned_data["reason"])
    return _("Priority set to “%(priority)s”.") % {"priority": priority.label}


def _note(report: Report, form: forms.Form, user: User) -> str:
    services.add_note(report=report, text=form.cleaned_data["text"], actor=user)
    return _("Note added.")


def _link(report: Report, form: forms.Form, user: User) -> str:
    primary: Report = form.cleaned_data["primary"]
    follower = services.link_duplicate(report=report, primary=primary, actor=user)
    message = _("Linked to %(primary)s as the same problem.") % {"primary": primary.public_id}
    if follower is not None:
        message += " " + _("The reporter now follows %(primary)s.") % {"primary": primary.public_id}
    return message


class _UnlinkForm(forms.Form):
    pass


def _unlink(report: Report, form: forms.Form, user: User) -> str:
    services.unlink_duplicate(report=report, actor=user)
    return _("The link to the other report was removed.")


def _bound(form_class: type[forms.Form], request: HttpRequest) -> Callable[[Report, User], forms.Form]:
    def make(report: Report, user: User) -> forms.Form:
        kwargs: dict[str, Any] = {"report": report}
        if form_class is DuplicateForm:
            kwargs["user"] = user
        return form_class(request.POST, **kwargs)

    return make


@require_POST
@staff_required
def change_status(request: HttpRequest, public_id: str) -> HttpResponse:
    """Move the report to another status, with an optional message to the reporter and an internal note."""
    return _act(
        request,
        public_id,
        action=Action.STATUS,
        form_name="status_form",
        make_form=_bound(StatusForm, request),
        handle=_status,
    )


@require_POST
@staff_required
def assign(request: HttpRequest, public_id: str) -> HttpResponse:
    """Give the report to another team and/or person of the same organisation."""
    return _act(
        request,
        public_id,
        action=Action.ASSIGN,
        form_name="assign_form",
        make_form=_bound(AssignForm, request),
        handle=_assign,
    )


@require_POST
@staff_required
def refer(request: HttpRequest, public_id: str) -> HttpResponse:
    """Hand the report over to another organisation (municipality → police, or back)."""
    return _act(
        request,
        public_id,
        action=Action.REFER,
        form_name="refer_form",
        make_form=_bound(ReferForm, request),
        handle=_refer,
    )


@require_POST
@staff_required
def change_category(request: HttpRequest, public_id: str) -> HttpResponse:
    """Put the report in another category; the old one stays in the history."""
    return _act(
        request,
        public_id,
        action=Action.CATEGORY,
        form_name="category_form",
        make_form=_bound(CategoryForm, request),
        handle=_category,
    )


@require_POST
@staff_required
def set_priority(request: HttpRequest, public_id: str) -> HttpResponse:
    """Set the report's priority with a reason."""
    return _act(
        request,
        public_id,
        action=Action.PRIORITY,
        form_name="priority_form",
        make_form=_bound(PriorityForm, request),
        handle=_priority,
    )


@require_POST
@staff_required
def add_note(request: HttpRequest, public_id: str) -> HttpResponse:
    """Add an internal note."""
    return _act(
        request, public_id, action=Action.NOTE, form_name="note_form", make_form=_bound(NoteForm, request), handle=_note
    )


@require_POST
@staff_required
def link_duplicate(request: HttpRequest, public_id: str) -> HttpResponse:
    """Link the report to an earlier report of the same problem."""
    return _act(
        request,
        public_id,
        action=Action.DUPLICATE,
        form_name="duplicate_form",
        make_form=_bound(DuplicateForm, request),
        handle=_link,
    )


@require_POST
@staff_required
def unlink_duplicate(request: HttpRequest, public_id: str) -> HttpResponse:
    """Remove the report's link to another report."""
    return _act(
        request,
        public_id,
        action=Action.DUPLICATE,
        form_name="unlink_form",
        make_form=lambda report, user: _UnlinkForm(request.POST),
        handle=_unlink,
    )
