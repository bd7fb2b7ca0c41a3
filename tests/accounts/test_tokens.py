from __future__ import annotations

import json

import pytest

from asar.accounts.models import ApiToken
from asar.accounts.services import MAX_TOKENS_PER_USER
from asar.accounts.tokens import api_token_create, user_for_token

pytestmark = pytest.mark.django_db


def test_api_creates_a_working_token_for_the_session_user(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        "/api/v1/accounts/tokens",
        json.dumps({"name": "my script"}),
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert user_for_token(data["token"]) == actors.volunteer
    record = ApiToken.objects.get(pk=data["id"])
    assert record.name == "my script"
    assert data["token"] not in record.key_sha256


def test_api_refuses_anonymous_and_token_callers(client, actors) -> None:  # type: ignore[no-untyped-def]
    assert (
        client.post(
            "/api/v1/accounts/tokens", json.dumps({"name": "x"}), content_type="application/json"
        ).status_code
        == 401
    )
    token = api_token_create(user=actors.volunteer, name="first")
    response = client.post(
        "/api/v1/accounts/tokens",
        json.dumps({"name": "x"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 401


def test_api_validates_name_and_limit(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    assert (
        client.post(
            "/api/v1/accounts/tokens", json.dumps({"name": ""}), content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        client.post(
            "/api/v1/accounts/tokens", json.dumps({"name": "   "}), content_type="application/json"
        ).status_code
        == 400
    )
    for n in range(MAX_TOKENS_PER_USER):
        api_token_create(user=actors.volunteer, name=f"t{n}")
    response = client.post(
        "/api/v1/accounts/tokens", json.dumps({"name": "one more"}), content_type="application/json"
    )
    assert response.status_code == 400


def test_tokens_page_creates_lists_and_revokes_own_tokens(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    response = client.post("/en/accounts/tokens/", {"name": "laptop"})
    assert response.status_code == 200
    token = response.context["new_token"]
    assert user_for_token(token) == actors.volunteer
    record = ApiToken.objects.get(user=actors.volunteer)
    # Another user cannot revoke it.
    client_for(actors.other_volunteer).post(f"/en/accounts/tokens/{record.id}/revoke/")
    assert ApiToken.objects.filter(pk=record.pk).exists()
    # On reload the token itself is not shown again.
    assert token not in client.get("/en/accounts/tokens/").content.decode()
    client.post(f"/en/accounts/tokens/{record.id}/revoke/")
    assert not ApiToken.objects.filter(pk=record.pk).exists()


def test_tokens_page_requires_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/en/accounts/tokens/").status_code == 302


def test_password_change_page(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    assert client.get("/kk/accounts/password/").status_code == 200
    response = client.post(
        "/kk/accounts/password/",
        {
            "old_password": "correct-horse-42",
            "new_password1": "blue-steppe-2025",
            "new_password2": "blue-steppe-2025",
        },
    )
    assert response.status_code == 302
    actors.volunteer.refresh_from_db()
    assert actors.volunteer.check_password("blue-steppe-2025")


def test_sign_in_ignores_letter_case_of_the_email(client, actors) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/en/accounts/login/",
        {"username": " Volunteer@Example.KZ ", "password": "correct-horse-42"},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/volunteers/me").status_code == 200


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_token_authenticates_with_either_scheme(client, actors, scheme: str) -> None:  # type: ignore[no-untyped-def]
    token = api_token_create(user=actors.volunteer, name="cli")
    ok = client.get("/api/v1/volunteers/me", HTTP_AUTHORIZATION=f"{scheme} {token}")
    assert ok.status_code == 200
    assert client.get("/api/v1/volunteers/me", HTTP_AUTHORIZATION=f"{scheme} ").status_code == 401
    wrong = client.get("/api/v1/volunteers/me", HTTP_AUTHORIZATION=f"Basic {token}")
    assert wrong.status_code == 401
