"""Consent to personal-data processing is recorded with its date for every account that
signs up — the organisation's director (account only) as for the volunteer — and shown on the
account page, in the admin, over the API and in the personal-data export."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from asar.accounts import services
from asar.accounts.models import User
from tests import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "Kokterek-2026!"


def _signup(client: Client, lang: str = "ru", consent: str = "on") -> object:
    data = {
        "email": "director@example.kz",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "last_name": "Ахметова",
        "first_name": "Динара",
        "personal_data_consent": consent,
    }
    return client.post(f"/{lang}/accounts/signup/", {k: v for k, v in data.items() if v})


def test_signing_up_records_the_consent_with_its_date(db) -> None:  # type: ignore[no-untyped-def]
    before = timezone.now()
    assert _signup(Client()).status_code == 302
    user = User.objects.get(email="director@example.kz")
    assert user.personal_data_consent_at is not None
    assert before <= user.personal_data_consent_at <= timezone.now()


def test_no_account_without_consent_whatever_the_caller(db) -> None:  # type: ignore[no-untyped-def]
    assert _signup(Client(), consent="").status_code == 200
    with pytest.raises(ValidationError) as error:
        services.account_create(
            email="director@example.kz",
            password=PASSWORD,
            first_name="Динара",
            last_name="Ахметова",
            language="ru",
            personal_data_consent=False,
        )
    assert "personal_data_consent" in error.value.message_dict
    assert not User.objects.filter(email="director@example.kz").exists()


@pytest.mark.parametrize(
    ("lang", "title", "consent"),
    [
        ("kk", "Менің есептік жазбам", "Деректерді өңдеуге келісім"),
        ("ru", "Моя учётная запись", "Согласие на обработку данных"),
        ("en", "My account", "Consent to data processing"),
    ],
)
def test_the_account_page_shows_the_consent(db, lang, title, consent) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    _signup(client, lang)
    html = client.get(f"/{lang}/accounts/").content.decode()
    assert title in html and consent in html
    # Reached from the e-mail address in the header of every page.
    assert f'href="/{lang}/accounts/"' in client.get(f"/{lang}/positions/").content.decode()
    shown = html.split('id="account-consent">')[1].split("</dd>")[0]
    assert str(timezone.localdate().year) in shown


def test_an_account_made_by_an_administrator_shows_no_consent(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    html = client_for(actors.operator).get("/en/accounts/").content.decode()
    assert "not recorded" in html.split('id="account-consent">')[1].split("</dd>")[0]
    assert client_for(None).get("/en/accounts/").status_code == 302


def test_the_api_and_the_admin_show_it(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    consent = (timezone.now() - dt.timedelta(days=3)).replace(microsecond=0)
    user = f.UserFactory(email="director@example.kz", personal_data_consent_at=consent)
    data = client_for(user).get("/api/v1/accounts/me").json()
    assert data["email"] == "director@example.kz" and data["is_volunteer"] is False
    assert dt.datetime.fromisoformat(data["personal_data_consent_at"]) == consent
    assert client_for(actors.volunteer).get("/api/v1/accounts/me").json()["is_volunteer"]
    assert client_for(None).get("/api/v1/accounts/me").status_code == 401
    model_admin = site._registry[User]
    assert "consent" in model_admin.list_display
    admin = client_for(actors.admin)
    page = admin.get(f"/ru/admin/accounts/user/{user.pk}/change/").content.decode()
    assert "Согласие на обработку персональных данных" in page
    assert 'name="personal_data_consent_at"' not in page  # read-only: given, never typed in
    listing = admin.get("/ru/admin/accounts/user/").content.decode()
    assert "column-consent" in listing and "Согласие" in listing
