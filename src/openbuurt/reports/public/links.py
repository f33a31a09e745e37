"""The signed link that confirms following a report: it holds the report and the address, and expires.

Nothing is stored until the resident opens the link and confirms, so the link itself carries the address (signed,
not encrypted: only the mailbox it was sent to sees it). Its own salt keeps it from being made out of any other
signed value of the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

FOLLOW_LINK_MAX_AGE = timedelta(days=7)
_FOLLOW_SALT = "openbuurt.reports.follow"


class FollowLinkExpiredError(ValueError):
    """The link was made by us but is older than :data:`FOLLOW_LINK_MAX_AGE`."""


class FollowLinkInvalidError(ValueError):
    """The link was not made by us, was changed, or was cut short."""


@dataclass(frozen=True)
class FollowClaim:
    """What a confirmation link stands for: following one report with one address."""

    report_id: int
    email: str


def follow_signature(*, report_id: int, email: str) -> str:
    """Return the signed, time-stamped value of the link that confirms ``email`` following the report."""
    return signing.TimestampSigner(salt=_FOLLOW_SALT).sign_object({"r": report_id, "e": email})


def read_follow_signature(signed: str) -> FollowClaim:
    """Return what a confirmation link stands for; raise :class:`FollowLinkExpiredError` or the invalid error."""
    try:
        value = signing.TimestampSigner(salt=_FOLLOW_SALT).unsign_object(signed, max_age=FOLLOW_LINK_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise FollowLinkExpiredError(str(exc)) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise FollowLinkInvalidError(str(exc)) from exc
    if not isinstance(value, dict):
        raise FollowLinkInvalidError("unexpected content")
    report_id, email = value.get("r"), value.get("e")
    if not isinstance(report_id, int) or not isinstance(email, str) or not email:
        raise FollowLinkInvalidError("unexpected content")
    return FollowClaim(report_id=report_id, email=email)
