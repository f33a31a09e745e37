"""Who may see which reports: organisation scoping, department limits, police confidentiality.

The rules, in order:
- Anonymous users see no private report data at all (public pages use ``selectors.public_reports``).
- Staff see only reports of their own organisation; police reports are visible to police staff only, whatever
  other permissions a municipal user has (a superuser of the municipality included).
- A staff member whose account is limited to departments sees only reports of those departments (and reports
  assigned to them personally).
- Reporter contact details need the permission ``reports.view_reporter_contact``; every view is audited.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet

from openbuurt.accounts.models import User
from openbuurt.reports.models import Report

CONTACT_PERMISSION = "reports.view_reporter_contact"


def reports_visible_to(user: User | AnonymousUser) -> QuerySet[Report]:
    """Return the reports ``user`` may open in the back office (none for anonymous or organisation-less users)."""
    if not isinstance(user, User) or not user.is_active:
        return Report.objects.none()
    if user.organisation_id is None:
        return Report.objects.none()
    visible = Report.objects.filter(organisation_id=user.organisation_id)
    if user.limit_to_departments:
        # A literal list, not a subquery: PostgreSQL can then use the department index inside the OR.
        departments = list(user.departments.values_list("pk", flat=True))
        visible = visible.filter(Q(department_id__in=departments) | Q(assignee=user))
    return visible


def can_view_report(user: User | AnonymousUser, report: Report) -> bool:
    """Tell whether ``user`` may open ``report``."""
    return reports_visible_to(user).filter(pk=report.pk).exists()


def can_view_contact(user: User | AnonymousUser, report: Report) -> bool:
    """Tell whether ``user`` may see the reporter's contact details of ``report``."""
    return isinstance(user, User) and user.has_perm(CONTACT_PERMISSION) and can_view_report(user, report)
