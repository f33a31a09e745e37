"""Public pages: the map of open reports, reports near a place (the form's fallback without JavaScript) and the
page behind the link that confirms following a report.

Mail scanners and link previews open links in e-mails, so the confirmation link's GET never changes anything: it
shows a button, and only its POST makes the address a follower.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

import structlog

from openbuurt.reports.backoffice.views.map import map_config
from openbuurt.reports.constants import ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.public import selectors
from openbuurt.reports.public.api import follow_allowed
from openbuurt.reports.public.forms import THROTTLED_MESSAGE, FollowRequestForm, NearbySearchForm
from openbuurt.reports.public.links import (
    FOLLOW_LINK_MAX_AGE,
    FollowLinkExpiredError,
    FollowLinkInvalidError,
    read_follow_signature,
)
from openbuurt.reports.public.services import request_follow
from openbuurt.reports.services import FollowError, follow_report
from openbuurt.reports.views import private_headers

log = structlog.get_logger(__name__)

_SEARCH_KEYS = ("address", "lat", "lon", "category")
_SENT_KEY = "verstuurd"
_PUBLIC_ID = re.compile(r"^[A-Z]{2,8}-\d{4}-\d{1,9}$")


@require_GET
def public_map(request: HttpRequest) -> HttpResponse:
    """Show the map of open reports in the municipality, clustered; no personal data."""
    config = map_config(reverse("public:reports-geojson"))
    config["strings"]["capped"] = _("Only the %(count)s most recent open reports are shown.")
    config["strings"]["none"] = _("There are no open reports on the map right now.")
    return render(request, "public/map.html", {"map_config": config})


def _search_query(request: HttpRequest) -> dict[str, str]:
    return {key: request.GET[key] for key in _SEARCH_KEYS if request.GET.get(key)}


def _sent_report(request: HttpRequest) -> Report | None:
    public_id = request.GET.get(_SENT_KEY, "")
    if not _PUBLIC_ID.match(public_id):
        return None
    return selectors.open_public_reports().filter(public_id=public_id).first()


@require_http_methods(["GET", "POST"])
def nearby(request: HttpRequest) -> HttpResponse:
    """List open reports near a place, each with a form to follow it; the report form's fallback without scripts.

    GET ``?address=`` or ``?lat=&lon=`` (and optionally ``category``) lists the reports; a POST of one item's form
    sends the confirmation e-mail and redirects back with ``verstuurd=<number>``, which shows "check your e-mail".
    """
    search = NearbySearchForm(request.GET if any(request.GET.get(key) for key in _SEARCH_KEYS) else None)
    found = []
    if search.is_bound and search.is_valid():
        found = selectors.nearby_open_reports(
            lat=search.cleaned_data["lat"], lon=search.cleaned_data["lon"], category=search.cleaned_data["category"]
        )
    posted: FollowRequestForm | None = None
    status = 400 if search.is_bound and not search.is_valid() else 200
    if request.method == "POST":
        posted = FollowRequestForm(request.POST)
        sent = _follow(request, posted)
        if sent is not None:
            return sent
        status = 429 if posted.has_error("__all__", "throttled") else 400
    search.mark_invalid_fields()
    query = _search_query(request)
    if search.is_bound and search.is_valid():
        location = {"lat": search.cleaned_data["lat"], "lon": search.cleaned_data["lon"]}
        category = request.GET.get("category", "")
        prefill = location | ({"category": category} if category else {})
        new_report_url = reverse("reports:new") + "?" + urlencode(prefill)
    else:
        new_report_url = reverse("reports:new")
    context = {
        "search": search,
        "searched": search.is_bound and search.is_valid(),
        "items": [_item(possible.report, possible.distance_m, posted, index) for index, possible in enumerate(found)],
        "posted": posted,
        "sent_report": _sent_report(request),
        "new_report_url": new_report_url,
        "form_action": request.path + ("?" + urlencode(query) if query else ""),
        "valid_days": FOLLOW_LINK_MAX_AGE.days,
    }
    return render(request, "reports/nearby.html", context, status=status)


def _item(report: Report, distance_m: float, posted: FollowRequestForm | None, index: int) -> dict[str, Any]:
    auto_id = f"id_follow_{index}_%s"
    is_posted = posted is not None and posted.data.get("report") == report.public_id
    if posted is not None and is_posted:
        # The form the resident sent, with its errors, in the place of this report's form.
        form = posted
        form.auto_id = auto_id
        form.mark_invalid_fields()
    else:
        form = FollowRequestForm(initial={"report": report.public_id}, auto_id=auto_id)
    return {
        "public_id": report.public_id,
        "category": report.category.name,
        "status_label": ReportStatus(report.status).label,
        "created": report.created_at,
        # Rounded to 10 m, as in the JSON for the form: near enough to recognise, not an exact place.
        "distance_m": int(round(distance_m, -1)),
        "form": form,
        "is_open": is_posted,
    }


def _follow(request: HttpRequest, form: FollowRequestForm) -> HttpResponseRedirect | None:
    """Send the confirmation e-mail for a posted follow form and redirect; ``None`` with errors on ``form``."""
    if not follow_allowed(request):
        form.add_error(None, ValidationError(THROTTLED_MESSAGE, code="throttled"))
        return None
    if not form.is_valid():
        return None
    report = selectors.open_public_reports().filter(public_id=form.cleaned_data["report"]).first()
    if report is None:
        form.add_error(None, _("No open report has this number."))
        return None
    try:
        followed = request_follow(report=report, email=form.cleaned_data["email"], language=get_language() or "nl")
    except FollowError as exc:
        form.add_error("email", str(exc))
        return None
    query = _search_query(request) | {_SENT_KEY: followed.public_id}
    return redirect(f"{request.path}?{urlencode(query)}")


def _unavailable(request: HttpRequest, *, title: str, message: str, status: int) -> HttpResponse:
    context = {"title": title, "message": message}
    return private_headers(render(request, "reports/follow_unavailable.html", context, status=status))


@require_http_methods(["GET", "POST"])
def follow_confirm(request: HttpRequest, signed: str) -> HttpResponse:
    """Ask the resident to confirm following a report (GET), then make their address a follower (POST).

    Confirming again is harmless: the page then says the address already follows the report.
    """
    try:
        claim = read_follow_signature(signed)
    except FollowLinkExpiredError:
        return _unavailable(
            request,
            title=_("This link has expired"),
            message=_(
                "A link to confirm following a report works for %(days)d days. Ask again through the report form: "
                "we will send you a new link."
            )
            % {"days": FOLLOW_LINK_MAX_AGE.days},
            status=410,
        )
    except FollowLinkInvalidError:
        return _not_found(request)
    report = selectors.followed_report(claim.report_id)
    if report is None:
        return _not_found(request)
    following = selectors.is_following(report, claim.email)
    if request.method == "POST" and not following:
        try:
            follow_report(report=report, email=claim.email)
        except FollowError:
            log.info("follow_confirm_refused", report_id=report.pk)
            return _closed(request, report)
        return redirect("public:follow-confirm", signed=signed)
    if request.method == "POST":
        return redirect("public:follow-confirm", signed=signed)
    if not following and not selectors.can_be_followed(report):
        return _closed(request, report)
    context = {
        "report": report,
        "email": claim.email,
        "following": following,
        "status_label": ReportStatus(report.status).label,
    }
    response = private_headers(render(request, "reports/follow_confirm.html", context))
    # The link holds the address, so it must not leak to other sites; but with "no-referrer" browsers send
    # "Origin: null" with the form's POST, which Django's CSRF check refuses. Same-origin keeps both right.
    response["Referrer-Policy"] = "same-origin"
    return response


def _not_found(request: HttpRequest) -> HttpResponse:
    return _unavailable(
        request,
        title=_("This link does not work"),
        message=_(
            "The link you followed is not complete or was changed. Check that you have the whole link from the "
            "e-mail, or ask again through the report form."
        ),
        status=404,
    )


def _closed(request: HttpRequest, report: Report) -> HttpResponse:
    return _unavailable(
        request,
        title=_("This report can no longer be followed"),
        message=_(
            "Report %(report)s has been closed in the meantime, so there will be no more news about it. Is the "
            "problem still there? Please make a new report."
        )
        % {"report": report.public_id},
        status=409,
    )
