from django.db import models
from django.utils.translation import gettext_lazy as _


class HandlingOrganisation(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality (gemeente)")
    POLICE = "police", _("police (politie)")


class Priority(models.TextChoices):
    NORMAL = "normal", _("normal")
    HIGH = "high", _("high")
    URGENT = "urgent", _("urgent")


# The slug of the fallback category used when nothing else fits.
FALLBACK_CATEGORY_SLUG = "overig"
