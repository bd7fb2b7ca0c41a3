"""Excel round trip (download → fill → upload), errors by cell, CSV, and the bulk import."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from asar.monitoring import excel, services
from asar.monitoring.models import MonthlyReport
from tests import factories as f
from tests.monitoring.factories import consistent_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(actors) -> MonthlyReport:  # type: ignore[no-untyped-def]
    return services.report_open(user=actors.operator, region=f.region("KZ-75"), year=2023, month=6)


def _download(client, report: MonthlyReport) -> Workbook:  # type: ignore[no-untyped-def]
    response = client.get(f"/ru/monitoring/reports/{report.pk}/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == excel.XLSX_TYPE
    assert "KZ-75-2023-06" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content))


def _fill(book: Workbook, values: dict[str, object]) -> dict[str, str]:
    sheet = book[excel.SHEET]
    cells = {}
    for row in range(excel.FIRST_ROW, sheet.max_row + 1):
        code = sheet.cell(row=row, column=1).value
        if code in values:
            sheet.cell(row=row, column=3, value=values[code])
        cells[code] = f"C{row}"
    return cells


def _upload(client, report: MonthlyReport, book: Workbook, name: str = "filled.xlsx"):  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile(name, out.getvalue(), content_type=excel.XLSX_TYPE)
    return client.post(f"/ru/monitoring/reports/{report.pk}/upload/", {"file": upload})


def test_round_trip_download_fill_upload(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    book = _download(client, report)
    sheet = book[excel.SHEET]
    assert sheet["B2"].value == "KZ-75" and sheet["B3"].value == 2023 and sheet["B4"].value == 6
    assert sheet.cell(row=excel.FIRST_ROW, column=1).value == "volunteers_total"
    # Labels are in the operator's language (Russian here).
    assert "Активные волонтёры" in sheet.cell(row=excel.FIRST_ROW, column=2).value
    _fill(book, consistent_values(1000))
    response = _upload(client, report, book)
    assert response.status_code == 302
    stored = {v.element.code: v.number for v in report.values.select_related("element")}
    assert stored["volunteers_total"] == 1000 and stored["volunteers_women"] == 600
    assert report.audit_entries.filter(source="upload").count() == len(consistent_values(1000))
    # The next download is pre-filled with what was uploaded.
    again = _download(client, report)[excel.SHEET]
    assert again.cell(row=excel.FIRST_ROW, column=3).value == 1000


def test_upload_errors_are_listed_by_cell_and_nothing_is_stored(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    book = _download(client, report)
    cells = _fill(book, consistent_values(1000) | {"volunteers_men": "много", "age_14_15": -4})
    response = _upload(client, report, book)
    assert response.status_code == 400
    body = response.content.decode()
    # the cell, then the field in the operator's language, then what is wrong
    assert f"{cells['volunteers_men']} (Мужчины): Введите целое число." in body
    assert f"{cells['age_14_15']} (14–15 лет): Число не может быть отрицательным." in body
    assert body.index(cells["volunteers_men"]) < body.index(cells["age_14_15"])  # sheet order
    assert not report.values.exists()


def test_upload_rule_errors_point_at_the_cell(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    book = _download(client, report)
    cells = _fill(book, consistent_values(1000) | {"volunteers_women": 1})
    response = _upload(client, report, book)
    assert response.status_code == 400
    assert (
        f"{cells['volunteers_women']} (Женщины): Сумма женщин и мужчин должна равняться общему "
        "числу волонтёров. (401, а не 1 000)" in response.content.decode().replace("\xa0", " ")
    )
    assert not report.values.exists()


def test_upload_for_another_region_or_month_is_refused(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    book = _download(client, report)
    book[excel.SHEET]["B4"] = 7
    _fill(book, consistent_values(1000))
    response = _upload(client, report, book)
    assert response.status_code == 400
    assert "B2–B4: этот файл для KZ-75 2023-07, а не для KZ-75 2023-06." in (
        response.content.decode()
    )
    assert not report.values.exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"not a zip at all", "x.xlsx", "Excel"),
        (b"PK\x03\x04garbage", "x.xlsx", "Excel"),
        (b"", "x.xlsx", ""),
        (b"\xff\xfe\x00bad", "x.csv", "not a text"),
        (b"code,value\nvolunteers_total,\x98\n", "x.csv", "UTF-8"),
        (b"a,b\nvolunteers_total,3\n", "x.csv", "code,value"),
    ],
)
def test_malformed_files_are_rejected_cleanly(
    actors, client_for, report, content: bytes, name: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/upload/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not report.values.exists()


def test_oversized_file_is_rejected(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    big = SimpleUploadedFile("big.xlsx", b"PK" + b"0" * (excel.MAX_UPLOAD_BYTES + 10))
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/upload/", {"file": big}
    )
    assert response.status_code == 400
    assert "too large" in response.content.decode()


def test_csv_upload(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    values = consistent_values(1000) | {"volunteers_total": "1 000"}  # thousands as written locally
    rows = "code;value\n" + "\n".join(f"{k};{v}" for k, v in values.items() if k != "events_common")
    client = client_for(actors.operator)
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile("r.csv", rows.encode("utf-8-sig"))},
    )
    assert response.status_code == 302
    assert report.values.get(element__code="volunteers_total").number == 1000
    bad = "code,value\nvolunteers_total,12x\nunknown,1\n"
    response = client.post(
        f"/en/monitoring/reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile("r.csv", bad.encode())},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "line 2 (Active volunteers, total): Enter a whole number." in body
    assert body.index("line 2 (") < body.index("line 3: unknown field code")


@pytest.mark.parametrize(
    "content",
    [b"\xef\xbb\xbf", b"\xef\xbb\xbf\r\n", b" "],
    ids=["byte-order-mark", "empty-line", "space"],
)
def test_an_empty_csv_is_refused_with_a_message(actors, client_for, report, content) -> None:  # type: ignore[no-untyped-def]
    """Excel saves an empty sheet as "CSV UTF-8" as the byte-order mark alone."""
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile("r.csv", content)},
    )
    assert response.status_code == 400
    assert "The first line must be the header" in response.content.decode()


def test_csv_in_windows_cyrillic_is_read_and_lost_letters_are_told(
    actors, client_for, report
) -> None:  # type: ignore[no-untyped-def]
    """Excel's "CSV (comma delimited)" on a Russian Windows: code page 1251, semicolons, and
    "?" where a Kazakh letter was."""
    values = consistent_values(1000) | {"events_common": "Субботник в парке; Сенбілік ?алада"}
    rows = "code;value\n" + "\n".join(f'{k};"{v}"' for k, v in values.items())
    client = client_for(actors.operator)
    response = client.post(
        f"/ru/monitoring/reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile("r.csv", rows.encode("cp1251", errors="replace"))},
        follow=True,
    )
    assert response.status_code == 200
    stored = report.values.get(element__code="events_common").text
    assert stored.startswith("Субботник в парке")
    assert "1251" in response.content.decode()
    # Without a "?" there is nothing to tell.
    numbers = {k: v for k, v in consistent_values(1000).items() if not isinstance(v, str)}
    plain = numbers | {"events_common": "Субботник"}
    rows = "code;value\n" + "\n".join(f"{k};{v}" for k, v in plain.items())
    response = client.post(
        f"/ru/monitoring/reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile("r.csv", rows.encode("cp1251"))},
        follow=True,
    )
    assert "1251" not in response.content.decode()
    assert report.values.get(element__code="events_common").text == "Субботник"


def test_upload_permissions(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    for user, status in (
        (actors.other_operator, 403),
        (actors.analyst, 403),
        (actors.coordinator, 403),
        (actors.volunteer, 403),
    ):
        response = client_for(user).post(
            f"/en/monitoring/reports/{report.pk}/upload/",
            {"file": SimpleUploadedFile("a.csv", b"code,value\n")},
        )
        assert response.status_code == status
    anonymous = client_for(None).post(f"/en/monitoring/reports/{report.pk}/upload/")
    assert anonymous.status_code == 302
    # The template: the region's operators and analysts; nobody else.
    assert (
        client_for(actors.analyst)
        .get(f"/en/monitoring/reports/{report.pk}/template.xlsx")
        .status_code
        == 200
    )
    assert (
        client_for(actors.other_operator)
        .get(f"/en/monitoring/reports/{report.pk}/template.xlsx")
        .status_code
        == 403
    )


def _bulk(path: Path, rows: list[tuple[str, int, int, dict[str, object]]]) -> Path:
    codes = list(consistent_values(1000))
    book = Workbook()
    sheet = book.active
    sheet.title = excel.BULK_SHEET
    sheet.append(["region", "year", "month", "submitted_on", *codes])
    for iso, year, month, values in rows:
        sheet.append(
            [
                iso,
                year,
                month,
                f"{year}-{month:02d}-28" if month < 12 else None,
                *[values.get(c) for c in codes],
            ]
        )
    book.save(path)
    return path


def test_bulk_import_of_a_year(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [
        (iso, 2022, month, consistent_values(500 + month * 10, seed=month))
        for iso in ("KZ-75", "KZ-79", "KZ-ALA")  # a former ISO code is accepted too
        if iso != "KZ-ALA"
        for month in range(1, 13)
    ]
    path = _bulk(tmp_path / "year.xlsx", rows)
    call_command("import_reports", str(path), "--approve")
    assert MonthlyReport.objects.filter(year=2022, status="approved").count() == 24
    report = MonthlyReport.objects.get(region__iso_code="KZ-79", year=2022, month=3)
    assert report.values.get(element__code="volunteers_total").number == 530
    assert str(report.first_submitted_at.date()) == "2022-03-28"  # type: ignore[union-attr]
    assert "Imported 24 reports" in capsys.readouterr().out


def test_bulk_import_with_errors_stores_nothing(tmp_path: Path) -> None:
    rows = [
        ("KZ-75", 2022, 1, consistent_values(500)),
        ("KZ-75", 2022, 2, consistent_values(500) | {"volunteers_women": 1}),
        ("KZ-99", 2022, 3, consistent_values(500)),
        ("KZ-75", 2022, 13, consistent_values(500)),
    ]
    path = _bulk(tmp_path / "bad.xlsx", rows)
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_reports", str(path))
    assert not MonthlyReport.objects.exists()


def test_bulk_import_lists_errors_by_cell_in_the_chosen_language(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [("KZ-75", 2022, 1, consistent_values(500) | {"volunteers_men": "много"})]
    path = _bulk(tmp_path / "bad.xlsx", rows)
    with pytest.raises(CommandError):
        call_command("import_reports", str(path), "--language", "ru")
    err = capsys.readouterr().err
    assert "(Мужчины): Введите целое число." in err
    with pytest.raises(CommandError):
        call_command("import_reports", str(path), "--language", "en")
    assert "(Men): Enter a whole number." in capsys.readouterr().err
    assert not MonthlyReport.objects.exists()


def test_bulk_import_rejects_a_malformed_file(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"hello")
    with pytest.raises(CommandError, match="Excel"):
        call_command("import_reports", str(path))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("import_reports", str(tmp_path / "missing.xlsx"))


def test_bulk_import_never_overwrites_an_approved_report(tmp_path: Path) -> None:
    path = _bulk(tmp_path / "a.xlsx", [("KZ-75", 2022, 1, consistent_values(500))])
    call_command("import_reports", str(path), "--approve", "--no-checks")
    path = _bulk(tmp_path / "b.xlsx", [("KZ-75", 2022, 1, consistent_values(700))])
    with pytest.raises(CommandError, match="locked"):
        call_command("import_reports", str(path))
    assert MonthlyReport.objects.get().values.get(element__code="volunteers_total").number == 500


def test_bulk_template_written_filled_and_imported(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    call_command("import_reports", str(path), "--write-template")
    with pytest.raises(CommandError, match="already exists"):
        call_command("import_reports", str(path), "--write-template")
    book = load_workbook(path)
    sheet = book[excel.BULK_SHEET]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["region", "year", "month", "submitted_on"]
    values = consistent_values(640)
    sheet.append(["KZ-71", 2022, 4, "2022-05-04", *[values.get(code) for code in header[4:]]])
    book.save(path)
    call_command("import_reports", str(path), "--dry-run")
    assert not MonthlyReport.objects.exists()
    call_command("import_reports", str(path))
    report = MonthlyReport.objects.get()
    assert (report.region.iso_code, report.status, report.is_late) == ("KZ-71", "submitted", False)


def test_a_file_refused_as_a_whole_is_not_called_a_list_of_cells(
    actors, client_for, report
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    url = f"/en/monitoring/reports/{report.pk}/upload/"
    whole = client.post(url, {"file": SimpleUploadedFile("x.xlsx", b"not a zip")}).content.decode()
    assert "The file itself could not be used" in whole and "Correct these cells" not in whole
    cells = client.post(
        url, {"file": SimpleUploadedFile("r.csv", b"code,value\nvolunteers_total,12x\n")}
    ).content.decode()
    assert "Correct these cells" in cells
