"""Who may do what in the back office, on top of the scoping rules of :mod:`openbuurt.reports.access`.

Seeing a report is decided by ``reports_visible_to`` alone (404 outside it). Within that scope:

- every staff role may handle a report: status, team and person, category, priority, notes, duplicates;
- handing a report over to another organisation (municipality ↔ police) needs the role intake, team lead, police
  officer or administrator, because it takes the report out of the team's own queue;
- an account without a role may look but not act;
- the audit log is for administrators (role administrator or superuser), limited to their own organisation.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import update_wrapper
from typing import Concatenate, ParamSpec, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse

from openbuurt.accounts.constants import Role
from openbuurt.accounts.models import User
from openbuurt.reports.access import reports_visible_to
from openbuurt.reports.models import Report

P = ParamSpec("P")
R = TypeVar("R", bound=HttpResponseBase)


class Action(StrEnum):
    """The things staff do to a report from its detail page."""

    STATUS = "status"
    ASSIGN = "assign"
    REFER = "refer"
    CATEGORY = "category"
    PRIORITY = "priority"
    NOTE = "note"
    DUPLICATE = "duplicate"


HANDLING_ROLES = frozenset({Role.INTAKE, Role.TEAM_MEMBER, Role.TEAM_LEAD, Role.POLICE_OFFICER, Role.ADMINISTRATOR})
REFERRAL_ROLES = frozenset({Role.INTAKE, Role.TEAM_LEAD, Role.POLICE_OFFICER, Role.ADMINISTRATOR})


def can_act(user: User | AnonymousUser, action: Action) -> bool:
    """Tell whether ``user`` may perform ``action`` on reports they can see."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    roles = REFERRAL_ROLES if action == Action.REFER else HANDLING_ROLES
    return user.role in roles


def is_audit_reader(user: User | AnonymousUser) -> bool:
    """Tell whether ``user`` may browse the audit log (administrators and superusers)."""
    return isinstance(user, User) and user.is_active and (user.is_superuser or user.role == Role.ADMINISTRATOR)


def staff_user(request: HttpRequest) -> User:
    """Return the logged-in staff member of ``request``; only call behind :func:`staff_required`."""
    user = request.user
    assert isinstance(user, User)
    return user


def staff_required(
    view: Callable[Concatenate[HttpRequest, P], R],
) -> Callable[Concatenate[HttpRequest, P], R | HttpResponseBase]:
    """Send anonymous visitors to the back-office login; refuse (403) accounts that belong to no organisation."""

    def wrapped(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> R | HttpResponseBase:
        user = request.user
        if not isinstance(user, User) or not user.is_active:
            return redirect_to_login(request.get_full_path(), reverse("backoffice:login"))
        if user.organisation_id is None:
            raise PermissionDenied("this account belongs to no organisation")
        response = view(request, *args, **kwargs)
        # Back-office pages hold personal data: never keep them in a shared or browser cache.
        response.setdefault("Cache-Control", "private, no-store")
        return response

    update_wrapper(wrapped, view)
    return wrapped


def visible_report_or_404(user: User, public_id: str) -> Report:
    """Return the report ``public_id`` if ``user`` may see it; raise 404 otherwise, whether or not it exists."""
    return get_object_or_404(
        reports_visible_to(user).select_related(
            "category",
            "category__parent",
            "organisation",
            "department",
            "assignee",
            "area",
            "district",
            "duplicate_of",
        ),
        public_id=public_id,
    )
