"""The taxonomy of report categories: main categories with sub categories, each with its service promise."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from openbuurt.triage.constants import HandlingOrganisation


class Category(models.Model):
    """A main category (``parent`` empty) or a sub category of the report taxonomy.

    Reports are filed under sub categories where possible; a main category's settings are the defaults of its
    sub categories. The Open311 service list publishes every active category that has a ``service_code``.
    """

    parent = models.ForeignKey(
        "self",
        verbose_name=_("main category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    handling_organisation = models.CharField(
        _("handled by"),
        max_length=20,
        choices=HandlingOrganisation.choices,
        default=HandlingOrganisation.MUNICIPALITY,
    )
    service_code = models.CharField(_("Open311 service code"), max_length=50, unique=True)
    service_group = models.CharField(_("Open311 group"), max_length=100, blank=True)
    keywords = models.TextField(
        _("keywords"), blank=True, help_text=_("Comma-separated words and synonyms that point to this category.")
    )
    handling_message_nl = models.TextField(_("service promise (Dutch)"), blank=True)
    handling_message_en = models.TextField(_("service promise (English)"), blank=True)
    sla_days = models.PositiveSmallIntegerField(_("handling time (days)"), default=5)
    sla_working_days = models.BooleanField(_("count working days"), default=True, help_text=_("Off: calendar days."))
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Reports in this category never appear in public lists, maps or open data."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["order", "name_nl"]

    def __str__(self) -> str:
        if self.parent_id is not None and self.parent is not None:
            return f"{self.parent.name_nl} › {self.name_nl}"
        return self.name_nl

    @property
    def is_main(self) -> bool:
        return self.parent_id is None

    @property
    def is_police(self) -> bool:
        return self.handling_organisation == HandlingOrganisation.POLICE

    def _localized(self, nl: str, en: str) -> str:
        language = (get_language() or "nl")[:2]
        return en if language == "en" and en else nl

    @property
    def name(self) -> str:
        """The public name in the active language."""
        return self._localized(self.name_nl, self.name_en)

    @property
    def description(self) -> str:
        """The public description in the active language."""
        return self._localized(self.description_nl, self.description_en)

    @property
    def handling_message(self) -> str:
        """The service promise in the active language, inherited from the main category when empty."""
        own = self._localized(self.handling_message_nl, self.handling_message_en)
        if own or self.parent is None:
            return own
        return self.parent.handling_message

    def keyword_list(self) -> list[str]:
        """Return the keywords as a list of lower-case words."""
        return [word.strip().lower() for word in self.keywords.split(",") if word.strip()]
