"""Hostile input: oversized and malformed uploads, zip bombs, script in text fields,
SQL-looking search strings, path traversal in file names and file-serving views.

(tests/monitoring/test_excel.py already covers bytes that are not a zip, an empty file and
a file over the 2 MB form limit; these are the cases it does not.)"""

from __future__ import annotations

import datetime as dt
import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from asar.hours import services as hours
from asar.hours.services import EntryInput
from asar.monitoring import excel
from asar.monitoring.models import MonthlyReport
from asar.opportunities.models import Application, Position
from asar.reporting.models import NationalReport
from tests import factories as f
from tests.monitoring.factories import make_report
from tests.opportunities.factories import application

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'
ESCAPED = "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
    (tmp_path / "uploads").mkdir()


@pytest.fixture
def report(db: None) -> MonthlyReport:
    return make_report(iso="KZ-75", year=2024, month=3, values={}, status="draft")


def _upload(client, report: MonthlyReport, name: str, content: bytes):  # type: ignore[no-untyped-def]
    return client.post(
        f"/en/monitoring/reports/{report.pk}/upload/",
        {"file": SimpleUploadedFile(name, content)},
    )


# --- uploads ---------------------------------------------------------------------------------


def test_upload_above_the_in_memory_limit_is_refused_and_its_temp_file_removed(
    actors, client_for, report, settings, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """Bigger than FILE_UPLOAD_MAX_MEMORY_SIZE, so Django spools it to a temporary file."""
    big = b"PK\x03\x04" + b"\0" * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE + 1024)
    response = _upload(client_for(actors.operator), report, "big.xlsx", big)
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not report.values.exists()
    assert not list((tmp_path / "uploads").iterdir())  # the spooled copy went with the request


def test_oversized_request_body_is_a_clean_400(actors, client_for, report, settings) -> None:  # type: ignore[no-untyped-def]
    """A JSON body beyond DATA_UPLOAD_MAX_MEMORY_SIZE is refused before it is parsed."""
    values = {"support_description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    response = client_for(actors.operator).put(
        f"/api/v1/monitoring/reports/{report.pk}/values",
        json.dumps({"values": values}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not report.values.exists()
    # … and a form post likewise (the report page's own form).
    response = client_for(actors.operator).post(
        f"/en/monitoring/reports/{report.pk}/edit/",
        {"support_description": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)},
    )
    assert response.status_code == 400
    assert not report.values.exists()


def _xlsx_bytes() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(bytes(range(256)) * 64, "not an Excel", id="random-bytes"),
        pytest.param(_zip({"readme.txt": b"hello"}), "damaged", id="zip-not-xlsx"),
        pytest.param(
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<oops"}),
            "damaged",
            id="xlsx-with-broken-xml",
        ),
        pytest.param(_xlsx_bytes(), "", id="xlsx-that-is-not-our-template"),
    ],
)
def test_malformed_excel_is_refused_cleanly(actors, client_for, report, content, message) -> None:  # type: ignore[no-untyped-def]
    response = _upload(client_for(actors.operator), report, "report.xlsx", content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not report.values.exists()


def _zip_bomb(unpacked_mb: int) -> bytes:
    """A real .xlsx whose shared strings unpack to ``unpacked_mb`` MB (under 1 MB packed)."""
    src = zipfile.ZipFile(io.BytesIO(_xlsx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in src.infolist():
            archive.writestr(info, src.read(info))
        with archive.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            chunk = b"<si><t>" + b"a" * 1000 + b"</t></si>"
            for _ in range(unpacked_mb * 1024):
                fh.write(chunk)
            fh.write(b"</sst>")
    return out.getvalue()


@pytest.mark.heavy
def test_zip_bomb_is_refused_before_it_is_unpacked(actors, client_for, report) -> None:  # type: ignore[no-untyped-def]
    """Found by this suite: a 0.3 MB file unpacking to 300 MB took openpyxl over a minute and
    1 GB of memory. The declared unpacked size is now checked first."""
    bomb = _zip_bomb(300)
    assert len(bomb) < excel.MAX_UPLOAD_BYTES
    started = time.monotonic()
    response = _upload(client_for(actors.operator), report, "report.xlsx", bomb)
    assert time.monotonic() - started < 5
    assert response.status_code == 400
    assert "too large once unpacked" in response.content.decode()
    assert not report.values.exists()


@pytest.mark.parametrize("name", ["../../etc/passwd.xlsx", "..\\..\\windows\\win.ini.xlsx"])
def test_path_traversal_in_upload_name_writes_nothing(
    actors, client_for, report, name, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    response = _upload(client_for(actors.operator), report, name, b"not an excel file")
    assert response.status_code == 400
    # Nothing anywhere under the test's directory but the (empty) upload spool.
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []


def test_path_traversal_in_csv_upload_name_only_reads_the_content(
    actors, client_for, report, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    content = b"code,value\nvolunteers_total,12\n"
    response = _upload(client_for(actors.operator), report, "../../../tmp/evil.csv", content)
    assert response.status_code in (302, 400)  # stored or refused by the rules: never a path
    assert not (tmp_path.parent / "evil.csv").exists()
    assert not Path("/tmp/evil.csv").exists()  # noqa: S108 — the very path the name aims at
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_certificate_check_upload_with_traversal_name(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    import uuid

    response = client_for(None).post(
        f"/en/passport/verify/{uuid.uuid4()}/",
        {"document": SimpleUploadedFile("../../etc/passwd", b"root:x:0:0:root:/root:/bin/sh")},
    )
    assert response.status_code in (400, 404)
    assert "root:x:0:0" not in response.content.decode()


# --- file-serving views ----------------------------------------------------------------------


def test_edition_download_with_a_traversal_path_in_the_database(actors, client_for) -> None:  # type: ignore[no-untyped-def]
    """Even a tampered file name in the database cannot make the download read outside
    MEDIA_ROOT (the storage refuses it: a 400, never the file)."""
    edition = NationalReport.objects.create(
        year=2023,
        language="en",
        format="html",
        status=NationalReport.Status.DONE,
        checksum_sha256="0" * 64,
        file="../../../../../../etc/passwd",
    )
    response = client_for(actors.analyst).get(f"/en/reports/editions/{edition.pk}/download/")
    assert response.status_code in (400, 404)
    assert b"root:" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/en/reports/editions/..%2F..%2Fetc%2Fpasswd/download/",
        "/en/passport/certificates/..%2F..%2Fetc%2Fpasswd/pdf/",
        "/en/passport/certificates/../../../../etc/passwd/json/",
        "/en/passport/verify/..%2Fverify.py",
        "/en/passport/verify/asar_verify.py/../../../settings/__init__.py",
        "/en/hours/calendar/..%2F..%2Fetc%2Fpasswd.ics",
        "/media/../asar/settings/__init__.py",
        "/static/../asar/settings/__init__.py",
    ],
)
def test_traversal_in_urls_of_file_views(actors, client_for, path: str) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.admin).get(path)
    assert response.status_code in (301, 302, 400, 404)
    body = b"".join(response) if response.streaming else response.content
    assert b"root:" not in body and b"SECRET_KEY" not in body


def test_verifier_script_is_always_the_same_file(client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for(None).get("/en/passport/verify/asar_verify.py?path=../../etc/passwd")
    body = b"".join(response.streaming_content)
    response.close()
    assert body == (Path(__file__).parents[2] / "asar/passport/verify.py").read_bytes()


# --- script in text fields -------------------------------------------------------------------


@pytest.fixture
def scripted(actors):  # type: ignore[no-untyped-def]
    """Every free-text field a user can fill, holding a script."""
    org = actors.org
    org.description_en = f"We help. {SCRIPT}"
    org.name_en = f"Org {SCRIPT}"
    org.save()
    profile = actors.profile
    profile.first_name = f"Aigerim{SCRIPT}"
    profile.save()
    position = f.PositionFactory(
        project__organization=org,
        title_en=f"Tutor {SCRIPT}",
        description_en=f"Teach {SCRIPT}",
        start_date=dt.date(2024, 1, 1),
    )
    app = application(
        position,
        profile,
        experience_with_people=f"I ran a camp {SCRIPT}",
        status=Application.Status.ACCEPTED,
        accepted_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    Position.objects.filter(pk=position.pk).update(places_taken=1)
    hours.entry_log(
        actor=actors.volunteer,
        volunteer=profile,
        data=EntryInput(
            date=dt.date.today() - dt.timedelta(days=1),
            minutes=60,
            position=position,
            description=f"Helped {SCRIPT}",
        ),
    )
    return {"org": org, "position": position, "application": app}


@pytest.mark.parametrize(
    ("who", "url"),
    [
        (None, "/en/organizations/{org}/"),
        (None, "/en/organizations/"),
        (None, "/en/positions/{position}/"),
        (None, "/en/positions/?q=Tutor"),
        ("coordinator", "/en/positions/manage/{org}/"),
        ("coordinator", "/en/hours/queue/"),
        ("volunteer", "/en/volunteers/me/"),
        ("volunteer", "/en/hours/"),
        ("volunteer", "/en/positions/my-applications/"),
    ],
)
def test_script_in_text_fields_is_escaped_in_pages(actors, client_for, scripted, who, url) -> None:  # type: ignore[no-untyped-def]
    user = getattr(actors, who) if who else None
    page = client_for(user).get(
        url.format(org=scripted["org"].pk, position=scripted["position"].pk)
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;" in html  # the text is shown, as text


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


def test_script_in_text_fields_is_data_in_the_api(actors, client_for, scripted) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.coordinator)
    org = client.get(f"/api/v1/organizations/{scripted['org'].pk}").json()
    assert SCRIPT in org["description_en"]
    position = client.get(f"/api/v1/positions/{scripted['position'].pk}")
    assert position["Content-Type"].startswith("application/json")
    assert position.json()["title_en"] == f"Tutor {SCRIPT}"
    applicants = client.get(f"/api/v1/positions/{scripted['position'].pk}/applications")
    assert applicants.status_code == 200
    assert any(SCRIPT in text for text in _strings(applicants.json()))


# --- SQL-looking search strings ----------------------------------------------------------------


@pytest.fixture
def garden(actors):  # type: ignore[no-untyped-def]
    project = f.ProjectFactory(organization=actors.org)
    common = {"project": project, "description_ru": "", "description_en": "", "places": 3}
    return {
        "garden": f.PositionFactory(
            title_en="Garden helper",
            title_ru="Помощник в саду",
            title_kk="Бақша көмекшісі",
            **common,
        ),
        "library": f.PositionFactory(
            title_en="Library assistant",
            title_ru="Помощь в библиотеке",
            title_kk="Кітапхана көмекшісі",
            **common,
        ),
    }


HOSTILE_QUERIES = [
    "' OR 1=1 --",
    "' OR '1'='1",
    "'; DROP TABLE opportunities_position; --",
    "%",
    "_",
    "\\",
    "%%%%",
    "garden%",
    "gard_n",
    "O'Brien",
    '"garden"',
    "garden & library | !x",
    "garden:*",
    "')) OR ((1=1",
]


def _api_titles(client, q: str) -> set[str]:  # type: ignore[no-untyped-def]
    response = client.get("/api/v1/positions", {"q": q, "lang": "en"})
    assert response.status_code == 200, (q, response.content[:300])
    return {item["title_en"] for item in response.json()["results"]}


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_sql_looking_search_strings(actors, client_for, garden, q: str) -> None:  # type: ignore[no-untyped-def]
    client = client_for(None)
    page = client.get("/en/positions/", {"q": q})
    assert page.status_code == 200
    titles = _api_titles(client, q)
    everything = _api_titles(client, "")
    assert Position.objects.count() == 2  # nothing dropped
    assert titles <= everything
    if any(c.isalnum() or c == "_" for c in q.replace("garden", "").replace("library", "")):
        # Words that match no position find nothing: no "OR 1=1" returning the whole table,
        # and "_" is a literal underscore, not LIKE's any-character.
        assert titles == set(), q
    if q in ("garden%", '"garden"', "garden:*"):
        assert titles == {"Garden helper"}  # % and quotes are not wildcards or syntax
    if q in ("%", "\\", "%%%%"):
        assert titles == everything  # punctuation alone is no filter at all, never an error


# --- reflected input and redirects ---------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/positions/",
        "/en/organizations/",
        "/en/accounts/login/",
        "/en/monitoring/matrix/",
        "/en/monitoring/findings/",
        "/en/reports/",
        "/en/reports/value/",
    ],
)
def test_query_parameters_are_escaped_when_echoed(actors, client_for, url: str) -> None:  # type: ignore[no-untyped-def]
    signed_in = "monitoring" in url or "value" in url
    response = client_for(actors.analyst if signed_in else None).get(
        url, {"q": SCRIPT, "next": SCRIPT, "region": SCRIPT, "year": SCRIPT}
    )
    assert response.status_code in (200, 400)
    assert SCRIPT not in response.content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"]
)
def test_sign_in_never_redirects_off_site(actors, target: str) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    response = Client().post(
        f"/en/accounts/login/?next={target}",
        {"username": "volunteer@example.kz", "password": "correct-horse-42", "next": target},
    )
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil" not in location and "javascript" not in location
