"""Admin: message templates with a live preview, and a read-only view of the outbox with "retry now"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template import TemplateSyntaxError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openbuurt.accounts.models import User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.notifications import services
from openbuurt.notifications.constants import MessageKind, MessageLanguage
from openbuurt.notifications.defaults import PLACEHOLDERS
from openbuurt.notifications.models import MessageTemplate, OutboxMessage
from openbuurt.notifications.rendering import render_source, sample_context, validate_template_source

if TYPE_CHECKING:
    _TemplateFormBase = forms.ModelForm[MessageTemplate]
    _TemplateAdminBase = admin.ModelAdmin[MessageTemplate]
    _OutboxAdminBase = admin.ModelAdmin[OutboxMessage]
else:
    # ModelForm and ModelAdmin are generic only in django-stubs; at run time they cannot be subscripted.
    _TemplateFormBase = forms.ModelForm
    _TemplateAdminBase = admin.ModelAdmin
    _OutboxAdminBase = admin.ModelAdmin


class MessageTemplateForm(_TemplateFormBase):
    """Refuse templates that do not compile, with Django's own explanation of what is wrong."""

    class Meta:
        model = MessageTemplate
        fields = ["key", "language", "subject", "body_text", "is_active"]
        widgets = {"body_text": forms.Textarea(attrs={"rows": 24, "cols": 100})}

    def _clean_template(self, name: str) -> str:
        source = str(self.cleaned_data.get(name, ""))
        try:
            validate_template_source(source)
        except TemplateSyntaxError as exc:
            raise forms.ValidationError(_("This template has an error: %(error)s"), params={"error": exc}) from exc
        return source

    def clean_subject(self) -> str:
        return self._clean_template("subject")

    def clean_body_text(self) -> str:
        return self._clean_template("body_text")


@admin.register(MessageTemplate)
class MessageTemplateAdmin(_TemplateAdminBase):
    form = MessageTemplateForm
    list_display = ["key", "language", "subject", "is_active", "updated_at"]
    list_filter = ["key", "language", "is_active"]
    search_fields = ["subject", "body_text"]
    readonly_fields = ["placeholders", "preview"]
    fieldsets = [
        (None, {"fields": ["key", "language", "is_active", "subject", "body_text"]}),
        (_("Available variables"), {"fields": ["placeholders"]}),
        (_("Preview with an example report (saved version)"), {"fields": ["preview"]}),
    ]

    @admin.display(description=_("variables"))
    def placeholders(self, obj: MessageTemplate | None) -> SafeString | str:
        if obj is None or not obj.key:
            return str(_("Save the template first."))
        names = PLACEHOLDERS.get(obj.key, ())
        return format_html_join(", ", "<code>{{{{ {} }}}}</code>", ((name,) for name in names))

    @admin.display(description=_("preview"))
    def preview(self, obj: MessageTemplate | None) -> SafeString | str:
        if obj is None or obj.pk is None:
            return str(_("Save the template to see a preview."))
        language = MessageLanguage(obj.language)
        try:
            rendered = render_source(
                subject=obj.subject,
                body=obj.body_text,
                context=sample_context(obj.key, obj.language),
                language=language,
            )
        except TemplateSyntaxError as exc:
            return format_html('<p class="errornote">{}</p>', exc)
        return format_html(
            '<p><strong>{}</strong> {}</p><pre style="white-space: pre-wrap; max-width: 48em;">{}</pre>',
            _("Subject:"),
            rendered.subject,
            rendered.body_text,
        )


def _is_staff_user(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


_OUTBOX_FIELDS: tuple[str, ...] = (
    "kind",
    "channel",
    "language",
    "recipient",
    "report",
    "subject",
    "body_text",
    "status",
    "attempts",
    "next_attempt_at",
    "last_error",
    "created_at",
    "sent_at",
)


@admin.register(OutboxMessage)
class OutboxMessageAdmin(_OutboxAdminBase):
    list_display = [
        "created_at",
        "kind",
        "masked_recipient",
        "report",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "kind", "channel", "language"]
    search_fields = ["=recipient", "report__public_id"]
    date_hierarchy = "created_at"
    actions = ["retry_selected"]
    list_select_related = ["report"]
    fields = _OUTBOX_FIELDS
    readonly_fields = _OUTBOX_FIELDS

    @admin.display(description=_("recipient"), ordering="recipient")
    def masked_recipient(self, obj: OutboxMessage) -> str:
        """Show only the first letter and the domain in the list; the full address is in the logged detail view."""
        name, _at, domain = obj.recipient.partition("@")
        return f"{name[:1]}…@{domain}" if domain else "…"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboxMessage | None = None) -> bool:
        return False

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        message = self.get_object(request, object_id)
        if message is not None and message.kind in {
            MessageKind.REPORT_RECEIVED,
            MessageKind.STATUS_UPDATE,
            MessageKind.REPORT_DONE,
        }:
            # A reporter's address and the text sent to them are personal data: looking at them is logged.
            audit.record(
                actor=_is_staff_user(request),
                action=AuditAction.VIEW_PERSONAL_DATA,
                target=message.report if message.report is not None else message,
                summary="outbox message opened in the admin",
                detail={"outbox_message": message.pk},
            )
        read_only = {
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
            "show_delete": False,
        }
        return super().change_view(request, object_id, form_url, (extra_context or {}) | read_only)

    @admin.action(description=_("Retry now"), permissions=["change"])
    def retry_selected(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = services.retry_now(messages=list(queryset), actor=_is_staff_user(request))
        self.message_user(
            request,
            ngettext("%(count)d message will be sent again now.", "%(count)d messages will be sent again now.", count)
            % {"count": count},
            messages.SUCCESS if count else messages.WARNING,
        )
