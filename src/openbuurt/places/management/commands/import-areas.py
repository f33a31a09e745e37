"""``openbuurt import-areas FILE.geojson``: import wijken, buurten or a municipality from GeoJSON."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from openbuurt.places.constants import AreaKind
from openbuurt.places.importing import load_geojson, parse_area_features
from openbuurt.places.services import AreaImportError, import_areas


class Command(BaseCommand):
    help = (
        "Import areas from a GeoJSON FeatureCollection in WGS84 (EPSG:4326), creating or updating them by code. "
        "The whole file is checked first: when any feature is bad nothing is imported and the command exits with 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="GeoJSON FeatureCollection with Polygon/MultiPolygon features.")
        parser.add_argument(
            "--kind",
            choices=AreaKind.values,
            help="Kind of every area; without it the kind follows from CBS codes (GM…, WK…, BU…).",
        )
        parser.add_argument("--code-property", default="statcode", help="Feature property with the code.")
        parser.add_argument("--name-property", default="statnaam", help="Feature property with the name.")
        parser.add_argument(
            "--parent-property",
            default="wijkcode",
            help="Feature property with the parent's code (default wijkcode); CBS codes imply it otherwise.",
        )
        parser.add_argument(
            "--source", default="", help='Origin and licence stored on each area, e.g. "CBS / PDOK, CC BY 4.0".'
        )
        parser.add_argument("--dry-run", action="store_true", help="Only check the file; import nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        kind = AreaKind(options["kind"]) if options["kind"] else None
        settings = {
            "kind": kind,
            "code_property": options["code_property"],
            "name_property": options["name_property"],
            "parent_property": options["parent_property"],
        }
        self.stdout.write(_("Checking %s …") % path)
        try:
            document = load_geojson(path)
            features = parse_area_features(document, **settings)
        except AreaImportError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        kinds = Counter(str(feature.kind) for feature in features)
        self.stdout.write(
            _("%(count)d areas are fine: %(kinds)s")
            % {"count": len(features), "kinds": ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))}
        )
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing imported."))
            return
        self.stdout.write(_("Importing …"))
        try:
            result = import_areas(geojson=document, source=options["source"] or path.name, **settings)
        except AreaImportError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged; "
                    "%(linked)d linked to a parent."
                )
                % {
                    "created": len(result.created),
                    "updated": len(result.updated),
                    "unchanged": len(result.unchanged),
                    "linked": result.linked_parents,
                }
            )
        )
        if result.missing_parents:
            self.stdout.write(
                self.style.WARNING(
                    _("Parent not (yet) imported for %(count)d areas, e.g. %(examples)s")
                    % {"count": len(result.missing_parents), "examples": ", ".join(result.missing_parents[:5])}
                )
            )
