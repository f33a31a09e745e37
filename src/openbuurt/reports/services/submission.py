"""Intake: ``submit_report`` is the single door through which the web form, the Open311 API, e-mail and social channels
create reports. It validates everything first, so a bad input is refused before anything is stored, and it stores
the report before it returns, so an accepted report is never lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import structlog

from openbuurt.accounts.constants import OrganisationKind
from openbuurt.accounts.models import Organisation, User
from openbuurt.core import audit, raw_sql
from openbuurt.core.events import publish_on_commit
from openbuurt.core.models import AuditAction
from openbuurt.places import geometry
from openbuurt.places.constants import AreaKind
from openbuurt.reports.constants import MAX_TEXT_LENGTH, MIN_TEXT_LENGTH, CategorySource, ReportSource, ReportStatus
from openbuurt.reports.events import ReportSubmitted
from openbuurt.reports.models import (
    Attachment,
    CategoryChange,
    Report,
    Reporter,
    ReportNumberSequence,
    StatusChange,
)
from openbuurt.reports.photos import CleanPhoto
from openbuurt.reports.tokens import hash_tracking_token, new_tracking_token
from openbuurt.triage import selectors as triage_selectors
from openbuurt.triage.classifiers import Classification, ReportFeatures
from openbuurt.triage.models import Category
from openbuurt.triage.service_promise import deadline_for, far_deadline_for
from openbuurt.triage.urgency import UrgencyVerdict, assess_urgency

log = structlog.get_logger(__name__)

_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,20}$")
# Control characters other than tab and line breaks carry no meaning in a report, break XML output and cannot be
# stored by PostgreSQL (NUL); they are removed from every text before anything else happens.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    return _CONTROL.sub("", value)


class ReportValidationError(ValueError):
    """The submission was refused; ``errors`` maps field names to messages fit to show the resident."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("; ".join(f"{key}: {' '.join(messages)}" for key, messages in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class LocationInput:
    """Where the problem is: a point (WGS84), an address text, or both. ``source`` says how it was found."""

    lat: float | None = None
    lon: float | None = None
    address_text: str = ""
    address_id: str = ""
    source: str = "map"


@dataclass(frozen=True)
class ReporterInput:
    """Optional contact details of the resident."""

    email: str = ""
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    wants_updates: bool = True
    may_contact: bool = False
    device_id: str = ""
    account_id: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.email, self.phone, self.first_name, self.last_name, self.device_id, self.account_id))


class SubmissionInputs(TypedDict):
    """The arguments an intake path gives alike to :func:`submit_report` and to the intake queue's ``queue_report``."""

    text: str
    location: LocationInput
    source: ReportSource
    category: Category
    category_source: CategorySource
    reporter: ReporterInput | None
    submission_key: str | None
    extra: dict[str, Any]
    organisation: Organisation | None


@dataclass(frozen=True)
class SubmissionResult:
    """The stored report; ``tracking_token`` is shown once and is empty when ``created`` is false (a retry)."""

    report: Report
    tracking_token: str
    created: bool
    urgency: UrgencyVerdict = field(default_factory=lambda: assess_urgency(""))


_REPORTER_TEXTS = ("email", "phone", "first_name", "last_name", "device_id", "account_id")


def clean_inputs(
    text: str, location: LocationInput, reporter: ReporterInput | None
) -> tuple[str, LocationInput, ReporterInput | None]:
    """Return the inputs without control characters (see ``_CONTROL``); every intake path cleans first."""
    # Inputs that hold none are returned as they are (most do; a copy of a frozen dataclass is not free).
    if _CONTROL.search(location.address_text) or _CONTROL.search(location.address_id):
        location = replace(
            location, address_text=_clean_text(location.address_text), address_id=_clean_text(location.address_id)
        )
    if reporter is not None and any(_CONTROL.search(getattr(reporter, name)) for name in _REPORTER_TEXTS):
        reporter = replace(
            reporter,
            email=_clean_text(reporter.email),
            phone=_clean_text(reporter.phone),
            first_name=_clean_text(reporter.first_name),
            last_name=_clean_text(reporter.last_name),
            device_id=_clean_text(reporter.device_id),
            account_id=_clean_text(reporter.account_id),
        )
    return _clean_text(text), location, reporter


def validate_submission(
    *, text: str, location: LocationInput, reporter: ReporterInput | None, photos: Sequence[CleanPhoto]
) -> dict[str, list[str]]:
    """Return the refusals of a cleaned submission by field name; empty when it may be stored. Reads only."""
    errors: dict[str, list[str]] = {}
    stripped = text.strip()
    if len(stripped) < MIN_TEXT_LENGTH:
        errors.setdefault("text", []).append(_("Describe the problem in a few words."))
    elif len(stripped) > MAX_TEXT_LENGTH:
        errors.setdefault("text", []).append(
            _("The description is %(length)d characters long; the limit is %(limit)d.")
            % {"length": len(stripped), "limit": MAX_TEXT_LENGTH}
        )
    if (location.lat is None) != (location.lon is None):
        errors.setdefault("location", []).append(_("Give both latitude and longitude."))
    elif location.lat is not None and location.lon is not None:
        if not (-90 <= location.lat <= 90 and -180 <= location.lon <= 180):
            errors.setdefault("location", []).append(_("These coordinates do not exist."))
        elif not geometry.is_in_service_area(location.lat, location.lon):
            errors.setdefault("location", []).append(
                _("This place lies outside the municipality; please report it to the municipality it is in.")
            )
    elif not location.address_text.strip() and not location.address_id.strip():
        errors.setdefault("location", []).append(_("Show where the problem is on the map, or type an address."))
    if len(location.address_text) > 300:
        errors.setdefault("location", []).append(_("The address is too long."))
    if reporter is not None:
        if reporter.email:
            try:
                validate_email(reporter.email)
            except ValidationError:
                errors.setdefault("email", []).append(_("This is not a valid e-mail address."))
        if reporter.phone and not _PHONE.match(reporter.phone):
            errors.setdefault("phone", []).append(_("This is not a valid phone number."))
        if len(reporter.first_name) > 100 or len(reporter.last_name) > 100:
            errors.setdefault("name", []).append(_("The name is too long."))
    if len(photos) > settings.OPENBUURT_MAX_PHOTOS:
        errors.setdefault("photos", []).append(
            _("At most %(count)d photos per report.") % {"count": settings.OPENBUURT_MAX_PHOTOS}
        )
    return errors


def handling_organisation(category: Category, organisation: Organisation | None) -> Organisation:
    """Return who handles a report in ``category``: the police for police categories, else ``organisation`` or the
    default municipality. Raises :class:`ReportValidationError` when the site has no municipality."""
    if category.is_police:
        police = Organisation.objects.filter(kind=OrganisationKind.POLICE, is_active=True).order_by("pk").first()
        if police is not None:
            return police
    if organisation is not None:
        return organisation
    default = Organisation.objects.filter(slug=settings.OPENBUURT_DEFAULT_ORGANISATION).first()
    if default is None:
        default = Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY, is_active=True).order_by("pk").first()
    if default is None:
        raise ReportValidationError({"organisation": [_("This site has no municipality configured.")]})
    return default


def number_year(moment: datetime) -> int:
    """Return the year of the report number given at ``moment``: its calendar year in the site's time zone.

    The site's zone (``TIME_ZONE``), not one a request may have activated: a number's year is the municipality's.
    """
    return moment.astimezone(timezone.get_default_timezone()).year


def next_public_id(prefix: str, year: int) -> str:
    """Take the next report number of ``prefix`` and ``year`` (inside the caller's transaction)."""
    return next_public_ids(prefix, year, 1)[0]


def next_public_ids(prefix: str, year: int, count: int) -> list[str]:
    """Take the next ``count`` report numbers of ``prefix`` and ``year``, in order (inside the caller's transaction)."""
    # One atomic UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL) takes the numbers under the row lock, so
    # concurrent submissions never share a number; the row is created on the first report of a year.
    table = ReportNumberSequence._meta.db_table
    mark = raw_sql.placeholder()
    sql = (
        f"UPDATE {table} SET last_value = last_value + {mark}"  # noqa: S608
        f" WHERE prefix = {mark} AND year = {mark} RETURNING last_value"
    )
    with raw_sql.raw_cursor() as cursor:
        cursor.execute(sql, (count, prefix, year))
        row = cursor.fetchone()
        if row is None:
            ReportNumberSequence.objects.get_or_create(prefix=prefix, year=year)
            cursor.execute(sql, (count, prefix, year))
            row = cursor.fetchone()
    assert row is not None
    last = int(row[0])
    return [f"{prefix}-{year}-{number:06d}" for number in range(last - count + 1, last + 1)]


def _choose_category(
    *, chosen: Category | None, chosen_source: CategorySource, classification: Classification
) -> tuple[Category, CategorySource, bool]:
    """Return (category, how it was set, needs triage)."""
    if chosen is not None:
        return chosen, chosen_source, False
    best = classification.best
    if best is not None and classification.confidence >= settings.OPENBUURT_AUTO_CATEGORY_THRESHOLD:
        category = triage_selectors.category_by_slug(best.slug)
        if category is not None:
            return category, CategorySource.CLASSIFIER, False
    return triage_selectors.fallback_category(), CategorySource.FALLBACK, True


def _existing_submission(submission_key: str | None) -> Report | None:
    if not submission_key:
        return None
    return Report.objects.filter(submission_key=submission_key).first()


def submit_report(
    *,
    text: str,
    location: LocationInput,
    source: ReportSource,
    category: Category | None = None,
    category_source: CategorySource = CategorySource.RESIDENT,
    reporter: ReporterInput | None = None,
    photos: Sequence[CleanPhoto] = (),
    submission_key: str | None = None,
    extra: dict[str, Any] | None = None,
    organisation: Organisation | None = None,
    created_at: datetime | None = None,
    is_demo: bool = False,
    actor: User | None = None,
    language: str | None = None,
    public_id: str | None = None,
) -> SubmissionResult:
    """Validate and store a new report with its reporter, photos and first history row.

    Raises :class:`ReportValidationError` (nothing stored) when any input is refused. A ``submission_key`` that was
    used before returns the report stored then (``created`` false), so retried submissions never make duplicates.
    The category is the one given; otherwise the classifier's best suggestion when it is confident enough;
    otherwise the fallback category with ``needs_triage`` set. Photos must already be cleaned
    (:func:`openbuurt.reports.photos.clean_photo`). ``public_id`` is a number taken before (by the intake queue,
    see :mod:`openbuurt.reports.services.intake_queue`); without it the next number is taken.
    """
    text, location, reporter = clean_inputs(text, location, reporter)
    existing = _existing_submission(submission_key)
    if existing is not None:
        return SubmissionResult(
            report=existing, tracking_token="", created=False, urgency=assess_urgency(existing.text)
        )
    errors = validate_submission(text=text, location=location, reporter=reporter, photos=photos)
    if errors:
        raise ReportValidationError(errors)

    text = text.strip()
    now = created_at or timezone.now()
    area_hits = (
        geometry.areas_containing(location.lat, location.lon)
        if location.lat is not None and location.lon is not None
        else []
    )
    features = ReportFeatures(
        text=text,
        created_at=now,
        source=str(source),
        lat=location.lat,
        lon=location.lon,
        area_code=area_hits[0].code if area_hits else "",
    )
    classification = triage_selectors.classify(features)
    # The language the resident chose on the site wins over the classifier's guess: it picks their e-mails' language.
    classification = replace(classification, language=language) if language else classification
    chosen, how, needs_triage = _choose_category(
        chosen=category, chosen_source=category_source, classification=classification
    )
    urgency = assess_urgency(text)
    token = new_tracking_token()
    saved_files: list[str] = []
    try:
        with transaction.atomic():
            report = _store(
                text=text,
                location=location,
                source=source,
                category=chosen,
                category_source=how,
                needs_triage=needs_triage,
                classification=classification,
                urgency=urgency,
                organisation=handling_organisation(chosen, organisation),
                area_hits=area_hits,
                token=token,
                public_id=public_id,
                submission_key=submission_key,
                extra=extra or {},
                now=now,
                is_demo=is_demo,
                actor=actor,
            )
            if reporter is not None and not reporter.is_empty:
                _store_reporter(report, reporter)
            for photo in photos:
                saved_files.append(_store_photo(report, photo))
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                target=report,
                summary=f"report {report.public_id} submitted via {source}",
                detail={"category": chosen.slug, "category_source": str(how), "photos": len(photos)},
            )
            publish_on_commit(
                ReportSubmitted(
                    report_id=report.pk,
                    public_id=report.public_id,
                    source=str(source),
                    is_emergency=urgency.is_emergency,
                )
            )
    except IntegrityError:
        _delete_files(saved_files)
        # Two identical submissions raced; the other one won and holds the report.
        raced = _existing_submission(submission_key)
        if raced is None:
            raise
        return SubmissionResult(report=raced, tracking_token="", created=False, urgency=urgency)
    except BaseException:
        _delete_files(saved_files)
        raise
    log.info("report_submitted", public_id=report.public_id, source=str(source), category=chosen.slug)
    return SubmissionResult(report=report, tracking_token=token, created=True, urgency=urgency)


def _store(
    *,
    text: str,
    location: LocationInput,
    source: ReportSource,
    category: Category,
    category_source: CategorySource,
    needs_triage: bool,
    classification: Classification,
    urgency: UrgencyVerdict,
    organisation: Organisation,
    area_hits: list[geometry.AreaHit],
    token: str,
    public_id: str | None,
    submission_key: str | None,
    extra: dict[str, Any],
    now: datetime,
    is_demo: bool,
    actor: User | None,
) -> Report:
    district = next((hit for hit in area_hits if hit.kind == AreaKind.DISTRICT), None)
    report = Report.objects.create(
        public_id=public_id or next_public_id(organisation.report_prefix, number_year(now)),
        tracking_token_hash=hash_tracking_token(token),
        text=text,
        language=classification.language or "nl",
        category=category,
        category_source=category_source,
        category_confidence=classification.confidence if classification.best else None,
        category_model_version=classification.model_version,
        category_suggestions=[{"slug": s.slug, "probability": s.probability} for s in classification.suggestions],
        needs_triage=needs_triage,
        organisation=organisation,
        status=ReportStatus.NEW,
        priority=urgency.priority,
        priority_reason=urgency.reason,
        is_confidential=category.is_confidential or organisation.is_police,
        source=source,
        lat=location.lat,
        lon=location.lon,
        address_text=location.address_text.strip(),
        address_id=location.address_id.strip(),
        location_source=location.source if location.lat is not None else "text",
        area_id=area_hits[0].area_id if area_hits else None,
        district_id=district.area_id if district else None,
        submission_key=submission_key or None,
        extra=extra,
        is_demo=is_demo,
        created_at=now,
        updated_at=now,
        deadline=deadline_for(category, now),
        far_deadline=far_deadline_for(category, now),
    )
    StatusChange.objects.create(
        report=report,
        from_status="",
        to_status=ReportStatus.NEW,
        actor=actor,
        actor_label=actor.get_username() if actor is not None else "",
        created_at=now,
    )
    CategoryChange.objects.create(
        report=report, from_category=None, to_category=category, source=category_source, actor=actor, created_at=now
    )
    return report


def _store_reporter(report: Report, reporter: ReporterInput) -> None:
    Reporter.objects.create(
        report=report,
        email=reporter.email.strip(),
        phone=reporter.phone.strip(),
        first_name=reporter.first_name.strip(),
        last_name=reporter.last_name.strip(),
        wants_updates=reporter.wants_updates and bool(reporter.email),
        may_contact=reporter.may_contact,
        device_id=reporter.device_id[:200],
        account_id=reporter.account_id[:200],
    )


def _store_photo(report: Report, photo: CleanPhoto) -> str:
    name = default_storage.save(
        f"reports/{report.created_at:%Y/%m}/{report.public_id}-{photo.sha256[:12]}.{photo.extension}",
        ContentFile(photo.content),
    )
    Attachment.objects.create(
        report=report,
        file=name,
        content_type=photo.content_type,
        size=len(photo.content),
        width=photo.width,
        height=photo.height,
        sha256=photo.sha256,
        original_name=photo.original_name,
    )
    return name


def _delete_files(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            log.warning("orphan_photo_not_deleted", name=name)
