"""Admin of organisations, their departments and teams, and staff members with their role and teams."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.forms import UserChangeForm as DjangoUserChangeForm
from django.db import transaction
from django.db.models import Count, Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction

if TYPE_CHECKING:
    _OrganisationAdminBase = admin.ModelAdmin[Organisation]
    _DepartmentFormBase = forms.ModelForm[Department]
    _DepartmentAdminBase = admin.ModelAdmin[Department]
    _UserChangeFormBase = DjangoUserChangeForm[User]
    _UserCreationFormBase = AdminUserCreationForm[User]
    _DepartmentInlineBase = admin.TabularInline[Department, Organisation]
    _UserAdminBase = DjangoUserAdmin[User]
else:
    # ModelForm, ModelAdmin and the auth admin classes are generic only in django-stubs; at run time they cannot be
    # subscripted.
    _OrganisationAdminBase = admin.ModelAdmin
    _DepartmentFormBase = forms.ModelForm
    _DepartmentAdminBase = admin.ModelAdmin
    _UserChangeFormBase = DjangoUserChangeForm
    _UserCreationFormBase = AdminUserCreationForm
    _DepartmentInlineBase = admin.TabularInline
    _UserAdminBase = DjangoUserAdmin


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


def _record_save(request: HttpRequest, obj: Model, form: forms.BaseForm, change: bool, label: str) -> None:
    audit.record(
        actor=_actor(request),
        action=AuditAction.UPDATE if change else AuditAction.CREATE,
        target=obj,
        summary=f"{label} {'changed' if change else 'created'} in the admin",
        # Field names only: the audit log outlives the people it mentions and holds no personal data.
        detail={"changed": sorted(form.changed_data)},
    )


class _DepartmentInline(_DepartmentInlineBase):
    model = Department
    fk_name = "organisation"
    fields = ["name", "slug", "parent", "email", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0
    show_change_link = True


@admin.register(Organisation)
class OrganisationAdmin(_OrganisationAdminBase):
    list_display = ["name", "kind", "report_prefix", "jurisdiction_id", "department_count", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "slug", "jurisdiction_id", "contact_email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [_DepartmentInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Organisation]:
        return super().get_queryset(request).annotate(_department_count=Count("departments"))

    @admin.display(description=_("departments and teams"), ordering="_department_count")
    def department_count(self, organisation: Organisation) -> int:
        return int(getattr(organisation, "_department_count", 0))

    def save_model(
        self, request: HttpRequest, obj: Organisation, form: forms.ModelForm[Organisation], change: bool
    ) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            _record_save(request, obj, form, change, f"organisation {obj.slug}")


class DepartmentForm(_DepartmentFormBase):
    """Refuse a parent from another organisation and a parent that would make a loop."""

    class Meta:
        model = Department
        fields = "__all__"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        parent: Department | None = cleaned.get("parent")
        organisation: Organisation | None = cleaned.get("organisation")
        if parent is None:
            return cleaned
        if organisation is not None and parent.organisation_id != organisation.pk:
            self.add_error("parent", _("The department it is part of must belong to the same organisation."))
            return cleaned
        ancestor: Department | None = parent
        while ancestor is not None:
            if not self.instance._state.adding and ancestor.pk == self.instance.pk:
                self.add_error("parent", _("A department cannot be part of itself or of one of its own teams."))
                break
            ancestor = ancestor.parent
        return cleaned


@admin.register(Department)
class DepartmentAdmin(_DepartmentAdminBase):
    form = DepartmentForm
    list_display = ["name", "organisation", "parent", "email", "member_count", "is_active"]
    list_filter = ["organisation", "is_active", ("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug", "email", "organisation__name"]
    list_select_related = ["organisation", "parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    ordering = ["organisation__name", "name"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Department]:
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, department: Department) -> int:
        return int(getattr(department, "_member_count", 0))

    def save_model(
        self, request: HttpRequest, obj: Department, form: forms.ModelForm[Department], change: bool
    ) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            _record_save(request, obj, form, change, f"department {obj.organisation.slug}/{obj.slug}")


def _check_departments(form: forms.ModelForm[User], cleaned: dict[str, Any]) -> None:
    organisation: Organisation | None = cleaned.get("organisation")
    departments = list(cleaned.get("departments") or [])
    if departments and organisation is None:
        form.add_error("organisation", _("Choose the organisation of the departments first."))
    elif organisation is not None and any(d.organisation_id != organisation.pk for d in departments):
        form.add_error("departments", _("Choose only departments and teams of the staff member's organisation."))
    if cleaned.get("limit_to_departments") and not departments:
        form.add_error("departments", _("Choose at least one department, or switch off “only own departments”."))


class StaffChangeForm(_UserChangeFormBase):
    """Django's user form, plus: departments must belong to the person's organisation."""

    class Meta(DjangoUserChangeForm.Meta):
        model = User

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_departments(self, cleaned)
        return cleaned


class StaffCreationForm(_UserCreationFormBase):
    """Django's add-user form with the organisation and role asked up front."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "organisation", "role")


@admin.register(User)
class UserAdmin(_UserAdminBase):
    form = StaffChangeForm
    add_form = StaffCreationForm
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_staff", "is_active"]
    list_filter = ["organisation", "role", "departments", "limit_to_departments", "is_staff", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email", "departments__name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["departments", "groups", "user_permissions"]
    fieldsets = [
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Organisation and role"),
            {"fields": ["organisation", "role", "departments", "limit_to_departments"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["username", "organisation", "role", "usable_password", "password1", "password2"],
            },
        ),
    ]

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm[User], change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            _record_save(request, obj, form, change, f"staff member {obj.username}")
