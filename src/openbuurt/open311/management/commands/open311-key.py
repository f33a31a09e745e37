"""Create, list and revoke Open311 API keys from the command line."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openbuurt.accounts.models import Organisation
from openbuurt.open311 import selectors, services
from openbuurt.open311.keys import PREFIX_LENGTH


class Command(BaseCommand):
    help = (
        "Manage Open311 API keys. `create NAME [--organisation SLUG]` prints the new key once; `list` shows every "
        "key by its prefix; `revoke PREFIX` revokes the active key with that 8-character prefix."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{create,list,revoke}")
        create = actions.add_parser("create", help="Create a key and print it (shown only this once).")
        create.add_argument("name", help="Who uses the key, e.g. the app's name.")
        create.add_argument("--organisation", metavar="SLUG", help="Slug of the organisation the key is for.")
        actions.add_parser("list", help="List every key: prefix, name, organisation, dates.")
        revoke = actions.add_parser("revoke", help="Revoke the active key with this prefix.")
        revoke.add_argument("prefix", help=f"The first {PREFIX_LENGTH} characters of the key (as `list` shows).")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["name"], options.get("organisation"))
        elif action == "list":
            self._list()
        else:
            self._revoke(options["prefix"])

    def _create(self, name: str, slug: str | None) -> None:
        organisation = None
        if slug:
            organisation = Organisation.objects.filter(slug=slug).first()
            if organisation is None:
                known = ", ".join(Organisation.objects.order_by("slug").values_list("slug", flat=True)) or "none"
                raise CommandError(f"No organisation with slug {slug!r}; known slugs: {known}.")
        if not name.strip():
            raise CommandError("Give the key a name, e.g. the app's name.")
        api_key, plain = services.create_api_key(name=name, organisation=organisation)
        self.stderr.write(f"Created API key {api_key.key_prefix}… for {api_key.name}. It is shown only this once:")
        self.stdout.write(plain)

    def _list(self) -> None:
        keys = list(selectors.api_keys())
        if not keys:
            self.stdout.write("No API keys yet; create one with `openbuurt open311-key create NAME`.")
            return
        self.stdout.write(f"{'PREFIX':<10}{'STATE':<9}{'CREATED':<18}{'LAST USED':<18}{'ORGANISATION':<22}NAME")
        for key in keys:
            self.stdout.write(
                f"{key.key_prefix:<10}{'active' if key.is_active else 'revoked':<9}{_when(key.created_at):<18}"
                f"{_when(key.last_used_at):<18}{(key.organisation.slug if key.organisation else '-'):<22}{key.name}"
            )

    def _revoke(self, prefix: str) -> None:
        if len(prefix) < PREFIX_LENGTH:
            raise CommandError(f"Give the first {PREFIX_LENGTH} characters of the key, as `list` shows them.")
        matches = [key for key in selectors.api_keys_by_prefix(prefix) if key.is_active]
        if not matches:
            raise CommandError(f"No active API key with prefix {prefix[:PREFIX_LENGTH]!r}.")
        if len(matches) > 1:
            raise CommandError(
                f"{len(matches)} active keys share prefix {prefix[:PREFIX_LENGTH]!r}; revoke them in the admin."
            )
        services.revoke_api_key(api_key=matches[0], actor=None)
        self.stdout.write(f"Revoked API key {matches[0].key_prefix}… ({matches[0].name}).")


def _when(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment is not None else "-"
