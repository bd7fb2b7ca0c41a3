"""Public operations authenticate optionally: a caller's personal token or session is used when
sent (``fits_me``, a coordinator's own unpublished figures), anyone else is anonymous; a wrong
token is refused; a session write without its CSRF token is served as anonymous."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from asar.accounts.auth import PUBLIC
from asar.accounts.models import User
from asar.accounts.tokens import api_token_create
from asar.api import api
from asar.organizations.models import Organization
from tests import factories as f

pytestmark = pytest.mark.django_db


def _token_client(user: User) -> Client:
    token = api_token_create(user=user, name="script")
    return Client(headers={"authorization": f"Bearer {token}"})


@pytest.fixture
def callers(actors, client_for) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {
        "anonymous": Client(),
        "session": lambda user: client_for(user),
        "token": _token_client,
    }


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_fits_me_applies_to_a_token_a_session_but_not_an_anonymous_caller(actors, callers) -> None:  # type: ignore[no-untyped-def]
    fits = f.PositionFactory(min_age=16)
    too_old = f.PositionFactory(min_age=60)  # the volunteer was born in 2000
    query = {"fits_me": "true"}
    assert _ids(callers["anonymous"].get("/api/v1/positions", query)) == {fits.id, too_old.id}
    for how in ("session", "token"):
        client = callers[how](actors.volunteer)
        assert _ids(client.get("/api/v1/positions", query)) == {fits.id}, how


def test_a_coordinator_reads_the_unpublished_value_of_their_organisation_with_a_token(
    actors, callers
) -> None:  # type: ignore[no-untyped-def]
    org = actors.org
    assert not org.value_public
    url = f"/api/v1/reports/organizations/{org.id}/value"
    assert callers["anonymous"].get(url).status_code == 404
    assert callers["token"](actors.other_coordinator).get(url).status_code == 404
    for how in ("session", "token"):
        response = callers[how](actors.coordinator).get(url)
        assert response.status_code == 200, how
        assert response.json()["organization_id"] == org.id


def test_a_refused_organisation_is_seen_by_its_coordinator_with_a_token(actors, callers) -> None:  # type: ignore[no-untyped-def]
    org = actors.org
    Organization.objects.filter(pk=org.pk).update(verification=Organization.Verification.REJECTED)
    url = f"/api/v1/organizations/{org.id}"
    assert callers["anonymous"].get(url).status_code == 404
    assert callers["token"](actors.other_coordinator).get(url).status_code == 404
    assert callers["token"](actors.coordinator).get(url).json()["id"] == org.id


@pytest.mark.parametrize("scheme", ["Token", "Bearer"])
def test_a_wrong_token_is_refused_on_a_public_operation(scheme: str) -> None:
    client = Client(headers={"authorization": f"{scheme} no-such-token"})
    response = client.get("/api/v1/positions", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Войдите или передайте действующий личный API-токен (Authorization: Token <key>)."
    }
    assert client.get("/api/v1/geo/regions").status_code == 401
    # Another scheme (a proxy's Basic credentials) is not ours: the caller is anonymous.
    other = Client(headers={"authorization": "Basic dXNlcjpwYXNz"})
    assert other.get("/api/v1/positions").status_code == 200


def test_a_session_write_without_csrf_token_is_served_as_anonymous(actors) -> None:  # type: ignore[no-untyped-def]
    request = RequestFactory().post("/api/v1/passport/verify", {}, content_type="application/json")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    request.user = actors.volunteer  # what the session middleware found
    assert not PUBLIC(request).is_authenticated
    assert not request.user.is_authenticated
    # The same write as a read is the signed-in volunteer.
    request = RequestFactory().get("/api/v1/positions")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = "a-session"
    request.user = actors.volunteer
    assert PUBLIC(request) == actors.volunteer


def test_public_operations_document_optional_authentication() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    positions = schema["paths"]["/api/v1/positions"]["get"]
    assert positions["security"] == [{"TokenAuth": []}, {"SessionAuth": []}, {}]
    mine = schema["paths"]["/api/v1/applications"]["post"]
    assert mine["security"] == [{"TokenAuth": []}, {"SessionAuth": []}]
    assert set(schema["components"]["securitySchemes"]) == {"TokenAuth", "SessionAuth"}
