"""Working-day arithmetic with Dutch public holidays (from the maintained ``holidays`` library)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone

import holidays


@lru_cache(maxsize=32)
def _dutch_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("NL", years=year).keys())


def is_working_day(day: date) -> bool:
    """Tell whether ``day`` is a Monday to Friday that is not a Dutch public holiday."""
    return day.weekday() < 5 and day not in _dutch_holidays(day.year)


def add_working_days(start: datetime, days: int) -> datetime:
    """Return the moment ``days`` working days after ``start``, at the same time of day.

    A start outside working days counts from the next working day, as a report made on Saturday is handled as if
    it came in on Monday. Days are counted on the Dutch calendar: an aware ``start`` is converted to local time first.
    """
    current = timezone.localtime(start) if timezone.is_aware(start) else start
    while not is_working_day(current.date()):
        current += timedelta(days=1)
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current.date()):
            remaining -= 1
    return current


def add_days(start: datetime, days: int, *, working_days: bool) -> datetime:
    """Return the deadline ``days`` after ``start`` in working days or calendar days (local time)."""
    local = timezone.localtime(start) if timezone.is_aware(start) else start
    return add_working_days(local, days) if working_days else local + timedelta(days=days)
