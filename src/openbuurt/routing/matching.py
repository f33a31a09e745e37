"""Evaluating routing rules against the facts of a report; pure reads, shared by routing, referral and preview.

Every rule is checked completely, so the preview can say *every* reason a rule did not match, not only the first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Department, User
from openbuurt.places import selectors as places_selectors
from openbuurt.places.models import Area
from openbuurt.reports.constants import ReportSource
from openbuurt.reports.models import Report
from openbuurt.routing.models import WEEKDAY_CHOICES, RoutingRule
from openbuurt.triage.models import Category


@dataclass(frozen=True)
class RoutingContext:
    """The facts a rule is checked against.

    ``moment`` is in the site's time zone. ``organisation_kind`` is the kind of the organisation that will handle
    the report; when ``organisation_id`` is set, only teams of that very organisation qualify.
    """

    category: Category
    area_ids: frozenset[int]
    has_location: bool
    moment: datetime
    channel: str
    organisation_kind: str
    organisation_id: int | None = None


@dataclass(frozen=True)
class RuleCheck:
    """The outcome of checking one rule: ``reasons`` says why it did not match (empty when it matched)."""

    rule_id: int
    rule_name: str
    order: int
    reasons: tuple[str, ...] = field(default=())

    @property
    def matched(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class RuleMatch:
    """The first matching rule, the team and person it gives, and all checks made on the way."""

    rule: RoutingRule | None
    department: Department | None
    assignee: User | None
    checks: tuple[RuleCheck, ...]
    notes: tuple[str, ...] = ()


def active_rules() -> QuerySet[RoutingRule]:
    """Return the active rules in the order they are tried, with what evaluation needs loaded."""
    return (
        RoutingRule.objects.filter(is_active=True)
        .select_related("department", "department__organisation", "assignee")
        .prefetch_related("categories", "areas", "department__members")
        .order_by("order", "id")
    )


def area_ids_at(lat: float, lon: float) -> frozenset[int]:
    """Return the ids of every area whose polygon contains the point."""
    return frozenset(hit.area_id for hit in places_selectors.areas_containing(lat, lon))


def area_with_ancestors(area_ids: Iterable[int]) -> frozenset[int]:
    """Return the given area ids together with the areas they lie in (a buurt's wijk, the municipality)."""
    found: set[int] = set()
    pending = set(area_ids)
    while pending:
        found |= pending
        parents = Area.objects.filter(pk__in=pending, parent__isnull=False).values_list("parent_id", flat=True)
        pending = set(parents) - found
    return frozenset(found)


def context_for_report(
    report: Report, *, organisation_kind: str | None = None, organisation_id: int | None = None
) -> RoutingContext:
    """Return the facts of ``report``: its category, the areas around its point, when and how it came in.

    The organisation defaults to the one handling the report (set from the category's handling organisation at
    intake); a referral passes the receiving organisation instead. A report without a point uses the area and
    district stored at intake.
    """
    if report.lat is not None and report.lon is not None:
        area_ids = area_ids_at(report.lat, report.lon)
        has_location = True
    else:
        area_ids = area_with_ancestors(pk for pk in (report.area_id, report.district_id) if pk is not None)
        has_location = bool(area_ids)
    return RoutingContext(
        category=report.category,
        area_ids=area_ids,
        has_location=has_location,
        moment=timezone.localtime(report.created_at),
        channel=report.source,
        organisation_kind=organisation_kind or report.organisation.kind,
        organisation_id=organisation_id if organisation_id is not None else report.organisation_id,
    )


def in_window(moment: time, start: time, end: time) -> bool:
    """Tell whether ``moment`` lies in [start, end); an end before the start wraps past midnight."""
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def weekday_names(days: Sequence[int]) -> str:
    """Return the names of ``days`` (0 = Monday), comma-separated."""
    names = dict(WEEKDAY_CHOICES)
    return ", ".join(str(names.get(day, day)) for day in sorted(days))


def channel_names(channels: Sequence[str]) -> str:
    """Return the labels of ``channels``, comma-separated."""
    labels = dict(ReportSource.choices)
    return ", ".join(str(labels.get(channel, channel)) for channel in channels)


def _condition_reasons(rule: RoutingRule, context: RoutingContext) -> list[str]:
    reasons: list[str] = []
    categories = list(rule.categories.all())
    if categories:
        wanted = {category.pk for category in categories}
        if context.category.pk not in wanted and context.category.parent_id not in wanted:
            reasons.append(
                _("category “%(category)s” is not one of: %(list)s")
                % {"category": context.category, "list": ", ".join(str(c) for c in categories)}
            )
    areas = list(rule.areas.all())
    if areas:
        if not context.has_location:
            reasons.append(_("the report has no location, and the rule needs one of its areas"))
        elif not context.area_ids & {area.pk for area in areas}:
            reasons.append(_("the location lies outside: %(list)s") % {"list": ", ".join(area.name for area in areas)})
    if rule.organisation_kind and rule.organisation_kind != context.organisation_kind:
        reasons.append(
            _("the report is handled by the %(actual)s, the rule is for the %(wanted)s")
            % {
                "actual": OrganisationKind(context.organisation_kind).label,
                "wanted": OrganisationKind(rule.organisation_kind).label,
            }
        )
    if rule.start_time is not None and rule.end_time is not None:
        local = context.moment.time()
        if not in_window(local, rule.start_time, rule.end_time):
            reasons.append(
                _("%(time)s is outside %(start)s–%(end)s")
                % {
                    "time": local.strftime("%H:%M"),
                    "start": rule.start_time.strftime("%H:%M"),
                    "end": rule.end_time.strftime("%H:%M"),
                }
            )
    if rule.weekdays and context.moment.weekday() not in rule.weekdays:
        reasons.append(
            _("%(day)s is not one of: %(list)s")
            % {"day": weekday_names([context.moment.weekday()]), "list": weekday_names(rule.weekdays)}
        )
    if rule.channels and context.channel not in rule.channels:
        reasons.append(
            _("channel “%(channel)s” is not one of: %(list)s")
            % {"channel": channel_names([context.channel]), "list": channel_names(rule.channels)}
        )
    return reasons


def _outcome_reasons(rule: RoutingRule, context: RoutingContext) -> list[str]:
    """Why the rule's team cannot take this report, even when its conditions hold."""
    department = rule.department
    reasons: list[str] = []
    if not department.is_active or not department.organisation.is_active:
        reasons.append(_("its team %(team)s is not active") % {"team": department})
    if department.organisation.kind != context.organisation_kind:
        # A catch-all municipal rule must never pull in a police report (or the other way round).
        reasons.append(
            _("its team belongs to %(org)s, not to the %(kind)s")
            % {"org": department.organisation, "kind": OrganisationKind(context.organisation_kind).label}
        )
    elif context.organisation_id is not None and department.organisation_id != context.organisation_id:
        reasons.append(
            _("its team belongs to %(org)s, not to the organisation handling the report")
            % {"org": department.organisation}
        )
    return reasons


def check_rule(rule: RoutingRule, context: RoutingContext) -> RuleCheck:
    """Check every condition of ``rule`` and whether its team may take the report."""
    reasons = _condition_reasons(rule, context) + _outcome_reasons(rule, context)
    return RuleCheck(rule_id=rule.pk, rule_name=rule.name, order=rule.order, reasons=tuple(reasons))


def _usable_assignee(rule: RoutingRule) -> tuple[User | None, str]:
    """Return the rule's person when they are still active and in the team; otherwise ``None`` and why."""
    assignee = rule.assignee
    if assignee is None:
        return None, ""
    if not assignee.is_active:
        return None, _("%(user)s is no longer active; assigned to the team only") % {"user": assignee}
    if assignee.pk not in {member.pk for member in rule.department.members.all()}:
        return None, _("%(user)s is no longer in the team; assigned to the team only") % {"user": assignee}
    return assignee, ""


def first_match(context: RoutingContext, rules: Iterable[RoutingRule] | None = None) -> RuleMatch:
    """Try the active rules in order and return the first that matches, with the checks of those tried before."""
    checks: list[RuleCheck] = []
    for rule in active_rules() if rules is None else rules:
        check = check_rule(rule, context)
        checks.append(check)
        if check.matched:
            assignee, note = _usable_assignee(rule)
            return RuleMatch(
                rule=rule,
                department=rule.department,
                assignee=assignee,
                checks=tuple(checks),
                notes=(note,) if note else (),
            )
    return RuleMatch(rule=None, department=None, assignee=None, checks=tuple(checks))
