"""Rules that make sure clear police matters are suggested, whatever the learned model says.

Municipal history holds no police reports, so the model knows police categories only from the examples we wrote.
These unambiguous phrases lift the police category to at least :data:`RULE_PROBABILITY`; the other suggestions
are scaled down so that the probabilities still add up to at most one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openbuurt.triage.alternation import factored, split_top_level

RULE_PROBABILITY = 0.6


@dataclass(frozen=True)
class PoliceRule:
    """A category slug and the phrases that point to it."""

    slug: str
    pattern: re.Pattern[str]


# A phrase stands on its own: no word character (letter, digit, underscore) right before or after it.
_BEFORE = r"(?<!\w)(?:"
_AFTER = r")(?!\w)"


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(_BEFORE + "|".join(alternatives) + _AFTER, re.IGNORECASE)


POLICE_RULES: tuple[PoliceRule, ...] = (
    PoliceRule(
        "woninginbraak",
        _rx(
            r"ingebroken",
            r"inbraak(?:poging)?",
            r"woninginbraak",
            r"opengebroken",
            r"poging tot inbraak",
            r"burglary",
            r"burgled",
            r"broken into",
            r"break-?in at",
        ),
    ),
    PoliceRule(
        "fietsdiefstal",
        _rx(
            r"(?:e-?bike|fiets|bakfiets|scooter|racefiets)\w* (?:is |werd |was )?gestolen",
            r"fietsdiefstal",
            r"fietsendief\w*",
            r"gestolen (?:e-?bike|fiets|scooter)",
            r"(?:bike|bicycle|e-bike|scooter) (?:was |got )?stolen",
            r"stolen (?:bike|bicycle|e-bike)",
            r"bike thie(?:f|ves)",
        ),
    ),
    PoliceRule(
        "drugsoverlast",
        _rx(
            r"drugs\w*",
            r"dealen",
            r"gedeald",
            r"dealer\w*",
            r"hennep\w*",
            r"wietlucht",
            r"lachgas\w*",
            r"drug dealing",
            r"dealing drugs",
            r"cannabis farm",
            r"laughing gas",
            r"nitrous oxide",
        ),
    ),
    PoliceRule(
        "geweld-of-bedreiging",
        _rx(
            r"mishandel\w*",
            r"bedreigd",
            r"bedreiging\w*",
            r"huiselijk geweld",
            r"in elkaar geslagen",
            r"assaulted",
            r"threatened",
            r"domestic violence",
            r"beaten up",
        ),
    ),
    PoliceRule(
        "verkeersongeval-met-letsel",
        _rx(
            r"doorgereden",
            r"doorrijder",
            r"aanrijding met letsel",
            r"ongeluk met (?:letsel|gewonden?)",
            r"hit and run",
            r"accident with injur\w*",
        ),
    ),
    PoliceRule(
        "gevaarlijk-rijgedrag",
        _rx(
            r"straatrace\w*",
            r"racen",
            r"racet",
            r"geracet",
            r"wegpiraat",
            r"onder invloed",
            r"dronken bestuurder",
            r"street racing",
            r"drunk driv\w*",
            r"drink driv\w*",
            r"reckless driv\w*",
            r"joyrid\w*",
        ),
    ),
    PoliceRule(
        "verdachte-situatie",
        _rx(
            r"verdachte? (?:situatie|persoon|personen|man|auto|busje)",
            r"niet pluis",
            r"suspicious (?:person|man|car|van|situation)",
        ),
    ),
)


# Every rule's phrases in one pattern: most reports match no rule, and for them one search is all. The phrases
# are written in lower case, so a plain ASCII text can be lower-cased and searched case-sensitively: the same
# answer without the Unicode case tables of an ignore-case search, which is about three times slower (more on a
# busy machine, where those tables have left the cache).
# Factored by leading letters (triage.alternation): a word is compared with the phrases that begin as it does.
_ANY_PHRASE = factored(
    [
        phrase
        for rule in POLICE_RULES
        for phrase in split_top_level(rule.pattern.pattern.removeprefix(_BEFORE).removesuffix(_AFTER))
    ]
)
_ANY_RULE = _rx(_ANY_PHRASE)
_ANY_RULE_LOWER_ASCII = re.compile(_BEFORE + _ANY_PHRASE + _AFTER)


def _any_rule_matches(text: str) -> bool:
    """Return whether at least one rule matches ``text`` (one search, whatever the number of rules)."""
    if text.isascii():
        return _ANY_RULE_LOWER_ASCII.search(text.lower()) is not None
    return _ANY_RULE.search(text) is not None


def matching_rules(text: str, known_slugs: frozenset[str] | None = None) -> list[tuple[str, str]]:
    """Return (slug, matched phrase) for every rule that matches ``text`` (and whose slug is known, if given)."""
    hits: list[tuple[str, str]] = []
    if not _any_rule_matches(text):
        return hits
    for rule in POLICE_RULES:
        if known_slugs is not None and rule.slug not in known_slugs:
            continue
        match = rule.pattern.search(text)
        if match is not None:
            hits.append((rule.slug, match.group(0)))
    return hits
