"""``openbuurt load-demo``: install the demo municipality (Groningen) and print how to try it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from openbuurt.accounts.demo import DemoAccountsError
from openbuurt.demo.loader import NOT_REAL_NOTICE, DemoSummary, load_demo
from openbuurt.demo.reports import DEMO_REPORT_COUNT, DEMO_SEED, DemoDataError

MAX_REPORTS = 10_000


class Command(BaseCommand):
    help = (
        "Install the demo municipality: gemeente Groningen and politie Noord-Nederland with demo teams and logins, "
        "the CBS wijken and buurten, the default categories, one demo Open311 API key and about 200 demo reports "
        "(written by us, not real). Safe to run again: only what is missing is added."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reports",
            type=int,
            default=DEMO_REPORT_COUNT,
            help="How many demo reports to generate when none exist yet (default %(default)s; 0: none).",
        )
        parser.add_argument("--seed", type=int, default=DEMO_SEED, help="Seed of the demo reports' random choices.")

    def handle(self, *args: Any, **options: Any) -> None:
        count = options["reports"]
        if count < 0 or count > MAX_REPORTS:
            raise CommandError(_("--reports must be between 0 and %(max)d.") % {"max": MAX_REPORTS})
        try:
            summary = load_demo(report_count=count, seed=options["seed"], progress=self._progress)
        except (DemoDataError, DemoAccountsError) as exc:
            raise CommandError(str(exc)) from exc
        self._print_summary(summary)

    def _progress(self, message: str) -> None:
        self.stdout.write(f"  load-demo: {message}")
        self.stdout.flush()

    def _print_summary(self, summary: DemoSummary) -> None:
        write = self.stdout.write
        url = summary.base_url
        write("")
        write(
            self.style.SUCCESS(
                _("OpenBuurt demo: gemeente Groningen, %(count)d demo reports") % {"count": summary.demo_reports}
            )
        )
        links = [
            (_("Report form (residents)"), f"{url}/"),
            (_("Admin and back office"), f"{url}/admin/"),
            (_("Open311 GeoReport v2"), f"{url}/open311/v2/services.json"),
            (_("API schema and docs"), f"{url}/api/docs/"),
        ]
        label_width = max(len(str(label)) for label, _link in links) + 1
        for label, link in links:
            write(f"  {str(label) + ':':<{label_width}}  {link}")
        write("")
        if summary.logins:
            write(_("Demo logins (demo only; never use them on a real site):"))
            width = max(len(login.username) for login in summary.logins)
            password_width = max(len(login.password) for login in summary.logins)
            for login in summary.logins:
                write(
                    f"  {login.username:<{width}}  {login.password:<{password_width}}  "
                    f"{login.role} — {login.organisation}"
                )
            write("")
        if summary.api_key_created:
            write(_("Demo Open311 API key (created now; demo only): %(key)s") % {"key": summary.api_key})
        else:
            write(_("Demo Open311 API key (demo only): %(key)s") % {"key": summary.api_key})
        write(
            f"  curl -d api_key={summary.api_key} -d service_code=STR-01 -d lat=53.2192 -d long=6.5672 "
            f"-d description='[demo] lamp kapot' {url}/open311/v2/requests.json"
        )
        write("")
        write(self.style.WARNING(str(NOT_REAL_NOTICE)))
        self.stdout.flush()
