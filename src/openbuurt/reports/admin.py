"""Django admin for reports: for looking, not for changing.

Every change to a report goes through ``reports.services`` so that its history is appended and audited; the admin
therefore shows reports read-only. The reporter's contact details appear only for staff with the permission
``reports.view_reporter_contact``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openbuurt.reports import intake_spool
from openbuurt.reports.models import Attachment, Report, Reporter, StatusChange
from openbuurt.reports.models_intake import QueuedSubmission


class _ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class StatusChangeInline(_ReadOnlyInline):
    model = StatusChange
    fields = ("created_at", "from_status", "to_status", "actor_label", "public_text", "internal_note")
    readonly_fields = fields
    ordering = ("created_at", "id")


class AttachmentInline(_ReadOnlyInline):
    model = Attachment
    fields = ("original_name", "content_type", "size", "width", "height", "created_at")
    readonly_fields = fields


class ReporterInline(admin.StackedInline):  # type: ignore[type-arg]
    model = Reporter
    extra = 0
    can_delete = False
    fields = ("email", "phone", "first_name", "last_name", "wants_updates", "may_contact", "anonymised_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.has_perm("reports.view_reporter_contact")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("public_id", "category", "status", "organisation", "created_at", "is_demo")
    list_filter = ("status", "organisation", "source", "needs_triage", "is_confidential", "is_demo", "priority")
    search_fields = ("public_id",)
    date_hierarchy = "created_at"
    list_select_related = ("category", "category__parent", "organisation")
    ordering = ("-created_at", "-id")
    inlines = (StatusChangeInline, AttachmentInline)
    fieldsets = (
        (None, {"fields": ("public_id", "status", "priority", "priority_reason", "text", "language")}),
        (
            _("Category"),
            {
                "fields": (
                    "category",
                    "category_source",
                    "category_confidence",
                    "category_model_version",
                    "needs_triage",
                )
            },
        ),
        (_("Handling"), {"fields": ("organisation", "department", "assignee", "deadline", "closed_at")}),
        (
            _("Place"),
            {"fields": ("lat", "lon", "address_text", "address_id", "location_source", "area", "district")},
        ),
        (_("Other"), {"fields": ("source", "is_confidential", "is_demo", "extra", "created_at", "updated_at")}),
    )

    def get_inlines(self, request: HttpRequest, obj: Any) -> list[type[admin.options.InlineModelAdmin]]:  # type: ignore[type-arg]
        inlines: list[type[admin.options.InlineModelAdmin]] = list(self.inlines)  # type: ignore[type-arg]
        if obj is not None and request.user.has_perm("reports.view_reporter_contact"):
            inlines.insert(0, ReporterInline)
        return inlines

    def get_readonly_fields(self, request: HttpRequest, obj: Report | None = None) -> list[str]:
        return [field.name for field in Report._meta.fields if field.name not in ("id", "tracking_token_hash")]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False


@admin.register(QueuedSubmission)
class QueuedSubmissionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Submissions accepted but not yet made into reports; rows that stay here have failed (see ``last_error``).

    The payload holds the resident's contact details and is not shown; ``openbuurt intake-queue process
    --retry-failed`` retries after the cause is fixed.
    """

    list_display = ("public_id", "category", "organisation", "received_at", "attempts")
    list_filter = ("attempts", "organisation")
    search_fields = ("public_id",)
    list_select_related = ("category", "category__parent", "organisation")
    fields = ("public_id", "source", "category", "organisation", "received_at", "attempts", "last_error")
    readonly_fields = fields

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        # Spooled submissions are not rows of this table yet: say so, or an empty list would look like no backlog.
        spooled = intake_spool.count()
        if spooled:
            messages.info(
                request,
                ngettext(
                    "%(count)d more submission waits in the web server processes' intake spools; the task worker "
                    "moves it here (usually within a second).",
                    "%(count)d more submissions wait in the web server processes' intake spools; the task worker "
                    "moves them here (usually within a second).",
                    spooled,
                )
                % {"count": spooled},
            )
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: QueuedSubmission | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: QueuedSubmission | None = None) -> bool:
        return False
