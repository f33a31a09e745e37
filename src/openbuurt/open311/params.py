"""Reading the arguments of GET Service Requests: filters, the 90-day window and pagination.

Every optional argument that is empty behaves exactly as if it were absent (spec, "optional arguments").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from openbuurt.open311.wire import Open311Error

MAX_WINDOW = timedelta(days=90)
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 1000
MAX_PAGE = 100_000
MAX_IDS = 1000
STATUSES = frozenset({"open", "closed"})

# A "+" that the client did not URL-encode arrives as a space: "2026-03-01T10:00:00 01:00".
_UNENCODED_PLUS = re.compile(r"^(\d{4}-\d{2}-\d{2}T[\d:.]+) (\d{2}(?::?\d{2})?)$")


def optional(params: MultiValueDict[str, str], name: str) -> str | None:
    """Return the stripped value of ``name``, or ``None`` when it is absent or empty."""
    # Most names a client may send are absent from any one request. MultiValueDict.get finds that out by raising and
    # catching KeyError twice; the plain dict test is about twenty times cheaper, and a POST asks for ~18 names.
    if name not in params:
        return None
    value = params.get(name)
    if value is None:
        return None
    value = value.strip()
    return value or None


def comma_list(params: MultiValueDict[str, str], name: str) -> tuple[str, ...]:
    """Return the non-empty items of a comma-separated argument (empty when absent)."""
    raw = optional(params, name)
    if raw is None:
        return ()
    return tuple(dict.fromkeys(item.strip() for item in raw.split(",") if item.strip()))


def w3c_datetime(name: str, raw: str) -> datetime:
    """Parse a W3C (ISO 8601) date and time with a timezone, or raise a 400 that says what is wrong."""
    text = raw.strip()
    repaired = _UNENCODED_PLUS.match(text)
    if repaired:
        text = f"{repaired.group(1)}+{repaired.group(2)}"
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise Open311Error(
            400,
            _("%(name)s is not a W3C date and time: %(value)r; use e.g. 2026-03-01T00:00:00+01:00.")
            % {"name": name, "value": raw[:50]},
        ) from None
    if value.tzinfo is None or value.utcoffset() is None:
        raise Open311Error(
            400,
            _("%(name)s needs a timezone (Z or an offset such as +01:00): %(value)r.")
            % {"name": name, "value": raw[:50]},
        )
    return value


def _positive_int(params: QueryDict, name: str, *, default: int, maximum: int) -> int:
    raw = optional(params, name)
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise Open311Error(
            400, _("%(name)s must be a whole number from 1 to %(max)d.") % {"name": name, "max": maximum}
        )
    return int(raw)


@dataclass(frozen=True)
class RequestQuery:
    """The filters of one GET Service Requests. With ``ids`` set, every other filter is ignored."""

    ids: tuple[str, ...]
    service_codes: tuple[str, ...]
    start: datetime
    end: datetime
    statuses: frozenset[str]
    page: int
    page_size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _pagination(params: QueryDict, errors: list[str]) -> tuple[int, int]:
    try:
        page = _positive_int(params, "page", default=1, maximum=MAX_PAGE)
    except Open311Error as exc:
        errors.extend(exc.descriptions)
        page = 1
    try:
        page_size = _positive_int(params, "page_size", default=DEFAULT_PAGE_SIZE, maximum=MAX_PAGE_SIZE)
    except Open311Error as exc:
        errors.extend(exc.descriptions)
        page_size = DEFAULT_PAGE_SIZE
    return page, page_size


def _window(params: QueryDict, now: datetime, errors: list[str]) -> tuple[datetime, datetime]:
    parsed: dict[str, datetime] = {}
    for name in ("start_date", "end_date"):
        raw = optional(params, name)
        if raw is not None:
            try:
                parsed[name] = w3c_datetime(name, raw)
            except Open311Error as exc:
                errors.extend(exc.descriptions)
    start, end = parsed.get("start_date"), parsed.get("end_date")
    if start is None and end is None:
        end = now
    if start is None:
        assert end is not None
        start = end - MAX_WINDOW
    if end is None:
        end = start + MAX_WINDOW
    if end < start:
        errors.append(_("end_date lies before start_date."))
    elif end - start > MAX_WINDOW:
        days = f"{(end - start) / timedelta(days=1):.1f}".removesuffix(".0")
        errors.append(
            _("The window from start_date to end_date is %(days)s days; at most 90 days are allowed per request.")
            % {"days": days}
        )
    return start, end


def request_query(params: QueryDict, *, now: datetime) -> RequestQuery:
    """Read the filters of GET Service Requests, or raise a 400 that names every bad argument.

    ``service_request_id`` overrides every other filter (they are then not read at all); pagination still
    applies. The window is ``start_date`` to ``end_date``, both inclusive, at most 90 days. With only one of them
    the other is 90 days away; with neither it is the last 90 days. A wider window is refused, never silently cut.
    """
    errors: list[str] = []
    page, page_size = _pagination(params, errors)
    ids = comma_list(params, "service_request_id")
    if ids:
        if len(ids) > MAX_IDS:
            errors.append(_("Ask for at most %(max)d service_request_id values at once.") % {"max": MAX_IDS})
        if errors:
            raise Open311Error(400, *errors)
        return RequestQuery(
            ids=ids, service_codes=(), start=now, end=now, statuses=frozenset(), page=page, page_size=page_size
        )
    statuses = frozenset(comma_list(params, "status"))
    if statuses - STATUSES:
        errors.append(
            _("status must be open, closed or both (comma-separated), not %(value)s.")
            % {"value": ", ".join(sorted(value[:20] for value in statuses - STATUSES))}
        )
    start, end = _window(params, now, errors)
    if errors:
        raise Open311Error(400, *errors)
    return RequestQuery(
        ids=(),
        service_codes=comma_list(params, "service_code"),
        start=start,
        end=end,
        statuses=statuses,
        page=page,
        page_size=page_size,
    )
