"""Writes behind the public pages: asking to follow a report, which sends a confirmation link first.

Following itself is :func:`openbuurt.reports.services.follow_report`, called only when the resident confirms
through the link, so nobody can subscribe someone else's address.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

import structlog

from openbuurt.core import audit
from openbuurt.core.events import publish_on_commit
from openbuurt.core.models import AuditAction
from openbuurt.reports.constants import CLOSED_STATUSES
from openbuurt.reports.events import FollowRequested
from openbuurt.reports.models import Report
from openbuurt.reports.public.links import FOLLOW_LINK_MAX_AGE, follow_signature
from openbuurt.reports.services import FollowError
from openbuurt.reports.services.duplicates import normalised_email

log = structlog.get_logger(__name__)


@transaction.atomic
def request_follow(*, report: Report, email: str, language: str) -> Report:
    """Send ``email`` a link (valid 7 days) to confirm following ``report``; return the report that will be followed.

    A report linked as a duplicate is followed through its primary report. Refused with :class:`FollowError`
    (nothing sent) for an invalid address and for reports that cannot be followed: police, confidential or closed.
    The e-mail is in ``language`` and goes out through the notifications outbox after commit; the audit entry holds
    no address.
    """
    if report.duplicate_of_id is not None:
        report = (
            Report.objects.select_related("category", "organisation").filter(pk=report.duplicate_of_id).first()
            or report
        )
    address = normalised_email(email)
    if not report.is_public or report.status in CLOSED_STATUSES:
        raise FollowError(_("This report cannot be followed."))
    audit.record(
        actor=None,
        actor_label="resident",
        action=AuditAction.UPDATE,
        target=report,
        summary=f"resident asked to follow {report.public_id}; confirmation e-mail requested",
        detail={"language": language},
    )
    publish_on_commit(
        FollowRequested(
            report_id=report.pk,
            email=address,
            language=language,
            signed=follow_signature(report_id=report.pk, email=address),
            valid_days=FOLLOW_LINK_MAX_AGE.days,
        )
    )
    log.info("follow_requested", public_id=report.public_id)
    return report
