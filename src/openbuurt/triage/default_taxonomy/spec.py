"""The typed shape of the default taxonomy: main categories with their sub categories, as frozen data."""

from __future__ import annotations

from dataclasses import dataclass

from openbuurt.triage.constants import HandlingOrganisation


@dataclass(frozen=True)
class SubCategorySpec:
    """A sub category; ``None`` and empty texts mean "as the main category".

    The service group, handling organisation and confidentiality always come from the main category, so a police
    sub category can never end up public by mistake. An empty handling message is inherited at display time
    (``Category.handling_message``); an unset handling time is copied from the main category at install time.
    """

    slug: str
    service_code: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    keywords: str
    """Comma-separated Dutch and English words and phrases, as stored in ``Category.keywords``."""
    handling_message_nl: str = ""
    handling_message_en: str = ""
    sla_days: int | None = None
    sla_working_days: bool | None = None


@dataclass(frozen=True)
class MainCategorySpec:
    """A main category and its sub categories, in the order residents see them."""

    slug: str
    service_code: str
    service_group: str
    name_nl: str
    name_en: str
    description_nl: str
    description_en: str
    keywords: str
    """Comma-separated Dutch and English words and phrases, as stored in ``Category.keywords``."""
    handling_message_nl: str
    handling_message_en: str
    sla_days: int
    sla_working_days: bool = True
    handling_organisation: HandlingOrganisation = HandlingOrganisation.MUNICIPALITY
    is_confidential: bool = False
    subs: tuple[SubCategorySpec, ...] = ()


def keyword_list(keywords: str) -> list[str]:
    """Return the comma-separated ``keywords`` as a list, without empty entries or surrounding spaces."""
    return [word.strip() for word in keywords.split(",") if word.strip()]
