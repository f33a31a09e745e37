"""The GeoReport v2 resources as plain values, ready for :mod:`openbuurt.open311.wire`.

Ids and codes are strings, booleans are booleans, every time has the Europe/Amsterdam offset. Texts are in the
active language (Dutch by default). Published request texts never carry personal data: see :func:`request_item`.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from openbuurt.accounts.models import Organisation
from openbuurt.core.pii import mask_pii
from openbuurt.open311.wire import CONTENT_TYPES, FORMATS, Value
from openbuurt.reports.constants import CLOSED_STATUSES, ReportStatus
from openbuurt.reports.models import Report
from openbuurt.reports.models_intake import QueuedSubmission
from openbuurt.triage.models import Category
from openbuurt.triage.service_promise import deadline_for

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
MAX_DESCRIPTION = 4000


def w3c_datetime(value: datetime | None) -> str | None:
    """Return ``value`` as ISO 8601 with the local offset (e.g. ``2026-03-01T14:05:00+01:00``), or ``None``."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def service_group(category: Category) -> str:
    """Return the category's group, taken from its main category when it has none of its own."""
    if category.service_group or category.parent is None:
        return category.service_group
    return category.parent.service_group


def service_item(category: Category) -> dict[str, Value]:
    """Return one ``service`` of the service list."""
    return {
        "service_code": category.service_code,
        "service_name": category.name,
        "description": category.description,
        # No category has attributes yet, so there is never a definition a client must read first.
        "metadata": False,
        "type": "realtime",
        "keywords": ", ".join(word.strip() for word in category.keywords.split(",") if word.strip()),
        "group": service_group(category),
    }


def service_definition(category: Category) -> dict[str, Value]:
    """Return the ``service_definition`` of a category (its attributes: none yet)."""
    return {"service_code": category.service_code, "attributes": []}


def open311_status(report: Report) -> str:
    """Return ``closed`` for done and cancelled reports, ``open`` for every other status."""
    return "closed" if report.status in CLOSED_STATUSES else "open"


def request_item(report: Report) -> dict[str, Value]:
    """Return one ``request`` of GET Service Request(s); the report must be public (the caller checks).

    The description is masked for e-mail addresses and phone numbers. Photos are personal data and are not
    published, so ``media_url`` is always empty.
    """
    category = report.category
    return {
        "service_request_id": report.public_id,
        "status": open311_status(report),
        "status_notes": str(ReportStatus(report.status).label),
        "service_name": category.name,
        "service_code": category.service_code,
        "description": mask_pii(report.text)[:MAX_DESCRIPTION],
        "agency_responsible": report.organisation.name,
        "service_notice": category.handling_message,
        "requested_datetime": w3c_datetime(report.created_at),
        "updated_datetime": w3c_datetime(
            report.closed_at if report.is_closed and report.closed_at is not None else report.updated_at
        ),
        "expected_datetime": w3c_datetime(report.deadline),
        "address": report.address_text,
        "address_id": report.address_id,
        "zipcode": "",
        "lat": report.lat,
        "long": report.lon,
        "media_url": None,
    }


def queued_request_item(row: QueuedSubmission) -> dict[str, Value]:
    """Return one ``request`` for a submission accepted a moment ago that the task worker has not made a report of.

    It is shown as the report will be: open, status "new", with the deadline its category promises.
    """
    category = row.category
    location = row.payload.get("location") or {}
    return {
        "service_request_id": row.public_id,
        "status": "open",
        "status_notes": str(ReportStatus.NEW.label),
        "service_name": category.name,
        "service_code": category.service_code,
        "description": mask_pii(str(row.payload.get("text", "")))[:MAX_DESCRIPTION],
        "agency_responsible": row.organisation.name,
        "service_notice": category.handling_message,
        "requested_datetime": w3c_datetime(row.received_at),
        "updated_datetime": w3c_datetime(row.received_at),
        "expected_datetime": w3c_datetime(deadline_for(category, row.received_at)),
        "address": str(location.get("address_text", "")).strip(),
        "address_id": str(location.get("address_id", "")).strip(),
        "zipcode": "",
        "lat": location.get("lat"),
        "long": location.get("lon"),
        "media_url": None,
    }


def created_item(public_id: str, service_notice: str) -> dict[str, Value]:
    """Return the ``request`` answered to POST Service Request (we are realtime: an id, never a token)."""
    return {"service_request_id": public_id, "service_notice": service_notice, "account_id": None}


def discovery_document(*, base_url: str, changeset: str, organisation: Organisation | None) -> dict[str, Value]:
    """Return the service discovery document of this single endpoint."""
    contact = organisation.contact_email if organisation is not None and organisation.contact_email else ""
    name = organisation.name if organisation is not None else settings.OPENBUURT_PUBLIC_BASE_URL
    return {
        "changeset": changeset,
        "contact": (_("%(name)s, %(email)s") % {"name": name, "email": contact}) if contact else name,
        "key_service": (
            _("Ask %(name)s for an API key (%(email)s); reading needs no key, submitting does.")
            % {"name": name, "email": contact or settings.OPENBUURT_PUBLIC_BASE_URL}
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url,
                "changeset": changeset,
                "type": settings.OPENBUURT_OPEN311_ENDPOINT_TYPE,
                "formats": [CONTENT_TYPES[fmt] for fmt in FORMATS],
            }
        ],
    }
