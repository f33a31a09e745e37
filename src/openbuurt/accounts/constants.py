"""Kinds of organisation and the roles people have in them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality (gemeente)")
    POLICE = "police", _("police (politie)")
    OTHER = "other", _("other public body")


class Role(models.TextChoices):
    INTAKE = "intake", _("intake / customer contact (KCC)")
    TEAM_MEMBER = "team_member", _("team member")
    TEAM_LEAD = "team_lead", _("team lead")
    POLICE_OFFICER = "police_officer", _("police officer")
    ADMINISTRATOR = "administrator", _("administrator")
