"""``openbuurt import-gazetteer FILE.csv``: add named places (buurten, aliases, landmarks) to the gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from openbuurt.places.constants import GazetteerKind
from openbuurt.places.services import GazetteerImportError, import_gazetteer_csv


class Command(BaseCommand):
    help = (
        "Import named places with a point from a CSV file, creating or updating them by key. The defaults read the "
        "CBS buurten gazetteer (buurtcode, buurtnaam, point_lat, point_lon); --aliases reads a list of names residents "
        "use (name, kind, lat, lon). When any row is bad nothing is imported and the command exits with 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file (UTF-8, comma-separated, with a header row).")
        parser.add_argument(
            "--aliases", action="store_true", help="The file has columns name, kind, lat, lon (and optional notes)."
        )
        parser.add_argument("--kind", choices=GazetteerKind.values, default=GazetteerKind.NEIGHBOURHOOD.value)
        parser.add_argument("--source", default="", help="Origin and licence stored on each entry.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        source = options["source"] or path.name
        self.stdout.write(_("Importing %s …") % path)
        try:
            if options["aliases"]:
                result = import_gazetteer_csv(
                    path=path,
                    source=source,
                    kind=None,
                    name_column="name",
                    lat_column="lat",
                    lon_column="lon",
                    key_column=None,
                    kind_column="kind",
                    key_prefix="alias:",
                )
            else:
                result = import_gazetteer_csv(path=path, source=source, kind=GazetteerKind(options["kind"]))
        except GazetteerImportError as exc:
            raise CommandError(str(exc), returncode=1) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("Done: %(created)d created, %(updated)d updated, %(unchanged)d unchanged.")
                % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
            )
        )
