"""Making and hashing Open311 API keys; the plain key is never stored."""

from __future__ import annotations

import hashlib
import secrets

PREFIX_LENGTH = 8
# A plain key longer than this is refused before hashing (ours are 43 characters).
MAX_KEY_LENGTH = 200


def new_api_key() -> str:
    """Return a fresh key of 43 URL-safe characters (256 bits of randomness) that starts with a letter or digit.

    A key (and so its prefix) starting with "-" would read as an option on the command line
    (``openbuurt open311-key revoke PREFIX``), so such draws are simply made again.
    """
    while True:
        key = secrets.token_urlsafe(32)
        if key[0].isalnum():
            return key


def hash_api_key(key: str) -> str:
    """Return the stored form of a key (its SHA-256 in hex)."""
    return hashlib.sha256(key.encode()).hexdigest()
