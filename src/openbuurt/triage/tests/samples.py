"""Small synthetic training data for fast tests, written by us: short reports built from per-category phrases.

The labels are slugs of the default taxonomy, so models trained on them can be used by the ``learned`` plugin.
"""

from __future__ import annotations

import csv
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openbuurt.triage.classifiers.base import ReportFeatures
from openbuurt.triage.learning.data import LabelledExample

PHRASES: dict[str, tuple[str, ...]] = {
    "straatverlichting": (
        "lamp brandt niet",
        "lantaarnpaal is kapot",
        "straatlicht uit",
        "street light out",
        "de verlichting doet het niet",
        "lamp knippert",
    ),
    "huisafval": (
        "container niet geleegd",
        "kliko vergeten",
        "grijze bak vol",
        "bin not emptied",
        "vuilniszakken naast de container",
        "gft bak niet opgehaald",
    ),
    "parkeren": (
        "auto op de stoep geparkeerd",
        "fout geparkeerd",
        "car parked on the pavement",
        "busje blokkeert de uitrit",
        "parkeren op het gras",
        "auto staat in de bocht",
    ),
    "openbaar-groen": (
        "boom moet gesnoeid",
        "gras te lang",
        "tree needs pruning",
        "heg groeit over het pad",
        "onkruid in de berm",
        "takken hangen laag",
    ),
    "zwerfafval": (
        "afval op straat",
        "blikjes in de bosjes",
        "litter in the park",
        "zwerfvuil bij de bank",
        "plastic langs de sloot",
        "rommel op het plein",
    ),
}
TEAMS = {"straatverlichting": "Verlichting", "huisafval": "Afval", "zwerfafval": "Afval"}
AREAS = ("noord", "zuid")


def synthetic_examples(per_label: int = 30, *, seed: int = 7) -> list[LabelledExample]:
    """Return ``per_label`` reports per category, with dates, a channel, a place and (per area) a team."""
    generator = random.Random(seed)
    start = datetime(2024, 6, 1, 9, 0, tzinfo=UTC)
    examples: list[LabelledExample] = []
    for label, phrases in PHRASES.items():
        for number in range(per_label):
            text = " ".join(generator.sample(phrases, 2)) + generator.choice(
                ("", ", graag oplossen", " !", " al dagen")
            )
            area = AREAS[number % 2]
            features = ReportFeatures(
                text=text,
                created_at=start + timedelta(hours=generator.randint(0, 24 * 200)),
                source=generator.choice(("website", "app", "telephone")),
                lat=53.2 + (0.01 if area == "noord" else -0.01) + generator.random() / 1000,
                lon=6.56 + generator.random() / 1000,
                area_code=area,
            )
            team = f"{TEAMS.get(label, 'Wijkbeheer')} {area}"
            examples.append(LabelledExample(features=features, label=label, team=team))
    generator.shuffle(examples)
    return examples


def write_csv(path: Path, examples: list[LabelledExample], *, header: bool = True) -> Path:
    """Write examples in the Katwijk column layout (id, created, category, team, source, region, lat, lon, text)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        if header:
            writer.writerow(["id", "created", "category", "team", "source", "region", "lat", "lon", "text"])
        for number, example in enumerate(examples, start=1):
            f = example.features
            writer.writerow(
                [
                    number,
                    f.created_at.isoformat() if f.created_at else "",
                    example.label,
                    example.team,
                    f.source,
                    f.area_code,
                    f.lat,
                    f.lon,
                    f.text,
                ]
            )
    return path
