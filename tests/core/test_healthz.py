from __future__ import annotations

import logging

import pytest
from django.test import Client

from asar.core.logging import RedactPersonalData


@pytest.mark.django_db
def test_healthz_reports_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["status"] == "ok"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_home_page_in_each_language(lang: str) -> None:
    response = Client().get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.django_db
def test_root_redirects_to_browser_language() -> None:
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9")
    assert response.status_code == 302
    assert response["Location"] == "/ru/"


def test_logs_never_carry_iin_phone_or_email() -> None:
    record = logging.LogRecord(
        "x",
        logging.INFO,
        __file__,
        1,
        "user %s iin %s phone %s",
        ("a@b.kz", "900101300011", "+7 701 123 45 67"),
        None,
    )
    RedactPersonalData().filter(record)
    text = record.getMessage()
    assert "900101300011" not in text and "a@b.kz" not in text and "701 123" not in text


@pytest.mark.django_db
def test_nul_characters_refused_at_the_boundary() -> None:
    client = Client()
    response = client.get("/api/v1/geo/regions?q=a%00b")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    response = client.post(
        "/api/v1/geo/regions", data='{"name": "a\\u0000b"}', content_type="application/json"
    )
    assert response.status_code == 400
    assert client.get("/kk/?q=a%00").status_code == 400
