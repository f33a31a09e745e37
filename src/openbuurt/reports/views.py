"""The resident's pages: the report form, the confirmation and the tracking page.

The form works without JavaScript; the scripts in ``static/reports/`` only add the map, address search, live
checks and the emergency warning while typing. A report is stored by ``services.submit_report`` and nothing else.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from openbuurt.places import geometry
from openbuurt.places.constants import AreaKind
from openbuurt.places.models import Area
from openbuurt.reports import selectors
from openbuurt.reports.constants import ReportSource, ReportStatus
from openbuurt.reports.forms import PendingPhotos, ReportForm, parse_coordinate, read_photo
from openbuurt.reports.models import Report
from openbuurt.reports.photos import ALLOWED_FORMATS, CleanPhoto, PhotoError
from openbuurt.reports.public.links import FOLLOW_LINK_MAX_AGE
from openbuurt.reports.services import (
    LocationInput,
    ReporterInput,
    ReportValidationError,
    SubmissionResult,
    submit_report,
)
from openbuurt.triage import selectors as triage_selectors
from openbuurt.triage.urgency import UrgencyVerdict, assess_urgency

_SUBMITTED_SESSION_KEY = "reports_submitted"
_KEEP_SUBMITTED = 10
# A retried POST may arrive while the first one is still storing the report; it waits this long for the token.
_RETRY_WAIT_SECONDS = 2.0
_TOKEN_CACHE_SECONDS = 3600


def private_headers(response: HttpResponse) -> HttpResponse:
    """Keep a page that holds a tracking link out of caches, referrers and search engines."""
    response["Cache-Control"] = "no-store"
    # same-origin, not no-referrer: the link still never reaches other sites, and browsers keep sending an Origin
    # header on this page's own forms, without which Django's CSRF check refuses them.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _map_bounds() -> list[list[float]]:
    bounds = Area.objects.filter(kind__in=[AreaKind.MUNICIPALITY, AreaKind.DISTRICT]).aggregate(
        min_lat=Min("min_lat"), min_lon=Min("min_lon"), max_lat=Max("max_lat"), max_lon=Max("max_lon")
    )
    if bounds["min_lat"] is None:
        min_lon, min_lat, max_lon, max_lat = geometry.NETHERLANDS_BBOX
        return [[min_lat, min_lon], [max_lat, max_lon]]
    return [[bounds["min_lat"], bounds["min_lon"]], [bounds["max_lat"], bounds["max_lon"]]]


def _form_config() -> dict[str, Any]:
    return {
        "tileUrl": settings.OPENBUURT_MAP_TILE_URL,
        "attribution": settings.OPENBUURT_MAP_ATTRIBUTION,
        "bounds": _map_bounds(),
        "searchUrl": "/api/v1/places/search",
        "reverseUrl": "/api/v1/places/reverse",
        "areasUrl": "/api/v1/places/areas.geojson",
        "urgencyUrl": reverse("reports-api:urgency"),
        "nearbyUrl": reverse("public:reports-nearby"),
        "nearbyPageUrl": reverse("public:nearby"),
        # The report number replaces the placeholder; numbers are letters, digits and dashes only.
        "followUrl": reverse("public:report-follow", kwargs={"public_id": "REPORT-ID"}),
        "maxPhotoBytes": settings.OPENBUURT_MAX_PHOTO_BYTES,
        "maxPhotos": settings.OPENBUURT_MAX_PHOTOS,
        "photoTypes": sorted(set(ALLOWED_FORMATS.values())),
    }


def _form_strings() -> dict[str, str]:
    return {
        "mapLabel": _("Map: click or tap to place the pin where the problem is."),
        "pinPlaced": _("The pin is placed. You can drag it to move it."),
        "pinTitle": _("Place of the problem"),
        "searching": _("Searching…"),
        "noResults": _("No address found. Try another spelling, or place the pin on the map."),
        "searchFailed": _("Searching for addresses does not work right now. Place the pin on the map instead."),
        "resultsFound": _("%(count)s addresses found. Choose one."),
        "locating": _("Finding your location…"),
        "located": _("Your location is on the map. Check that the pin is in the right place."),
        "locateFailed": _("Your location could not be found. Place the pin on the map or type an address."),
        "locateUnsupported": _("Your browser cannot share your location."),
        "photoTooLarge": _("The photo %(name)s is %(size)s; the limit is %(limit)s."),
        "photoWrongType": _("%(name)s is not a JPEG, PNG, WebP or GIF photo."),
        "tooManyPhotos": _("At most %(count)d photos per report."),
        "sending": _("Sending…"),
        "noTiles": _("No background map is available; the blue lines show the districts of the municipality."),
        "outside": _("This place lies outside the municipality; please report it to the municipality it is in."),
        "nearbyFoundOne": _("One report nearby. Is it the same problem?"),
        "nearbyFound": _("%(count)s reports nearby. Is it one of these?"),
        "nearbyDistance": _("about %(distance)s m away"),
        "nearbyClose": _("less than 10 m away"),
        "nearbyReportedOn": _("reported on %(date)s"),
        "nearbyMarker": _("Report %(number)s: %(category)s"),
        "followButton": _("Follow this report"),
        "followTitle": _("Follow report %(number)s"),
        "followSent": _(
            "We sent an e-mail to %(email)s with a link to confirm that you want to follow %(number)s. Until you "
            "confirm, you will get no messages about it."
        ),
        "followSentShort": _("Confirmation e-mail sent; check your e-mail."),
        "followEmailMissing": _("Enter your e-mail address, like name@example.nl."),
        "followFailed": _("Following does not work right now. Please try again later, or send the form."),
        "followTooMany": _("You asked to follow reports many times in a short while. Please try again in an hour."),
        "followGone": _("This report can no longer be followed. Please send the form instead."),
    }


def _render_form(
    request: HttpRequest,
    form: ReportForm,
    *,
    emergency: UrgencyVerdict | None = None,
    kept_photos: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    form.mark_invalid_fields()
    context = {
        "form": form,
        "emergency": emergency,
        "kept_photos": kept_photos or [],
        "form_config": _form_config(),
        "form_strings": _form_strings(),
        "max_photos": settings.OPENBUURT_MAX_PHOTOS,
        "max_photo_bytes": settings.OPENBUURT_MAX_PHOTO_BYTES,
        "follow_valid_days": FOLLOW_LINK_MAX_AGE.days,
    }
    return render(request, "reports/report_form.html", context, status=status)


@require_GET
def home(request: HttpRequest) -> HttpResponseRedirect:
    """Send visitors of the site's root to the report form."""
    return redirect("reports:new")


@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest) -> HttpResponse:
    """Show the report form; on POST store the report and redirect to its confirmation, or show what to fix."""
    if request.method != "POST":
        return _render_form(request, ReportForm(initial=_prefill(request)))
    try:
        key = str(uuid.UUID(request.POST.get("submission_key", "")))
    except ValueError:
        form = ReportForm(_with_new_key(request.POST), request.FILES)
        form.is_valid()
        form.add_error(None, _("Something went wrong with the form. Please check your input and send it again."))
        return _render_form(request, form, status=400)
    if key in _submitted(request):
        return redirect("reports:received", key=key)
    return _submit(request, key)


def _prefill(request: HttpRequest) -> dict[str, str]:
    """Return the place and category handed over in the query (from the list of reports nearby), when sound."""
    initial: dict[str, str] = {}
    try:
        lat = parse_coordinate(request.GET.get("lat", "")[:30])
        lon = parse_coordinate(request.GET.get("lon", "")[:30])
    except ValidationError:
        lat = lon = None
    if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
        initial |= {"lat": str(lat), "lon": str(lon)}
    category = request.GET.get("category", "")
    if category and triage_selectors.category_by_slug(category) is not None:
        initial["category"] = category
    return initial


def _with_new_key(data: QueryDict) -> QueryDict:
    copy = data.copy()
    copy["submission_key"] = str(uuid.uuid4())
    return copy


def _submit(request: HttpRequest, key: str) -> HttpResponse:
    pending = PendingPhotos(request.session, key)
    known = {entry["id"] for entry in pending.entries()}
    posted = request.POST.copy()
    # Kept photos of an expired session are gone; that is not the resident's mistake, so ignore them silently.
    posted.setlist("keep_photos", [photo_id for photo_id in posted.getlist("keep_photos") if photo_id in known])
    form = ReportForm(posted, request.FILES, kept_photos=pending.entries())
    form.is_valid()
    new_photos: list[CleanPhoto] = []
    for upload in request.FILES.getlist("photos"):
        try:
            new_photos.append(read_photo(upload))
        except PhotoError as exc:
            form.add_error("photos", exc.message)
    text = str(form.cleaned_data.get("text") or request.POST.get("text", ""))
    verdict = assess_urgency(text)
    emergency = verdict if verdict.is_emergency else None
    must_confirm = emergency is not None and not form.cleaned_data.get("emergency_acknowledged")
    if not form.errors and not must_confirm:
        photos = pending.load(form.cleaned_data.get("keep_photos") or []) + new_photos
        location, from_photo = _location(form, photos)
        first_name, last_name = form.split_name()
        try:
            result = submit_report(
                text=text,
                location=location,
                source=ReportSource.WEB,
                category=form.cleaned_data.get("category"),
                reporter=ReporterInput(
                    email=form.cleaned_data.get("email", "").strip(),
                    phone=form.cleaned_data.get("phone", "").strip(),
                    first_name=first_name,
                    last_name=last_name,
                    wants_updates=bool(form.cleaned_data.get("wants_updates")),
                    may_contact=bool(form.cleaned_data.get("may_contact")),
                ),
                photos=photos,
                submission_key=f"web:{key}",
                # The resident reads the site in this language, so their e-mails should be in it too.
                language=get_language() or None,
            )
        except ReportValidationError as exc:
            form.add_service_errors(exc.errors)
        else:
            pending.discard()
            _remember(request, key, result, from_photo=from_photo)
            return redirect("reports:received", key=key)
    # Keep every accepted photo for the next try, ticked, so nothing has to be chosen again.
    pending.add(new_photos)
    kept = pending.entries()
    data = posted.copy()
    selected = set(data.getlist("keep_photos")) | {photo.sha256[:16] for photo in new_photos}
    data.setlist("keep_photos", [entry["id"] for entry in kept if entry["id"] in selected])
    form.data = data
    keep_field = form.fields["keep_photos"]
    assert hasattr(keep_field, "choices")
    keep_field.choices = [(entry["id"], entry["name"]) for entry in kept]
    return _render_form(request, form, emergency=emergency, kept_photos=kept, status=200 if must_confirm else 400)


def _location(form: ReportForm, photos: list[CleanPhoto]) -> tuple[LocationInput, bool]:
    """Return the location the resident gave, or the position stored in a photo when they gave none."""
    lat = form.cleaned_data.get("lat")
    lon = form.cleaned_data.get("lon")
    address = str(form.cleaned_data.get("address") or "")
    address_id = str(form.cleaned_data.get("address_id") or "")
    source = str(form.cleaned_data.get("location_source") or "")
    if lat is None and lon is None and not address.strip():
        for photo in photos:
            if photo.gps is not None and geometry.is_in_service_area(*photo.gps):
                return LocationInput(lat=photo.gps[0], lon=photo.gps[1], source="photo"), True
    if lat is not None and source not in ("map", "geocoder", "device", "photo"):
        source = "map"
    return (
        LocationInput(lat=lat, lon=lon, address_text=address, address_id=address_id, source=source or "text"),
        False,
    )


def _submitted(request: HttpRequest) -> dict[str, dict[str, Any]]:
    stored = request.session.get(_SUBMITTED_SESSION_KEY)
    return stored if isinstance(stored, dict) else {}


def _remember(request: HttpRequest, key: str, result: SubmissionResult, *, from_photo: bool) -> None:
    """Keep what the confirmation shows in the session, so a refresh or a retried POST shows it again."""
    cache_key = f"reports:web-token:{key}"
    token = result.tracking_token
    if result.created:
        cache.set(cache_key, token, _TOKEN_CACHE_SECONDS)
    else:
        # A retry of a form whose first POST stored the report: that request holds the token.
        deadline = time.monotonic() + _RETRY_WAIT_SECONDS
        token = cache.get(cache_key) or ""
        while not token and time.monotonic() < deadline:
            time.sleep(0.1)
            token = cache.get(cache_key) or ""
    submitted = _submitted(request)
    submitted[key] = {
        "report_id": result.report.pk,
        "token": token,
        "from_photo": from_photo,
        "is_emergency": result.urgency.is_emergency,
    }
    # Only the newest few; the session is not an archive.
    request.session[_SUBMITTED_SESSION_KEY] = dict(list(submitted.items())[-_KEEP_SUBMITTED:])


@require_GET
def report_received(request: HttpRequest, key: uuid.UUID) -> HttpResponse:
    """Show the confirmation of a report sent from this browser: its number, service promise and tracking link."""
    entry = _submitted(request).get(str(key))
    report_id = entry.get("report_id") if entry else None
    found = (
        Report.objects.select_related("category", "category__parent").filter(pk=report_id).first()
        if isinstance(report_id, int)
        else None
    )
    if entry is None or found is None:
        return private_headers(render(request, "reports/received_missing.html", status=404))
    token = str(entry.get("token") or "")
    context = {
        "report": found,
        "tracking_url": request.build_absolute_uri(reverse("reports:track", args=[token])) if token else "",
        "from_photo": bool(entry.get("from_photo")),
        "emergency": assess_urgency(found.text) if entry.get("is_emergency") else None,
        "has_email": hasattr(found, "reporter") and bool(found.reporter.email),
    }
    return private_headers(render(request, "reports/report_received.html", context))


@require_GET
def track(request: HttpRequest, token: str) -> HttpResponse:
    """Show a report's public status and history to whoever holds its tracking link; nothing personal."""
    report = selectors.report_by_tracking_token(token)
    if report is None:
        return private_headers(render(request, "reports/track_not_found.html", status=404))
    history = [
        {"status": ReportStatus(change.to_status).label, "text": change.public_text, "at": change.created_at}
        for change in selectors.status_history(report)
    ]
    context = {
        "report": report,
        "status_label": ReportStatus(report.status).label,
        "history": history,
        "area": report.area or report.district,
    }
    return private_headers(render(request, "reports/track.html", context))
