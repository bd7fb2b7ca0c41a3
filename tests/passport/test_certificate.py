"""Certificates: signed, verifiable online and offline, tamper-evident, revocable."""

from __future__ import annotations

import copy
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from asar.passport import services, signing
from asar.passport import verify as offline

pytestmark = pytest.mark.django_db


def issue(actors, language="kk"):  # type: ignore[no-untyped-def]
    today = timezone.localdate()
    return services.certificate_issue(
        actor=actors.volunteer,
        volunteer=actors.profile,
        period_from=today - dt.timedelta(days=25),
        period_to=today,
        language=language,
    )


def test_certificate_states_confirmed_hours_of_the_period(actors, confirmed) -> None:
    cert = issue(actors, "ru")
    c = cert.content
    # Only confirmed entries inside the period: 2 h + 3 h (1.5 h is 30 days old, 1 h pending).
    assert c["totals"] == {"confirmed_minutes": 300, "confirmed_hours": "5"}
    assert c["holder"]["name"] == actors.profile.full_name
    assert c["activities"][0]["organization"] == "Добрые сердца"
    assert c["activities"][0]["entries"] == 2
    assert c["verify_url"].endswith(f"/ru/passport/verify/{cert.pk}/")


def test_signature_round_trip_and_tampering(actors, confirmed, tmp_path: Path) -> None:
    cert = issue(actors)
    document = cert.document()
    assert offline.verify_document(document, signing.public_key_b64()) == (
        True,
        "the signature is valid",
    )
    assert services.certificate_verify(certificate_id=cert.pk, document=document).valid
    altered = copy.deepcopy(document)
    altered["certificate"]["totals"]["confirmed_minutes"] = 30000
    valid, reason = offline.verify_document(altered, signing.public_key_b64())
    assert not valid and "altered" in reason
    with override("en"):
        result = services.certificate_verify(certificate_id=cert.pk, document=altered)
    assert not result.valid and result.code == "altered" and "altered" in result.reason
    # Offline, from the command line, with only the JSON and the public key.
    (tmp_path / "cert.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "key.txt").write_text(signing.public_key_b64())
    (tmp_path / "bad.json").write_text(json.dumps(altered), encoding="utf-8")
    script = Path(offline.__file__)
    ok = subprocess.run(
        [sys.executable, str(script), "cert.json", "key.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and ok.stdout.startswith("VALID")
    bad = subprocess.run(
        [sys.executable, str(script), "bad.json", "key.txt"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 1 and bad.stdout.startswith("NOT VALID")


def test_stored_content_altered_in_the_database_fails(actors, confirmed) -> None:
    cert = issue(actors)
    cert.content["holder"]["name"] = "Someone Else"
    cert.save()
    with override("ru"):
        result = services.certificate_verify(certificate_id=cert.pk)
    assert not result.valid and result.code == "signature_mismatch"
    assert result.reason == "Хранимый сертификат не соответствует своей подписи."


def test_revoked_certificate_fails_with_reason(actors, confirmed, client_for) -> None:
    cert = issue(actors, "en")
    with pytest.raises(PermissionDenied):
        services.certificate_revoke(actor=actors.other_volunteer, certificate=cert, reason="x")
    client_for(actors.volunteer).post(
        reverse("passport:certificate_revoke", args=[cert.pk]), {"reason": "Wrong period"}
    )
    with override("en"):
        result = services.certificate_verify(certificate_id=cert.pk, document=cert.document())
    assert not result.valid and result.code == "revoked"
    assert "revoked" in result.reason and "Wrong period" in result.reason
    page = client_for(None).get(reverse("passport:verify", args=[cert.pk]))
    assert "Wrong period" in page.content.decode()
    api = client_for(None).get(f"/api/v1/passport/verify/{cert.pk}").json()
    assert api["valid"] is False and api["code"] == "revoked" and "Wrong period" in api["reason"]


def test_issue_rules(actors, confirmed) -> None:
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        services.certificate_issue(
            actor=actors.other_volunteer,
            volunteer=actors.profile,
            period_from=today,
            period_to=today,
            language="kk",
        )
    with pytest.raises(ValidationError):
        services.certificate_issue(
            actor=actors.volunteer,
            volunteer=actors.profile,
            period_from=today,
            period_to=today - dt.timedelta(days=1),
            language="kk",
        )
    with pytest.raises(ValidationError) as exc:
        services.certificate_issue(
            actor=actors.volunteer,
            volunteer=actors.profile,
            period_from=today - dt.timedelta(days=5),
            period_to=today,
            language="kk",
        )
    assert exc.value.error_dict["period_from"][0].code == "empty"


def test_verify_page_and_api_are_public(actors, confirmed, client_for) -> None:
    cert = issue(actors)
    page = client_for(None).get(reverse("passport:verify", args=[cert.pk]))
    assert page.status_code == 200 and actors.profile.full_name in page.content.decode()
    assert signing.public_key_b64() in page.content.decode()
    api = client_for(None).get(f"/api/v1/passport/verify/{cert.pk}").json()
    assert api["valid"] is True and api["certificate"]["totals"]["confirmed_minutes"] == 300
    posted = client_for(None).post(
        "/api/v1/passport/verify", json.dumps(cert.document()), content_type="application/json"
    )
    assert posted.json()["valid"] is True
    tampered = cert.document()
    tampered["certificate"]["holder"]["name"] = "X"
    assert (
        client_for(None)
        .post("/api/v1/passport/verify", json.dumps(tampered), content_type="application/json")
        .json()["valid"]
        is False
    )
    missing = "00000000-0000-4000-8000-000000000000"
    assert client_for(None).get(reverse("passport:verify", args=[missing])).status_code == 404
    assert client_for(None).get(f"/api/v1/passport/verify/{missing}").status_code == 404
    key = client_for(None).get("/api/v1/passport/public-key").json()
    assert (
        key["public_key"] == signing.public_key_b64()
        and "BEGIN PUBLIC KEY" in key["public_key_pem"]
    )
    script = client_for(None).get(reverse("passport:verifier_script"))
    assert b"def verify_document" in b"".join(script.streaming_content)


def test_upload_check_on_verify_page(actors, confirmed, client_for) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    cert = issue(actors)
    url = reverse("passport:verify", args=[cert.pk])
    good = SimpleUploadedFile("c.json", json.dumps(cert.document()).encode(), "application/json")
    assert "verify-result" in client_for(None).post(url, {"document": good}).content.decode()
    altered = cert.document()
    altered["certificate"]["totals"]["confirmed_hours"] = "500"
    bad = SimpleUploadedFile("c.json", json.dumps(altered).encode(), "application/json")
    response = client_for(None).post(url, {"document": bad})
    assert response.context["result"].valid is False


def test_uploading_the_pdf_says_it_is_not_the_signed_file(actors, confirmed, client_for) -> None:
    """An employer uploads the PDF the holder sent: it was called "damaged or altered" and the
    certificate "Not valid"."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    cert = issue(actors)
    with override("en"):
        url = reverse("passport:verify", args=[cert.pk])
    pdf = SimpleUploadedFile("certificate.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj", "application/pdf")
    response = client_for(None).post(url, {"document": pdf})
    assert response.status_code == 400
    assert response.context["result"].valid is True  # the certificate itself is in force
    html = response.content.decode()
    assert "This is not the signed certificate file (.json)" in html
    assert "damaged or was altered" not in html
    # A damaged signed file is still called so.
    broken = SimpleUploadedFile("c.json", json.dumps(cert.document()).encode()[:-40])
    response = client_for(None).post(url, {"document": broken})
    assert response.context["result"].valid is False
    assert "damaged or was altered" in response.content.decode()


def test_certificate_pages_only_for_the_owner(actors, confirmed, client_for) -> None:
    client = client_for(actors.volunteer)
    response = client.post(
        reverse("passport:certificate_new"),
        {
            "period_from": (timezone.localdate() - dt.timedelta(days=40)).isoformat(),
            "period_to": timezone.localdate().isoformat(),
            "language": "kk",
        },
    )
    assert response.status_code == 302
    cert = actors.profile.certificates.get()
    assert cert.content["totals"]["confirmed_minutes"] == 390
    for name in ("passport:certificate", "passport:certificate_pdf", "passport:certificate_json"):
        url = reverse(name, args=[cert.pk])
        assert client_for(actors.other_volunteer).get(url).status_code == 404
        assert client_for(actors.coordinator).get(url).status_code == 403
        assert client_for(None).get(url).status_code == 302
    document = client.get(reverse("passport:certificate_json", args=[cert.pk])).json()
    assert offline.verify_document(document, signing.public_key_b64())[0]
    # API: issue and list
    api = client.post(
        "/api/v1/passport/certificates",
        json.dumps(
            {
                "period_from": "2020-01-01",
                "period_to": timezone.localdate().isoformat(),
                "language": "en",
            }
        ),
        content_type="application/json",
    )
    assert api.status_code == 201 and api.json()["document"]["signature"]
    assert len(client.get("/api/v1/passport/certificates").json()) == 2
    assert client_for(actors.other_volunteer).get("/api/v1/passport/certificates").json() == []


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_pdf_renders_kazakh_letters(
    actors, confirmed, client_for, language, tmp_path: Path
) -> None:
    actors.profile.last_name = "Әбілқасымова"
    actors.profile.first_name = "Ғалия"
    actors.profile.save()
    cert = issue(actors, language)
    response = client_for(actors.volunteer).get(reverse("passport:certificate_pdf", args=[cert.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    # Kept under test-artifacts/ (ignored by git) so a person can look at it.
    artifacts = Path(__file__).resolve().parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    pdf = artifacts / f"certificate-{language}.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Әбілқасымова Ғалия" in text
    assert (
        "Волонтерлік сағаттар туралы сертификат"
        if language == "kk"
        else "Сертификат о волонтёрских часах"
    ) in text


def test_a_damaged_upload_is_not_valid(actors, confirmed, client_for) -> None:
    """One byte changed inside a letter makes the file unreadable JSON: the page must say
    "not valid", never show the stored certificate's green "valid" above a small form error."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    cert = issue(actors)
    raw = bytearray(json.dumps(cert.document(), ensure_ascii=False).encode())
    raw[raw.index(actors.profile.last_name.encode())] = 0xFF
    with override("en"):
        response = client_for(None).post(
            reverse("passport:verify", args=[cert.pk]),
            {"document": SimpleUploadedFile("c.json", bytes(raw), "application/json")},
        )
    result = response.context["result"]
    assert not result.valid and result.code == "unreadable"
    assert "damaged or was altered" in result.reason
    assert "Not valid" in response.content.decode()
    not_an_object = services.certificate_verify_file(certificate_id=cert.pk, data=b"[1, 2]")
    assert not not_an_object.valid and not_an_object.code == "unreadable"


def test_offline_verifier_explains_unreadable_files(
    actors, confirmed, tmp_path: Path, capsys
) -> None:
    cert = issue(actors)
    key = tmp_path / "public-key.txt"
    key.write_text(signing.public_key_b64())
    raw = bytearray(json.dumps(cert.document(), ensure_ascii=False).encode())
    raw[raw.index(actors.profile.last_name.encode())] = 0xFF
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(bytes(raw))
    assert offline.main(["verify", str(damaged), str(key)]) == 1
    assert "NOT VALID" in capsys.readouterr().out
    truncated = tmp_path / "truncated.json"
    truncated.write_text(json.dumps(cert.document())[:-5])
    assert offline.main(["verify", str(truncated), str(key)]) == 1
    assert offline.main(["verify", str(tmp_path / "missing.json"), str(key)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_offline_verifier_explains_a_key_file_that_is_not_text(
    actors, confirmed, tmp_path: Path, capsys
) -> None:
    cert = issue(actors)
    document = tmp_path / "certificate.json"
    document.write_text(json.dumps(cert.document()))
    key = tmp_path / "public-key.txt"
    key.write_text(signing.public_key_b64(), encoding="utf-16")  # Notepad's "Unicode"
    assert offline.main(["verify", str(document), str(key)]) == 2
    assert f"cannot read {key}: the public key is not UTF-8 text" in capsys.readouterr().err


def test_every_pdf_page_names_the_holder_and_number(
    actors, confirmed, client_for, tmp_path: Path
) -> None:
    cert = issue(actors, "kk")
    response = client_for(actors.volunteer).get(reverse("passport:certificate_pdf", args=[cert.pk]))
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(response.content)
    pages = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    for page in (p for p in pages if p.strip()):
        assert f"{actors.profile.full_name} · № {cert.pk}" in " ".join(page.split())
