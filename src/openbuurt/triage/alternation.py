"""Factoring a long regex alternation by its leading letters, so that one scan tries few alternatives per position.

Python's regex engine tries the alternatives of ``a|b|c`` one after the other at every position where the pattern
may start. With two hundred alternatives (every rule of :mod:`openbuurt.triage.urgency`) that is two hundred tries
at every word of a report, although at most a handful can begin with the word's first letter. Written as a tree of
shared leading letters, ``b(?:rand|loed(?:t|end))|g(?:as|ewond)``, the engine compares one letter and goes on into
one branch only: the same strings match, in a fraction of the time.

:func:`factored` rewrites the alternatives in two equivalent ways:

- a leading group of alternatives followed by more pattern is spread over its alternatives:
  ``(?:zit|ligt) stil`` becomes ``zit stil|ligt stil`` (``(?:x|y)z`` matches exactly what ``xz|yz`` matches), and
  an optional one over its alternatives and nothing: ``(?:nog )?niet`` becomes ``nog niet|niet``;
- alternatives that begin with the same literal letter share it: ``brand|bloedt`` becomes ``b(?:rand|loedt)``.

Alternatives that begin any other way (a character class, an escape, an optional group) are kept as they are.
Only the leading part of each alternative is read, so the rewriting needs no full regex parser: it recognises
groups, character classes and escapes, and treats everything else as a literal letter only when no quantifier
follows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

_QUANTIFIERS = frozenset("?*+{")
_SPECIAL = frozenset("\\()[]{}.^$|?*+")
# Spreading a leading group copies the rest of the alternative once per member; deeper nesting is left alone.
_MAX_SPREAD_DEPTH = 4


def _structure(source: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """Yield ``(index, character, depth)`` for each character that is neither escaped nor in a character class.

    ``depth`` is the number of groups open just after that character.
    """
    depth = 0
    in_class = False
    index = start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        else:
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
            yield index, char, depth
        index += 1


def split_top_level(source: str) -> list[str]:
    """Split a regex at its top-level ``|``: not inside a group or a character class, not escaped."""
    parts: list[str] = []
    start = 0
    for index, char, depth in _structure(source):
        if char == "|" and depth == 0:
            parts.append(source[start:index])
            start = index + 1
    parts.append(source[start:])
    return parts


def _closing_paren(source: str, opening: int) -> int | None:
    """Return the index of the ``)`` that closes the group opened at ``opening``, or ``None``."""
    for index, char, depth in _structure(source, opening):
        if char == ")" and depth == 0:
            return index
    return None


def _spread(alternative: str, depth: int = 0) -> list[str]:
    """Spread a leading non-capturing group over its alternatives, as long as no quantifier follows the group."""
    if depth >= _MAX_SPREAD_DEPTH or not alternative.startswith("(?:"):
        return [alternative]
    closing = _closing_paren(alternative, 0)
    if closing is None:
        return [alternative]
    rest = alternative[closing + 1 :]
    members = split_top_level(alternative[3:closing])
    if rest[:1] == "?" and rest[1:2] not in ("?", "+"):
        # An optional group: "(?:x|y)?z" matches what "xz|yz|z" matches.
        rest = rest[1:]
        members.append("")
    elif rest[:1] in _QUANTIFIERS:  # "" (nothing follows) is no quantifier
        return [alternative]
    return [spread for member in members for spread in _spread(member + rest, depth + 1)]


def _literal_head(alternative: str) -> str | None:
    """Return the first letter when it is a literal matched exactly once, else ``None``."""
    if not alternative or alternative[0] in _SPECIAL:
        return None
    if alternative[1:2] in _QUANTIFIERS:
        return None
    return alternative[0]


def _tree(alternatives: Sequence[str]) -> str:
    by_head: dict[str, list[str]] = {}
    others: list[str] = []
    for alternative in dict.fromkeys(alternatives):  # the same alternative twice adds nothing
        head = _literal_head(alternative)
        if head is None:
            others.append(alternative)
        else:
            by_head.setdefault(head, []).append(alternative[1:])
    branches = []
    for head, rests in by_head.items():
        if len(rests) == 1:
            branches.append(head + rests[0])
        else:
            inner = _tree(rests)
            # One branch needs no group of its own: "elkaar ge(?:zakt|slagen)", not "e(?:l(?:k(?:...".
            branches.append(head + inner if len(split_top_level(inner)) == 1 else f"{head}(?:{inner})")
    return "|".join(branches + others)


def factored(alternatives: Sequence[str]) -> str:
    """Return one regex source that matches exactly what ``"|".join(alternatives)`` matches, factored by letters.

    Each alternative is a regex source of its own; the result is meant to be wrapped in a group, as in
    ``(?:<result>)``. Capturing groups must not be used in the alternatives (spreading would repeat them).
    """
    spread = [part for alternative in alternatives for part in _spread(alternative)]
    return _tree(spread)
