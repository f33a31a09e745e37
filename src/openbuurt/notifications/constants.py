"""Kinds of message, outbox states and the retry schedule of the notifications app."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _


class MessageKind(models.TextChoices):
    REPORT_RECEIVED = "report_received", _("report received (to the reporter)")
    STATUS_UPDATE = "status_update", _("status update (to the reporter)")
    REPORT_DONE = "report_done", _("report done, with “is it solved?” (to the reporter)")
    ASSIGNED_TO_TEAM = "assigned_to_team", _("assigned to a team (to the team)")
    ASSIGNED_TO_PERSON = "assigned_to_person", _("assigned to a person (to the staff member)")
    OVERDUE_WARNING = "overdue_warning", _("overdue reports (to team leads)")
    FOLLOW_CONFIRM = "follow_confirm", _("confirm following a report (to a resident)")


REPORTER_KINDS = frozenset({MessageKind.REPORT_RECEIVED, MessageKind.STATUS_UPDATE, MessageKind.REPORT_DONE})


class MessageLanguage(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


DEFAULT_LANGUAGE = MessageLanguage.NL


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    SENDING = "sending", _("being sent")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed for good")
    CANCELLED = "cancelled", _("cancelled")


EMAIL_CHANNEL = "email"

# Wait this long after the n-th failed attempt; after the last one the message is marked failed. Together these
# ride out a mail server that is down for most of a day.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=15),
    timedelta(hours=1),
    timedelta(hours=4),
    timedelta(hours=12),
)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1

# A message claimed by a worker that died mid-send is offered again after this lease; longer than any SMTP timeout.
SENDING_LEASE = timedelta(minutes=10)

# Seconds an SMTP conversation may stall before the attempt counts as failed (Django's EMAIL_TIMEOUT wins if set).
DEFAULT_SMTP_TIMEOUT = 15

# Sent, failed and cancelled messages hold personal data (addresses, texts) and are deleted after this period.
KEEP_FINISHED_MESSAGES = timedelta(days=30)

# The "is it solved?" links in the done e-mail work this long (Signalen accepts answers for 14 days).
FEEDBACK_LINK_MAX_AGE = timedelta(days=30)
