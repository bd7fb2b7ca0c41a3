"""Cross-site request forgery: every state-changing page and API operation of the matrix,
sent with a valid session cookie but no CSRF token (what a forged cross-site form does), is
refused with 403 — for a role the matrix allows. A personal API token needs no CSRF token
(it is not sent by browsers on their own)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from tests.security.matrix import ROWS, Row
from tests.security.test_authorization_matrix import _send
from tests.security.world import ROLES, World

pytestmark = pytest.mark.django_db

UNSAFE = [
    pytest.param(row, id=row.id)
    for row in ROWS
    if row.method != "GET"
    and row.allow - set(row.expect)  # someone may do it …
    and "anonymous" not in row.allow  # … as themselves (public actions: nothing to forge)
]


def _allowed_role(row: Row) -> str:
    return next(role for role in ROLES if role in row.allow and role not in row.expect)


@pytest.mark.parametrize("row", UNSAFE)
def test_unsafe_request_without_csrf_token_is_refused(world: World, row: Row) -> None:
    role = _allowed_role(row)
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[role]
    before = row.noop(world) if row.noop else None
    response = _send(client, row, world)
    assert response.status_code == 403, f"{row.id} as {role}: {response.status_code}"
    if row.noop:
        assert row.noop(world) == before


def test_api_token_needs_no_csrf_token(world: World) -> None:
    from asar.accounts import services

    secret = services.token_issue(user=world.users["volunteer"], name="csrf-test")
    client = Client(enforce_csrf_checks=True)
    response = client.patch(
        "/api/v1/volunteers/me",
        {"settlement": "Алматы"},
        content_type="application/json",
        headers={"authorization": f"Token {secret}"},
    )
    assert response.status_code == 200
