"""The intake queue: submissions accepted and numbered, waiting for the task worker to make them into reports."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from openbuurt.accounts.models import Organisation
from openbuurt.triage.models import Category


class QueuedSubmission(models.Model):
    """A checked submission, committed before the client got its report number, that is not a report yet.

    Written only through ``reports.services.intake_queue``. The row is durable proof of acceptance: the task worker
    turns it into a :class:`~openbuurt.reports.models.Report` with the same number and reception time and deletes
    it in the same transaction, so a submission is either queued or a report, never both and never neither. A row
    that could not be processed keeps its last error and is retried by the periodic sweep.
    ``payload`` holds the resident's text, location and contact details, so rows are kept no longer than needed.
    """

    public_id = models.CharField(_("report number"), max_length=32, unique=True)
    # NULL, not "", when there is no key: such rows stay out of the unique index below.
    submission_key = models.CharField(max_length=200, null=True, blank=True, editable=False)  # noqa: DJ001
    source = models.CharField(_("channel"), max_length=20)
    # No index on the two references: nobody looks queued rows up by them, and every index is one more page that
    # each accepted submission writes while it holds the database's write lock.
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+", db_index=False
    )
    payload = models.JSONField(_("submission"), default=dict)
    received_at = models.DateTimeField(_("received"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("queued submission")
        verbose_name_plural = _("queued submissions")
        ordering = ["id"]
        constraints = [
            # Only submissions with an idempotency key are indexed: most have none.
            models.UniqueConstraint(
                fields=["submission_key"],
                condition=models.Q(submission_key__isnull=False),
                name="queued_submission_key_unique",
            )
        ]

    def __str__(self) -> str:
        return self.public_id
