"""Whoever registers an organisation needs an account, not a volunteer profile."""

from __future__ import annotations

import pytest
from django.test import Client

from asar.accounts.models import User
from asar.organizations.models import Membership, Organization
from asar.volunteers.models import VolunteerProfile
from tests import factories as f
from tests.organizations.factories import org_payload

pytestmark = pytest.mark.django_db
PASSWORD = "Kokterek-2026!"


def _signup(client: Client, lang: str = "ru", **overrides: str) -> object:
    data = {
        "email": "Director@Example.kz",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "last_name": "Ахметова",
        "first_name": "Динара",
        "personal_data_consent": "on",
        "next": f"/{lang}/organizations/new/",
        **overrides,
    }
    return client.post(f"/{lang}/accounts/signup/", {k: v for k, v in data.items() if v})


def test_an_organisations_director_signs_up_and_registers_it(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    # The way in: the organisations page and the sign-in page both lead here.
    assert "/accounts/signup/" in client.get("/ru/organizations/").content.decode()
    assert "/accounts/signup/" in client.get("/ru/accounts/login/").content.decode()
    assert client.get("/ru/accounts/signup/").status_code == 200
    response = _signup(client)
    assert response.status_code == 302 and response["Location"] == "/ru/organizations/new/"
    user = User.objects.get(email="director@example.kz")
    assert (user.first_name, user.preferred_language) == ("Динара", "ru")
    assert not VolunteerProfile.objects.filter(user=user).exists()
    response = client.post("/ru/organizations/new/", org_payload())
    assert response.status_code == 302
    organization = Organization.objects.get(name_kk="Жақсылық жасау қоры")
    assert Membership.objects.filter(
        user=user, organization=organization, role=Membership.Role.OWNER
    ).exists()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "taken@example.kz"}, "email", "уже существует"),
        ({"password2": "something-else-1"}, "password2", "не совпадают"),
        ({"password1": "12345678", "password2": "12345678"}, "password1", ""),
        ({"personal_data_consent": ""}, "personal_data_consent", "согласие"),
        ({"first_name": ""}, "first_name", ""),
    ],
)
def test_errors_field_by_field_and_nothing_written(db, overrides, field, message) -> None:  # type: ignore[no-untyped-def]
    f.UserFactory(email="taken@example.kz")
    before = User.objects.count()
    response = _signup(Client(), **overrides)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors and message in " ".join(errors[field])
    assert User.objects.count() == before


def test_next_never_leads_off_site(db) -> None:  # type: ignore[no-untyped-def]
    response = _signup(Client(), next="https://evil.example.com/")
    assert response["Location"] == "/ru/organizations/new/"
