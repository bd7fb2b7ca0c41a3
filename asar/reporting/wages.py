"""Loading the wage table from CSV (data migration and ``manage.py import_wages``).

Columns: ``year,region_iso,period,avg_monthly_nominal_wage_kzt,source,note`` and an optional
``direction_code`` (specialist wage). ``region_iso`` "KZ" is the national average. Only yearly
figures (``period`` = "year") are used.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

DEFAULT_CSV = Path(__file__).resolve().parent / "data" / "kz-wages.csv"


# The source and note texts of the shipped table (data/kz-wages.csv), kept in the catalogue so
# that pages show them in the reader's language (the method page translates them when shown);
# figures imported later keep whatever text their importer wrote.
SEED_TEXTS = (
    gettext_noop("Bureau of National Statistics (form 1-T) 2023 release"),
    gettext_noop("news report citing the Bureau of National Statistics"),
    gettext_noop("national average"),
    gettext_noop("national average; men 418788 women 311217; median 251356"),
    gettext_noop("secondary source"),
)


class WageImportError(ValueError):
    """A row cannot be imported; the message names the line and the problem."""


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0


REQUIRED = ("year", "avg_monthly_nominal_wage_kzt")
# The column holds 12 digits, 2 of them after the point: a larger figure is a typo, and
# SQLite would store it anyway and fail on every later read of the table.
MAX_WAGE = Decimal("9999999999.99")
CENT = Decimal("0.01")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return read_text(fh.read())


def read_text(text: str) -> list[dict[str, str]]:
    """Rows of a CSV text (comma or semicolon separated, as spreadsheets save it)."""
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise WageImportError(
            _("line 1: the columns %(columns)s are missing") % {"columns": ", ".join(missing)}
        )
    return list(reader)


def load_wages(
    wage_model: Any, region_model: Any, direction_model: Any, rows: Iterable[dict[str, str]]
) -> ImportResult:
    """Create or update one WageRate per row (idempotent). Raises on the first bad row."""
    regions = {r.iso_code: r for r in region_model.objects.all()}
    directions = {d.code: d for d in direction_model.objects.all()}
    result = ImportResult()
    for line, row in enumerate(rows, start=2):
        if (row.get("period") or "year").strip() != "year":
            result.skipped += 1
            continue
        # A short row leaves its last cells None; "NaN" and "Infinity" parse as decimals.
        wage_text = (row.get("avg_monthly_nominal_wage_kzt") or "").replace(" ", "")
        try:
            year = int(row.get("year") or "")
            wage = Decimal(wage_text.replace("\xa0", ""))
            if not wage.is_finite():
                raise InvalidOperation(wage_text)
        except (ValueError, InvalidOperation) as exc:
            raise WageImportError(
                _("line %(line)s: year and wage must be numbers") % {"line": line}
            ) from exc
        if not 2000 <= year <= 2100 or wage <= 0:
            raise WageImportError(
                _("line %(line)s: year must be 2000–2100 and the wage positive") % {"line": line}
            )
        if wage > MAX_WAGE:
            raise WageImportError(_("line %(line)s: the wage is too large") % {"line": line})
        wage = wage.quantize(CENT, rounding=ROUND_HALF_UP)
        iso = (row.get("region_iso") or "KZ").strip()
        region = None
        if iso != "KZ":
            region = regions.get(iso)
            if region is None:
                raise WageImportError(
                    _("line %(line)s: unknown region %(code)s") % {"line": line, "code": repr(iso)}
                )
        code = (row.get("direction_code") or "").strip()
        direction = None
        if code:
            direction = directions.get(code)
            if direction is None:
                raise WageImportError(
                    _("line %(line)s: unknown direction %(code)s")
                    % {"line": line, "code": repr(code)}
                )
        _obj, created = wage_model.objects.update_or_create(
            year=year,
            region=region,
            direction=direction,
            defaults={
                "monthly_wage_kzt": wage,
                "source": (row.get("source") or "").strip()[:255] or "—",
                "note": (row.get("note") or "").strip()[:255],
            },
        )
        if created:
            result.created += 1
        else:
            result.updated += 1
    return result
