"""Routing rules: ordered conditions on a report that choose the team (and optionally the person) handling it."""

from __future__ import annotations

from datetime import time
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Department
from openbuurt.places.models import Area
from openbuurt.reports.constants import ReportSource
from openbuurt.triage.models import Category

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class RoutingRule(models.Model):
    """One routing rule: when every condition holds, the report goes to ``department`` (and ``assignee``).

    Rules are tried in ``order`` (lower first, then by id); the first active rule that matches wins. An empty
    condition matches anything. A category condition also matches that category's sub categories; an area
    condition matches a report whose point lies inside one of the areas' polygons. The time window and weekdays
    are read in the site's time zone and the window may wrap past midnight (22:00–06:00).
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveIntegerField(_("order"), default=100, help_text=_("Lower numbers are tried first."))
    is_active = models.BooleanField(_("active"), default=True)
    categories = models.ManyToManyField(
        Category,
        verbose_name=_("categories"),
        blank=True,
        related_name="+",
        help_text=_("Empty: any category. A main category also covers its sub categories."),
    )
    areas = models.ManyToManyField(
        Area,
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        help_text=_("Empty: anywhere. The report's location must lie inside one of these areas."),
    )
    organisation_kind = models.CharField(
        _("handled by"),
        max_length=20,
        choices=OrganisationKind.choices,
        blank=True,
        help_text=_(
            "Empty: any. Municipality or police: from the category, or the organisation a report is referred to."
        ),
    )
    start_time = models.TimeField(_("from (time of day)"), null=True, blank=True)
    end_time = models.TimeField(
        _("until (time of day)"),
        null=True,
        blank=True,
        help_text=_("Leave both times empty for any time. An end before the start wraps past midnight."),
    )
    weekdays: models.JSONField[list[int], list[int]] = models.JSONField(
        _("weekdays"), default=list, blank=True, help_text=_("Empty: every day. 0 = Monday … 6 = Sunday.")
    )
    channels: models.JSONField[list[str], list[str]] = models.JSONField(
        _("channels"), default=list, blank=True, help_text=_("Empty: every channel.")
    )
    department = models.ForeignKey(
        Department, verbose_name=_("team"), on_delete=models.PROTECT, related_name="routing_rules"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional; must be a member of the team."),
    )
    description = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["order", "id"]
        indexes = [models.Index(fields=["is_active", "order"])]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """Return how the rule is named in a report's assignment history."""
        return f"#{self.pk} {self.name}"

    def clean(self) -> None:
        """Refuse rules that can never work: half a time window, unknown days or channels, a person outside the team."""
        errors: dict[str, list[Any]] = {}
        if (self.start_time is None) != (self.end_time is None):
            errors.setdefault("end_time", []).append(_("Give both a start and an end time, or neither."))
        elif isinstance(self.start_time, time) and self.start_time == self.end_time:
            errors.setdefault("end_time", []).append(
                _("The start and end time are equal; leave both empty to match any time.")
            )
        errors.update(_validate_lists(self.weekdays, self.channels))
        department: Department | None
        try:
            department = self.department
        except Department.DoesNotExist:
            department = None
        if department is not None:
            if not department.is_active:
                errors.setdefault("department", []).append(_("This team is not active."))
            if self.organisation_kind and department.organisation.kind != self.organisation_kind:
                errors.setdefault("department", []).append(
                    _("This rule is for reports handled by the %(kind)s, but the team belongs to %(org)s.")
                    % {"kind": OrganisationKind(self.organisation_kind).label, "org": department.organisation}
                )
            if self.assignee_id is not None and not department.members.filter(pk=self.assignee_id).exists():
                errors.setdefault("assignee", []).append(_("This person is not a member of the chosen team."))
        elif self.assignee_id is not None:
            errors.setdefault("assignee", []).append(_("Choose the team before the person."))
        if errors:
            raise ValidationError(errors)


def _validate_lists(weekdays: object, channels: object) -> dict[str, list[Any]]:
    errors: dict[str, list[Any]] = {}
    valid_days = {value for value, _label in WEEKDAY_CHOICES}
    if not isinstance(weekdays, list) or any(
        isinstance(day, bool) or not isinstance(day, int) or day not in valid_days for day in weekdays
    ):
        errors["weekdays"] = [_("Weekdays must be a list of numbers from 0 (Monday) to 6 (Sunday).")]
    valid_channels = set(ReportSource.values)
    if not isinstance(channels, list) or any(
        not isinstance(channel, str) or channel not in valid_channels for channel in channels
    ):
        errors["channels"] = [
            _("Channels must be a list of: %(values)s.") % {"values": ", ".join(sorted(valid_channels))}
        ]
    return errors
