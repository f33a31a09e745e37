"""The default category taxonomy, the Katwijk label mapping, emergency texts, and installing it idempotently.

The fifteen municipal main categories carry the Katwijk (Fixi) names exactly, so labelled Katwijk data maps one to
one onto them (:data:`KATWIJK_CATEGORY_TO_SLUG`). Police categories are confidential and police-handled; "overig"
is the fallback. All texts were written by us.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from django.db import transaction

from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG
from openbuurt.triage.default_taxonomy.animals_and_fireworks import MEEUWEN, ONGEDIERTE, VUURWERKOVERLAST
from openbuurt.triage.default_taxonomy.green_and_water import GLADHEIDSBESTRIJDING, OPENBAAR_GROEN, RIOLERING_EN_WATER
from openbuurt.triage.default_taxonomy.police import CRIMINALITEIT_EN_VEILIGHEID, VERKEER_EN_ONGEVALLEN
from openbuurt.triage.default_taxonomy.spec import MainCategorySpec, SubCategorySpec, keyword_list
from openbuurt.triage.default_taxonomy.street_objects import (
    SPEELVOORZIENINGEN,
    STRAATMEUBILAIR_EN_VERKEERSBORDEN,
    STRAATVERLICHTING,
)
from openbuurt.triage.default_taxonomy.streets import OVERLAST_EN_HANDHAVING, PARKEREN, WEGEN_STRATEN_EN_VERKEER
from openbuurt.triage.default_taxonomy.waste import HUISAFVAL, TECHNISCHE_STORINGEN, ZWERFAFVAL
from openbuurt.triage.models import Category

__all__ = [
    "DEFAULT_TAXONOMY",
    "EMERGENCY_GUIDANCE",
    "EMERGENCY_MESSAGE_EN",
    "EMERGENCY_MESSAGE_NL",
    "EMERGENCY_NUMBER",
    "KATWIJK_CATEGORY_TO_SLUG",
    "POLICE_NON_EMERGENCY_MESSAGE_EN",
    "POLICE_NON_EMERGENCY_MESSAGE_NL",
    "POLICE_NON_EMERGENCY_NUMBER",
    "MainCategorySpec",
    "SubCategorySpec",
    "TaxonomyError",
    "emergency_message",
    "install_default_taxonomy",
    "iter_category_specs",
    "validate_taxonomy",
]

OVERIG = MainCategorySpec(
    slug=FALLBACK_CATEGORY_SLUG,
    service_code="OVR-00",
    service_group="overig",
    name_nl="Overig",
    name_en="Other",
    description_nl="Een melding over de openbare ruimte die in geen andere categorie past.",
    description_en="A report about public space that fits no other category.",
    # No keywords on purpose: the keyword classifier falls back to this category when nothing else matches.
    keywords="",
    handling_message_nl=(
        "We behandelen uw melding binnen 5 werkdagen; hoort zij bij een ander team, dan sturen we haar door."
    ),
    handling_message_en=("We handle your report within 5 working days; if it belongs to another team, we pass it on."),
    sla_days=5,
)

DEFAULT_TAXONOMY: tuple[MainCategorySpec, ...] = (
    OVERLAST_EN_HANDHAVING,
    HUISAFVAL,
    PARKEREN,
    WEGEN_STRATEN_EN_VERKEER,
    ZWERFAFVAL,
    OPENBAAR_GROEN,
    STRAATVERLICHTING,
    TECHNISCHE_STORINGEN,
    STRAATMEUBILAIR_EN_VERKEERSBORDEN,
    VUURWERKOVERLAST,
    RIOLERING_EN_WATER,
    ONGEDIERTE,
    SPEELVOORZIENINGEN,
    MEEUWEN,
    GLADHEIDSBESTRIJDING,
    CRIMINALITEIT_EN_VEILIGHEID,
    VERKEER_EN_ONGEVALLEN,
    OVERIG,
)
"""Every default main category with its sub categories, in the order residents see them."""

KATWIJK_CATEGORY_TO_SLUG: dict[str, str] = {
    "Overlast en handhaving": "overlast-en-handhaving",
    "Huisafval": "huisafval",
    "Parkeren": "parkeren",
    "Wegen, straten en verkeer": "wegen-straten-en-verkeer",
    "Zwerfafval": "zwerfafval",
    "Openbaar groen": "openbaar-groen",
    "Straatverlichting": "straatverlichting",
    "Technische storingen en parkeermeters": "technische-storingen-en-parkeermeters",
    "Straatmeubilair en verkeersborden": "straatmeubilair-en-verkeersborden",
    "Vuurwerkoverlast": "vuurwerkoverlast",
    "Riolering en water": "riolering-en-water",
    "Ongedierte": "ongedierte",
    "Speelvoorzieningen": "speelvoorzieningen",
    "Meeuwen": "meeuwen",
    "Gladheidsbestrijding": "gladheidsbestrijding",
}
"""The category label of the Katwijk (Fixi) data mapped to the slug of the main category with the same name."""

EMERGENCY_NUMBER = "112"
POLICE_NON_EMERGENCY_NUMBER = "0900-8844"

EMERGENCY_MESSAGE_NL = (
    "Is er direct gevaar? Bel 112. Bij brand, een ongeluk met gewonden of een misdrijf dat nu gebeurt, belt u "
    "meteen 112 en wacht u niet op een reactie op uw melding. Geen spoed, maar wel politie nodig? Bel 0900-8844."
)
EMERGENCY_MESSAGE_EN = (
    "Is there immediate danger? Call 112. For a fire, an accident with injuries or a crime happening right now, "
    "call 112 straight away and do not wait for a reply to your report. No emergency, but you need the police? "
    "Call 0900-8844."
)
POLICE_NON_EMERGENCY_MESSAGE_NL = "Geen spoed, maar wel politie nodig? Bel 0900-8844 of kijk op politie.nl."
POLICE_NON_EMERGENCY_MESSAGE_EN = "No emergency, but you need the police? Call 0900-8844 or visit politie.nl."

EMERGENCY_GUIDANCE: tuple[tuple[str, str], ...] = (("nl", EMERGENCY_MESSAGE_NL), ("en", EMERGENCY_MESSAGE_EN))
"""The public text shown when ``triage.urgency.assess_urgency`` finds an emergency, per language code."""


def emergency_message(language: str) -> str:
    """Return the emergency guidance in ``language`` ("en…" gives English, anything else Dutch)."""
    return EMERGENCY_MESSAGE_EN if language[:2].lower() == "en" else EMERGENCY_MESSAGE_NL


class TaxonomyError(ValueError):
    """Raised when a taxonomy is inconsistent or clashes with categories already stored."""


# A keyword only ever matches when it is words of letters and digits: the keyword classifier splits texts on
# everything else, so "fly-tipping" would silently never match.
_MATCHABLE_KEYWORD = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")


def _normalize(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def iter_category_specs(
    taxonomy: Iterable[MainCategorySpec] = DEFAULT_TAXONOMY,
) -> Iterator[tuple[MainCategorySpec, SubCategorySpec | None]]:
    """Yield ``(main, None)`` for every main category followed by ``(main, sub)`` for each of its subs."""
    for main in taxonomy:
        yield main, None
        for sub in main.subs:
            yield main, sub


def validate_taxonomy(taxonomy: Iterable[MainCategorySpec] = DEFAULT_TAXONOMY) -> None:
    """Raise :class:`TaxonomyError` listing every problem: duplicate slugs or codes, empty texts, bad keywords."""
    problems: list[str] = []
    slugs: set[str] = set()
    codes: set[str] = set()
    for main, sub in iter_category_specs(taxonomy):
        spec: MainCategorySpec | SubCategorySpec = sub if sub is not None else main
        label = spec.slug or "(empty slug)"
        if spec.slug in slugs:
            problems.append(f"slug {spec.slug!r} is used twice")
        if spec.service_code in codes:
            problems.append(f"service code {spec.service_code!r} of {label} is used twice")
        slugs.add(spec.slug)
        codes.add(spec.service_code)
        for field in ("slug", "service_code", "name_nl", "name_en", "description_nl", "description_en"):
            if not getattr(spec, field).strip():
                problems.append(f"{label}: {field} is empty")
        if not (spec.handling_message_nl or main.handling_message_nl) or not (
            spec.handling_message_en or main.handling_message_en
        ):
            problems.append(f"{label}: no handling message of its own or from its main category")
        if spec.sla_days is not None and spec.sla_days < 1:
            problems.append(f"{label}: sla_days must be at least 1")
        problems.extend(
            f"{label}: keyword {keyword!r} can never match (use letters, digits and single spaces)"
            for keyword in keyword_list(spec.keywords)
            if not _MATCHABLE_KEYWORD.fullmatch(_normalize(keyword))
        )
    if problems:
        raise TaxonomyError("; ".join(problems))


def _category_values(main: MainCategorySpec, sub: SubCategorySpec | None, order: int) -> dict[str, object]:
    spec: MainCategorySpec | SubCategorySpec = sub if sub is not None else main
    sla_days = spec.sla_days if spec.sla_days is not None else main.sla_days
    sla_working_days = spec.sla_working_days if spec.sla_working_days is not None else main.sla_working_days
    return {
        "name_nl": spec.name_nl,
        "name_en": spec.name_en,
        "description_nl": spec.description_nl,
        "description_en": spec.description_en,
        "handling_organisation": str(main.handling_organisation),
        "service_code": spec.service_code,
        "service_group": main.service_group,
        "keywords": ", ".join(keyword_list(spec.keywords)),
        "handling_message_nl": spec.handling_message_nl,
        "handling_message_en": spec.handling_message_en,
        "sla_days": sla_days,
        "sla_working_days": sla_working_days,
        "is_confidential": main.is_confidential,
        "order": order,
    }


def install_default_taxonomy(
    category_model: type[Category], *, taxonomy: tuple[MainCategorySpec, ...] = DEFAULT_TAXONOMY
) -> int:
    """Create or update every category of ``taxonomy`` by slug and return how many were created.

    ``category_model`` is the model class, so a data migration can pass its historical model. Running it again
    changes nothing; a later run brings texts, keywords and handling times back to the defaults but leaves
    ``is_active`` alone, so a category switched off by an administrator stays off. Categories that are not in the
    taxonomy are left untouched. The taxonomy is validated first, and a service code already held by a category
    with another slug raises :class:`TaxonomyError` before anything is written.
    """
    validate_taxonomy(taxonomy)
    manager = category_model._default_manager
    wanted = {(sub or main).service_code: (sub or main).slug for main, sub in iter_category_specs(taxonomy)}
    held = dict(manager.filter(service_code__in=wanted).values_list("service_code", "slug"))
    clashes = [
        f"service code {code!r} of {wanted[code]!r} already belongs to category {holder!r}"
        for code, holder in sorted(held.items())
        if holder != wanted[code]
    ]
    if clashes:
        raise TaxonomyError("; ".join(clashes))
    created = 0
    with transaction.atomic(using=manager.db):
        for position, main in enumerate(taxonomy, start=1):
            # Orders leave room for a main category's subs, so sorting by order lists each main with its subs.
            main_order = position * 100
            parent, was_created = manager.update_or_create(
                slug=main.slug, defaults={"parent": None, **_category_values(main, None, main_order)}
            )
            created += was_created
            for sub_position, sub in enumerate(main.subs, start=1):
                _, was_created = manager.update_or_create(
                    slug=sub.slug, defaults={"parent": parent, **_category_values(main, sub, main_order + sub_position)}
                )
                created += was_created
    return created
