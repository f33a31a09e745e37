"""Language detection: Dutch and English reports, short texts default to Dutch. Texts written by us."""

from __future__ import annotations

import pytest

from openbuurt.triage.learning.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "De lamp in onze straat brandt al een week niet",
        "Er ligt afval naast de container bij de school",
        "Afval dumping",
        "Kapot",
        "Container vol",
        "Graag de bladeren in de goot weghalen, het water blijft staan",
        "",
        "1234",
    ],
)
def test_dutch_and_ambiguous_short_texts_are_dutch(text: str) -> None:
    assert detect_language(text) == "nl"


@pytest.mark.parametrize(
    "text",
    [
        "The street light in front of our house has been broken for a week",
        "There is a lot of litter next to the bins at the school",
        "Graffiti on the bridge needs to be removed",
        "Can you please empty the bins, they are overflowing",
        "Broken glass all over the playground",
        "Seagulls are making so much noise every night",
    ],
)
def test_english_texts_are_english(text: str) -> None:
    assert detect_language(text) == "en"
