"""Default routing rules of the demo municipality (gemeente Groningen) and the police (written by us).

The rules route by category to the specialist teams, by wijk to the seven Wijkbeheer teams (one per stadsdeel),
firework nuisance at night to Handhaving, police categories to the police teams, and everything else to the KCC,
which triages. Teams are found by name (or the slug of that name) in the site's municipality and the police.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

import structlog

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Department, Organisation
from openbuurt.places.models import Area
from openbuurt.routing import services
from openbuurt.routing.models import RoutingRule
from openbuurt.triage.models import Category

log = structlog.get_logger(__name__)

# Stadsdelen of Groningen and their CBS wijken (Wijk- en Buurtkaart 2024).
STADSDELEN: dict[str, tuple[str, ...]] = {
    "Centrum": ("WK001400",),
    "Noord": ("WK001403", "WK001410", "WK001411", "WK001412"),  # Oud-Noord, Noordwest, Noordoost, Noorddijk
    "West": ("WK001402", "WK001409", "WK001408"),  # Oud-West, Nieuw-West, Hoogkerk
    "Zuid": ("WK001401", "WK001407", "WK001406"),  # Oud-Zuid, Zuidwest, Helpman
    "Oost": ("WK001404", "WK001405", "WK001414"),  # Oosterparkwijk, Zuidoost, Meerstad
    "Haren": ("WK001417", "WK001418", "WK001419"),  # Haren-West, Haren-Oost, Glimmen-Onnen-Noordlaren
    "Ten Boer": ("WK001415", "WK001416", "WK001413"),  # Ten Boer, Ten Post, Meerdorpen
}

# What the Wijkbeheer teams look after in their own stadsdeel (main categories cover their sub categories).
WIJKBEHEER_CATEGORIES = (
    "zwerfafval",
    "straatmeubilair-en-verkeersborden",
    "speelvoorzieningen",
    "gladheidsbestrijding",
    "meeuwen",
    "ongedierte",
    "vuurwerkoverlast",
    "wegen-straten-en-verkeer",
)

NIGHT = (time(22, 0), time(7, 0))


@dataclass(frozen=True)
class RuleSpec:
    """A default rule; ``categories`` and ``areas`` are slugs and area codes, empty meaning any."""

    name: str
    order: int
    team: str
    police: bool = False
    categories: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    organisation_kind: str = ""
    window: tuple[time, time] | None = None
    description: str = ""


DEFAULT_RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        name="Politie: jeugd- en drugsoverlast",
        order=10,
        team="Wijkagenten Groningen",
        police=True,
        categories=("jeugdoverlast", "drugsoverlast"),
        organisation_kind=OrganisationKind.POLICE,
        description="De wijkagent kent de buurt en de jongeren.",
    ),
    RuleSpec(
        name="Politie: criminaliteit en veiligheid",
        order=20,
        team="Basisteam Groningen",
        police=True,
        categories=("politie-criminaliteit-en-veiligheid",),
        organisation_kind=OrganisationKind.POLICE,
    ),
    RuleSpec(
        name="Politie: verkeer en ongevallen",
        order=30,
        team="Basisteam Groningen",
        police=True,
        categories=("politie-verkeer-en-ongevallen",),
        organisation_kind=OrganisationKind.POLICE,
    ),
    RuleSpec(
        name="Politie: overige en doorverwezen meldingen",
        order=40,
        team="Basisteam Groningen",
        police=True,
        organisation_kind=OrganisationKind.POLICE,
        description="Vangnet voor de politie, ook voor meldingen die de gemeente doorverwijst.",
    ),
    RuleSpec(
        name="Vuurwerkoverlast 's nachts",
        order=100,
        team="Handhaving",
        categories=("vuurwerkoverlast",),
        window=NIGHT,
        description="'s Nachts gaat vuurwerkoverlast naar de nachtdienst van Handhaving; overdag naar Wijkbeheer.",
    ),
    RuleSpec(
        name="Overlast en parkeren", order=110, team="Handhaving", categories=("overlast-en-handhaving", "parkeren")
    ),
    RuleSpec(
        name="Huisafval en containers",
        order=120,
        team="Afvalinzameling",
        categories=("huisafval", "ondergrondse-container-storing", "afvalpas-werkt-niet"),
    ),
    RuleSpec(name="Straatverlichting", order=130, team="Openbare verlichting", categories=("straatverlichting",)),
    RuleSpec(name="Openbaar groen", order=140, team="Groenbeheer", categories=("openbaar-groen",)),
    RuleSpec(name="Riolering en water", order=150, team="Riolering", categories=("riolering-en-water",)),
    RuleSpec(
        name="Verkeer, verkeerslichten en parkeerautomaten",
        order=160,
        team="Verkeer",
        categories=(
            "verkeerslicht-defect",
            "onveilige-verkeerssituatie",
            "hinder-werkzaamheden",
            "verkeersbord",
            "parkeerautomaat-defect",
            "beweegbare-paal-storing",
            "laadpaal-defect",
        ),
    ),
    *(
        RuleSpec(
            name=f"Wijkbeheer {stadsdeel}",
            order=200 + position,
            team=f"Wijkbeheer {stadsdeel}",
            categories=WIJKBEHEER_CATEGORIES,
            areas=codes,
        )
        for position, (stadsdeel, codes) in enumerate(STADSDELEN.items())
    ),
    RuleSpec(
        name="Alle overige gemeentelijke meldingen: KCC",
        order=900,
        team="KCC",
        organisation_kind=OrganisationKind.MUNICIPALITY,
        description="Vangnet: het KCC beoordeelt de melding en zet haar door naar het juiste team.",
    ),
)


def _organisation(kind: OrganisationKind) -> Organisation | None:
    active = Organisation.objects.filter(kind=kind, is_active=True).order_by("pk")
    if kind == OrganisationKind.MUNICIPALITY:
        preferred = active.filter(slug=settings.OPENBUURT_DEFAULT_ORGANISATION).first()
        if preferred is not None:
            return preferred
    return active.first()


def _team(organisation: Organisation | None, name: str) -> Department | None:
    if organisation is None:
        return None
    teams = Department.objects.filter(organisation=organisation, is_active=True)
    return teams.filter(slug=slugify(name)).first() or teams.filter(name__iexact=name).first()


@transaction.atomic
def install_default_rules() -> int:
    """Create the default routing rules that are missing (matched by name) and return how many were created.

    Idempotent: an existing rule is left as an administrator may have changed it. A rule whose team does not
    exist is skipped, and so is a rule none of whose categories or areas exist, so a missing taxonomy or missing
    areas never turn a specific rule into a catch-all.
    """
    municipality = _organisation(OrganisationKind.MUNICIPALITY)
    police = _organisation(OrganisationKind.POLICE)
    existing = set(RoutingRule.objects.values_list("name", flat=True))
    created = 0
    for spec in DEFAULT_RULES:
        if spec.name in existing:
            continue
        team = _team(police if spec.police else municipality, spec.team)
        categories = list(Category.objects.filter(slug__in=spec.categories))
        areas = list(Area.objects.filter(code__in=spec.areas))
        if team is None or (spec.categories and not categories) or (spec.areas and not areas):
            log.warning("default_routing_rule_skipped", rule=spec.name, team_found=team is not None)
            continue
        rule = RoutingRule(
            name=spec.name,
            order=spec.order,
            department=team,
            organisation_kind=spec.organisation_kind,
            start_time=spec.window[0] if spec.window else None,
            end_time=spec.window[1] if spec.window else None,
            description=spec.description,
        )
        services.save_routing_rule(rule=rule, actor=None, changed=["default rule"])
        rule.categories.set(categories)
        rule.areas.set(areas)
        created += 1
    return created
