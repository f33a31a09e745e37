"""Forms of the back office: login, and one small form per action on a report."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.reports.access import reports_visible_to
from openbuurt.reports.backoffice import throttle
from openbuurt.reports.backoffice.forms_base import DescribedForm
from openbuurt.reports.backoffice.selectors import assignable_people
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.workflow import allowed_next
from openbuurt.triage.constants import Priority
from openbuurt.triage.models import Category

TEXT_LIMIT = 4000


class LoginForm(AuthenticationForm):
    """Django's login form with a lock after repeated failures (see :mod:`.throttle`)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "locked": _("Too many failed attempts. Wait 15 minutes and try again, or ask an administrator for help."),
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.locked = False
        self.fields["username"].widget.attrs["autocomplete"] = "username"

    def clean(self) -> dict[str, Any]:
        username = str(self.cleaned_data.get("username") or "")
        address = throttle.client_address(self.request) if self.request is not None else ""
        if throttle.is_locked(username=username, address=address):
            self.locked = True
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            throttle.record_failure(username=username, address=address)
            raise
        throttle.reset(username=username)
        return cleaned


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class StatusForm(DescribedForm):
    id_prefix = "status"
    to_status = forms.ChoiceField(label=_("New status"), choices=ReportStatus.choices)
    public_text = forms.CharField(
        label=_("Message to the reporter"),
        required=False,
        max_length=TEXT_LIMIT,
        widget=_textarea(),
        help_text=_("Sent by e-mail and shown on the tracking page. Leave empty to send nothing."),
    )
    internal_note = forms.CharField(
        label=_("Internal note"), required=False, max_length=TEXT_LIMIT, widget=_textarea(2)
    )

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = allowed_next(report.status)
        # Offer the moves the transition table allows; any other value is refused by the service with its reason.
        self.fields["to_status"].widget.choices = [
            (status.value, status.label) for status in ReportStatus if status in allowed
        ]


class AssignForm(DescribedForm):
    id_prefix = "assign"
    department = forms.ModelChoiceField(
        label=_("Team"), queryset=Department.objects.none(), required=False, empty_label=_("no team")
    )
    assignee = forms.ChoiceField(label=_("Person"), required=False)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        department_field = self.fields["department"]
        assert isinstance(department_field, forms.ModelChoiceField)
        department_field.queryset = Department.objects.filter(
            organisation_id=report.organisation_id, is_active=True
        ).order_by("name")
        self.groups = assignable_people(report)
        choices: list[Any] = [("", _("nobody"))]
        for team, members in self.groups:
            label = team.name if team is not None else _("in no team")
            choices.append((label, [(str(person.pk), person.get_full_name() or person.username) for person in members]))
        self.fields["assignee"].choices = choices  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial = {"department": report.department_id, "assignee": str(report.assignee_id or "")}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        department: Department | None = cleaned.get("department")
        pk = cleaned.get("assignee")
        person: User | None = None
        if pk:
            person = User.objects.filter(
                pk=int(pk), organisation_id=self.report.organisation_id, is_active=True
            ).first()
            if person is None:
                self.add_error("assignee", _("This person does not work for this organisation."))
            elif department is not None and not person.departments.filter(pk=department.pk).exists():
                self.add_error(
                    "assignee",
                    _("%(person)s is not a member of %(team)s. Choose someone from that team, or another team.")
                    % {"person": person.get_full_name() or person.username, "team": department.name},
                )
        cleaned["person"] = person
        return cleaned


class ReferForm(DescribedForm):
    id_prefix = "refer"
    organisation = forms.ModelChoiceField(label=_("Hand over to"), queryset=Organisation.objects.none())
    reason = forms.CharField(
        label=_("Reason for the hand-over"),
        max_length=300,
        help_text=_("Required: the receiving organisation reads it first."),
    )

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation_field = self.fields["organisation"]
        assert isinstance(organisation_field, forms.ModelChoiceField)
        organisation_field.queryset = Organisation.objects.filter(is_active=True).exclude(pk=report.organisation_id)

    def clean_reason(self) -> str:
        reason = str(self.cleaned_data.get("reason") or "").strip()
        if not reason:
            raise ValidationError(_("Say why the report is handed over."))
        return reason


def category_choices(*, with_empty: bool = False) -> list[Any]:
    """Return the active categories as select choices grouped by main category."""
    categories = list(Category.objects.filter(is_active=True).select_related("parent").order_by("order", "name_nl"))
    choices: list[Any] = [("", "—")] if with_empty else []
    for main in (category for category in categories if category.parent_id is None):
        subs = [(str(sub.pk), sub.name) for sub in categories if sub.parent_id == main.pk]
        choices.append((main.name, subs or [(str(main.pk), main.name)]))
    return choices


class CategoryForm(DescribedForm):
    id_prefix = "category"
    category = forms.ChoiceField(label=_("New category"))

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial = {"category": str(report.category_id)}

    def clean_category(self) -> Category:
        value = self.cleaned_data.get("category")
        category = Category.objects.filter(pk=int(value or 0), is_active=True).first()
        if category is None:
            raise ValidationError(_("Choose an active category."))
        return category


class PriorityForm(DescribedForm):
    id_prefix = "priority"
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial = {"priority": report.priority, "reason": report.priority_reason}


class NoteForm(DescribedForm):
    id_prefix = "note"
    text = forms.CharField(label=_("Internal note"), max_length=TEXT_LIMIT, widget=_textarea())

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean_text(self) -> str:
        text = str(self.cleaned_data.get("text") or "").strip()
        if not text:
            raise ValidationError(_("Write a note first."))
        return text


class DuplicateForm(DescribedForm):
    id_prefix = "duplicate"
    primary = forms.CharField(
        label=_("Same problem as report number"),
        max_length=32,
        help_text=_("The earlier report; this report's reporter will follow it."),
    )

    def __init__(self, *args: Any, report: Report, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        self.user = user

    def clean_primary(self) -> Report:
        number = str(self.cleaned_data.get("primary") or "").strip().upper()
        primary = reports_visible_to(self.user).filter(public_id=number).first()
        if primary is None:
            raise ValidationError(_("There is no report %(number)s that you can see.") % {"number": number})
        return primary


class SavedFilterForm(DescribedForm):
    id_prefix = "save"
    name = forms.CharField(label=_("Name of the filter"), max_length=100)
    query = forms.CharField(required=False, max_length=2000, widget=forms.HiddenInput)
    show_on_queue = forms.BooleanField(label=_("Show as a shortcut above the queue"), required=False, initial=True)
