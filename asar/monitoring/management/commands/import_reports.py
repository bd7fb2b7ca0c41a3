"""Import historical monthly reports (a whole year, all regions) from one workbook.

    manage.py import_reports reports-2022.xlsx [--approve] [--dry-run] [--user EMAIL]
                                               [--language kk|ru|en]
    manage.py import_reports empty.xlsx --write-template     # the layout to fill

The sheet "Reports" has a header row ``region, year, month, submitted_on, <element codes…>``
and one row per report. Every row is checked first (values and the validation rules); if any
cell is wrong nothing is stored and the errors are listed by cell.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation
from tqdm import tqdm

from asar.accounts.models import User
from asar.monitoring import excel, services


class Command(BaseCommand):
    help = "Import historical monthly reports of the regional front offices from an .xlsx file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--approve", action="store_true", help="Store them as approved.")
        parser.add_argument("--dry-run", action="store_true", help="Only check the file.")
        parser.add_argument("--user", help="E-mail of the person recorded in the audit trail.")
        parser.add_argument("--no-checks", action="store_true", help="Skip data-quality checks.")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="en",
            help="Language of the errors listed by cell (default en, like this command's own "
            "messages).",
        )
        parser.add_argument(
            "--write-template",
            action="store_true",
            help="Write an empty workbook with the expected header to FILE and stop.",
        )

    def handle(
        self,
        *args: Any,
        file: Path,
        approve: bool,
        dry_run: bool,
        user: str | None,
        no_checks: bool,
        write_template: bool,
        language: str,
        **options: Any,
    ) -> None:
        with translation.override(language):
            self._run(file, approve, dry_run, user, no_checks, write_template)

    def _run(
        self,
        file: Path,
        approve: bool,
        dry_run: bool,
        user: str | None,
        no_checks: bool,
        write_template: bool,
    ) -> None:
        if write_template:
            if file.exists():
                raise CommandError(f"{file} already exists; not overwriting it")
            file.write_bytes(excel.build_bulk_template())
            self.stdout.write(f"Wrote {file}: fill one row per region and month.")
            return
        actor = None
        if user:
            actor = User.objects.filter(email__iexact=user).first()
            if actor is None:
                raise CommandError(f"No user with e-mail {user}")
        if not file.is_file():
            raise CommandError(f"{file} does not exist")
        try:
            with file.open("rb") as handle:
                rows, errors = excel.parse_bulk(handle)
        except excel.UploadError as exc:
            raise CommandError(str(exc)) from exc
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(f"{len(errors)} errors; nothing was imported.")
        self.stdout.write(f"{len(rows)} reports read without errors.")
        if dry_run:
            return
        ids = []
        try:
            with transaction.atomic():
                for row in tqdm(rows, desc="Importing", unit="report", disable=None):
                    report = services.report_import(
                        user=actor,
                        region=row.region,
                        year=row.year,
                        month=row.month,
                        values=row.values,
                        submitted_on=row.submitted_on,
                        approve=approve,
                    )
                    ids.append(report.pk)
        except services.ReportRejected as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {len(ids)} reports."))
        if not no_checks:
            result = services.checks_run(report_ids=ids)
            self.stdout.write(
                f"Data-quality checks: {result['findings']} findings on {result['reports']} reports."
            )
