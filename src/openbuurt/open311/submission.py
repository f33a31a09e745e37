"""Reading the arguments of POST Service Request into the inputs of ``reports.services.submit_report``.

Everything that can be checked here is checked before the report service is called, and all 400 problems are
reported together; the report service then checks the rest (text length, service area, e-mail, phone) and stores
nothing when it refuses.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.template.defaultfilters import filesizeformat
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from openbuurt.open311.params import optional
from openbuurt.open311.resources import MAX_DESCRIPTION
from openbuurt.reports.photos import CleanPhoto, PhotoError, clean_photo
from openbuurt.reports.services import LocationInput, ReporterInput

MAX_IDEMPOTENCY_KEY = 100
MAX_ATTRIBUTES = 50
MAX_ATTRIBUTE_VALUE = 2000
MAX_MEDIA_URL = 2000
_ATTRIBUTE = re.compile(r"^attribute\[([^\[\]]{1,100})\](\[\])?$")
_IDEMPOTENCY_KEY = re.compile(rf"^[\x21-\x7e]{{1,{MAX_IDEMPOTENCY_KEY}}}$")
_TRUE = frozenset({"true", "1", "yes", "on"})
_LIMITS = {
    "address_id": 100,
    "email": 254,
    "first_name": 100,
    "last_name": 100,
    "phone": 40,
    "device_id": 200,
    "account_id": 200,
}


@dataclass
class Submission:
    """The checked arguments of one POST, ready for ``submit_report``."""

    location: LocationInput
    description: str
    reporter: ReporterInput
    photos: list[CleanPhoto] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def idempotency_key(header: str | None, data: MultiValueDict[str, str]) -> tuple[str | None, list[str]]:
    """Return the client's idempotency key (header ``Idempotency-Key`` or field ``idempotency_key``) or errors."""
    raw = (header or "").strip() or optional(data, "idempotency_key")
    if raw is None:
        return None, []
    if not _IDEMPOTENCY_KEY.match(raw):
        return None, [
            _("Idempotency-Key must be 1 to %(max)d printable ASCII characters without spaces.")
            % {"max": MAX_IDEMPOTENCY_KEY}
        ]
    return raw, []


def _coordinates(data: MultiValueDict[str, str], errors: list[str]) -> tuple[float | None, float | None]:
    raw_lat, raw_long = optional(data, "lat"), optional(data, "long")
    if raw_lat is None and raw_long is None:
        return None, None
    if raw_lat is None or raw_long is None:
        errors.append(_("lat and long must be sent together."))
        return None, None
    values: list[float] = []
    for name, raw in (("lat", raw_lat), ("long", raw_long)):
        try:
            value = float(raw)
        except ValueError:
            errors.append(_("%(name)s must be a decimal number (WGS84 degrees).") % {"name": name})
            continue
        if not math.isfinite(value):
            errors.append(_("%(name)s must be a finite number.") % {"name": name})
            continue
        values.append(value)
    if len(values) != 2:
        return None, None
    lat, lon = values
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errors.append(_("lat must lie between -90 and 90 and long between -180 and 180 (WGS84 degrees)."))
        return None, None
    return lat, lon


def _attributes(data: MultiValueDict[str, str], errors: list[str]) -> dict[str, str | list[str]]:
    attributes: dict[str, str | list[str]] = {}
    for key in data:
        match = _ATTRIBUTE.match(key)
        if match is None:
            continue
        values = [value for value in data.getlist(key) if value != ""]
        if any(len(value) > MAX_ATTRIBUTE_VALUE for value in values):
            errors.append(
                _("The value of %(key)s is longer than %(max)d characters.") % {"key": key, "max": MAX_ATTRIBUTE_VALUE}
            )
            continue
        if not values:
            continue
        attributes[match.group(1)] = values if match.group(2) else values[-1]
    if len(attributes) > MAX_ATTRIBUTES:
        errors.append(_("At most %(max)d attributes per request.") % {"max": MAX_ATTRIBUTES})
    return attributes


def _photos(files: MultiValueDict[str, UploadedFile[bytes]], errors: list[str]) -> list[CleanPhoto]:
    uploads = [upload for name in files for upload in files.getlist(name)]
    if len(uploads) > settings.OPENBUURT_MAX_PHOTOS:
        errors.append(_("At most %(count)d photos per report.") % {"count": settings.OPENBUURT_MAX_PHOTOS})
        return []
    photos: list[CleanPhoto] = []
    limit = settings.OPENBUURT_MAX_PHOTO_BYTES
    for upload in uploads:
        name = upload.name or ""
        if upload.size is not None and upload.size > limit:
            errors.append(
                _("The photo %(name)s is %(size)s; the limit is %(limit)s.")
                % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
            continue
        try:
            photos.append(clean_photo(upload.read(), original_name=name))
        except PhotoError as exc:
            errors.append(exc.message)
    return photos


def read_submission(
    data: MultiValueDict[str, str], files: MultiValueDict[str, UploadedFile[bytes]]
) -> tuple[Submission, list[str]]:
    """Read every argument except the key, jurisdiction and service code; return the submission and the errors."""
    errors: list[str] = []
    values = {name: optional(data, name) or "" for name in (*_LIMITS, "address_string", "description", "media_url")}
    for name, limit in _LIMITS.items():
        if len(values[name]) > limit:
            errors.append(_("%(name)s is longer than %(max)d characters.") % {"name": name, "max": limit})
    # The description keeps its line breaks; only surrounding white space goes.
    description = (data.get("description") or "").strip()
    if len(description) > MAX_DESCRIPTION:
        errors.append(
            _("description is %(length)d characters long; the limit is %(max)d.")
            % {"length": len(description), "max": MAX_DESCRIPTION}
        )
    before = len(errors)
    lat, lon = _coordinates(data, errors)
    bad_coordinates = len(errors) > before
    if lat is None and not values["address_string"] and not values["address_id"] and not bad_coordinates:
        errors.append(_("Give the location: lat and long, or address_string, or address_id."))
    media_url = values["media_url"]
    if media_url:
        try:
            if len(media_url) > MAX_MEDIA_URL:
                raise ValidationError("too long")
            URLValidator(schemes=["http", "https"])(media_url)
        except ValidationError:
            errors.append(
                _("media_url must be a public http(s) URL of at most %(max)d characters.") % {"max": MAX_MEDIA_URL}
            )
    attributes = _attributes(data, errors)
    photos = _photos(files, errors) if not errors else []
    extra: dict[str, Any] = {}
    if media_url:
        extra["media_url"] = media_url
    if attributes:
        extra["attributes"] = attributes
    submission = Submission(
        location=LocationInput(
            lat=lat,
            lon=lon,
            address_text=values["address_string"],
            address_id=values["address_id"],
            source="device" if lat is not None else "text",
        ),
        description=description,
        reporter=ReporterInput(
            email=values["email"],
            phone=values["phone"],
            first_name=values["first_name"],
            last_name=values["last_name"],
            # FixMyStreet's extension; other clients keep their users informed themselves.
            wants_updates=(optional(data, "email_alerts_requested") or "").lower() in _TRUE,
            device_id=values["device_id"],
            account_id=values["account_id"],
        ),
        photos=photos,
        extra=extra,
    )
    return submission, errors
