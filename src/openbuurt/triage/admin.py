"""Admin of the category taxonomy: main and sub categories, their Open311 codes, service promises and keywords."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG, HandlingOrganisation
from openbuurt.triage.models import Category
from openbuurt.triage.selectors import reset_classifier_cache

if TYPE_CHECKING:
    _CategoryFormBase = forms.ModelForm[Category]
    _CategoryAdminBase = admin.ModelAdmin[Category]
else:
    # ModelForm and ModelAdmin are generic only in django-stubs; at run time they cannot be subscripted.
    _CategoryFormBase = forms.ModelForm
    _CategoryAdminBase = admin.ModelAdmin


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class CategoryForm(_CategoryFormBase):
    """Keep the taxonomy two levels deep, keep police categories confidential and keep "overig" a main category."""

    class Meta:
        model = Category
        fields = "__all__"
        widgets = {"keywords": forms.Textarea(attrs={"rows": 3, "cols": 100})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent_field = self.fields.get("parent")
        if isinstance(parent_field, forms.ModelChoiceField):
            # Only main categories can be a parent: the taxonomy has exactly two levels.
            parent_field.queryset = Category.objects.filter(parent__isnull=True).order_by("order", "name_nl")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent = cleaned.get("parent")
        if parent is not None:
            if not self.instance._state.adding and parent.pk == self.instance.pk:
                self.add_error("parent", _("A category cannot be its own main category."))
            elif not self.instance._state.adding and self.instance.children.exists():
                self.add_error("parent", _("This category has sub categories, so it must stay a main category."))
            if cleaned.get("slug", self.instance.slug) == FALLBACK_CATEGORY_SLUG:
                self.add_error("parent", _("The fallback category “overig” must stay a main category."))
        if cleaned.get("handling_organisation") == HandlingOrganisation.POLICE and not cleaned.get("is_confidential"):
            self.add_error("is_confidential", _("Categories handled by the police must be confidential."))
        return cleaned


class _LevelFilter(admin.SimpleListFilter):
    title = _("level")
    parameter_name = "level"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("main", _("main categories")), ("sub", _("sub categories"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "main":
            return queryset.filter(parent__isnull=True)
        if self.value() == "sub":
            return queryset.filter(parent__isnull=False)
        return queryset


@admin.register(Category)
class CategoryAdmin(_CategoryAdminBase):
    form = CategoryForm
    list_display = [
        "name_nl",
        "parent",
        "service_code",
        "handling_organisation",
        "sla_days",
        "sla_working_days",
        "is_confidential",
        "is_active",
        "order",
    ]
    list_display_links = ["name_nl"]
    list_editable = ["order", "sla_days", "is_active"]
    list_filter = [
        _LevelFilter,
        "handling_organisation",
        "is_confidential",
        "is_active",
        "sla_working_days",
        "service_group",
        ("parent", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name_nl", "name_en", "slug", "service_code", "service_group", "keywords"]
    list_select_related = ["parent"]
    ordering = ["order", "name_nl"]
    prepopulated_fields = {"slug": ["name_nl"]}
    list_per_page = 200
    fieldsets = [
        (None, {"fields": ["parent", "name_nl", "name_en", "slug", "order", "is_active"]}),
        (_("Public description"), {"fields": ["description_nl", "description_en"]}),
        (
            _("Handling"),
            {
                "fields": [
                    "handling_organisation",
                    "is_confidential",
                    ("sla_days", "sla_working_days"),
                    "handling_message_nl",
                    "handling_message_en",
                ]
            },
        ),
        (_("Open311"), {"fields": ["service_code", "service_group"]}),
        (
            _("Classification"),
            {
                "fields": ["keywords"],
                "description": _(
                    "Dutch and English words residents use, separated by commas. Words of five letters or more "
                    "also match longer words that start with them; phrases count double."
                ),
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: Category, form: forms.ModelForm[Category], change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                actor=_actor(request),
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                target=obj,
                summary=f"category {obj.service_code} {'changed' if change else 'created'} in the admin",
                detail={"changed": sorted(form.changed_data)},
            )
            # The keyword classifier reads the taxonomy once; let this process pick up the change.
            transaction.on_commit(reset_classifier_cache)

    def delete_model(self, request: HttpRequest, obj: Category) -> None:
        with transaction.atomic():
            audit.record(
                actor=_actor(request),
                action=AuditAction.DELETE,
                target=obj,
                summary=f"category {obj.service_code} deleted in the admin",
            )
            super().delete_model(request, obj)
            transaction.on_commit(reset_classifier_cache)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Category]) -> None:
        for category in queryset:
            self.delete_model(request, category)

    def has_delete_permission(self, request: HttpRequest, obj: Category | None = None) -> bool:
        # The fallback category is where unclassifiable reports go; switch categories off instead of deleting them.
        if obj is not None and obj.slug == FALLBACK_CATEGORY_SLUG:
            return False
        return super().has_delete_permission(request, obj)
