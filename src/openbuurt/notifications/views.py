"""Pages behind the links in e-mails: follow a report, and answer "is it solved?".

Mail scanners and link previews open links in e-mails, so a GET never changes anything: the "is it solved?" links
show a form, and only its POST records the answer (through ``reports.services.record_feedback``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

import structlog

from openbuurt.notifications import links, selectors
from openbuurt.notifications.forms import FeedbackForm
from openbuurt.reports import selectors as report_selectors
from openbuurt.reports.constants import CLOSED_STATUSES, ReportStatus
from openbuurt.reports.models import Report, StatusChange
from openbuurt.reports.services import record_feedback

log = structlog.get_logger(__name__)

_FEEDBACK_STATUSES = CLOSED_STATUSES | {ReportStatus.REOPEN_REQUESTED}


def _private(response: HttpResponse) -> HttpResponse:
    """Keep pages reached through personal links out of caches, referrers and search engines."""
    response["Cache-Control"] = "no-store"
    # same-origin, not no-referrer: the link still never reaches other sites, and browsers keep sending an Origin
    # header on this page's own forms, without which Django's CSRF check refuses them.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _unavailable(request: HttpRequest, *, title: str, message: str, status: int) -> HttpResponse:
    return _private(
        render(request, "notifications/link_unavailable.html", {"title": title, "message": message}, status=status)
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    return _unavailable(
        request,
        title=_("We cannot find this report"),
        message=_(
            "The link you followed does not belong to a report. Perhaps it was not copied completely: check that "
            "you have the whole link from your e-mail. Reports are removed some time after they were handled, so "
            "an old link may no longer work."
        ),
        status=404,
    )


@require_GET
def track(request: HttpRequest, signed: str) -> HttpResponse:
    """Show a report's status and the messages to the reporter, for whoever holds the link from an e-mail."""
    try:
        report_id = links.read_tracking_signature(signed)
    except links.LinkInvalidError:
        return _not_found(request)
    found = (
        Report.objects.select_related("category", "category__parent", "area", "district").filter(pk=report_id).first()
    )
    if found is None:
        return _not_found(request)
    history = [
        {"status": ReportStatus(change.to_status).label, "text": change.public_text, "at": change.created_at}
        for change in report_selectors.status_history(found)
    ]
    context = {
        "report": found,
        "status_label": ReportStatus(found.status).label,
        "history": history,
        # Where the problem is stays off the page for confidential and police reports.
        "area": (found.area or found.district) if found.is_public else None,
    }
    return _private(render(request, "notifications/track.html", context))


def _claim(request: HttpRequest, signed: str) -> tuple[Report, StatusChange] | HttpResponse:
    """Return the report and closing a feedback link stands for, or the page that says why it cannot be used."""
    try:
        claim = links.read_feedback_signature(signed)
    except links.LinkExpiredError:
        return _unavailable(
            request,
            title=_("This link has expired"),
            message=_(
                "You can answer “is it solved?” for a limited time after we closed your report. Is the problem "
                "still there? Please make a new report and mention your old report number."
            ),
            status=410,
        )
    except links.LinkInvalidError:
        return _not_found(request)
    report = Report.objects.select_related("category", "category__parent").filter(pk=claim.report_id).first()
    closing = StatusChange.objects.filter(pk=claim.closing_change_id, report_id=claim.report_id).first()
    if report is None or closing is None:
        return _not_found(request)
    return report, closing


@require_http_methods(["GET", "POST"])
def feedback(request: HttpRequest, signed: str, answer: str) -> HttpResponse:
    """Ask the reporter to confirm their answer (GET), then record it (POST); a "no" reopens the report."""
    claimed = _claim(request, signed)
    if isinstance(claimed, HttpResponse):
        return claimed
    report, closing = claimed
    is_solved = answer == "yes"
    if selectors.feedback_after(report, closing.created_at) is not None:
        return redirect("notifications:feedback-thanks", signed=signed)
    if report.status not in _FEEDBACK_STATUSES:
        return _unavailable(
            request,
            title=_("We are already working on this report again"),
            message=_("Your report has been reopened, so there is nothing to answer now. We will let you know."),
            status=409,
        )
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if not is_solved:
        form.fields["comment"].label = _("What is still wrong? (optional)")
        form.fields["comment"].help_text = _("Your explanation helps the team that looks at your report again.")
    if request.method == "POST" and form.is_valid():
        try:
            record_feedback(report=report, is_solved=is_solved, comment=form.cleaned_data["comment"])
        except ValueError:
            log.info("feedback_refused", report_id=report.pk)
            return _unavailable(
                request,
                title=_("We are already working on this report again"),
                message=_("Your report has been reopened, so there is nothing to answer now. We will let you know."),
                status=409,
            )
        return redirect("notifications:feedback-thanks", signed=signed)
    other = "notifications:feedback-no" if is_solved else "notifications:feedback-yes"
    context = {"report": report, "form": form, "is_solved": is_solved, "other_answer": other, "signed": signed}
    status = 400 if request.method == "POST" else 200
    return _private(render(request, "notifications/feedback_form.html", context, status=status))


@require_GET
def feedback_thanks(request: HttpRequest, signed: str) -> HttpResponse:
    """Thank the reporter for their answer and say what happens next."""
    claimed = _claim(request, signed)
    if isinstance(claimed, HttpResponse):
        return claimed
    report, closing = claimed
    answer = selectors.feedback_after(report, closing.created_at)
    if answer is None:
        return redirect("notifications:feedback-yes", signed=signed)
    return _private(render(request, "notifications/feedback_thanks.html", {"report": report, "answer": answer}))
