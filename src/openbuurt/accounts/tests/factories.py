"""Factories for staff members (data written by us for tests)."""

from __future__ import annotations

from typing import Any

import factory

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import User
from openbuurt.reports.tests.factories import OrganisationFactory


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member; pass ``departments=[team]`` to make them a member of teams."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"medewerker{n}")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Medewerker{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@gemeente.example")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.TEAM_MEMBER

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        departments = kwargs.pop("departments", None) or []
        user: User = super()._create(model_class, *args, **kwargs)
        user.departments.set(departments)
        return user
