"""Admin for routing rules: the ordered list, editing with checkboxes for days and channels, and the preview."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Organisation, User
from openbuurt.places.models import Area
from openbuurt.reports.constants import ReportSource
from openbuurt.routing import selectors, services
from openbuurt.routing.matching import channel_names, weekday_names
from openbuurt.routing.models import WEEKDAY_CHOICES, RoutingRule
from openbuurt.triage.models import Category

if TYPE_CHECKING:
    _RuleFormBase = forms.ModelForm[RoutingRule]
    _RuleAdminBase = admin.ModelAdmin[RoutingRule]
else:
    # ModelForm and ModelAdmin are generic only in django-stubs; at run time they cannot be subscripted.
    _RuleFormBase = forms.ModelForm
    _RuleAdminBase = admin.ModelAdmin


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class RoutingRuleForm(_RuleFormBase):
    """Edit a rule with checkboxes for weekdays and channels instead of raw JSON lists."""

    weekdays = forms.TypedMultipleChoiceField(
        label=_("weekdays"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every day."),
    )
    channels = forms.MultipleChoiceField(
        label=_("channels"),
        choices=ReportSource.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every channel."),
    )

    class Meta:
        model = RoutingRule
        fields = [
            "name",
            "order",
            "is_active",
            "description",
            "categories",
            "areas",
            "organisation_kind",
            "start_time",
            "end_time",
            "weekdays",
            "channels",
            "department",
            "assignee",
        ]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean_weekdays(self) -> list[int]:
        return sorted({int(day) for day in self.cleaned_data.get("weekdays") or []})

    def clean_channels(self) -> list[str]:
        return sorted({str(channel) for channel in self.cleaned_data.get("channels") or []})


@admin.register(RoutingRule)
class RoutingRuleAdmin(_RuleAdminBase):
    form = RoutingRuleForm
    list_display = ["order", "name", "is_active", "conditions", "outcome"]
    list_display_links = ["name"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "organisation_kind", "department__organisation", "department"]
    search_fields = ["name", "description", "department__name"]
    filter_horizontal = ["categories", "areas"]
    list_select_related = ["department", "department__organisation", "assignee"]
    ordering = ["order", "id"]
    change_list_template = "admin/routing/routingrule/change_list.html"
    fieldsets = [
        (None, {"fields": ["name", "order", "is_active", "description"]}),
        (
            _("Conditions (empty = any)"),
            {
                "fields": [
                    "categories",
                    "areas",
                    "organisation_kind",
                    ("start_time", "end_time"),
                    "weekdays",
                    "channels",
                ]
            },
        ),
        (_("Outcome"), {"fields": ["department", "assignee"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet[RoutingRule]:
        return super().get_queryset(request).prefetch_related("categories", "areas")

    @admin.display(description=_("conditions"))
    def conditions(self, rule: RoutingRule) -> str:
        parts: list[str] = []
        categories = [str(category) for category in rule.categories.all()]
        if categories:
            parts.append(_("category: %(list)s") % {"list": ", ".join(categories)})
        areas = [area.name for area in rule.areas.all()]
        if areas:
            parts.append(_("area: %(list)s") % {"list": ", ".join(areas)})
        if rule.organisation_kind:
            parts.append(str(rule.get_organisation_kind_display()))
        if rule.start_time is not None and rule.end_time is not None:
            parts.append(f"{rule.start_time:%H:%M}–{rule.end_time:%H:%M}")
        if rule.weekdays:
            parts.append(weekday_names(rule.weekdays))
        if rule.channels:
            parts.append(channel_names(rule.channels))
        return " · ".join(parts) if parts else str(_("always (catch-all)"))

    @admin.display(description=_("goes to"))
    def outcome(self, rule: RoutingRule) -> str:
        team = str(rule.department)
        return f"{team} / {rule.assignee}" if rule.assignee is not None else team

    def save_model(
        self, request: HttpRequest, obj: RoutingRule, form: forms.ModelForm[RoutingRule], change: bool
    ) -> None:
        services.save_routing_rule(rule=obj, actor=_actor(request), changed=list(form.changed_data))

    def delete_model(self, request: HttpRequest, obj: RoutingRule) -> None:
        services.delete_routing_rule(rule=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[RoutingRule]) -> None:
        for rule in queryset:
            services.delete_routing_rule(rule=rule, actor=_actor(request))

    def get_urls(self) -> list[URLPattern]:
        preview = path("preview/", self.admin_site.admin_view(self.preview_view), name="routing_routingrule_preview")
        return [preview, *super().get_urls()]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        """Show which team a report with the given facts would get, and why the rules before it did not match."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        form = RoutingPreviewForm(request.GET or None)
        preview = None
        if form.is_bound and form.is_valid():
            data = form.cleaned_data
            preview = selectors.preview_route(
                category=data["category"],
                at=data["at"],
                channel=data["channel"],
                lat=data.get("lat"),
                lon=data.get("lon"),
                area=data.get("area"),
                organisation=data.get("organisation"),
            )
        context: dict[str, Any] = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Routing preview"),
            "form": form,
            "preview": preview,
            "rules_total": selectors.rules_in_order().filter(is_active=True).count(),
        }
        return TemplateResponse(request, "admin/routing/routingrule/preview.html", context)


class RoutingPreviewForm(forms.Form):
    """The facts of an imagined report: category, a point or an area, a moment and a channel."""

    category = forms.ModelChoiceField(
        label=_("category"), queryset=Category.objects.filter(is_active=True).select_related("parent")
    )
    lat = forms.FloatField(label=_("latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("longitude"), required=False, min_value=-180, max_value=180)
    area = forms.ModelChoiceField(label=_("or an area"), queryset=Area.objects.order_by("kind", "name"), required=False)
    at = forms.DateTimeField(
        label=_("received at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    channel = forms.ChoiceField(label=_("channel"), choices=ReportSource.choices, initial=ReportSource.WEB)
    organisation = forms.ModelChoiceField(
        label=_("handled by"),
        queryset=Organisation.objects.filter(is_active=True),
        required=False,
        help_text=_("Empty: the kind of organisation the category is handled by."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = timezone.localtime().strftime("%Y-%m-%dT%H:%M")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        if lat is not None and data.get("area") is not None:
            raise forms.ValidationError(_("Give a point or an area, not both."))
        return data
