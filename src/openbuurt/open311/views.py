"""The GeoReport v2 endpoints. Every path answers in the format of its suffix, errors included.

Reading needs no key; POST Service Request needs an ``api_key`` (form field, or query argument for clients that
follow the Swagger file). Cookies play no part, so CSRF does not apply. Unknown format suffixes and unknown paths
get a 404 error body in XML, the format every GeoReport v2 server must support.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

import structlog

from openbuurt.open311 import catalogue as catalogue_module
from openbuurt.open311 import selectors, services
from openbuurt.open311.catalogue import Catalogue
from openbuurt.open311.form import submitted_fields
from openbuurt.open311.params import optional, request_query
from openbuurt.open311.resources import (
    created_item,
    discovery_document,
    queued_request_item,
    request_item,
    service_definition,
    service_item,
)
from openbuurt.open311.submission import idempotency_key, read_submission
from openbuurt.open311.wire import Format, Open311Error, content_type, error_response, parse_format, render, response
from openbuurt.reports import services as report_services
from openbuurt.reports.constants import CategorySource, ReportSource
from openbuurt.reports.services import intake_queue

log = structlog.get_logger(__name__)

Handler = Callable[..., HttpResponse]
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
# Field names of ReportValidationError mapped to the Open311 argument names a client knows.
_ARGUMENTS = {
    "text": "description",
    "location": "lat/long/address_string",
    "email": "email",
    "phone": "phone",
    "name": "first_name/last_name",
    "photos": "media",
}
# The arguments of a request without a query string (only read, never changed).
_NO_QUERY: MultiValueDict[str, str] = MultiValueDict()


def _query(request: HttpRequest) -> MultiValueDict[str, str]:
    """Return the query arguments; a request without a query string skips Django's parse into ``request.GET``."""
    return request.GET if request.META.get("QUERY_STRING") else _NO_QUERY


@contextmanager
def _language(request: HttpRequest) -> Iterator[None]:
    """Answer in the language of ``?locale=`` (CitySDK's extension) when it names one we have."""
    code = (optional(_query(request), "locale") or "").replace("_", "-").split("-")[0].lower()
    if code in {language for language, _name in settings.LANGUAGES}:
        with translation.override(code):
            yield
    else:
        yield


def endpoint(*methods: str) -> Callable[[Handler], Handler]:
    """Wrap a handler ``(request, fmt, **path_args)`` with the format, language, method and error handling."""
    allowed = frozenset(methods) | ({"HEAD"} if "GET" in methods else frozenset())

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def view(request: HttpRequest, fmt: str, **kwargs: str) -> HttpResponse:
            with _language(request):
                parsed = parse_format(fmt)
                if parsed is None:
                    result = error_response(
                        "xml", 404, [_("Unknown format %(format)r: use .xml or .json.") % {"format": fmt[:20]}]
                    )
                elif request.method not in allowed:
                    result = error_response(
                        parsed, 405, [_("%(method)s is not allowed here.") % {"method": request.method}]
                    )
                    result["Allow"] = ", ".join(sorted(allowed))
                else:
                    try:
                        result = handler(request, parsed, **kwargs)
                    except Open311Error as exc:
                        result = error_response(parsed, exc.status, exc.descriptions)
                    except Exception:
                        if settings.DEBUG:
                            raise  # the developer gets Django's debug page with the traceback
                        log.exception("open311_internal_error", path=request.path, method=request.method)
                        result = error_response(parsed, 500, [_("Internal error; please try again later.")])
                result.headers["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
            if request.method in ("GET", "HEAD"):
                # Public, cookie-free data: browser apps of other sites may read it.
                result.headers["Access-Control-Allow-Origin"] = "*"
            return result

        return csrf_exempt(view)

    return decorate


def _check_jurisdiction(catalogue: Catalogue, *sources: MultiValueDict[str, str]) -> None:
    jurisdiction = next((value for source in sources if (value := optional(source, "jurisdiction_id"))), None)
    if jurisdiction is not None and not catalogue.is_known_jurisdiction(jurisdiction):
        known = ", ".join(sorted(catalogue.jurisdiction_ids)) or _("(none configured)")
        raise Open311Error(
            404,
            _("Unknown jurisdiction_id %(value)r; this endpoint serves %(known)s.")
            % {"value": jurisdiction[:100], "known": known},
        )


@endpoint("GET")
def discovery(request: HttpRequest, fmt: Format) -> HttpResponse:
    """GET discovery.{fmt}: the service discovery document (bare content type: validators compare it exactly)."""
    catalogue = catalogue_module.current()
    base_url = settings.OPENBUURT_PUBLIC_BASE_URL.rstrip("/") + reverse("open311:root")
    document = discovery_document(
        base_url=base_url, changeset=catalogue.changeset, organisation=catalogue.site_organisation
    )
    return response(fmt, "discovery", document, bare_type=True)


@endpoint("GET")
def service_list(request: HttpRequest, fmt: Format) -> HttpResponse:
    """GET services.{fmt}: every active category with a service code, rendered once per changeset and language."""
    catalogue = catalogue_module.current()
    _check_jurisdiction(catalogue, request.GET)
    cache_key = (translation.get_language() or settings.LANGUAGE_CODE, fmt)
    body = catalogue.rendered.get(cache_key)
    if body is None:
        body = render(fmt, "services", [service_item(category) for category in catalogue.categories])
        catalogue.rendered[cache_key] = body
    return HttpResponse(body, content_type=content_type(fmt))


@endpoint("GET")
def service_definition_view(request: HttpRequest, fmt: Format, service_code: str) -> HttpResponse:
    """GET services/{code}.{fmt}: the definition (attributes) of one service."""
    catalogue = catalogue_module.current()
    _check_jurisdiction(catalogue, request.GET)
    category = catalogue.by_code.get(service_code)
    if category is None:
        raise Open311Error(404, _("Unknown service_code %(code)r; see services.xml.") % {"code": service_code[:50]})
    return response(fmt, "service_definition", service_definition(category))


@endpoint("GET", "POST")
def requests_view(request: HttpRequest, fmt: Format) -> HttpResponse:
    """GET requests.{fmt}: public service requests; POST requests.{fmt}: submit one (needs an api_key)."""
    if request.method == "POST":
        return _create(request, fmt)
    return _search(request, fmt)


def _search(request: HttpRequest, fmt: Format) -> HttpResponse:
    _check_jurisdiction(catalogue_module.current(), request.GET)
    query = request_query(request.GET, now=timezone.now())
    reports = selectors.public_requests(query, limit=query.page_size + 1)
    result = response(fmt, "service_requests", [request_item(report) for report in reports[: query.page_size]])
    if len(reports) > query.page_size:
        following = request.GET.copy()
        following["page"] = str(query.page + 1)
        following["page_size"] = str(query.page_size)
        result.headers["Link"] = f'<{request.build_absolute_uri(request.path)}?{following.urlencode()}>; rel="next"'
    return result


@endpoint("GET")
def request_detail(request: HttpRequest, fmt: Format, service_request_id: str) -> HttpResponse:
    """GET requests/{id}.{fmt}: one public service request, as a list of one."""
    _check_jurisdiction(catalogue_module.current(), request.GET)
    report = selectors.public_request(service_request_id)
    if report is not None:
        return response(fmt, "service_requests", [request_item(report)])
    queued = selectors.public_queued_request(service_request_id)
    if queued is None:
        raise Open311Error(404, _("No public service request %(id)r.") % {"id": service_request_id[:50]})
    return response(fmt, "service_requests", [queued_request_item(queued)])


@endpoint("GET")
def token_detail(request: HttpRequest, fmt: Format, token: str) -> HttpResponse:
    """GET tokens/{token}.{fmt}: every service is realtime, so no token is ever issued and none is known."""
    _check_jurisdiction(catalogue_module.current(), request.GET)
    raise Open311Error(
        404,
        _("Unknown token %(token)r: this endpoint answers POST with a service_request_id at once, never a token.")
        % {"token": token[:50]},
    )


@csrf_exempt
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other path: a 404 error body, in JSON when the path ends in .json and in XML otherwise."""
    fmt: Format = "json" if rest.lower().endswith(".json") else "xml"
    with _language(request):
        if rest:
            description = _("Unknown resource %(path)r.") % {"path": rest[:100]}
        else:
            description = _("This is the base URL of the Open311 GeoReport v2 endpoint; start at discovery.xml.")
        return error_response(fmt, 404, [description])


def _create(request: HttpRequest, fmt: Format) -> HttpResponse:
    if request.content_type not in _FORM_TYPES:
        raise Open311Error(
            400, _("Send the service request as application/x-www-form-urlencoded or multipart/form-data.")
        )
    try:
        data, files = submitted_fields(request)
    except (SuspiciousOperation, MultiPartParserError, BadRequest):
        raise Open311Error(400, _("The request body could not be read (too large, or not valid form data).")) from None
    query = _query(request)
    plain_key = optional(data, "api_key") or optional(query, "api_key")
    if plain_key is None:
        raise Open311Error(403, _("api_key is missing: submitting a service request needs an API key."))
    api_key = selectors.active_api_key(plain_key)
    if api_key is None:
        raise Open311Error(403, _("Invalid or revoked api_key received; the service request was not created."))
    services.mark_api_key_used(api_key=api_key)
    catalogue = catalogue_module.current()
    _check_jurisdiction(catalogue, data, query)
    code = optional(data, "service_code")
    if code is None:
        raise Open311Error(400, _("service_code is required; see services.xml for the codes."))
    category = catalogue.by_code.get(code)
    if category is None:
        raise Open311Error(404, _("Unknown service_code %(code)r; see services.xml.") % {"code": code[:50]})
    # META directly: request.headers would copy every header of the request first.
    key, errors = idempotency_key(request.META.get("HTTP_IDEMPOTENCY_KEY"), data)
    submission, more_errors = read_submission(data, files)
    errors += more_errors
    if errors:
        raise Open311Error(400, *errors)
    # The spec makes the description optional; the category's name then describes the problem.
    inputs: report_services.SubmissionInputs = {
        "text": submission.description or category.name_nl,
        "location": submission.location,
        "source": ReportSource.OPEN311,
        "category": category,
        "category_source": CategorySource.API,
        "reporter": submission.reporter,
        "submission_key": f"open311:{api_key.pk}:{key}" if key else None,
        "extra": {"open311": {"api_key_id": api_key.pk, "api_key_name": api_key.name, **submission.extra}},
        "organisation": catalogue.site_organisation,
    }
    try:
        if settings.OPENBUURT_OPEN311_QUEUED_INTAKE and not submission.photos:
            queued = intake_queue.queue_report(**inputs)
            public_id, created, urgency = queued.public_id, queued.created, queued.urgency
        else:
            made = report_services.submit_report(**inputs, photos=submission.photos)
            public_id, created, urgency = made.report.public_id, made.created, made.urgency
    except report_services.ReportValidationError as exc:
        raise Open311Error(
            400,
            *(
                f"{_ARGUMENTS.get(name, name)}: {message}"
                for name, messages in exc.errors.items()
                for message in messages
            ),
        ) from None
    notice = category.handling_message
    if urgency.is_emergency:
        notice = " ".join(filter(None, [_("Is there danger right now? Call 112."), notice]))
    log.info("open311_request", public_id=public_id, created=created, key=api_key.key_prefix)
    return response(
        fmt,
        "service_requests",
        [created_item(public_id, notice)],
        status=201 if created else 200,
    )
