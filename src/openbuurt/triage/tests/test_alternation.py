"""The factored alternation matches exactly where the plain one matches: on small cases and on every rule set."""

from __future__ import annotations

import csv
import io
import itertools
import re
from pathlib import Path

import pytest

from openbuurt.triage import urgency
from openbuurt.triage.alternation import factored, split_top_level
from openbuurt.triage.classifiers import police_rules

DATA = Path(__file__).resolve().parent.parent / "data"
_BOUNDED = r"(?<!\w)(?:{})(?!\w)"


def _starts(pattern: re.Pattern[str], text: str) -> list[int]:
    """Every position where the pattern matches (with any length): two equivalent patterns give the same list."""
    return [start for start in range(len(text) + 1) if pattern.match(text, start) is not None]


def _texts(*names: str) -> list[str]:
    texts = [
        row["text"] for name in names for row in csv.DictReader(io.StringIO((DATA / name).read_text(encoding="utf-8")))
    ]
    assert texts, "the example files hold texts"
    return texts


def test_split_top_level_ignores_bars_in_groups_classes_and_escapes() -> None:
    assert split_top_level(r"a|(?:b|c)d|[|x]|e\|f|") == ["a", "(?:b|c)d", "[|x]", r"e\|f", ""]


@pytest.mark.parametrize(
    ("alternatives", "expected"),
    [
        (["brand", "bloedt", "gas"], "b(?:rand|loedt)|gas"),
        (["(?:zit|ligt) stil"], "zit stil|ligt stil"),
        (["(?:nog )?niet", "gat"], "n(?:og niet|iet)|gat"),
        # Kept as they are: a quantified group, a character class or an escape in front, a letter with a quantifier.
        (["(?:ab)+c", r"\w*leuning", "[ab]c", "s?top"], r"(?:ab)+c|\w*leuning|[ab]c|s?top"),
        (["gas", "gas"], "gas"),
    ],
)
def test_factored_shares_leading_letters_and_spreads_leading_groups(alternatives: list[str], expected: str) -> None:
    assert factored(alternatives) == expected


def test_factored_matches_where_the_plain_alternation_matches_on_every_short_string() -> None:
    alternatives = ["ab", "abc", "a(?:b|c)d", "(?:x|ab)?c", "b[a-c]+", r"\w*ca", "a", "(?:ca)*b", "c?a", "bc|ba"]
    plain = re.compile(_BOUNDED.format("|".join(alternatives)))
    fast = re.compile(_BOUNDED.format(factored(alternatives)))
    for length in range(1, 6):
        for letters in itertools.product("abcdx ", repeat=length):
            text = "".join(letters)
            assert _starts(fast, text) == _starts(plain, text), text


def _plain_and_factored(sources: list[str], flags: int = 0) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = [part for source in sources for part in split_top_level(source)]
    return (
        re.compile(_BOUNDED.format("|".join(alternatives)), flags),
        re.compile(_BOUNDED.format(factored(alternatives)), flags),
    )


def test_the_urgency_scan_matches_where_its_rules_match() -> None:
    rules = [rule.pattern.pattern[len(urgency._WORD_START) : -len(urgency._WORD_END)] for rule in urgency._RULES]
    plain, fast = _plain_and_factored(rules)
    assert fast.pattern == urgency._ANY_RULE.pattern
    texts = _texts("urgency_examples.csv", "urgency_holdout.csv", "urgency_blind.csv")
    matched = 0
    for text in texts:
        folded = text.lower()
        assert _starts(fast, folded) == _starts(plain, folded), text
        matched += plain.search(folded) is not None
    assert matched >= 100  # the comparison covered many texts that match, not only ones that do not


def test_the_police_scan_matches_where_its_rules_match() -> None:
    phrases = [
        rule.pattern.pattern.removeprefix(police_rules._BEFORE).removesuffix(police_rules._AFTER)
        for rule in police_rules.POLICE_RULES
    ]
    plain, fast = _plain_and_factored(phrases, re.IGNORECASE)
    assert fast.pattern == police_rules._ANY_RULE.pattern
    matched = 0
    for text in _texts("police_examples.csv", "urgency_examples.csv"):
        assert _starts(fast, text) == _starts(plain, text), text
        matched += plain.search(text) is not None
    assert matched >= 20
