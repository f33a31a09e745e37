"""Reports (meldingen), their reporters, photos and appended history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Department, Organisation
from openbuurt.core.models import AppendOnlyModel
from openbuurt.places.models import Area
from openbuurt.reports.constants import CLOSED_STATUSES, CategorySource, ReportSource, ReportStatus
from openbuurt.triage.constants import Priority
from openbuurt.triage.models import Category


class Report(models.Model):
    """A resident's report of a problem in public space.

    Written only through ``reports.services``. The current status and category are kept here for fast queries;
    every change is also appended to :class:`StatusChange` or :class:`CategoryChange`, which are never edited.
    """

    public_id = models.CharField(_("report number"), max_length=32, unique=True)
    tracking_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    text = models.TextField(_("description"))
    language = models.CharField(_("language"), max_length=8, default="nl")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+")
    category_source = models.CharField(
        _("category set by"), max_length=20, choices=CategorySource.choices, default=CategorySource.RESIDENT
    )
    category_confidence = models.FloatField(_("classifier confidence"), null=True, blank=True)
    category_model_version = models.CharField(_("classifier version"), max_length=100, blank=True)
    category_suggestions = models.JSONField(_("classifier suggestions"), default=list, blank=True)
    needs_triage = models.BooleanField(_("needs triage"), default=False, db_index=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("handling organisation"), on_delete=models.PROTECT, related_name="reports"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_reports",
    )
    status = models.CharField(_("status"), max_length=24, choices=ReportStatus.choices, default=ReportStatus.NEW)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL)
    priority_reason = models.CharField(_("reason for priority"), max_length=200, blank=True)
    is_confidential = models.BooleanField(
        _("confidential"), default=False, help_text=_("Never shown in public lists, maps, Open311 or open data.")
    )
    source = models.CharField(_("channel"), max_length=20, choices=ReportSource.choices, default=ReportSource.WEB)
    lat = models.FloatField(_("latitude"), null=True, blank=True)
    lon = models.FloatField(_("longitude"), null=True, blank=True)
    address_text = models.CharField(_("address"), max_length=300, blank=True)
    address_id = models.CharField(_("address id"), max_length=100, blank=True)
    location_source = models.CharField(
        _("location from"), max_length=20, blank=True, help_text=_("map, geocoder, photo, device or text")
    )
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.ForeignKey(
        Area, verbose_name=_("district"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("same problem as"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text=_("Set when staff link this report to an earlier report of the same problem."),
    )
    submission_key = models.CharField(max_length=200, null=True, blank=True, unique=True, editable=False)
    extra = models.JSONField(_("extra data"), default=dict, blank=True, help_text=_("E.g. Open311 attributes."))
    is_demo = models.BooleanField(_("demo data"), default=False, help_text=_("Written by us for the demo; not real."))
    created_at = models.DateTimeField(_("received"), db_index=True)
    updated_at = models.DateTimeField(_("last change"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True, db_index=True)
    far_deadline = models.DateTimeField(
        _("far-overdue from"), null=True, blank=True, help_text=_("Three times the service promise.")
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-id"]
        permissions = [("view_reporter_contact", _("Can see the reporter's contact details"))]
        indexes = [
            models.Index(fields=["organisation", "status", "created_at"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["category", "created_at"]),
            models.Index(fields=["updated_at"]),
            # The back-office queue filters by team, person and priority and pages by received date.
            models.Index(fields=["department", "created_at"]),
            models.Index(fields=["assignee", "created_at"]),
            models.Index(fields=["organisation", "priority", "created_at"]),
            # Without planner statistics SQLite prefers an equality index and then sorts every match; these give
            # the queue's default orders (newest first, earliest deadline) straight from an index.
            models.Index(fields=["organisation", "created_at"]),
            models.Index(fields=["organisation", "deadline"]),
        ]

    def __str__(self) -> str:
        return self.public_id

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_public(self) -> bool:
        """Whether the report may appear in public lists, maps and the Open311 GET endpoints."""
        return not self.is_confidential and not self.organisation.is_police and not self.category.is_confidential


class Reporter(models.Model):
    """Contact details of the person who reported; optional, personal data, anonymised by the retention job."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="reporter")
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    wants_updates = models.BooleanField(_("wants updates by e-mail"), default=True)
    may_contact = models.BooleanField(_("may be contacted with questions"), default=False)
    device_id = models.CharField(_("device id"), max_length=200, blank=True)
    account_id = models.CharField(_("account id"), max_length=200, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("reporter")
        verbose_name_plural = _("reporters")

    def __str__(self) -> str:
        return f"reporter of {self.report_id}"


class Attachment(models.Model):
    """A photo with a report; stored after its type was checked by content and its metadata (EXIF) removed."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="reports/%Y/%m/")
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(_("original file name"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"photo {self.pk} of {self.report_id}"


class StatusChange(AppendOnlyModel):
    """One step in a report's status history: appended, never edited."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=24, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=24, choices=ReportStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    public_text = models.TextField(_("message to the reporter"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    created_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_status or '-'} → {self.to_status}"


class CategoryChange(AppendOnlyModel):
    """A change of a report's category, kept as a training label for the classifier."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="category_changes")
    from_category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=20, choices=CategorySource.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("category change")
        verbose_name_plural = _("category changes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.from_category_id} → {self.to_category_id}"


class ReportNumberSequence(models.Model):
    """The last report number used per prefix and year; incremented under a row lock."""

    prefix = models.CharField(max_length=5)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_year")]

    def __str__(self) -> str:
        return f"{self.prefix}-{self.year}: {self.last_value}"


class Assignment(AppendOnlyModel):
    """A (re)assignment of a report to an organisation, team and optionally a person: appended, never edited.

    A hand-over between organisations (a municipal team refers a report to the police, or back) is an assignment
    whose ``organisation`` differs from the previous one.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("by"), max_length=200, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    rule_label = models.CharField(_("routing rule"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} → {self.department_id or self.organisation_id}"


class Note(AppendOnlyModel):
    """An internal note by staff on a report; never shown to the reporter."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(_("by"), max_length=200, blank=True)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note on {self.report_id}"


class Feedback(AppendOnlyModel):
    """The reporter's answer to "is it solved?" after a report was closed (KTO)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="feedback")
    is_solved = models.BooleanField(_("solved"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), db_index=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"feedback on {self.report_id}: {'solved' if self.is_solved else 'not solved'}"


class DeletionRecord(AppendOnlyModel):
    """What remains of a report deleted after its retention period: enough to account for it, no content."""

    public_id = models.CharField(_("report number"), max_length=32, db_index=True)
    category_slug = models.CharField(_("category"), max_length=100)
    organisation_id = models.BigIntegerField(_("organisation"))
    created_at = models.DateTimeField(_("received"))
    closed_at = models.DateTimeField(_("closed"), null=True)
    deleted_at = models.DateTimeField(_("deleted"))
    reason = models.CharField(_("reason"), max_length=100)

    class Meta:
        verbose_name = _("deletion record")
        verbose_name_plural = _("deletion records")
        ordering = ["-deleted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.public_id} deleted {self.deleted_at:%Y-%m-%d}"


class Follower(models.Model):
    """A resident who follows a report (instead of filing the same problem again) and gets its updates by e-mail."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("e-mail"), blank=True)
    source_report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The duplicate report this follower came from, if any."),
    )
    created_at = models.DateTimeField(_("since"))
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "email"], condition=~models.Q(email=""), name="one_follow_per_email"
            )
        ]

    def __str__(self) -> str:
        return f"follower of {self.report_id}"


from openbuurt.reports.models_backoffice import SavedFilter  # noqa: E402, F401
from openbuurt.reports.models_intake import QueuedSubmission  # noqa: E402, F401
