from __future__ import annotations

import pytest

from asar.organizations.models import Organization
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(actors) -> Organization:  # type: ignore[no-untyped-def]
    """An unverified organisation registered in Almaty city (KZ-75)."""
    return f.OrganizationFactory(
        name_ru="Ждёт проверки", verification=Organization.Verification.UNVERIFIED
    )


def test_queue_shows_only_own_region(client_for, actors, pending) -> None:  # type: ignore[no-untyped-def]
    shymkent = f.OrganizationFactory(
        name_ru="Шымкентская группа",
        home_region=f.region("KZ-79"),
        verification=Organization.Verification.UNVERIFIED,
    )
    body = client_for(actors.operator).get("/ru/organizations/verification/").content.decode()
    assert "Ждёт проверки" in body and shymkent.name_ru not in body
    body = client_for(actors.other_operator).get("/ru/organizations/verification/").content.decode()
    assert "Ждёт проверки" not in body and shymkent.name_ru in body


@pytest.mark.parametrize(
    ("who", "status"),
    [("analyst", 403), ("coordinator", 403), ("volunteer", 403), ("helpline", 403)],
)
def test_queue_forbidden_to_non_operators(client_for, actors, who, status) -> None:  # type: ignore[no-untyped-def]
    assert (
        client_for(getattr(actors, who)).get("/ru/organizations/verification/").status_code
        == status
    )


def test_queue_anonymous_goes_to_login(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/ru/organizations/verification/").status_code == 302


def test_operator_of_region_verifies(client_for, actors, pending) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    page = client.get(f"/ru/organizations/{pending.id}/verify/")
    assert page.status_code == 200
    # The decision's radio buttons are a group named by its legend (a label needs one control).
    body = page.content.decode()
    assert 'for=""' not in body and "<legend>Решение" in body
    response = client.post(f"/ru/organizations/{pending.id}/verify/", {"decision": "verify"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification == Organization.Verification.VERIFIED
    assert pending.verified_by == actors.operator
    assert pending.verified_at is not None


def test_refusal_needs_a_note(client_for, actors, pending) -> None:  # type: ignore[no-untyped-def]
    client = client_for(actors.operator)
    response = client.post(f"/ru/organizations/{pending.id}/verify/", {"decision": "refuse"})
    assert response.status_code == 200
    assert "note" in response.context["form"].errors
    response = client.post(
        f"/ru/organizations/{pending.id}/verify/",
        {"decision": "refuse", "note": "Нет устава"},
    )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification == Organization.Verification.REJECTED
    assert pending.verification_note == "Нет устава"
    # The coordinators of a refused organisation see the reason on their dashboard.


@pytest.mark.parametrize(
    "who", ["other_operator", "analyst", "coordinator", "volunteer", "helpline"]
)
def test_others_cannot_verify(client_for, actors, pending, who) -> None:  # type: ignore[no-untyped-def]
    client = client_for(getattr(actors, who))
    assert client.get(f"/ru/organizations/{pending.id}/verify/").status_code == 403
    response = client.post(f"/ru/organizations/{pending.id}/verify/", {"decision": "verify"})
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.verification == Organization.Verification.UNVERIFIED


def test_anonymous_cannot_verify(client, pending) -> None:  # type: ignore[no-untyped-def]
    response = client.post(f"/ru/organizations/{pending.id}/verify/", {"decision": "verify"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.verification == Organization.Verification.UNVERIFIED


def test_coordinator_of_the_org_cannot_verify_it(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    Organization.objects.filter(pk=actors.org.pk).update(
        verification=Organization.Verification.UNVERIFIED
    )
    response = client_for(actors.coordinator).post(
        f"/ru/organizations/{actors.org.id}/verify/", {"decision": "verify"}
    )
    assert response.status_code == 403


def test_nav_shows_verification_to_operators_only(client_for, actors) -> None:  # type: ignore[no-untyped-def]
    assert (
        "/organizations/verification/"
        in client_for(actors.operator).get("/en/organizations/").content.decode()
    )
    assert (
        "/organizations/verification/"
        not in client_for(actors.analyst).get("/en/organizations/").content.decode()
    )


def test_owners_are_told_of_the_decision_once_in_their_language(
    client_for, actors, pending, django_capture_on_commit_callbacks
) -> None:  # type: ignore[no-untyped-def]
    from django.core import mail

    from asar.organizations import services
    from asar.organizations.models import Membership

    owner = f.MembershipFactory(organization=pending, role=Membership.Role.OWNER).user
    owner.preferred_language = "ru"
    owner.save()
    helper = f.MembershipFactory(organization=pending, role=Membership.Role.COORDINATOR).user
    with django_capture_on_commit_callbacks(execute=True):
        client_for(actors.operator).post(
            f"/kk/organizations/{pending.id}/verify/",
            {"decision": "refuse", "note": "Нет устава"},
        )
    assert [m.to for m in mail.outbox] == [[owner.email]]
    message = mail.outbox[0]
    assert "отказ" in message.subject.lower()
    assert "Нет устава" in message.body
    assert f"/organizations/{pending.id}/" in message.body
    assert helper.email not in message.to
    # A retried task does not send it again.
    assert services.verification_notice_send(organization_id=pending.id) is False
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("name", "shown"),
    [("«Жаңа толқын» ҚҚ", "«Жаңа толқын» ҚҚ расталды."), ("Жасыл аула", "«Жасыл аула» расталды.")],
)
def test_the_decision_quotes_a_name_only_when_it_has_no_quotes(
    client_for, actors, name, shown
) -> None:  # type: ignore[no-untyped-def]
    org = f.OrganizationFactory(
        name_kk=name, name_ru="", verification=Organization.Verification.UNVERIFIED
    )
    response = client_for(actors.operator).post(
        f"/kk/organizations/{org.id}/verify/", {"decision": "verify"}, follow=True
    )
    html = response.content.decode()
    assert shown in html and "««" not in html
