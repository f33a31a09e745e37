"""Statuses, channels and other fixed choices of reports."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportStatus(models.TextChoices):
    NEW = "new", _("received")
    ACCEPTED = "accepted", _("accepted")
    IN_PROGRESS = "in_progress", _("in progress")
    SCHEDULED = "scheduled", _("scheduled")
    ON_HOLD = "on_hold", _("on hold")
    WAITING_FOR_REPORTER = "waiting_for_reporter", _("waiting for the reporter")
    FORWARDED = "forwarded", _("forwarded to an external party")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")
    REOPEN_REQUESTED = "reopen_requested", _("reopen requested")
    REOPENED = "reopened", _("reopened")


CLOSED_STATUSES = frozenset({ReportStatus.DONE, ReportStatus.CANCELLED})


class ReportSource(models.TextChoices):
    WEB = "web", _("web form")
    OPEN311 = "open311", _("app (Open311)")
    EMAIL = "email", _("e-mail")
    SOCIAL = "social", _("social media")
    PHONE = "phone", _("telephone")
    STAFF = "staff", _("entered by staff")
    DEMO = "demo", _("demo data")


class CategorySource(models.TextChoices):
    RESIDENT = "resident", _("chosen by the resident")
    CLASSIFIER = "classifier", _("set by the classifier")
    STAFF = "staff", _("set by staff")
    API = "api", _("given by the API client")
    FALLBACK = "fallback", _("fallback: needs triage")


MAX_TEXT_LENGTH = 5000
MIN_TEXT_LENGTH = 5
