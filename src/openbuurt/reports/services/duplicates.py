"""Linking reports of the same problem, and residents following a report instead of filing it again."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openbuurt.accounts.models import User
from openbuurt.core import audit
from openbuurt.core.models import AuditAction
from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.models import Follower, Note, Report, Reporter

MAX_EMAIL_LENGTH = 254  # RFC 5321 and the follower's e-mail column


class DuplicateLinkError(ValueError):
    """The link was refused; the message says why in words staff understand."""


class FollowError(ValueError):
    """Following was refused (bad address, or the report cannot be followed)."""


def normalised_email(email: str) -> str:
    """Return ``email`` trimmed and in lower case; raise :class:`FollowError` when it is not a valid address."""
    address = email.strip().lower()
    try:
        if len(address) > MAX_EMAIL_LENGTH:
            raise ValidationError("too long")
        validate_email(address)
    except ValidationError as exc:
        raise FollowError(_("Enter a valid e-mail address, like name@example.nl.")) from exc
    return address


def _label(actor: User | None) -> str:
    return actor.get_username() if actor is not None else ""


def _note(report: Report, text: str, actor: User | None, at: datetime) -> None:
    Note.objects.create(report=report, author=actor, author_label=_label(actor), text=text, created_at=at)


def link_duplicate(*, report: Report, primary: Report, actor: User | None) -> Follower | None:
    """Link ``report`` to ``primary`` as the same problem; its reporter then follows ``primary``.

    The reporter of ``report`` becomes a :class:`Follower` of ``primary`` when they left an e-mail address and asked
    for updates (returned; ``None`` otherwise). Both reports get a note in their history and an audit entry. Refused
    (:class:`DuplicateLinkError`, nothing changed) when the two are the same report, belong to different
    organisations, ``primary`` is itself linked to another report, or other reports are linked to ``report``.
    """
    if report.pk == primary.pk:
        raise DuplicateLinkError(_("A report cannot be a duplicate of itself."))
    now = timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        target = Report.objects.select_for_update().get(pk=primary.pk)
        if locked.organisation_id != target.organisation_id:
            raise DuplicateLinkError(_("Only reports of the same organisation can be linked."))
        if target.duplicate_of_id is not None:
            raise DuplicateLinkError(
                _("%(primary)s is itself linked to another report; link to that report instead.")
                % {"primary": target.public_id}
            )
        if Report.objects.filter(duplicate_of=locked).exists():
            raise DuplicateLinkError(
                _("Other reports are linked to %(report)s; unlink them first, or link them to %(primary)s.")
                % {"report": locked.public_id, "primary": target.public_id}
            )
        previous = locked.duplicate_of_id
        locked.duplicate_of = target
        locked.updated_at = now
        locked.save(update_fields=["duplicate_of", "updated_at"])
        follower: Follower | None = None
        reporter = Reporter.objects.filter(report=locked).first()
        if reporter is not None and reporter.email and reporter.wants_updates and reporter.anonymised_at is None:
            follower, _created = Follower.objects.get_or_create(
                report=target,
                email=reporter.email.strip().lower(),
                defaults={"source_report": locked, "created_at": now},
            )
        _note(locked, _("Linked as the same problem as %(primary)s.") % {"primary": target.public_id}, actor, now)
        _note(
            target,
            _("%(report)s was linked to this report as the same problem.") % {"report": locked.public_id},
            actor,
            now,
        )
        detail = {"primary": target.pk, "previous_primary": previous, "follower_added": follower is not None}
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"linked as duplicate of {target.public_id}",
            detail=detail,
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=target,
            summary=f"{locked.public_id} linked as duplicate",
            detail={"duplicate": locked.pk},
        )
    report.refresh_from_db(fields=["duplicate_of", "updated_at"])
    return follower


def unlink_duplicate(*, report: Report, actor: User | None) -> None:
    """Undo :func:`link_duplicate`: ``report`` stands alone again and its reporter stops following the primary.

    Refused (:class:`DuplicateLinkError`) when ``report`` is not linked.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.duplicate_of_id is None:
            raise DuplicateLinkError(_("%(report)s is not linked to another report.") % {"report": locked.public_id})
        primary = Report.objects.get(pk=locked.duplicate_of_id)
        removed, _by_model = Follower.objects.filter(report=primary, source_report=locked).delete()
        locked.duplicate_of = None
        locked.updated_at = now
        locked.save(update_fields=["duplicate_of", "updated_at"])
        _note(locked, _("No longer linked to %(primary)s.") % {"primary": primary.public_id}, actor, now)
        _note(primary, _("%(report)s is no longer linked to this report.") % {"report": locked.public_id}, actor, now)
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=locked,
            summary=f"unlinked from {primary.public_id}",
            detail={"primary": primary.pk, "followers_removed": removed},
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=primary,
            summary=f"{locked.public_id} unlinked",
            detail={"duplicate": locked.pk},
        )
    report.refresh_from_db(fields=["duplicate_of", "updated_at"])


def follow_report(*, report: Report, email: str) -> tuple[Follower, bool]:
    """Let a resident follow ``report`` by e-mail; return the follower and whether it is new.

    A report linked as a duplicate is followed through its primary report. Only open public reports can be
    followed (no police, no confidential reports); the address is validated and stored in lower case, once per
    report. The audit entry holds no address.
    """
    if report.duplicate_of_id is not None:
        primary = Report.objects.select_related("organisation", "category").filter(pk=report.duplicate_of_id).first()
        report = primary or report
    address = normalised_email(email)
    if not report.is_public or report.status in CLOSED_STATUSES:
        raise FollowError(_("This report cannot be followed."))
    with transaction.atomic():
        follower, created = Follower.objects.get_or_create(
            report=report, email=address, defaults={"created_at": timezone.now()}
        )
        if created:
            audit.record(
                actor=None,
                actor_label="resident",
                action=AuditAction.CREATE,
                target=follower,
                summary=f"resident follows {report.public_id}",
                detail={"report": report.pk},
            )
    return follower, created
