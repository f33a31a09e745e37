"""Masking personal data in texts that the Open311 endpoint publishes (see ``openbuurt.core.pii``)."""

from __future__ import annotations

from openbuurt.core.pii import mask_pii


def mask_personal_data(text: str) -> str:
    """Return ``text`` with phone numbers, e-mail addresses, licence plates, BSNs, IBANs and names masked."""
    return mask_pii(text)
