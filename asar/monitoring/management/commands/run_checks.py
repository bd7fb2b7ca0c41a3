"""Run the data-quality checks now (the same work as the nightly task).

manage.py run_checks [--year 2023]
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from asar.monitoring import services


class Command(BaseCommand):
    help = "Run the monthly reports' data-quality checks (all received reports, or one year)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, help="Only this year's reports.")

    def handle(self, *args: Any, year: int | None, **options: Any) -> None:
        result = services.checks_run(year=year)
        self.stdout.write(
            f"Checked {result['reports']} reports: {result['findings']} findings created or "
            f"updated, {result['resolved']} resolved."
        )
