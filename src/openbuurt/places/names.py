"""Normalising place names so that "Noorddijk e.o.", "noorddijk eo" and "Noorddijk, e.o." compare equal."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")


def normalize_name(text: str) -> str:
    """Return ``text`` in lower case without accents or punctuation, words separated by one space.

    Apostrophes and dots join rather than split ("Stainkoel'n" -> "stainkoeln", "e.o." -> "eo") because residents
    type such names both with and without them.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    joined = re.sub(r"[.'’`´]", "", without_accents.lower())
    return _NOT_ALPHANUMERIC.sub(" ", joined).strip()
