from __future__ import annotations

import datetime as dt
import json

import pytest
from django.forms.models import model_to_dict

from asar.volunteers.models import VolunteerProfile
from asar.volunteers.validators import iin_hash
from tests import factories as f
from tests.volunteers.factories import iin_for

pytestmark = pytest.mark.django_db

BIRTH = dt.date(2000, 5, 17)  # VolunteerFactory's birth date


def edit_payload(profile: VolunteerProfile, **overrides: object) -> dict[str, object]:
    data = model_to_dict(
        profile,
        fields=[
            "first_name",
            "last_name",
            "patronymic",
            "region",
            "settlement",
            "gender",
            "employment",
            "education",
            "other_skills",
            "hours_per_week",
            "health_restrictions",
            "phone",
        ],
    )
    data.update(
        birth_date=profile.birth_date.isoformat(),
        languages=profile.languages,
        availability=profile.availability,
        skills=[s.pk for s in profile.skills.all()],
        iin="",
    )
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def with_iin(profile: VolunteerProfile, iin: str) -> VolunteerProfile:
    profile.iin_hash = iin_hash(iin)
    profile.iin_last4 = iin[-4:]
    profile.save()
    return profile


def test_profile_requires_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/en/volunteers/me/")
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_user_without_profile_is_sent_to_registration(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.coordinator).get("/en/volunteers/me/")
    assert response.status_code == 302


def test_profile_shows_own_data_with_masked_iin(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    iin = iin_for(BIRTH)
    with_iin(actors.profile, iin)
    body = client_for(actors.volunteer).get("/en/volunteers/me/").content.decode()
    assert actors.profile.last_name in body
    assert "••••••••" + iin[-4:] in body
    assert iin not in body and iin[:8] not in body


def test_edit_changes_the_profile(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    profile = actors.profile
    assert client.get("/kk/volunteers/me/edit/").status_code == 200
    response = client.post(
        "/kk/volunteers/me/edit/",
        edit_payload(
            profile,
            settlement="Қаскелең",
            region=f.region("KZ-19").pk,
            hours_per_week=12,
            passport_public="on",
            health_restrictions="Астма",
        ),
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.settlement == "Қаскелең"
    assert profile.region.iso_code == "KZ-19"
    assert profile.hours_per_week == 12
    assert profile.passport_public is True
    assert profile.health_restrictions == "Астма"


def test_edit_keeps_iin_when_left_empty_and_replaces_it_when_given(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    old = iin_for(BIRTH, serial=1)
    profile = with_iin(actors.profile, old)
    client.post("/en/volunteers/me/edit/", edit_payload(profile))
    profile.refresh_from_db()
    assert profile.iin_hash == iin_hash(old)
    new = iin_for(BIRTH, serial=500)
    client.post("/en/volunteers/me/edit/", edit_payload(profile, iin=new))
    profile.refresh_from_db()
    assert profile.iin_hash == iin_hash(new) and profile.iin_last4 == new[-4:]
    client.post("/en/volunteers/me/remove-iin/")
    profile.refresh_from_db()
    assert profile.iin_hash is None and profile.iin_last4 == ""


def test_edit_refuses_someone_elses_iin(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    iin = iin_for(BIRTH)
    with_iin(actors.other_volunteer.volunteer_profile, iin)
    response = client_for(actors.volunteer).post(
        "/en/volunteers/me/edit/", edit_payload(actors.profile, iin=iin)
    )
    assert response.status_code == 200
    assert "iin" in response.context["form"].errors
    actors.profile.refresh_from_db()
    assert actors.profile.iin_hash is None


def test_edit_refuses_becoming_a_minor_without_consent(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    young = dt.date.today().replace(year=dt.date.today().year - 16) - dt.timedelta(days=2)
    response = client_for(actors.volunteer).post(
        "/en/volunteers/me/edit/", edit_payload(actors.profile, birth_date=young.isoformat())
    )
    assert "guardian_consent" in response.context["form"].errors
    actors.profile.refresh_from_db()
    assert actors.profile.birth_date == BIRTH


def test_edit_only_touches_own_profile(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    other = actors.other_volunteer.volunteer_profile
    client_for(actors.volunteer).post(
        "/en/volunteers/me/edit/", edit_payload(actors.profile, settlement="Талғар")
    )
    other.refresh_from_db()
    assert other.settlement != "Талғар"


# --- API ------------------------------------------------------------------------------


def test_api_me_requires_authentication(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/api/v1/volunteers/me").status_code == 401
    assert (
        client.patch("/api/v1/volunteers/me", "{}", content_type="application/json").status_code
        == 401
    )


def test_api_me_returns_own_profile_masked(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    iin = iin_for(BIRTH)
    with_iin(actors.profile, iin)
    response = client_for(actors.volunteer).get("/api/v1/volunteers/me")
    assert response.status_code == 200
    data = response.json()
    assert data["email"] == "volunteer@example.kz"
    assert data["iin_masked"] == "••••••••" + iin[-4:]
    assert iin not in response.content.decode()
    assert "iin_hash" not in data
    assert data["region"] == "KZ-75"


def test_api_me_is_404_for_a_user_without_profile(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.coordinator).get("/api/v1/volunteers/me")
    assert response.status_code == 404


def test_api_me_with_a_personal_token(client, actors) -> None:  # type: ignore[no-untyped-def]
    from asar.accounts.tokens import api_token_create

    token = api_token_create(user=actors.other_volunteer, name="script")
    response = client.get("/api/v1/volunteers/me", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.json()["email"] == "other.volunteer@example.kz"


def test_api_patch_me(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    response = client.patch(
        "/api/v1/volunteers/me",
        json.dumps(
            {
                "settlement": "Талғар",
                "region": "KZ-19",
                "skills": ["first_aid", "it"],
                "hours_per_week": 10,
                "availability": ["evenings"],
                "passport_public": True,
                "iin": iin_for(BIRTH),
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["settlement"] == "Талғар"
    assert data["region"] == "KZ-19"
    assert data["skills"] == ["first_aid", "it"]
    assert data["passport_public"] is True
    assert data["iin_masked"].endswith(iin_for(BIRTH)[-4:])
    # Fields not sent are kept.
    assert data["first_name"] == actors.profile.first_name


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"iin": "123456789012"}, "iin"),
        ({"region": "KZ-00"}, "region"),
        ({"skills": ["juggling"]}, "skills"),
        ({"birth_date": "2099-01-01"}, "birth_date"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_api_patch_me_validation(client_for, actors, payload, field) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    response = client.patch(
        "/api/v1/volunteers/me", json.dumps(payload), content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    actors.profile.refresh_from_db()
    assert actors.profile.first_name


def test_api_patch_refuses_duplicate_iin(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    iin = iin_for(BIRTH)
    with_iin(actors.other_volunteer.volunteer_profile, iin)
    response = client_for(actors.volunteer).patch(
        "/api/v1/volunteers/me", json.dumps({"iin": iin}), content_type="application/json"
    )
    assert response.status_code == 400
    assert "iin" in response.json()["errors"]
