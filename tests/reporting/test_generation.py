"""Generating editions: artefact, snapshot, checksum, idempotence, PDF text, commands."""

from __future__ import annotations

import hashlib
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from asar.reporting import services
from asar.reporting.models import NationalReport, WageRate
from asar.reporting.tasks import generate_national_report
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_generation_keeps_file_snapshot_and_checksum(country) -> None:  # type: ignore[no-untyped-def]
    edition = NationalReport.objects.create(year=2023, language="en", format="html")
    assert generate_national_report.delay(edition.id).get() == "done"
    edition.refresh_from_db()
    content = edition.file.read()
    edition.file.close()
    assert edition.checksum_sha256 == hashlib.sha256(content).hexdigest()
    assert (edition.status, edition.progress) == ("done", 100)
    sections = {s["key"]: s for s in edition.data["sections"]}
    value = sections["economic_value"]["table"]["rows"]
    assert [row[2] for row in value] == ["14934", "16230", "604800000"]
    assert sections["helpline"]["no_data"] is True
    html = content.decode()
    assert "<svg" in html and "₸14,934" in html and "No data" in html
    # Idempotent: a re-delivered task leaves the finished edition untouched.
    finished = edition.finished_at
    services.report_generate(report_id=edition.id)
    edition.refresh_from_db()
    assert edition.finished_at == finished


def test_pdf_in_kazakh_has_kazakh_text(country) -> None:  # type: ignore[no-untyped-def]
    edition = services.report_generate_now(
        year=2023, region=f.region("KZ-75"), language="kk", fmt="pdf"
    )
    assert edition.status == "done"
    path = Path(edition.file.path)
    assert path.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Қазақстан" in text or "қазақстан" in text.lower()
    assert "Алматы" in text
    assert "9 750" in text.replace("\u00a0", " ")  # minimum value of the Almaty edition


def test_failure_is_recorded_not_raised(country, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from asar.reporting import report

    def broken(ctx):  # type: ignore[no-untyped-def]
        raise RuntimeError("boom")

    monkeypatch.setattr(report, "SECTIONS", [broken])
    edition = services.report_generate_now(year=2023, region=None, language="kk", fmt="html")
    assert (edition.status, edition.error, edition.file.name) == ("failed", "RuntimeError", "")


def test_national_report_command(country, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    call_command(
        "national_report",
        "--year",
        "2023",
        "--region",
        "KZ-79",
        "--lang",
        "ru",
        "--format",
        "html",
        "--output",
        str(out),
    )
    assert "Шымкент" in out.read_text(encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("national_report", "--year", "2023", "--region", "KZ-99", "--format", "html")
    with pytest.raises(CommandError):
        call_command("national_report", "--year", "1990", "--format", "html")


def test_import_wages_command(wages, tmp_path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "w.csv"
    good.write_text(
        "year,region_iso,period,avg_monthly_nominal_wage_kzt,source,note,direction_code\n"
        "2023,KZ-79,year,300000,Stat office,,\n"
        "2023,KZ,year,290304,Stat office,updated,\n"
        "2023,KZ,year,500000,Stat office,,medicine\n"
        "2023,KZ,2023-Q1,1,Stat office,quarterly: skipped,\n",
        encoding="utf-8",
    )
    call_command("import_wages", str(good))
    assert WageRate.objects.get(year=2023, region=f.region("KZ-79")).monthly_wage_kzt == Decimal(
        300000
    )
    assert WageRate.objects.get(year=2023, region=None, direction=None).note == "updated"
    assert (
        WageRate.objects.get(
            year=2023, region=None, direction=f.direction("medicine")
        ).monthly_wage_kzt
        == 500000
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "year,region_iso,period,avg_monthly_nominal_wage_kzt,source,note\n"
        "2023,KZ-75,year,111,ok,\n"
        "2023,KZ-XX,year,100,oops,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="line 3: unknown region"):
        call_command("import_wages", str(bad))
    # All or nothing: the good first line was not kept.
    assert WageRate.objects.get(year=2023, region=f.region("KZ-75")).monthly_wage_kzt == 336000


def test_data_migration_loaded_the_shipped_wage_table(db: None) -> None:
    national = {
        w.year: w.monthly_wage_kzt for w in WageRate.objects.filter(region=None, direction=None)
    }
    assert national == {2022: 309697, 2023: 364295, 2024: 405416}
    assert WageRate.objects.get(year=2024, region=f.region("KZ-75")).monthly_wage_kzt == 491000


def test_admin_imports_wages_from_an_uploaded_csv(actors, client_for, wages) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = "/en/admin/reporting/wagerate/import/"
    admin = client_for(actors.admin)
    assert 'href="/en/admin/reporting/wagerate/import/"' in (
        admin.get("/en/admin/reporting/wagerate/").content.decode()
    )
    for outsider in (actors.analyst, actors.coordinator, None):
        response = client_for(outsider).get(url)
        assert response.status_code == 302 and "/admin/login/" in response.url
    # A spreadsheet's semicolon CSV with a byte-order mark.
    csv_text = (
        "\ufeffyear;region_iso;period;avg_monthly_nominal_wage_kzt;source;note\n"
        "2023;KZ-79;year;300 000;Stat office;\n"
        "2023;KZ;year;290304;Stat office;checked\n"
    )
    upload = SimpleUploadedFile("w.csv", csv_text.encode(), content_type="text/csv")
    response = admin.post(url, {"file": upload})
    assert response.status_code == 302 and response.url.endswith("/admin/reporting/wagerate/")
    assert WageRate.objects.get(year=2023, region=f.region("KZ-79")).monthly_wage_kzt == 300000
    assert WageRate.objects.get(year=2023, region=None, direction=None).note == "checked"
    # A bad row: the error names the line, and nothing of the file is kept.
    bad = (
        "year,region_iso,period,avg_monthly_nominal_wage_kzt,source,note\n"
        "2023,KZ-75,year,111,ok,\n"
        "2023,KZ-XX,year,100,oops,\n"
    )
    response = admin.post(url, {"file": SimpleUploadedFile("b.csv", bad.encode())})
    assert response.status_code == 200
    assert "line 3: unknown region" in response.content.decode()
    assert WageRate.objects.get(year=2023, region=f.region("KZ-75")).monthly_wage_kzt == 336000
    response = admin.post(url, {"file": SimpleUploadedFile("n.csv", b"a,b\n1,2\n")})
    assert "avg_monthly_nominal_wage_kzt" in response.content.decode()


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("2023,KZ-75", "line 2: year and wage must be numbers"),
        ("2023,KZ-75,year,NaN,x,", "line 2: year and wage must be numbers"),
        ("2023,KZ-75,year,Infinity,x,", "line 2: year and wage must be numbers"),
        ("2023,KZ-75,year,1e20,x,", "line 2: the wage is too large"),
    ],
    ids=["short-row", "nan", "infinity", "too-large"],
)
def test_admin_wage_import_refuses_what_the_table_cannot_hold(
    actors, client_for, wages, cells: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    """A short row, "NaN", "Infinity" or a figure beyond the column's 12 digits is a line's
    error, not a server error (nor, on SQLite, a stored figure that breaks every later read)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    text = f"year,region_iso,period,avg_monthly_nominal_wage_kzt,source,note\n{cells}\n"
    response = client_for(actors.admin).post(
        "/en/admin/reporting/wagerate/import/",
        {"file": SimpleUploadedFile("w.csv", text.encode(), content_type="text/csv")},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert WageRate.objects.get(year=2023, region=f.region("KZ-75")).monthly_wage_kzt == 336000


def test_wage_import_rounds_to_the_tiyn(wages) -> None:  # type: ignore[no-untyped-def]
    rows = [{"year": "2023", "region_iso": "KZ-75", "avg_monthly_nominal_wage_kzt": "336000.125"}]
    services.wages_import(rows=rows)
    assert WageRate.objects.get(year=2023, region=f.region("KZ-75")).monthly_wage_kzt == Decimal(
        "336000.13"
    )


def test_the_date_on_the_cover_is_not_followed_by_a_second_full_stop(country) -> None:  # type: ignore[no-untyped-def]
    """A Russian long date ends in "г." already: "26 ноября 2026 г.." is a typo on the cover."""
    edition = NationalReport.objects.create(year=2023, language="ru", format="html")
    assert generate_national_report.delay(edition.id).get() == "done"
    edition.refresh_from_db()
    with edition.file.open("rb") as fh:
        html = fh.read().decode()
    assert "Сформирован:" in html
    assert "г.." not in html
