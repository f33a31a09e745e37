"""Write docs/config.md from the documented settings, or check that it is up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from openbuurt.core.config import render_markdown


class Command(BaseCommand):
    help = "Write the environment variable reference (docs/config.md); --check fails when it is out of date."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default="docs/config.md", help="Where to write the page.")
        parser.add_argument("--check", action="store_true", help="Only compare; exit 1 when the page differs.")

    def handle(self, *args: Any, **options: Any) -> None:
        assert settings.configured  # the settings module has run, so every env_* call is recorded
        text = render_markdown() + "\n"
        path = Path(options["output"])
        if options["check"]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(f"{path} is out of date: run `openbuurt config-docs` and commit it.")
            self.stdout.write(f"{path} is up to date.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path}.")
