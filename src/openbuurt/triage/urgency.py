"""Recognising emergencies (call 112) and urgent reports from their text, with a visible reason.

Transparent rules in Dutch and English, checked sentence by sentence. Each rule has words that point to danger
("gaslucht", "on fire", "bewusteloos", "gat in het fietspad") and words that take it back in the same sentence
("brandnetels" never matches, "de lamp brandt niet" is a broken street light, "gas geven" is driving, "een gewonde
meeuw" is for the animal ambulance, "vorig jaar was hier een brand" is history). They err on the side of warning:
telling someone who smells gas to call 112 costs little; missing it costs much.

Measured on ``data/urgency_examples.csv`` (written by us; see ``docs/triage.md``) by the tests and the quality
benchmark.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from openbuurt.triage.alternation import factored, split_top_level
from openbuurt.triage.constants import Priority

__all__ = ["UrgencyVerdict", "assess_urgency"]


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
    veto: re.Pattern[str] | None = None
    # Emergencies are about now: "there was a fight yesterday" is a report, not a 112 call.
    needs_present: bool = False


_WORD_START, _WORD_END = r"(?<!\w)(?:", r")(?!\w)"


def _rx(*alternatives: str) -> re.Pattern[str]:
    # Every pattern is written in lower case and matched against the lower-cased text: Python's regex engine is
    # about twice as fast without IGNORECASE, and every report submitted runs these rules before it is answered.
    return re.compile(_WORD_START + "|".join(alternatives) + _WORD_END)


_W = r"(?:[\w'-]+\s+)"  # one word and the space after it, for "up to n words in between"
_PAST = _rx(
    r"gisteren",
    r"eergisteren",
    r"vorige? (?:jaar|week|maand|weekend|zomer|winter)",
    r"vorig jaar",
    r"(?:een|twee|drie|paar) (?:dagen|weken|maanden|jaar) geleden",
    r"al uit",
    r"is uit",
    r"geblust",
    r"yesterday",
    r"last (?:year|week|month|weekend|summer|winter|night)",
    r"(?:days|weeks|months|years) ago",
    r"already out",
    r"was put out",
    r"there was a",
    r"er was (?:hier )?(?:een|gisteren)",
)
_ANIMAL = (
    r"(?:meeuw|vogel|eend|zwaan|kat|poes|hond|egel|vos|konijn|reiger|duif|dier|"
    r"bird|gull|duck|swan|cat|dog|hedgehog|fox|rabbit|pigeon|animal)\w*"
)
_LAMP = r"(?:lamp|lampen|lantaarn\w*|licht|lichten|verlichting|straatverlichting|light|lights|street ?light|lamp ?post)"

_RULES: tuple[_Rule, ...] = (
    _Rule(
        _rx(
            r"in brand",
            r"brand(?: uitgebroken)?",
            r"(?:duin|bos|woning|auto|container|schoorsteen|keuken|berm|"
            r"heide|natuur|winkel|huis|scooter|fiets|flat|schuur|schuurtjes?)brand",
            r"vlam(?:men)?",
            r"vat vlam",
            r"brandt (?:" + _W + r"){0,2}af",
            r"brandende",
            r"rookontwikkeling",
            r"rookwolk\w*",
            r"rook (?:" + _W + r"){0,2}uit",
            r"vuur slaat",
            r"in de fik",
            r"fikkie",
            r"lichterlaaie",
            r"vonken",
            r"uitslaande",
            r"ontploffing",
            r"explosie",
            r"explosion",
            r"sparks",
            r"ablaze",
            r"on fire",
            r"fire",
            r"flames?",
            r"blaze",
            r"burning",
            r"smoke (?:" + _W + r"){0,2}(?:coming|from|out|pouring)",
            r"catch(?:es|ing)? fire",
            r"caught fire",
        ),
        True,
        Priority.URGENT,
        _("fire"),
        veto=_rx(
            r"brand van (?:kleur|licht)\w*",
            r"brand[- ]new",
            r"(?:the|this|that|your|a|their) brand",
            r"brand name",
            r"fire ?(?:hydrant|brigade|station|alarm|extinguisher|exit|works|fighters?|department|truck|place|pit|"
            r"drill|exercise)",
            r"blaze of colou?r",
            r"brandend(?:e)? (?:zand|zon)",
            r"burning sun",
            r"(?:not|isn't|aren't|no longer) burning",
            _LAMP + r" (?:" + _W + r"){0,3}(?:brandt|burning|burns)",
        ),
        needs_present=True,
    ),
    _Rule(
        _rx(
            r"gaslucht",
            r"gas ?lucht",
            r"gaslek\w*",
            r"lucht naar gas",
            r"stinkt naar gas",
            r"ruik\w* (?:" + _W + r"){0,3}gas",
            r"lekt gas",
            r"gas lekt",
            r"smell\w* (?:" + _W + r"){0,3}gas",
            r"gas leak\w*",
            r"leaking gas",
            r"gas is leaking",
        ),
        True,
        Priority.URGENT,
        _("gas smell or gas leak"),
        veto=_rx(r"gas ?(?:station|cylinder|fles|flessen)"),
    ),
    _Rule(
        _rx(
            r"gewond\w*",
            r"bewusteloos",
            r"bloedt",
            r"bloedend\w*",
            r"ademt (?:" + _W + r"){0,2}niet",
            r"reanim\w*",
            r"bekneld",
            r"roerloos",
            r"in elkaar gezakt",
            r"onwel\w*",
            r"injured",
            r"unconscious",
            r"beweegt (?:" + _W + r"){0,2}niet meer",
            r"reageert (?:" + _W + r"){0,2}niet",
            r"over de kop",
            r"(?:zitten|zit|liggen|ligt) (?:" + _W + r"){0,2}(?:nog )?(?:in|onder) (?:de|het) (?:auto|wagen|water)",
            r"(?:is|zijn) (?:" + _W + r"){0,3}gesprongen",
            r"aangereden (?:" + _W + r"){0,3}(?:ligt|bloedt|beweegt)",
            r"cpr",
            r"not moving",
            r"not responding",
            r"unresponsive",
            r"overdose",
            r"stuck on the ice",
            r"(?:door|through) (?:the |het )?ijs gezakt",
            r"fell through the ice",
            r"heart attack",
            r"hartaanval",
            r"(?:lying|lies) (?:" + _W + r"){0,3}(?:street|road|ground|floor) after",
            r"bleeding",
            r"not breathing",
            r"collapsed",
            r"trapped",
            r"(?:cyclist|pedestrian|child|kid|man|woman|person|someone|boy|girl)s? (?:"
            + _W
            + r"){0,2}(?:got |was )?hit by",
            r"(?:voetganger|fietser|kind|man|vrouw|iemand|jongen|meisje) (?:" + _W + r"){0,2}(?:geschept|aangereden)",
            r"(?:geschept|aangereden) (?:" + _W + r"){0,1}(?:voetganger|fietser|kind|man|vrouw|iemand)",
        ),
        True,
        Priority.URGENT,
        _("someone is injured or unwell"),
        veto=re.compile(
            r"(?<!\w)(?:gewond\w*|injured|bleeding)\s+"
            + _ANIMAL
            + r"|"
            + _ANIMAL
            + r"\s+(?:"
            + _W
            + r"){0,3}(?:gewond|injured|bleeding|bloedt)",
        ),
        needs_present=True,
    ),
    _Rule(
        _rx(
            r"in (?:de|het) (?:gracht|water|sloot|kanaal|haven|rivier) gevallen",
            r"(?:het|de) (?:water|gracht|sloot|kanaal|haven) in gereden",
            r"te water geraakt",
            r"(?:ligt|drijft) (?:" + _W + r"){0,2}in het water",
            r"verdrink\w*",
            r"drowning",
            r"(?:fell|fallen|drove|driven|went) (?:" + _W + r"){0,2}into the (?:water|canal|river|harbour|ditch|sea)",
        ),
        True,
        Priority.URGENT,
        _("someone is in the water"),
    ),
    _Rule(
        _rx(
            r"steekpartij",
            r"vechtpartij",
            r"aan het vechten",
            r"mes getrokken",
            r"met een mes",
            r"pistool",
            r"vuurwapen",
            r"schoten",
            r"schiet\w*",
            r"overval\w*",
            r"wordt (?:nu )?ingebroken",
            r"inbreker\w*",
            r"(?:wordt|worden) (?:" + _W + r"){0,4}(?:geslagen|geschopt|bedreigd|aangevallen|beroofd|mishandeld|"
            r"neergestoken)",
            r"(?:iemand|hem|haar|een man|een vrouw|een jongen|een meisje) (?:" + _W + r"){0,2}geschopt",
            r"mishandel\w*",
            r"slaat (?:" + _W + r"){0,3}(?:iemand|een|hem|haar)",
            r"in elkaar (?:ge)?slaan",
            r"in elkaar geslagen",
            r"inbrekers? (?:" + _W + r"){0,3}(?:binnen|in het|in de|nu)",
            r"(?:nu|op dit moment) (?:" + _W + r"){0,4}(?:inbraak|ingebroken|overval)",
            r"burglars?",
            r"intruders?",
            r"threatening (?:people|someone|us|me)",
            r"bedreig\w* (?:" + _W + r"){0,3}(?:met een|mensen|iemand)",
            r"stabbing",
            r"stabbed",
            r"gunshots?",
            r"shooting",
            r"shots fired",
            r"gun",  # whole words only, as every rule (_rx)
            r"knife",
            r"armed",
            r"robbery",
            r"being (?:attacked|beaten|stabbed|robbed|threatened)",
            r"breaking in",
            r"break-in in progress",
            r"fight (?:is )?going on",
            r"fighting",
            r"fight(?:ing)? (?:right )?now",
        ),
        True,
        Priority.URGENT,
        _("violence or a crime happening now"),
        veto=re.compile(
            r"(?<!\w)(?:shooting stars?|schietbaan|firing range|knife (?:sharpen\w*|shop)|kapot geschopt)(?!\w)|"
            + _ANIMAL
            + r"\s+(?:"
            + _W
            + r"){0,2}(?:fighting|vechten|vechtend)|(?:vechtende|fighting)\s+"
            + _ANIMAL,
        ),
        needs_present=True,
    ),
    _Rule(
        _rx(
            r"dreigt (?:" + _W + r"){0,2}(?:om ?te vallen|te vallen|om te gaan|in te storten)",
            r"staat op (?:omvallen|instorten|vallen)",
            r"(?:lijkt|gaat) (?:" + _W + r"){0,1}te (?:gaan )?vallen",
            r"(?:kan|kunnen|kunt) (?:" + _W + r"){0,4}(?:naar beneden )?vallen",
            r"elk moment (?:" + _W + r"){0,2}vallen",
            r"about to (?:fall|collapse|come down)",
            r"wiebel\w*",
            r"swaying",
            r"wobbl\w*",
            r"(?:kan|kunnen) (?:" + _W + r"){0,3}omvallen",
            r"cracked at the base",
            r"kabels? (?:" + _W + r"){0,2}(?:hangen|hangt|liggen|ligt) (?:" + _W + r"){0,3}(?:grond|straat|stoep|laag)",
            r"(?:power |electric(?:ity)? )?cables? (?:" + _W + r"){0,2}hanging",
            r"power lines? down",
            r"(?:putdeksel|deksel|rooster) (?:" + _W + r"){0,2}(?:verdwenen|gestolen|weg|ontbreekt)",
            r"(?:drain |manhole |sewer )?cover (?:" + _W + r"){0,4}(?:missing|gone|stolen)",
            r"gapend gat",
            r"(?:stoplicht|verkeerslicht)\w* (?:" + _W + r"){0,4}(?:op groen|groen in|uit|kapot|storing|werkt niet)",
            r"traffic lights? (?:" + _W + r"){0,3}(?:stuck|green in all|all green)",
            r"(?:may|might|could|going to) (?:" + _W + r"){0,1}fall",
            r"los(?:se|hangende?)? (?:stroom)?(?:kabels?|draden)",
            r"stroomkabels?",
            r"bloot ?liggende? (?:draden|kabels?)",
            r"exposed (?:wires?|cables?)",
            r"hanging (?:cables?|wires?)",
            r"live wires?",
            r"put(?:deksel)? (?:is |ligt )?(?:open|weg|eruit)",
            r"open (?:put|riool)",
            r"open manhole",
            r"manhole cover (?:is )?(?:missing|gone)",
            r"verkeerslicht\w* (?:" + _W + r"){0,4}(?:doen het niet|werken niet|"
            r"uit|kapot|storing)",
            r"traffic lights? (?:" + _W + r"){0,4}(?:out|not working|broken|dead)",
            r"overweg",
            r"level crossing",
            r"bouwput",
            r"construction pit",
            r"\w*leuning (?:is )?(?:kapot|weg|los)",
            r"railing (?:" + _W + r"){0,3}(?:broken|missing|gone|loose)",
        ),
        False,
        Priority.URGENT,
        _("danger of falling objects, live wires or an open hole"),
    ),
    _Rule(
        _rx(
            r"(?:gat|gaten|kuil|kuilen) in (?:het |de )?(?:fietspad|weg|wegdek|rijbaan|straat)",
            r"(?:groot|grote|diep|diepe) (?:gat|kuil)",
            r"verzakking",
            r"sinkhole",
            r"(?:hole|holes|pothole|potholes) in the (?:road|street|cycle ?path|bike ?path|cycle lane|bike lane)",
            r"(?:big|large|deep|huge) (?:hole|pothole)",
            r"boom (?:is )?omgevallen",
            r"omgevallen boom",
            r"omgewaaide boom",
            r"trees? (?:has |have )?(?:fallen|come down|blown over)",
            r"fallen tree",
            r"tree down",
            r"blokkeert de (?:hele )?(?:weg|straat|rijbaan|fietspad)",
            r"blocking the (?:road|street|path)",
            r"(?:gat|gaten|kuil) (?:" + _W + r"){0,4}in (?:het |de )?(?:wegdek|fietspad|rijbaan)",
            r"(?:massive|enormous|dangerous) (?:hole|pothole)",
            r"potholes?",
            r"(?:tak|takken|boom|bomen|paal) (?:"
            + _W
            + r"){0,3}(?:ligt|liggen) (?:"
            + _W
            + r"){0,3}(?:op|over) de (?:weg|rijbaan|straat|fietspad)",
            r"(?:branch|branches|tree|trees|pole) (?:"
            + _W
            + r"){0,2}(?:lying|lies|fallen) (?:across|on|over) the (?:road|street|path|cycle path)",
            r"olievlek\w*",
            r"oil spill",
            r"dieselspoor",
            r"(?:olie|diesel)spoor",
            r"(?:oil|diesel) (?:" + _W + r"){0,2}on the (?:road|street)",
            r"glijden (?:" + _W + r"){0,1}uit",
            r"onderuit",
            r"slippery",
            r"spekglad",
            r"(?:no|geen) (?:salt|grit|zout)",
            r"loopt vol (?:met )?water",
            r"(?:kelder|tunnel|onderdoorgang) (?:" + _W + r"){0,2}(?:onder water|vol water)",
            r"glasscherven (?:" + _W + r"){0,4}(?:fietspad|speeltuin|weg|straat|schoolplein)",
            r"spijkers (?:" + _W + r"){0,4}(?:fietspad|weg|straat)",
            r"(?:shards|nails) (?:" + _W + r"){0,4}(?:cycle path|road|street|playground)",
            r"(?:cyclist|fietser)s? (?:" + _W + r"){0,2}(?:fell|gevallen|onderuit)",
            r"olie op de weg",
            r"diesel op de weg",
            r"staat blank",
            r"flooded",
            r"water (?:" + _W + r"){0,2}(?:entering|into the houses|loopt (?:de )?(?:huizen|woningen))",
            r"\w*waterleiding (?:" + _W + r"){0,1}(?:gesprongen|lek|kapot)",
            r"water main",
            r"gushing",
            r"(?:gebroken )?glas (?:" + _W + r"){0,4}(?:speeltuin|speelplaats|zandbak|schoolplein)",
            r"broken glass (?:" + _W + r"){0,4}(?:playground|sandpit|school ?yard)",
            r"omgereden",
            r"knocked over",
            r"ijzel",
            r"black ice",
            r"(?:nog )?niet gestrooid",
            r"not (?:been )?gritted",
            r"(?:bijna|al) (?:" + _W + r"){0,1}gevallen",
            r"tripped",
            r"struikel\w*",
            r"ontplo\w+",
        ),
        False,
        Priority.HIGH,
        _("a hazard for traffic or passers-by"),
    ),
)

_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_RANK = {Priority.NORMAL: 0, Priority.HIGH: 1, Priority.URGENT: 2}


def _any_rule(rules: tuple[_Rule, ...]) -> re.Pattern[str]:
    """Return one pattern that matches wherever the pattern of any rule matches.

    Most reports match no rule; one scan of the whole text with this pattern tells so in about half the time of
    scanning each sentence with each rule. A rule that matches within a sentence matches the whole text too: the
    rules bound their words with look-arounds only (no ``^`` or ``$``), and sentences are split at white space.
    """
    alternatives = []
    for rule in rules:
        source = rule.pattern.pattern
        assert source.startswith(_WORD_START) and source.endswith(_WORD_END), "rules are built with _rx"
        alternatives += split_top_level(source[len(_WORD_START) : -len(_WORD_END)])
    # Factored by leading letters: a word is compared with the few alternatives that begin as it does, not all.
    return re.compile(_WORD_START + factored(alternatives) + _WORD_END)


_ANY_RULE = _any_rule(_RULES)
_NORMAL = UrgencyVerdict(is_emergency=False, priority=Priority.NORMAL, reason="")


def _first_match(rule: _Rule, sentence: str, *, in_the_past: bool) -> re.Match[str] | None:
    if rule.needs_present and in_the_past:
        return None
    for match in rule.pattern.finditer(sentence):
        if rule.veto is None:
            return match
        # The veto must overlap the match or stand right next to it in the same sentence.
        for veto in rule.veto.finditer(sentence):
            if veto.start() <= match.end() + 40 and match.start() <= veto.end() + 40:
                break
        else:
            return match
    return None


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """Yield each sentence of ``text`` with its offset."""
    start = 0
    for gap in _SENTENCE.finditer(text):
        yield start, text[start : gap.start()]
        start = gap.end()
    yield start, text[start:]


def assess_urgency(text: str) -> UrgencyVerdict:
    """Return the urgency of a report text: the most severe matching rule, or a normal priority."""
    folded = text.lower()
    # The rules are written in lower case. str.lower() keeps every offset except for a few letters (such as "İ");
    # the reason then quotes the lower-cased words instead of the resident's own.
    shown = text if len(folded) == len(text) else folded
    if _ANY_RULE.search(folded) is None:
        return _NORMAL
    best: UrgencyVerdict | None = None
    for offset, sentence in _sentences(folded):
        if not sentence.strip():
            continue
        in_the_past = _PAST.search(sentence) is not None
        for rule in _RULES:
            match = _first_match(rule, sentence, in_the_past=in_the_past)
            if match is None:
                continue
            verdict = UrgencyVerdict(
                is_emergency=rule.is_emergency,
                priority=rule.priority,
                reason=str(rule.reason),
                matched=shown[offset + match.start() : offset + match.end()],
            )
            if best is None or (verdict.is_emergency, _RANK[verdict.priority]) > (
                best.is_emergency,
                _RANK[best.priority],
            ):
                best = verdict
    return best or _NORMAL
