"""Admin of Open311 API keys: create (the key is shown once), list, and revoke. Keys are never deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openbuurt.accounts.models import User
from openbuurt.open311 import services
from openbuurt.open311.models import ApiKey

if TYPE_CHECKING:
    _ApiKeyAdminBase = admin.ModelAdmin[ApiKey]
else:
    # ModelAdmin is generic only in django-stubs; at run time it cannot be subscripted.
    _ApiKeyAdminBase = admin.ModelAdmin


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


@admin.register(ApiKey)
class ApiKeyAdmin(_ApiKeyAdminBase):
    list_display = ("name", "organisation", "key_prefix", "created_at", "created_by", "last_used_at", "revoked_at")
    list_filter = ("organisation", ("revoked_at", admin.EmptyFieldListFilter))
    search_fields = ("name", "key_prefix")
    readonly_fields = ("key_prefix", "created_at", "created_by", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def get_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> tuple[str, ...]:
        if obj is None:
            return ("name", "organisation")
        return ("name", "organisation", *self.readonly_fields)

    def get_readonly_fields(self, request: HttpRequest, obj: ApiKey | None = None) -> tuple[str, ...]:
        # A key's name and organisation stay as issued: to change them, revoke it and create a new one.
        if obj is None:
            return ()
        return ("name", "organisation", *self.readonly_fields)

    def has_delete_permission(self, request: HttpRequest, obj: ApiKey | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: ApiKey, form: ModelForm[ApiKey], change: bool) -> None:
        if change:
            return
        created, plain = services.create_api_key(name=obj.name, organisation=obj.organisation, actor=_actor(request))
        # The admin goes on with ``obj`` (log entry, redirect): make it the stored key.
        for field in ApiKey._meta.concrete_fields:
            setattr(obj, field.attname, getattr(created, field.attname))
        obj._state.adding = False
        obj._state.db = created._state.db
        messages.warning(
            request,
            _("The new API key for %(name)s is %(key)s — copy it now: it is shown only this once.")
            % {"name": created.name, "key": plain},
        )

    @admin.action(description=_("Revoke the selected API keys"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        count = 0
        for api_key in queryset.filter(revoked_at__isnull=True):
            services.revoke_api_key(api_key=api_key, actor=_actor(request))
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d API key revoked.", "%(count)d API keys revoked.", count) % {"count": count},
            messages.SUCCESS,
        )
