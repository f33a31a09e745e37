"""Message templates editable by administrators, and the durable outbox of messages to send."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.notifications.constants import EMAIL_CHANNEL, MessageKind, MessageLanguage, OutboxStatus
from openbuurt.reports.models import Report


class MessageTemplate(models.Model):
    """The subject and text of one kind of message in one language, as Django template strings.

    The HTML part of an e-mail is made from the rendered text (links become clickable), so administrators edit one
    text only. When a template is missing or inactive the built-in default of ``notifications.defaults`` is used.
    """

    key = models.CharField(_("message"), max_length=40, choices=MessageKind.choices)
    language = models.CharField(
        _("language"), max_length=8, choices=MessageLanguage.choices, default=MessageLanguage.NL
    )
    subject = models.CharField(_("subject"), max_length=200)
    body_text = models.TextField(
        _("text"), help_text=_("Django template syntax: {{ report_number }}, {% if public_text %}…{% endif %}.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["key", "language"]
        constraints = [models.UniqueConstraint(fields=["key", "language"], name="one_template_per_key_language")]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.language})"


class OutboxMessage(models.Model):
    """One message to one recipient, written before it is sent so that a failing server loses nothing.

    Written only through ``notifications.services``: queued in the transaction of its cause, claimed by a worker
    (``sending``), then ``sent``, back to ``pending`` with a later ``next_attempt_at``, or ``failed`` for good.
    """

    channel = models.CharField(_("channel"), max_length=20, default=EMAIL_CHANNEL)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    report = models.ForeignKey(
        Report,
        verbose_name=_("report"),
        null=True,
        blank=True,
        # Messages hold personal data: they go when the report is deleted after its retention period.
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=MessageKind.choices)
    language = models.CharField(_("language"), max_length=8, choices=MessageLanguage.choices)
    dedupe_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True, editable=False, help_text=_("One message per cause.")
    )
    status = models.CharField(
        _("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
