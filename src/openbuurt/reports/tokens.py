"""Tracking tokens: unguessable, shown once to the resident, stored only as a hash."""

from __future__ import annotations

import hashlib
import secrets


def new_tracking_token() -> str:
    """Return a fresh token of 32 URL-safe characters (192 bits of randomness)."""
    return secrets.token_urlsafe(24)


def hash_tracking_token(token: str) -> str:
    """Return the stored form of a tracking token (its SHA-256 in hex)."""
    return hashlib.sha256(token.encode()).hexdigest()
