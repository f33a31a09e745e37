"""The audit log browser for administrators: who saw and changed what, in their own organisation."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from openbuurt.core.models import AuditAction
from openbuurt.reports.backoffice.forms_base import DescribedForm
from openbuurt.reports.backoffice.permissions import is_audit_reader, staff_required, staff_user
from openbuurt.reports.backoffice.selectors import BadCursorError, audit_entries_for, audit_page


class AuditFilterForm(DescribedForm):
    actor = forms.CharField(label=_("Who (user name)"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("any")), *AuditAction.choices])
    object_type = forms.CharField(
        label=_("Object type"), required=False, max_length=100, help_text=_("E.g. reports.report")
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(
        label=_("Up to and including"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


@require_GET
@staff_required
def audit_log(request: HttpRequest) -> HttpResponse:
    """List audit entries, newest first, filtered by actor, action, object and period (administrators only)."""
    user = staff_user(request)
    if not is_audit_reader(user):
        raise PermissionDenied("the audit log is for administrators")
    form = AuditFilterForm(request.GET)
    entries = audit_entries_for(user)
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            entries = entries.filter(actor_label__iexact=data["actor"].strip())
        if data["action"]:
            entries = entries.filter(action=data["action"])
        if data["object_type"]:
            entries = entries.filter(object_type=data["object_type"].strip().lower())
        if data["object_id"]:
            entries = entries.filter(object_id=data["object_id"].strip())
        tz = timezone.get_current_timezone()
        if data["since"]:
            entries = entries.filter(created_at__gte=datetime.combine(data["since"], time.min, tzinfo=tz))
        if data["until"]:
            end = datetime.combine(data["until"], time.min, tzinfo=tz) + timedelta(days=1)
            entries = entries.filter(created_at__lt=end)
    cursor = request.GET.get("after", "")
    try:
        rows, next_cursor = audit_page(entries, cursor=cursor)
    except BadCursorError:
        rows, next_cursor = audit_page(entries)
    query = request.GET.copy()
    query.pop("after", None)
    encoded = query.urlencode()
    next_url = ""
    if next_cursor:
        next_url = f"{reverse('backoffice:audit')}?{encoded}{'&' if encoded else ''}after={next_cursor}"
    return render(request, "backoffice/audit.html", {"form": form, "entries": rows, "next_url": next_url})
