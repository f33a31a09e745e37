"""Fixtures of the open311 tests: organisations, a small taxonomy, an API key, a fresh catalogue per test."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from openbuurt.accounts.models import Organisation
from openbuurt.open311 import catalogue
from openbuurt.open311.models import ApiKey
from openbuurt.open311.services import create_api_key
from openbuurt.open311.tests.factories import Taxonomy, make_taxonomy
from openbuurt.reports.tests.factories import OrganisationFactory

BASE = "/open311/v2/"


@pytest.fixture(autouse=True)
def _fresh_catalogue() -> Iterator[None]:
    catalogue.reset()
    yield
    catalogue.reset()


@pytest.fixture
def gemeente(db: None) -> Organisation:
    return OrganisationFactory(contact_email="meldingen@groningen.example")


@pytest.fixture
def politie(db: None) -> Organisation:
    return OrganisationFactory(police=True)


@pytest.fixture
def taxonomy(db: None, gemeente: Organisation, politie: Organisation) -> Taxonomy:
    return make_taxonomy()


@dataclass(frozen=True)
class Key:
    api_key: ApiKey
    plain: str


@pytest.fixture
def key(taxonomy: Taxonomy) -> Key:
    api_key, plain = create_api_key(name="Test-app (door ons)", organisation=None)
    return Key(api_key, plain)
