"""Loading the demo municipality: organisations and people, areas, categories, an Open311 key and demo reports.

``load_demo`` is idempotent: every step checks what is there and adds only what is missing, so ``make run`` can
call it on every start. The demo reports are generated once, when no demo report exists yet.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openbuurt.accounts import demo as accounts_demo
from openbuurt.accounts.models import Organisation
from openbuurt.demo import reports as demo_reports
from openbuurt.open311 import selectors as open311_selectors
from openbuurt.open311 import services as open311_services
from openbuurt.open311.models import ApiKey
from openbuurt.places import demo as places_demo
from openbuurt.reports.models import Report
from openbuurt.triage.constants import FALLBACK_CATEGORY_SLUG
from openbuurt.triage.models import Category
from openbuurt.triage.services import install_default_taxonomy

NOT_REAL_NOTICE = gettext_lazy(
    "The demo organisations, people and reports are written by us for this demo: they are not real. "
    "Areas: CBS / PDOK, CC BY 4.0."
)
DEMO_KEY_NAME = "demo"
DEMO_KEY_FILE_NAME = "demo_open311_key"


@dataclass(frozen=True)
class DemoLogin:
    """A demo account as printed at start and in the README."""

    username: str
    password: str
    role: str
    organisation: str


@dataclass(frozen=True)
class DemoSummary:
    """What ``load_demo`` did and what a newcomer needs to try the demo."""

    base_url: str
    logins: list[DemoLogin]
    api_key: str
    api_key_created: bool
    areas_changed: int
    categories_created: int
    reports_created: int
    demo_reports: int


def demo_key_file() -> Path:
    """Return where the plain demo Open311 key is kept (demo only: real keys are never stored in plain)."""
    return Path(settings.DATA_DIR) / DEMO_KEY_FILE_NAME


def _write_secret(path: Path, value: str) -> None:
    """Write ``value`` to ``path`` readable by the owner only, replacing the file in one step."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(value + "\n")
    temporary.replace(path)


def ensure_demo_api_key(*, organisation: Organisation | None) -> tuple[str, bool]:
    """Return the plain demo Open311 key and whether it was created now.

    The key stored in :func:`demo_key_file` is reused while it is an active key named "demo". Otherwise (first
    start, file lost, database reset) a new one is made; a demo key whose plain value was lost is revoked first,
    so exactly one demo key works.
    """
    path = demo_key_file()
    stored = path.read_text(encoding="utf-8").strip() if path.exists() else ""
    if stored:
        current = open311_selectors.active_api_key(stored)
        if current is not None and current.name == DEMO_KEY_NAME:
            return stored, False
    with transaction.atomic():
        for lost in ApiKey.objects.filter(name=DEMO_KEY_NAME, revoked_at__isnull=True):
            open311_services.revoke_api_key(api_key=lost, actor=None)
        _api_key, plain = open311_services.create_api_key(name=DEMO_KEY_NAME, organisation=organisation)
        # Written inside the transaction: if the file cannot be written, no key exists whose value nobody knows.
        _write_secret(path, plain)
    return plain, True


def ensure_default_taxonomy() -> int:
    """Install the default taxonomy when no category exists (the data migration normally did); return how many.

    An existing taxonomy is left alone, so texts an administrator changed survive a restart of the demo.
    """
    if Category.objects.filter(slug=FALLBACK_CATEGORY_SLUG).exists():
        return 0
    return install_default_taxonomy()


def demo_logins() -> list[DemoLogin]:
    """Return the demo accounts with their shared password, role and organisation."""
    return [
        DemoLogin(
            username=account.username,
            password=accounts_demo.DEMO_PASSWORD,
            role=account.role,
            organisation=account.organisation,
        )
        for account in accounts_demo.demo_accounts()
    ]


def load_demo(
    *,
    report_count: int = demo_reports.DEMO_REPORT_COUNT,
    seed: int = demo_reports.DEMO_SEED,
    progress: Callable[[str], None] = lambda message: None,
) -> DemoSummary:
    """Install whatever of the demo municipality is missing and return a summary; safe to run on every start."""
    progress(_("organisations, teams and demo logins"))
    organisations = accounts_demo.install_demo_organisations()
    progress(_("areas: the CBS wijken and buurten of Groningen and the gazetteer"))
    areas_changed = places_demo.install_demo_areas()
    progress(_("categories: the default taxonomy"))
    categories_created = ensure_default_taxonomy()
    api_key, api_key_created = ensure_demo_api_key(organisation=organisations.municipality)
    created = 0
    if report_count > 0 and not demo_reports.demo_reports_exist():
        progress(_("demo reports: generating %(count)d") % {"count": report_count})

        def report_progress(done: int, total: int) -> None:
            if done % 20 == 0 or done == total:
                progress(_("demo reports: %(done)d/%(total)d") % {"done": done, "total": total})

        created = len(demo_reports.generate_demo_reports(count=report_count, seed=seed, progress=report_progress))
    return DemoSummary(
        base_url=settings.OPENBUURT_PUBLIC_BASE_URL.rstrip("/"),
        logins=demo_logins(),
        api_key=api_key,
        api_key_created=api_key_created,
        areas_changed=areas_changed,
        categories_created=categories_created,
        reports_created=created,
        demo_reports=Report.objects.filter(is_demo=True).count(),
    )
