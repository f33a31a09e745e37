"""The audit log in the Django admin: to read and search, never to change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin
from django.http import HttpRequest

from openbuurt.core.models import AuditLogEntry

if TYPE_CHECKING:
    _AuditAdminBase = admin.ModelAdmin[AuditLogEntry]
else:
    # ModelAdmin is generic only in django-stubs; at run time it cannot be subscripted.
    _AuditAdminBase = admin.ModelAdmin


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(_AuditAdminBase):
    """Read-only: the audit log is appended by services and never edited, not even by a superuser."""

    list_display = ("created_at", "actor_label", "action", "object_type", "object_id", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("actor_label", "object_id", "summary")
    date_hierarchy = "created_at"
    ordering = ("-created_at", "-id")
    list_select_related = ("actor",)
    readonly_fields = ("created_at", "actor", "actor_label", "action", "object_type", "object_id", "summary", "detail")
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditLogEntry | None = None) -> bool:
        return False
