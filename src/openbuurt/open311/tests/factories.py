"""Categories, keys and Open311 helpers for the open311 tests (data written by us for tests).

The categories carry codes of their own (``T-…``) so they never clash with the default taxonomy.
"""

from __future__ import annotations

from dataclasses import dataclass

import factory
from defusedxml import ElementTree as SafeET

from openbuurt.triage.constants import HandlingOrganisation
from openbuurt.triage.models import Category


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"test-categorie-{n}")
    service_code = factory.Sequence(lambda n: f"T-{n:03d}")
    name_nl = factory.Sequence(lambda n: f"Testcategorie {n}")
    name_en = factory.Sequence(lambda n: f"Test category {n}")
    description_nl = "Een categorie voor de tests (door ons geschreven)."
    description_en = "A category for the tests (written by us)."
    keywords = "test, proef"
    handling_message_nl = "We pakken dit binnen 5 werkdagen op (testtekst)."
    handling_message_en = "We handle this within 5 working days (test text)."
    handling_organisation = HandlingOrganisation.MUNICIPALITY


@dataclass(frozen=True)
class Taxonomy:
    """The categories the open311 tests use."""

    lighting: Category
    lamp_post: Category
    police: Category
    confidential: Category
    inactive: Category


def make_taxonomy() -> Taxonomy:
    lighting = CategoryFactory(
        slug="test-verlichting",
        service_code="T-100",
        service_group="verlichting",
        name_nl="Straatverlichting (test)",
        name_en="Street lighting (test)",
        keywords="lamp, lantaarnpaal, verlichting",
        order=1,
    )
    lamp_post = CategoryFactory(
        slug="test-lantaarnpaal",
        service_code="T-101",
        parent=lighting,
        name_nl="Lantaarnpaal kapot (test)",
        name_en="Broken street lamp (test)",
        keywords="lantaarnpaal,  straatlamp ,brandt niet",
        handling_message_nl="",
        handling_message_en="",
        order=2,
    )
    police = CategoryFactory(
        slug="test-overlast-politie",
        service_code="T-900",
        service_group="overlast",
        name_nl="Overlast van personen (test)",
        name_en="Nuisance by people (test)",
        handling_organisation=HandlingOrganisation.POLICE,
        order=3,
    )
    confidential = CategoryFactory(
        slug="test-vertrouwelijk",
        service_code="T-800",
        service_group="zorg",
        name_nl="Zorgen om een buurtgenoot (test)",
        name_en="Worried about a neighbour (test)",
        is_confidential=True,
        order=4,
    )
    inactive = CategoryFactory(slug="test-oud", service_code="T-700", is_active=False, order=5)
    return Taxonomy(lighting, lamp_post, police, confidential, inactive)


def parse_xml(body: bytes) -> SafeET.Element:
    """Parse a response body with defusedxml (refuses entities and DTDs)."""
    return SafeET.fromstring(body)


def xml_to_value(element: SafeET.Element) -> object:
    """Convert XML back to plain values by the Spark rules: a list wrapper becomes a list of its items."""
    from openbuurt.open311.wire import ITEM_NAMES

    children = list(element)
    if not children:
        if element.tag in ITEM_NAMES:
            return []
        return element.text
    if element.tag in ITEM_NAMES:
        return [xml_to_value(child) for child in children]
    return {child.tag: xml_to_value(child) for child in children}
