"""Masking personal data in texts that the Open311 endpoint publishes.

A stopgap until ``openbuurt.core.pii`` brings the full masker (names, addresses, licence plates, …): it removes
e-mail addresses and phone numbers, the personal data residents most often type into a description.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_EMAIL = re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# Nine or more digits, optionally after + or 00, with spaces, dashes, dots or brackets between them: Dutch mobile
# (06-12345678) and landline (050 123 4567) numbers and international ones, but not dates, postcodes or house numbers.
_PHONE = re.compile(r"(?<![\w+(])(?:\+|00)?\(?\d(?:[ \-.()]{0,2}\d){8,14}(?!\w)")


def mask_personal_data(text: str) -> str:
    """Return ``text`` with e-mail addresses and phone numbers replaced by a placeholder."""
    masked = _EMAIL.sub(_("[e-mail address]"), text)
    return _PHONE.sub(_("[phone number]"), masked)
