"""Dutch is the default language: every message of the project has a Dutch translation, none left fuzzy."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import openbuurt

CATALOGUE = Path(openbuurt.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def _entries(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text) if "msgid" in block]


def _msgstr_is_empty(block: str) -> bool:
    # msgstr "" followed by no continuation line, or every plural form empty.
    forms = re.findall(r'^msgstr(?:\[\d+\])? ""\n?((?:".*"\n?)*)', block, flags=re.MULTILINE)
    return bool(forms) and all(not continuation.strip() for continuation in forms)


def test_every_message_has_a_dutch_translation_and_none_is_fuzzy() -> None:
    blocks = _entries(CATALOGUE.read_text(encoding="utf-8"))[1:]  # the first block is the header
    untranslated = [block.split("\n")[-2] for block in blocks if _msgstr_is_empty(block + "\n")]
    fuzzy = [block for block in blocks if re.search(r"^#, .*fuzzy", block, flags=re.MULTILINE)]
    assert len(blocks) > 500
    assert untranslated == [], f"run `make messages` and translate: {untranslated[:5]}"
    assert fuzzy == [], f"fuzzy translations to check: {len(fuzzy)}"


def _joined(lines: str) -> str:
    return "".join(ast.literal_eval(line) for line in lines.split("\n") if line.strip())


def test_the_compiled_catalogue_holds_every_translation_of_its_source() -> None:
    with CATALOGUE.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = []
    for block in _entries(CATALOGUE.read_text(encoding="utf-8"))[1:]:
        if "msgid_plural" in block or "msgctxt" in block:
            continue
        match = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block + "\n", flags=re.MULTILINE)
        assert match is not None, block
        msgid, msgstr = _joined(match.group(1)), _joined(match.group(2))
        if catalogue.gettext(msgid) != msgstr:
            stale.append(msgid)
    assert stale == [], f"run `make messages` to compile: {stale[:5]}"
