"""Labelled examples for training and evaluation, read from CSV files or supplied by another app.

The triage app may not import reports (reports imports triage), so training data comes in through this small
interface: any iterable of :class:`LabelledExample`. ``openbuurt triage train --csv`` reads one from a file; the
reports app can export the municipality's own reports (labels = the category staff set or confirmed) as one.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from openbuurt.triage.classifiers.base import ReportFeatures

# The optional columns used as features when a CSV has them (and the caller does not leave them out).
FEATURE_COLUMNS = ("created", "source", "lat", "lon", "region")
LOCAL_TIME_ZONE = ZoneInfo("Europe/Amsterdam")


class DataError(ValueError):
    """Raised when training or evaluation data cannot be used; the message says which file, line and column."""


@dataclass(frozen=True)
class LabelledExample:
    """One report's features with the label to learn (a category slug or name) and, when known, its team."""

    features: ReportFeatures
    label: str
    team: str = ""


class ExampleSource(Protocol):
    """Anything that yields labelled examples, e.g. an exporter of the site's own reports."""

    def __iter__(self) -> Iterator[LabelledExample]: ...


@dataclass(frozen=True)
class CsvLayout:
    """How to read a CSV: which columns hold the text and the label, and whether it has a header row."""

    text_column: str = "text"
    label_column: str = "category"
    team_column: str = ""
    no_header: bool = False
    columns: tuple[str, ...] = ()
    feature_columns: tuple[str, ...] = FEATURE_COLUMNS


def _parse_created(value: str, where: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise DataError(f"{where}: 'created' is not an ISO date-time: {value[:40]!r}") from None
    # Naive times in exports are local (municipal) time; keep every time zone-aware.
    return moment.replace(tzinfo=LOCAL_TIME_ZONE) if moment.tzinfo is None else moment


def _parse_coordinate(value: str, column: str, where: str, limit: float) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise DataError(f"{where}: {column!r} is not a number: {value[:40]!r}") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise DataError(f"{where}: {column!r} is out of range: {value[:40]!r}")
    return number


def read_csv(path: Path, layout: CsvLayout | None = None) -> list[LabelledExample]:
    """Read labelled examples from a UTF-8 CSV file.

    Rows without text or label are skipped (training data is never complete); a missing column, an unreadable
    file or a malformed date or coordinate raises :class:`DataError` naming the line.
    """
    layout = layout or CsvLayout()
    if not path.is_file():
        raise DataError(f"{path}: no such file")
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(_read_rows(csv.reader(handle), layout, str(path)))
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})") from None
    except csv.Error as error:
        raise DataError(f"{path}: not a readable CSV file ({error})") from None


def _read_rows(reader: Iterable[list[str]], layout: CsvLayout, name: str) -> Iterator[LabelledExample]:
    rows = iter(reader)
    if layout.no_header:
        if not layout.columns:
            raise DataError(f"{name}: --no-header needs --columns to name the columns")
        header = list(layout.columns)
    else:
        try:
            header = [column.strip() for column in next(rows)]
        except StopIteration:
            raise DataError(f"{name}: the file is empty") from None
    index = {column: position for position, column in enumerate(header)}
    # The team column is optional: a file without it trains the category model only.
    for required in (layout.text_column, layout.label_column):
        if required not in index:
            raise DataError(f"{name}: no column {required!r} (columns: {', '.join(header)})")
    wanted = {column for column in layout.feature_columns if column in index}
    first_line = 1 if layout.no_header else 2
    for line, row in enumerate(rows, start=first_line):
        where = f"{name}, line {line}"

        def cell(column: str, row: list[str] = row) -> str:
            position = index.get(column)
            return row[position] if position is not None and position < len(row) else ""

        text, label = cell(layout.text_column).strip(), cell(layout.label_column).strip()
        if not text or not label:
            continue
        features = ReportFeatures(
            text=text,
            created_at=_parse_created(cell("created"), where) if "created" in wanted else None,
            source=cell("source").strip() if "source" in wanted else "",
            lat=_parse_coordinate(cell("lat"), "lat", where, 90.0) if "lat" in wanted else None,
            lon=_parse_coordinate(cell("lon"), "lon", where, 180.0) if "lon" in wanted else None,
            area_code=cell("region").strip() if "region" in wanted else "",
        )
        if (features.lat is None) != (features.lon is None):
            features = ReportFeatures(
                text=features.text, created_at=features.created_at, source=features.source, area_code=features.area_code
            )
        yield LabelledExample(features=features, label=label, team=cell(layout.team_column).strip())


def split_by_date(
    examples: Sequence[LabelledExample], split: date
) -> tuple[list[LabelledExample], list[LabelledExample]]:
    """Return (examples created before ``split``, examples created on or after it); every example needs a date."""
    before: list[LabelledExample] = []
    after: list[LabelledExample] = []
    for example in examples:
        created = example.features.created_at
        if created is None:
            raise DataError("a time split needs a 'created' date on every row")
        (before if created.astimezone(LOCAL_TIME_ZONE).date() < split else after).append(example)
    if not before or not after:
        raise DataError(f"the split date {split.isoformat()} leaves no examples on one side")
    return before, after


def data_hash(examples: Iterable[LabelledExample]) -> str:
    """Return a SHA-256 fingerprint of the examples (texts, labels, features), to tell training sets apart."""
    digest = hashlib.sha256()
    for example in examples:
        f = example.features
        created = f.created_at.isoformat() if f.created_at else ""
        fields = (f.text, example.label, example.team, created, f.source, str(f.lat), str(f.lon), f.area_code)
        digest.update("\x1f".join(fields).encode("utf-8"))
        digest.update(b"\x1e")
    return digest.hexdigest()
