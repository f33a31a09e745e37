"""Writes of the routing app: route a report by the rules, refer it to another organisation, manage rules.

Routing itself writes nothing to reports directly: the chosen team is set with
:func:`openbuurt.reports.services.assign_report`, which appends the assignment row and publishes ``ReportAssigned``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

import structlog

from openbuurt.accounts.models import Department, Organisation, User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction, AuditLogEntry
from openbuurt.reports import services as report_services
from openbuurt.reports.models import Assignment, Report
from openbuurt.routing import selectors
from openbuurt.routing.matching import RuleCheck, context_for_report, first_match
from openbuurt.routing.models import RoutingRule
from openbuurt.routing.selectors import RoutingPreview, preview_route

log = structlog.get_logger(__name__)

NO_MATCH_SUMMARY = "routing: no rule matched; report left in the unrouted queue"

__all__ = [
    "NO_MATCH_SUMMARY",
    "ReferralError",
    "RoutingDecision",
    "RoutingPreview",
    "delete_routing_rule",
    "preview_route",
    "refer_report",
    "route_report",
    "route_unrouted_reports",
    "save_routing_rule",
]


class ReferralError(ValueError):
    """A referral was refused (same organisation, inactive organisation, or no reason given)."""


@dataclass(frozen=True)
class RoutingDecision:
    """What routing did with a report.

    ``rule`` is the matching rule (``None``: no rule matched and the report stays unrouted); ``assignment`` is the
    row written, ``None`` when nothing was written (no match, or the report was already routed).
    """

    report_id: int
    rule: RoutingRule | None
    department: Department | None
    assignee: User | None
    checks: tuple[RuleCheck, ...]
    assignment: Assignment | None
    already_routed: bool = False

    @property
    def matched(self) -> bool:
        return self.rule is not None


def _already_routed(report: Report) -> bool:
    return report.department_id is not None or Assignment.objects.filter(report_id=report.pk).exists()


def _no_match_recorded(report: Report) -> bool:
    return AuditLogEntry.objects.filter(
        object_type=report._meta.label_lower, object_id=str(report.pk), summary=NO_MATCH_SUMMARY
    ).exists()


@transaction.atomic
def route_report(*, report: Report, actor: User | None = None, force: bool = False) -> RoutingDecision:
    """Assign ``report`` to the team of the first active routing rule that matches it.

    Idempotent: a report that already has a team or an assignment row, or is closed, is left alone (unless
    ``force``, for an explicit "route again"). When no rule matches, the report keeps an empty team, which puts it
    in the unrouted queue (:func:`openbuurt.routing.selectors.unrouted_reports`), and one audit entry says so.
    """
    locked = (
        Report.objects.select_for_update(of=("self",))
        .select_related("category", "category__parent", "organisation")
        .get(pk=report.pk)
    )
    if not force and (locked.is_closed or _already_routed(locked)):
        return RoutingDecision(
            report_id=locked.pk,
            rule=None,
            department=locked.department,
            assignee=locked.assignee,
            checks=(),
            assignment=None,
            already_routed=True,
        )
    match = first_match(context_for_report(locked))
    if match.rule is None or match.department is None:
        if force or not _no_match_recorded(locked):
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                target=locked,
                summary=NO_MATCH_SUMMARY,
                detail={"rules_tried": [check.rule_id for check in match.checks]},
            )
        log.info("report_unrouted", public_id=locked.public_id, rules_tried=len(match.checks))
        return RoutingDecision(
            report_id=locked.pk,
            rule=None,
            department=None,
            assignee=None,
            checks=match.checks,
            assignment=None,
        )
    if match.department.pk == locked.department_id and (match.assignee.pk if match.assignee else None) == (
        locked.assignee_id
    ):
        # Routing again to the team (and person) the report already has would only add a history row.
        return RoutingDecision(
            report_id=locked.pk,
            rule=match.rule,
            department=match.department,
            assignee=match.assignee,
            checks=match.checks,
            assignment=None,
            already_routed=True,
        )
    row = report_services.assign_report(
        report=locked,
        organisation=match.department.organisation,
        department=match.department,
        assignee=match.assignee,
        actor=actor,
        reason="; ".join(match.notes),
        rule_label=match.rule.label,
    )
    report.refresh_from_db(fields=["organisation", "department", "assignee", "updated_at", "is_confidential"])
    log.info("report_routed", public_id=locked.public_id, rule=match.rule.pk, department=match.department.pk)
    return RoutingDecision(
        report_id=locked.pk,
        rule=match.rule,
        department=match.department,
        assignee=match.assignee,
        checks=match.checks,
        assignment=row,
    )


def route_unrouted_reports(*, actor: User | None = None) -> int:
    """Try the rules again on every open report without a team and return how many got one.

    For after rules were added or changed (e.g. a demo loader after installing the default rules). Each
    report is routed in its own transaction, so one failure does not undo the others. A report that was handed
    over without a team and has an assignment row stays as it is: a person put it there.
    """
    routed = 0
    for report in selectors.unrouted_reports().filter(assignments__isnull=True).iterator():
        if route_report(report=report, actor=actor).assignment is not None:
            routed += 1
    return routed


@transaction.atomic
def refer_report(*, report: Report, to_organisation: Organisation, actor: User | None, reason: str) -> RoutingDecision:
    """Hand ``report`` over to another organisation (municipality → police, or back) as one logged assignment.

    The receiving team is chosen by the rules, re-run as if the receiving organisation handled the report (its
    kind, and only its own teams). When no rule picks a team, the report goes to the organisation without a team
    and shows in that organisation's unrouted queue. A report referred to the police becomes confidential.
    Raises :class:`ReferralError` without writing anything when the referral makes no sense.
    """
    reason = reason.strip()
    if not reason:
        raise ReferralError(_("Say why the report is handed over."))
    if not to_organisation.is_active:
        raise ReferralError(_("%(org)s is not active.") % {"org": to_organisation})
    locked = Report.objects.select_for_update(of=("self",)).select_related("category", "organisation").get(pk=report.pk)
    if locked.organisation_id == to_organisation.pk:
        raise ReferralError(_("The report is already with %(org)s.") % {"org": to_organisation})
    if locked.is_closed:
        raise ReferralError(_("A closed report cannot be handed over; reopen it first."))
    context = context_for_report(locked, organisation_kind=to_organisation.kind, organisation_id=to_organisation.pk)
    match = first_match(context)
    row = report_services.assign_report(
        report=locked,
        organisation=to_organisation,
        department=match.department,
        assignee=match.assignee,
        actor=actor,
        reason="; ".join((reason, *match.notes)),
        rule_label=match.rule.label if match.rule is not None else "",
    )
    report.refresh_from_db(fields=["organisation", "department", "assignee", "updated_at", "is_confidential"])
    log.info(
        "report_referred",
        public_id=locked.public_id,
        to_organisation=to_organisation.pk,
        rule=match.rule.pk if match.rule else None,
    )
    return RoutingDecision(
        report_id=locked.pk,
        rule=match.rule,
        department=match.department,
        assignee=match.assignee,
        checks=match.checks,
        assignment=row,
    )


@transaction.atomic
def save_routing_rule(*, rule: RoutingRule, actor: User | None, changed: list[str] | None = None) -> RoutingRule:
    """Validate and store ``rule`` (new or changed) and audit which fields changed.

    Raises ``django.core.exceptions.ValidationError`` (nothing stored) when the rule is not valid. Categories and
    areas (many-to-many) are set by the caller after this returns, as the admin does.
    """
    created = rule.pk is None
    rule.full_clean()
    rule.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        target=rule,
        summary=f"routing rule {'created' if created else 'changed'}: {rule.name}",
        detail={"changed": sorted(changed or []), "order": rule.order, "active": rule.is_active},
    )
    return rule


@transaction.atomic
def delete_routing_rule(*, rule: RoutingRule, actor: User | None) -> None:
    """Delete ``rule`` and audit it; past assignments keep the rule's label."""
    audit.record(
        actor=actor,
        action=AuditAction.DELETE,
        target=rule,
        summary=f"routing rule deleted: {rule.name}",
        detail={"department": rule.department_id, "order": rule.order},
    )
    rule.delete()
