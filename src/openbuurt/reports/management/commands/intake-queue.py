"""Show and process the intake queue (submissions accepted through Open311 that are not reports yet)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from openbuurt.reports.selectors import intake_queue_counts
from openbuurt.reports.services import intake_queue


class Command(BaseCommand):
    help = (
        "The intake queue: `status` counts the submissions waiting (in the queue table and in the web server "
        "processes' spools) and the ones that failed; `process` moves spooled submissions into the queue and makes "
        "reports of them now (the task worker does this by itself; use it when the worker was down, or with "
        "--retry-failed after fixing the cause of a failure)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{status,process}")
        actions.add_parser("status", help="Count waiting and failed submissions.")
        process = actions.add_parser("process", help="Make reports of the waiting submissions, oldest first.")
        process.add_argument(
            "--retry-failed",
            action="store_true",
            help=f"Also retry submissions that failed {intake_queue.MAX_AUTOMATIC_ATTEMPTS} times or more.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "status":
            waiting, failed = intake_queue_counts()
            self.stdout.write(f"{waiting} waiting, {failed} failed at least once.")
            return
        waiting, failed = intake_queue_counts()
        self.stderr.write(f"Processing {waiting + failed} queued submission(s)…")

        def progress(made: int, failures: int) -> None:
            self.stderr.write(f"  {made} report(s) made, {failures} failed")

        made = intake_queue.process_queued_submissions(retry_failed=options["retry_failed"], progress=progress)
        waiting, failed = intake_queue_counts()
        self.stdout.write(f"{made} report(s) made; {waiting} waiting, {failed} failed at least once.")
        if failed:
            self.stderr.write("See the errors in the admin (Queued submissions) or the log (queued_submission_failed).")
