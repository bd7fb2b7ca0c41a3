from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from asar.accounts.models import User
from asar.volunteers.models import Skill, VolunteerProfile
from tests.volunteers.factories import bad_checksum, iin_for, registration_payload, years_ago

pytestmark = pytest.mark.django_db

URL = "/ru/volunteers/register/"


def post(client: Client, url: str = URL, **overrides: object):  # type: ignore[no-untyped-def]
    return client.post(url, registration_payload(**overrides))


def test_page_renders_in_each_language(client: Client) -> None:
    for lang, word in (
        ("kk", "Волонтер болу"),
        ("ru", "Стать волонтёром"),
        ("en", "Become a volunteer"),
    ):
        response = client.get(f"/{lang}/volunteers/register/")
        assert response.status_code == 200
        assert word in response.content.decode()


def test_adult_registers_logs_in_and_goes_to_search(client: Client) -> None:
    skill = Skill.objects.get(code="first_aid")
    response = post(client, skills=[skill.pk], iin=iin_for(dt.date(1998, 3, 14)))
    assert response.status_code == 302
    assert response.url == reverse("opportunities:search")
    user = User.objects.get(email="aigerim@example.kz")
    assert user.preferred_language == "ru"
    assert user.check_password("tulip-garden-2024")
    profile = user.volunteer_profile
    assert profile.age_group == "19-29" or profile.age_group in {"19-29", "30-35"}
    assert list(profile.skills.all()) == [skill]
    assert profile.iin_last4 and profile.iin_hash and len(profile.iin_hash) == 64
    assert profile.personal_data_consent_at is not None
    # One consent, at one moment, for the account and the profile.
    assert user.personal_data_consent_at == profile.personal_data_consent_at
    # Signed in: the profile page opens.
    assert client.get("/ru/volunteers/me/").status_code == 200


@pytest.mark.parametrize("phone", ["abc", "12345", "1234567890123456", "7+7011234567"])
def test_phone_that_is_not_a_number_is_refused(client: Client, phone: str) -> None:
    """A phone of "abc" was stored and shown to the coordinator as the way to reach someone."""
    response = post(client, "/en/volunteers/register/", phone=phone)
    assert response.status_code == 200
    assert response.context["form"].errors["phone"] == [
        "Enter a phone number of 10 to 15 digits, e.g. +7 701 234 56 78."
    ]
    assert not VolunteerProfile.objects.exists()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("+7 (701) 234-56-78", "+7 (701) 234-56-78"), (" 87012345678 ", "87012345678"), ("", "")],
)
def test_usual_ways_of_writing_a_phone_are_kept(client: Client, typed: str, stored: str) -> None:
    assert post(client, phone=typed).status_code == 302
    assert VolunteerProfile.objects.get().phone == stored


def test_next_is_followed_only_when_local(client: Client) -> None:
    response = client.post(URL + "?next=/ru/organizations/", registration_payload())
    assert response.url == "/ru/organizations/"
    other = Client()
    response = other.post(
        URL + "?next=https://evil.example/", registration_payload(email="b@example.kz")
    )
    assert response.url == reverse("opportunities:search")


def test_preferred_language_is_the_current_one(client: Client) -> None:
    post(client, url="/kk/volunteers/register/")
    assert User.objects.get().preferred_language == "kk"


def test_minor_without_guardian_consent_is_refused(client: Client) -> None:
    response = post(client, birth_date=years_ago(16).isoformat(), employment="schoolchild")
    assert response.status_code == 200
    assert "guardian_consent" in response.context["form"].errors
    assert "согласие родителя" in response.content.decode()
    assert not User.objects.exists()


def test_minor_with_guardian_consent_registers(client: Client) -> None:
    response = post(
        client,
        birth_date=years_ago(15).isoformat(),
        employment="schoolchild",
        guardian_consent="on",
    )
    assert response.status_code == 302
    profile = VolunteerProfile.objects.get()
    assert profile.is_minor and profile.guardian_consent
    assert profile.age_group == "14-15"


def test_under_14_cannot_register(client: Client) -> None:
    response = post(client, birth_date=years_ago(14, days=-1).isoformat(), guardian_consent="on")
    assert response.status_code == 200
    errors = response.context["form"].errors["birth_date"]
    assert "14" in errors[0]
    assert not User.objects.exists() and not VolunteerProfile.objects.exists()


def test_exactly_14_can_register(client: Client) -> None:
    response = post(client, birth_date=years_ago(14).isoformat(), guardian_consent="on")
    assert response.status_code == 302


def test_future_birth_date_refused(client: Client) -> None:
    response = post(client, birth_date=(dt.date.today() + dt.timedelta(days=3)).isoformat())
    assert "birth_date" in response.context["form"].errors


@pytest.mark.parametrize(
    ("iin", "fragment"),
    [
        ("12345", "12 цифр"),
        ("98031450000a", "12 цифр"),
        ("981314300000", "дату рождения"),
    ],
)
def test_malformed_iin_refused_with_russian_message(
    client: Client, iin: str, fragment: str
) -> None:
    response = post(client, iin=iin)
    assert response.status_code == 200
    assert fragment in " ".join(response.context["form"].errors["iin"])
    assert not User.objects.exists()


def test_iin_checksum_is_checked(client: Client) -> None:
    good = iin_for(dt.date(1998, 3, 14))
    response = post(client, iin=bad_checksum(good))
    assert "iin" in response.context["form"].errors
    assert not User.objects.exists()


def test_iin_must_match_birth_date(client: Client) -> None:
    response = post(client, iin=iin_for(dt.date(1997, 3, 14)))
    assert "iin" in response.context["form"].errors


def test_duplicate_iin_refused(client: Client) -> None:
    iin = iin_for(dt.date(1998, 3, 14))
    assert post(client, iin=iin).status_code == 302
    other = Client()
    response = post(other, email="second@example.kz", iin=f"{iin[:6]} {iin[6:]}")
    assert response.status_code == 200
    assert "iin" in response.context["form"].errors
    assert User.objects.count() == 1


def test_duplicate_email_refused_case_insensitively(client: Client) -> None:
    assert post(client).status_code == 302
    response = post(Client(), email="AIGERIM@example.kz")
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 1


def test_password_rules_and_confirmation(client: Client) -> None:
    response = post(client, password1="12345678", password2="12345678")
    assert "password1" in response.context["form"].errors
    response = post(client, password2="something-else-77")
    assert "password2" in response.context["form"].errors
    assert not User.objects.exists()


def test_consent_is_required(client: Client) -> None:
    payload = registration_payload()
    del payload["personal_data_consent"]
    response = client.post(URL, payload)
    assert "personal_data_consent" in response.context["form"].errors


def test_nothing_half_written_when_the_service_fails(client: Client) -> None:
    """A duplicate IIN that slips past the form (race) leaves neither user nor profile."""
    from django.core.exceptions import ValidationError

    from asar.volunteers import services
    from tests import factories as f

    iin = iin_for(dt.date(1998, 3, 14))
    f.VolunteerFactory(birth_date=dt.date(1998, 3, 14))
    VolunteerProfile.objects.update(iin_hash=services.validators.iin_hash(iin), iin_last4=iin[-4:])
    users_before = User.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.volunteer_register(
            email="race@example.kz",
            password="tulip-garden-2024",
            language="kk",
            data={
                "first_name": "A",
                "last_name": "B",
                "region": f.region(),
                "settlement": "Алматы",
                "gender": "male",
                "birth_date": dt.date(1998, 3, 14),
                "employment": "student",
            },
            iin=iin,
        )
    assert "iin" in exc.value.error_dict
    assert User.objects.count() == users_before
    assert not User.objects.filter(email="race@example.kz").exists()


def test_signed_in_volunteer_is_sent_to_profile(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).get(URL)
    assert response.status_code == 302
    assert response.url == "/ru/volunteers/me/"


def test_errors_show_in_kazakh(client: Client) -> None:
    with translation.override("kk"):
        response = post(client, url="/kk/volunteers/register/", iin="12345")
    body = response.content.decode()
    assert "ЖСН" in body
    assert "ИИН" not in body


def test_email_is_stored_lower_case(client: Client) -> None:
    post(client, email="Aigerim.S@Example.KZ")
    assert User.objects.get().email == "aigerim.s@example.kz"


def test_coordinator_adds_a_volunteer_profile_to_the_same_account(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.coordinator)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="password1"' not in page.content.decode()
    payload = registration_payload()
    for key in ("email", "password1", "password2"):
        del payload[key]
    response = client.post(URL, payload)
    assert response.status_code == 302
    assert actors.coordinator.volunteer_profile.last_name == "Сапарова"
    assert User.objects.filter(email="coord@example.kz").count() == 1
    # A second attempt is sent to the profile instead.
    assert client.get(URL).url == "/ru/volunteers/me/"


def test_become_volunteer_validates_like_registration(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    payload = registration_payload(birth_date=years_ago(12).isoformat())
    for key in ("email", "password1", "password2"):
        del payload[key]
    response = client_for(actors.operator).post(URL, payload)
    assert response.status_code == 200
    assert "birth_date" in response.context["form"].errors
    assert not VolunteerProfile.objects.filter(user=actors.operator).exists()


def test_password_rules_speak_kazakh(client: Client) -> None:
    """Django's own password rules have no Kazakh in Django: Asar's catalogue supplies it."""
    with translation.override("kk"):
        response = post(
            client, url="/kk/volunteers/register/", password1="12345678", password2="12345678"
        )
        errors = " ".join(response.context["form"].errors["password1"])
    assert "тек цифрлардан тұрады" in errors and "тым кең таралған" in errors
    assert "password" not in errors.lower()
