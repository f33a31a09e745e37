"""``openbuurt install-demo-areas``: load gemeente Groningen's wijken, buurten and gazetteer (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from openbuurt.places.demo import install_demo_areas
from openbuurt.places.models import Area, GazetteerEntry


class Command(BaseCommand):
    help = "Load the demo municipality's areas (CBS wijken and buurten of Groningen) and gazetteer; safe to repeat."

    def handle(self, *args: Any, **options: Any) -> None:
        changed = install_demo_areas()
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Demo areas in place: %(areas)d areas, %(entries)d gazetteer entries "
                    "(%(changed)d created or changed)."
                )
                % {"areas": Area.objects.count(), "entries": GazetteerEntry.objects.count(), "changed": changed}
            )
        )
