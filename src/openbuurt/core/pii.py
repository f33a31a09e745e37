"""Masking personal data in free text before it is shown publicly, exported or used to train a model.

:func:`mask_pii` replaces phone numbers, e-mail addresses, Dutch licence plates, BSNs (citizen service numbers,
checked with the 11-test), IBANs (checked with their mod-97 checksum) and names after an honorific with fixed
tokens: ``[TEL]``, ``[EMAIL]``, ``[KENTEKEN]``, ``[BSN]``, ``[IBAN]`` and ``[NAAM]`` (the tokens Katwijk's own export
uses, so models trained on it see the same text). It errs towards leaving ordinary numbers alone: house numbers,
postcodes, dates, times, amounts and case numbers stay readable, because a report without its address is useless.
"""

from __future__ import annotations

import re

__all__ = ["PII_TOKENS", "is_valid_bsn", "is_valid_iban", "mask_pii"]

PII_TOKENS = ("[TEL]", "[EMAIL]", "[KENTEKEN]", "[BSN]", "[IBAN]", "[NAAM]")

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}\b")

# IBAN: two letters, two check digits, then 11-30 letters/digits, optionally in groups of four.
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b", re.IGNORECASE)

# Phone numbers. International: + or 00, a country code, 7-13 more digits with spaces, dashes or one (0).
_PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)[1-9]\d{0,2}[ \-]?(?:\(0\)[ \-]?)?\(?\d{1,4}\)?(?:[ \-]?\d{2,4}){1,4}(?![\w-])"
)
# National (Dutch): a 0, an area or mobile code, the rest in groups; validated to exactly ten digits below.
_PHONE_NL = re.compile(
    r"(?<![\w+\-/.:,])(?:\(0\d{1,3}\)|0\d{1,3})(?:[ ]?-[ ]?|[ ])?\d{2,8}(?:[ \-]\d{2,4}){0,3}(?![\w\-/:]|[.,]\d)"
)

# Dutch licence plates: the sidecodes 1-14, written with dashes (any case) or as one upper-case block.
_L, _D = "[A-Z]", r"\d"
_SIDECODES: tuple[tuple[str, str, str], ...] = (
    (_L + "{2}", _D + "{2}", _D + "{2}"),  # 1  XX-99-99
    (_D + "{2}", _D + "{2}", _L + "{2}"),  # 2  99-99-XX
    (_D + "{2}", _L + "{2}", _D + "{2}"),  # 3  99-XX-99
    (_L + "{2}", _D + "{2}", _L + "{2}"),  # 4  XX-99-XX
    (_L + "{2}", _L + "{2}", _D + "{2}"),  # 5  XX-XX-99
    (_D + "{2}", _L + "{2}", _L + "{2}"),  # 6  99-XX-XX
    (_D + "{2}", _L + "{3}", _D),  # 7  99-XXX-9
    (_D, _L + "{3}", _D + "{2}"),  # 8  9-XXX-99
    (_L + "{2}", _D + "{3}", _L),  # 9  XX-999-X
    (_L, _D + "{3}", _L + "{2}"),  # 10 X-999-XX
    (_L + "{3}", _D + "{2}", _L),  # 11 XXX-99-X
    (_L, _D + "{2}", _L + "{3}"),  # 12 X-99-XXX
    (_D, _L + "{2}", _D + "{3}"),  # 13 9-XX-999
    (_D + "{3}", _L + "{2}", _D),  # 14 999-XX-9
)


def _plates(separator: str, *, skip: tuple[int, ...] = ()) -> str:
    codes = [parts for number, parts in enumerate(_SIDECODES, start=1) if number not in skip]
    return "(?:" + "|".join(separator.join(parts) for parts in codes) + ")"


_PLATE_DASHED = re.compile(r"(?<![\w-])" + _plates("-") + r"(?![\w-])", re.IGNORECASE)
# Sidecode 2 written as one block (2231AR) is a postcode far more often than a 1960s plate.
_PLATE_BLOCK = re.compile(r"(?<![\w-])" + _plates("", skip=(2,)) + r"(?![\w-])")
# Without dashes, lower-case plates are accepted only right after the word "kenteken" / "licence plate".
_PLATE_AFTER_WORD = re.compile(
    r"(?P<word>\b(?:kenteken(?:nummer|plaat)?|licen[cs]e plate|number plate|plate)\s*:?\s*)"
    r"(?P<plate>" + _plates("-?") + r")(?![\w-])",
    re.IGNORECASE,
)

# BSN: nine digits, optionally written 1234.56.789 or 123 456 789; validated with the 11-test below.
_BSN = re.compile(r"(?<![\w.,\-/])(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3})(?![\w\-/]|[.,]\d)")

# Names after an honorific: optional initials, optional Dutch particles, then capitalised name parts.
_HONORIFIC = (
    r"meneer|mevrouw|mevr\.?|mw\.?|mvr\.?|dhr\.?|de heer|heer|juffrouw|mejuffrouw|mej\.?|fam\.?|familie|"
    r"mr\.?|mrs\.?|ms\.?|miss|dr\.?|ir\.?|ing\.?|drs\.?|prof\.?|mijn naam is|my name is"
)
_PARTICLE = r"(?i:van|de|der|den|het|ter|ten|te|in|op|'t|von|le|la|du|da|del|di|bin|al|el)"
_CAP_WORD = r"[A-ZÀ-Þ][a-zà-ÿ']+(?:-[A-ZÀ-Þa-zà-ÿ][a-zà-ÿ']+)*"
_NAME = re.compile(
    r"(?P<title>\b(?i:" + _HONORIFIC + r"))(?P<space>\s+)"
    r"(?P<name>(?:[A-Z]\.\s?){0,4}(?:" + _CAP_WORD + r"\s+)?(?:" + _PARTICLE + r"\s+){0,3}" + _CAP_WORD + r")"
)
# Capitalised words after an honorific that are not names ("meneer Agent", "Mr. Right" are rare; sentence words
# after a title at the start of a sentence are not): checked case-sensitively.
_NOT_A_NAME = frozenset(
    {
        "De",
        "Het",
        "Een",
        "Die",
        "Dat",
        "Deze",
        "Is",
        "En",
        "Of",
        "Heeft",
        "Had",
        "Was",
        "Wil",
        "Zegt",
        "Belde",
        "Meldt",
        "Hij",
        "Zij",
        "Ze",
        "Mw",
        "Mevr",
        "Mevrouw",
        "Meneer",
        "Dhr",
        "Heer",
        "The",
        "And",
        "Has",
        "Says",
        "Called",
        "He",
        "She",
        "President",
        "Burgemeester",
        "Mayor",
    }
)
# Streets named after a person ("Mr. E.N. Rahusenstraat", "Dr. Lelylaan") are addresses, not names.
_STREET_SUFFIX = re.compile(
    r"(?:straat|laan|weg|plein|kade|gracht|singel|park|hof|pad|dreef|steeg|dijk|baan|markt|plantsoen|erf|wal|"
    r"veld|boulevard|kwartier|school|ziekenhuis|huis)$",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(r"^\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?$")


def is_valid_bsn(digits: str) -> bool:
    """Return whether nine digits pass the 11-test of the Dutch citizen service number."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * weight for d, weight in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def is_valid_iban(candidate: str) -> bool:
    """Return whether an IBAN (spaces allowed) has a valid mod-97 checksum and a plausible length."""
    iban = candidate.replace(" ", "").upper()
    if not 15 <= len(iban) <= 34 or not iban[:2].isalpha() or not iban[2:4].isdigit():
        return False
    if iban.startswith("NL") and (len(iban) != 18 or not iban[4:8].isalpha() or not iban[8:].isdigit()):
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def _mask_iban(match: re.Match[str]) -> str:
    return "[IBAN]" if is_valid_iban(match.group(0)) else match.group(0)


def _mask_bsn(match: re.Match[str]) -> str:
    return "[BSN]" if is_valid_bsn(_digits(match.group(0))) else match.group(0)


def _mask_intl_phone(match: re.Match[str]) -> str:
    return "[TEL]" if 8 <= len(_digits(match.group(0))) <= 15 else match.group(0)


def _mask_nl_phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = _digits(text)
    # A Dutch subscriber number has ten digits (0 + nine); dates and times are recognised by their shape.
    if len(digits) != 10 or digits[1] == "0" or _DATE_LIKE.match(text.split(" ")[0]):
        return text
    return "[TEL]"


def _mask_plate_after_word(match: re.Match[str]) -> str:
    return match.group("word") + "[KENTEKEN]"


def _mask_name(match: re.Match[str]) -> str:
    words = match.group("name").split()
    if (len(words) == 1 and words[0] in _NOT_A_NAME) or _STREET_SUFFIX.search(words[-1]):
        return match.group(0)
    return match.group("title") + match.group("space") + "[NAAM]"


def mask_pii(text: str) -> str:
    """Return ``text`` with personal data replaced by ``[TEL]``, ``[EMAIL]``, ``[KENTEKEN]``, ``[BSN]``,
    ``[IBAN]`` and ``[NAAM]``; everything else is left exactly as it was."""
    if not text:
        return text
    text = _EMAIL.sub("[EMAIL]", text)
    text = _IBAN.sub(_mask_iban, text)
    text = _PLATE_AFTER_WORD.sub(_mask_plate_after_word, text)
    text = _PLATE_DASHED.sub("[KENTEKEN]", text)
    text = _PLATE_BLOCK.sub("[KENTEKEN]", text)
    text = _PHONE_INTL.sub(_mask_intl_phone, text)
    text = _PHONE_NL.sub(_mask_nl_phone, text)
    text = _BSN.sub(_mask_bsn, text)
    text = _NAME.sub(_mask_name, text)
    return text
