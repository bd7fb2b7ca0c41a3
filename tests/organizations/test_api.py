from __future__ import annotations

import json

import pytest

from asar.organizations.models import Membership, Organization
from tests import factories as f
from tests.organizations.factories import valid_bin

pytestmark = pytest.mark.django_db

BASE = "/api/v1/organizations"


def body(**overrides: object) -> str:
    data: dict[str, object] = {
        "kind": "registered",
        "name_ru": "Фонд добрых дел",
        "bin": valid_bin(),
        "home_region": "KZ-75",
        "regions": ["KZ-19"],
        "directions": ["education", "elderly"],
        "city": "Алматы",
        "email": "fund@example.kz",
    }
    data.update(overrides)
    return json.dumps(data)


def test_list_is_public_paginated_and_filtered(client, actors) -> None:  # type: ignore[no-untyped-def]
    f.OrganizationFactory.create_batch(25, home_region=f.region("KZ-71"))
    f.OrganizationFactory(verification=Organization.Verification.REJECTED, name_ru="Скрыта")
    data = client.get(f"{BASE}/").json()
    assert (data["count"], data["count_exact"], data["page"], data["pages"]) == (27, True, 1, 2)
    assert len(data["results"]) == 20
    assert all(item["name"] != "Скрыта" for item in data["results"])
    page2 = client.get(f"{BASE}/?page=2").json()
    assert len(page2["results"]) == 7
    only = client.get(f"{BASE}/?region=KZ-79").json()
    assert [i["name_ru"] for i in only["results"]] == ["Чистый Шымкент"]
    assert client.get(f"{BASE}/?kind=registered").json()["count"] == 0
    assert client.get(f"{BASE}/?verified=false").json()["count"] == 0
    assert client.get(f"{BASE}/?page=0").status_code == 422


def test_detail_is_public(client, actors) -> None:  # type: ignore[no-untyped-def]
    data = client.get(f"{BASE}/{actors.org.id}").json()
    assert data["name_ru"] == "Добрые сердца"
    assert data["home_region"] == "KZ-75"
    assert data["verification"] == "verified"
    assert client.get(f"{BASE}/999999").status_code == 404


def test_create_requires_authentication(client) -> None:  # type: ignore[no-untyped-def]
    assert client.post(f"{BASE}/", body(), content_type="application/json").status_code == 401


def test_create_makes_the_caller_owner(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        f"{BASE}/", body(), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["verification"] == "unverified"
    assert data["regions"] == ["KZ-19", "KZ-75"]
    assert data["directions"] == ["education", "elderly"]
    org = Organization.objects.get(pk=data["id"])
    assert Membership.objects.get(organization=org).user == actors.volunteer


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"bin": "123456789012"}, "bin"),
        ({"bin": None}, "bin"),
        ({"kind": "initiative_group"}, "bin"),
        ({"name_ru": ""}, "name_kk"),
        ({"home_region": "KZ-00"}, "home_region"),
        ({"directions": ["nope"]}, "directions"),
        ({"email": "not-an-email"}, "email"),
        ({"phone": "call the office"}, "phone"),
    ],
)
def test_create_validation(client_for, actors, overrides, field) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        f"{BASE}/", body(**overrides), content_type="application/json", HTTP_ACCEPT_LANGUAGE="ru"
    )
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not Organization.objects.filter(name_ru="Фонд добрых дел").exists()


def test_create_refuses_duplicate_bin(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    f.OrganizationFactory(kind="registered", bin=valid_bin())
    response = client_for(actors.volunteer).post(
        f"{BASE}/", body(), content_type="application/json"
    )
    assert response.status_code == 400
    assert "bin" in response.json()["errors"]


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 200),
        ("admin", 200),
        ("other_coordinator", 403),
        ("volunteer", 403),
        ("operator", 403),
        ("analyst", 403),
    ],
)
def test_update_permissions(client_for, actors, who, status) -> None:  # type: ignore[no-untyped-def]
    response = client_for(getattr(actors, who)).patch(
        f"{BASE}/{actors.org.id}", json.dumps({"city": "Алатау"}), content_type="application/json"
    )
    assert response.status_code == status
    actors.org.refresh_from_db()
    assert (actors.org.city == "Алатау") is (status == 200)


def test_update_anonymous(client, actors) -> None:  # type: ignore[no-untyped-def]
    response = client.patch(
        f"{BASE}/{actors.org.id}", json.dumps({"city": "X"}), content_type="application/json"
    )
    assert response.status_code == 401


def test_update_keeps_unsent_fields_and_validates(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.coordinator)
    actors.org.directions.add(f.direction("environment"))
    response = client.patch(
        f"{BASE}/{actors.org.id}",
        json.dumps({"description_en": "We clean parks."}),
        content_type="application/json",
    )
    data = response.json()
    assert data["description_en"] == "We clean parks."
    assert data["name_ru"] == "Добрые сердца"
    assert data["directions"] == ["environment"]
    response = client.patch(
        f"{BASE}/{actors.org.id}",
        json.dumps({"kind": "registered"}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "bin" in response.json()["errors"]


def test_update_of_a_registered_organisation_keeps_its_bin(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    # A PATCH without "bin" used to send an empty BIN: every change was refused with
    # "a registered organisation needs its BIN".
    org = actors.org
    Organization.objects.filter(pk=org.pk).update(kind="registered", bin=valid_bin())
    org.directions.add(f.direction("education"))
    client = client_for(actors.coordinator)
    response = client.patch(
        f"{BASE}/{org.id}", json.dumps({"city": "Алатау"}), content_type="application/json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["bin"] == valid_bin() and response.json()["city"] == "Алатау"
    response = client.patch(
        f"{BASE}/{org.id}", json.dumps({"bin": None}), content_type="application/json"
    )
    assert response.status_code == 400 and "bin" in response.json()["errors"]


def test_verify_permissions(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(verification=Organization.Verification.UNVERIFIED)
    url = f"{BASE}/{org.id}/verification"
    payload = json.dumps({"decision": "verified"})
    for who in ("other_operator", "analyst", "coordinator", "volunteer", "helpline"):
        response = client_for(getattr(actors, who)).post(
            url, payload, content_type="application/json"
        )
        assert response.status_code == 403, who
    assert client_for(None).post(url, payload, content_type="application/json").status_code == 401
    org.refresh_from_db()
    assert org.verification == "unverified"
    response = client_for(actors.operator).post(url, payload, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["verification"] == "verified"
    org.refresh_from_db()
    assert org.verified_by == actors.operator


def test_refusal_via_api_needs_note(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(verification=Organization.Verification.UNVERIFIED)
    client = client_for(actors.operator)
    url = f"{BASE}/{org.id}/verification"
    response = client.post(
        url, json.dumps({"decision": "rejected"}), content_type="application/json"
    )
    assert response.status_code == 400 and "note" in response.json()["errors"]
    response = client.post(
        url,
        json.dumps({"decision": "rejected", "note": "Duplicate"}),
        content_type="application/json",
    )
    assert response.status_code == 200


def test_token_authentication_works_for_writes(client, actors) -> None:  # type: ignore[no-untyped-def]
    from asar.accounts.tokens import api_token_create

    token = api_token_create(user=actors.coordinator, name="ci")
    response = client.patch(
        f"{BASE}/{actors.org.id}",
        json.dumps({"city": "Алатау"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 200
