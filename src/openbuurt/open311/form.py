"""The form fields and files of a POST Service Request.

A multipart body (a request with photos) is read by Django's parser through ``request.POST`` and ``request.FILES``.
A url-encoded body, what app platforms send without photos, is parsed here exactly as Django parses it (the same
``urllib.parse.parse_qsl``, UTF-8 with the same fallback, the same limit on the number of fields) but put in place
at once: ``QueryDict`` adds each field through several layers of checks, which cost more than a third of reading
an accepted submission. The result is a ``MultiValueDict``, the base class of ``QueryDict``, with the same contents.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import BadRequest, TooManyFieldsSent
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict

URLENCODED = "application/x-www-form-urlencoded"


def submitted_fields(request: HttpRequest) -> tuple[MultiValueDict[str, str], MultiValueDict[str, UploadedFile[bytes]]]:
    """Return the form fields and uploaded files of a POST.

    Raises what ``request.POST`` raises: ``RequestDataTooBig`` or ``TooManyFieldsSent`` (both
    ``SuspiciousOperation``), ``BadRequest`` for a url-encoded body that declares a charset other than UTF-8, and
    ``MultiPartParserError`` for a broken multipart body.
    """
    if request.content_type != URLENCODED:
        return request.POST, request.FILES
    # RFC 1866: url-encoded forms have no charset of their own; Django refuses any but UTF-8 as well.
    if request.encoding is not None and request.encoding.lower() != "utf-8":
        raise BadRequest(
            "HTTP requests with the 'application/x-www-form-urlencoded' content type must be UTF-8 encoded."
        )
    return parse_urlencoded(request.body), MultiValueDict()


def parse_urlencoded(body: bytes) -> MultiValueDict[str, str]:
    """Return the fields of a url-encoded body as ``QueryDict(body, encoding="utf-8")`` holds them."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:  # some user agents send Latin-1; Django reads it so too
        text = body.decode("iso-8859-1")
    fields: dict[str, list[str]] = {}
    try:
        for key, value in parse_qsl(
            text, keep_blank_values=True, encoding="utf-8", max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        ):
            fields.setdefault(key, []).append(value)
    except ValueError as exc:  # parse_qsl's only ValueError without strict parsing: too many fields
        raise TooManyFieldsSent(
            "The number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS."
        ) from exc
    return MultiValueDict(fields)
