from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import override

from asar.reporting.services import wages_import
from asar.reporting.wages import WageImportError, read_rows


class Command(BaseCommand):
    help = (
        "Create or update average monthly nominal wages from a CSV file with the columns "
        "year,region_iso,period,avg_monthly_nominal_wage_kzt,source,note[,direction_code] "
        "(region_iso KZ = national average). All rows are imported or none."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            with override("en"):  # the console speaks English, like the rest of this output
                result = wages_import(rows=read_rows(file))
        except WageImportError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, {result.skipped} skipped "
            "(not yearly figures)."
        )
