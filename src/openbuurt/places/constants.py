from django.db import models
from django.utils.translation import gettext_lazy as _


class AreaKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("municipality")
    DISTRICT = "district", _("district (wijk)")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood (buurt)")
    OTHER = "other", _("other area")


# More specific kinds win when a point lies in several areas.
SPECIFICITY = {
    AreaKind.NEIGHBOURHOOD: 3,
    AreaKind.DISTRICT: 2,
    AreaKind.OTHER: 1,
    AreaKind.MUNICIPALITY: 0,
}


class GazetteerKind(models.TextChoices):
    STREET = "street", _("street")
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    DISTRICT = "district", _("district")
    PLACE = "place", _("place or village")
    LANDMARK = "landmark", _("landmark")
