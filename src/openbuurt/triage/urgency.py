"""Recognising emergencies (call 112) and urgent reports from their text, with a visible reason.

Simple, transparent rules in Dutch and English. They err on the side of warning: telling someone who smells gas to
call 112 costs little; missing it costs much.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.functional import Promise

from openbuurt.triage.constants import Priority


@dataclass(frozen=True)
class UrgencyVerdict:
    """Whether a text describes an emergency (call 112), the priority it deserves, and why."""

    is_emergency: bool
    priority: Priority
    reason: str
    matched: str = ""


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    is_emergency: bool
    priority: Priority
    reason: Promise


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)


_RULES: tuple[_Rule, ...] = (
    _Rule(
        _rx(r"brand\b", r"brandt\b", r"in brand", r"vlammen", r"rookontwikkeling", r"fire\b", r"on fire", r"flames",
            r"smoke coming"),
        True, Priority.URGENT, _("fire"),
    ),
    _Rule(
        _rx(r"gaslucht", r"ruik(?:t|en)? (?:\w+ )?gas", r"gaslek", r"smell(?:s|ing)? (?:of )?gas", r"gas leak"),
        True, Priority.URGENT, _("gas smell or gas leak"),
    ),
    _Rule(
        _rx(r"gewond", r"bewusteloos", r"bloedt", r"ligt op (?:de )?grond", r"reanim", r"injured", r"unconscious",
            r"bleeding", r"not breathing", r"ademt niet"),
        True, Priority.URGENT, _("someone is injured"),
    ),
    _Rule(
        _rx(r"steekpartij", r"vechtpartij", r"wordt (?:nu )?(?:geslagen|bedreigd|aangevallen)", r"mes getrokken",
            r"schiet(?:en|partij)", r"pistool", r"overval", r"being (?:attacked|beaten|stabbed)", r"stabbing",
            r"shooting", r"gun\b", r"fight(?:ing)? (?:right )?now", r"inbreker(?:s)? (?:is|zijn) (?:nu|binnen)",
            r"break-in in progress", r"someone is breaking in"),
        True, Priority.URGENT, _("violence or a crime happening now"),
    ),
    _Rule(
        _rx(r"lantaarnpaal (?:hangt|staat) (?:scheef|op omvallen)", r"paal (?:dreigt|staat op) (?:om )?te vallen",
            r"loshangende? (?:kabel|draad|draden)", r"stroomkabel", r"lamp post (?:is )?(?:leaning|about to fall)",
            r"hanging (?:cable|wire)s?", r"exposed wires?"),
        False, Priority.URGENT, _("danger of falling objects or live wires"),
    ),
    _Rule(
        _rx(r"(?:gat|kuil) in (?:het |de )?fietspad", r"verzakking", r"sinkhole", r"hole in the (?:cycle|bike) ?(?:path|lane)",
            r"boom (?:is )?omgevallen", r"omgevallen boom", r"fallen tree", r"tree (?:has )?fallen",
            r"put(?:deksel)? (?:is )?(?:open|weg)", r"open manhole"),
        False, Priority.HIGH, _("a hazard for traffic"),
    ),
)


def assess_urgency(text: str) -> UrgencyVerdict:
    """Return the urgency of a report text: the most severe matching rule, or a normal priority."""
    best: UrgencyVerdict | None = None
    rank = {Priority.NORMAL: 0, Priority.HIGH: 1, Priority.URGENT: 2}
    for rule in _RULES:
        match = rule.pattern.search(text)
        if match is None:
            continue
        verdict = UrgencyVerdict(
            is_emergency=rule.is_emergency, priority=rule.priority, reason=str(rule.reason), matched=match.group(0)
        )
        if best is None or (verdict.is_emergency, rank[verdict.priority]) > (best.is_emergency, rank[best.priority]):
            best = verdict
    return best or UrgencyVerdict(is_emergency=False, priority=Priority.NORMAL, reason="")
