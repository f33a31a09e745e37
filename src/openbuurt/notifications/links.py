"""Signed links in e-mails: follow a report, answer "is it solved?", and open a report in the back office.

The resident's tracking token is stored only as a hash, so e-mails carry their own signed links instead. Each kind
of link has its own salt, so a tracking link can never be turned into a feedback link.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import NoReverseMatch, reverse

from openbuurt.notifications.constants import FEEDBACK_LINK_MAX_AGE
from openbuurt.reports.models import Report

_TRACK_SALT = "openbuurt.notifications.track"
_FEEDBACK_SALT = "openbuurt.notifications.feedback"


class LinkExpiredError(ValueError):
    """The link was genuine but is too old."""


class LinkInvalidError(ValueError):
    """The link was not made by us (or was changed)."""


@dataclass(frozen=True)
class FeedbackClaim:
    """What a feedback link stands for: the report, and the status change that closed it."""

    report_id: int
    closing_change_id: int


def absolute(path: str) -> str:
    """Return ``path`` on the public address of this site."""
    return settings.OPENBUURT_PUBLIC_BASE_URL.rstrip("/") + path


def tracking_signature(report: Report) -> str:
    """Return the signed value of ``report``'s tracking link (never expires, like the tracking token)."""
    return signing.Signer(salt=_TRACK_SALT).sign(str(report.pk))


def tracking_url(report: Report) -> str:
    """Return the absolute tracking link of ``report`` for e-mails."""
    return absolute(reverse("notifications:track", args=[tracking_signature(report)]))


def read_tracking_signature(signed: str) -> int:
    """Return the report id in a tracking link; raise :class:`LinkInvalidError` when it was not made by us."""
    try:
        value = signing.Signer(salt=_TRACK_SALT).unsign(signed)
    except signing.BadSignature as exc:
        raise LinkInvalidError(str(exc)) from exc
    if not value.isdigit():
        raise LinkInvalidError("not a report id")
    return int(value)


def feedback_signature(*, report: Report, closing_change_id: int) -> str:
    """Return the signed value of the "is it solved?" links of one closing of ``report``."""
    return signing.TimestampSigner(salt=_FEEDBACK_SALT).sign_object({"r": report.pk, "c": closing_change_id})


def feedback_urls(*, report: Report, closing_change_id: int) -> tuple[str, str]:
    """Return the absolute (yes, no) links of the done e-mail."""
    signed = feedback_signature(report=report, closing_change_id=closing_change_id)
    return (
        absolute(reverse("notifications:feedback-yes", args=[signed])),
        absolute(reverse("notifications:feedback-no", args=[signed])),
    )


def read_feedback_signature(signed: str) -> FeedbackClaim:
    """Return what a feedback link stands for; raise :class:`LinkExpiredError` or :class:`LinkInvalidError`."""
    try:
        value = signing.TimestampSigner(salt=_FEEDBACK_SALT).unsign_object(signed, max_age=FEEDBACK_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpiredError(str(exc)) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise LinkInvalidError(str(exc)) from exc
    if not isinstance(value, dict):
        raise LinkInvalidError("unexpected content")
    report_id, change_id = value.get("r"), value.get("c")
    if not isinstance(report_id, int) or not isinstance(change_id, int):
        raise LinkInvalidError("unexpected content")
    return FeedbackClaim(report_id=report_id, closing_change_id=change_id)


def backoffice_url(report: Report) -> str:
    """Return the absolute back-office link of ``report``; the admin page when the back office has no such page."""
    attempts: tuple[tuple[str, dict[str, str] | None, list[str | int] | None], ...] = (
        ("backoffice:report-detail", {"public_id": report.public_id}, None),
        ("backoffice:report-detail", None, [report.public_id]),
        ("admin:reports_report_change", None, [report.pk]),
    )
    for name, kwargs, args in attempts:
        try:
            return absolute(reverse(name, kwargs=kwargs, args=args))
        except NoReverseMatch:
            continue
    return absolute("/admin/")
