"""Excel and CSV exchange of monthly reports.

- ``build_template``: a pre-filled workbook for one region and month (current values and the
  platform's own figures beside them), to fill offline.
- ``parse_template`` / ``parse_csv``: read an upload back through the same parsing and rules
  as the form; errors come back by cell ("C14: …") and nothing is stored on error.
- ``parse_bulk``: a whole year (or several) of all regions in one sheet, for historical imports.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from asar.geo.models import Region
from asar.monitoring import platform_measures, validation
from asar.monitoring.models import DataElement, MonthlyReport

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_BULK_BYTES = 20 * 1024 * 1024
# An .xlsx is a zip: a file under the upload limit can unpack to gigabytes (a "zip bomb") and
# openpyxl reads shared strings whole, so the unpacked size is capped before it opens the file.
# A filled report template unpacks to well under 1 MB.
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_BULK_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 1000
SHEET = "Report"
BULK_SHEET = "Reports"
FIRST_ROW = 7
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadError(Exception):
    """The file cannot be read at all (wrong type, too big, damaged)."""


@dataclass
class ParsedReport:
    values: dict[str, int | str | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    # Read without errors, but worth telling the operator (e.g. letters lost by the encoding).
    notices: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def build_template(report: MonthlyReport, values: dict[str, Any]) -> bytes:
    measured = platform_measures.measures(
        region_id=report.region_id, year=report.year, month=report.month
    )
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    bold = Font(bold=True)
    sheet["A1"] = _("Monthly report of the regional volunteer front office")
    sheet["A1"].font = Font(bold=True, size=13)
    sheet["A2"], sheet["B2"], sheet["C2"] = _("Region"), report.region.iso_code, report.region.name
    sheet["A3"], sheet["B3"] = _("Year"), report.year
    sheet["A4"], sheet["B4"] = _("Month"), report.month
    sheet["A5"] = _(
        "Fill column C only. Whole numbers; leave a cell empty if unknown. Do not change "
        "columns A, B or rows 2–4."
    )
    headers = (_("Code"), _("Field"), _("Value"), _("Platform figure"))
    for col, text in enumerate(headers, start=1):
        cell = sheet.cell(row=FIRST_ROW - 1, column=col, value=text)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDE7F0")
    whole = DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2=str(validation.MAX_NUMBER),
        allow_blank=True,
        showErrorMessage=True,
        error=_("Enter a whole number."),
    )
    sheet.add_data_validation(whole)
    group_labels = dict(DataElement.Group.choices)
    row = FIRST_ROW
    for element in DataElement.objects.all():
        sheet.cell(row=row, column=1, value=element.code)
        label = f"{group_labels.get(element.group, '')}: {element.label}"
        sheet.cell(row=row, column=2, value=label)
        value = values.get(element.code)
        cell = sheet.cell(row=row, column=3, value=value if value not in ("", None) else None)
        if element.is_number:
            whole.add(cell)
            if element.code in measured:
                sheet.cell(row=row, column=4, value=measured[element.code])
        else:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 18
    sheet.column_dimensions["D"].width = 16
    sheet.freeze_panes = f"C{FIRST_ROW}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read_bytes(upload: IO[bytes], limit: int) -> bytes:
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise UploadError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": limit // (1024 * 1024)}
        )
    if not data:
        raise UploadError(_("The file is empty."))
    return data


def _open_workbook(data: bytes, max_unpacked: int = MAX_UNPACKED_BYTES) -> Any:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UploadError(_("This is not an Excel (.xlsx) file."))
    try:
        # zipfile never reads past a member's declared size, so the declared sizes bound
        # what openpyxl can unpack.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadError(_("The Excel file is damaged or not in the expected format.")) from exc
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > max_unpacked:
        raise UploadError(_("The Excel file is too large once unpacked; it is not a report."))
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged files
        raise UploadError(_("The Excel file is damaged or not in the expected format.")) from exc


def _at(where: str, element: DataElement | None) -> str:
    """ "C9 (By gender: Men)": the cell and the field, so the message reads without the file."""
    return f"{where} ({element.label})" if element is not None else where


def _check_rules(
    values: dict[str, Any],
    existing: dict[str, Any],
    where: dict[str, str],
    catalogue: dict[str, DataElement],
) -> list[str]:
    """Blocking rule errors of the values as they will stand after the upload."""
    merged = {**existing, **values}
    errors = []
    for violation in validation.evaluate_rules(merged):
        if not violation.is_error:
            continue
        code = violation.first_code
        place = _at(where[code], catalogue.get(code)) if code in where else ""
        errors.append(f"{place}: {violation.describe()}" if place else violation.describe())
    return errors


def _period(year: Any, month: Any) -> str:
    number = _int(month)
    return f"{year}-{number:02d}" if number is not None else f"{year}-{month}"


def parse_template(
    upload: IO[bytes], report: MonthlyReport, existing: dict[str, Any]
) -> ParsedReport:
    book = _open_workbook(_read_bytes(upload, MAX_UPLOAD_BYTES))
    if SHEET not in book.sheetnames:
        raise UploadError(
            _("The sheet “%(sheet)s” is missing: use the downloaded template.") % {"sheet": SHEET}
        )
    sheet = book[SHEET]
    result = ParsedReport()
    header = {r: sheet.cell(row=r, column=2).value for r in (2, 3, 4)}
    if (str(header[2]).strip(), _int(header[3]), _int(header[4])) != (
        report.region.iso_code,
        report.year,
        report.month,
    ):
        result.errors.append(
            _("B2–B4: this file is for %(found)s, not for %(expected)s.")
            % {
                "found": f"{header[2]} {_period(header[3], header[4])}",
                "expected": f"{report.region.iso_code} {_period(report.year, report.month)}",
            }
        )
        return result
    catalogue = {e.code: e for e in DataElement.objects.all()}
    raw: dict[str, Any] = {}
    where: dict[str, str] = {}
    by_row: list[tuple[int, str]] = []  # errors in the order of the sheet
    row_of: dict[str, int] = {}
    for row_number, row in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_col=3, values_only=True), start=FIRST_ROW
    ):
        code, _label, value = ([*list(row), None, None, None])[:3]
        if code is None and value is None:
            continue
        code = str(code or "").strip()
        if code not in catalogue:
            by_row.append(
                (
                    row_number,
                    _("A%(row)d: unknown field code “%(code)s”.")
                    % {"row": row_number, "code": code},
                )
            )
            continue
        if code in raw:
            by_row.append(
                (
                    row_number,
                    _("A%(row)d: the field “%(code)s” appears twice.")
                    % {"row": row_number, "code": code},
                )
            )
            continue
        raw[code] = value
        where[code] = f"C{row_number}"
        row_of[code] = row_number
    book.close()
    values, errors = validation.clean_values(raw, catalogue.values())
    by_row.extend(
        (row_of[code], f"{_at(where[code], catalogue[code])}: {message}")
        for code, message in errors.items()
    )
    result.errors.extend(message for _row, message in sorted(by_row, key=lambda e: e[0]))
    if not result.errors:
        result.errors.extend(_check_rules(values, existing, where, catalogue))
    result.values = values
    return result


def _int(value: Any) -> int | None:
    try:
        return validation.parse_number(value)
    except ValueError:
        return None


def parse_csv(upload: IO[bytes], report: MonthlyReport, existing: dict[str, Any]) -> ParsedReport:
    """CSV with a header ``code,value`` (comma or semicolon), as Excel saves it: "CSV UTF-8", or
    "CSV (comma delimited)", which a Russian or Kazakh Windows writes in code page 1251."""
    data = _read_bytes(upload, MAX_UPLOAD_BYTES)
    text, legacy_encoding = _decode_csv(data)
    if "\x00" in text:
        raise UploadError(_("This is not a text (CSV) file."))
    lines = text.splitlines()
    if not lines:  # an empty sheet saved as "CSV UTF-8" is its byte-order mark alone
        raise UploadError(_("The first line must be the header “code,value”."))
    try:
        dialect = csv.Sniffer().sniff(lines[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    result = ParsedReport()
    header = [h.strip().lower() for h in next(reader, [])]
    if header[:2] != ["code", "value"]:
        raise UploadError(_("The first line must be the header “code,value”."))
    catalogue = {e.code: e for e in DataElement.objects.all()}
    raw: dict[str, Any] = {}
    where: dict[str, str] = {}
    by_line: list[tuple[int, str]] = []  # errors in the order of the file
    line_of: dict[str, int] = {}
    for line, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        code = row[0].strip()
        value = row[1] if len(row) > 1 else ""
        label = _("line %(n)d") % {"n": line}
        if code not in catalogue:
            by_line.append(
                (line, f"{label}: " + _("unknown field code “%(code)s”.") % {"code": code})
            )
            continue
        if code in raw:
            by_line.append(
                (line, f"{label}: " + _("the field “%(code)s” appears twice.") % {"code": code})
            )
            continue
        raw[code] = value
        where[code] = label
        line_of[code] = line
    values, errors = validation.clean_values(raw, catalogue.values())
    by_line.extend(
        (line_of[code], f"{_at(where[code], catalogue[code])}: {message}")
        for code, message in errors.items()
    )
    result.errors.extend(message for _line, message in sorted(by_line, key=lambda e: e[0]))
    if not result.errors:
        result.errors.extend(_check_rules(values, existing, where, catalogue))
    result.values = values
    if legacy_encoding and any(isinstance(v, str) and "?" in v for v in values.values()):
        result.notices.append(
            _(
                "The file was saved in the Windows Cyrillic encoding (1251), which has no "
                "Kazakh letters: Excel wrote “?” in their place. Check the texts, or save the "
                "file as “CSV UTF-8” and upload it again."
            )
        )
    return result


def _decode_csv(data: bytes) -> tuple[str, bool]:
    """The file's text, and whether it came in the legacy Windows-1251 encoding."""
    try:
        return data.decode("utf-8-sig"), False
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1251"), True
    except UnicodeDecodeError as exc:  # byte 0x98 is the one 1251 leaves undefined
        raise UploadError(
            _("The CSV file must be saved as “CSV UTF-8” (or Windows Cyrillic, 1251).")
        ) from exc


# --- bulk historical import -------------------------------------------------------------


@dataclass
class BulkRow:
    line: int
    region: Region
    year: int
    month: int
    submitted_on: Any
    values: dict[str, int | str | None]


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def build_bulk_template() -> bytes:
    """An empty historical-import workbook: the header row and one example region code."""
    book = Workbook()
    sheet = book.active
    sheet.title = BULK_SHEET
    codes = list(DataElement.objects.values_list("code", flat=True))
    sheet.append(["region", "year", "month", "submitted_on", *codes])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "E2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def parse_bulk(upload: IO[bytes]) -> tuple[list[BulkRow], list[str]]:
    """Sheet "Reports": header ``region, year, month, submitted_on, <element codes…>``, one row
    per report. Everything is checked before anything is stored."""
    book = _open_workbook(_read_bytes(upload, MAX_BULK_BYTES), MAX_BULK_UNPACKED_BYTES)
    if BULK_SHEET not in book.sheetnames:
        raise UploadError(_("The sheet “%(sheet)s” is missing.") % {"sheet": BULK_SHEET})
    sheet = book[BULK_SHEET]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
    if header[:4] != ["region", "year", "month", "submitted_on"]:
        raise UploadError(_("The first row must start with: region, year, month, submitted_on."))
    catalogue = {e.code: e for e in DataElement.objects.all()}
    errors: list[str] = []
    codes = header[4:]
    for index, code in enumerate(codes, start=5):
        if code not in catalogue:
            errors.append(
                f"{BULK_SHEET}!{_column_letter(index)}1: "
                + _("unknown field code “%(code)s”.") % {"code": code}
            )
    if errors:
        return [], errors
    regions = {r.iso_code: r for r in Region.objects.all()} | {
        r.former_iso_code: r for r in Region.objects.exclude(former_iso_code="")
    }
    parsed: list[BulkRow] = []
    seen: set[tuple[int, int, int]] = set()
    for line, row in enumerate(rows, start=2):
        cells = list(row) + [None] * (len(header) - len(row))
        if not any(c not in (None, "") for c in cells):
            continue
        where = f"{BULK_SHEET}!"
        region = regions.get(str(cells[0] or "").strip())
        year, month = _int(cells[1]), _int(cells[2])
        if region is None:
            errors.append(
                f"{where}A{line}: " + _("unknown region code “%(code)s”.") % {"code": cells[0]}
            )
            continue
        if year is None or not 2015 <= year <= 2100:
            errors.append(f"{where}B{line}: " + _("the year must be a number such as 2023."))
            continue
        if month is None or not 1 <= month <= 12:
            errors.append(f"{where}C{line}: " + _("the month must be between 1 and 12."))
            continue
        key = (region.pk, year, month)
        if key in seen:
            errors.append(f"{where}A{line}: " + _("this region and month appear twice."))
            continue
        seen.add(key)
        raw = dict(zip(codes, cells[4:], strict=False))
        values, value_errors = validation.clean_values(raw, catalogue.values())
        cell_of = {
            code: f"{where}{_column_letter(i)}{line}" for i, code in enumerate(codes, start=5)
        }
        errors.extend(f"{_at(cell_of[c], catalogue[c])}: {m}" for c, m in value_errors.items())
        if not value_errors:
            errors.extend(_check_rules(values, {}, cell_of, catalogue))
        parsed.append(BulkRow(line, region, year, month, _date(cells[3]), values))
    book.close()
    return parsed, errors


def _date(value: Any) -> Any:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
