from __future__ import annotations

import pytest

from asar.organizations.models import Membership, Organization
from tests import factories as f
from tests.organizations.factories import org_payload, valid_bin

pytestmark = pytest.mark.django_db


# --- public list and detail -----------------------------------------------------------


def test_list_is_public_and_filters(client, actors) -> None:  # type: ignore[no-untyped-def]
    pending = f.OrganizationFactory(
        name_ru="Новые соседи",
        home_region=f.region("KZ-71"),
        verification=Organization.Verification.UNVERIFIED,
    )
    refused = f.OrganizationFactory(
        name_ru="Отказано", verification=Organization.Verification.REJECTED
    )
    actors.org.directions.add(f.direction("environment"))
    body = client.get("/ru/organizations/").content.decode()
    assert "Добрые сердца" in body and "Новые соседи" in body
    assert refused.name_ru not in body
    # Unverified organisations are marked.
    assert 'data-verification="unverified"' in body

    body = client.get("/ru/organizations/?region=KZ-71").content.decode()
    assert "Новые соседи" in body and "Добрые сердца" not in body
    body = client.get("/ru/organizations/?verified=yes").content.decode()
    assert "Новые соседи" not in body and "Добрые сердца" in body
    body = client.get("/ru/organizations/?direction=environment").content.decode()
    assert "Добрые сердца" in body and "Чистый Шымкент" not in body
    body = client.get("/ru/organizations/?kind=registered").content.decode()
    assert "Добрые сердца" not in body
    body = client.get("/ru/organizations/?q=Шымкент").content.decode()
    assert "Чистый Шымкент" in body and pending.name_ru not in body


def test_list_keeps_the_valid_filters_when_one_is_wrong(client, actors) -> None:  # type: ignore[no-untyped-def]
    # An outdated region code in a shared link used to drop the search by name as well.
    body = client.get("/ru/organizations/?q=Шымкент&region=KZ-00").content.decode()
    assert "Чистый Шымкент" in body and "Добрые сердца" not in body


def test_list_htmx_returns_only_results(client, actors) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/en/organizations/", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert "<html" not in response.content.decode()


def test_list_paginates(client, db) -> None:  # type: ignore[no-untyped-def]
    f.OrganizationFactory.create_batch(25)
    first = client.get("/en/organizations/").content.decode()
    assert "Page 1 of 2" in first
    assert client.get("/en/organizations/?page=2").status_code == 200
    assert client.get("/en/organizations/?page=banana").status_code == 200


def test_detail_marks_unverified(client, actors) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(verification=Organization.Verification.UNVERIFIED)
    body = client.get(f"/en/organizations/{org.id}/").content.decode()
    assert 'data-verification="unverified"' in body
    assert "/edit/" not in body


def test_refused_organisation_hidden_from_public_but_not_from_its_people(
    client_for, actors
) -> None:  # type: ignore[no-untyped-def]
    Organization.objects.filter(pk=actors.org.pk).update(
        verification=Organization.Verification.REJECTED, verification_note="No documents"
    )
    url = f"/en/organizations/{actors.org.id}/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(actors.other_coordinator).get(url).status_code == 404
    assert client_for(actors.coordinator).get(url).status_code == 200
    assert client_for(actors.operator).get(url).status_code == 200
    assert client_for(actors.analyst).get(url).status_code == 200


def test_missing_organisation_is_404(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/en/organizations/999999/").status_code == 404


# --- registration -----------------------------------------------------------------------


def test_create_requires_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/en/organizations/new/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_any_signed_in_user_registers_and_becomes_owner(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.volunteer)
    assert client.get("/kk/organizations/new/").status_code == 200
    response = client.post("/kk/organizations/new/", org_payload())
    assert response.status_code == 302, response.context["form"].errors
    org = Organization.objects.get(name_kk="Жақсылық жасау қоры")
    assert org.verification == Organization.Verification.UNVERIFIED
    assert {r.iso_code for r in org.regions.all()} == {"KZ-75", "KZ-19"}
    assert Membership.objects.get(organization=org).user == actors.volunteer
    assert Membership.objects.get(organization=org).role == Membership.Role.OWNER
    # The new owner now has a dashboard with it.
    assert "Жақсылық жасау қоры" in client.get("/kk/organizations/dashboard/").content.decode()


def test_initiative_group_without_bin(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post(
        "/en/organizations/new/", org_payload(kind="initiative_group", bin="")
    )
    assert response.status_code == 302
    assert Organization.objects.get(name_kk="Жақсылық жасау қоры").bin is None


@pytest.mark.parametrize(
    ("overrides", "field", "fragment"),
    [
        ({"bin": ""}, "bin", "БСН"),
        ({"bin": "12345"}, "bin", "12 цифр"),
        ({"bin": valid_bin()[:11] + str((int(valid_bin()[11]) + 1) % 10)}, "bin", "Контрольная"),
        ({"kind": "initiative_group"}, "bin", "БСН"),
        ({"name_kk": ""}, "name_kk", "хотя бы на одном языке"),
        ({"directions": []}, "directions", ""),
        ({"website": "not a url"}, "website", ""),
    ],
)
def test_create_validation(client_for, actors, overrides, field, fragment) -> None:  # type: ignore[no-untyped-def]
    response = client_for(actors.volunteer).post("/ru/organizations/new/", org_payload(**overrides))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert field in errors
    assert fragment in " ".join(errors[field])
    assert not Organization.objects.filter(name_kk="Жақсылық жасау қоры").exists()


def test_duplicate_bin_refused(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    f.OrganizationFactory(kind="registered", bin=valid_bin())
    response = client_for(actors.volunteer).post("/en/organizations/new/", org_payload())
    assert "bin" in response.context["form"].errors


# --- edit -------------------------------------------------------------------------------


def _edit(client, org, **overrides):  # type: ignore[no-untyped-def]
    fields = {
        "kind": org.kind,
        "bin": org.bin or "",
        "name_kk": org.name_kk,
        "name_ru": org.name_ru,
        "home_region": org.home_region_id,
        "regions": [r.pk for r in org.regions.all()],
        "directions": [f.direction("education").pk],
    }
    payload = org_payload(**{**fields, **overrides})
    return client.post(f"/en/organizations/{org.id}/edit/", payload)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("coordinator", 302),
        ("other_coordinator", 403),
        ("volunteer", 403),
        ("operator", 403),
        ("admin", 302),
    ],
)
def test_edit_permissions(client_for, actors, who, status) -> None:  # type: ignore[no-untyped-def]
    client = client_for(getattr(actors, who))
    assert client.get(f"/en/organizations/{actors.org.id}/edit/").status_code == (
        200 if status == 302 else 403
    )
    response = _edit(client, actors.org, city="Алатау")
    assert response.status_code == status
    actors.org.refresh_from_db()
    assert (actors.org.city == "Алатау") is (status == 302)


def test_edit_anonymous_goes_to_login(client) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory()
    response = client.post(f"/en/organizations/{org.id}/edit/", {})
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_peer_coordinator_of_same_org_can_edit(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    peer = f.MembershipFactory(organization=actors.org, role=Membership.Role.COORDINATOR).user
    assert _edit(client_for(peer), actors.org, city="Алатау").status_code == 302


def test_identity_change_sends_back_to_verification(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.coordinator)
    _edit(client, actors.org, city="Алатау")
    actors.org.refresh_from_db()
    assert actors.org.verification == Organization.Verification.VERIFIED
    _edit(client, actors.org, kind="registered", bin=valid_bin(7))
    actors.org.refresh_from_db()
    assert actors.org.verification == Organization.Verification.UNVERIFIED
    assert actors.org.bin == valid_bin(7)


# --- coordinators -----------------------------------------------------------------------


def test_owner_adds_and_removes_a_coordinator(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.coordinator)
    url = f"/en/organizations/{actors.org.id}/coordinators/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"email": "VOLUNTEER@example.kz", "role": "coordinator"})
    assert response.status_code == 302
    membership = Membership.objects.get(organization=actors.org, user=actors.volunteer)
    # The new coordinator can edit but not manage coordinators.
    new = client_for(actors.volunteer)
    assert new.get(f"/en/organizations/{actors.org.id}/edit/").status_code == 200
    assert (
        new.post(url, {"email": "other.volunteer@example.kz", "role": "owner"}).status_code == 403
    )
    assert new.post(f"{url}{membership.id}/remove/").status_code == 403
    response = client.post(f"{url}{membership.id}/remove/")
    assert response.status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_add_unknown_or_duplicate_email(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.coordinator)
    url = f"/en/organizations/{actors.org.id}/coordinators/"
    response = client.post(url, {"email": "nobody@example.kz", "role": "coordinator"})
    assert "email" in response.context["form"].errors
    response = client.post(url, {"email": "coord@example.kz", "role": "coordinator"})
    assert "email" in response.context["form"].errors


def test_last_owner_cannot_be_removed(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    membership = actors.coordinator.memberships.get()
    client = client_for(actors.coordinator)
    client.post(f"/en/organizations/{actors.org.id}/coordinators/{membership.id}/remove/")
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_other_org_coordinators_are_forbidden(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.other_coordinator)
    url = f"/en/organizations/{actors.org.id}/coordinators/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"email": "other.coord@example.kz", "role": "owner"}).status_code == 403
    assert not Membership.objects.filter(
        organization=actors.org, user=actors.other_coordinator
    ).exists()


# --- dashboard --------------------------------------------------------------------------


def test_dashboard_lists_only_own_organisations(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    body = client_for(actors.coordinator).get("/ru/organizations/dashboard/").content.decode()
    assert "Добрые сердца" in body and "Чистый Шымкент" not in body
    assert client_for(None).get("/ru/organizations/dashboard/").status_code == 302
    body = client_for(actors.volunteer).get("/ru/organizations/dashboard/").content.decode()
    assert "Добрые сердца" not in body
