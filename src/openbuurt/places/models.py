"""Areas (CBS wijken and buurten with their polygons) and the offline gazetteer of named places."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.places.constants import AreaKind, GazetteerKind


class Area(models.Model):
    """A named polygon: a wijk, a buurt or the municipality itself.

    The geometry is stored as a GeoJSON geometry (Polygon or MultiPolygon, WGS84) and its bounding box, so no
    spatial database is needed; point-in-area lookups use an in-memory spatial index (``places.geometry``).
    """

    code = models.CharField(_("code"), max_length=32, unique=True, help_text=_("E.g. the CBS code WK001400."))
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AreaKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    geometry: models.JSONField[dict[str, Any], dict[str, Any]] = models.JSONField(_("geometry (GeoJSON)"))
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    source = models.CharField(_("source and licence"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"


class GazetteerEntry(models.Model):
    """A named place (street, buurt, landmark) with a representative point, for offline geocoding.

    ``key`` identifies an entry across imports (a CBS code, or ``alias:<name>``), so re-importing a list updates
    its entries instead of duplicating them; entries typed in by hand may leave it empty.
    """

    key = models.CharField(
        _("key"), max_length=100, blank=True, help_text=_("Stable identifier across imports, e.g. BU00140000.")
    )
    name = models.CharField(_("name"), max_length=200)
    normalized_name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=GazetteerKind.choices)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("gazetteer entry")
        verbose_name_plural = _("gazetteer")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~models.Q(key=""), name="places_gazetteer_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_kind_display()})"
