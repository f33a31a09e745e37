"""Organisations (gemeente, politie), their departments and teams, and the people who work in them."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.constants import OrganisationKind, Role


class Organisation(models.Model):
    """A public body that handles reports: a municipality or a police unit."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    report_prefix = models.CharField(
        _("report number prefix"),
        max_length=5,
        help_text=_("Prefix of public report numbers, e.g. GRO for GRO-2026-000123."),
    )
    jurisdiction_id = models.CharField(
        _("Open311 jurisdiction id"), max_length=100, blank=True, help_text=_("Usually the main web domain.")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_police(self) -> bool:
        return self.kind == OrganisationKind.POLICE


class Department(models.Model):
    """A department or team inside an organisation; teams may sit under a department (``parent``)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="departments"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"))
    email = models.EmailField(_("team e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department or team")
        verbose_name_plural = _("departments and teams")
        ordering = ["organisation__name", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "slug"], name="department_slug_per_org")]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation.name})"


class User(AbstractUser):
    """A staff member; residents need no account."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    departments = models.ManyToManyField(
        Department, verbose_name=_("departments and teams"), blank=True, related_name="members"
    )
    limit_to_departments = models.BooleanField(
        _("only own departments' reports"),
        default=False,
        help_text=_("When on, this person sees only reports of their own departments, not of the whole organisation."),
    )

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        swappable = "AUTH_USER_MODEL"
