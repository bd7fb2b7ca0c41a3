from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from asar.geo.models import Region
from asar.reporting.models import NationalReport
from asar.reporting.services import report_generate_now


class Command(BaseCommand):
    help = "Generate the national analytical report (or one region's edition) as HTML or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--region", help="ISO 3166-2 code of the region, e.g. KZ-75")
        parser.add_argument("--lang", choices=["kk", "ru", "en"], default="kk")
        parser.add_argument("--format", choices=["html", "pdf"], default="pdf", dest="fmt")
        parser.add_argument("--output", type=Path, help="Also copy the file here.")

    def handle(
        self,
        *args: Any,
        year: int,
        region: str | None,
        lang: str,
        fmt: str,
        output: Path | None,
        **options: Any,
    ) -> None:
        region_obj = None
        if region:
            region_obj = Region.objects.filter(iso_code=region.upper()).first()
            if region_obj is None:
                raise CommandError(f"Unknown region {region!r} (use an ISO code such as KZ-75)")
        from django.core.exceptions import ValidationError

        try:
            report = report_generate_now(year=year, region=region_obj, language=lang, fmt=fmt)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if report.status != NationalReport.Status.DONE:
            raise CommandError(f"Generation failed: {report.error}")
        if output is not None:
            output.parent.mkdir(parents=True, exist_ok=True)
            with report.file.open("rb") as src, output.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        self.stdout.write(
            f"Report #{report.id}: {output or report.file.path} (sha256 {report.checksum_sha256})"
        )
